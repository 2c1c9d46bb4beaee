"""The batch runner: idempotent, crash safe, failures recorded and the run goes on.

These tests are about storing, so they use the stand-in analyser of storekit; the real
pipeline runs through the store in test_ingest_pipeline.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.storekit import (
    BACKENDS,
    article_record,
    fresh_url,
    kill_when,
    migrated,
    stub_analyze,
    write_jsonl,
)
from treatywatch.runner import ingest
from treatywatch.store import db as dbm
from treatywatch.store import queries
from treatywatch.store.tables import ArticleRow, EventRow, FindingRow

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(params=BACKENDS)
def target(request, tmp_path):
    return migrated(fresh_url(request.param, tmp_path))


def _dump(path: Path, n: int) -> tuple[Path, int, int]:
    """n articles, every second one about mines, one of those written twice, two broken lines.
    Returns (path, articles, articles about mines)."""
    records: list = [article_record(i, mines=i % 2 == 0) for i in range(n)]
    records.insert(n // 2, article_record(4, mines=True))  # the same text again
    records.insert(5, "{broken")
    records.append('{"title": "no text"}')
    write_jsonl(path, records)
    return path, n, len(range(0, n, 2))


def _counts(database) -> dict[str, int]:
    with database.session() as s:
        dup_hashes = s.execute(
            select(func.count()).select_from(
                select(ArticleRow.content_hash).group_by(ArticleRow.content_hash)
                .having(func.count() > 1).subquery())
        ).scalar_one()
        return {
            "articles": s.execute(select(func.count()).select_from(ArticleRow)).scalar_one(),
            "events": s.execute(select(func.count()).select_from(EventRow)).scalar_one(),
            "findings": s.execute(select(func.count()).select_from(FindingRow)).scalar_one(),
            "duplicate_hashes": dup_hashes,
            "failures": len(queries.failures(database, limit=None)),
        }


def test_ingest_twice_gives_the_same_store(target, tmp_path):
    path, n, mines = _dump(tmp_path / "d.jsonl", 60)
    with dbm.open_database(target) as database:
        first = ingest(database, [str(path)], analyze=stub_analyze, batch_size=16)
        assert (first.seen, first.stored, first.duplicates, first.failures) == (n + 3, mines, 1, 2)
        assert first.screened_out == n - mines  # no treaty words: neither analysed nor stored
        assert (first.relevant, first.events, first.findings) == (mines, mines, 2 * mines)
        after_first = _counts(database)
        assert after_first == {"articles": mines, "events": mines, "findings": 2 * mines,
                               "duplicate_hashes": 0, "failures": 2}
        second = ingest(database, [str(path)], analyze=stub_analyze, batch_size=16)
        assert (second.stored, second.duplicates, second.events) == (0, mines + 1, 0)
        assert second.screened_out == n - mines
        assert _counts(database) == after_first
        runs = queries.runs(database)
        assert [r["status"] for r in runs] == ["done", "done"]
        assert runs[1]["stored"] == mines and runs[0]["duplicates"] == mines + 1
        assert runs[0]["seen"] == n + 3
        assert max(f["times"] for f in queries.failures(database)) == 2
        with database.session() as s:
            kept = s.execute(select(func.count()).select_from(ArticleRow)
                             .where(ArticleRow.text.is_not(None))).scalar_one()
        assert kept == mines


def test_keep_all_keeps_every_text(target, tmp_path):
    path, n, mines = _dump(tmp_path / "d.jsonl", 12)
    with dbm.open_database(target) as database:
        result = ingest(database, [str(path)], analyze=stub_analyze, keep_all=True)
        assert (result.stored, result.screened_out, result.relevant) == (n, 0, mines)
        with database.session() as s:
            kept = s.execute(select(func.count()).select_from(ArticleRow)
                             .where(ArticleRow.text.is_not(None))).scalar_one()
        assert kept == n
        assert len(queries.search_articles(database, "budget")) == n


def test_an_analysis_error_is_a_failure_and_the_run_goes_on(target, tmp_path):
    path, n, mines = _dump(tmp_path / "d.jsonl", 10)

    def flaky(article):
        if article.title.startswith("Report 4 "):
            raise RuntimeError("model exploded")
        return stub_analyze(article)

    with dbm.open_database(target) as database:
        result = ingest(database, [str(path)], analyze=flaky, batch_size=3)
        assert result.stored == mines - 1 and result.failures >= 3
        assert any("model exploded" in f["reason"] for f in queries.failures(database))
        again = ingest(database, [str(path)], analyze=stub_analyze)
        assert again.stored == 1  # the article that failed is read on the next run


def test_ctrl_c_keeps_whole_batches_and_a_rerun_finishes(target, tmp_path):
    path, n, mines = _dump(tmp_path / "d.jsonl", 50)
    calls = {"n": 0}

    def interrupting(article):
        calls["n"] += 1
        if calls["n"] == 23:
            raise KeyboardInterrupt
        return stub_analyze(article)

    with dbm.open_database(target) as database:
        with pytest.raises(KeyboardInterrupt):
            ingest(database, [str(path)], analyze=interrupting, batch_size=10)
        partial = _counts(database)["articles"]
        assert 0 < partial < 23  # the batches before the one interrupted
        run = queries.runs(database)[0]
        assert run["status"] == "interrupted" and run["stored"] == partial
        ingest(database, [str(path)], analyze=stub_analyze, batch_size=10)
        assert _counts(database) == {"articles": mines, "events": mines,
                                     "findings": 2 * mines, "duplicate_hashes": 0,
                                     "failures": 2}


CHILD = """
import sys, time
from tests.storekit import stub_analyze
from treatywatch.runner import ingest
from treatywatch.store import open_database

