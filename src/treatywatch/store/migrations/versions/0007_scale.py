"""Reserved: indexes for a big store (issue: scale).

Filled in by the change that needs it; until then it changes nothing, so that the revisions
stay one chain whichever lands first.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
