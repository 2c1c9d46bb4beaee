"""The store's tables (SQLAlchemy 2, declarative).

The schema itself is created and changed only by the Alembic migrations in
`store/migrations/versions/`; these classes describe it for the code that reads and writes.
Full-text search lives beside the tables (an FTS5 table on SQLite, a generated `tsvector`
column on PostgreSQL) and is made by the migrations only.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class IngestRun(Base):
    """One `treatywatch ingest` (or `reassess`) run and what it did; updated at every commit."""

    __tablename__ = "ingest_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), default="ingest")  # ingest | reassess
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # running | done | interrupted | failed
    status: Mapped[str] = mapped_column(String(16), default="running")
    sources: Mapped[list] = mapped_column(JSON, default=list)
    version: Mapped[str] = mapped_column(String(32), default="")
    seen: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    stored: Mapped[int] = mapped_column(Integer, default=0)
    relevant: Mapped[int] = mapped_column(Integer, default=0)
    events: Mapped[int] = mapped_column(Integer, default=0)
    findings: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    # The process running it, so that the next run can tell a killed run from a live one.
    pid: Mapped[int | None] = mapped_column(Integer)
    host: Mapped[str | None] = mapped_column(String(255))
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ArticleRow(Base):
    """Every article read, once per normalised text (`content_hash` is unique).

    `text` is kept for relevant articles (and for all when ingest runs with --keep-all);
    for the rest the row is a receipt (hash and metadata) so that a re-run skips them.
    """

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text, default="")
    outlet: Mapped[str | None] = mapped_column(String(255))
    language: Mapped[str | None] = mapped_column(String(16))
    published: Mapped[date | None] = mapped_column(Date, index=True)
    text: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)  # where it was read: path, URL, WARC record
    relevant: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    n_events: Mapped[int] = mapped_column(Integer, default=0)
    n_findings: Mapped[int] = mapped_column(Integer, default=0)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id"))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # How damaged bytes were decoded: {"encoding", "replaced"}; None when the text was clean.
    decoding: Mapped[dict | None] = mapped_column(JSON)
    # 0012, on PostgreSQL only: ix_articles_day (id, published), an event's day by its article


class EventRow(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    idx: Mapped[int] = mapped_column(Integer)  # position in the article's analysis
    act: Mapped[str] = mapped_column(String(32), index=True)
    modality: Mapped[str] = mapped_column(String(16), index=True)
    weapon: Mapped[str | None] = mapped_column(String(32))
    treaty: Mapped[str | None] = mapped_column(String(16))
    actor: Mapped[str | None] = mapped_column(String(3), index=True)
    actor_name: Mapped[str | None] = mapped_column(Text)
    counterpart: Mapped[str | None] = mapped_column(String(3))
    location: Mapped[str | None] = mapped_column(String(3))
    event_date: Mapped[date | None] = mapped_column(Date)
    # 0013: the event's day, what listings sort and filter on: event_date, else its article's
    # publication date (set by the writer; the migration filled the stored events)
    day: Mapped[date | None] = mapped_column(Date)
    speaker: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    background: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence: Mapped[list] = mapped_column(JSON, default=list)
    rules: Mapped[list | None] = mapped_column(JSON, default=list)  # reading rules, versioned
    # day | month | year | approximate (String(16) since 0010)
    when_precision: Mapped[str | None] = mapped_column(String(16))
    killed: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    civilians: Mapped[int | None] = mapped_column(Integer)  # 0010: of the casualties
    children: Mapped[int | None] = mapped_column(Integer)
    device: Mapped[str | None] = mapped_column(String(64))  # the device the text names
    # An analyst's corrections (actor, location, ...) are in the columns, so reassess judges
    # the corrected event; `as_found` keeps the machine's own values of what was corrected.
    review_verdict: Mapped[str | None] = mapped_column(String(16))
    as_found: Mapped[dict | None] = mapped_column(JSON)

    __table_args__ = (
        UniqueConstraint("article_id", "idx", name="uq_events_article_idx"),
        # 0012, on `day` since 0013: every listing filter ends with (background, day); the
        # state filter reads actor, counterpart and location apart, each index carrying what
        # keeps them disjoint
        Index("ix_events_day", "background", "day", "id"),
        Index("ix_events_actor_day", "actor", "background", "day", "id"),
        Index("ix_events_counterpart_day", "counterpart", "background", "day", "id", "actor"),
        Index("ix_events_location_day", "location", "background", "day", "id", "actor",
              "counterpart"),
        Index("ix_events_act_day", "act", "background", "day", "id"),
        Index("ix_events_scope", "background", "treaty", "weapon", "day"),
        # 0014: a country's casualty events, located in it, else (no location) its actor's
        Index("ix_events_casualty_location", "act", "background", "location", "day", "id"),
        Index("ix_events_casualty_actor", "act", "background", "actor", "location", "day", "id"),
    )


_LIVE = text("retired_at IS NULL")  # a finding reassess has not retired
_QUEUED = text("review_verdict IS NULL AND retired_at IS NULL")  # awaiting review


class FindingRow(Base):
    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    treaty: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(3))
    kind: Mapped[str] = mapped_column(String(32))
    modality: Mapped[str | None] = mapped_column(String(16))
    treaty_article: Mapped[str | None] = mapped_column(String(16))
    explanation: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[list] = mapped_column(JSON, default=list)
    rule: Mapped[str] = mapped_column(String(128), default="")  # e.g. apmbc.prohibited_act.v1
    rule_version: Mapped[str] = mapped_column(String(32), default="")  # e.g. v1
    judged_on: Mapped[date | None] = mapped_column(Date)
    date_basis: Mapped[str] = mapped_column(String(32), default="")
    on_date: Mapped[date | None] = mapped_column(Date)  # judged_on, else published, else ingest day
    status: Mapped[str] = mapped_column(String(16), default="asserted", index=True)
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    review_reasons: Mapped[list | None] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id"))
    # Set by the review path (review/): the latest verdict; where an analyst corrected state,
    # modality or treaty article, the columns hold the correction and `as_found` the machine's
    # own values (reassess matches and updates those). Set by reassess: when the rules stopped
    # producing this finding.
    review_verdict: Mapped[str | None] = mapped_column(String(16), index=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    as_found: Mapped[dict | None] = mapped_column(JSON)
    retired_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_findings_state_treaty", "state", "treaty"),
        Index("ix_findings_kind", "kind"),
        Index("ix_findings_on_date", "on_date"),
        Index("ix_findings_created_at", "created_at"),
        Index("ix_findings_article", "article_id"),
        # 0012: the current findings, in each listing's order (on_date; created_at for the newest)
        *(Index(name, *columns, sqlite_where=_LIVE, postgresql_where=_LIVE)
          for name, columns in (
              ("ix_findings_live_day", ("on_date", "id")),
              ("ix_findings_live_state", ("state", "on_date", "id")),
              ("ix_findings_live_treaty", ("treaty", "on_date", "id")),
              ("ix_findings_live_kind", ("kind", "on_date", "id")),
              ("ix_findings_live_state_kinds", ("state", "treaty", "kind", "on_date")),
              ("ix_findings_live_created", ("created_at", "id")),
              ("ix_findings_live_state_created", ("state", "created_at", "id")),
              ("ix_findings_live_treaty_created", ("treaty", "created_at", "id")),
          )),
        # 0014: the review queue, each (kind, status) in its order (review/queue.py)
        Index("ix_findings_queue", "kind", "status", "confidence", text("on_date DESC"),
              text("id DESC"), sqlite_where=_QUEUED, postgresql_where=_QUEUED),
    )


class Story(Base):
    """Near-duplicate articles (the same wire story in many outlets), grouped by MinHash."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    first_article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class StoryMember(Base):
    __tablename__ = "story_members"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    similarity: Mapped[float] = mapped_column(Float, default=1.0)


