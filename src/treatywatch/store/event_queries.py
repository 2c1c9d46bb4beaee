"""The read queries over events (re-exported by `treatywatch.store.queries`, whose docstring
describes an event dict)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, false, func, or_, select, union_all

from treatywatch.store.db import Database
from treatywatch.store.finding_queries import _finding_dicts, _findings_query
from treatywatch.store.querykit import _between, _iso, _lower, _upper
from treatywatch.store.tables import (
    ArticleRow,
    EventRow,
    FindingRow,
    StoryMember,
)

# --- events ----------------------------------------------------------------------------------


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


def _event_branches(terms: list, state, since, until) -> list[tuple[Select, bool]]:
    """Disjoint reads whose union is the events matching the filters, each as (query of ids,
    whether its events have a day): once per side of the state filter, the events with a day
    (on an index ending with `day`) and, unless a date range leaves them out, those without."""
    out = []
    for side in _state_sides(state) if state else [None]:
        where = [*terms, *([side] if side is not None else [])]
        dated = select(EventRow.id).where(*where, EventRow.day.is_not(None))
        out.append((_between(dated, EventRow.day, since, until), True))
        if since is None and until is None:
            out.append((select(EventRow.id).where(*where, EventRow.day.is_(None)), False))
    return out


def _newest_events(db: Database, branches, limit: int | None, offset: int
                   ) -> list[tuple[int, date | None]]:
    """(id, day) of one page of events, newest day first (then newest id; no day last): the
    first `offset + limit` of each branch, in its index order, merged."""
    keyed = []
    with db.session() as s:
        for q, dated in branches:
            order = (EventRow.day.desc(), EventRow.id.desc()) if dated else (EventRow.id.desc(),)
            q = q.add_columns(EventRow.day).order_by(*order)
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
    """Events matching the filters (by `day`: the event's date, else its article's), newest first
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
                   for q, _ in _event_branches(terms, state, since, until))


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
    figure = or_(*(getattr(EventRow, f).is_not(None)
                   for f in ("killed", "injured", "civilians", "children")))

    def side(where) -> Select:
        # each side one range of its 0014 index: located in the state; no location, its actor
        q = (
            select(*columns, EventRow.day, ArticleRow.title, ArticleRow.published,
                   ArticleRow.outlet, StoryMember.story_id)
            .join(ArticleRow, ArticleRow.id == EventRow.article_id)
            .outerjoin(StoryMember, StoryMember.article_id == EventRow.article_id)
            .where(EventRow.act == "casualty", EventRow.background == false(), where, figure)
        )
        return _between(q, EventRow.day, None, until)

    both = union_all(side(EventRow.location == st),
                     side(EventRow.location.is_(None) & (EventRow.actor == st))).subquery()
    q = select(*(both.c[name] for name in CASUALTY_FIELDS), both.c.title, both.c.published,
               both.c.outlet, both.c.story_id).order_by(both.c.day, both.c.id)
    out = []
    with db.session() as s:
        for row in s.execute(q.limit(limit)):
            event = dict(zip(CASUALTY_FIELDS, row[:len(CASUALTY_FIELDS)], strict=True))
            event["when"] = _iso(event.pop("event_date"))
            title, published, outlet, story_id = row[len(CASUALTY_FIELDS):]
            out.append({**event, "article_title": title, "article_published": _iso(published),
                        "article_outlet": outlet, "story_id": story_id})
    return out
