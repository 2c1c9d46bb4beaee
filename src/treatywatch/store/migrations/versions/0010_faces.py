"""Casualty figures and date precision on the faces (issue 13).

events: civilians and children (how many of the casualties the text says were), device (the
kind of device the text names, e.g. "anti-vehicle mine", "cluster submunition"); and
when_precision wide enough for "approximate".

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("civilians", sa.Integer, nullable=True))
        batch.add_column(sa.Column("children", sa.Integer, nullable=True))
        batch.add_column(sa.Column("device", sa.String(64), nullable=True))
        batch.alter_column("when_precision", type_=sa.String(16), existing_type=sa.String(8),
                           existing_nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.alter_column("when_precision", type_=sa.String(8), existing_type=sa.String(16),
                           existing_nullable=True)
        batch.drop_column("device")
        batch.drop_column("children")
        batch.drop_column("civilians")
