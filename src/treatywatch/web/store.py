"""The app's handle on the store, opened on first use so that a page can explain a missing one."""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import Depends, Request


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

                    self._db = open_database(self.db_url)
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
