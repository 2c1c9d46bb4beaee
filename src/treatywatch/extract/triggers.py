"""The trigger stage: which token is an act (the frame files' lexemes by part of speech, and
the participles that lay a mine: 'set by', 'left by'), and the weapon an anaphor stands for.
"""

from __future__ import annotations

from spacy.tokens import Token

from treatywatch.extract.actors import (
    ArticleContext,
)
from treatywatch.extract.frames import (
    agent_noun_triggers,
    joined_class_triggers,
    phrasal_triggers,
)
from treatywatch.extract.lexicon import load_lexicon
from treatywatch.extract.weapons import WeaponMention
from treatywatch.model import Act, Weapon


def _joined_class(tok: Token, lemma: str) -> str | None:
    """ "joins the signatories", "joined the ranks of signatories", "became a signatory": the
    act of the class a joining verb puts its subject in (lexicon [acts.class_joiners])."""
    joiners = load_lexicon().raw.get("acts", {}).get("class_joiners", {})
    if lemma not in joiners.get("lemmas", ()):
        return None
    classes = joined_class_triggers()
    collectives = joiners.get("collectives", ())
    for obj in tok.children:
        if obj.dep_ not in ("dobj", "attr"):
            continue
        if obj.lemma_.lower() in classes:
            return classes[obj.lemma_.lower()]
        if obj.lemma_.lower() in collectives:
            for prep in obj.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and pobj.lemma_.lower() in classes:
                            return classes[pobj.lemma_.lower()]
    return None


def _act_of(tok: Token) -> Act | None:
    lex = load_lexicon()
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX"):
        joined = _joined_class(tok, lemma)
        if joined:
            return Act(joined)
    if (
        tok.pos_ in ("VERB",)
        or (tok.pos_ == "ADJ" and tok.tag_ == "VBN")
        or tok.tag_ in ("VBN", "VBG", "VBD")
    ):
        act = lex.act_verbs.get(lemma) or lex.act_verbs.get(tok.lower_)
        if act and approves_act(tok):
            return None  # "clears the shipment of mines": an approval of the act its noun names
        if act:
            return Act(act)
    if tok.pos_ in ("NOUN", "PROPN"):
        act = lex.act_nouns.get(lemma) or lex.act_nouns.get(tok.lower_)
        if act:
            return Act(act)
    if (
        tok.pos_ == "NOUN"
        and tok.dep_ in ("attr", "oprd")
        and tok.head.lemma_.lower() in ("be", "remain", "become", "stay")
    ):
        # "Myanmar remains a producer of anti-personnel mines": the predicate names the actor
        act = agent_noun_triggers().get(lemma)
        if act:
            return Act(act)
    if tok.pos_ == "NOUN" and tok.dep_ == "appos" and tok.head.ent_type_ == "GPE":
        # headline "Estonia never a producer of mines": the copula left out
        act = agent_noun_triggers().get(lemma)
        if act:
            return Act(act)
    if tok.pos_ == "VERB":
        # "blew up its final stock", "got rid of its mines": the frames' PHRASAL triggers
        phrasal = phrasal_triggers()
        for child in tok.children:
            if child.dep_ in ("prt", "prep"):
                act = phrasal.get((lemma, child.lower_)) or phrasal.get((tok.lower_, child.lower_))
                if act:
                    return Act(act)
    if tok.pos_ == "VERB" and _declared_clear(tok):
        return Act.CLEAR  # "HALO declared twelve minefields safe"
    if (
        lemma == "free"
        and tok.pos_ == "ADJ"
        and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
    ):
        return Act.CLEAR  # "declared itself free of landmines"
    if tok.lower_.endswith("-free") and tok.lower_.split("-")[0] in ("mine", "landmine"):
        return Act.CLEAR
    if (
        lemma == "free"
        and tok.i >= 2
        and tok.doc[tok.i - 1].text == "-"
        and tok.doc[tok.i - 2].lower_ in ("mine", "landmine")
    ):
        return Act.CLEAR  # "becomes landmine-free", tokenised "landmine - free"
    if (
        tok.dep_ == "ROOT"
        and tok.pos_ in ("ADV", "ADJ", "NOUN", "PROPN")
        and any(c.dep_ == "nsubj" for c in tok.children)
        and tok.lower_ in lex.act_verbs
    ):
        # "Chilean soldiers clear last landmines": a headline verb the tagger took for another
        # part of speech, with its subject
        return Act(lex.act_verbs[tok.lower_])
    return None


def _declared_clear(tok: Token) -> bool:
    """ "declared twelve minefields safe", "certified the area mine-free": a declaring verb
    (lexicon acts.declared_clear) with land as its object and a cleared state after it (the
    parser hangs the adjective anywhere under the verb)."""
    words = load_lexicon().raw["acts"].get("declared_clear", {})
    if tok.lemma_.lower() not in words.get("lemmas", ()):
        return False
    land = words.get("land", ())
    for state in tok.subtree:
        if state.i <= tok.i or state.pos_ != "ADJ" or state.lower_ not in words.get("states", ()):
            continue
        # the land as the verb's object, or as the subject of its small clause ("declared the
        # last minefield in X safe", parsed as "[the minefield] safe")
        objects = [c for c in tok.children if c.dep_ == "dobj" and c.i < state.i]
        objects += [c for c in state.children if c.dep_ == "nsubj"]
        if any(o.lemma_.lower() in land for o in objects):
            return True
    return False


