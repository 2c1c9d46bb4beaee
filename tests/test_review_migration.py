"""Migration 0009 (review) on every backend: from a store with findings at 0008 up, down and
up again, keeping what was stored; the audit table refuses changes at the database itself."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from tests.storekit import BACKENDS, fresh_url
from tests.web_support import seed_analysis
from treatywatch.store import db as dbm
from treatywatch.store.writer import store_analysis

NEW_TABLES = {"users", "api_tokens", "web_sessions", "reviews", "audit"}


def _columns(engine, table: str) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns(table)}


@pytest.mark.parametrize("backend", BACKENDS)
def test_0009_up_down_up_keeps_the_findings(backend, tmp_path):
    url = dbm.resolve_url(fresh_url(backend, tmp_path))
    dbm.upgrade(url)
    with dbm.open_database(url) as database, database.write() as s:
        store_analysis(s, seed_analysis(), relevant=True)
    from alembic import command

    engine = dbm.make_engine(url)
    try:
        with engine.begin() as conn:
            command.downgrade(dbm._alembic_config(conn), "0008")
        assert not NEW_TABLES & set(inspect(engine).get_table_names())
        assert "retired_at" not in _columns(engine, "findings")
        with engine.begin() as conn:
            command.upgrade(dbm._alembic_config(conn), "head")
        assert NEW_TABLES <= set(inspect(engine).get_table_names())
        assert {"review_verdict", "reviewed_at", "as_found", "retired_at"} <= _columns(
            engine, "findings")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM findings")).scalar() == 4
            assert conn.execute(text(
                "SELECT count(*) FROM findings WHERE retired_at IS NULL")).scalar() == 4
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO audit (at, via, action) VALUES "
                              "(CURRENT_TIMESTAMP, 'cli', 'test')"))
        for statement in ("UPDATE audit SET action = 'changed'", "DELETE FROM audit"):
            with pytest.raises(Exception, match="append-only"):
                with engine.begin() as conn:
                    conn.execute(text(statement))
    finally:
        engine.dispose()
