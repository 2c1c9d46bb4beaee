"""The store's commands, in process: listings in every format, reassess, export, db status."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from tests.storekit import article_record, migrated, stub_analyze, write_jsonl
from treatywatch.cli import app
from treatywatch.runner import ingest
from treatywatch.store import db as dbm


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cli")
    path = str(tmp / "store.db")
    migrated(path)
    dump = write_jsonl(tmp / "d.jsonl", [article_record(i, mines=i % 2 == 0) for i in range(6)]
                       + ["{broken"])
    with dbm.open_database(path) as database:
        ingest(database, [str(dump)], analyze=stub_analyze)
    return path


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_findings_and_events_in_every_format(filled):
    rows = json.loads(_run("findings", "--db", filled, "--json"))
    assert len(rows) == 6 and {r["state"] for r in rows} == {"UKR", "USA"}
    ukr = json.loads(_run("findings", "--db", filled, "--state", "ukr", "--json"))
    assert len(ukr) == 3 and all(r["kind"] == "prohibited_act" for r in ukr)
    table = list(csv.DictReader(io.StringIO(_run("events", "--db", filled, "--csv"))))
    assert len(table) == 3 and table[0]["act"] == "transfer" and table[0]["counterpart"] == "UKR"
    assert "findings (6 of 6)" in _run("findings", "--db", filled)
    assert json.loads(_run("events", "--db", filled, "--act", "use", "--json")) == []


def test_failures_runs_search_show(filled):
    failures = json.loads(_run("failures", "--db", filled, "--json"))
    assert len(failures) == 1 and "not a JSON object" in failures[0]["reason"]
    runs = json.loads(_run("runs", "--db", filled, "--json"))
    assert runs[0]["status"] == "done" and runs[0]["stored"] == 3
    hits = json.loads(_run("articles", "search", "anti-personnel", "--db", filled, "--json"))
    assert len(hits) == 3
    shown = json.loads(_run("articles", "show", str(hits[0]["id"]), "--db", filled))
    assert shown["events"] and shown["text"]
    assert "up to date" in _run("db", "status", "--db", filled)


def test_export_and_reassess(filled, tmp_path):
    out = _run("export", str(tmp_path / "x"), "--format", "jsonl", "--db", filled)
    assert "findings: 6 rows" in out
    lines = (tmp_path / "x" / "events.jsonl").read_text().splitlines()
    assert json.loads(lines[0])["evidence"][0]["text"] == "anti-personnel mines"
    totals = json.loads(_run("reassess", "--db", filled, "--json"))
    assert totals["articles"] == 3 and totals["before"] == 6
