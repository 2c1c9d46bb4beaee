"""State names -> ISO 3166-1 alpha-3 codes, and back.

The names come from pycountry (short, official and common names, alpha-2 and alpha-3 codes)
plus `state_names.csv` beside this module: the preferred English display name of a state where
pycountry's differs ("Russia", not "Russian Federation") and the variants people write
("Ivory Coast", "Burma", "Vatican", "DRC"). States outside ISO 3166-1 (Kosovo, XKX) are listed
there too.

Public API (other modules, e.g. the gazetteer, rely on it): `resolve_state`, `state_name`,
`all_states`, `all_names`, `normalize`.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry
from rapidfuzz import fuzz, process

from treatywatch.errors import UnknownState

__all__ = ["resolve_state", "state_name", "all_states", "all_names", "normalize"]

_ALIASES_FILE = Path(__file__).with_name("state_names.csv")
_PUNCT = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")


def normalize(name: str) -> str:
    """The lookup key of a name: accents, case, punctuation, 'the' and 'St.' folded away."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ").replace("'", "").replace("’", "")
    text = _SPACE.sub(" ", _PUNCT.sub(" ", text)).strip()
    text = re.sub(r"^the ", "", text)
    text = re.sub(r"\bst\b", "saint", text)
    return text


@dataclass(frozen=True)
class _Index:
    display: dict[str, str]  # iso3 -> preferred name
    names: dict[str, str]  # every known name (as written) -> iso3
    keys: dict[str, str]  # normalized name -> iso3


def _pycountry_names(country: object) -> list[str]:
    names = [getattr(country, attr, None) for attr in ("name", "common_name", "official_name")]
    return [n for n in names if n]


@lru_cache(maxsize=1)
def _index() -> _Index:
    display: dict[str, str] = {}
    names: dict[str, str] = {}
    for country in pycountry.countries:
        iso3 = country.alpha_3
        display[iso3] = getattr(country, "common_name", None) or country.name
        for name in _pycountry_names(country):
            names.setdefault(name, iso3)
    with _ALIASES_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            iso3 = row["iso3"].strip()
            if row["kind"].strip() == "preferred":
                display[iso3] = row["name"].strip()
            names[row["name"].strip()] = iso3
    for iso3, name in display.items():
        names.setdefault(name, iso3)
    keys = {normalize(name): iso3 for name, iso3 in names.items()}
    return _Index(display=display, names=names, keys=keys)


def _code_lookup(text: str) -> str | None:
    code = text.strip().upper()
    if not code.isalpha():
        return None
    if len(code) == 3 and code in _index().display:
        return code
    if len(code) == 2:
        country = pycountry.countries.get(alpha_2=code)
        if country is not None:
            return country.alpha_3
    return None


def _suggestions(name: str, limit: int = 3) -> list[str]:
    index = _index()
    matches = process.extract(normalize(name), list(index.keys), scorer=fuzz.WRatio, limit=12)
    seen: list[str] = []
    for _key, _score, _pos in matches:
        iso3 = index.keys[_key]
        if iso3 not in seen:
            seen.append(iso3)
        if len(seen) == limit:
            break
    return [f"{index.display[iso3]} ({iso3})" for iso3 in seen]


def resolve_state(name: str) -> str:
    """The ISO alpha-3 code of a state named by code or any common English name.

    Raises `UnknownState`, suggesting the closest names, when the name is not known.
    """
    if not name or not name.strip():
        raise UnknownState("empty state name — give an ISO code (UKR) or a name (Ukraine)")
    code = _code_lookup(name)
    if code:
        return code
    iso3 = _index().keys.get(normalize(name))
    if iso3:
        return iso3
    hint = ", ".join(_suggestions(name))
    raise UnknownState(f"unknown state '{name}' — did you mean {hint}?")


def state_name(iso3: str) -> str:
    """The preferred English short name of a state ('Türkiye', 'Russia', 'Holy See')."""
    try:
        return _index().display[iso3.upper()]
    except KeyError:
        raise UnknownState(
            f"unknown ISO alpha-3 code '{iso3}' — use a code such as UKR, or a state's name"
        ) from None


def all_states() -> dict[str, str]:
    """Every known state: ISO alpha-3 code -> preferred English name, sorted by code."""
    display = _index().display
    return {iso3: display[iso3] for iso3 in sorted(display)}


def all_names() -> dict[str, str]:
    """Every known name of every state, as written (with accents and case) -> ISO alpha-3."""
    return dict(_index().names)
