"""What a finding's or an event's permalink shows, and the queue page, as JSON-ready dicts."""

from __future__ import annotations

from datetime import date
from typing import Any

from treatywatch.model import FindingKind, Modality, Treaty
from treatywatch.review import audit
from treatywatch.review.queue import SERIOUSNESS, queue
from treatywatch.review.reviews import VERDICTS, NotFound, reviews_of


def finding_page(db, finding_id: int) -> dict[str, Any]:
    from treatywatch.store import queries

    found = queries.finding(db, finding_id)
    if found is None:
        raise NotFound(f"no finding {finding_id} in the store — see /findings")
    return {"finding": found, "reviews": reviews_of(db, finding_id=finding_id),
            "history": _history(found, audit.entries(db, target=f"finding:{finding_id}")),
            "verdicts": list(VERDICTS), "modalities": [m.value for m in Modality]}


def _history(found: dict[str, Any], entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    steps = [{"at": found["created_at"], "what": "stored", "by": "treatywatch"}]
    steps += [{"at": e["at"], "what": e["action"], "by": e["user"],
               "details": e["details"]} for e in entries]
    if found.get("retired_at"):
        steps.append({"at": found["retired_at"], "what": "retired: the rules no longer "
                      "produce it", "by": "reassess"})
    return sorted(steps, key=lambda s: s["at"] or "")


def event_page(db, event_id: int) -> dict[str, Any]:
    from treatywatch.store import queries

    found = queries.event(db, event_id)
    if found is None:
        raise NotFound(f"no event {event_id} in the store — see /findings")
    findings = found.pop("findings")
    return {"event": found, "findings": findings, "reviews": reviews_of(db, event_id=event_id),
            "history": audit.entries(db, target=f"event:{event_id}"),
            "verdicts": list(VERDICTS), "modalities": [m.value for m in Modality]}


def queue_page(db, *, state: str | None, treaty: str | None, kind: str | None,
               since: date | None, until: date | None, limit: int = 50) -> dict[str, Any]:
    from treatywatch.report import data

    iso3 = data.resolve(state)[0] if state else None
    rows = queue(db, state=iso3, treaty=treaty, kind=kind, since=since, until=until,
                 limit=limit)
    params = {"state": iso3, "treaty": treaty, "kind": kind,
              "since": since.isoformat() if since else None,
              "until": until.isoformat() if until else None}
    return {"params": params, "findings": rows, "order": list(SERIOUSNESS),
            "choices": {"treaty": [t.value for t in Treaty],
                        "kind": [k.value for k in FindingKind]}}
