"""Accounts, sessions, tokens, reviews and the append-only audit trail (issue 12); on findings
and events, the latest review's verdict and the machine's values of what an analyst corrected
(`as_found`), and when reassess retired a finding.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)

_SQLITE_GUARD = [
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN"
    " SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN"
    " SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
]
_PG_GUARD = [
    "CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$",
    "CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit"
    " FOR EACH ROW EXECUTE FUNCTION audit_append_only()",
    "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit"
    " FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()",
]


def _accounts() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False, index=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("revoked_at", TZ),
    )
    op.create_table(
        "web_sessions",
        sa.Column("id_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False, index=True),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("expires_at", TZ, nullable=False),
    )


def _reviews() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("finding_id", sa.Integer, sa.ForeignKey("findings.id"), index=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), index=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("changes", sa.JSON),
        sa.Column("snapshot", sa.JSON),
        sa.Column("created_at", TZ, nullable=False, index=True),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", TZ, nullable=False, index=True),
        sa.Column("user_id", sa.Integer, index=True),
        sa.Column("user_name", sa.String(64)),
        sa.Column("via", sa.String(16), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("target", sa.String(64), index=True),
        sa.Column("details", sa.JSON),
    )
    with op.batch_alter_table("findings") as batch:
        batch.add_column(sa.Column("review_verdict", sa.String(16)))
        batch.add_column(sa.Column("reviewed_at", TZ))
        batch.add_column(sa.Column("as_found", sa.JSON))
        batch.add_column(sa.Column("retired_at", TZ))
    op.create_index("ix_findings_review_verdict", "findings", ["review_verdict"])
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("review_verdict", sa.String(16)))
        batch.add_column(sa.Column("as_found", sa.JSON))


def upgrade() -> None:
    _accounts()
    _reviews()
    guard = _SQLITE_GUARD if op.get_bind().dialect.name == "sqlite" else _PG_GUARD
    for statement in guard:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_no_change ON audit")
        op.execute("DROP TRIGGER IF EXISTS audit_no_truncate ON audit")
        op.execute("DROP FUNCTION IF EXISTS audit_append_only()")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("as_found")
        batch.drop_column("review_verdict")
    op.drop_index("ix_findings_review_verdict", table_name="findings")
    with op.batch_alter_table("findings") as batch:
        for column in ("retired_at", "as_found", "reviewed_at", "review_verdict"):
            batch.drop_column(column)
    for table in ("audit", "reviews", "web_sessions", "api_tokens", "users"):
        op.drop_table(table)
