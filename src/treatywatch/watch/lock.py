"""One `treatywatch watch` per store.

SQLite: an exclusive `flock` on `<database>.watch.lock` beside the file (released by the kernel
when the process ends, however it ends; the file names the holder's pid). PostgreSQL: a
session-level advisory lock held on a connection of its own for the life of the process.
"""

from __future__ import annotations

import hashlib
import os
import socket
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from treatywatch.errors import TreatywatchError
from treatywatch.store.db import Database, describe


class Locked(TreatywatchError):
    exit_code = 75  # EX_TEMPFAIL: try again later


def _message(db: Database, holder: str) -> str:
    return (f"another `treatywatch watch` is already running on {describe(db.url)}{holder}; "
            "stop it first (one watch per store), or let it do the polling")


@contextmanager
def watch_lock(db: Database):
    url = make_url(db.url)
    if db.dialect == "sqlite":
        import fcntl

        path = Path(f"{url.database}.watch.lock")
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 200, 0).decode(errors="replace").strip()
                raise Locked(_message(db, f" ({holder})" if holder else "")) from None
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()}\n".encode(), 0)
            yield
        finally:
            os.close(fd)  # closing releases the lock
        return
    key = int.from_bytes(hashlib.sha256(b"treatywatch watch").digest()[:8], "big",
                         signed=True)
    conn = db.engine.connect()
    try:
        if not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar():
            raise Locked(_message(db, ""))
        conn.commit()
        yield
    finally:
        conn.close()
