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
from typing import Any

from sqlalchemy import func, select, text

from treatywatch.store.db import Database
from treatywatch.store.event_queries import (
    CASUALTY_FIELDS,
    _event_dict,
    casualty_events,
    count_events,
    event,
    events,
    events_by_id,
    newest_events,
)
from treatywatch.store.finding_queries import (
    REVIEWED_VERDICTS,
    _findings_query,
    count_findings,
    count_findings_by_kind,
    finding,
    findings,
    findings_by_id,
    findings_by_state,
    findings_since,
    latest_findings,
)
from treatywatch.store.querykit import _iso, _page, outlet_of
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
    "finding", "findings_by_id", "events", "count_events", "newest_events", "events_by_id",
    "article", "search_articles", "stories_for_finding", "stories", "failures", "runs", "totals",
    "findings_by_state", "outlet_of", "event", "casualty_events", "CASUALTY_FIELDS",
    "REVIEWED_VERDICTS",
]


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
