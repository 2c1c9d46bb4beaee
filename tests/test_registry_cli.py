"""The registry commands through the real entry point: output, formats, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest

from tests.registry_fixtures import fixture_registry
from treatywatch.cli import main
from treatywatch.treaties import rules


@pytest.fixture(autouse=True)
def fixture_data(tmp_path, monkeypatch):
    reg = fixture_registry(tmp_path)
    monkeypatch.setattr(rules, "default_registry", lambda: reg)
    return reg


def run(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["treatywatch", *args])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code or 0
    out, err = capsys.readouterr()
    return code, out, err


def test_status_of_one_state_as_json(capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "status", "Ukraine", "--treaty", "apmbc",
                       "--on", "2024-11-28", "--json")
    data = json.loads(out)
    assert code == 0
    assert (data["iso3"], data["status"], data["label"]) == ("UKR", "party", "party")
    assert data["in_force_since"] == "2006-06-01"


def test_status_of_one_state_without_treaty_lists_both(capsys, monkeypatch):
    _, out, _ = run(capsys, monkeypatch, "status", "FIN", "--on", "2026-01-09", "--json")
    data = json.loads(out)
    assert [d["treaty"] for d in data] == ["apmbc", "ccm"]
    assert data[0]["label"] == "party (withdrawal pending)"
    assert data[1]["label"] == "not party"


def test_status_of_all_states_carries_counts(capsys, monkeypatch):
    _, out, _ = run(capsys, monkeypatch, "status", "--treaty", "apmbc", "--on", "1999-03-01",
                    "--json")
    data = json.loads(out)
    assert data["counts"][0]["states_parties"] == 4
    assert len(data["states"]) == 13


def test_status_table_ends_with_counts_line(capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "status", "--treaty", "apmbc", "--on", "1999-03-01")
    assert code == 0
    assert out.rstrip().splitlines()[-1].startswith(
        "Mine Ban Convention on 1999-03-01: 4 States Parties")


def test_impossible_date_is_a_one_line_error(capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch, "status", "UKR", "--on", "2025-02-30")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "2025-02-30" in err


def test_unknown_state_is_a_one_line_error_with_suggestions(capsys, monkeypatch):
    code, _, err = run(capsys, monkeypatch, "status", "Ukriane")
    assert code == 2 and err.count("\n") == 1
    assert "Ukraine (UKR)" in err


def test_unknown_treaty_names_the_choices(capsys, monkeypatch):
    code, _, err = run(capsys, monkeypatch, "status", "UKR", "--treaty", "ottawa")
    assert code == 2 and "apmbc, ccm" in err


def test_parties_csv_has_the_contract_columns_and_computed_dates(capsys, monkeypatch):
    _, out, _ = run(capsys, monkeypatch, "parties", "--treaty", "apmbc", "--format", "csv")
    rows = {r["iso3"]: r for r in csv.DictReader(io.StringIO(out))}
    assert list(next(iter(rows.values()))) == [
        "iso3", "name", "signature_date", "consent_date", "consent_type", "eif_date",
        "withdrawal_notified_date", "withdrawal_effective_date", "source",
    ]
    assert rows["IRL"]["eif_date"] == "1999-03-01"
    assert rows["FIN"]["withdrawal_effective_date"] == "2026-01-10"
    assert rows["RUS"]["withdrawal_effective_date"] == ""


def test_parties_json(capsys, monkeypatch):
    _, out, _ = run(capsys, monkeypatch, "parties", "--treaty", "apmbc", "--json")
    assert {r["iso3"] for r in json.loads(out)} >= {"CAN", "UKR", "POL"}


def test_deadlines_missed(capsys, monkeypatch):
    _, out, _ = run(capsys, monkeypatch, "deadlines", "--treaty", "apmbc", "--on", "2017-01-01",
                    "--missed", "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["iso3"], r["article"]) for r in rows] == [("UKR", "4"), ("UKR", "5")]


def test_deadlines_upcoming(capsys, monkeypatch):
    _, out, _ = run(capsys, monkeypatch, "deadlines", "--on", "2019-01-01", "--upcoming", "500",
                    "--json")
    assert [(d["iso3"], d["current_deadline"]) for d in json.loads(out)] == [
        ("ZAF", "2020-04-01")]


def test_treaty_show_names_articles(capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "treaty", "show", "apmbc")
    assert code == 0
    for text in ("Art. 1.1.a", "Art. 1.1.b", "Art. 4", "Art. 5", "Art. 7", "Art. 20",
                 "ap_mine (yes)", "mine (possibly)"):
        assert text in out


def test_every_registry_command_and_option_has_help():
    import typer

    from treatywatch.cli import app

    root = typer.main.get_command(app)
    commands = [root.commands[n] for n in ("status", "parties", "deadlines")]
    commands.append(root.commands["treaty"].commands["show"])
    for command in commands:
        assert command.help, command.name
        for param in command.params:
            assert getattr(param, "help", None), f"{command.name} {param.name}"
