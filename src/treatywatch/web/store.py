"""The app's handle on the store, opened on first use so that a page can explain a missing one."""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import Depends, Request

# A big SQLite store is read through its page cache: SQLite's own default (2 MiB a connection)
# sends nearly every page of a country page or a listing back to the operating system, read by
# read. The app's connections map the file (up to 1 GiB) and keep 32 MiB of pages each.
# https://www.sqlite.org/pragma.html#pragma_mmap_size, #pragma_cache_size
SQLITE_READ_PRAGMAS = ("PRAGMA mmap_size=1073741824", "PRAGMA cache_size=-32768")


def _read_faster(db: Any) -> Any:
    """Set SQLITE_READ_PRAGMAS on every connection of a SQLite store the app opens."""
    if db.dialect != "sqlite":
        return db
    from sqlalchemy import event

    @event.listens_for(db.engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # pragma: no cover - trivial
        cursor = dbapi_conn.cursor()
        for pragma in SQLITE_READ_PRAGMAS:
            cursor.execute(pragma)
        cursor.close()

    db.engine.dispose()  # the connection that checked the schema goes: the next are set up
    return db


class LazyStore:
    """Opens `treatywatch.store.open_database(db_url)` once, on the first request that needs it."""

    def __init__(self, db_url: str | None) -> None:
        self.db_url = db_url
        self._db: Any = None
        self._lock = threading.Lock()

    def get(self) -> Any:
        if self._db is None:
            with self._lock:
                if self._db is None:
                    from treatywatch.store import open_database

                    self._db = _read_faster(open_database(self.db_url))
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def open_store(db_url: str | None) -> LazyStore:
    return LazyStore(db_url)


def get_db(request: Request) -> Any:
    """FastAPI dependency: the open store."""
    return request.app.state.db.get()


Db = Annotated[Any, Depends(get_db)]
