"""Named checks that keep or drop a trigger's reading: handled weapons, attacks with a weapon,
descriptions of the treaty, generic talk, funding, headlines' futures.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from treatywatch.extract.lexicon import load_lexicon
from treatywatch.extract.modality import Cues
from treatywatch.extract.roles import _LIGHT_VERBS, _by_agent_on_noun
from treatywatch.extract.slots import _TREATY_NOUNS, _object_of
from treatywatch.extract.triggers import _ANAPHORIC, _weapon_before
from treatywatch.extract.weapons import WeaponMention
from treatywatch.model import Weapon

_STOCK_WEAK = frozenset({"have", "hold", "possess", "keep", "maintain", "store", "stock"})


def _accusation_in(sent: Span) -> bool:
    """Whether a sentence speaks of an accusation (accuse, allegation, charge, blame...) or
    rebuts one (calls the evidence "staged", "fake", "propaganda")."""
    m = load_lexicon().modality
    words = m.get("allege", frozenset()) | m.get("allege_nouns", frozenset())
    rebuttal = m.get("rebuttal", frozenset())
    return any(
        (t.lemma_.lower() in words and t.lemma_.lower() != "report") or t.lower_ in rebuttal
        for t in sent
    )


def _treaty_described(tok: Token) -> bool:
    """A sentence whose main clause is about the treaty itself ("The convention is a treaty
    adopted in Dublin after concerns about ... casualties"): its acts describe, not report."""
    root = tok.sent.root
    if root.lemma_.lower() != "be":
        return False
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and subj.lemma_.lower() in _TREATY_NOUNS and tok.i != subj.i


_FUNDING_WORDS = frozenset(
    {
        "fund",
        "funding",
        "grant",
        "aid",
        "money",
        "contribution",
        "donation",
        "budget",
        "dollar",
        "mln",
        "million",
        "billion",
        "euro",
        "allocate",
        "earmark",
        "pledge",
        "allocation",
    }
)


def _funded_purpose(tok: Token) -> bool:
    """An act named as what money is for ("allocates EUR 2 mln for humanitarian demining",
    "$2 million for clearance"): paid for, still to be done."""
    cur = tok
    while cur.dep_ in ("compound", "amod") and cur.head.i != cur.i:
        cur = cur.head
    prep = cur.head
    if cur.dep_ != "pobj" or prep.lower_ != "for":
        return False
    payee = prep.head
    return payee.ent_type_ == "MONEY" or payee.lemma_.lower() in _FUNDING_WORDS


def _handled_weapon(verb: Token, weapon: WeaponMention) -> bool:
    """The weapon is what the verb acts on: its object, its passive subject, or the noun the
    participle describes ("throwing mines", "mines were buried", "a mine buried by ...")."""
    return (
        _object_of(weapon.root, verb)
        or (verb.dep_ in ("acl", "amod") and verb.head.i in weapon.tokens)
        or _weapon_before(verb, [weapon]) is not None
        or any(c.dep_ == "nsubjpass" and c.i in weapon.tokens for c in verb.children)
    )


def _attack_verbs() -> frozenset[str]:
    raw = load_lexicon().raw.get("acts", {}).get("attack_verbs", {})
    return frozenset(raw.get("lemmas", []))


def _attacked_with(verb: Token, weapon: WeaponMention) -> bool:
    """An attack verb reports a use of cluster munitions carried in its "with" phrase or as its
    object ("rained down cluster bombs", "struck the town with missiles loaded with cluster
    bombs")."""
    if weapon.weapon != Weapon.CLUSTER_MUNITION:
        return False
    if _object_of(weapon.root, verb):
        return True
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "with":
            if {t.i for t in child.subtree} & weapon.tokens:
                return True
    return False


def _announcing(cues: Cues) -> bool:
    return cues.announced or cues.reported_would


def _headline_future(tok: Token) -> bool:
    """ "Poland to produce mines": a headline infinitive is a plan."""
    if tok.dep_ in ("xcomp", "pcomp") and tok.head.lemma_.lower() in _LIGHT_VERBS:
        tok = tok.head  # "Finland to start producing mines"
    has_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    return has_to and (
        tok.dep_ in ("ROOT", "acl", "relcl", "ccomp") or tok.head.pos_ in ("NOUN", "PROPN")
    )


def headline_present(tok: Token) -> bool:
    """ "Estonia quits the Ottawa Convention", "Ukraine suspends the treaty": a headline tells
    what has happened in the simple present (no "to", "will" or progressive)."""
    return (
        tok.pos_ == "VERB"
        and tok.tag_ in ("VBZ", "VBP")
        and tok.dep_ in ("ROOT", "ccomp", "conj")
        and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
    )


_NOT_HOLDINGS = frozenset(
    {
        "evidence",
        "proof",
        "footage",
        "photo",
        "photograph",
        "image",
        "video",
        "report",
        "information",
        "knowledge",
        "record",
        "map",
        "data",
        "concern",
        "history",
        "experience",
    }
)


def _held_thing(weapon: Token, obj: Token) -> bool:
    """ "has 3,000 mines", "holds a stock of mines" — not "has a painful history with
    cluster munitions": between the object and the weapon only "of" may stand."""
    if obj.lemma_.lower() in _NOT_HOLDINGS:
        return False  # "had evidence of 1,000 recently laid mines": a claim, not a stock
    cur = weapon
    while cur.i != obj.i and cur.head.i != cur.i:
        if cur.dep_ == "pobj" and cur.head.lower_ != "of":
            return False
        if cur.dep_ in ("acl", "relcl", "xcomp", "advcl", "ccomp"):
            return False  # "had no plans to send mines"
        cur = cur.head
    return True


def _participle_description(tok: Token) -> bool:
    """ "mines laid during decades of war", "Russian-made mines", "mines scattered across the
    country": a participle on a weapon noun describes contamination or origin unless it names
    who did it ("mines laid by the FARC")."""
    if tok.i > 0 and tok.doc[tok.i - 1].text in ("-", "–") and tok.lower_ == "made":
        return True
    if tok.dep_ in ("amod", "acl") and tok.tag_ == "VBN":
        if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children):
            return False  # "allegations that it had laid mines": a clause, not a participle
        if any(c.dep_ == "agent" for c in tok.children):
            return False
        return _by_agent_on_noun(tok) is None  # "..., allegedly by the RSF" names who did it
    return False


