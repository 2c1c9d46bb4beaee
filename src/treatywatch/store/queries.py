"""Read queries over the store, for the CLI, the web app, feeds and digests.

Every function takes an open `Database` (from `treatywatch.store.open_database`) and returns
plain, JSON-ready dicts (dates as ISO strings), never ORM objects.

A finding dict has these keys:

    id, treaty, state, kind, modality, treaty_article, explanation, evidence [{text,start,end}],
    rule (e.g. "apmbc.prohibited_act.v2"), rule_version ("v2"), judged_on, date_basis,
    status ("asserted" | "needs_review"), confidence, review_reasons (why it needs review),
    on_date (judged_on, else the article's publication date, else the ingest day),
    created_at (when it was stored: ISO datetime, UTC), event_id, event_idx (the event's
    position in its article's analysis, as in `article()["events"][i]["idx"]`),
    article_id, article_title, article_url, article_outlet, article_published,
    story_id, story_articles (articles in its story), corroborating_articles and
    corroborating_outlets (articles / distinct outlets in the story with the same finding:
    same treaty, state, kind and treaty article), outlets (their names)

An event dict: id, article_id, idx, act, modality, weapon, treaty, actor, actor_name,
counterpart, location, when, when_precision, killed, injured, speaker, confidence, background,
evidence, rules (the reading rules that found it), article_title,
article_url, article_published.

Dates given as filters may be `date`s or ISO strings; `since`/`until` are inclusive.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Select, false, func, or_, select, text

from treatywatch.dates import leading_date
from treatywatch.store.db import Database
from treatywatch.store.tables import (
    ArticleRow,
    EventRow,
    Failure,
    FindingRow,
    IngestRun,
    Story,
    StoryMember,
)

__all__ = [
    "findings", "count_findings", "count_findings_by_kind", "latest_findings", "findings_since",
    "finding", "findings_by_id", "events", "count_events", "newest_events", "events_by_id", "article",
    "search_articles", "stories_for_finding", "stories", "failures", "runs", "totals",
    "findings_by_state", "outlet_of", "event", "casualty_events",
]


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


# --- events ----------------------------------------------------------------------------------


def _event_day():
    """An event's day: its own date, else its article's publication date."""
    return func.coalesce(EventRow.event_date, ArticleRow.published)


def _event_rows() -> Select:
    return select(EventRow, ArticleRow.title, ArticleRow.url, ArticleRow.published).join(
        ArticleRow, ArticleRow.id == EventRow.article_id
    )


def _event_terms(act=None, actor=None, weapon=None, modality=None, treaty=None, article_id=None,
                 include_background=True, scope=None) -> list:
    """The conditions of the event filters that are one column each. `scope` (treaty, weapons):
    the events that name the treaty, or name none and have a weapon in its scope."""
    terms = []
    if not include_background:  # first: every listing index starts (column, background, ...)
        terms.append(EventRow.background == false())
    for column, value in ((EventRow.act, _lower(act)), (EventRow.actor, _upper(actor)),
                          (EventRow.weapon, _lower(weapon)), (EventRow.modality, _lower(modality)),
                          (EventRow.treaty, _lower(treaty))):
        if value:
            terms.append(column == value)
    if scope is not None:
        named, weapons = scope
        terms.append(or_(EventRow.treaty == named,
                         EventRow.treaty.is_(None) & EventRow.weapon.in_(weapons)))
    if article_id is not None:
        terms.append(EventRow.article_id == article_id)
    return terms


def _state_sides(state: str) -> list:
    """The state on any side of an event, as three disjoint conditions (each read on its own
    index): the actor; the counterpart, the actor being another; the location, neither of the
    others being the state."""
    st = _upper(state)
    return [EventRow.actor == st,
            (EventRow.counterpart == st) & EventRow.actor.is_distinct_from(st),
            (EventRow.location == st) & EventRow.actor.is_distinct_from(st)
            & EventRow.counterpart.is_distinct_from(st)]


def _event_branches(terms: list, state, since, until, days: bool = True
                    ) -> list[tuple[Select, Any]]:
    """Disjoint reads whose union is the events matching the filters, each as (query of ids,
    its day column): the events with a date of their own, and those dated by their article
    (joined only when `days` are wanted or filtered on), once per side of the state filter."""
    out = []
    for side in _state_sides(state) if state else [None]:
        where = [*terms, *([side] if side is not None else [])]
        dated = select(EventRow.id).where(*where, EventRow.event_date.is_not(None))
        out.append((_between(dated, EventRow.event_date, since, until), EventRow.event_date))
        undated = select(EventRow.id).where(*where, EventRow.event_date.is_(None))
        if days or since is not None or until is not None:
            undated = undated.join(ArticleRow, ArticleRow.id == EventRow.article_id)
        out.append((_between(undated, ArticleRow.published, since, until), ArticleRow.published))
    return out


def _newest_events(db: Database, branches, limit: int | None, offset: int
                   ) -> list[tuple[int, date | None]]:
    """(id, day) of one page of events, newest day first (then newest id; no day last): the
    first `offset + limit` of each branch, in its index order, merged."""
    keyed = []
    with db.session() as s:
        for q, day in branches:
            # an event's own date is never NULL in its branch: its index's order as it is
            newest = day.desc() if day is EventRow.event_date else day.desc().nulls_last()
            q = q.add_columns(day).order_by(newest, EventRow.id.desc())
            if limit is not None:
                q = q.limit(offset + limit)
            keyed.extend(s.execute(q).all())
    keyed.sort(key=lambda r: (r[1] is not None, r[1] or date.min, r[0]), reverse=True)
    end = None if limit is None else offset + limit
    return [(r[0], r[1]) for r in keyed[offset:end]]


def _events_by_id(db: Database, ids: list[int]) -> list[dict[str, Any]]:
    if not ids:
        return []
    q = _event_rows().where(EventRow.id.in_(ids))
    with db.session() as s:
        found = {row[0].id: _event_dict(*row) for row in s.execute(q)}
    return [found[i] for i in ids if i in found]


def _event_dict(e: EventRow, title=None, url=None, published=None) -> dict[str, Any]:
    return {
        "id": e.id,
        "article_id": e.article_id,
        "idx": e.idx,
        "act": e.act,
        "modality": e.modality,
        "weapon": e.weapon,
        "treaty": e.treaty,
        "actor": e.actor,
        "actor_name": e.actor_name,
        "counterpart": e.counterpart,
        "location": e.location,
        "when": _iso(e.event_date),
        "when_precision": e.when_precision,
        "killed": e.killed,
        "injured": e.injured,
        "civilians": e.civilians,
        "children": e.children,
        "device": e.device,
        "speaker": e.speaker,
        "confidence": e.confidence,
        "background": e.background,
        "evidence": e.evidence or [],
        "rules": e.rules or [],
        "article_title": title,
        "article_url": url,
        "article_published": _iso(published),
        "review": {"verdict": e.review_verdict} if e.review_verdict else None,
        "as_found": e.as_found or {},
    }


def events(
    db: Database,
    *,
    act: str | None = None,
    actor: str | None = None,
    state: str | None = None,
    weapon: str | None = None,
    modality: str | None = None,
    treaty: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    article_id: int | None = None,
    include_background: bool = True,
    scope: tuple[str, list[str]] | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Events matching the filters (date = the event's date, else its article's), newest first
    (those with no day at all last). `state` matches the actor, the counterpart or the
    location; `scope` (treaty, weapons) keeps the events that name that treaty, or name none and
    have one of those weapons."""
    terms = _event_terms(act, actor, weapon, modality, treaty, article_id, include_background,
                         scope)
    page = _newest_events(db, _event_branches(terms, state, since, until), limit, offset)
    return _events_by_id(db, [i for i, _ in page])


