"""Casualty figures per year for a state, from the stored casualty events.

Two kinds of figures are kept apart and never added together:

- **incidents**: the numbers news reports give for one blast or one attack. Copies of a report
  (one story in the store) are one incident: within a story, the events at the same place and
  date count once, with the largest figure any copy gives.
- **reports**: totals a report publisher compiles (Landmine Monitor, the UN, ...; see
  `report_publishers.toml`), shown as that report gives them, with its source.

A year is the event's date (with its precision), else its article's publication date.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

FIGURES = ("killed", "injured", "civilians", "children")
PUBLISHERS = Path(__file__).with_name("report_publishers.toml")


@cache
def _publishers() -> list[tuple[str, re.Pattern[str]]]:
    data = tomllib.loads(PUBLISHERS.read_text("utf-8"))
    return [(p["name"], re.compile(r"\b(?:" + "|".join(re.escape(m) for m in p["match"])
                                   + r")\b", re.IGNORECASE))
            for p in data["publisher"]]


@cache
def _any_publisher() -> re.Pattern[str]:
    """One pattern matching where any publisher's does: most texts name none, and are read once."""
    return re.compile("|".join(f"(?:{p.pattern})" for _, p in _publishers()), re.IGNORECASE)


@lru_cache(maxsize=65536)
def _publisher_in(text: str) -> str | None:
    """The first publisher `text` names (outlets and a story's titles come back again and again)."""
    if not _any_publisher().search(text):
        return None
    return next((name for name, pattern in _publishers() if pattern.search(text)), None)


def report_publisher(event: dict[str, Any]) -> str | None:
    """The report publisher behind a casualty event (speaker, then outlet, then title), or None
    for an incident."""
    for text in (event.get("speaker"), event.get("article_outlet"), event.get("article_title")):
        name = _publisher_in(text) if text else None
        if name:
            return name
    return None


def _day(event: dict[str, Any]) -> str | None:
    return event.get("when") or event.get("article_published")


def _has_figures(event: dict[str, Any]) -> bool:
    return any(event.get(f) is not None for f in FIGURES)


def _incident_key(event: dict[str, Any]) -> tuple:
    """The same incident: one story (or one article), the same place, the same date."""
    story = event.get("story_id") or f"article:{event.get('article_id')}"
    return (story, event.get("location"), _day(event), event.get("device"))


def _merge_incidents(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    incidents: dict[tuple, dict[str, Any]] = {}
    for e in events:
        key = _incident_key(e)
        seen = incidents.get(key)
        if seen is None:  # built once per incident, not once per event (setdefault's default)
            seen = incidents[key] = {"day": _day(e), "precision": e.get("when_precision"),
                                     "article_ids": [], "event_ids": [],
                                     **dict.fromkeys(FIGURES)}
        seen["article_ids"].append(e["article_id"])
        seen["event_ids"].append(e["id"])
        for f in FIGURES:
            value = e.get(f)
            if value is not None:
                seen[f] = max(seen[f] or 0, value)
    return list(incidents.values())


def _year_entry() -> dict[str, Any]:
    return {"incidents": {**{f: None for f in FIGURES}, "count": 0, "article_ids": []},
            "reports": []}


def casualty_figures(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per year, oldest first: {"year", "incidents": {killed, injured, civilians, children,
    count, article_ids}, "reports": [{publisher, killed, ..., article_id, event_id, precision}]}.
    A figure the texts never give stays None (unknown), not 0."""
    years: dict[int, dict[str, Any]] = defaultdict(_year_entry)
    incident_events = []
    for e in events:
        if not _has_figures(e) or not _day(e):
            continue
        publisher = report_publisher(e)
        if publisher is None:
            incident_events.append(e)
            continue
        years[int(_day(e)[:4])]["reports"].append({
            "publisher": publisher, **{f: e.get(f) for f in FIGURES},
            "day": _day(e), "precision": e.get("when_precision"),
            "article_id": e["article_id"], "event_id": e["id"], "event_idx": e.get("idx"),
            "article_title": e.get("article_title"),
        })
    articles: dict[int, set[int]] = defaultdict(set)
    for incident in _merge_incidents(incident_events):
        year = int(incident["day"][:4])
        entry = years[year]["incidents"]
        entry["count"] += 1
        articles[year].update(incident["article_ids"])
        for f in FIGURES:
            if incident[f] is not None:
                entry[f] = (entry[f] or 0) + incident[f]
    for year, ids in articles.items():
        years[year]["incidents"]["article_ids"] = sorted(ids)
    return [{"year": year, **years[year]} for year in sorted(years)]


def state_casualties(db: Any, iso3: str, until: date | None = None) -> list[dict[str, Any]]:
    """`casualty_figures` of the casualty events stored for `iso3` up to `until`."""
    from treatywatch.store import queries

    return casualty_figures(queries.casualty_events(db, iso3, until=until))