def _generic(tok: Token) -> bool:
    """'They often leave victims mutilated': a generic statement, no incident."""
    for t in [tok, *tok.ancestors]:
        for child in t.children:
            if child.dep_ == "advmod" and child.lower_ in (
                "often",
                "usually",
                "typically",
                "can",
                "sometimes",
                "frequently",
            ):
                return True
            if child.dep_ == "aux" and child.lemma_ in ("can", "may", "might", "could", "would"):
                return True
        if t.dep_ in ("ccomp", "ROOT"):
            break
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if (
        subj is not None
        and subj.lower_ in ("they", "victims", "people")
        and not any(c.pos_ == "NUM" for c in subj.children)
    ):
        return True
    return False


_FIELD_WORDS = frozenset(
    {"area", "field", "minefield", "ground", "territory", "land", "road", "village", "farmland"}
)


def _destroyed_weapons(verb: Token, weapon: WeaponMention) -> bool:
    """The destroyed thing is the weapon itself (or "those", "them" standing for it), not a
    house or a vehicle that mines destroyed."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None:
        return False
    for prep in (c for t in (verb, obj) for c in t.children if c.dep_ == "prep"):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.lemma_.lower() in _FIELD_WORDS:
            return False  # "destroy mines in mined areas": clearance, not a stockpile
    return obj.i in weapon.tokens or obj.i == weapon.root.i or obj.lower_ in _ANAPHORIC | {"them"}


_CONTAMINATION = re.compile(r"field|area|affected|contaminat|belt", re.I)
