"""The shard ledger of `ingest --engine dask` (table `scale_shards`): which shards are done.

A shard is marked done in the same transaction that stores its articles, so a crash of the
client or of a worker leaves a shard either done with everything it read, or not done with
nothing of it stored (articles are unique by content hash besides). A re-run skips done shards.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from treatywatch.store.tables import ScaleShard
from treatywatch.store.writer import now

STATES = ("pending", "running", "done", "failed")


@dataclass(frozen=True)
class ShardState:
    key: str
    source: str
    state: str
    tries: int
    error: str | None
    counts: dict
    grouped: bool
    run_id: int | None = None


def _state(row: ScaleShard) -> ShardState:
    return ShardState(row.key, row.source, row.state, row.tries, row.error, dict(row.counts or {}),
                      row.grouped, row.run_id)


def register(session: Session, shards: Iterable[tuple[str, str]]) -> dict[str, ShardState]:
    """Add the (key, source) shards not in the ledger yet, as pending; returns every one's
    state by key. A shard left `running` by a dead run is pending again."""
    shards = list(shards)
    keys = [k for k, _ in shards]
    known = {r.key: r for r in _rows(session, keys)}
    for key, source in shards:
        if key not in known:
            row = ScaleShard(key=key, source=source, state="pending", tries=0, grouped=False,
                             updated_at=now())
            session.add(row)
            known[key] = row
        elif known[key].state == "running":
            known[key].state = "pending"
    session.flush()
    return {k: _state(r) for k, r in known.items()}


def _rows(session: Session, keys: list[str]) -> list[ScaleShard]:
    rows: list[ScaleShard] = []
    for i in range(0, len(keys), 500):
        rows.extend(session.execute(
            select(ScaleShard).where(ScaleShard.key.in_(keys[i:i + 500]))).scalars())
    return rows


def get(session: Session, key: str) -> ShardState | None:
    row = session.execute(select(ScaleShard).where(ScaleShard.key == key)).scalar_one_or_none()
    return None if row is None else _state(row)


def is_done(session: Session, key: str) -> bool:
    """Whether the shard is done, read with a row lock on PostgreSQL (so two workers running the
    same shard's task write it once: the second waits, then sees it done)."""
    stmt = select(ScaleShard.state).where(ScaleShard.key == key)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    return session.execute(stmt).scalar_one_or_none() == "done"


def start(session: Session, key: str, run_id: int) -> None:
    """The shard is handed to the cluster: running, one more try."""
    session.execute(update(ScaleShard).where(ScaleShard.key == key).values(
        state="running", tries=ScaleShard.tries + 1, run_id=run_id, updated_at=now()))


def done(session: Session, key: str, run_id: int, counts: dict, stories: list[int]) -> None:
    """The shard is stored (call in the transaction that stored it)."""
    session.execute(update(ScaleShard).where(ScaleShard.key == key).values(
        state="done", error=None, counts=counts, stories=stories, grouped=not stories,
        run_id=run_id, updated_at=now()))


def failed(session: Session, key: str, error: str) -> None:
    session.execute(update(ScaleShard).where(ScaleShard.key == key).values(
        state="failed", error=error[:2000], updated_at=now()))


def ungrouped(session: Session, key: str) -> list[int]:
    """The shard's relevant articles still to be put in a story, in reading order."""
    row = session.execute(select(ScaleShard).where(ScaleShard.key == key)).scalar_one_or_none()
    if row is None or row.grouped or row.state != "done":
        return []
    return list(row.stories or [])


def mark_grouped(session: Session, key: str) -> None:
    session.execute(update(ScaleShard).where(ScaleShard.key == key).values(
        grouped=True, stories=None, updated_at=now()))


def states(session: Session) -> list[ShardState]:
    """Every shard in the ledger, by id."""
    return [_state(r) for r in session.execute(
        select(ScaleShard).order_by(ScaleShard.id)).scalars()]
