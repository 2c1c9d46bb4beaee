"""Migrations: upgrade from empty on every backend; refusing un-migrated and outdated databases."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import inspect

from tests.storekit import BACKENDS, fresh_url
from treatywatch.errors import StoreError
from treatywatch.store import db as dbm

TABLES = {"articles", "events", "findings", "stories", "story_members", "ingest_runs",
          "failures", "article_bands", "article_signatures", "alembic_version"}


@pytest.mark.parametrize("backend", BACKENDS)
def test_upgrade_from_empty_creates_every_table(backend, tmp_path):
    url = dbm.resolve_url(fresh_url(backend, tmp_path))
    before, after = dbm.upgrade(url)
    assert before is None and after == dbm.head_revision()
    database = dbm.open_database(url)
    try:
        names = set(inspect(database.engine).get_table_names())
        assert TABLES <= names
        if backend == "sqlite":
            assert "articles_fts" in names
            with database.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        else:
            columns = {c["name"] for c in inspect(database.engine).get_columns("articles")}
            assert "search" in columns
    finally:
        database.close()
    assert dbm.upgrade(url) == (after, after)  # a second upgrade is a no-op


@pytest.mark.parametrize("backend", BACKENDS)
def test_refuses_unmigrated_database_saying_what_to_type(backend, tmp_path):
    target = fresh_url(backend, tmp_path)
    with pytest.raises(StoreError) as err:
        dbm.open_database(target)
    assert "not set up" in str(err.value)
    assert "treatywatch db upgrade --db" in str(err.value)


@pytest.mark.parametrize("backend", BACKENDS)
def test_refuses_outdated_database(backend, tmp_path):
    target = fresh_url(backend, tmp_path)
    dbm.upgrade(dbm.resolve_url(target), "0001")
    with pytest.raises(StoreError) as err:
        dbm.open_database(target)
    message = str(err.value)
    assert "revision 0001" in message and dbm.head_revision() in message
    assert "treatywatch db upgrade" in message
    dbm.upgrade(dbm.resolve_url(target))
    dbm.open_database(target).close()


def test_resolve_url_paths_env_and_postgres(tmp_path, monkeypatch):
    monkeypatch.delenv(dbm.ENV_URL, raising=False)
    monkeypatch.chdir(tmp_path)
    assert dbm.resolve_url(None) == f"sqlite:///{tmp_path / 'treatywatch.db'}"
    assert dbm.resolve_url("x.db") == f"sqlite:///{tmp_path / 'x.db'}"
    monkeypatch.setenv(dbm.ENV_URL, "postgresql://u:p@h/d")
    assert dbm.resolve_url(None) == "postgresql+psycopg://u:p@h/d"
    assert dbm.resolve_url("other.db").endswith("/other.db")  # --db wins over the environment
    assert "p@" not in dbm.describe("postgresql+psycopg://u:p@h/d")


def test_cli_refuses_then_upgrades(tmp_path):
    path = tmp_path / "cli.db"
    cmd = [sys.executable, "-m", "treatywatch"]
    refused = subprocess.run([*cmd, "findings", "--db", str(path)], capture_output=True,
                             text=True, timeout=120)
    assert refused.returncode == 3
    assert f"treatywatch db upgrade --db {path}" in refused.stderr
    done = subprocess.run([*cmd, "db", "upgrade", "--db", str(path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "upgraded from nothing" in done.stdout
    listed = subprocess.run([*cmd, "findings", "--db", str(path), "--json"],
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip() == "[]"


def test_migrations_ship_inside_the_package():
    """env.py and versions/ are packages, so a wheel carries them (not only a source tree)."""
    import importlib.util

    for name in ("treatywatch.store.migrations", "treatywatch.store.migrations.versions"):
        assert importlib.util.find_spec(name) is not None, name
    assert (dbm.MIGRATIONS / "env.py").is_file()
    assert (dbm.MIGRATIONS / "script.py.mako").is_file()


@pytest.mark.parametrize("backend", BACKENDS)
def test_refuses_a_database_from_a_newer_version(backend, tmp_path):
    from sqlalchemy import text

    target = fresh_url(backend, tmp_path)
    url = dbm.resolve_url(target)
    dbm.upgrade(url)
    engine = dbm.make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer treatywatch"):
        dbm.open_database(target)
    with pytest.raises(StoreError, match="cannot upgrade"):
        dbm.upgrade(url)


def test_upgrade_of_an_unreachable_database_is_one_clear_error(tmp_path):
    with pytest.raises(StoreError, match="cannot open the database"):
        dbm.upgrade(dbm.resolve_url(str(tmp_path / "no" / "such" / "dir" / "x.db")))


def test_a_store_at_the_released_empty_revisions_gets_every_later_table(tmp_path):
    """0004-0007 were released empty (reserved); a store already at 0007 must still receive the
    watch, review and faces changes, which are revisions 0008 onwards."""
    from alembic import command
    from sqlalchemy import inspect

    from treatywatch.store import db as dbm

    url = dbm.resolve_url(f"sqlite:///{tmp_path / 'released.db'}")
    engine = dbm.make_engine(url)
    try:
        with engine.begin() as conn:
            command.upgrade(dbm._alembic_config(conn), "0007")
        assert "watch_sources" not in inspect(engine).get_table_names()
        with engine.begin() as conn:
            command.upgrade(dbm._alembic_config(conn), "head")
        tables = set(inspect(engine).get_table_names())
        assert {"watch_sources", "users", "reviews", "audit"} <= tables
        assert "civilians" in {c["name"] for c in inspect(engine).get_columns("events")}
    finally:
        engine.dispose()
