"""Login sessions kept in the store: the cookie holds a random value, the store its SHA-256 and
the session's CSRF token. Checked on every request, so disabling a user ends its sessions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select

from treatywatch.accounts.principal import Principal
from treatywatch.accounts.secrets_ import digest, new_secret
from treatywatch.review import audit
from treatywatch.store.db import Database
from treatywatch.store.tables import User, WebSession

LIFETIME = timedelta(hours=12)
MAX_LENGTH = 200


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)  # SQLite gives naive UTC


def start_session(db: Database, principal: Principal) -> tuple[str, str]:
    """(cookie value, CSRF token) of a new session for `principal`."""
    cookie, csrf = new_secret(), new_secret()
    stamp = datetime.now(UTC)
    with db.write() as s:
        s.execute(delete(WebSession).where(WebSession.user_id == principal.id,
                                           WebSession.expires_at < stamp))
        s.add(WebSession(id_hash=digest(cookie), user_id=principal.id, csrf=csrf,
                         created_at=stamp, expires_at=stamp + LIFETIME))
        audit.record(s, principal, "login", f"user:{principal.id}", None)
    return cookie, csrf


def principal_for_session(db: Database, cookie: str | None) -> tuple[Principal, str] | None:
    """(the session's user, its CSRF token), or None for no, an expired or a disabled one."""
    if not cookie or len(cookie) > MAX_LENGTH:
        return None
    with db.session() as s:
        found = s.execute(
            select(User.id, User.name, User.role, WebSession.csrf, WebSession.expires_at)
            .join(User, User.id == WebSession.user_id)
            .where(WebSession.id_hash == digest(cookie), User.disabled.is_(False))
        ).first()
    if found is None or _aware(found.expires_at) < datetime.now(UTC):
        return None
    return Principal(found.id, found.name, found.role, "session"), found.csrf


def end_session(db: Database, cookie: str | None) -> None:
    if not cookie or len(cookie) > MAX_LENGTH:
        return
    current = principal_for_session(db, cookie)
    with db.write() as s:
        s.execute(delete(WebSession).where(WebSession.id_hash == digest(cookie)))
        if current is not None:
            audit.record(s, current[0], "logout", f"user:{current[0].id}", None)
