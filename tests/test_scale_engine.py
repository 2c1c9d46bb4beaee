"""`ingest --engine dask` as a library: the store ends exactly as a single-process ingest of the
same inputs leaves it (articles, events, findings, stories, failures), whatever the order the
shards finish in, after a failing shard, a worker killed mid-shard or a client killed mid-run.

A local cluster of 2 workers; threads (processes=False) for speed, real processes where a
worker is killed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import scalekit
from tests.storekit import BACKENDS, fresh_url, kill_when, migrated
from treatywatch.runner import PipelineAnalyzer, exit_status, ingest
from treatywatch.scale import ingest_dask, list_shards
from treatywatch.scale import task as scale_task
from treatywatch.scale.store import group_stories, store_shard
from treatywatch.store import db as dbm
from treatywatch.store import ledger, writer

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]
TOTALS = ("seen", "duplicates", "stored", "relevant", "events", "findings", "failures",
          "screened_out")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    return scalekit.corpus(tmp_path_factory.mktemp("scale") / "in")


@pytest.fixture(scope="module")
def single(inputs, tmp_path_factory):
    """What one process stores of the inputs: (dump, totals)."""
    url = migrated(tmp_path_factory.mktemp("single") / "single.db")
    with dbm.open_database(url) as database:
        progress = ingest(database, inputs)
    return scalekit.dump(url), {k: getattr(progress, k) for k in TOTALS}


def _totals(progress) -> dict:
    return {k: getattr(progress, k) for k in TOTALS}


def _states(url: str) -> list:
    with dbm.open_database(url) as database, database.session() as s:
        return ledger.states(s)


def test_the_inputs_are_a_mixed_stream_of_shards(inputs, single):
    dump, totals = single
    assert len(list_shards(inputs)) == 6
    assert totals["seen"] > 600 and totals["relevant"] >= 10
    assert totals["relevant"] / totals["seen"] < 0.03  # about 1-2% about mines
    assert totals["duplicates"] > 0 and totals["failures"] == 1
    assert len(dump["stories"]) < len(dump["articles"])  # near-duplicates across shards


@pytest.mark.parametrize("backend", BACKENDS)
def test_dask_stores_exactly_what_one_process_stores(backend, inputs, single, tmp_path):
    if backend == "sqlite":
        expected, totals = single
    else:  # the single-process reference on the same backend
        url = migrated(fresh_url(backend, tmp_path))
        with dbm.open_database(url) as database:
            totals = _totals(ingest(database, inputs))
        expected = scalekit.dump(url)
    url = migrated(fresh_url(backend, tmp_path))
    seen: list[tuple[int, int, int]] = []
    with dbm.open_database(url) as database:
        progress = ingest_dask(database, inputs, workers=2, processes=False, on_progress=lambda
                               p: seen.append((p.shards_done, p.shards_total, p.seen)))
    assert _totals(progress) == totals
    assert progress.shards_done == progress.shards_total == 6
    assert [done for done, _, _ in seen] == list(range(7))  # one report a shard, and the start
    assert seen[-1] == (6, 6, totals["seen"]) and progress.rate > 0
    assert scalekit.dump(url) == expected
    assert {s.state for s in _states(url)} == {"done"}
    assert exit_status(progress) == 4  # the broken line, as a single-process run says


def test_a_rerun_skips_done_shards_and_doubles_nothing(inputs, single, tmp_path):
    url = migrated(tmp_path / "dask.db")
    with dbm.open_database(url) as database:
        ingest_dask(database, inputs, workers=2, processes=False)
        again = ingest_dask(database, inputs, workers=2, processes=False)
    assert (again.shards_skipped, again.seen, again.stored) == (6, 0, 0)
    assert scalekit.dump(url) == single[0]


def test_stories_do_not_depend_on_the_order_shards_finish_in(inputs, single, tmp_path):
    url = migrated(tmp_path / "reversed.db")
    shards = list_shards(inputs)
    with dbm.open_database(url) as database:
        with database.write() as s:
            run_id = writer.start_run(s, inputs)
            ledger.register(s, [(sh.key, sh.name) for sh in shards])
        config = scale_task.TaskConfig(url, run_id, PipelineAnalyzer())
        for shard in reversed(shards):  # the last shard lands first
            store_shard(database, run_id, scale_task.read_shard(shard, config), False)
        group_stories(database, [sh.key for sh in shards])
    assert scalekit.dump(url) == single[0]


def test_a_failing_shard_is_recorded_and_tried_again(inputs, single, tmp_path, monkeypatch):
    real = scale_task.read_batches
    failed_once: list[str] = []

    def flaky(sources, *args, **kwargs):
        if sources[0].endswith("c.warc") and not failed_once:
            failed_once.append(sources[0])
            raise RuntimeError("disk hiccup")
        return real(sources, *args, **kwargs)

    monkeypatch.setattr(scale_task, "read_batches", flaky)
    url = migrated(tmp_path / "dask.db")
    with dbm.open_database(url) as database:
        progress = ingest_dask(database, inputs, workers=2, processes=False)
    assert failed_once and progress.shards_failed == 0
    tries = {Path(s.source).name: (s.state, s.tries) for s in _states(url)}
    assert tries["c.warc"] == ("done", 2)
    assert tries["a.jsonl"] == ("done", 1)
    assert scalekit.dump(url) == single[0]


def test_a_shard_that_keeps_failing_is_a_failure_of_the_run(inputs, tmp_path, monkeypatch):
    real = scale_task.read_batches

    def broken(sources, *args, **kwargs):
        if sources[0].endswith("d.warc.gz"):
            raise RuntimeError("unreadable disk")
        return real(sources, *args, **kwargs)

    monkeypatch.setattr(scale_task, "read_batches", broken)
    url = migrated(tmp_path / "dask.db")
    with dbm.open_database(url) as database:
        progress = ingest_dask(database, inputs, workers=2, processes=False, max_tries=2)
    assert progress.shards_failed == 1 and progress.failures == 2  # the shard, the broken line
    assert exit_status(progress) == 4
    state = next(s for s in _states(url) if s.source.endswith("d.warc.gz"))
    assert (state.state, state.tries) == ("failed", 2)
    assert "RuntimeError: unreadable disk" in state.error
    failures = [f[1] for f in scalekit.dump(url)["failures"]]
    assert any("d.warc.gz: shard failed" in f and "2 tries in all" in f for f in failures)
    with dbm.open_database(url) as database:  # a later run tries it again, as often
        again = ingest_dask(database, inputs, workers=2, processes=False, max_tries=2)
    assert (again.shards_skipped, again.shards_failed) == (5, 1)
    state = next(s for s in _states(url) if s.source.endswith("d.warc.gz"))
    assert (state.state, state.tries) == ("failed", 4)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_worker_killed_mid_shard_loses_and_doubles_nothing(backend, inputs, single, tmp_path):
    marker = tmp_path / "crashed"
    title = scalekit.mine_texts()[2][0]  # read in shard c.warc
    url = migrated(fresh_url(backend, tmp_path))
    with dbm.open_database(url) as database:
        progress = ingest_dask(database, inputs, workers=2, processes=True,
                               analyze=scalekit.CrashOnce(title, str(marker)))
    assert marker.exists() and int(marker.read_text()) != os.getpid()  # a worker died
    assert progress.shards_done == 6 and progress.shards_failed == 0
    assert _totals(progress) == single[1]
    assert scalekit.dump(url) == single[0]  # the same on either backend


CLIENT = """
import sys
from tests import scalekit
from treatywatch.scale import ingest_dask
from treatywatch.store import db as dbm
with dbm.open_database(sys.argv[1]) as database:
    ingest_dask(database, sys.argv[2:], workers=2, processes=False,
                analyze=scalekit.Slow(0.4))
"""


def test_a_client_killed_mid_run_then_run_again_gives_exact_counts(inputs, single, tmp_path):
    url = migrated(tmp_path / "dask.db")
    child = subprocess.Popen([sys.executable, "-c", CLIENT, url, *inputs], cwd=ROOT,
                             stderr=subprocess.PIPE)

    def some_done() -> bool:
        done = [s for s in _states(url) if s.state == "done"]
        return 0 < len(done) < 6

    kill_when(child, some_done, timeout=90)
    partly = _states(url)
    assert 0 < sum(s.state == "done" for s in partly) < 6
    with dbm.open_database(url) as database:
        again = ingest_dask(database, inputs, workers=2, processes=False)
    assert 0 < again.shards_skipped < 6
    assert scalekit.dump(url) == single[0]
