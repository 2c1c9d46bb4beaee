"""Indexes for the review queue and a country's casualty figures (issue 14; docs/big-store.md).

The review queue takes the unreviewed, current findings by kind in order of seriousness, within
a kind those marked needs_review first, then the least confident, then the newest
(review/queue.py). One partial index over those findings only, on (kind, status, confidence,
on_date DESC, id DESC), gives each (kind, status) its order: the queue reads them one after the
other and stops once its page is full, instead of sorting every unreviewed finding.

A country's casualty events are those located in it, else (no location) with it as actor
(store/event_queries.py, `casualty_events`). Two indexes read the two sides apart, each on its
own range: (act, background, location, day, id) and (act, background, actor, location, day, id).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

QUEUED = sa.text("review_verdict IS NULL AND retired_at IS NULL")

# (name, table, columns, partial: only the unreviewed, current findings)
INDEXES = [
    ("ix_findings_queue", "findings",
     ["kind", "status", "confidence", sa.text("on_date DESC"), sa.text("id DESC")], True),
    ("ix_events_casualty_location", "events", ["act", "background", "location", "day", "id"],
     False),
    ("ix_events_casualty_actor", "events",
     ["act", "background", "actor", "location", "day", "id"], False),
]


def upgrade() -> None:
    for name, table, columns, queued in INDEXES:
        where = {"sqlite_where": QUEUED, "postgresql_where": QUEUED} if queued else {}
        op.create_index(name, table, columns, **where)


def downgrade() -> None:
    for name, table, _columns, _queued in reversed(INDEXES):
        op.drop_index(name, table_name=table)
