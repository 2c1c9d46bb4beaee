"""The frame stage: the weapon and the treaty a trigger takes (its object, its prepositions,
the sentence around it).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from treatywatch.extract.actors import (
    ArticleContext,
)
from treatywatch.extract.gates import support_clause
from treatywatch.extract.lexicon import load_lexicon
from treatywatch.extract.triggers import _listed_weapon, _weapon_before
from treatywatch.extract.weapons import WeaponMention
from treatywatch.model import Act, Treaty, Weapon

_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "conj", "csubj"})


def _subtree_limited(tok: Token, allow_advcl: bool = False) -> list[Token]:
    """Tokens under `tok`, not entering subordinate clauses (nor relative clauses)."""
    out = [tok]
    stack = list(tok.children)
    while stack:
        cur = stack.pop()
        if cur.dep_ in _CLAUSE_DEPS and not (allow_advcl and cur.dep_ in ("advcl", "conj")):
            if cur.dep_ == "conj" and cur.pos_ in ("NOUN", "PROPN"):
                pass
            else:
                continue
        out.append(cur)
        stack.extend(cur.children)
    return out


_GENERIC_WEAPON_WORDS = frozenset({"weapon", "munition", "device", "explosive", "ordnance"})


_STOCK_WORDS = frozenset({"stockpile", "stock", "stocks", "stockpiled", "arsenal"})


def _direct(tok: Token, trigger: Token) -> bool:
    head = tok.head
    if head.i == trigger.i:
        return True
    return head.dep_ in ("prep", "agent") and head.head.i == trigger.i


_HOW_HURT = frozenset({"when", "after", "as", "while"})


def _weapon_for(
    trigger: Token, weapons: list[WeaponMention], act: Act, ctx: ArticleContext | None = None
) -> WeaponMention | None:
    if not weapons:
        # "planting the explosives", "destroying its stockpile": the article's weapon
        for tok in _subtree_limited(trigger):
            if tok.i == trigger.i or not _direct(tok, trigger):
                continue
            lemma = tok.lemma_.lower()
            if tok.dep_ in ("dobj", "pobj", "nsubjpass") and (
                lemma in _GENERIC_WEAPON_WORDS or tok.lower_ in ("them", "these", "those")
            ):
                if (
                    ctx is not None
                    and ctx.improvised
                    and act == Act.USE
                    and lemma in ("device", "explosive")
                ):
                    # "jihadists have planted explosive devices" where the article's IEDs are
                    # improvised (victim-activated) mines, see the prefilter
                    return WeaponMention(trigger.doc[tok.i : tok.i + 1], Weapon.IMPROVISED_MINE)
                if ctx is not None and ctx.last_weapon is not None:
                    return WeaponMention(trigger.doc[tok.i : tok.i + 1], ctx.last_weapon)
            if lemma in _STOCK_WORDS and act in (Act.STOCKPILE, Act.DESTROY_STOCKPILE, Act.RETAIN):
                if ctx is not None and ctx.treaty:
                    weapon = Weapon.AP_MINE if ctx.treaty == "apmbc" else Weapon.CLUSTER_MUNITION
                    return WeaponMention(trigger.doc[tok.i : tok.i + 1], weapon)
        return None
    # the trigger itself is a weapon word ("demining", "mine-laying", "booby-trapped")
    for wm in weapons:
        if trigger.i in wm.tokens:
            return wm
    # participle on a weapon noun: "freshly laid landmines", "landmines laid during the war"
    if trigger.dep_ in ("amod", "acl", "relcl") or (
        trigger.dep_ == "compound" and trigger.tag_ in ("VBZ", "VBP", "VBD")
    ):
        # ("the army plants mines" read as a compound "plants mines": still the verb and its
        # object)
        for wm in weapons:
            if trigger.head.i in wm.tokens:
                return wm
        before = _weapon_before(trigger, weapons)
        if act == Act.USE and trigger.lemma_.lower() == "leave":
            before = _listed_weapon(trigger, weapons) or before
        if before is not None and act == Act.USE:
            return before  # "landmine buried on the roadside by X", the parser's head elsewhere
    scope = _subtree_limited(trigger, allow_advcl=act == Act.CASUALTY)
    if act == Act.ASSIST:
        # "helped the coalition carry out cluster bomb strikes"; "gave assistance to X in
        # laying mines": the support verb's clause
        scope = list(support_clause(trigger).subtree)
    if act == Act.CASUALTY and trigger.pos_ == "NOUN" and trigger.head.i != trigger.i:
        # "records civilian casualties almost daily from mine explosions"
        scope = scope + [
            t
            for prep in trigger.head.subtree
            if prep.dep_ == "prep" and prep.lower_ == "from"
            for t in prep.subtree
        ]
    if act == Act.CASUALTY and trigger.head.i != trigger.i:
        # "soldiers were wounded when one stepped on a mine, the army said": the parser hung the
        # "when" clause on the speech verb; it still tells how the victims were hurt
        scope = scope + [
            t
            for clause in trigger.head.children
            if clause.dep_ == "advcl"
            and clause.i > trigger.i
            and any(c.lower_ in _HOW_HURT for c in clause.children if c.dep_ in ("mark", "advmod"))
            for t in clause.subtree
        ]
    if (
        act == Act.CASUALTY
        and trigger.dep_ == "advcl"
        and trigger.tag_ == "VBG"
        and trigger.head.lemma_.lower()
        in load_lexicon().raw["acts"].get("blast_verbs", {}).get("lemmas", ())
    ):
        # "a landmine exploded under a bus, killing six": the blast's device hurt them
        scope = scope + [t for c in trigger.head.children if c.dep_ == "nsubj" for t in c.subtree]
    # conjoined verbs share the object of their head: "develop or export mines"
    if trigger.dep_ == "conj" and trigger.head.pos_ in ("VERB", "NOUN"):
        own = {t.i for t in trigger.subtree}
        scope += [t for t in _subtree_limited(trigger.head) if t.i not in own]
    if trigger.dep_ == "xcomp" or (trigger.dep_ == "conj" and trigger.pos_ == "VERB"):
        pass
    ids = {t.i for t in scope}
    best: WeaponMention | None = None
    best_dist = 999
    for wm in weapons:
        if wm.root.i in ids or wm.tokens & ids:
            # "landmines and various IEDs had been laid": the head of a list, not a conjunct
            dist = abs(wm.root.i - trigger.i) + (50 if _in_conjunct(wm.root, trigger) else 0)
            if dist < best_dist:
                best, best_dist = wm, dist
    if best is not None:
        return best
    # pronoun or generic object ("them", "the controversial weapons"): the sentence's one weapon
    families = {wm.weapon for wm in weapons}
    for tok in scope:
        if not _direct(tok, trigger):
            continue
        if tok.dep_ in ("dobj", "pobj", "nsubjpass") and (
            tok.lower_ in ("them", "these", "those", "it")
            or tok.lemma_.lower() in _GENERIC_WEAPON_WORDS | {"one"}
        ):
            if len({_family(w) for w in families}) == 1:
                return weapons[0]
    return None


def _object_of(weapon: Token, verb: Token) -> bool:
    """The weapon is the verb's object, or a modifier of it ("dropped PFM-1 mines")."""
    obj = weapon if weapon.dep_ == "dobj" else weapon.head
    return (
        obj.dep_ == "dobj"
        and obj.head.i == verb.i
        and (obj is weapon or weapon.dep_ in ("nmod", "compound", "amod"))
    )


