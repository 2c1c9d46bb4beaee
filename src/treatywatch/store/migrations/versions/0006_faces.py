"""Reserved: incidents, casualty figures and date precision on the faces (issue: faces).

Released empty (reserved for this change before it landed), so stores already at this revision
exist; the change itself is revision 0010. This one stays empty for ever.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
