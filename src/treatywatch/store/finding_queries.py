"""The read queries over findings (re-exported by `treatywatch.store.queries`, whose
docstring describes a finding dict)."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Select, func, select

from treatywatch.store.db import Database
from treatywatch.store.querykit import _between, _count, _iso, _lower, _page, _upper, outlet_of
from treatywatch.store.tables import (
    ArticleRow,
    EventRow,
    FindingRow,
    StoryMember,
)

# --- findings --------------------------------------------------------------------------------


REVIEWED_VERDICTS = ("confirmed", "amended")  # what a published report may rest on


def _filter_review(q: Select, retired: bool = False, reviewed: bool | None = None) -> Select:
    """Leave out retired findings (unless `retired`); `reviewed` True: only those an analyst
    confirmed or amended; False: only those no analyst has reviewed."""
    if not retired:
        q = q.where(FindingRow.retired_at.is_(None))
    if reviewed is True:
        q = q.where(FindingRow.review_verdict.in_(REVIEWED_VERDICTS))
    elif reviewed is False:
        q = q.where(FindingRow.review_verdict.is_(None))
    return q


def _filter_findings(
    q: Select, state=None, treaty=None, kind=None, modality=None, since=None, until=None,
    article_id=None, status=None, retired: bool = False, reviewed: bool | None = None,
) -> Select:
    q = _filter_review(q, retired, reviewed)
    if state:
        q = q.where(FindingRow.state == _upper(state))
    if treaty:
        q = q.where(FindingRow.treaty == _lower(treaty))
    if kind:
        q = q.where(FindingRow.kind == _lower(kind))
    if modality:
        q = q.where(FindingRow.modality == _lower(modality))
    if status:
        q = q.where(FindingRow.status == _lower(status))
    q = _between(q, FindingRow.on_date, since, until)
    if article_id is not None:
        q = q.where(FindingRow.article_id == article_id)
    return q


def _findings_query(
    state=None, treaty=None, kind=None, modality=None, since=None, until=None, article_id=None,
    status=None, retired: bool = False, reviewed: bool | None = None,
) -> Select:
    q = (
        select(FindingRow, ArticleRow.title, ArticleRow.url, ArticleRow.outlet,
               ArticleRow.published, EventRow.idx, EventRow.act, EventRow.when_precision)
        .join(ArticleRow, ArticleRow.id == FindingRow.article_id)
        .outerjoin(EventRow, EventRow.id == FindingRow.event_id)
    )
    return _filter_findings(q, state, treaty, kind, modality, since, until, article_id, status,
                            retired, reviewed)


def _finding_dict(f: FindingRow, title, url, outlet, published, event_idx=None,
                  event_act=None, event_precision=None) -> dict[str, Any]:
    return {
        "id": f.id,
        "treaty": f.treaty,
        "state": f.state,
        "kind": f.kind,
        "modality": f.modality,
        "treaty_article": f.treaty_article,
        "explanation": f.explanation,
        "evidence": f.evidence or [],
        "rule": f.rule,
        "rule_version": f.rule_version,
        "judged_on": _iso(f.judged_on),
        "date_basis": f.date_basis,
        "on_date": _iso(f.on_date),
        "status": f.status,
        "confidence": f.confidence,
        "review_reasons": f.review_reasons or [],
        "created_at": _iso(f.created_at),
        "event_id": f.event_id,
        "event_idx": event_idx,
        "event_act": event_act,  # the act of the event whose modality the finding carries
        # how much of the day the text gave, when the finding is judged on the event's date
        "on_precision": (event_precision if (f.date_basis or "").startswith("event date")
                         else "day"),
        "article_id": f.article_id,
        "article_title": title,
        "article_url": url,
        "article_outlet": outlet,
        "article_published": _iso(published),
        **_review_fields(f),
    }


def _review_fields(f: FindingRow) -> dict[str, Any]:
    """The analyst's say on a finding: the latest verdict, the machine's own values of what an
    analyst corrected (`as_found`; the row shows the corrections), whether reassess retired it."""
    return {
        "review": {"verdict": f.review_verdict, "at": _iso(f.reviewed_at)}
        if f.review_verdict else None,
        "reviewed": f.review_verdict,  # the verdict alone, for tables and CSV
        "as_found": f.as_found or {},
        "retired": f.retired_at is not None,
        "retired_at": _iso(f.retired_at),
    }


def _with_corroboration(db: Database, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add story_id, story_articles, corroborating_articles/outlets and outlets to each finding."""
    if not rows:
        return rows
    with db.session() as s:
        article_ids = {r["article_id"] for r in rows}
        story_of = dict(
            s.execute(
                select(StoryMember.article_id, StoryMember.story_id).where(
                    StoryMember.article_id.in_(article_ids)
                )
            ).all()
        )
        story_ids = set(story_of.values())
        members: dict[int, list[tuple[int, str]]] = defaultdict(list)
        keys_by_article: dict[int, set[tuple]] = defaultdict(set)
        if story_ids:
            for story_id, aid, outlet, url in s.execute(
                select(StoryMember.story_id, ArticleRow.id, ArticleRow.outlet, ArticleRow.url)
                .join(ArticleRow, ArticleRow.id == StoryMember.article_id)
                .where(StoryMember.story_id.in_(story_ids))
            ):
                members[story_id].append((aid, outlet_of(outlet, url, aid)))
            member_ids = {aid for lst in members.values() for aid, _ in lst}
            for aid, tr, st, kd, ta in s.execute(
                select(FindingRow.article_id, FindingRow.treaty, FindingRow.state,
                       FindingRow.kind, FindingRow.treaty_article)
                .where(FindingRow.article_id.in_(member_ids))
            ):
                keys_by_article[aid].add((tr, st, kd, ta))
    for r in rows:
        story_id = story_of.get(r["article_id"])
        key = (r["treaty"], r["state"], r["kind"], r["treaty_article"])
        if story_id is None:
            outlets = {outlet_of(r["article_outlet"], r["article_url"], r["article_id"])}
            r.update(story_id=None, story_articles=1, corroborating_articles=1)
        else:
            backing = [(aid, o) for aid, o in members[story_id] if key in keys_by_article[aid]]
            outlets = {o for _, o in backing} or {
                outlet_of(r["article_outlet"], r["article_url"], r["article_id"])
            }
            r.update(story_id=story_id, story_articles=len(members[story_id]),
                     corroborating_articles=max(1, len(backing)))
        r["corroborating_outlets"] = len(outlets)
        r["outlets"] = sorted(outlets)
    return rows


