"""Weapon mentions in a parsed sentence, from the prefilter's spans; and how to rank weapons."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from treatywatch.extract.prefilter import Hit
from treatywatch.model import Weapon

__all__ = ["WeaponMention", "weapon_mentions", "more_specific", "LANDMINES"]

LANDMINES = frozenset({Weapon.AP_MINE, Weapon.AV_MINE, Weapon.MINE, Weapon.IMPROVISED_MINE})
# When mentions of one family merge, the most specific (treaty-relevant first) wins.
_RANK = {
    Weapon.AP_MINE: 0,
    Weapon.IMPROVISED_MINE: 1,
    Weapon.AV_MINE: 2,
    Weapon.MINE: 3,
    Weapon.CLUSTER_MUNITION: 0,
    Weapon.ERW: 0,
    Weapon.NAVAL_MINE: 0,
}


@dataclass(frozen=True)
class WeaponMention:
    span: Span
    weapon: Weapon

    @property
    def root(self) -> Token:
        return self.span.root

    @property
    def tokens(self) -> set[int]:
        return {t.i for t in self.span}


def weapon_mentions(doc: Doc, hits: list[Hit], base: int) -> list[WeaponMention]:
    """Map prefilter weapon hits (article offsets) onto the tokens of `doc` (starting at `base`)."""
    out: list[WeaponMention] = []
    for hit in hits:
        if hit.kind != "weapon" or hit.value == "naval_mine":
            continue
        span = doc.char_span(hit.start - base, hit.end - base, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        out.append(WeaponMention(span, Weapon(hit.value)))
    return out


def more_specific(a: Weapon | None, b: Weapon | None) -> Weapon | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if _RANK.get(a, 9) <= _RANK.get(b, 9) else b
