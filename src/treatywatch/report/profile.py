"""A state's file: where it stands in each treaty, its deadlines, findings, events and stories.

The country page, its JSON twin and `treatywatch report` all render this one dict.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from treatywatch.model import Treaty
from treatywatch.report import data
from treatywatch.report.casualties import state_casualties
from treatywatch.report.chart import events_chart

MAX_ROWS = 500  # the findings and events a report lists, and the events its chart counts


def treaty_names() -> list[dict[str, str]]:
    return [{"id": t.value, "name": data.short_name(t), "full_name": data.pack(t)["full_name"]}
            for t in Treaty]


def country_profile(db: Any, state: str, treaty: str | None = None, on: date | None = None,
                    reviewed_only: bool = False, rows: int = MAX_ROWS) -> dict[str, Any]:
    """Everything known about one state (code or name) as of `on` (default today);
    `reviewed_only`: only the findings an analyst confirmed or amended. The newest `rows`
    findings and events are listed (the web page lists one page, a report MAX_ROWS), with
    their totals (`finding_total`, `event_total`, `finding_counts` by kind); the chart counts
    the newest MAX_ROWS events' days (`event_days`) whatever `rows` is."""
    from treatywatch.store import queries

    iso3, name = data.resolve(state)
    chosen = data.treaty_of(treaty)
    on = on or date.today()
    standings = []
    for t in Treaty:
        record = data.status(iso3, t, on)
        standings.append({"treaty": t.value, "name": data.short_name(t),
                          "full_name": data.pack(t)["full_name"],
                          "status": record, "timeline": data.timeline(record),
                          "declarations": data.declarations(record)})
    which = {"state": iso3, "treaty": chosen.value, "until": on,
             "reviewed": True if reviewed_only else None}
    found = queries.findings(db, **which, limit=rows)
    about = {"state": iso3, "until": on, "include_background": False}
    newest = queries.newest_events(db, **about, limit=max(rows, MAX_ROWS))
    events = [data.describe_event(e)
              for e in queries.events_by_id(db, [i for i, _ in newest[:rows]])]
    counts = queries.count_findings_by_kind(db, **which)
    return {
        "state": {"iso3": iso3, "name": name},
        "treaty": chosen.value,
        "on": on.isoformat(),
        "treaties": standings,
        "status": next(s["status"] for s in standings if s["treaty"] == chosen.value),
        "deadlines": data.deadlines(chosen, on, iso3),
        **data.currency(chosen, on, ("depositary", "meetings")),
        "findings": found,
        "finding_total": sum(counts.values()),
        "finding_counts": counts,
        "events": events,
        "event_total": queries.count_events(db, **about),
        "event_days": [d.isoformat() for _, d in newest[:MAX_ROWS] if d is not None],
        "stories": data.state_stories(found),
        "casualties": state_casualties(db, iso3, on),
        "reviewed_only": reviewed_only,
    }


def event_days(profile: dict[str, Any]) -> list[date]:
    return [day for day in map(data.parse_day, profile["event_days"]) if day]


def chart(profile: dict[str, Any]) -> str:
    """The profile's events-over-time chart as SVG markup ('' when no event has a date)."""
    return events_chart(event_days(profile), f"Events involving {profile['state']['name']}",
                        until=data.parse_day(profile["on"]))