def _finding_dicts(db: Database, q: Select) -> list[dict[str, Any]]:
    with db.session() as s:
        rows = [_finding_dict(*row) for row in s.execute(q)]
    return _with_corroboration(db, rows)


def findings(
    db: Database,
    *,
    state: str | None = None,
    treaty: str | None = None,
    kind: str | None = None,
    modality: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    article_id: int | None = None,
    status: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
    reviewed: bool | None = None,
) -> list[dict[str, Any]]:
    """Findings matching the filters, newest `on_date` first (then newest stored first);
    `status` is "asserted" or "needs_review"; `reviewed` True keeps only those an analyst
    confirmed or amended, False only the unreviewed. Retired findings are left out."""
    q = _findings_query(state, treaty, kind, modality, since, until, article_id, status,
                        reviewed=reviewed).order_by(FindingRow.on_date.desc(), FindingRow.id.desc())
    return _finding_dicts(db, _page(q, limit, offset))


def count_findings(
    db: Database, *, state=None, treaty=None, kind=None, modality=None, since=None, until=None,
    article_id=None, status=None, reviewed: bool | None = None,
) -> int:
    """How many findings `findings` would list with these filters: counted on the findings'
    own indexes (an article and an event add nothing to a count)."""
    return _count(
        db, _filter_findings(select(FindingRow.id), state, treaty, kind, modality, since, until,
                             article_id, status, reviewed=reviewed)
    )


def count_findings_by_kind(db: Database, **filters) -> dict[str, int]:
    """{kind: how many findings `findings` would list with these filters}, most first."""
    q = _filter_findings(select(FindingRow.kind, func.count()), **filters).group_by(
        FindingRow.kind)
    with db.session() as s:
        counts = dict(s.execute(q).all())
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def finding(db: Database, finding_id: int) -> dict[str, Any] | None:
    found = findings_by_id(db, [finding_id])
    return found[0] if found else None


def findings_by_id(db: Database, ids: list[int]) -> list[dict[str, Any]]:
    """The findings with these ids (retired ones too), in the order given, in one query;
    ids not stored are left out."""
    if not ids:
        return []
    q = _findings_query(retired=True).where(FindingRow.id.in_(set(ids)))
    by_id = {f["id"]: f for f in _finding_dicts(db, q)}
    return [by_id[i] for i in ids if i in by_id]


def latest_findings(db: Database, n: int = 20, **filters) -> list[dict[str, Any]]:
    """The `n` findings most recently stored (by `created_at`), newest first."""
    q = _findings_query(**filters).order_by(FindingRow.created_at.desc(), FindingRow.id.desc())
    return _finding_dicts(db, q.limit(n))


def findings_since(db: Database, since: datetime | date | str, **filters) -> list[dict[str, Any]]:
    """Findings stored at or after `since` (a datetime, or a date meaning its midnight UTC),
    oldest first: what a feed or a digest has not shown yet. `filters` as for `findings`."""
    if isinstance(since, str):
        since = datetime.fromisoformat(since)
    if not isinstance(since, datetime):
        since = datetime(since.year, since.month, since.day)
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    if db.dialect == "sqlite":  # stored as naive UTC text
        since = since.astimezone(UTC).replace(tzinfo=None)
    q = _findings_query(**filters).where(FindingRow.created_at >= since).order_by(
        FindingRow.created_at, FindingRow.id
    )
    return _finding_dicts(db, q)


def findings_by_state(db: Database, *, treaty: str | None = None, kind: str | None = None,
                      since=None, until=None) -> list[dict[str, Any]]:
    """Per state: number of findings and of each kind (for maps and overviews)."""
    q = _filter_findings(
        select(FindingRow.state, FindingRow.kind, func.count()), treaty=treaty, kind=kind,
        since=since, until=until,
    ).group_by(FindingRow.state, FindingRow.kind)
    out: dict[str, dict[str, Any]] = {}
    with db.session() as s:
        for st, kd, n in s.execute(q):
            entry = out.setdefault(st, {"state": st, "findings": 0, "by_kind": {}})
            entry["findings"] += n
            entry["by_kind"][kd] = n
    return sorted(out.values(), key=lambda e: (-e["findings"], e["state"]))
