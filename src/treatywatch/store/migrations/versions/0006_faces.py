"""Reserved: incidents, casualty figures and date precision on the faces (issue: faces).

Filled in by the change that needs it; until then it changes nothing, so that the revisions
stay one chain whichever lands first.

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
