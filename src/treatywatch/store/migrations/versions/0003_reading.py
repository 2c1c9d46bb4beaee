"""What the reading redesign stores: the rules behind each event, how much of its date the text
gave, casualty figures; each finding's confidence, status (asserted | needs_review) and the
reasons it needs review.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("rules", sa.JSON, nullable=True))
        batch.add_column(sa.Column("when_precision", sa.String(8), nullable=True))
        batch.add_column(sa.Column("killed", sa.Integer, nullable=True))
        batch.add_column(sa.Column("injured", sa.Integer, nullable=True))
    with op.batch_alter_table("findings") as batch:
        batch.add_column(
            sa.Column("status", sa.String(16), nullable=False, server_default="asserted")
        )
        batch.add_column(
            sa.Column("confidence", sa.Float, nullable=False, server_default="0.5")
        )
        batch.add_column(sa.Column("review_reasons", sa.JSON, nullable=True))
    op.create_index("ix_findings_status", "findings", ["status"])


def downgrade() -> None:
    op.drop_index("ix_findings_status", table_name="findings")
    with op.batch_alter_table("findings") as batch:
        batch.drop_column("review_reasons")
        batch.drop_column("confidence")
        batch.drop_column("status")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("injured")
        batch.drop_column("killed")
        batch.drop_column("when_precision")
        batch.drop_column("rules")
