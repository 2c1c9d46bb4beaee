"""What the read queries share: dates and names as the store keeps them, date ranges, pages
and counts (`treatywatch.store.queries` has the queries themselves)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Select, func, select

from treatywatch.dates import leading_date
from treatywatch.store.db import Database


def _iso(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is None:  # SQLite keeps UTC without zone
        value = value.replace(tzinfo=UTC)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _date(value: date | str | None, name: str) -> date | None:
    return None if value is None else leading_date(value, what=name)


def _upper(value: str | None) -> str | None:
    return value.upper() if value else None


def _lower(value: Any) -> str | None:
    value = getattr(value, "value", value)
    return str(value).lower() if value else None


def outlet_of(outlet: str | None, url: str | None, article_id: int) -> str:
    """An article's outlet: its stated name, else its web host, else the article itself."""
    if outlet:
        return outlet.strip().lower()
    if url:
        host = urlsplit(url).hostname or ""
        if host:
            return host.removeprefix("www.")
    return f"article:{article_id}"


def _between(q: Select, day, since, until) -> Select:
    """Keep the rows whose `day` (a column or expression) lies in [since, until]."""
    if since is not None:
        q = q.where(day >= _date(since, "since"))
    if until is not None:
        q = q.where(day <= _date(until, "until"))
    return q


def _page(q: Select, limit: int | None, offset: int) -> Select:
    if limit is not None:
        q = q.limit(limit)
    return q.offset(offset) if offset else q


def _count(db: Database, q: Select) -> int:
    with db.session() as s:
        return s.execute(select(func.count()).select_from(q.subquery())).scalar_one()
