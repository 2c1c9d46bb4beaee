"""Users: add, list, disable, and check a password."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from treatywatch.accounts.passwords import hash_password, verify_password
from treatywatch.accounts.principal import CLI, ROLES, Principal
from treatywatch.errors import BadInput
from treatywatch.review import audit
from treatywatch.store.db import Database
from treatywatch.store.tables import User

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def now() -> datetime:
    return datetime.now(UTC)


def check_name(name: str) -> str:
    if not NAME.match(name or ""):
        raise BadInput(f"invalid user name {name!r}: use 1-64 letters, digits, '.', '_' or '-'")
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise BadInput(f"unknown role {role!r}: choose one of {', '.join(ROLES)}")
    return role


def _user_dict(u: User) -> dict[str, Any]:
    return {"id": u.id, "name": u.name, "role": u.role, "disabled": u.disabled,
            "created_at": u.created_at.isoformat() if u.created_at else None}


def find_user(session, name: str) -> User:
    user = session.execute(select(User).where(User.name == name)).scalar_one_or_none()
    if user is None:
        raise BadInput(f"no user {name!r}: see `treatywatch users list`")
    return user


def add_user(db: Database, name: str, role: str, password: str,
             by: Principal = CLI) -> dict[str, Any]:
    check_name(name)
    check_role(role)
    hashed = hash_password(password)
    with db.write() as s:
        if s.execute(select(User.id).where(User.name == name)).first():
            raise BadInput(f"the user {name!r} exists already")
        user = User(name=name, role=role, password_hash=hashed, disabled=False, created_at=now())
        s.add(user)
        s.flush()
        audit.record(s, by, "user.add", f"user:{user.id}", {"name": name, "role": role})
        return _user_dict(user)


def list_users(db: Database) -> list[dict[str, Any]]:
    with db.session() as s:
        return [_user_dict(u) for u in s.execute(select(User).order_by(User.name)).scalars()]


def disable_user(db: Database, name: str, by: Principal = CLI) -> dict[str, Any]:
    """Disable a user: their sessions and tokens stop working at once (they are checked on
    every request)."""
    with db.write() as s:
        user = find_user(s, name)
        user.disabled = True
        audit.record(s, by, "user.disable", f"user:{user.id}", {"name": name})
        return _user_dict(user)


def authenticate(db: Database, name: str, password: str) -> Principal | None:
    """The user, if the name and password match an enabled account; None otherwise."""
    with db.session() as s:
        user = s.execute(select(User).where(User.name == name)).scalar_one_or_none()
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or user.disabled:
        return None
    return Principal(user.id, user.name, user.role, "session")
