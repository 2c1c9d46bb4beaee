"""The client's side of `ingest --engine dask`: shards to the cluster, results to the store.

1. The sources are listed as shards (`shards.py`) and entered in the ledger (`store.ledger`);
   shards a previous run finished are skipped.
2. Each remaining shard is one task (`task.read_shard`), the same reading, screening and
   analysis as a single-process run. On SQLite the task returns its analyses and this process
   stores each shard in one transaction (one writer); on PostgreSQL the worker stores it in its
   own transaction. Either way the ledger marks the shard done in that same transaction.
3. A task that raises is recorded (ledger `failed`, its error, one more try) and submitted
   again, up to `max_tries`; then its shard is a failure of the run. A worker that dies
   mid-shard is Dask's to reschedule: nothing of that shard was stored.
4. When the shards have landed, their relevant articles are grouped into stories in shard
   order (`store.group_stories`), so stories equal a single-process run's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from treatywatch.ingest.fetch import FetchPolicy
from treatywatch.runner import Analyzer, PipelineAnalyzer, Progress, mark_dead_runs
from treatywatch.scale.cluster import ClusterError, connect, require_dask
from treatywatch.scale.shards import Shard, list_shards
from treatywatch.scale.store import group_stories, store_shard
from treatywatch.scale.task import ShardResult, TaskConfig, read_shard
from treatywatch.store import ledger, writer
from treatywatch.store.db import Database

log = logging.getLogger(__name__)

MAX_TRIES = 3


@dataclass
class ScaleProgress(Progress):
    """A run's totals (as `runner.Progress`) and its shards."""

    shards_total: int = 0
    shards_done: int = 0  # also those a previous run finished
    shards_skipped: int = 0  # done by a previous run
    shards_failed: int = 0
    stories_grouped: int = 0

    def line(self) -> str:
        return (super().line() + f" · shards {self.shards_done:,}/{self.shards_total:,}"
                + (f" ({self.shards_failed:,} failed)" if self.shards_failed else ""))


def ingest_dask(
    db: Database,
    sources: Iterable[str],
    *,
    workers: int = 2,
    scheduler: str | None = None,
    processes: bool = True,
    analyze: Analyzer | None = None,
    as_of: date | None = None,
    keep_all: bool = False,
    batch_size: int = 200,
    policy: FetchPolicy | None = None,
    max_tries: int = MAX_TRIES,
    on_progress: Callable[[ScaleProgress], None] | None = None,
    client=None,
) -> ScaleProgress:
    """Read `sources` into the store on a Dask cluster; the store ends as a single-process
    `runner.ingest` of the same sources leaves it (see module docstring).

    The cluster: `client` (a `distributed.Client` the caller keeps), else the scheduler at
    `scheduler`, else a local cluster of `workers` (processes, or threads of this one)."""
    require_dask()
    sources = [str(s) for s in sources]
    if scheduler and db.dialect == "sqlite":
        raise ClusterError("a remote Dask cluster needs a PostgreSQL store (its workers write "
                           "to it): set TREATYWATCH_DATABASE_URL or --db to a postgresql+psycopg"
                           ":// URL, or use --workers N for a local cluster with SQLite")
    shards = _unique(list_shards(sources))
    with db.write() as s:
        mark_dead_runs(s)
        run_id = writer.start_run(s, sources)
        states = ledger.register(s, [(sh.key, sh.name) for sh in shards])
    progress = ScaleProgress(run_id=run_id, shards_total=len(shards))
    todo = [sh for sh in shards if states[sh.key].state != "done"]
    progress.shards_skipped = progress.shards_done = len(shards) - len(todo)
    config = TaskConfig(db.url, run_id, analyze or PipelineAnalyzer(as_of),
                        write=db.dialect != "sqlite", keep_all=keep_all, batch_size=batch_size,
                        policy=policy or FetchPolicy())
    log.info("dask ingest run %d: %d shards, %d to read", run_id, len(shards), len(todo))
    status = "failed"
    try:
        if on_progress:
            on_progress(progress)
        if todo and client is not None:
            _run(client, db, todo, config, max_tries, progress, on_progress)
        elif todo:
            with connect(workers, scheduler, processes) as own:
                _run(own, db, todo, config, max_tries, progress, on_progress)
        progress.stories_grouped = group_stories(db, [sh.key for sh in shards])
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        progress.status = status
        try:
            with db.write() as s:
                writer.finish_run(s, run_id, status)
        except Exception:
            log.exception("could not close run %d", run_id)
    return progress


def _unique(shards: list[Shard]) -> list[Shard]:
    seen: set[str] = set()
    return [sh for sh in shards if not (sh.key in seen or seen.add(sh.key))]


def _run(client, db: Database, todo: list[Shard], config: TaskConfig, max_tries: int,
         progress: ScaleProgress, on_progress) -> None:
    from distributed import as_completed

    from treatywatch.scale.plugin import WarmModel

    client.register_plugin(WarmModel(config.analyze))
    by_key = {sh.key: sh for sh in todo}
    with db.write() as s:
        for sh in todo:
            ledger.start(s, sh.key, config.run_id)
    tries = dict.fromkeys(by_key, 1)  # this run's tries (the ledger counts all runs')
    futures = as_completed([_submit(client, sh, config) for sh in todo])
    for future in futures:
        shard = by_key[future.key.split("/")[0].removeprefix("shard-")]
        try:
            result: ShardResult = future.result()
        except Exception as exc:
            if _failed(db, shard, exc, config.run_id, tries[shard.key] < max_tries, progress):
                tries[shard.key] += 1
                futures.add(_submit(client, shard, config))
        else:
            _landed(db, shard, result, config, progress)
        future.release()
        if on_progress:
            on_progress(progress)


def _submit(client, shard: Shard, config: TaskConfig):
    import uuid

    return client.submit(read_shard, shard, config, pure=False,
                         key=f"shard-{shard.key}/{uuid.uuid4().hex[:8]}")


def _landed(db: Database, shard: Shard, result: ShardResult, config: TaskConfig,
            progress: ScaleProgress) -> None:
    counts = result.counts if config.write else store_shard(db, config.run_id, result,
                                                            config.keep_all)
    progress.shards_done += 1
    if counts is None:  # another try of this task had stored it: count what it stored
        with db.session() as s:
            state = ledger.get(s, shard.key)
            counts = state.counts if state is not None and state.run_id == config.run_id else {}
    counts = dict(counts)
    progress.screened_out += counts.pop("screened_out", 0)
    progress.add(counts)


def _failed(db: Database, shard: Shard, exc: BaseException, run_id: int, again: bool,
            progress: ScaleProgress) -> bool:
    """Record a failed try; when `again`, mark it for another (returns True); else it is a
    failure of the run."""
    error = f"{shard.name}: shard failed ({type(exc).__name__}: {str(exc)[:300]})"
    log.warning("%s", error)
    with db.write() as s:
        ledger.failed(s, shard.key, error)
        if again:
            ledger.start(s, shard.key, run_id)
            return True
        state = ledger.get(s, shard.key)
        tries = state.tries if state is not None else 1
        writer.record_failure(s, shard.name, f"{error}; {tries} tries in all", run_id)
        writer.add_to_run(s, run_id, {"failures": 1})
    progress.failures += 1
    progress.shards_failed += 1
    progress.shards_done += 1
    return False
