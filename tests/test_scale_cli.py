"""`treatywatch ingest --engine dask` through the CLI's real entry point: the same totals and
exit status as the single-process engine, and one-line errors (Dask missing, SQLite with a
remote scheduler, an unknown engine)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests import scalekit
from tests.test_cli_errors import run

ROOT = Path(__file__).resolve().parents[1]




@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    return scalekit.corpus(tmp_path_factory.mktemp("scale-cli") / "in", per_shard=40)


def test_dask_engine_prints_the_same_totals_and_exit_status_as_one_process(
        inputs, tmp_path, monkeypatch, capsys):
    pytest.importorskip("distributed")
    from treatywatch.scale import cluster, engine

    def threads(workers, scheduler, processes):  # a local cluster of threads, for speed
        return cluster.connect(workers, scheduler, processes=False)

    monkeypatch.setattr(engine, "connect", threads)
    one_code, one_out, _ = run(monkeypatch, capsys, "ingest", *inputs, "--db",
                               str(tmp_path / "one.db"), "--json")
    code, out, err = run(monkeypatch, capsys, "ingest", *inputs, "--db",
                         str(tmp_path / "dask.db"), "--json", "--engine", "dask",
                         "--workers", "2")
    assert code == one_code == 4  # the broken JSONL line: some inputs failed
    one, dask = json.loads(one_out), json.loads(out)
    keys = ("seen", "duplicates", "stored", "relevant", "events", "findings", "failures",
            "screened_out")
    assert {k: dask[k] for k in keys} == {k: one[k] for k in keys}
    assert (dask["shards_done"], dask["shards_total"], dask["shards_failed"]) == (6, 6, 0)
    assert err.strip().endswith("shards 6/6")  # the summary line on stderr


def test_dask_missing_is_one_line_saying_what_to_install(tmp_path):
    code = ("import sys; sys.modules['distributed'] = None; "
            "sys.argv = ['treatywatch', 'ingest', sys.argv[1], '--db', sys.argv[2], "
            "'--engine', 'dask']; from treatywatch.cli import main; main()")
    db = tmp_path / "none.db"
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path), str(db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr == ("error: the dask engine needs Dask, which is not installed: "
                           "pip install 'treatywatch[scale]'\n")
    assert not db.exists()  # nothing was created


def test_a_remote_scheduler_with_sqlite_is_refused_in_one_line(tmp_path, monkeypatch, capsys):
    pytest.importorskip("distributed")
    code, _, err = run(monkeypatch, capsys, "ingest", str(tmp_path), "--db",
                       str(tmp_path / "s.db"), "--engine", "dask", "--scheduler",
                       "tcp://127.0.0.1:9")
    assert code == 2
    assert err.startswith("error: a remote Dask cluster needs a PostgreSQL store")
    assert err.count("\n") == 1


def test_an_unknown_engine_is_a_usage_error(tmp_path, monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, "ingest", str(tmp_path), "--db",
                       str(tmp_path / "s.db"), "--engine", "spark")
    assert code == 2
    assert "unknown engine 'spark': use process or dask" in err
    assert "Traceback" not in err