class ArticleBand(Base):
    """Locality-sensitive hashing bands of an article's MinHash: the persistent LSH index."""

    __tablename__ = "article_bands"

    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    bucket: Mapped[int] = mapped_column(Integer, primary_key=True)  # signed 32-bit hash of band
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )


class ArticleSignature(Base):
    __tablename__ = "article_signatures"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    minhash: Mapped[bytes] = mapped_column(LargeBinary)


class Failure(Base):
    """An input that could not be read, with the reason; one row per (input, reason)."""

    __tablename__ = "failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of input + reason
    input: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    times: Mapped[int] = mapped_column(Integer, default=1)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id"))


# --- the watch service (migration 0008) ------------------------------------------------------


class WatchSource(Base):
    """A feed, page or sitemap polled by `treatywatch watch`, and where its polling stands."""

    __tablename__ = "watch_sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    name: Mapped[str | None] = mapped_column(Text)
    every_s: Mapped[int] = mapped_column(Integer)
    allow_private: Mapped[bool] = mapped_column(Boolean, default=False)
    allow_networks: Mapped[list | None] = mapped_column(JSON, default=list)
    ignore_robots: Mapped[bool] = mapped_column(Boolean, default=False)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[str | None] = mapped_column(String(16))  # feed | page | sitemap, once read
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_polled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_new_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    next_poll_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    failures_in_row: Mapped[int] = mapped_column(Integer, default=0)
    last_status: Mapped[str | None] = mapped_column(String(32))
    last_error: Mapped[str | None] = mapped_column(Text)
    polls: Mapped[int] = mapped_column(Integer, default=0)


