"""Dates of events: the day or month the text gives, never an invented one (written here)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract_support import read_events
from treatywatch.extract.dates import read_when
from treatywatch.model import Act, DatePrecision

PUB = date(2025, 3, 1)
DAY = DatePrecision.DAY
MONTH = DatePrecision.MONTH


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("2 February 2025", PUB, (date(2025, 2, 2), DAY)),
        ("February 2, 2025", PUB, (date(2025, 2, 2), DAY)),
        ("Feb. 2, 2025", None, (date(2025, 2, 2), DAY)),
        ("the 2nd of February 2025", None, (date(2025, 2, 2), DAY)),
        ("2025-02-02", None, (date(2025, 2, 2), DAY)),
        ("February 2025", PUB, (date(2025, 2, 1), MONTH)),
        ("February 2025", None, (date(2025, 2, 1), MONTH)),
        ("in February", PUB, (date(2025, 2, 1), MONTH)),
        ("December 2", PUB, (date(2024, 12, 2), DAY)),
        ("30 February 2025", PUB, (None, None)),
        ("February 30, 2025", None, (None, None)),
        ("2 February", None, (None, None)),
    ],
)
def test_read_when(text, published, expected) -> None:
    assert read_when(text, published) == expected


DAY_TELLINGS = [
    "Russian forces fired cluster munitions at Kharkiv on 2 February 2025.",
    "On February 2, 2025, cluster munitions were fired at Kharkiv by Russian forces.",
    "Russia's use of cluster munitions against Kharkiv on 2 February 2025 killed two people.",
    "Russian troops struck Kharkiv with cluster munitions on Feb. 2, 2025, officials said.",
]


@pytest.mark.parametrize("text", DAY_TELLINGS)
@pytest.mark.parametrize("published", [PUB, None])
def test_a_stated_day_is_that_day_with_or_without_a_publication_date(text, published) -> None:
    uses = [e for e in read_events("", text, published) if e.act == Act.USE]
    assert [(e.actor, e.location, e.when, e.when_precision) for e in uses] == [
        ("RUS", "UKR", date(2025, 2, 2), DAY)
    ]


MONTH_TELLINGS = [
    "Russian forces fired cluster munitions at Kharkiv in February 2025.",
    "In February 2025, cluster munitions were fired at Kharkiv by Russian forces.",
    "Russian troops struck Kharkiv with cluster munitions during February 2025.",
]


@pytest.mark.parametrize("text", MONTH_TELLINGS)
def test_a_stated_month_is_the_month_not_the_publication_s_day(text) -> None:
    uses = [e for e in read_events("", text, date(2025, 3, 17)) if e.act == Act.USE]
    assert [(e.when, e.when_precision) for e in uses] == [(date(2025, 2, 1), MONTH)]


def test_an_impossible_day_gives_no_date() -> None:
    text = "Russian forces fired cluster munitions at Kharkiv on 30 February 2025."
    uses = [e for e in read_events("", text, PUB) if e.act == Act.USE]
    assert len(uses) == 1 and uses[0].when is None
