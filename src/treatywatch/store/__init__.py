"""The store: SQLAlchemy tables, Alembic migrations, the one write path and the read queries.

Open it with `open_database(db)`; read with `treatywatch.store.queries`; write through
`treatywatch.store.writer`.
"""

from treatywatch.store.db import Database, open_database, resolve_url, upgrade

__all__ = ["Database", "open_database", "resolve_url", "upgrade"]
