"""Reviews: an analyst confirms, rejects or amends a finding or an event, always with a reason.

A review is a row that is never changed; the finding (or event) carries the latest verdict, and
a correction goes into its columns, so that it shows, and is filtered, everywhere, while
`as_found` keeps the machine's own values (reassess matches and updates those, never the
correction). Correcting an event (its actor, other side, place, modality, weapon) re-judges its
article at once, so its findings follow; reassess keeps judging the corrected event. Every
review is audited in its transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from treatywatch.accounts.principal import Principal, require
from treatywatch.errors import BadInput, TreatywatchError
from treatywatch.model import Modality, Weapon
from treatywatch.review import audit
from treatywatch.store.tables import ArticleRow, EventRow, FindingRow, Review, User

VERDICTS = ("confirmed", "rejected", "amended")
MAX_REASON = 4000
TREATY_ARTICLE_MAX = 16


class NotFound(TreatywatchError):
    http_status = 404


def _state(value: Any) -> str:
    from treatywatch.places.names import resolve_state

    if not isinstance(value, str) or not value.strip():
        raise BadInput(f"a state must be an ISO3 code or a name, not {value!r}")
    return resolve_state(value.strip()[:80])


def _choice(vocabulary):
    names = [v.value for v in vocabulary]

    def check(value: Any) -> str:
        if value not in names:
            raise BadInput(f"{value!r} is not one of {', '.join(names)}")
        return value

    return check


def _treaty_article(value: Any) -> str:
    if not isinstance(value, str) or not 0 < len(value.strip()) <= TREATY_ARTICLE_MAX:
        raise BadInput(f"a treaty article is a short text like '1.1.b' or '4', not {value!r}")
    return value.strip()


FINDING_FIELDS = {"state": _state, "modality": _choice(Modality),
                  "treaty_article": _treaty_article}
EVENT_FIELDS = {"actor": _state, "counterpart": _state, "location": _state,
                "modality": _choice(Modality), "weapon": _choice(Weapon)}


def check_review(verdict: Any, reason: Any, changes: Any, fields: dict) -> dict[str, Any]:
    """The corrections, checked; BadInput naming what is wrong otherwise."""
    if verdict not in VERDICTS:
        raise BadInput(f"verdict {verdict!r}: choose one of {', '.join(VERDICTS)}")
    if not isinstance(reason, str) or not reason.strip():
        raise BadInput("a review needs a reason: say why, in words")
    if len(reason) > MAX_REASON:
        raise BadInput(f"the reason is too long: at most {MAX_REASON} characters")
    changes = changes or {}
    if not isinstance(changes, dict):
        raise BadInput("changes must be an object like {\"state\": \"RUS\"}")
    unknown = sorted(set(changes) - set(fields))
    if unknown:
        raise BadInput(f"cannot amend {', '.join(unknown)}: amendable are "
                       f"{', '.join(sorted(fields))}")
    if verdict == "amended" and not changes:
        raise BadInput(f"an amendment says what to correct: one of {', '.join(sorted(fields))}")
    if verdict != "amended" and changes:
        raise BadInput(f"only an amendment carries changes, not a review {verdict!r}")
    return {name: fields[name](value) for name, value in changes.items()}


def _snapshot(row, names) -> dict[str, Any]:
    return {n: getattr(row, n) for n in names}


def _add_review(s, principal: Principal, verdict: str, reason: str, changes: dict, *,
                finding_id: int | None = None, event_id: int | None = None,
                snapshot: dict | None = None) -> Review:
    review = Review(finding_id=finding_id, event_id=event_id, user_id=principal.id,
                    verdict=verdict, reason=reason.strip(), changes=changes or None,
                    snapshot=snapshot, created_at=datetime.now(UTC))
    s.add(review)
    s.flush()
    target = f"finding:{finding_id}" if finding_id is not None else f"event:{event_id}"
    audit.record(s, principal, f"review.{'finding' if finding_id is not None else 'event'}",
                 target, {"review_id": review.id, "verdict": verdict, "changes": changes or {}})
    return review


def _correct(row, changes: dict[str, Any]) -> None:
    """Write the corrections into the row's columns, keeping the machine's own values in
    `as_found` (a correction back to the machine's value drops it from there)."""
    found = dict(row.as_found or {})
    for name, value in changes.items():
        machine = found.get(name, getattr(row, name))
        setattr(row, name, value)
        if value == machine:
            found.pop(name, None)
        else:
            found[name] = machine
    row.as_found = found or None


def _mark_finding(s, row: FindingRow, principal, verdict, reason, changes) -> Review:
    snap = _snapshot(row, ("state", "kind", "treaty", "treaty_article", "modality", "status",
                           "rule", "confidence"))
    snap["as_found"] = row.as_found or {}
    review = _add_review(s, principal, verdict, reason, changes, finding_id=row.id,
                         snapshot=snap)
    row.review_verdict = verdict
    row.reviewed_at = review.created_at
    if verdict == "amended":
        _correct(row, changes)
    return review


def review_finding(db, principal: Principal | None, finding_id: int, verdict: Any,
                   reason: Any, changes: Any = None) -> dict[str, Any]:
    """Record an analyst's review of a finding; returns the review."""
    principal = require(principal, "analyst", "reviewing a finding")
    checked = check_review(verdict, reason, changes, FINDING_FIELDS)
    with db.write() as s:
        row = s.get(FindingRow, finding_id)
        if row is None:
            raise NotFound(f"no finding {finding_id} in the store — see /findings")
        return _review_dict(_mark_finding(s, row, principal, verdict, reason, checked),
                            principal.name)


def review_event(db, principal: Principal | None, event_id: int, verdict: Any, reason: Any,
                 changes: Any = None, *, registry=None) -> dict[str, Any]:
    """Record a review of an event. An amendment corrects the event and re-judges its article
    (findings keep their ids where still produced); a rejection rejects its findings too."""
    principal = require(principal, "analyst", "reviewing an event")
    checked = check_review(verdict, reason, changes, EVENT_FIELDS)
    with db.write() as s:
        row = s.get(EventRow, event_id)
        if row is None:
            raise NotFound(f"no event {event_id} in the store — see /findings")
        snap = _snapshot(row, ("act", "actor", "counterpart", "location", "modality", "weapon"))
        snap["as_found"] = row.as_found or {}
        review = _add_review(s, principal, verdict, reason, checked, event_id=row.id,
                             snapshot=snap)
        row.review_verdict = verdict
        if verdict == "amended":
            _correct(row, checked)
            s.flush()
            _rejudge(s, row.article_id, registry)
        elif verdict == "rejected":
            for finding in _findings_of_event(s, row.id):
                _mark_finding(s, finding, principal, "rejected",
                              f"its event {row.id} was rejected: {reason.strip()}", {})
        return _review_dict(review, principal.name)


def _findings_of_event(s, event_id: int) -> list[FindingRow]:
    return list(s.execute(select(FindingRow).where(
        FindingRow.event_id == event_id, FindingRow.retired_at.is_(None))).scalars())


def _rejudge(s, article_id: int, registry) -> None:
    from treatywatch.assess import assess
    from treatywatch.store import writer

    article = writer.article_of(s.get(ArticleRow, article_id))
    erows = s.execute(select(EventRow).where(EventRow.article_id == article_id)
                      .order_by(EventRow.idx)).scalars().all()
    events = [writer.event_of(e) for e in erows]
    findings = assess(article, events, registry=registry)
    writer.replace_findings(s, article_id, findings, [e.id for e in erows], article, None)


def _review_dict(r: Review, user: str | None) -> dict[str, Any]:
    at = r.created_at if r.created_at.tzinfo else r.created_at.replace(tzinfo=UTC)
    return {"id": r.id, "finding_id": r.finding_id, "event_id": r.event_id, "user": user,
            "verdict": r.verdict, "reason": r.reason, "changes": r.changes or {},
            "as_reviewed": r.snapshot or {}, "at": at.isoformat()}


def reviews_of(db, *, finding_id: int | None = None, event_id: int | None = None
               ) -> list[dict[str, Any]]:
    """A finding's or an event's reviews, oldest first."""
    q = select(Review, User.name).join(User, User.id == Review.user_id).order_by(Review.id)
    q = q.where(Review.finding_id == finding_id) if finding_id is not None else q.where(
        Review.event_id == event_id)
    with db.session() as s:
        return [_review_dict(r, name) for r, name in s.execute(q)]
