"""The review queue: unreviewed, current findings, the most serious and weakest first.

Seriousness is data (SERIOUSNESS: a finding kind's rank, lower first); within a kind, a finding
marked needs_review comes before an asserted one, then the least confident, then the newest.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import case, select

from treatywatch.model import FindingStatus
from treatywatch.store.tables import FindingRow

SERIOUSNESS = {
    "prohibited_act": 0,   # a State Party said to do what the treaty forbids
    "deadline_missed": 1,
    "withdrawal": 2,
    "non_state_use": 3,
    "progress": 4,
    "non_party_act": 5,    # informational
}
MAX_ROWS = 200


def queue(db, *, state: str | None = None, treaty: str | None = None, kind: str | None = None,
          since: date | None = None, until: date | None = None, limit: int = 50,
          offset: int = 0) -> list[dict[str, Any]]:
    """Findings awaiting review, in the order an analyst should take them: their ids one
    (kind, status) at a time until the page is full (`_queue_ids`), then the findings
    themselves (`queries.findings_by_id`)."""
    from treatywatch.store import queries

    ids = _queue_ids(db, state=state, treaty=treaty, kind=kind, since=since, until=until,
                     limit=min(limit, MAX_ROWS), offset=offset)
    return queries.findings_by_id(db, ids)


def _queue_ids(db, *, state, treaty, kind, since, until, limit, offset) -> list[int]:
    """The page's ids: each (kind, status) group read in queue order on `ix_findings_queue`
    (0014), the most serious kind first, until offset + limit are found; findings of a kind or
    status the queue does not rank come last, in the same order within them."""
    wanted = offset + limit
    ids: list[int] = []
    with db.session() as s:
        for group in _groups(kind):
            if len(ids) >= wanted:
                break
            q = _filtered(select(FindingRow.id).where(group), state=state, treaty=treaty,
                          since=since, until=until)
            q = q.order_by(*_ORDER[2:]).limit(wanted - len(ids))
            ids.extend(s.execute(q).scalars())
        if len(ids) < wanted:
            q = _filtered(select(FindingRow.id).where(~_ranked()), state=state, treaty=treaty,
                          since=since, until=until)
            if kind:
                q = q.where(FindingRow.kind == kind)
            q = q.order_by(*_ORDER).limit(wanted - len(ids))
            ids.extend(s.execute(q).scalars())
    return ids[offset:offset + limit]


# every finding status, the weak first (model.FindingStatus)
_STATUSES = (FindingStatus.NEEDS_REVIEW.value, FindingStatus.ASSERTED.value)
_ORDER = (case(SERIOUSNESS, value=FindingRow.kind, else_=len(SERIOUSNESS)),
          case((FindingRow.status == FindingStatus.NEEDS_REVIEW.value, 0), else_=1),
          FindingRow.confidence, FindingRow.on_date.desc(), FindingRow.id.desc())


def _groups(kind: str | None):
    """(kind, status) conditions in queue order, for the kinds SERIOUSNESS ranks."""
    kinds = sorted(SERIOUSNESS, key=SERIOUSNESS.__getitem__)
    for k in kinds if kind is None else [k for k in kinds if k == kind]:
        for status in _STATUSES:
            yield (FindingRow.kind == k) & (FindingRow.status == status)


def _ranked():
    return FindingRow.kind.in_(list(SERIOUSNESS)) & FindingRow.status.in_(_STATUSES)


def _filtered(q, *, state, treaty, since, until):
    q = q.where(FindingRow.review_verdict.is_(None), FindingRow.retired_at.is_(None))
    if state:
        q = q.where(FindingRow.state == state.upper())
    if treaty:
        q = q.where(FindingRow.treaty == treaty.lower())
    if since:
        q = q.where(FindingRow.on_date >= since)
    if until:
        q = q.where(FindingRow.on_date <= until)
    return q