def slow(article):
    time.sleep(0.01)
    return stub_analyze(article)

with open_database(sys.argv[1]) as database:
    ingest(database, [sys.argv[2]], analyze=slow, batch_size=25)
"""


def test_sigkill_mid_run_then_rerun_loses_and_doubles_nothing(target, tmp_path):
    path, n, mines = _dump(tmp_path / "d.jsonl", 600)
    env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'src'}")
    child = subprocess.Popen([sys.executable, "-c", CHILD, target, str(path)], cwd=ROOT,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    with dbm.open_database(target) as database:
        kill_when(child, lambda: _counts(database)["articles"] >= 100, timeout=120)
        stored_before = _counts(database)["articles"]
        assert 100 <= stored_before < mines
        assert queries.runs(database)[0]["status"] == "running"  # killed: never closed
        rerun = ingest(database, [str(path)], analyze=stub_analyze, batch_size=25)
        assert rerun.stored == mines - stored_before
        assert _counts(database) == {"articles": mines, "events": mines,
                                     "findings": 2 * mines, "duplicate_hashes": 0,
                                     "failures": 2}
        # the killed run's counters match what it committed
        killed = queries.runs(database)[1]
        assert killed["stored"] == stored_before


def test_a_batch_that_collides_with_another_writer_is_retried(target, tmp_path, monkeypatch):
    """Another writer stores an article between our check and our insert (PostgreSQL allows
    this): the batch is rolled back and retried, and the article counts as already stored."""
    from treatywatch.store import writer as writer_mod

    path, n, mines = _dump(tmp_path / "d.jsonl", 6)
    with dbm.open_database(target) as database:
        ingest(database, [str(path)], analyze=stub_analyze)  # "the other writer"
        real = writer_mod.known_hashes
        calls = {"n": 0}

        def blind_once(session, hashes):
            calls["n"] += 1
            return set() if calls["n"] <= 2 else real(session, hashes)

        monkeypatch.setattr(writer_mod, "known_hashes", blind_once)
        again = ingest(database, [str(path)], analyze=stub_analyze)
        assert calls["n"] >= 3  # check, blind re-check (collision), re-check on the retry
        assert again.stored == 0 and again.duplicates == mines + 1
        assert _counts(database)["articles"] == mines
        assert queries.runs(database)[0]["status"] == "done"


def _flaky_analyze(article):
    if article.title.startswith("Report 4 "):
        raise RuntimeError("model exploded")
    return stub_analyze(article)


def test_worker_processes_give_the_same_store(target, tmp_path):
    path, n, mines = _dump(tmp_path / "d.jsonl", 40)
    with dbm.open_database(target) as database:
        result = ingest(database, [str(path)], analyze=_flaky_analyze, workers=2, batch_size=4)
        assert result.status == "done"
        # two broken lines; "Report 4" fails at both places it is written (in two batches)
        assert (result.stored, result.failures, result.screened_out) == (mines - 1, 4, n - mines)
        assert any("model exploded" in f["reason"] for f in queries.failures(database))
        again = ingest(database, [str(path)], analyze=stub_analyze, workers=2, batch_size=4)
        assert again.stored == 1
        assert _counts(database) == {"articles": mines, "events": mines, "findings": 2 * mines,
                                     "duplicate_hashes": 0, "failures": 4}
