"""The audit trail: one row appended per review, account change, login and token write, in
the transaction that made the change. The application never updates or deletes it, and the
store refuses to (triggers made by migration 0009)."""

from __future__ import annotations

import getpass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from treatywatch.store.tables import AuditEntry

MAX_ROWS = 1000


def _operator() -> str:
    try:
        return f"cli:{getpass.getuser()}"[:64]
    except Exception:  # no login name (a container): still say it came from the CLI
        return "cli"


def record(session: Session, principal, action: str, target: str | None,
           details: dict[str, Any] | None) -> None:
    """Append one entry; `principal` is an accounts.Principal (its `via`: cli, session, token)."""
    name = _operator() if principal.via == "cli" else principal.name
    if principal.token_id is not None:
        details = {**(details or {}), "token_id": principal.token_id}
    session.add(AuditEntry(at=datetime.now(UTC), user_id=principal.id, user_name=name,
                           via=principal.via, action=action, target=target, details=details))


def _entry(e: AuditEntry) -> dict[str, Any]:
    at = e.at if e.at.tzinfo else e.at.replace(tzinfo=UTC)
    return {"id": e.id, "at": at.isoformat(), "user": e.user_name, "user_id": e.user_id,
            "via": e.via, "action": e.action, "target": e.target, "details": e.details or {}}


def entries(db, *, since: date | datetime | None = None, user: str | None = None,
            target: str | None = None, limit: int = MAX_ROWS) -> list[dict[str, Any]]:
    """Entries oldest first, from `since` (a day means its midnight UTC), by `user`, on
    `target` (e.g. "finding:12")."""
    q = select(AuditEntry).order_by(AuditEntry.id)
    if since is not None:
        if not isinstance(since, datetime):
            since = datetime(since.year, since.month, since.day, tzinfo=UTC)
        if db.dialect == "sqlite":
            since = since.astimezone(UTC).replace(tzinfo=None)
        q = q.where(AuditEntry.at >= since)
    if user:
        q = q.where(AuditEntry.user_name == user)
    if target:
        q = q.where(AuditEntry.target == target)
    with db.session() as s:
        return [_entry(e) for e in s.execute(q.limit(min(limit, MAX_ROWS))).scalars()]
