"""The shard ledger of `ingest --engine dask` (issue 14).

scale_shards: one row per shard, its state (pending, running, done, failed), tries, last error,
counts, and the relevant articles still to be grouped into stories.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scale_shards",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(64), nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("state", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("tries", sa.Integer, nullable=False, server_default="0"),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("counts", sa.JSON, nullable=True),
        sa.Column("stories", sa.JSON, nullable=True),
        sa.Column("grouped", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("run_id", sa.Integer, nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_scale_shards_state", "scale_shards", ["state"])


def downgrade() -> None:
    op.drop_index("ix_scale_shards_state", table_name="scale_shards")
    op.drop_table("scale_shards")
