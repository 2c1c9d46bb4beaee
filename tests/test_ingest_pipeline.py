"""The whole path with the real pipeline: `treatywatch ingest` (CLI, subprocess) into the store.

Idempotence and kill -9 safety through the command a user types; the texts are written here.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.storekit import FILLER, kill_when, write_jsonl
from treatywatch.store import db as dbm
from treatywatch.store import queries
from treatywatch.store.tables import ArticleRow, EventRow, FindingRow

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CMD = [sys.executable, "-m", "treatywatch"]
STATES = ["Myanmar", "Angola", "Cambodia", "Colombia", "Yemen", "Ukraine", "Iraq", "Mali"]


def _cli(*args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([*CMD, *args], capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT)


def _mixed_dump(path: Path, n: int) -> Path:
    records = []
    for i in range(n):
        state = STATES[i % len(STATES)]
        if i % 2:
            text = (f"Human rights groups said the army of {state} laid anti-personnel mines "
                    f"near {i} villages last month. " + FILLER)
        else:
            text = f"The council of {state} met {i} times this year. " + FILLER * 2
        records.append({"title": f"Report {i} from {state}", "text": text,
                        "published": "2025-03-10", "url": f"https://news.example.org/{i}",
                        "outlet": f"Outlet {i % 5}"})
    records.insert(7, "{broken line")
    return write_jsonl(path, records)


def _counts(target: str) -> dict[str, int]:
    with dbm.open_database(target) as database, database.session() as s:
        def n(q):
            return s.execute(q).scalar_one()

        return {
            "articles": n(select(func.count()).select_from(ArticleRow)),
            "hashes": n(select(func.count(ArticleRow.content_hash.distinct()))),
            "events": n(select(func.count()).select_from(EventRow)),
            "findings": n(select(func.count()).select_from(FindingRow)),
            "failures": len(queries.failures(database, limit=None)),
        }


def test_cli_ingest_twice_same_counts_and_the_seed_findings(tmp_path):
    if not SAMPLES.is_dir():
        pytest.skip("samples/ not present")
    db = str(tmp_path / "tw.db")
    assert _cli("db", "upgrade", "--db", db).returncode == 0
    first = _cli("ingest", str(SAMPLES), "--db", db, "--json")
    assert first.returncode == 0, first.stderr
    totals = json.loads(first.stdout)
    assert totals["stored"] == totals["seen"] > 0 and totals["findings"] > 0
    after_first = _counts(db)
    second = _cli("ingest", str(SAMPLES), "--db", db, "--json")
    assert second.returncode == 0, second.stderr
    again = json.loads(second.stdout)
    assert again["stored"] == 0 and again["duplicates"] == totals["seen"]
    assert _counts(db) == after_first
    found = _cli("findings", "--db", db, "--state", "UKR", "--kind", "prohibited_act", "--json")
    rows = json.loads(found.stdout)
    assert any(r["treaty_article"] == "1.1.b" and r["modality"] == "announced" for r in rows)
    assert all(re.search(r"\.v\d+$", r["rule"]) and r["evidence"] for r in rows)
    search = _cli("articles", "search", "anti-personnel", "--db", db, "--json")
    assert json.loads(search.stdout), search.stderr
    exported = _cli("export", str(tmp_path / "out"), "--format", "csv", "--db", db)
    assert exported.returncode == 0 and (tmp_path / "out" / "findings.csv").exists()


def test_cli_ingest_killed_with_sigkill_then_rerun_matches_an_uninterrupted_run(tmp_path):
    dump = _mixed_dump(tmp_path / "dump.jsonl", 400)
    reference, db = str(tmp_path / "reference.db"), str(tmp_path / "killed.db")
    for target in (reference, db):
        assert _cli("db", "upgrade", "--db", target).returncode == 0
    done = _cli("ingest", str(dump), "--db", reference, "--quiet")
    assert done.returncode == 4, done.stderr  # the one broken line: "some inputs failed"
    expected = _counts(reference)
    # the 200 articles without treaty words are screened out by the prefilter, not stored
    assert expected["articles"] == 200 and expected["events"] >= 150

    child = subprocess.Popen([*CMD, "ingest", str(dump), "--db", db, "--quiet",
                              "--batch-size", "5"], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=dict(os.environ))
    kill_when(child, lambda: Path(db).exists() and _counts(db)["articles"] >= 40,
              timeout=180, poll=0.02)
    partial = _counts(db)
    assert 40 <= partial["articles"] < 200
    rerun = _cli("ingest", str(dump), "--db", db, "--quiet")
    assert rerun.returncode == 4, rerun.stderr
    assert _counts(db) == expected
    assert _counts(db)["hashes"] == 200
