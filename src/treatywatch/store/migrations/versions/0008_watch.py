"""What the watch service keeps: the sources watched and their polling state, the HTTP cache
(ETag / Last-Modified per URL), robots.txt per origin, the feed items seen, alert subscriptions
and every delivery; and, on each run, the process that runs it (so that a run killed with
SIGKILL can be told from one still going).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("ingest_runs") as batch:
        batch.add_column(sa.Column("pid", sa.Integer, nullable=True))
        batch.add_column(sa.Column("host", sa.String(255), nullable=True))
        batch.add_column(sa.Column("heartbeat_at", TS, nullable=True))
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("decoding", sa.JSON, nullable=True))
    op.create_table(
        "watch_sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=True),
        sa.Column("every_s", sa.Integer, nullable=False),
        sa.Column("allow_private", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("allow_networks", sa.JSON, nullable=True),
        sa.Column("ignore_robots", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("paused", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("kind", sa.String(16), nullable=True),
        sa.Column("added_at", TS, nullable=False),
        sa.Column("last_polled_at", TS, nullable=True),
        sa.Column("last_new_at", TS, nullable=True),
        sa.Column("next_poll_at", TS, nullable=True, index=True),
        sa.Column("failures_in_row", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_status", sa.String(32), nullable=True),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("polls", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "http_cache",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url_key", sa.String(64), nullable=False, unique=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("etag", sa.String(512), nullable=True),
        sa.Column("last_modified", sa.String(64), nullable=True),
        sa.Column("status", sa.Integer, nullable=True),
        sa.Column("checked_at", TS, nullable=True),
    )
    op.create_table(
        "robots_cache",
        sa.Column("origin", sa.String(512), primary_key=True),
        sa.Column("status", sa.Integer, nullable=True),
        sa.Column("body", sa.Text, nullable=True),
        sa.Column("fetched_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
    )
    op.create_table(
        "watch_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("item_key", sa.String(64), nullable=False, unique=True),
        sa.Column("source_id", sa.Integer,
                  sa.ForeignKey("watch_sources.id", ondelete="CASCADE"), nullable=False),
        sa.Column("link", sa.Text, nullable=True),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("published", sa.Date, nullable=True),
        sa.Column("content", sa.Text, nullable=True),
        sa.Column("state", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_try_at", TS, nullable=True),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("first_seen", TS, nullable=False),
        sa.Column("done_at", TS, nullable=True),
    )
    op.create_index("ix_watch_items_source_state", "watch_items", ["source_id", "state"])
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("secret", sa.String(128), nullable=True),
        sa.Column("state", sa.String(3), nullable=True),
        sa.Column("treaty", sa.String(16), nullable=True),
        sa.Column("kind", sa.String(32), nullable=True),
        sa.Column("allow_private", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("last_finding_id", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "alert_deliveries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("alert_id", sa.Integer, sa.ForeignKey("alerts.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("finding_key", sa.String(64), nullable=False),
        sa.Column("finding_id", sa.Integer,
                  sa.ForeignKey("findings.id", ondelete="SET NULL"), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("payload", sa.JSON, nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_try_at", TS, nullable=True),
        sa.Column("response_status", sa.Integer, nullable=True),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("delivered_at", TS, nullable=True),
        sa.UniqueConstraint("alert_id", "finding_key", name="uq_alert_deliveries_once"),
    )
    op.create_index("ix_alert_deliveries_status", "alert_deliveries", ["status"])


def downgrade() -> None:
    op.drop_index("ix_alert_deliveries_status", table_name="alert_deliveries")
    op.drop_table("alert_deliveries")
    op.drop_table("alerts")
    op.drop_index("ix_watch_items_source_state", table_name="watch_items")
    op.drop_table("watch_items")
    op.drop_table("robots_cache")
    op.drop_table("http_cache")
    op.drop_table("watch_sources")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("decoding")
    with op.batch_alter_table("ingest_runs") as batch:
        batch.drop_column("heartbeat_at")
        batch.drop_column("host")
        batch.drop_column("pid")