def _in_conjunct(tok: Token, top: Token) -> bool:
    cur = tok
    while cur.i != top.i and cur.head.i != cur.i:
        if cur.dep_ == "conj":
            return True
        cur = cur.head
    return False


def _family(weapon: Weapon) -> str:
    return weapon.family


# Acts whose treaty must be their own object: "signed the treaty", not "signed a decree to leave
# the treaty"; "ratified the convention", not "ratified the decision".
# "join" too: "joined the Baltic states in announcing a plan to withdraw" is no accession.
_DIRECT_OBJECT_ACTS = frozenset(
    {"sign", "ratify", "signature", "ratification", "signing", "join", "accede"}
)


# Words that make a treaty noun some other treaty ("the Treaty on the Prohibition of Nuclear
# Tests", "the INF treaty", "arms control pacts"): not the mine or cluster-munition treaty.
_OTHER_TREATY_WORDS = frozenset(
    {
        "nuclear",
        "test",
        "tests",
        "missile",
        "missiles",
        "ballistic",
        "chemical",
        "biological",
        "arms",
        "armed",
        "forces",
        "cfe",
        "inf",
        "start",
        "npt",
        "ctbt",
        "trade",
        "climate",
        "sky",
        "skies",
        "space",
        "proliferation",
        "non-proliferation",
        "warhead",
        "warheads",
        "border",
        "peace",
        "ceasefire",
        "cease-fire",
        "extradition",
        "friendship",
        "cooperation",
        "nato",
        "schengen",
        "refugee",
        "refugees",
        "torture",
        "rights",
        "human",
        "grain",
        "intermediate",
        "range",
        "equipment",
        "conventional",
        "partnership",
        "security",
    }
)