def approves_act(tok: Token) -> bool:
    """ "Washington clears shipment of mines", "the delivery was cleared by the Pentagon": an
    approving verb (lexicon [acts.approving]) whose object is another act's noun."""
    lex = load_lexicon()
    acts = lex.raw.get("acts", {})
    verbs = {
        *acts.get("approving", {}).get("lemmas", ()),
        *acts.get("support_verbs", {}).get("lemmas", ()),
    }
    if tok.lemma_.lower() not in verbs:
        return False  # (support verbs: "gave assistance to Russian forces" is an assistance)
    own = lex.act_verbs.get(tok.lemma_.lower())
    return any(
        c.dep_ in ("dobj", "nsubjpass") and lex.act_nouns.get(c.lemma_.lower(), own) != own
        for c in tok.children
    )


def _is_become_party(tok: Token) -> bool:
    if tok.lemma_.lower() != "become":
        return False
    return any(
        c.dep_ in ("attr", "acomp") and c.lemma_.lower() in ("party", "member")
        for c in tok.children
    )


_ANAPHORIC = frozenset({"such", "these", "those", "same"})


def _antecedent(wm: WeaponMention, ctx: ArticleContext) -> WeaponMention:
    """ "such mines", "these landmines": the type named before (anti-personnel mines)."""
    last = ctx.last_weapon
    if (
        wm.weapon == Weapon.MINE
        and last is not None
        and last != Weapon.MINE
        and last.family == wm.weapon.family
        and any(c.lower_ in _ANAPHORIC for c in wm.root.children)
    ):
        return WeaponMention(wm.span, last)
    return wm


def _weapon_before(participle: Token, weapons: list[WeaponMention]) -> WeaponMention | None:
    """The weapon noun right before a participle with a "by" after it, whatever the parser hung
    the participle on ("an explosion caused by a landmine buried on the roadside by X")."""
    if participle.tag_ != "VBN" or participle.dep_ not in ("acl", "amod") or participle.i == 0:
        return None
    if not any(c.dep_ in ("agent", "prep") and c.lower_ == "by" for c in participle.children):
        return None
    before = participle.doc[participle.i - 1]
    return next((wm for wm in weapons if before.i in wm.tokens and wm.root.i == before.i), None)


def _group_by(tok: Token) -> Token | None:
    """An armed group named in a "by" anywhere under `tok` ("as a gift by Al-Shabaab fighters")."""
    for t in tok.subtree:
        if t.lower_ != "by":
            continue
        for pobj in t.children:
            if pobj.dep_ != "pobj":
                continue
            for g in [pobj, *pobj.children]:
                if g.ent_type_ == "NSAG":
                    return g
    return None


def _listed_weapon(tok: Token, weapons: list[WeaponMention]) -> WeaponMention | None:
    """The weapon heading the list a participle follows or hangs on ("mines, booby traps and
    ordnance left by ...")."""
    for start in (tok.doc[max(tok.i - 1, 0)], tok.head):
        chain = [start]
        while chain[-1].dep_ == "conj" and chain[-1].head is not chain[-1]:
            chain.append(chain[-1].head)
        for t in reversed(chain):  # the head of the list first
            found = next((wm for wm in weapons if wm.root.i == t.i), None)
            if found is not None:
                return found
    return None


def _left_by(tok: Token, weapons: list[WeaponMention]) -> bool:
    """ "mines left by the rebels": "left" with a "by" on a weapon noun is laying it."""
    if tok.lemma_.lower() != "leave" or tok.tag_ != "VBN" or tok.dep_ not in ("acl", "amod"):
        return False
    if not any(c.dep_ == "agent" and c.lower_ == "by" for c in tok.children) and (
        _group_by(tok) is None
    ):
        return False  # "left as a parting gift by Haftar's fighters"
    if _listed_weapon(tok, weapons) is not None:
        return True
    return _weapon_before(tok, weapons) is not None or any(
        tok.head.i in wm.tokens for wm in weapons
    )


_ATTACK_NOUNS = frozenset({"attack", "strike", "assault", "bombardment", "shelling", "raid"})


def _using_in_attacks(tok: Token) -> bool:
    """ "attacks (were carried out) ... using X": a subjectless "using" in a clause whose subject
    is attacks."""
    if tok.lemma_.lower() != "use" or tok.tag_ != "VBG":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    head = tok.head
    for _ in range(5):
        if head.pos_ in ("VERB", "AUX"):
            for c in head.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    return any(t.lemma_.lower() in _ATTACK_NOUNS for t in c.subtree)
        if head.head is head:
            break
        head = head.head
    return False


def _set_by(tok: Token) -> bool:
    """ "a landmine set by the rebels": "set" with an agent on a weapon noun is laying it."""
    return (
        tok.lemma_.lower() == "set"
        and tok.dep_ == "acl"
        and tok.tag_ == "VBN"
        and any(c.dep_ == "agent" for c in tok.children)
    )
