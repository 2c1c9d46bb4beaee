"""Reserved: accounts, sessions, tokens, reviews and the audit trail (issue: review).

Filled in by the change that needs it; until then it changes nothing, so that the revisions
stay one chain whichever lands first.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
