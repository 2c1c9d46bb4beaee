"""What an article says once, computed once and never changed: its `ArticleFacts`.

The publication date, the states it names (and how often, the headline and lead weighing more),
the states it names as places, its dateline, the treaty it is about, whether it talks of
stockpiles and whether its IEDs are victim-activated mines. The sentence stages read these;
what they learn as they go (people, the last actor, the lead's forces) lives apart, in
`actors.ArticleContext`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from treatywatch.extract.prefilter import Hit
from treatywatch.model import Treaty, Weapon
from treatywatch.places.gazetteer import count_states, places_named

__all__ = ["ArticleFacts"]

_STOCK_TALK = re.compile(r"\bstockpil|\barticle 4\b|\bstock(?:s)? of (?:anti|land|mine)", re.I)


def _treaty_of(hits: Iterable[Hit]) -> str | None:
    hits = list(hits)
    landmine = sum(
        1 for h in hits if h.value in ("apmbc", "ap_mine", "mine", "av_mine", "improvised_mine")
    )
    cluster = sum(1 for h in hits if h.value in ("ccm", "cluster_munition"))
    if not landmine and not cluster:
        return None
    return Treaty.APMBC.value if landmine >= cluster else Treaty.CCM.value


@dataclass(frozen=True)
class ArticleFacts:
    published: date | None
    state_counts: Mapping[str, int]  # states named, headline x3 and lead counted again
    place_counts: Mapping[str, int]  # states named as places ("in southern Lebanon")
    dateline_state: str | None  # "VIENTIANE (AFP) -", "KABUL -"
    treaty: str | None  # the treaty the article is about (apmbc / ccm)
    stock_talk: bool  # the article is about stockpiles ("Stockpile destruction")
    improvised: bool  # the article's IEDs read as improvised (victim-activated) mines

    @classmethod
    def of(
        cls, title: str, text: str, published: date | None, hits: Iterable[Hit] = ()
    ) -> ArticleFacts:
        from treatywatch.extract.actors import dateline_state

        hits = list(hits)
        counts = count_states(text)
        for iso3, n in count_states(title).items():
            counts[iso3] += 3 * n
        for iso3, n in count_states(text[:400]).items():
            counts[iso3] += n
        return cls(
            published=published,
            state_counts=MappingProxyType(dict(counts)),
            place_counts=MappingProxyType(dict(places_named(f"{title}\n{text}"))),
            dateline_state=dateline_state(text),
            treaty=_treaty_of(hits),
            stock_talk=bool(_STOCK_TALK.search(title) or _STOCK_TALK.search(text)),
            improvised=any(h.value == Weapon.IMPROVISED_MINE.value for h in hits),
        )
