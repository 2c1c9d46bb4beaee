"""The one write path into the store: articles with their events and findings, stories, failures,
and the record of each run.

Callers open a transaction with `Database.write()` and pass its session here; a batch of articles
is one transaction, so an interrupted run leaves whole batches or nothing. The unique content
hash is checked inside the same transaction, so a re-run (or a concurrent one) never doubles an
article.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache

from sqlalchemy import and_, bindparam, func, insert, or_, select, update
from sqlalchemy.orm import Session

from treatywatch import __version__
from treatywatch.model import (
    Act,
    Analysis,
    Article,
    DatePrecision,
    Event,
    Evidence,
    Finding,
    Modality,
    Treaty,
    Weapon,
)
from treatywatch.store.tables import (
    ArticleBand,
    ArticleRow,
    ArticleSignature,
    EventRow,
    Failure,
    FindingRow,
    IngestRun,
    Story,
    StoryMember,
)

log = logging.getLogger(__name__)

_RULE_VERSION = re.compile(r"\.?(v\d+(?:\.\d+)*)$")


def now() -> datetime:
    return datetime.now(UTC)


def rule_version(rule: str) -> str:
    """'apmbc.prohibited_act.v1' -> 'v1' ('' when the rule name carries no version)."""
    match = _RULE_VERSION.search(rule or "")
    return match.group(1) if match else ""


def _value(v):
    return getattr(v, "value", v)


def _evidence(items) -> list[dict]:
    return [e.to_dict() if hasattr(e, "to_dict") else dict(e) for e in items or []]


# --- runs ------------------------------------------------------------------------------------


COUNTERS = ("seen", "duplicates", "stored", "relevant", "events", "findings", "failures")


def start_run(session: Session, sources: Iterable[str], kind: str = "ingest") -> int:
    import os
    import socket

    run = IngestRun(
        kind=kind, started_at=now(), status="running", sources=list(sources), version=__version__,
        pid=os.getpid(), host=socket.gethostname()[:255], heartbeat_at=now(),
        **{c: 0 for c in COUNTERS},
    )
    session.add(run)
    session.flush()
    return run.id


def add_to_run(session: Session, run_id: int, counts: dict[str, int]) -> None:
    """Add this batch's counts to the run's totals, in the batch's own transaction."""
    values = {c: getattr(IngestRun, c) + n for c, n in counts.items() if n}
    values["heartbeat_at"] = now()  # the run is alive (see runner.mark_dead_runs)
    if values:
        session.execute(update(IngestRun).where(IngestRun.id == run_id).values(**values))


def finish_run(session: Session, run_id: int, status: str = "done") -> None:
    session.execute(
        update(IngestRun).where(IngestRun.id == run_id).values(status=status, finished_at=now())
    )


# --- failures --------------------------------------------------------------------------------


def record_failure(session: Session, source: str, reason: str, run_id: int | None) -> bool:
    """Keep one row per (input, reason); a repeat bumps its count. True if it is new."""
    key = hashlib.sha256(f"{source}\x00{reason}".encode()).hexdigest()
    existing = session.execute(select(Failure).where(Failure.key == key)).scalar_one_or_none()
    stamp = now()
    if existing is not None:
        existing.times += 1
        existing.last_seen = stamp
        existing.run_id = run_id
        return False
    session.add(
        Failure(key=key, input=source, reason=reason, first_seen=stamp, last_seen=stamp,
                run_id=run_id, times=1)
    )
    return True


# --- articles --------------------------------------------------------------------------------


def known_hashes(session: Session, hashes: Iterable[str]) -> set[str]:
    hashes = list(set(hashes))
    found: set[str] = set()
    for i in range(0, len(hashes), 500):
        chunk = hashes[i : i + 500]
        found.update(
            session.execute(
                select(ArticleRow.content_hash).where(ArticleRow.content_hash.in_(chunk))
            ).scalars()
        )
    return found


@dataclass
class Stored:
    article_id: int
    events: int
    findings: int
    story_id: int | None


def _on_date(finding: Finding, article: Article) -> date:
    return finding.judged_on or article.published or now().date()


def finding_values(finding: Finding, article_id: int, event_id: int | None, article: Article,
                   run_id: int | None) -> dict:
    """The `findings` row of one finding, as column values."""
    return {
        "article_id": article_id,
        "event_id": event_id,
        "treaty": _value(finding.treaty),
        "state": finding.state,
        "kind": _value(finding.kind),
        "modality": _value(finding.modality),
        "treaty_article": finding.article,
        "explanation": finding.explanation or "",
        "evidence": _evidence(finding.evidence),
        "rule": finding.rule or "",
        "rule_version": rule_version(finding.rule),
        "judged_on": finding.judged_on,
        "date_basis": finding.date_basis or "",
        "on_date": _on_date(finding, article),
        "status": _value(finding.status),
        "confidence": float(finding.confidence),
        "review_reasons": list(finding.review_reasons),
        "created_at": now(),
        "run_id": run_id,
    }


