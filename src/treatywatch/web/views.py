"""What each page shows, as JSON-ready dicts: the API returns them, the pages render them."""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

from treatywatch.dates import check_order, parse_date
from treatywatch.model import (
    Act,
    DeadlineState,
    FindingKind,
    FindingStatus,
    Modality,
    Treaty,
    Weapon,
)
from treatywatch.report import data
from treatywatch.report.profile import treaty_names
from treatywatch.web.errors import NotFound
from treatywatch.web.highlight import Span, paragraphs

PER_PAGE = 25
MAX_ROWS = 10000  # the most rows a listing reads at once (downloads)


def public_source(source: str | None) -> str | None:
    """Where an article came from, as the public may see it: a web address as it is, a local
    file or folder only by its name (the server's paths are nobody's business)."""
    if not source:
        return source
    if source.startswith(("http://", "https://")):
        return source
    name = source.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return f"file {name}" if name else None


def _public_article(record: dict[str, Any]) -> dict[str, Any]:
    if "source" in record:
        record = {**record, "source": public_source(record["source"])}
    return record


def _pages(total: int, per_page: int) -> int:
    return max(1, math.ceil(total / per_page))


def home(db: Any, treaty: str | None, on: date | None, latest: int = 10) -> dict[str, Any]:
    from treatywatch.store import queries

    chosen = data.treaty_of(treaty)
    on = on or date.today()
    found = queries.latest_findings(db, latest, treaty=chosen.value)
    return {
        "treaty": chosen.value,
        "treaty_name": data.short_name(chosen),
        "on": on.isoformat(),
        "treaties": treaty_names(),
        "counts": data.status_counts(chosen, on),
        "statuses": data.statuses(chosen, on),
        "latest": found,
        **data.currency(chosen, on),
    }


def findings(db: Any, *, state: str | None, treaty: str | None, kind: str | None,
             modality: str | None, since: date | None, until: date | None, page: int,
             per_page: int = PER_PAGE, status: str | None = None,
             offset: int | None = None) -> dict[str, Any]:
    """`offset`, when given, is where the rows start instead of `page`'s (a download's chunks)."""
    from treatywatch.store import queries

    if since and until:
        check_order(since, until)
    iso3 = data.resolve(state)[0] if state else None
    chosen = data.treaty_of(treaty).value if treaty else None
    filters = {"state": iso3, "treaty": chosen, "kind": kind, "modality": modality,
               "status": status, "since": since, "until": until}
    total = queries.count_findings(db, **filters)
    start = (page - 1) * per_page if offset is None else offset
    rows = queries.findings(db, **filters, limit=per_page, offset=start)
    params = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in filters.items()}
    return {
        "params": params,
        "page": page,
        "per_page": per_page,
        "pages": _pages(total, per_page),
        "total": total,
        "findings": rows,
        "choices": {"treaty": [t.value for t in Treaty], "kind": [k.value for k in FindingKind],
                    "modality": [m.value for m in Modality],
                    "status": [s.value for s in FindingStatus]},
    }


def events(db: Any, *, state: str | None = None, treaty: str | None = None,
           act: str | None = None, weapon: str | None = None, modality: str | None = None,
           since: date | None = None, until: date | None = None, page: int = 1,
           per_page: int = PER_PAGE, offset: int | None = None) -> dict[str, Any]:
    """Events in the news (not background), filtered and paged, newest first. `treaty` keeps
    the events whose weapon is in that treaty's scope (or that name the treaty); `offset`, when
    given, is where the rows start instead of `page`'s."""
    from treatywatch.store import queries

    if since and until:
        check_order(since, until)
    iso3 = data.resolve(state)[0] if state else None
    filters = {"state": iso3, "act": act, "weapon": weapon, "modality": modality,
               "since": since, "until": until, "include_background": False}
    chosen = data.treaty_of(treaty) if treaty else None
    if chosen is not None:  # events naming the treaty, or naming none with a weapon in scope
        filters["scope"] = (chosen.value, treaty_weapons(chosen))
    total = queries.count_events(db, **filters)
    start = (page - 1) * per_page if offset is None else offset
    rows = queries.events(db, **filters, limit=per_page, offset=start)
    params = {"state": iso3, "treaty": chosen.value if chosen else None, "act": act,
              "weapon": weapon, "modality": modality,
              "since": since.isoformat() if since else None,
              "until": until.isoformat() if until else None}
    return {"params": params, "page": page, "per_page": per_page,
            "pages": _pages(total, per_page), "total": total,
            "events": [data.describe_event(e) for e in rows],
            "choices": {"treaty": [t.value for t in Treaty], "act": [a.value for a in Act],
                        "weapon": [w.value for w in Weapon],
                        "modality": [m.value for m in Modality]}}