def newest_events(db: Database, *, state: str | None = None, since=None, until=None,
                  limit: int | None = 500, **filters) -> list[tuple[int, date | None]]:
    """(id, day) of the events `events` would list, newest first, without reading the events:
    a page of them is `events_by_id` of the first ids, a chart counts the days."""
    branches = _event_branches(_event_terms(**filters), state, since, until)
    return _newest_events(db, branches, limit, 0)


def events_by_id(db: Database, ids: list[int]) -> list[dict[str, Any]]:
    """The events with these ids, in the order given."""
    return _events_by_id(db, ids)


def event(db: Database, event_id: int) -> dict[str, Any] | None:
    """One event by id, with its findings (the retired ones too, marked)."""
    with db.session() as s:
        row = s.execute(_event_rows().where(EventRow.id == event_id)).first()
    if row is None:
        return None
    found = _finding_dicts(db, _findings_query(retired=True).where(FindingRow.event_id == event_id)
                           .order_by(FindingRow.id))
    return {**_event_dict(*row), "findings": found}


def count_events(db: Database, *, state=None, since=None, until=None, **filters) -> int:
    """How many events `events` would list with these filters and no limit."""
    terms = _event_terms(**filters)
    with db.session() as s:
        return sum(s.execute(select(func.count()).select_from(q.subquery())).scalar_one()
                   for q, _ in _event_branches(terms, state, since, until, days=False))


