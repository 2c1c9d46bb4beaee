"""The alerts kept in the store (table `alerts`): where to announce, and which findings."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime

from sqlalchemy import func, select

from treatywatch.errors import BadInput, TreatywatchError
from treatywatch.model import FindingKind, Treaty
from treatywatch.store.db import Database
from treatywatch.store.tables import Alert, AlertDelivery, FindingRow

CHANNELS = ("webhook", "email")
_ADDRESS = re.compile(r"^[^@\s<>,;\"']{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}$")


class UnknownAlert(TreatywatchError):
    pass


def check_target(channel: str, target: str) -> str:
    target = target.strip()
    if channel == "webhook":
        from treatywatch.watch.sources import check_url

        try:
            return check_url(target)
        except BadInput as exc:
            raise BadInput(f"webhook {target!r}: give an http or https URL") from exc
    if channel == "email":
        if not _ADDRESS.match(target):
            raise BadInput(f"e-mail {target!r}: give one address, like monitor@example.org")
        return target
    raise BadInput(f"alert channel {channel!r}: give webhook or email")


def check_filters(state: str | None, treaty: str | None, kind: str | None
                  ) -> tuple[str | None, str | None, str | None]:
    if state:
        from treatywatch.places.names import resolve_state

        state = resolve_state(state)
    if treaty:
        treaty = treaty.lower()
        if treaty not in {t.value for t in Treaty}:
            raise BadInput(f"--treaty {treaty!r}: give " + " or ".join(t.value for t in Treaty))
    if kind:
        kind = kind.lower()
        kinds = [k.value for k in FindingKind]
        if kind not in kinds:
            raise BadInput(f"--kind {kind!r}: give one of {', '.join(kinds)}")
    return state, treaty, kind


def add(db: Database, channel: str, target: str, *, state: str | None = None,
        treaty: str | None = None, kind: str | None = None, secret: str | None = None,
        allow_private: bool = False) -> tuple[Alert, str | None]:
    """A new alert, announcing the findings stored from now on. Returns (alert, the webhook's
    secret: generated when not given, shown once)."""
    target = check_target(channel, target)
    state, treaty, kind = check_filters(state, treaty, kind)
    if channel == "webhook":
        if secret is not None and len(secret) < 16:
            raise BadInput("--secret: at least 16 characters (or leave it out: one is made)")
        secret = secret or secrets.token_hex(32)
    else:
        secret = None
    with db.write() as s:
        newest = s.execute(select(func.max(FindingRow.id))).scalar() or 0
        alert = Alert(channel=channel, target=target, secret=secret, state=state,
                      treaty=treaty, kind=kind, allow_private=allow_private, active=True,
                      created_at=datetime.now(UTC), last_finding_id=newest)
        s.add(alert)
        s.flush()
    return alert, secret


def listing(db: Database) -> list[dict]:
    with db.session() as s:
        counts: dict[tuple[int, str], int] = {
            (a, st): n for a, st, n in s.execute(
                select(AlertDelivery.alert_id, AlertDelivery.status, func.count())
                .group_by(AlertDelivery.alert_id, AlertDelivery.status)).all()
        }
        rows = s.execute(select(Alert).order_by(Alert.id)).scalars().all()
        return [
            {"id": a.id, "channel": a.channel, "target": a.target, "state": a.state,
             "treaty": a.treaty, "kind": a.kind, "active": a.active,
             "allow_private": a.allow_private,
             "created_at": a.created_at.isoformat(timespec="seconds"),
             "sent": counts.get((a.id, "sent"), 0),
             "pending": counts.get((a.id, "pending"), 0),
             "failed": counts.get((a.id, "failed"), 0)}
            for a in rows
        ]


def remove(db: Database, alert_id: int) -> str:
    with db.write() as s:
        alert = s.get(Alert, alert_id)
        if alert is None:
            raise UnknownAlert(f"no alert {alert_id}; see them with: treatywatch alerts list")
        target = alert.target
        s.execute(AlertDelivery.__table__.delete().where(AlertDelivery.alert_id == alert_id))
        s.delete(alert)
    return target


def deliveries(db: Database, limit: int = 100) -> list[dict]:
    with db.session() as s:
        rows = s.execute(select(AlertDelivery).order_by(AlertDelivery.id.desc()).limit(limit)
                         ).scalars().all()
        return [
            {"id": d.id, "alert_id": d.alert_id, "finding_id": d.finding_id,
             "status": d.status, "attempts": d.attempts,
             "response_status": d.response_status, "last_error": d.last_error,
             "created_at": d.created_at.isoformat(timespec="seconds"),
             "delivered_at": d.delivered_at.isoformat(timespec="seconds")
             if d.delivered_at else None}
            for d in rows
        ]
