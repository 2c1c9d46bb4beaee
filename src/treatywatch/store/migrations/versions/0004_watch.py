"""Reserved: sources watched, their fetch state and deliveries (issue: watch).

Filled in by the change that needs it; until then it changes nothing, so that the revisions
stay one chain whichever lands first.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