def treaty_weapons(treaty: Treaty) -> list[str]:
    """The weapons in a treaty pack's scope: an event naming no treaty touches the treaty when
    its weapon is one of them."""
    from treatywatch import treaties

    return [w.value for w in Weapon if treaties.pack(treaty).in_scope(w)]


def article(db: Any, article_id: int) -> dict[str, Any]:
    from treatywatch.store import queries

    record = queries.article(db, article_id)
    if record is None:
        raise NotFound(f"no article {article_id} in the store — see /findings or /search")
    record = _public_article(record)
    events = [data.describe_event(e) for e in record.pop("events", [])]
    found = record.pop("findings", [])
    spans = [Span(int(ev["start"]), int(ev["end"]), f"event-{e['idx']}")
             for e in events for ev in e.get("evidence") or []
             if isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int)]
    story = record.pop("story", None)
    return {"article": record, "events": events, "findings": found, "story": story,
            "spans": [{"start": s.start, "end": s.end, "event": s.ref} for s in spans],
            "_paragraphs": paragraphs(record.get("text") or "", spans)}


def deadlines(treaty: str | None, on: date | None) -> dict[str, Any]:
    chosen = data.treaty_of(treaty)
    on = on or date.today()
    horizon = on + timedelta(days=365)
    every = data.deadlines(chosen, on)
    missed = [d for d in every if d["state"] == DeadlineState.MISSED.value]
    unconfirmed = [d for d in every if d["state"] == DeadlineState.UNCONFIRMED.value]
    upcoming = [d for d in every if d["state"] == DeadlineState.RUNNING.value
                and on <= parse_date(d["current_deadline"]) <= horizon]
    return {
        "treaty": chosen.value, "on": on.isoformat(), "horizon": horizon.isoformat(),
        "treaties": treaty_names(),
        "missed": sorted(missed, key=lambda d: (d["current_deadline"], d["iso3"])),
        "unconfirmed": sorted(unconfirmed, key=lambda d: (d["current_deadline"], d["iso3"])),
        "upcoming": sorted(upcoming, key=lambda d: (d["current_deadline"], d["iso3"])),
        **data.currency(chosen, on, ("depositary", "meetings")),
    }


def treaty(treaty_id: str, on: date | None) -> dict[str, Any]:
    chosen = data.treaty_of(treaty_id)
    on = on or date.today()
    return {"treaty": chosen.value, "on": on.isoformat(), "pack": data.pack(chosen),
            "counts": data.status_counts(chosen, on), **data.currency(chosen, on)}


def search(db: Any, q: str, page: int, per_page: int = 20) -> dict[str, Any]:
    from treatywatch.store import queries

    q = (q or "").strip()
    if not q:
        return {"q": "", "page": 1, "pages": 1, "total": 0, "results": []}
    # One extra row tells whether there is a next page (the store gives no total for search).
    rows = queries.search_articles(db, q, limit=per_page + 1, offset=(page - 1) * per_page)
    more = len(rows) > per_page
    rows = [_public_article(r) for r in rows[:per_page]]
    total = (page - 1) * per_page + len(rows)
    return {"q": q, "page": page, "pages": page + 1 if more else page, "total": total,
            "more": more, "results": rows}