class HttpCache(Base):
    """The validators of the last full answer for a URL, sent back as a conditional GET."""

    __tablename__ = "http_cache"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url_key: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the URL
    url: Mapped[str] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[int | None] = mapped_column(Integer)
    checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class RobotsCache(Base):
    """One origin's robots.txt as last fetched, and until when it holds."""

    __tablename__ = "robots_cache"

    origin: Mapped[str] = mapped_column(String(512), primary_key=True)
    status: Mapped[int | None] = mapped_column(Integer)
    body: Mapped[str | None] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class WatchItem(Base):
    """An entry a watched source listed: read once (`done`), or still to read (`pending`)."""

    __tablename__ = "watch_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_key: Mapped[str] = mapped_column(String(64), unique=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("watch_sources.id", ondelete="CASCADE"))
    link: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    content: Mapped[str | None] = mapped_column(Text)  # the entry's own markup, bounded
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending | done | failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("ix_watch_items_source_state", "source_id", "state"),)


class Alert(Base):
    """A subscription: findings matching its filters are announced to a webhook or an address."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))  # webhook | email
    target: Mapped[str] = mapped_column(Text)
    secret: Mapped[str | None] = mapped_column(String(128))  # the webhook's HMAC key
    state: Mapped[str | None] = mapped_column(String(3))
    treaty: Mapped[str | None] = mapped_column(String(16))
    kind: Mapped[str | None] = mapped_column(String(32))
    allow_private: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_finding_id: Mapped[int] = mapped_column(Integer, default=0)  # findings looked at


class AlertDelivery(Base):
    """One finding announced (or being announced) to one alert: one row, ever, per pair."""

    __tablename__ = "alert_deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"))
    finding_key: Mapped[str] = mapped_column(String(64))
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("findings.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), index=True)  # pending | sent | failed
    payload: Mapped[dict | None] = mapped_column(JSON)  # what is sent, the same on a retry
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    response_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        UniqueConstraint("alert_id", "finding_key", name="uq_alert_deliveries_once"),
    )


# --- accounts, reviews, audit (migration 0009) -----------------------------------------------


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))  # viewer | analyst | admin
    password_hash: Mapped[str] = mapped_column(String(255))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ApiToken(Base):
    """An API token: only its SHA-256 is kept; the token itself is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))  # the first characters, to tell tokens apart
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WebSession(Base):
    """A login: the cookie holds a random value, the store its SHA-256."""

    __tablename__ = "web_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Review(Base):
    """An analyst's verdict on a finding or an event, with the reason; never changed."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("findings.id"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    verdict: Mapped[str] = mapped_column(String(16))  # confirmed | rejected | amended
    reason: Mapped[str] = mapped_column(Text)
    changes: Mapped[dict | None] = mapped_column(JSON)
    snapshot: Mapped[dict | None] = mapped_column(JSON)  # what the reviewer saw
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class AuditEntry(Base):
    """Append-only: the migration adds triggers that refuse UPDATE and DELETE."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    user_name: Mapped[str | None] = mapped_column(String(64))
    via: Mapped[str] = mapped_column(String(16))  # cli | session | token
    action: Mapped[str] = mapped_column(String(32))
    target: Mapped[str | None] = mapped_column(String(64), index=True)  # finding:12, user:3
    details: Mapped[dict | None] = mapped_column(JSON)


class ScaleShard(Base):
    """The ledger of `ingest --engine dask`: one row per shard (a WARC or JSONL file, a folder's
    loose files), keyed by its name, size and modification time, so that a re-run after a crash
    skips the shards already done and a changed file is a new shard.

    state: pending | running | done | failed. `counts` are what its (last) run stored;
    `stories` the ids of its relevant articles still to be put in a story (done in shard order
    after the shards land; emptied when grouped)."""

    __tablename__ = "scale_shards"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    tries: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    counts: Mapped[dict | None] = mapped_column(JSON)
    stories: Mapped[list | None] = mapped_column(JSON)
    grouped: Mapped[bool] = mapped_column(Boolean, default=False)
    run_id: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
