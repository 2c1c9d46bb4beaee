"""Indexes for reading a big store (issue 14, the read side; docs/big-store.md).

Findings: the listings keep the current findings (`retired_at IS NULL`) and show them newest
`on_date` first, filtered by state, treaty or kind. Partial indexes on those findings only,
each ending with (on_date, id), give every listing its order without a sort and every count a
covering index; (state, treaty, kind, on_date) counts a country page's findings by kind. The
newest stored (home, feeds) are read by created_at, overall, by state and by treaty.

Events: a listing's day is the event's own date, else its article's publication date, so the
queries read events with a date and events without one apart (store/queries.py). Each filter a
listing is asked by has an index ending with (background, event_date), and the state filter,
once an OR over three columns of which one was indexed, is three disjoint reads: by actor, by
counterpart (the actor another state), by location (neither of the others), each with its own
index carrying the columns that keep it disjoint. A treaty's events (those naming it, or naming
none with a weapon in its scope) are counted on (background, treaty, weapon, event_date).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

LIVE = sa.text("retired_at IS NULL")

# (name, table, columns, partial: only the current findings)
INDEXES = [
    ("ix_findings_live_day", "findings", ["on_date", "id"], True),
    ("ix_findings_live_state", "findings", ["state", "on_date", "id"], True),
    ("ix_findings_live_treaty", "findings", ["treaty", "on_date", "id"], True),
    ("ix_findings_live_kind", "findings", ["kind", "on_date", "id"], True),
    ("ix_findings_live_state_kinds", "findings", ["state", "treaty", "kind", "on_date"], True),
    ("ix_findings_live_created", "findings", ["created_at", "id"], True),
    ("ix_findings_live_state_created", "findings", ["state", "created_at", "id"], True),
    ("ix_findings_live_treaty_created", "findings", ["treaty", "created_at", "id"], True),
    ("ix_events_day", "events", ["background", "event_date", "id"], False),
    ("ix_events_actor_day", "events", ["actor", "background", "event_date", "id"], False),
    ("ix_events_counterpart_day", "events",
     ["counterpart", "background", "event_date", "id", "actor"], False),
    ("ix_events_location_day", "events",
     ["location", "background", "event_date", "id", "actor", "counterpart"], False),
    ("ix_events_act_day", "events", ["act", "background", "event_date", "id"], False),
    ("ix_events_scope", "events", ["background", "treaty", "weapon", "event_date"], False),
]

# PostgreSQL only: the events dated by their article look up its day in this index alone (an
# index-only scan) instead of the article's row. SQLite looks a rowid up in the table whatever
# the indexes, so there it would only cost space.
POSTGRES_ONLY = [("ix_articles_day", "articles", ["id", "published"])]


def _indexes() -> list[tuple[str, str, list[str], bool]]:
    extra = POSTGRES_ONLY if op.get_bind().dialect.name == "postgresql" else []
    return INDEXES + [(name, table, columns, False) for name, table, columns in extra]


def upgrade() -> None:
    for name, table, columns, live in _indexes():
        where = {"sqlite_where": LIVE, "postgresql_where": LIVE} if live else {}
        op.create_index(name, table, columns, **where)


def downgrade() -> None:
    for name, table, _columns, _live in reversed(_indexes()):
        op.drop_index(name, table_name=table)
