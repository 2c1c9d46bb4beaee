"""The CLI's edges through its real entry point (`treatywatch.cli.main`): usage errors are one
line after the usage, never a traceback; a compact `parties` table; "none" for empty results;
a mistyped --db creates nothing, while `ingest` creates and sets up a new store."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.storekit import BACKENDS, fresh_url
from treatywatch.cli import main

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def run(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["treatywatch", *args])
    code = 0
    try:
        main()
    except SystemExit as ended:
        code = ended.code or 0
    out, err = capsys.readouterr()
    return code, out, err


def test_digest_without_since_is_one_error_line_after_the_usage(monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, "digest")
    assert code == 2 and out == ""
    assert err == (
        "Usage: treatywatch digest [OPTIONS]\n"
        "Try 'treatywatch digest --help' for help.\n"
        "\n"
        "Error: Missing option '--since'.\n"
    )


def test_missing_argument_names_it_without_a_traceback(monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, "analyze")
    assert code == 2
    assert err.splitlines()[0].startswith("Usage: treatywatch analyze")
    assert err.splitlines()[-1] == "Error: Missing argument 'files'."
    assert "Traceback" not in err


def test_bad_format_names_the_choices(monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, "parties", "-t", "apmbc", "--format", "xml")
    assert code == 2 and out == ""
    last = err.splitlines()[-1]
    assert last.startswith("Error: Invalid value for '--format'")
    assert "'xml'" in last and "'table'" in last and "'csv'" in last
    assert "Traceback" not in err


def test_pdf_to_the_terminal_is_refused_before_the_store_is_opened(monkeypatch, capsys,
                                                                   tmp_path):
    db = tmp_path / "never.db"
    code, out, err = run(monkeypatch, capsys, "report", "UKR", "-f", "pdf", "--db", str(db))
    assert code == 2 and out == ""
    assert err.splitlines()[-1] == (
        "Error: Invalid value for '--format' / '-f': a PDF cannot go to the terminal: "
        "give -o FILE.pdf"
    )
    assert not db.exists()


def test_parties_table_is_one_line_a_state(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "parties", "-t", "apmbc")
    assert code == 0
    lines = out.splitlines()
    afg = [line for line in lines if " AFG " in line]
    assert len(afg) == 1 and "2002-09-11" in afg[0]
    assert "UN Treaty Collection" not in out  # the sources are for CSV and JSON
    # header (3 lines) + one row a state + the bottom border; then the known-through line
    table = [line for line in lines if line[:1] in "┏┃┡│└"]
    rows = [line for line in table if line.startswith("│")]
    assert len(table) == len(rows) + 4
    assert len(rows) > 150 and all(line.startswith("│ ") and line[5:8] == "  │" for line in rows)


def test_parties_csv_keeps_the_source(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, "parties", "-t", "apmbc", "--csv")
    assert code == 0
    assert out.splitlines()[0].endswith(",source")
    assert "UN Treaty Collection" in out


def test_mistyped_db_for_a_read_command_creates_nothing(monkeypatch, capsys, tmp_path):
    db = tmp_path / "typo.db"
    code, out, err = run(monkeypatch, capsys, "findings", "--db", str(db))
    assert code == 3 and out == ""
    assert err == (
        f"error: there is no store at {db} (not set up; nothing was created there): check "
        f"--db, or to set it up, type: treatywatch db upgrade --db {db}\n"
    )
    assert not db.exists()
    code, out, _ = run(monkeypatch, capsys, "db", "status", "--db", str(db))
    assert code == 0 and "revision none" in out
    assert not db.exists()


@pytest.mark.parametrize("backend", BACKENDS)
def test_ingest_into_a_new_store_creates_it_and_empty_lists_say_none(monkeypatch, capsys,
                                                                     tmp_path, backend):
    db = fresh_url(backend, tmp_path)  # a file not there yet, or an empty PostgreSQL
    sample = SAMPLES / "2024-11-28-siem-reap-us-mines-ukraine.json"
    code, _, err = run(monkeypatch, capsys, "ingest", str(sample), "--db", str(db), "-q")
    assert code == 0, err
    if backend == "sqlite":
        assert Path(db).exists()
    code, out, _ = run(monkeypatch, capsys, "events", "--db", str(db), "--json")
    assert code == 0 and '"act": "transfer"' in out
    code, out, _ = run(monkeypatch, capsys, "findings", "--db", str(db), "--kind",
                       "non_party_act", "--since", "2030-01-01")
    assert code == 0
    assert out.strip().endswith(": none")


def test_ingest_refuses_an_outdated_store(monkeypatch, capsys, tmp_path):
    from treatywatch.store import resolve_url, upgrade

    db = tmp_path / "old.db"
    upgrade(resolve_url(db), "0001")
    sample = SAMPLES / "2024-11-28-siem-reap-us-mines-ukraine.json"
    code, _, err = run(monkeypatch, capsys, "ingest", str(sample), "--db", str(db), "-q")
    assert code == 3
    assert "revision 0001" in err and f"treatywatch db upgrade --db {db}" in err


def test_serve_refuses_a_base_url_that_is_not_http(monkeypatch, capsys, tmp_path):
    code, _, err = run(monkeypatch, capsys, "serve", "--base-url", "ftp://x.example",
                       "--db", str(tmp_path / "none.db"))
    assert code == 2
    assert err.splitlines()[-1] == (
        "Error: Invalid value for '--base-url': 'ftp://x.example' is not an http(s) address")


def test_events_csv_carries_the_date_precision_and_figures(monkeypatch, capsys, faces_url):
    code, out, _ = run(monkeypatch, capsys, "events", "--db", faces_url, "--csv", "--act",
                       "casualty", "--limit", "50")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.startswith("id,when,when_precision,article_published,act,")
    assert "killed,injured,civilians,children,device" in header
    assert any(",2025-03-01,month,2025-03-20,casualty,av_mine," in r for r in rows)
