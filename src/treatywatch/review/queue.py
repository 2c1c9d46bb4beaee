"""The review queue: unreviewed, current findings, the most serious and weakest first.

Seriousness is data (SERIOUSNESS: a finding kind's rank, lower first); within a kind, a finding
marked needs_review comes before an asserted one, then the least confident, then the newest.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import case, select

from treatywatch.store.tables import ArticleRow, FindingRow

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
    """Findings awaiting review, in the order an analyst should take them: their ids in one
    query, then the findings themselves in one more (`queries.findings_by_id`)."""
    from treatywatch.store import queries

    ids = _queue_ids(db, state=state, treaty=treaty, kind=kind, since=since, until=until,
                     limit=min(limit, MAX_ROWS), offset=offset)
    return queries.findings_by_id(db, ids)


def _queue_ids(db, *, state, treaty, kind, since, until, limit, offset) -> list[int]:
    rank = case(SERIOUSNESS, value=FindingRow.kind, else_=len(SERIOUSNESS))
    weak = case((FindingRow.status == "needs_review", 0), else_=1)
    q = (select(FindingRow.id).join(ArticleRow, ArticleRow.id == FindingRow.article_id)
         .where(FindingRow.review_verdict.is_(None), FindingRow.retired_at.is_(None)))
    if state:
        q = q.where(FindingRow.state == state.upper())
    if treaty:
        q = q.where(FindingRow.treaty == treaty.lower())
    if kind:
        q = q.where(FindingRow.kind == kind)
    if since:
        q = q.where(FindingRow.on_date >= since)
    if until:
        q = q.where(FindingRow.on_date <= until)
    q = q.order_by(rank, weak, FindingRow.confidence, FindingRow.on_date.desc(),
                   FindingRow.id.desc()).limit(limit).offset(offset)
    with db.session() as s:
        return list(s.execute(q).scalars())