_OUR_WEAPON_WORDS = ("mine", "munition", "cluster", "bomblet", "landmine")


def _other_treaty(noun: Token) -> bool:
    """Whether a common treaty noun names another treaty by its own words ("the Treaty on the
    Prohibition of Nuclear Tests", "the Open Skies treaty", "the INF Treaty")."""
    words: list[Token] = []
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod") or (
            child.dep_ == "prep" and child.lower_ in ("on", "of", "against", "banning")
        ):
            words.extend(child.subtree)
    lowered = [t.lower_ for t in words]
    if any(any(w in low for w in _OUR_WEAPON_WORDS) for low in lowered):
        return False
    return any(low in _OTHER_TREATY_WORDS for low in lowered)


def _under_acl(tok: Token, top: Token) -> bool:
    cur = tok
    while cur.i != top.i and cur.head.i != cur.i:
        if cur.dep_ in ("acl", "relcl"):
            return True
        cur = cur.head
    return False


def _direct_objects(trigger: Token) -> list[Token]:
    out: list[Token] = []
    for child in trigger.children:
        if (
            child.dep_ in ("dobj", "nsubjpass", "attr")
            or (child.dep_ == "prep" and child.lower_ in ("of", "to", "on", "onto"))
            or (child.dep_ == "prt" and child.lower_ in ("up", "on"))
        ):
            out.extend(t for t in _subtree_limited(child) if not _under_acl(t, child))
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("pobj", "dobj"):
        pass
    return out


def _treaties_for(trigger: Token, doc: Doc, ctx: ArticleContext) -> list[Treaty]:
    """Every treaty a treaty act names ("withdraw from the Ottawa Convention and the CCM")."""
    domestic = load_lexicon().raw["acts"].get("domestic_instruments", {}).get("lemmas", ())
    if any(c.dep_ == "dobj" and c.lemma_.lower() in domestic for c in trigger.children):
        return []  # "signed a decree on Ukraine's withdrawal from the treaty": a law at home
    scope = _subtree_limited(trigger)
    if trigger.dep_ in ("xcomp", "acl", "advcl") or trigger.pos_ == "NOUN":
        scope = scope + [t for t in trigger.head.subtree if t.i > trigger.i]
    if trigger.lemma_.lower() in _DIRECT_OBJECT_ACTS:
        scope = _direct_objects(trigger)
    if trigger.dep_ == "compound" and trigger.pos_ == "VERB":
        # headline "Poland ratifies treaty banning mines", the verb misparsed as a compound of
        # its object: the noun it hangs on is the object
        scope = scope + list(trigger.head.subtree)
    named = sorted(
        {t.i: Treaty(t.ent_id_) for t in scope if t.ent_type_ == "TREATY" and t.ent_id_}.items()
    )
    found: list[Treaty] = []
    for _i, treaty in named:
        if treaty not in found:
            found.append(treaty)
    if found:
        return found
    one = _treaty_for(trigger, doc, ctx, scope)
    if one is None and trigger.pos_ == "NOUN":
        # "no longer a party to the CCM as of Thursday, when its withdrawal took effect": a
        # bare noun act is about the one treaty its sentence names
        in_sent = {t.ent_id_ for t in trigger.sent if t.ent_type_ == "TREATY" and t.ent_id_}
        if len(in_sent) == 1:
            one = Treaty(in_sent.pop())
    return [one] if one else []


