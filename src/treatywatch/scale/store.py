"""A read shard into the store: all its batches, the run's counters and the ledger's `done`, in
one transaction (by the client on SQLite, by the worker on PostgreSQL)."""

from __future__ import annotations

from treatywatch.runner import write_batch, write_retrying
from treatywatch.store import ledger, writer
from treatywatch.store.db import Database


def _zero() -> dict[str, int]:
    return dict.fromkeys(writer.COUNTERS, 0)


def store_shard(db: Database, run_id: int, result, keep_all: bool) -> dict[str, int] | None:
    """Store a `task.ShardResult`; returns its counts (with `screened_out`), or None when the
    ledger already has the shard done (another try of the same task stored it)."""
    return write_retrying(lambda: _store_once(db, run_id, result, keep_all),
                          f"shard {result.key}")


def _store_once(db: Database, run_id: int, result, keep_all: bool) -> dict[str, int] | None:
    with db.write() as s:
        if ledger.is_done(s, result.key):
            return None
        totals = _zero()
        ungrouped: list[int] = []
        for analysed, failed, counts in result.batches:
            stored = write_batch(s, run_id, analysed, failed, counts, keep_all, ungrouped)
            for name, value in stored.items():
                totals[name] = totals.get(name, 0) + value
        writer.add_to_run(s, run_id, totals)
        totals["screened_out"] = result.screened_out
        ledger.done(s, result.key, run_id, totals, ungrouped)
    return totals


def group_stories(db: Database, keys: list[str]) -> int:
    """Put the relevant articles of the done shards `keys` into stories, shard by shard in
    this order and in each shard's reading order: the order a single process stores them in,
    so the stories are the same whatever order the shards finished in. One transaction per
    shard; a re-run after a crash goes on where it stopped. Returns the articles grouped."""
    grouped = 0
    for key in keys:
        with db.write() as s:
            ids = ledger.ungrouped(s, key)
            if not ids:
                continue
            for article_id in ids:
                grouped += writer.group_article(s, article_id) is not None
            ledger.mark_grouped(s, key)
    return grouped
