"""Who the casualties were and what hurt them: civilians, children and the device.

The killed and the injured are read by `casualties.py`; this module reads, from the same
casualty sentence, how many of the victims the text says were civilians and children, and the
device it names. Its knowledge (number words, child and civilian nouns, the words that gather a
part of the victims, device labels) is `casualty_figures.toml`.

A victim is what a harm word (`[casualties]` of lexicon.toml) counts — "two children were
killed", "a mine killed three civilians", "the deaths of two children", "two children died" —
with the nouns joined to it ("a soldier and two children"), and the part of them a phrase gathers:
"five people, including two children", "two children among the dead", "three of them children".
A plural without a number gives no count, an age is no count ("a 12-year-old boy": one child),
and a group whose age the text does not give ("a boy and his sister") leaves children empty.
The device is the most specific weapon the sentence names, by the extractor's weapon families.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from treatywatch.extract.lexicon import load_lexicon
from treatywatch.extract.weapons import WeaponMention, more_specific
from treatywatch.model import Weapon

__all__ = ["casualty_details", "merged_details", "read_number", "DETAILS"]

DATA = Path(__file__).with_name("casualty_figures.toml")
DETAILS = ("civilians", "children", "device")
_UNKNOWN = -1  # a victim group of the kind whose number the text does not give


@dataclass(frozen=True)
class _Knowledge:
    numbers: dict[str, int]
    children: frozenset[str]
    age_below: int
    unknown_age: frozenset[str]
    civilians: frozenset[str]
    include: frozenset[str]
    whole: frozenset[str]
    share: frozenset[str]
    devices: dict[str, str]
    harm: frozenset[str]


@cache
def _knowledge() -> _Knowledge:
    data = tomllib.loads(DATA.read_text("utf-8"))
    groups = load_lexicon().raw.get("casualties", {})
    return _Knowledge(
        numbers={k: int(v) for k, v in data["numbers"].items()},
        children=frozenset(data["children"]["nouns"]),
        age_below=int(data["children"]["age_below"]),
        unknown_age=frozenset(data["unknown_age"]["nouns"]),
        civilians=frozenset(data["civilians"]["nouns"]),
        include=frozenset(data["parts"]["include"]),
        whole=frozenset(data["parts"]["whole"]),
        share=frozenset(data["parts"]["share"]),
        devices=dict(data["devices"]),
        harm=frozenset(groups.get("killed", ())) | frozenset(groups.get("injured", ())),
    )


def read_number(tok: Token) -> int | None:
    """The number a token writes: digits ("1,200") or a word of `[numbers]`; None otherwise."""
    text = tok.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    return _knowledge().numbers.get(text)


def _count(noun: Token) -> int | None:
    """How many people `noun` names: its number ("two children"), one for a singular ("a boy",
    "a 10-year-old"), None for a plural without one ("children")."""
    if noun.pos_ == "NUM":
        return read_number(noun)
    for child in noun.children:
        if child.dep_ == "nummod" and child.i not in _age_tokens(noun):
            value = read_number(child)
            if value is not None:
                return value
    if noun.tag_ in ("NN", "NNP") or _age(noun) is not None:
        return 1
    return None


def _age_tokens(noun: Token) -> set[int]:
    return {t.i for t in noun.subtree if t.lower_ == "old"} | {
        t.i for t in noun.subtree if t.head.lower_ == "year" or t.lower_ == "year"}


def _age(noun: Token) -> int | None:
    """The age a victim noun carries: "a 12-year-old boy", "a 10-year-old", "a boy aged 9"."""
    old = noun if noun.lower_ == "old" else next(
        (c for c in noun.children if c.lower_ == "old" and c.dep_ == "amod"), None)
    if old is not None:
        year = next((c for c in old.children if c.lower_ in ("year", "years")), None)
        num = next((c for c in year.children if c.dep_ == "nummod"), None) if year else None
        return read_number(num) if num is not None else None
    aged = next((c for c in noun.children if c.lower_ == "aged"), None)
    if aged is not None:
        num = next((c for c in aged.subtree if c.like_num), None)
        return read_number(num) if num is not None else None
    return None


def _kinds(noun: Token) -> set[str]:
    """What a victim noun says of its people: "child", "civilian", "unknown" (age not given)."""
    k = _knowledge()
    lemma, kinds = noun.lemma_.lower(), set()
    age = _age(noun)
    if lemma in k.children or (age is not None and age < k.age_below):
        kinds.add("child")
    elif lemma in k.unknown_age:
        kinds.add("unknown")
    if lemma in k.civilians or any(c.lemma_.lower() in k.civilians and c.dep_ in ("amod",
                                   "compound") for c in noun.children):  # "civilian drivers"
        kinds.add("civilian")
    return kinds


def _victims(harm: Token) -> list[Token]:
    """The victim nouns a harm word counts, with the nouns joined to them."""
    if harm.pos_ == "NOUN":
        first = [g for c in harm.children if c.dep_ == "prep" and c.lower_ in ("of", "to")
                 for g in c.children if g.dep_ == "pobj"]
        first += [c for c in harm.children if c.dep_ == "poss"]  # "two children's deaths"
    else:
        deps = ("nsubj",) if harm.lemma_.lower() == "die" else ("dobj", "nsubjpass")
        first = [c for c in harm.children if c.dep_ in deps]
        if not first and harm.dep_ in ("acl", "relcl") and harm.head.pos_ in ("NOUN", "NUM"):
            first = [harm.head]  # "five people killed", "the children injured in the blast"
        if not first and harm.dep_ == "conj" and harm.head.pos_ == "VERB":
            first = [c for c in harm.head.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
    out: list[Token] = []
    for noun in first:
        out.extend(_joined(noun))
    return out


def _joined(noun: Token) -> Iterable[Token]:
    yield noun
    for c in noun.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "NUM", "ADJ"):
            yield from _joined(c)


def _of_whole(tok: Token) -> bool:
    """`tok` has "of them", "of the dead", "of the casualties" under it."""
    k = _knowledge()
    return any(p.dep_ == "prep" and p.lower_ == "of" and any(
        g.lemma_.lower() in k.whole or g.lower_ in k.whole for g in p.children)
        for p in tok.children)


def _part_count(noun: Token, victims: dict[int, list[Token]] | None = None) -> int | None:
    """The count of a part phrase: "three of them children", "two of the dead were children",
    "of the 221 casualties, 89 were children", "children accounted for 89 of the casualties";
    "all of them children" is as many as the victims it stands beside."""
    k = _knowledge()
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in k.share:
        # "children accounted for 89 of the casualties", "made up 89 of the victims"
        for c in noun.head.children:
            nums = [c] if c.dep_ == "dobj" else [g for g in c.children if c.dep_ == "prep"
                                                  and g.dep_ == "pobj"]
            for num in nums:
                if num.pos_ == "NUM" and _of_whole(num):
                    return read_number(num)
        return None
    holders = [noun] + ([noun.head] if noun.dep_ == "attr" else [])
    for holder in holders:
        for c in holder.children:
            if c.dep_ not in ("nsubj", "nummod", "appos"):
                continue
            if c.pos_ == "NUM" and (_of_whole(c) or (holder is not noun and _of_whole(holder))):
                return read_number(c)
            if c.lower_ == "all" and _of_whole(c):
                # "three people, all of them children": as many as the victims, when the
                # sentence has one group of them ("killed three and injured two others, all of
                # them children" could be all five: no count)
                groups = {v.i: v for vs in (victims or {}).values() for v in vs}
                return _count(next(iter(groups.values()))) if len(groups) == 1 else None
    return None


def _gathers(noun: Token, victims: set[int], by_harm: dict[int, list[Token]]) -> bool:
    """Whether a phrase makes `noun` a part of the victims: "including two children" (on a
    victim or the harm), "two children among the dead", "three of them children"."""
    k = _knowledge()
    head = noun.head
    if noun.dep_ == "pobj" and head.lemma_.lower() in k.include:
        return head.head.i in victims or head.head.i in by_harm
    if noun.dep_ == "appos" and head.i in victims:
        return True  # "five civilians, two children among them"
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in k.include and any(
            g.lemma_.lower() in k.whole or g.lower_ in k.whole for g in c.children
        ):
            return True
    return _part_count(noun, by_harm) is not None


def _total(found: dict[int, int], unknown: bool) -> int | None:
    if unknown or not found:
        return None
    return sum(found.values())


def casualty_details(sentence: Span, weapons: Sequence[WeaponMention] = ()) -> dict[str, Any]:
    """{"civilians", "children", "device"} the casualty sentence gives; None where it gives
    none."""
    k = _knowledge()
    harms = [t for t in sentence if t.lemma_.lower() in k.harm and t.pos_ in ("VERB", "NOUN")]
    victims: list[Token] = []
    by_harm: dict[int, list[Token]] = {}
    for harm in harms:
        by_harm[harm.i] = _victims(harm)
        victims.extend(v for v in by_harm[harm.i] if v.i not in {x.i for x in victims})
    victim_ids = {v.i for v in victims}
    children: dict[int, int] = {}
    civilians: dict[int, int] = {}
    unknown = {"child": False, "civilian": False}
    for noun in victims:
        kinds, count = _kinds(noun), _count(noun)
        if "unknown" in kinds:  # "a boy and his sister": how many children is not said
            unknown["child"] = unknown["civilian"] = True
        for kind, into in (("child", children), ("civilian", civilians)):
            if kind in kinds:
                if count is None:
                    unknown[kind] = True
                else:
                    into[noun.i] = count
    for noun in sentence:
        if noun.i in victim_ids or noun.pos_ not in ("NOUN", "PROPN"):
            continue
        kinds = _kinds(noun)
        if not kinds & {"child", "civilian"} or not _gathers(noun, victim_ids, by_harm):
            continue
        count = _part_count(noun, by_harm)
        if count is None:
            count = _count(noun)
        for kind, into in (("child", children), ("civilian", civilians)):
            if kind in kinds and count is not None:
                into[noun.i] = count
            elif kind in kinds:
                unknown[kind] = True
    return {
        "civilians": _total(civilians, unknown["civilian"]),
        "children": _total(children, unknown["child"]),
        "device": _device(sentence, weapons),
    }


def _device(sentence: Span, weapons: Sequence[WeaponMention]) -> str | None:
    named: Weapon | None = None
    for wm in weapons:
        if wm.span.start >= sentence.start and wm.span.end <= sentence.end:
            if wm.weapon.value in _knowledge().devices:
                named = more_specific(named, wm.weapon)
    return _knowledge().devices.get(named.value) if named else None


def merged_details(mentions: Sequence[Any]) -> dict[str, Any]:
    """The details of one event from its mentions (`Mention.extra`): the largest count any
    sentence gives, the first device named."""
    out: dict[str, Any] = {}
    for key in ("civilians", "children"):
        values = [m.extra[key] for m in mentions if m.extra.get(key) is not None]
        out[key] = max(values, default=None)
    out["device"] = next((m.extra["device"] for m in sorted(mentions, key=lambda m: m.order)
                          if m.extra.get("device")), None)
    return out
