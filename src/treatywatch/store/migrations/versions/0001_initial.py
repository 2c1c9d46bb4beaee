"""The first tables: ingest runs, articles, events, findings, stories, failures.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False, server_default="ingest"),
        sa.Column("started_at", TZ, nullable=False),
        sa.Column("finished_at", TZ),
        sa.Column("status", sa.String(16), nullable=False, server_default="running"),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("version", sa.String(32), nullable=False, server_default=""),
        *(
            sa.Column(name, sa.Integer, nullable=False, server_default="0")
            for name in (
                "seen", "duplicates", "stored", "relevant", "events", "findings", "failures"
            )
        ),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column("outlet", sa.String(255)),
        sa.Column("language", sa.String(16)),
        sa.Column("published", sa.Date),
        sa.Column("text", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("relevant", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("n_events", sa.Integer, nullable=False, server_default="0"),
        sa.Column("n_findings", sa.Integer, nullable=False, server_default="0"),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.id")),
        sa.Column("ingested_at", TZ, nullable=False),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    )
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_relevant", "articles", ["relevant"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id", sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
        ),
        sa.Column("idx", sa.Integer, nullable=False),
        sa.Column("act", sa.String(32), nullable=False),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("weapon", sa.String(32)),
        sa.Column("treaty", sa.String(16)),
        sa.Column("actor", sa.String(3)),
        sa.Column("actor_name", sa.Text),
        sa.Column("counterpart", sa.String(3)),
        sa.Column("location", sa.String(3)),
        sa.Column("event_date", sa.Date),
        sa.Column("speaker", sa.Text),
        sa.Column("confidence", sa.Float, nullable=False, server_default="0.5"),
        sa.Column("background", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.UniqueConstraint("article_id", "idx", name="uq_events_article_idx"),
    )
    op.create_index("ix_events_act", "events", ["act"])
    op.create_index("ix_events_modality", "events", ["modality"])
    op.create_index("ix_events_actor", "events", ["actor"])
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id", sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False,
        ),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="SET NULL")),
        sa.Column("treaty", sa.String(16), nullable=False),
        sa.Column("state", sa.String(3), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("modality", sa.String(16)),
        sa.Column("treaty_article", sa.String(16)),
        sa.Column("explanation", sa.Text, nullable=False, server_default=""),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("rule", sa.String(128), nullable=False, server_default=""),
        sa.Column("rule_version", sa.String(32), nullable=False, server_default=""),
        sa.Column("judged_on", sa.Date),
        sa.Column("date_basis", sa.String(32), nullable=False, server_default=""),
        sa.Column("on_date", sa.Date),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.id")),
    )
    op.create_index("ix_findings_state_treaty", "findings", ["state", "treaty"])
    op.create_index("ix_findings_kind", "findings", ["kind"])
    op.create_index("ix_findings_on_date", "findings", ["on_date"])
    op.create_index("ix_findings_created_at", "findings", ["created_at"])
    op.create_index("ix_findings_article", "findings", ["article_id"])
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column(
            "first_article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="SET NULL")
        ),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "story_members",
        sa.Column(
            "article_id", sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True,
        ),
        sa.Column(
            "story_id", sa.Integer,
            sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False,
        ),
        sa.Column("similarity", sa.Float, nullable=False, server_default="1.0"),
    )
    op.create_index("ix_story_members_story_id", "story_members", ["story_id"])
    op.create_table(
        "article_bands",
        sa.Column("band", sa.Integer, primary_key=True),
        sa.Column("bucket", sa.Integer, primary_key=True),
        sa.Column(
            "article_id", sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True,
        ),
    )
    op.create_table(
        "article_signatures",
        sa.Column(
            "article_id", sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True,
        ),
        sa.Column("minhash", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("input", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("first_seen", TZ, nullable=False),
        sa.Column("last_seen", TZ, nullable=False),
        sa.Column("times", sa.Integer, nullable=False, server_default="1"),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.id")),
        sa.UniqueConstraint("key", name="uq_failures_key"),
    )
    op.create_index("ix_failures_last_seen", "failures", ["last_seen"])


def downgrade() -> None:
    for table in (
        "failures", "article_signatures", "article_bands", "story_members", "stories",
        "findings", "events", "articles", "ingest_runs",
    ):
        op.drop_table(table)
