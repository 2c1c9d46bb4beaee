"""Unattended runs tell the truth: exit codes for "some failed" and "all failed", a one-line
summary on stderr without a terminal, a run killed with SIGKILL marked `interrupted` by the
next run, progress with a total, a rate and an ETA; one watch per store; SIGTERM stops it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from tests.storekit import article_record, kill_when, stub_analyze, write_jsonl
from tests.watchkit import ROOT, Web, article_page, cli, cli_json, rss, static, store
from treatywatch.runner import EXIT_ALL_FAILED, EXIT_SOME_FAILED, estimate_total, ingest
from treatywatch.store import open_database


def test_ingest_exit_codes_and_the_summary_line(tmp_path):
    db = store(tmp_path)
    good = write_jsonl(tmp_path / "good.jsonl", [article_record(i) for i in range(3)])
    mixed = write_jsonl(tmp_path / "mixed.jsonl", [article_record(10), "{broken"])
    bad = write_jsonl(tmp_path / "bad.jsonl", ["{broken", '{"title": "no text"}'])
    done = cli("ingest", str(good), "--keep-all", "--db", db, check=False)
    assert done.returncode == 0, done.stderr
    (line,) = [ln for ln in done.stderr.splitlines() if ln.startswith("ingest run")]
    assert "done · seen 3" in line and "failures 0" in line
    done = cli("ingest", str(mixed), "--keep-all", "--db", db, check=False)
    assert done.returncode == EXIT_SOME_FAILED == 4, done.stderr
    assert "failures 1" in done.stderr.splitlines()[-1]
    done = cli("ingest", str(bad), str(tmp_path / "missing.txt"), "--db", db, check=False)
    assert done.returncode == EXIT_ALL_FAILED == 5, done.stderr
    assert "failures 3" in done.stderr.splitlines()[-1]
    quiet = cli("ingest", str(bad), "--quiet", "--db", db, check=False)
    assert quiet.returncode == 5 and quiet.stderr == ""
    as_json = cli("ingest", str(good), "--json", "--keep-all", "--db", db, check=False)
    assert as_json.returncode == 0 and json.loads(as_json.stdout)["duplicates"] == 3
    assert as_json.stderr.startswith("ingest run")


def test_a_run_killed_with_sigkill_is_marked_interrupted_by_the_next(tmp_path):
    db = store(tmp_path)
    with Web() as site:
        def slow(request):
            time.sleep(30)
            return 200, {"Content-Type": "text/html"}, article_page(1)
        site.routes["/slow"] = slow
        child = subprocess.Popen(
            [sys.executable, "-m", "treatywatch", "ingest", f"{site.base}/slow",
             "--allow-private", "--quiet", "--db", db], cwd=ROOT, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        kill_when(child, lambda: "/slow" in site.paths(), timeout=60)
    runs = cli_json("runs", "--json", "--db", db)
    assert [r["status"] for r in runs] == ["running"]
    dump = write_jsonl(tmp_path / "d.jsonl", [article_record(1)])
    cli("ingest", str(dump), "--quiet", "--keep-all", "--db", db)
    runs = cli_json("runs", "--json", "--db", db)
    assert [r["status"] for r in runs] == ["done", "interrupted"]


def test_a_live_run_is_not_marked_interrupted(tmp_path):
    db = store(tmp_path)
    with open_database(db) as database:
        from treatywatch.runner import mark_dead_runs
        from treatywatch.store import writer

        with database.write() as s:
            live = writer.start_run(s, ["x"])  # this process: alive, but not another run's
        with database.write() as s:
            assert mark_dead_runs(s) == [live]  # our own pid cannot be another live run
        with database.write() as s:
            other = writer.start_run(s, ["y"])
            from treatywatch.store.tables import IngestRun

            s.get(IngestRun, other).pid = os.getppid()  # a live process (pytest's parent)
        with database.write() as s:
            assert mark_dead_runs(s) == []


def test_progress_knows_the_total_and_gives_rate_and_eta(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        (folder / f"{i}.txt").write_text(f"Report {i}\n\nSome words.")
    dump = write_jsonl(tmp_path / "d.jsonl", [article_record(i) for i in range(7)])
    assert estimate_total([str(folder), str(dump)]) == 11
    assert estimate_total([str(dump), "https://example.org/feed"]) is None
    db = store(tmp_path / "s")
    seen = []
    with open_database(db) as database:
        result = ingest(database, [str(dump)], analyze=stub_analyze, keep_all=True,
                        batch_size=2, total=7, on_progress=lambda p: seen.append(p.to_dict()))
    assert result.total == 7 and seen[-1]["seen"] == 7
    assert all(s["total"] == 7 and s["rate_per_s"] > 0 for s in seen)
    assert seen[0]["eta_s"] is not None and seen[-1]["eta_s"] == 0


def test_one_watch_per_store_and_sigterm_stops_it_cleanly(tmp_path):
    db = store(tmp_path)
    with Web() as site:
        site.routes["/robots.txt"] = static(b"", "text/plain")
        site.routes["/feed.xml"] = static(rss([("One", f"{site.base}/news/1")]),
                                          "application/rss+xml")
        site.routes["/news/1"] = static(article_page(1, mines=False))
        cli("sources", "add", f"{site.base}/feed.xml", "--allow-network", "127.0.0.1",
            "--db", db)
        child = subprocess.Popen(
            [sys.executable, "-m", "treatywatch", "watch", "--host-interval", "0",
             "--log-format", "json", "--db", db], cwd=ROOT, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        try:
            deadline = time.monotonic() + 90
            while "/news/1" not in site.paths() and time.monotonic() < deadline:
                time.sleep(0.1)
            assert "/news/1" in site.paths()
            second = cli("watch", "--once", "--db", db, check=False)
            assert second.returncode == 75, second.stderr
            assert "already running" in second.stderr and f"pid {child.pid}" in second.stderr
            time.sleep(1.0)  # let the poll finish writing
            child.send_signal(signal.SIGTERM)
            _, err = child.communicate(timeout=60)
        finally:
            if child.poll() is None:
                child.kill()
    assert child.returncode == 0, err
    events = [json.loads(line)["event"] for line in err.splitlines() if line.startswith("{")]
    assert events[0] == "start" and "poll" in events and events[-2:] == ["stopping", "summary"]
    # the lock went with the process
    assert cli("watch", "--once", "--db", db, check=False).returncode == 0
