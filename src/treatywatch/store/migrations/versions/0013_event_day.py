"""An event's day as a column (issue 14, the read side; docs/big-store.md).

An event's day is its own date, else its article's publication date. Until 0012 every listing
computed it, joining the events without a date of their own to their articles and sorting them
on each request. `events.day` keeps it: the writer sets it when it stores an event, and this
upgrade fills the stored ones. The listing indexes of 0012 end with `day` instead of
`event_date`, so every events listing (and its date range) is one index range.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# (name, columns before this revision) of the 0012 events indexes: each is rebuilt on `day`
INDEXES = [
    ("ix_events_day", ["background", "event_date", "id"]),
    ("ix_events_actor_day", ["actor", "background", "event_date", "id"]),
    ("ix_events_counterpart_day", ["counterpart", "background", "event_date", "id", "actor"]),
    ("ix_events_location_day",
     ["location", "background", "event_date", "id", "actor", "counterpart"]),
    ("ix_events_act_day", ["act", "background", "event_date", "id"]),
    ("ix_events_scope", ["background", "treaty", "weapon", "event_date"]),
]


def _on_day(columns: list[str]) -> list[str]:
    return ["day" if c == "event_date" else c for c in columns]


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("day", sa.Date(), nullable=True))
    op.execute("UPDATE events SET day = coalesce(event_date, "
               "(SELECT published FROM articles WHERE articles.id = events.article_id))")
    for name, columns in INDEXES:
        op.drop_index(name, table_name="events")
        op.create_index(name, "events", _on_day(columns))


def downgrade() -> None:
    for name, columns in reversed(INDEXES):
        op.drop_index(name, table_name="events")
        op.create_index(name, "events", columns)
    with op.batch_alter_table("events") as batch:
        batch.drop_column("day")
