"""`eval agree`: two annotators scored against each other in the scoring's own matching."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from treatywatch.cli import app
from treatywatch.evaluation.agreement import agreement

USE = {"act": "use", "actor": "RUS", "location": "UKR", "weapon": "ap_mine", "modality": "alleged"}
FIND = {"treaty": "apmbc", "state": "UKR", "kind": "prohibited_act", "article": "1"}


def line(key, events=(), findings=()):
    return {"id": key, "events": list(events), "findings": list(findings)}


def test_identical_annotations_agree_fully():
    rows = [line("a", [USE], [FIND]), line("b")]
    out = agreement(rows, rows)
    assert (out["event_f1"], out["event_f1_strict"], out["finding_f1"]) == (1.0, 1.0, 1.0)
    assert out["modality_acc"] == 1.0 and out["disagree"] == []


def test_disagreements_are_averaged_both_ways_and_listed_by_id():
    first = [
        line("a", [USE], [FIND]),
        line("b", [dict(USE, modality="occurred")]),
        line("c", [USE]),
        line("only1"),
    ]
    second = [
        line("a", [USE], [FIND]),
        line("b", [USE]),
        # an optional item is neither claimed nor missed when its annotator is the reader
        line("c", [USE, dict(USE, act="clear", optional=True)]),
        line("only2"),
    ]
    out = agreement(first, second)
    assert out["event_f1"] == 1.0 and out["modality_acc"] == round(2 / 3, 3)
    assert out["disagree"] == ["b"]
    assert (out["only_first"], out["only_second"]) == (["only1"], ["only2"])
    third = [line("a", [USE]), line("b", [USE]), line("c", [])]
    out = agreement(first[:3], third)
    # first as gold: 2 of 3 events found, 2 read -> F1 0.8; third as gold: 2 of 2, 3 read -> 0.8
    assert out["event_f1"] == 0.8 and out["finding_f1"] == 0.0
    assert out["disagree"] == ["a", "b", "c"]


def test_the_command(tmp_path):
    one, two = tmp_path / "a1.jsonl", tmp_path / "a2.jsonl"
    one.write_text(json.dumps(line("a", [USE])) + "\n" + json.dumps(line("b")) + "\n")
    two.write_text(json.dumps(line("a")) + "\n" + json.dumps(line("b")) + "\n")
    out = CliRunner().invoke(app, ["eval", "agree", str(one), str(two), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["disagree"] == ["a"] and data["event_f1"] == 0.0
    text = CliRunner().invoke(app, ["eval", "agree", str(one), str(two)])
    assert "Disagree on 1: a" in text.stdout
    bad = CliRunner().invoke(app, ["eval", "agree", str(one)])
    assert bad.exit_code != 0