def finding_row(finding: Finding, article_id: int, event_id: int | None, article: Article,
                run_id: int | None) -> FindingRow:
    return FindingRow(**finding_values(finding, article_id, event_id, article, run_id))


def _add_findings(session: Session, article_id: int, findings: list[Finding],
                  event_ids: list[int], article: Article, run_id: int | None) -> None:
    """Add an article's findings, each tied to the stored event it was judged from (one
    executemany: no ORM objects, no flush)."""
    rows = []
    for finding in findings:
        idx = finding.event_index
        event_id = event_ids[idx] if idx is not None and 0 <= idx < len(event_ids) else None
        rows.append(finding_values(finding, article_id, event_id, article, run_id))
    if rows:
        session.connection().execute(insert(FindingRow.__table__), rows)


def _insert_ids(session: Session, table, rows: list[dict]) -> list[int]:
    """Insert `rows` in one statement; their new ids, in the rows' order."""
    if not rows:
        return []
    result = session.connection().execute(
        insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    return [row[0] for row in result]


def _event_values(ev: Event, idx: int, article_id: int, published: date | None) -> dict:
    return {
        "day": ev.when or published,  # 0013: listings sort on it (its date, else the article's)
        "article_id": article_id, "idx": idx, "act": _value(ev.act),
        "modality": _value(ev.modality), "weapon": _value(ev.weapon),
        "treaty": _value(ev.treaty), "actor": ev.actor, "actor_name": ev.actor_name,
        "counterpart": ev.counterpart, "location": ev.location, "event_date": ev.when,
        "speaker": ev.speaker, "confidence": float(ev.confidence),
        "background": bool(ev.background), "evidence": _evidence(ev.evidence),
        "rules": list(ev.rules), "when_precision": _value(ev.when_precision),
        "killed": ev.killed, "injured": ev.injured, "civilians": ev.civilians,
        "children": ev.children, "device": ev.device,
    }


def _article_values(analysis: Analysis, *, relevant: bool, run_id: int | None,
                    keep_text: bool, source: str | None, stamp: datetime) -> dict:
    """The `articles` row of an analysed article (its content hash set first if missing)."""
    from treatywatch.fingerprint import ensure_content_hash

    a = analysis.article
    return {
        "content_hash": ensure_content_hash(a), "url": a.url, "title": (a.title or "")[:2000],
        "outlet": a.outlet, "language": a.language, "published": a.published,
        "text": a.text if keep_text else None, "source": source or a.path or a.url,
        "relevant": relevant, "n_events": len(analysis.events),
        "n_findings": len(analysis.findings), "run_id": run_id, "ingested_at": stamp,
        "decoding": a.decoding,
    }


def store_analysis(
    session: Session,
    analysis: Analysis,
    *,
    relevant: bool,
    run_id: int | None = None,
    keep_text: bool = True,
    source: str | None = None,
    group: bool = True,
) -> Stored:
    """Insert one analysed article (not yet stored: check `known_hashes` first).

    The text is kept when `keep_text` (the runner keeps it for relevant articles, or for all
    with --keep-all). Relevant articles with text join a story (near-duplicate group), here
    when `group`; otherwise later, in the caller's order, through `group_article` (the Dask
    engine groups after its shards land). `Stored.story_id` is then None.
    """
    article = analysis.article
    # Core inserts (one for the article, one executemany for its events, one for its
    # findings), not ORM objects flushed one by one: the same rows, fewer round trips.
    values = _article_values(analysis, relevant=relevant, run_id=run_id, keep_text=keep_text,
                             source=source, stamp=now())
    (article_id,) = _insert_ids(session, ArticleRow.__table__, [values])
    event_ids = _insert_ids(session, EventRow.__table__,
                            [_event_values(ev, idx, article_id, article.published)
                             for idx, ev in enumerate(analysis.events)])
    _add_findings(session, article_id, analysis.findings, event_ids, article, run_id)
    story_id = None
    if group and needs_story(relevant, keep_text, article):
        story_id = assign_story(session, article_id, article)
    return Stored(article_id, len(analysis.events), len(analysis.findings), story_id)


def store_plain(
    session: Session,
    analyses: list[tuple[Analysis, str | None]],
    *,
    run_id: int | None = None,
    keep_text: bool = False,
) -> int:
    """Insert articles whose analysis found no events, in one statement (executemany).

    The fast path for the bulk of a news stream; `analyses` holds (analysis, source) pairs."""
    if not analyses:
        return 0
    stamp = now()
    rows = [
        _article_values(analysis, relevant=False, run_id=run_id, keep_text=keep_text,
                        source=source, stamp=stamp)
        for analysis, source in analyses
    ]
    session.connection().execute(insert(ArticleRow.__table__), rows)  # Core executemany
    return len(rows)


# --- stories ---------------------------------------------------------------------------------


def needs_story(relevant: bool, keep_text: bool, article: Article) -> bool:
    """Whether a stored article joins a story: relevant, with its text kept."""
    return relevant and keep_text and bool(article.text.strip())


def group_article(session: Session, article_id: int) -> int | None:
    """Put a stored article in its story now (see `store_analysis(group=False)`); None when it
    is already in one or is not there."""
    if session.execute(select(StoryMember.story_id).where(StoryMember.article_id == article_id)
                       ).scalar_one_or_none() is not None:
        return None
    row = session.get(ArticleRow, article_id)
    if row is None:
        return None
    return assign_story(session, article_id, article_of(row))


@lru_cache(maxsize=1)
def _candidates_query():
    """The stored articles sharing a band bucket with an article, most shared first: built
    once with a parameter per band (building 32 conditions per article cost more than the
    query)."""
    from treatywatch.store import dedup

    return (
        select(ArticleBand.article_id)
        .where(or_(*(and_(ArticleBand.band == band, ArticleBand.bucket == bindparam(f"h{band}"))
                     for band in range(dedup.BANDS))))
        .where(ArticleBand.article_id != bindparam("article_id"))
        .group_by(ArticleBand.article_id)
        .order_by(func.count().desc())
        .limit(50)
    )


def assign_story(session: Session, article_id: int, article: Article) -> int:
    """Put the article in the story of its most similar stored article, or in a new story."""
    from treatywatch.store import dedup

    mh = dedup.signature(article.text)
    keys = dedup.band_keys(mh)
    params = {f"h{band}": bucket for band, bucket in keys}
    candidates = session.execute(_candidates_query(), {**params, "article_id": article_id}
                                 ).scalars().all()
    best_id, best_sim = None, 0.0
    if candidates:
        for cand_id, blob in session.execute(
            select(ArticleSignature.article_id, ArticleSignature.minhash).where(
                ArticleSignature.article_id.in_(candidates)
            )
        ):
            sim = dedup.similarity(mh, dedup.values_of(blob))
            if sim > best_sim or (sim == best_sim and best_id is not None and cand_id < best_id):
                best_id, best_sim = cand_id, sim
    story_id = None
    if best_id is not None and best_sim >= dedup.THRESHOLD:
        story_id = session.execute(
            select(StoryMember.story_id).where(StoryMember.article_id == best_id)
        ).scalar_one_or_none()
    if story_id is None:
        (story_id,) = _insert_ids(session, Story.__table__, [
            {"title": (article.title or "")[:500], "first_article_id": article_id,
             "created_at": now()}])
        best_sim = 1.0
    conn = session.connection()  # Core inserts: the 32 bands in one executemany
    conn.execute(insert(StoryMember.__table__),
                 [{"article_id": article_id, "story_id": story_id, "similarity": best_sim}])
    conn.execute(insert(ArticleSignature.__table__),
                 [{"article_id": article_id, "minhash": dedup.to_bytes(mh)}])
    conn.execute(insert(ArticleBand.__table__),
                 [{"band": b, "bucket": h, "article_id": article_id} for b, h in keys])
    return story_id


# --- reassess --------------------------------------------------------------------------------


def _opt(enum, value):
    return enum(value) if value else None


def article_of(row: ArticleRow) -> Article:
    """A stored article as the domain's record."""
    return Article(
        title=row.title, text=row.text or "", published=row.published, url=row.url,
        outlet=row.outlet, language=row.language, path=row.source, content_hash=row.content_hash,
    )


def event_of(row: EventRow) -> Event:
    """A stored event as the domain's record."""
    return Event(
        act=Act(row.act), modality=Modality(row.modality), weapon=_opt(Weapon, row.weapon),
        treaty=_opt(Treaty, row.treaty), actor=row.actor, actor_name=row.actor_name,
        counterpart=row.counterpart, location=row.location, when=row.event_date,
        evidence=[Evidence(**e) for e in row.evidence or []], speaker=row.speaker,
        confidence=row.confidence, background=row.background, rules=list(row.rules or []),
        when_precision=_opt(DatePrecision, row.when_precision), killed=row.killed,
        injured=row.injured, civilians=row.civilians, children=row.children, device=row.device,
    )


def finding_key(finding: Finding) -> tuple:
    """What makes a finding different for reassess: treaty, state, kind, treaty article,
    modality, rule (with its version) and status; the same tuple as `StoredArticle.finding_keys`."""
    return (_value(finding.treaty), finding.state, _value(finding.kind), finding.article,
            _value(finding.modality), finding.rule, _value(finding.status))


@dataclass
class StoredArticle:
    """A stored article with events, read back for reassess."""

    article_id: int
    article: Article
    events: list[Event]
    event_ids: list[int]
    n_findings: int
    finding_keys: set[tuple]


def _machine_key(f: FindingRow) -> tuple:
    """`finding_key` of a stored finding, with the machine's values where an analyst corrected
    them (`as_found`)."""
    found = f.as_found or {}
    return (f.treaty, found.get("state", f.state), f.kind,
            found.get("treaty_article", f.treaty_article), found.get("modality", f.modality),
            f.rule, f.status)


def articles_with_events(session: Session, after_id: int, limit: int) -> list[StoredArticle]:
    """The next `limit` stored articles that have events, by id after `after_id`."""
    rows = session.execute(
        select(ArticleRow).where(ArticleRow.id > after_id, ArticleRow.n_events > 0)
        .order_by(ArticleRow.id).limit(limit)
    ).scalars().all()
    out = []
    for row in rows:
        erows = session.execute(
            select(EventRow).where(EventRow.article_id == row.id).order_by(EventRow.idx)
        ).scalars().all()
        keys = {
            _machine_key(f)
            for f in session.execute(
                select(FindingRow).where(FindingRow.article_id == row.id,
                                         FindingRow.retired_at.is_(None))
            ).scalars()
        }
        out.append(StoredArticle(row.id, article_of(row), [event_of(e) for e in erows],
                                 [e.id for e in erows], row.n_findings, keys))
    return out


def identity(event_id: int | None, treaty, state, kind) -> tuple:
    """What keeps a finding's id across reassess: the event it judges, the treaty, the state
    and the kind (a row with the same treaty article is preferred; modality, article number,
    rule version, status and wording may change)."""
    return (event_id, _value(treaty), state, _value(kind))


_KEPT_FIELDS = ("modality", "treaty_article", "explanation", "evidence", "rule", "rule_version",
                "judged_on", "date_basis", "on_date", "status", "confidence", "review_reasons",
                "run_id")


def _match(candidates: list[FindingRow], treaty_article: str | None) -> FindingRow | None:
    """The stored row a new finding continues: the same treaty article first, else the oldest."""
    for row in candidates:
        if (row.as_found or {}).get("treaty_article", row.treaty_article) == treaty_article:
            candidates.remove(row)
            return row
    return candidates.pop(0) if candidates else None


def replace_findings(
    session: Session, article_id: int, findings: list[Finding], event_ids: list[int],
    article: Article, run_id: int | None,
) -> tuple[int, int]:
    """Bring an article's stored findings in line with freshly computed ones; returns
    (retired, added). A finding still produced keeps its row and id (its values updated); one
    no longer produced is not deleted but marked retired, with its reviews; one produced again
    comes back."""
    rows = session.execute(
        select(FindingRow).where(FindingRow.article_id == article_id).order_by(FindingRow.id)
    ).scalars().all()
    by_identity: dict[tuple, list[FindingRow]] = {}
    for row in rows:
        found = row.as_found or {}  # the machine's values, where an analyst corrected them
        key = identity(row.event_id, row.treaty, found.get("state", row.state), row.kind)
        by_identity.setdefault(key, []).append(row)
    kept: set[int] = set()
    added = 0
    for finding in findings:
        idx = finding.event_index
        event_id = event_ids[idx] if idx is not None and 0 <= idx < len(event_ids) else None
        fresh = finding_row(finding, article_id, event_id, article, run_id)
        key = identity(event_id, finding.treaty, finding.state, finding.kind)
        row = _match(by_identity.get(key, []), finding.article)
        if row is None:
            session.add(fresh)
            added += 1
            continue
        corrected = dict(row.as_found or {})
        for name in _KEPT_FIELDS:
            if name in corrected:  # an analyst's correction stands; note the machine's value
                corrected[name] = getattr(fresh, name)
            else:
                setattr(row, name, getattr(fresh, name))
        row.as_found = corrected or None
        row.retired_at = None
        kept.add(row.id)
    stamp = now()
    retired = 0
    for row in rows:
        if row.id not in kept and row.retired_at is None:
            row.retired_at = stamp
            retired += 1
    session.execute(
        update(ArticleRow).where(ArticleRow.id == article_id).values(n_findings=len(findings))
    )
    return retired, added
