"""Reserved: sources watched, their fetch state and deliveries (issue: watch).

Released empty (reserved for this change before it landed), so stores already at this revision
exist; the change itself is revision 0008. This one stays empty for ever.

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
