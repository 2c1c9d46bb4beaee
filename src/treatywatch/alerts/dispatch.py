"""Which findings each alert still has to announce, and their delivery.

Each active alert looks at the findings stored after it (a cursor: `alerts.last_finding_id`)
that match its filters. A finding is announced once per alert, whatever re-reads it: the
delivery row is keyed by the finding's identity (the article's content hash, treaty, state,
kind, treaty article, modality and rule), unique per alert; a reassess or a re-ingest that
gives the same finding again finds its key taken. The body is fixed when it is queued, so a
retry sends the same bytes.

A delivery is tried at once, and again after `QUICK_RETRIES` seconds when the failure may pass
(time-out, connection refused, HTTP 5xx/429); then on later cycles after a back-off that doubles
(`RETRY_BASE` s, 2x, 4x, ...) until `MAX_ATTEMPTS`, after which it is `failed`. A failure that
will not pass (HTTP 4xx, a refused address) is `failed` at once. Every try is recorded.
"""

from __future__ import annotations

import hashlib
import logging
import smtplib
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from treatywatch.errors import BadInput
from treatywatch.ingest.fetch import FetchError
from treatywatch.store.db import Database
from treatywatch.store.tables import Alert, AlertDelivery, ArticleRow, FindingRow

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
QUICK_RETRIES = (0.2, 0.6)
RETRY_BASE = 60.0
BATCH = 500


def finding_key(content_hash: str | None, row: FindingRow) -> str:
    parts = [content_hash or f"article:{row.article_id}", row.treaty, row.state, row.kind,
             row.treaty_article or "", row.modality or "", row.rule or ""]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def payload_of(finding: FindingRow, article: ArticleRow) -> dict:
    return {
        "event": "finding",
        "finding": {
            "id": finding.id, "treaty": finding.treaty, "state": finding.state,
            "kind": finding.kind, "treaty_article": finding.treaty_article,
            "modality": finding.modality, "status": finding.status,
            "confidence": finding.confidence, "rule": finding.rule,
            "on_date": finding.on_date.isoformat() if finding.on_date else None,
            "explanation": finding.explanation, "evidence": finding.evidence or [],
        },
        "article": {"id": article.id, "title": article.title, "url": article.url,
                    "outlet": article.outlet,
                    "published": article.published.isoformat() if article.published else None},
    }


def queue(db: Database) -> int:
    """New deliveries for every active alert; returns how many were queued."""
    queued = 0
    with db.write() as s:
        alerts = s.execute(select(Alert).where(Alert.active.is_(True))).scalars().all()
        for alert in alerts:
            query = (select(FindingRow, ArticleRow)
                     .join(ArticleRow, ArticleRow.id == FindingRow.article_id)
                     .where(FindingRow.id > alert.last_finding_id)
                     .order_by(FindingRow.id).limit(BATCH))
            for column, value in (("state", alert.state), ("treaty", alert.treaty),
                                  ("kind", alert.kind)):
                if value:
                    query = query.where(getattr(FindingRow, column) == value)
            rows = s.execute(query).all()
            if not rows:
                continue
            keyed = {finding_key(a.content_hash, f): (f, a) for f, a in rows}
            taken = set(s.execute(select(AlertDelivery.finding_key).where(
                AlertDelivery.alert_id == alert.id,
                AlertDelivery.finding_key.in_(list(keyed)))).scalars())
            stamp = datetime.now(UTC)
            for key, (finding, article) in keyed.items():
                if key in taken:
                    continue
                s.add(AlertDelivery(alert_id=alert.id, finding_key=key, finding_id=finding.id,
                                    status="pending", attempts=0, created_at=stamp,
                                    payload=payload_of(finding, article)))
                queued += 1
            alert.last_finding_id = max(f.id for f, _ in rows)
    return queued


def _transient(exc: Exception) -> bool:
    if isinstance(exc, FetchError):
        return exc.transient
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return False
    return isinstance(exc, (OSError, smtplib.SMTPException, BadInput))


def _send(alert: Alert, delivery_id: int, payload: dict, env) -> int | None:
    body = {**payload, "delivery": delivery_id,
            "sent_at": datetime.now(UTC).isoformat(timespec="seconds")}
    if alert.channel == "webhook":
        from treatywatch.alerts.webhook import post

        return post(alert.target, alert.secret or "", body, delivery_id,
                    allow_private=alert.allow_private)
    from treatywatch.alerts.mail import SmtpSettings, send

    send(SmtpSettings.from_env(env), alert.target, body)
    return None


def deliver_due(db: Database, *, at: datetime | None = None,
                sleep: Callable[[float], None] = time.sleep, env=None) -> dict[str, int]:
    """Queue what is new, then send every delivery that is due. Returns counts."""
    counts = {"queued": queue(db), "sent": 0, "failed": 0, "retrying": 0}
    at = at or datetime.now(UTC)
    with db.session() as s:
        pending = s.execute(select(AlertDelivery, Alert)
                            .join(Alert, Alert.id == AlertDelivery.alert_id)
                            .where(AlertDelivery.status == "pending")
                            .order_by(AlertDelivery.id).limit(BATCH)).all()
    for delivery, alert in pending:
        due = delivery.next_try_at
        if due is not None and due.tzinfo is None:
            due = due.replace(tzinfo=UTC)
        if due is not None and due > at:
            continue
        tries, status, error, code = 0, "pending", None, None
        for pause in (0.0, *QUICK_RETRIES):
            if pause:
                sleep(pause)
            tries += 1
            try:
                code = _send(alert, delivery.id, delivery.payload or {}, env)
                status, error = "sent", None
                break
            except Exception as exc:  # every failure is recorded on the delivery
                error = f"{type(exc).__name__}: {str(exc)[:300]}"
                code = getattr(exc, "status", None)
                if not _transient(exc):
                    status = "failed"
                    break
        attempts = delivery.attempts + tries
        if status == "pending" and attempts >= MAX_ATTEMPTS:
            status = "failed"
        with db.write() as s:
            row = s.get(AlertDelivery, delivery.id)
            if row is None:
                continue
            row.attempts = attempts
            row.status = status
            row.last_error = error
            row.response_status = code
            if status == "sent":
                row.delivered_at = datetime.now(UTC)
                row.next_try_at = None
            elif status == "pending":
                row.next_try_at = at + timedelta(seconds=RETRY_BASE * 2 ** (attempts // 3))
        key = {"sent": "sent", "failed": "failed", "pending": "retrying"}[status]
        counts[key] += 1
        if status != "sent":
            log.warning("alert %d delivery %d %s: %s", alert.id, delivery.id, key, error)
    return counts
