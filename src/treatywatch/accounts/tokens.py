"""API tokens: shown once, kept as SHA-256, revocable; a disabled user's tokens stop at once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from treatywatch.accounts.principal import CLI, Principal
from treatywatch.accounts.secrets_ import digest, new_secret
from treatywatch.accounts.users import find_user
from treatywatch.errors import BadInput
from treatywatch.review import audit
from treatywatch.store.db import Database
from treatywatch.store.tables import ApiToken, User

PREFIX = "tw_"
MAX_LENGTH = 200


def create_token(db: Database, name: str, by: Principal = CLI) -> dict[str, Any]:
    """A new token for user `name`: {"id", "token", "prefix"} — the token is not kept."""
    token = new_secret(PREFIX)
    with db.write() as s:
        user = find_user(s, name)
        if user.disabled:
            raise BadInput(f"the user {name!r} is disabled: no token can be made for it")
        row = ApiToken(user_id=user.id, token_hash=digest(token), prefix=token[:10],
                       created_at=datetime.now(UTC))
        s.add(row)
        s.flush()
        audit.record(s, by, "token.create", f"user:{user.id}",
                     {"token_id": row.id, "prefix": row.prefix})
        return {"id": row.id, "token": token, "prefix": row.prefix, "user": name}


def revoke_token(db: Database, token_id: int, by: Principal = CLI) -> None:
    with db.write() as s:
        row = s.get(ApiToken, token_id)
        if row is None:
            raise BadInput(f"no token {token_id}: see `treatywatch users tokens NAME`")
        if row.revoked_at is None:
            row.revoked_at = datetime.now(UTC)
            audit.record(s, by, "token.revoke", f"user:{row.user_id}", {"token_id": row.id})


def tokens_of(db: Database, name: str) -> list[dict[str, Any]]:
    with db.session() as s:
        user = find_user(s, name)
        rows = s.execute(select(ApiToken).where(ApiToken.user_id == user.id)
                         .order_by(ApiToken.id)).scalars()
        return [{"id": r.id, "prefix": r.prefix, "created_at": r.created_at.isoformat(),
                 "revoked": r.revoked_at is not None} for r in rows]


def principal_for_token(db: Database, token: str) -> Principal | None:
    if not token or len(token) > MAX_LENGTH:
        return None
    with db.session() as s:
        found = s.execute(
            select(ApiToken.id, User.id, User.name, User.role)
            .join(User, User.id == ApiToken.user_id)
            .where(ApiToken.token_hash == digest(token), ApiToken.revoked_at.is_(None),
                   User.disabled.is_(False))
        ).first()
    if found is None:
        return None
    token_id, user_id, name, role = found
    return Principal(user_id, name, role, "token", token_id)