CASUALTY_FIELDS = ("id", "article_id", "idx", "location", "actor", "event_date",
                   "when_precision", "killed", "injured", "civilians", "children", "device",
                   "speaker")


def casualty_events(db: Database, state: str, *, until: date | str | None = None,
                    limit: int = 5000) -> list[dict[str, Any]]:
    """Casualty events in `state` (its location, else its actor), not background, that give a
    figure (killed, injured, civilians or children), oldest first: what casualty figures are
    summed from, one incident once per story. Each: the event's CASUALTY_FIELDS (`when` for
    its date), article_title, article_published, article_outlet and story_id (None when the
    article is in none); read as columns, not whole events."""
    st = _upper(state)
    columns = [getattr(EventRow, name) for name in CASUALTY_FIELDS]
    q = (
        select(*columns, ArticleRow.title, ArticleRow.published, ArticleRow.outlet,
               StoryMember.story_id)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .outerjoin(StoryMember, StoryMember.article_id == EventRow.article_id)
        .where(EventRow.act == "casualty", EventRow.background == false())
        .where((EventRow.location == st)
               | (EventRow.location.is_(None) & (EventRow.actor == st)))
        .where(or_(*(getattr(EventRow, f).is_not(None)
                     for f in ("killed", "injured", "civilians", "children"))))
    )
    q = _between(q, _event_day(), None, until).order_by(_event_day(), EventRow.id)
    out = []
    with db.session() as s:
        for row in s.execute(q.limit(limit)):
            event = dict(zip(CASUALTY_FIELDS, row[:len(CASUALTY_FIELDS)], strict=True))
            event["when"] = _iso(event.pop("event_date"))
            title, published, outlet, story_id = row[len(CASUALTY_FIELDS):]
            out.append({**event, "article_title": title, "article_published": _iso(published),
                        "article_outlet": outlet, "story_id": story_id})
    return out


# --- articles --------------------------------------------------------------------------------


def _article_meta(a: ArticleRow) -> dict[str, Any]:
    return {
        "id": a.id,
        "title": a.title,
        "url": a.url,
        "outlet": a.outlet,
        "language": a.language,
        "published": _iso(a.published),
        "content_hash": a.content_hash,
        "source": a.source,
        "relevant": a.relevant,
        "n_events": a.n_events,
        "n_findings": a.n_findings,
        "ingested_at": _iso(a.ingested_at),
    }


def article(db: Database, article_id: int) -> dict[str, Any] | None:
    """One article with its text (None when only its receipt was kept), events (with evidence
    spans: character offsets into `text`), findings and story."""
    with db.session() as s:
        a = s.get(ArticleRow, article_id)
        if a is None:
            return None
        out = _article_meta(a)
        out["text"] = a.text
        evs = s.execute(
            select(EventRow).where(EventRow.article_id == article_id).order_by(EventRow.idx)
        ).scalars().all()
        out["events"] = [_event_dict(e, a.title, a.url, a.published) for e in evs]
        story_id = s.execute(
            select(StoryMember.story_id).where(StoryMember.article_id == article_id)
        ).scalar_one_or_none()
    out["findings"] = findings(db, article_id=article_id, limit=None)
    out["story"] = _story(db, story_id) if story_id is not None else None
    return out


def _fts_query_sqlite(text_: str) -> str:
    """User text -> an FTS5 query: quoted phrases kept, other words ANDed, all quoted."""
    import shlex

    try:
        parts = shlex.split(text_)
    except ValueError:
        parts = text_.split()
    terms = []
    for part in parts:
        words = [w for w in "".join(c if c.isalnum() else " " for c in part).split() if w]
        if words:
            terms.append('"' + " ".join(words) + '"')
    return " ".join(terms)


SEARCH_CANDIDATES = 1000  # a search ranks the newest this many matching articles


