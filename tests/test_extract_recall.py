"""Recall: clearance told without an agent and casualties told as nouns (written here)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract_support import read_events
from treatywatch.model import Act

PUB = date(2021, 5, 4)

CLEARED = [
    "Angola was declared free of landmines on Monday.",
    "Angola is now free of all known landmines, its foreign minister announced.",
    "The last known minefield in Angola has been cleared, the government said.",
    "Mined areas in Angola have been cleared, officials said on Monday.",
    "The completion of landmine clearance in Angola was announced on Monday.",
    "The HALO Trust cleared the last minefields near Huambo, in Angola, this spring.",
]


@pytest.mark.parametrize("text", CLEARED)
def test_agentless_clearance_is_the_land_s_state(text: str) -> None:
    clears = [e for e in read_events("", text, PUB) if e.act == Act.CLEAR]
    assert [(e.actor, e.location) for e in clears] == [("AGO", "AGO")]


CASUALTIES = [
    ("The death of a farmer in a landmine blast near Battambang shocked Cambodia.", 1, None),
    ("A farmer was killed by a landmine near Battambang in Cambodia on Sunday.", 1, None),
    ("A landmine killed a farmer near Battambang, in Cambodia, on Sunday.", 1, None),
    ("Three people were killed and five injured by landmines in Cambodia last week.", 3, 5),
    ("A landmine killed two deminers and wounded four others in Cambodia.", 2, 4),
    (
        "The wounding of two boys by a cluster bomblet in Cambodia renewed calls for clearance.",
        None,
        2,
    ),
]


@pytest.mark.parametrize(("text", "killed", "injured"), CASUALTIES)
def test_casualties_as_verbs_or_nouns_with_their_figures(text, killed, injured) -> None:
    events = [e for e in read_events("", text, PUB) if e.act == Act.CASUALTY]
    assert [(e.location, e.killed, e.injured) for e in events] == [("KHM", killed, injured)]


def test_a_trend_of_deaths_is_no_casualty_event() -> None:
    text = "Mine deaths dropped sharply in Colombia last year, the Monitor said."
    assert not [e for e in read_events("", text, PUB) if e.act == Act.CASUALTY]


HELD = [
    ("Greece still holds about 640,000 anti-personnel mines at army depots.", "GRC"),
    ("Some 640,000 anti-personnel mines are still stored at army depots in Greece.", "GRC"),
    ("Around 640,000 anti-personnel mines are still held by the Greek army.", "GRC"),
    ("Athens's stockpile of anti-personnel mines remains in place at army depots.", "GRC"),
]


@pytest.mark.parametrize(("text", "state"), HELD)
def test_a_stockpile_told_four_ways_is_the_holder_s_ongoing_stock(text, state) -> None:
    stocks = [e for e in read_events("", text, PUB) if e.act == Act.STOCKPILE]
    assert [(e.actor, e.modality.value) for e in stocks] == [(state, "ongoing")]


def test_a_destroyed_stockpile_is_no_stockpile_event() -> None:
    events = read_events("", "Belarus destroyed its stockpile of anti-personnel mines.", PUB)
    assert [e.act for e in events] == [Act.DESTROY_STOCKPILE]


@pytest.mark.parametrize(
    ("title", "act", "state"),
    [
        ("Chilean soldiers clear last landmines", Act.CLEAR, "CHL"),
        ("Angola becomes landmine-free", Act.CLEAR, "AGO"),
    ],
)
def test_a_headline_verb_the_tagger_missed(title, act, state) -> None:
    body = "Officials marked the day with a ceremony on Thursday."
    events = read_events(title, f"{title}\n\n{body}", PUB)
    assert [(e.act, e.actor) for e in events] == [(act, state)]


@pytest.mark.parametrize(
    "text",
    [
        "Sri Lanka destroyed its last stockpiled anti-personnel mines in September.",
        "The Sri Lankan army blew up its final stock of anti-personnel mines in September.",
        "Sri Lanka got rid of its stockpile of anti-personnel mines in September.",
        "Colombo has completed the destruction of its anti-personnel mine stockpile.",
    ],
)
def test_a_stockpile_destroyed_told_four_ways(text) -> None:
    done = [e for e in read_events("", text, PUB) if e.act == Act.DESTROY_STOCKPILE]
    assert [(e.actor, e.modality.value) for e in done] == [("LKA", "occurred")]


def test_sitting_on_a_stockpile_is_holding_it() -> None:
    for text, state in (
        ("Belarus is still sitting on a huge anti-personnel mine stockpile.", "BLR"),
        ("The Pentagon is still sitting on millions of anti-personnel mines.", "USA"),
    ):
        stocks = [e for e in read_events("", text, PUB) if e.act == Act.STOCKPILE]
        assert [(e.actor, e.modality.value) for e in stocks] == [(state, "ongoing")]
