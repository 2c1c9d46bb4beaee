"""Where the store is, how to open it, and whether its schema is the one this code needs.

- `resolve_url(db)`: `--db PATH|URL`, else `TREATYWATCH_DATABASE_URL`, else `./treatywatch.db`.
- `open_database(url)`: an engine set up for its dialect (SQLite: WAL, foreign keys, a busy
  timeout, and `BEGIN IMMEDIATE` for write transactions so that writers queue instead of
  deadlocking), after checking the schema is at the migrations' head.
- `upgrade(url)`: apply the Alembic migrations shipped in `store/migrations/`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from treatywatch.errors import StoreError

log = logging.getLogger(__name__)

ENV_URL = "TREATYWATCH_DATABASE_URL"
DEFAULT_PATH = "treatywatch.db"
MIGRATIONS = Path(__file__).with_name("migrations")


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """The database URL from `--db` (a path or a URL), the environment, or the default file."""
    value = str(db) if db is not None else os.environ.get(ENV_URL) or DEFAULT_PATH
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    if value.startswith("postgres://"):
        value = "postgresql://" + value[len("postgres://"):]
    if value.startswith("postgresql://"):  # psycopg 3 is the driver we ship with
        value = "postgresql+psycopg://" + value[len("postgresql://"):]
    return value


def describe(url: str) -> str:
    """The URL as it may be shown to a user (no password)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def _db_option(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return f"--db {parsed.database}"
    return f"--db '{parsed.render_as_string(hide_password=True)}'"


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 60})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record) -> None:  # pragma: no cover - trivial
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see below)
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=60000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn) -> None:  # pragma: no cover - trivial
            mode = conn.get_execution_options().get("sqlite_begin", "")
            conn.exec_driver_sql(f"BEGIN {mode}".strip())

        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True)
    raise StoreError(
        f"unsupported database URL {describe(url)!r}: use a file path (SQLite) or "
        "postgresql+psycopg://user:password@host/dbname"
    )


def _alembic_config(connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def revisions(url: str) -> tuple[str | None, str]:
    """(the database's schema revision, None when it has none; the revision this code needs)."""
    if _missing_sqlite_file(url) is not None:
        return None, head_revision()
    engine = make_engine(url)
    try:
        current = current_revision(engine)
    finally:
        engine.dispose()
    return current, head_revision()


def check_schema(engine: Engine, url: str) -> None:
    """Refuse a database that is not migrated to this code's head revision."""
    head = head_revision()
    try:
        current = current_revision(engine)
    except Exception as exc:  # cannot even connect
        raise StoreError(f"cannot open the database {describe(url)}: {exc}") from exc
    if current == head:
        return
    fix = f"treatywatch db upgrade {_db_option(url)}"
    if current is None:
        tables = set(inspect(engine).get_table_names())
        what = "has tables this version does not know" if tables else "is not set up yet"
        raise StoreError(f"the database {describe(url)} {what}; to set it up, type: {fix}")
    if not _known_revision(current):
        raise StoreError(
            f"the database {describe(url)} is at schema revision {current}, which this "
            f"treatywatch does not know (it needs {head}): it was made by a newer treatywatch; "
            "install that version to use it"
        )
    raise StoreError(
        f"the database {describe(url)} is at schema revision {current}, this treatywatch needs "
        f"{head}; to bring it up to date, type: {fix}"
    )


def _known_revision(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    return any(
        script.revision == revision
        for script in ScriptDirectory.from_config(_alembic_config()).walk_revisions()
    )


def upgrade(url: str, revision: str = "head") -> tuple[str | None, str]:
    """Apply the migrations up to `revision`; returns (revision before, revision after)."""
    from alembic import command
    from alembic.util import CommandError
    from sqlalchemy.exc import OperationalError

    engine = make_engine(url)
    try:
        before = current_revision(engine)
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn), revision)
        after = current_revision(engine)
    except CommandError as exc:
        raise StoreError(f"cannot upgrade the database {describe(url)}: {exc}") from exc
    except OperationalError as exc:
        raise StoreError(f"cannot open the database {describe(url)}: {exc.orig}") from exc
    finally:
        engine.dispose()
    log.info("database %s upgraded from %s to %s", describe(url), before, after)
    return before, after


@dataclass
class Database:
    """An open store: its URL, engine and a session factory. Pass it to `store.queries`."""

    url: str
    engine: Engine

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(
            self.engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False
        )

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def session(self) -> Session:
        """A session for reading."""
        return self._sessions()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed on success, rolled back on any error.

        Every write to the store goes through here (on SQLite it takes the write lock at BEGIN).
        """
        with self._write_sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _missing_sqlite_file(url: str) -> Path | None:
    """The SQLite file `url` names when it does not exist yet (None for other stores)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    path = Path(parsed.database)
    return None if path.exists() else path


def _is_empty(engine: Engine) -> bool:
    """True when the store has neither a schema revision nor any table: safe to set up."""
    return current_revision(engine) is None and not inspect(engine).get_table_names()


def open_database(
    db: str | os.PathLike[str] | None = None, *, check: bool = True, create: bool = False
) -> Database:
    """Open the store named by `db` (path or URL; see resolve_url), checking its schema.

    A SQLite file that does not exist is never made by opening it to read: that is refused with
    the fix. With `create=True` (what `ingest` does) a missing file or an empty database is set
    up at the head revision first; a store at an older revision, or one with tables this code
    does not know, is still refused.
    """
    url = resolve_url(db)
    missing = _missing_sqlite_file(url)
    if missing is not None and not create:
        raise StoreError(
            f"there is no store at {missing} (not set up; nothing was created there): check "
            f"--db, or to set it up, type: treatywatch db upgrade --db {missing}"
        )
    if create:
        if missing is not None and not missing.parent.is_dir():
            raise StoreError(f"cannot create the store {missing}: the folder "
                             f"{missing.parent} does not exist")
        probe = make_engine(url)
        try:
            empty = _is_empty(probe)
        except Exception as exc:
            raise StoreError(f"cannot open the database {describe(url)}: {exc}") from exc
        finally:
            probe.dispose()
        if empty:
            upgrade(url)
    engine = make_engine(url)
    if check:
        try:
            check_schema(engine, url)
        except Exception:
            engine.dispose()
            raise
    return Database(url, engine)