def _treaty_for(trigger: Token, doc: Doc, ctx: ArticleContext, scope: list[Token]) -> Treaty | None:
    for tok in scope:
        if tok.lemma_.lower() in _TREATY_NOUNS and tok.pos_ in ("NOUN", "PROPN") and ctx.treaty:
            if tok.lemma_.lower() == "agreement" and not any(t.ent_type_ == "TREATY" for t in doc):
                continue
            if _other_treaty(tok):
                return None  # the act is about a treaty the article names otherwise
            return Treaty(ctx.treaty)
        if tok.lower_ in ("party", "parties", "signatory") and ctx.treaty:
            return Treaty(ctx.treaty)
    return None


_TREATY_NOUNS = frozenset({"convention", "treaty", "protocol", "ban"})


def recipient_heads(trigger: Token) -> list[Token]:
    """Where a transfer's "to"/"for" may hang: the trigger, and for a noun trigger the weapon
    it names ("shipment of mines for Ukraine") and the approving verb that takes it as object
    ("approved the transfer of mines to Kyiv")."""
    heads = [trigger]
    if trigger.pos_ == "NOUN":
        heads += [p for c in trigger.children if c.lower_ == "of" for p in c.children]
        announce = load_lexicon().modality.get("announce", ())
        if trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in announce:
            heads.append(trigger.head)
    return heads


def condition_phrase(pobj: Token) -> bool:
    """ "(in) the event of a Russian invasion", "(in) case of war": a condition, no place."""
    m = load_lexicon().modality
    return pobj.lemma_.lower() in m.get("condition_nouns", ()) and any(
        t.lemma_.lower() in m.get("condition_times", ()) for t in pobj.subtree
    )


def helps(tok: Token, noun: bool = False) -> bool:
    """ "assisted Cambodia in clearing", "helped the coalition drop" (or, with `noun`, "its
    assistance to the Tatmadaw in planting"): the one helped acts."""
    lex = load_lexicon()
    table = lex.act_nouns if noun else lex.act_verbs
    return tok.pos_ == ("NOUN" if noun else "VERB") and table.get(tok.lemma_.lower()) == "assist"


def carrier_verbs() -> frozenset[str]:
    """Verbs through which a noun act takes the verb's subject: plans ("announced a plan"),
    raises ("increased production") and support verbs ("gave assistance")."""
    lex = load_lexicon()
    m = lex.modality
    support = lex.raw["acts"].get("support_verbs", {}).get("lemmas", ())
    deposit = lex.raw["acts"].get("deposit_verbs", {}).get("lemmas", ())
    return frozenset({*m.get("announce", ()), *m.get("raise", ()), *support, *deposit})


def helped_by_noun(cur: Token, trigger: Token, came_from: Token) -> list[Token]:
    """The "to" objects of an assistance noun at `cur` (or the one `cur` gives) that a
    helped act climbing from `came_from` belongs to; none for the assistance itself."""
    aid = [cur] if helps(cur, noun=True) else []
    aid += [c for c in cur.children if c.dep_ == "dobj" and helps(c, noun=True)]
    if not aid or trigger.i in {a.i for a in aid}:
        return []
    heads = list({t.i: t for t in (cur, *aid)}.values())  # in order: a set's would vary
    tos = [c for t in heads for c in t.children if c.lower_ == "to"]
    return [p for c in tos for p in c.children if p.i != came_from.i]


_BAN_NOUNS = frozenset({"ban", "prohibition", "treaty", "convention", "pact"})


def ban_on_weapon(trigger: Token, weapons: list[WeaponMention]) -> list[Treaty]:
    """ "Colombia ratifies ban on cluster munitions", "joined the treaty against landmines":
    the ban a treaty act takes names the treaty of its weapon."""
    scope = list(trigger.subtree)
    if trigger.dep_ == "compound" or trigger.dep_ in ("xcomp", "acl"):
        scope += list(trigger.head.subtree)  # a headline verb misparsed as a compound
    for tok in scope:
        if tok.lemma_.lower() not in _BAN_NOUNS:
            continue
        for prep in (c for c in tok.children if c.lower_ in ("on", "of", "against")):
            inside = {t.i for t in prep.subtree}
            for wm in weapons:
                if wm.root.i in inside and wm.weapon == Weapon.CLUSTER_MUNITION:
                    return [Treaty.CCM]
                if wm.root.i in inside and wm.weapon in (Weapon.AP_MINE, Weapon.MINE):
                    return [Treaty.APMBC]
    return []
