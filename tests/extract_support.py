"""Helpers shared by the extraction tests: read a short text, check every evidence offset."""

from __future__ import annotations

from datetime import date

from treatywatch.extract import extract_events
from treatywatch.model import Act, Article, Event


def read_events(title: str, body: str, published: date | None = date(2025, 3, 1)) -> list[Event]:
    """The events of an article of `title` and `body`; every evidence span must slice the body."""
    events = extract_events(Article(title=title, text=body, published=published))
    for event in events:
        for ev in event.evidence:
            assert body[ev.start : ev.end] == ev.text
    return events


def by_act(events: list[Event], act: Act) -> list[Event]:
    return [e for e in events if e.act == act]
