"""The worker's side: one Dask task reads one shard with the single-process ingest's own steps
(`runner.read_batches` -> `runner.prepare_batch`), and either hands the analyses back (SQLite:
the client is the one writer) or stores them itself in one transaction (PostgreSQL).

The model is loaded once per worker process: the pipeline keeps it in a module-level cache,
which the `WarmModel` plugin (`plugin.py`) fills when a worker starts; the store and the
prefilter are cached here per process too.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from treatywatch.ingest.fetch import FetchPolicy
from treatywatch.runner import Analyzer, prefilter_screen, prepare_batch, read_batches
from treatywatch.scale.shards import Shard
from treatywatch.store.db import Database

log = logging.getLogger(__name__)

_DATABASES: dict[str, Database] = {}
_SCREEN: list[Any] = []


@dataclass(frozen=True)
class TaskConfig:
    """What every task of a run needs; picklable."""

    db_url: str
    run_id: int
    analyze: Analyzer
    write: bool = False  # the worker stores its shard (PostgreSQL)
    keep_all: bool = False
    batch_size: int = 200
    policy: FetchPolicy = field(default_factory=FetchPolicy)


@dataclass
class ShardResult:
    """A shard read: its batches' (analysed, failed, counts), unless already stored (`counts`
    set, `batches` empty)."""

    key: str
    batches: list[tuple[list, list, dict[str, int]]] = field(default_factory=list)
    screened_out: int = 0
    seconds: float = 0.0
    counts: dict[str, int] | None = None  # set once stored
    already_done: bool = False


def database(url: str) -> Database:
    """This process's connection to the store (opened once)."""
    if url not in _DATABASES:
        from treatywatch.store.db import open_database

        _DATABASES[url] = open_database(url)
    return _DATABASES[url]


def _screen():
    if not _SCREEN:
        _SCREEN.append(prefilter_screen())
    return _SCREEN[0]


def _receipt(pair: tuple[str, Any]) -> tuple[str, Any]:
    """An analysis with nothing found is stored as a receipt: its text need not travel."""
    source, analysis = pair
    if not analysis.events and not analysis.findings:
        analysis.article.text = ""
    return source, analysis


def read_shard(shard: Shard, config: TaskConfig) -> ShardResult:
    """Read, screen and analyse one shard; store it too when `config.write`."""
    started = time.monotonic()
    db = database(config.db_url)
    screen = None if config.keep_all else _screen()
    result = ShardResult(shard.key)
    for batch in read_batches(shard.sources, config.policy, screen, config.batch_size,
                              float("inf")):
        analysed, failed, counts = prepare_batch(db, batch, config.analyze)
        if not config.keep_all:
            analysed = [_receipt(pair) for pair in analysed]
        result.screened_out += sum(item.skipped for item in batch)
        result.batches.append((analysed, failed, counts))
    if config.write:
        from treatywatch.scale.store import store_shard

        counts = store_shard(db, config.run_id, result, config.keep_all)
        result.already_done = counts is None
        result.counts = counts
        result.batches = []
    result.seconds = time.monotonic() - started
    log.info("shard %s read in %.1f s", shard.name, result.seconds)
    return result