def _search_sqlite(s, text_: str, limit: int, offset: int) -> list:
    query = _fts_query_sqlite(text_)
    if not query:
        return []
    # The newest SEARCH_CANDIDATES matches (FTS5 walks its doclists by rowid): the lowest rowid
    # among them bounds the ranked set; fewer matches than that are all ranked.
    floor = s.execute(text(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q"
        " ORDER BY rowid DESC LIMIT 1 OFFSET :n"
    ), {"q": query, "n": SEARCH_CANDIDATES - 1}).scalar()
    return s.execute(text(
        "SELECT rowid, -bm25(articles_fts, 5.0, 1.0) AS rank,"
        " snippet(articles_fts, 1, '«', '»', ' … ', 16) AS snip"
        " FROM articles_fts WHERE articles_fts MATCH :q AND rowid >= :floor"
        " ORDER BY rank DESC, rowid LIMIT :lim OFFSET :off"
    ), {"q": query, "floor": floor or 0, "lim": limit, "off": offset}).all()


def _search_postgres(s, text_: str, limit: int, offset: int) -> list:
    # The query is written out where it is used (not a CTE) so that the planner sees how many
    # articles it matches; the candidates are ids only.
    query = "websearch_to_tsquery('english', :q)"
    return s.execute(text(
        "WITH candidates AS (SELECT id FROM articles"
        f"  WHERE search @@ {query} ORDER BY id DESC LIMIT :n),"
        f" ranked AS (SELECT a.id, a.title, a.text, ts_rank(a.search, {query}) AS rank"
        "  FROM candidates c JOIN articles a ON a.id = c.id"
        "  ORDER BY rank DESC, a.id LIMIT :lim OFFSET :off)"
        f" SELECT id, rank, ts_headline('english', coalesce(text, title), {query},"
        " 'StartSel=«, StopSel=», MaxWords=20, MinWords=8') AS snip"
        " FROM ranked ORDER BY rank DESC, id"
    ), {"q": text_, "n": SEARCH_CANDIDATES, "lim": limit, "off": offset}).all()


def search_articles(db: Database, text_: str, limit: int = 20, offset: int = 0
                    ) -> list[dict[str, Any]]:
    """Full-text search over articles' titles and texts, best match first.

    Words are ANDed; "quoted phrases" must appear as given. The newest SEARCH_CANDIDATES
    matching articles are ranked (a common word matches most of a big store: ranking every
    match would read them all). Each hit: the article's metadata plus `snippet` (a short
    excerpt, matched words between « and ») and `rank` (higher is better)."""
    with db.session() as s:
        if db.dialect == "sqlite":
            rows = _search_sqlite(s, text_, limit, offset)
        elif db.dialect == "postgresql":
            rows = _search_postgres(s, text_, limit, offset)
        else:  # pragma: no cover
            rows = []
        ids = [r[0] for r in rows]
        by_id = {a.id: a for a in s.execute(
            select(ArticleRow).where(ArticleRow.id.in_(ids))).scalars()}
        out = []
        for aid, rank, snip in rows:
            if aid in by_id:
                meta = _article_meta(by_id[aid])
                meta.update(snippet=snip, rank=round(float(rank), 4))
                out.append(meta)
    return out


# --- stories ---------------------------------------------------------------------------------


def _story(db: Database, story_id: int) -> dict[str, Any] | None:
    with db.session() as s:
        story = s.get(Story, story_id)
        if story is None:
            return None
        arts = s.execute(
            select(ArticleRow, StoryMember.similarity)
            .join(StoryMember, StoryMember.article_id == ArticleRow.id)
            .where(StoryMember.story_id == story_id)
            .order_by(ArticleRow.published, ArticleRow.id)
        ).all()
    articles = [
        {"id": a.id, "title": a.title, "url": a.url, "outlet": a.outlet,
         "published": _iso(a.published), "similarity": round(sim, 3)}
        for a, sim in arts
    ]
    return {
        "story_id": story.id,
        "title": story.title,
        "created_at": _iso(story.created_at),
        "articles": articles,
        "outlets": len({outlet_of(a["outlet"], a["url"], a["id"]) for a in articles}),
    }


