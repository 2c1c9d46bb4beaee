"""Paraphrase groups: loading, a group right only when every telling is, and the command."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from treatywatch.cli import app
from treatywatch.errors import BadInput
from treatywatch.evaluation.paraphrase import load_groups, score_groups

USE = {"act": "use", "actor": "RUS", "location": "UKR", "weapon": "ap_mine", "modality": "alleged"}


def group(name, frame="use", tellings=2, events=(USE,), findings=()):
    return {
        "group": name,
        "frame": frame,
        "published": "2024-05-02",
        "events": list(events),
        "findings": list(findings),
        "tellings": [{"title": f"{name} {i}", "text": f"text {i}"} for i in range(tellings)],
    }


def fake_reader(answers):
    """A reader that returns, per telling title, the events it is given (default: none)."""

    def analyze(title, text, published):
        assert published == "2024-05-02" and text.startswith("text")
        return {"events": answers.get(title, []), "findings": []}

    return analyze


def test_a_group_is_right_only_when_every_telling_is():
    groups = [group("a"), group("b"), group("neg", frame="negative", events=())]
    wrong_modality = dict(USE, modality="occurred")
    answers = {"a 0": [USE], "a 1": [USE], "b 0": [USE], "b 1": [wrong_modality]}
    result = score_groups(groups, fake_reader(answers))
    assert [g.right for g in result.groups] == [True, False, True]
    assert result.right == 2 and result.per_frame() == {"negative": (1, 1), "use": (1, 2)}
    out = result.to_json()
    assert out["failing"][0]["group"] == "b"
    assert [t["telling"] for t in out["failing"][0]["tellings"]] == [1]
    assert out["figures"]["modality_acc"] == 0.75


def test_a_false_alarm_fails_a_group():
    groups = [group("neg", frame="negative", events=(), tellings=3)]
    result = score_groups(groups, fake_reader({"neg 2": [USE]}))
    assert not result.groups[0].right and result.evaluation.negatives_with_output == 0


def test_loading_checks_the_files(tmp_path):
    good = tmp_path / "use.jsonl"
    good.write_text(json.dumps(group("a")) + "\n\n" + json.dumps(group("b")) + "\n")
    assert [g["group"] for g in load_groups([tmp_path])] == ["a", "b"]
    assert len(load_groups([good])) == 2
    with pytest.raises(BadInput, match="given twice"):
        load_groups([good, good])
    (tmp_path / "bad.jsonl").write_text('{"group": "x", "tellings": []}\n')
    with pytest.raises(BadInput, match=r"bad.jsonl:1: a group needs"):
        load_groups([tmp_path / "bad.jsonl"])
    with pytest.raises(BadInput, match="no such paraphrase"):
        load_groups([tmp_path / "absent"])


def test_the_committed_groups_load_and_each_has_at_least_four_tellings():
    groups = load_groups(["tests/paraphrase"])
    assert len(groups) >= 50
    assert all(len(g["tellings"]) >= 4 for g in groups)
    assert len({g["frame"] for g in groups}) >= 15


def test_the_command_prints_groups_right_and_the_failing_telling(tmp_path, monkeypatch):
    path = tmp_path / "use.jsonl"
    path.write_text(json.dumps(group("a")) + "\n" + json.dumps(group("b")) + "\n")
    import treatywatch.evaluation.paraphrase as paraphrase

    monkeypatch.setattr(paraphrase, "analyze_text", fake_reader({"a 0": [USE], "a 1": [USE]}))
    out = CliRunner().invoke(app, ["eval", "--paraphrase", str(path)])
    assert out.exit_code == 0, out.output
    assert "Groups right: 1/2" in out.stdout and "use: 1/2" in out.stdout
    assert "FAIL b (use)" in out.stdout and "telling 0: b 0" in out.stdout
    assert "missed_event" in out.stdout
    as_json = CliRunner().invoke(app, ["eval", "--paraphrase", str(path), "--json"])
    data = json.loads(as_json.stdout)
    assert (data["groups_right"], data["groups_total"]) == (1, 2)
