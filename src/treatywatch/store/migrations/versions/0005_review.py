"""Reserved: accounts, sessions, tokens, reviews and the audit trail (issue: review).

Released empty (reserved for this change before it landed), so stores already at this revision
exist; the change itself is revision 0009. This one stays empty for ever.

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
