"""Whose device or stock it is, and who decides: the owner of a weapon that hurt someone ("an
Israeli cluster bomb", "a mine laid by Armenian forces"), the state a stock lies in ("the
stockpile in Ukraine"), and whether the one who acts is a parliament ("the Rada voted to
suspend": a decision, not the exit).
"""

from __future__ import annotations

from spacy.tokens import Token

from treatywatch.extract.actors import Actor, ArticleContext
from treatywatch.extract.lexicon import load_lexicon
from treatywatch.extract.roles import _actors_of
from treatywatch.extract.slots import _STOCK_WORDS
from treatywatch.extract.triggers import _act_of
from treatywatch.extract.weapons import WeaponMention
from treatywatch.model import Act
from treatywatch.places.gazetteer import parse_id

__all__ = ["_owner", "_device_owner", "_stock_place", "_legislature"]


def _owner(weapon: Token, ctx: ArticleContext, mine: bool = False) -> list[Actor]:
    """ "Houthis' landmines", "a Houthi landmine", "Russia's mines": who the weapon belongs to
    (an armed group as possessor or modifier; a state only as possessor — "US cluster
    munitions" names where they came from — except that a mine, laid where it lies, is the
    layer's: "an Israeli landmine exploded in the West Bank")."""
    for child in weapon.children:
        if child.dep_ not in ("poss", "compound", "amod", "nmod") or not child.ent_id_:
            continue
        place = parse_id(child.ent_id_)
        if place is None:
            continue
        if place.kind == "nsag" or (place.kind == "state" and (child.dep_ == "poss" or mine)):
            return [a for a in _actors_of(child, ctx) if a.iso3 or a.kind == "nsag"]
    return []


def _device_owner(weapon: WeaponMention, trigger: Token, ctx: ArticleContext) -> list[Actor]:
    """Whose device hurt the victims, as the sentence tells it: "an Israeli cluster bomb",
    "Russia's mines", "a cluster bomb dropped by Israeli jets" (a state's, one state only);
    "US-made cluster bombs" says where they were made, not who fired them, and the victims
    ("four Ukrainian deminers were wounded") are never the device."""
    root = weapon.root
    if root.head.i == trigger.i and root.dep_ in ("nsubjpass", "dobj"):
        return []
    if any(t.lower_ in ("made", "-made", "manufactured") for t in root.subtree):
        return []
    owners = [a for a in _owner(root, ctx, mine=True) if a.iso3]
    parts = [c for c in root.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    if root.dep_ == "nsubj" and root.head.tag_ in ("VBN", "VBD") and _act_of(root.head) == Act.USE:
        parts.append(root.head)  # "when a bomb dropped by Israeli jets exploded", misparsed
    if not owners:
        for part in parts:
            agent = next((c for c in part.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if pobj is not None:
                owners = [a for a in _actors_of(pobj, ctx) if a.iso3]
                break
    return owners if len(owners) == 1 else []


def _stock_place(trigger: Token, weapon: WeaponMention | None) -> str | None:
    """The state a stock lies in, from a place phrase on the stock or its weapon ("the
    stockpile in Ukraine", "mines held in Belarus", "munitions at a depot in Peru"); "mines
    from Belarus destroyed in Ukraine" came from Belarus and names no holder."""
    stock = [t for t in trigger.subtree if t.lemma_.lower() in _STOCK_WORDS]
    if weapon is not None:
        stock.append(weapon.root)
    for noun in stock:
        phrases = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "at")]
        for acl in (c for c in noun.children if c.dep_ == "acl"):  # "held in Belarus"
            phrases += [c for c in acl.children if c.dep_ == "prep" and c.lower_ in ("in", "at")]
        for prep in phrases:
            for t in prep.subtree:
                place = parse_id(t.ent_id_) if t.ent_id_ and t.ent_type_ == "GPE" else None
                if place is not None and place.kind == "state":
                    return place.value
    return None


def _legislature(agent: Token | None) -> bool:
    """Whether the one who acts is a parliament or its members (lexicon actors.legislature):
    "Lithuania's parliament", "299 MPs", "the Verkhovna Rada"."""
    if agent is None:
        return False
    words = load_lexicon().raw["actors"].get("legislature", ())
    near = [agent, *(c for c in agent.children if c.dep_ == "compound")]
    return any(t.lemma_.lower() in words or t.lower_ in words for t in near)