def stories_for_finding(db: Database, finding_id: int) -> list[dict[str, Any]]:
    """The stories that carry this finding: its own article's story first, then every other
    story with an article making the same finding (treaty, state, kind, treaty article) about
    the same day. Each story: story_id, title, created_at, articles [...], outlets (distinct),
    and for each article `has_finding` (whether it makes the same finding)."""
    with db.session() as s:
        f = s.get(FindingRow, finding_id)
        if f is None:
            return []
        same = select(FindingRow.article_id).where(
            FindingRow.treaty == f.treaty, FindingRow.state == f.state,
            FindingRow.kind == f.kind,
            (FindingRow.treaty_article == f.treaty_article)
            if f.treaty_article is not None else FindingRow.treaty_article.is_(None),
            FindingRow.on_date == f.on_date,
        )
        backing = set(s.execute(same).scalars())
        own = s.execute(
            select(StoryMember.story_id).where(StoryMember.article_id == f.article_id)
        ).scalar_one_or_none()
        others = set(s.execute(
            select(StoryMember.story_id).where(StoryMember.article_id.in_(backing))
        ).scalars())
    ordered = ([own] if own is not None else []) + sorted(others - {own})
    out = []
    for sid in ordered:
        story = _story(db, sid)
        if story is None:
            continue
        for a in story["articles"]:
            a["has_finding"] = a["id"] in backing
        out.append(story)
    return out


def stories(db: Database, *, state: str | None = None, treaty: str | None = None,
            kind: str | None = None, since=None, until=None, limit: int = 20
            ) -> list[dict[str, Any]]:
    """Stories behind the findings that match the filters, most findings first.

    Each: story_id, title, created_at, articles [...], outlets (distinct), findings (how
    many matching findings its articles make), states (the states of those findings)."""
    q = _findings_query(state, treaty, kind, None, since, until).with_only_columns(
        StoryMember.story_id, FindingRow.state, FindingRow.id
    ).join(StoryMember, StoryMember.article_id == FindingRow.article_id)
    counts: dict[int, int] = defaultdict(int)
    states: dict[int, set[str]] = defaultdict(set)
    with db.session() as s:
        for story_id, st, _ in s.execute(q):
            counts[story_id] += 1
            states[story_id].add(st)
    ranked = sorted(counts, key=lambda sid: (-counts[sid], -sid))[:limit]
    out = []
    for sid in ranked:
        story = _story(db, sid)
        if story is not None:
            story.update(findings=counts[sid], states=sorted(states[sid]))
            out.append(story)
    return out


# --- runs, failures, totals ------------------------------------------------------------------


def failures(db: Database, *, limit: int | None = 100, offset: int = 0, run_id: int | None = None
             ) -> list[dict[str, Any]]:
    """Inputs that could not be read, most recent first."""
    q = select(Failure).order_by(Failure.last_seen.desc(), Failure.id.desc())
    if run_id is not None:
        q = q.where(Failure.run_id == run_id)
    with db.session() as s:
        return [
            {"id": f.id, "input": f.input, "reason": f.reason, "first_seen": _iso(f.first_seen),
             "last_seen": _iso(f.last_seen), "times": f.times, "run_id": f.run_id}
            for f in s.execute(_page(q, limit, offset)).scalars()
        ]


def runs(db: Database, *, limit: int = 20) -> list[dict[str, Any]]:
    q = select(IngestRun).order_by(IngestRun.id.desc()).limit(limit)
    with db.session() as s:
        return [
            {"id": r.id, "kind": r.kind, "status": r.status, "started_at": _iso(r.started_at),
             "finished_at": _iso(r.finished_at), "sources": r.sources, "version": r.version,
             "seen": r.seen, "duplicates": r.duplicates, "stored": r.stored,
             "relevant": r.relevant, "events": r.events, "findings": r.findings,
             "failures": r.failures}
            for r in s.execute(q).scalars()
        ]


def totals(db: Database) -> dict[str, int]:
    """Row counts: articles, relevant articles, events, findings, stories, failures, runs."""
    with db.session() as s:
        def n(q):
            return s.execute(q).scalar_one()

        return {
            "articles": n(select(func.count()).select_from(ArticleRow)),
            "relevant_articles": n(
                select(func.count()).select_from(ArticleRow).where(ArticleRow.relevant)),
            "events": n(select(func.count()).select_from(EventRow)),
            "findings": n(select(func.count()).select_from(FindingRow)),
            "stories": n(select(func.count()).select_from(Story)),
            "failures": n(select(func.count()).select_from(Failure)),
            "runs": n(select(func.count()).select_from(IngestRun)),
        }
