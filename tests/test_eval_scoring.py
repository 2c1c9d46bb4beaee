"""The scoring library: its rules, and agreement with ../shared/eval/score.py on the same inputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from treatywatch.evaluation import EventKey, FindingKey, evaluate, load_gold, run

SHARED = Path(__file__).resolve().parents[2] / "shared"
SCORE_PY = SHARED / "eval" / "score.py"


def e(act, actor=None, weapon=None, modality=None, **kw):
    return {"act": act, "actor": actor, "weapon": weapon, "modality": modality, **kw}


GOLD = [
    {
        "id": "a",
        "events": [
            e("transfer", "USA", "ap_mine", "announced", counterpart="UKR"),
            e("use", "RUS", "mine", "alleged", location="UKR"),
            e("clear", "KHM", "mine", location="KHM", optional=True),
        ],
        "findings": [
            {"treaty": "apmbc", "state": "UKR", "kind": "prohibited_act", "article": "1"},
            {"treaty": "apmbc", "state": "USA", "kind": "non_party_act", "article": None},
        ],
    },
    {"id": "b", "negative": True, "events": [], "findings": []},
    {
        "id": "c",
        "no_findings": True,
        "events": [e("accede", "LKA", treaty="apmbc", modality="occurred")],
        "findings": [],
    },
    {"id": "d", "events": [e("use", None, "ap_mine", "alleged", location="COL")], "findings": []},
    {"id": "missing", "events": [e("use", "MMR", "ap_mine")], "findings": []},
]
PRED = {
    # acquire == reversed transfer; "1.1.b" counts as "1"; an av_mine event is an extra; the
    # optional clearance is neither hit nor false alarm
    "a": {
        "events": [
            e("acquire", "UKR", "ap_mine", "hypothetical", counterpart="USA"),
            e("use", "RUS", "ap_mine", "alleged", location="UKR"),
            e("clear", "KHM", "mine", location="KHM"),
            e("transfer", "USA", "av_mine", counterpart="UKR"),
        ],
        "findings": [
            {"treaty": "apmbc", "state": "UKR", "kind": "prohibited_act", "article": "1.1.b"},
            {"treaty": "apmbc", "state": "USA", "kind": "non_party_act", "article": None},
            {"treaty": "apmbc", "state": "UKR", "kind": "progress", "article": "4"},
        ],
    },
    # naval mines are not counted, so the negative stays clean
    "b": {"events": [e("use", "RUS", "naval_mine", location="UKR")], "findings": []},
    "c": {
        "events": [e("ratify", "LKA", treaty="apmbc", modality="occurred")],
        "findings": [{"treaty": "apmbc", "state": "LKA", "kind": "non_party_act"}],
    },
    "d": {"events": [e("use", "COL", "ap_mine", "alleged", location="COL")], "findings": []},
}


def test_event_normal_form():
    key = EventKey.of(e("acquire", "UKR", "ap_mine", counterpart="USA"))
    assert (key.act, key.actor, key.other, key.family) == ("transfer", "USA", "UKR", "landmine")
    assert EventKey.of(e("accede", "LKA", treaty="APMBC")).family == "apmbc"
    assert EventKey.of(e("stockpile", "GRC", "ap_mine", location="GRC")).other is None


def test_strict_weapon_accepts_any_landmine_for_gold_mine_only():
    gold_mine, gold_ap = (
        EventKey.of(e("use", weapon="mine")),
        EventKey.of(e("use", weapon="ap_mine")),
    )
    pred = EventKey.of(e("use", weapon="av_mine"))
    assert gold_mine.matches(pred, strict=True) and not gold_ap.matches(pred, strict=True)
    assert gold_ap.matches(pred, strict=False)


def test_findings_compare_the_leading_article_number():
    assert FindingKey.of(
        {"treaty": "apmbc", "state": "UKR", "kind": "prohibited_act", "article": "1"}
    ).matches(
        FindingKey.of(
            {"treaty": "apmbc", "state": "UKR", "kind": "prohibited_act", "article": "1.1.b"}
        )
    )


def test_figures_on_the_worked_example():
    s = evaluate(GOLD, PRED).summary()
    # 4 hits of 5 counted predictions (optional hit and naval mine left out) and of 5 gold
    assert (s["event_p"], s["event_r"]) == (0.8, 0.8)
    assert s["modality_acc"] == 0.75
    assert (s["finding_p"], s["finding_r"]) == (0.667, 1.0)
    assert s["negatives_with_output"] == "0/1" and s["scope_violations"] == 1
    assert s["missing_outputs"] == 1


def _score_py(gold: list[dict], preds: dict, tmp_path: Path) -> dict:
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("".join(json.dumps(g) + "\n" for g in gold))
    folder = tmp_path / "pred"
    folder.mkdir(exist_ok=True)
    for key, value in preds.items():
        (folder / f"{key}.json").write_text(json.dumps(value))
    out = subprocess.run(
        [sys.executable, str(SCORE_PY), str(gold_path), str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.shared
@pytest.mark.skipif(not SCORE_PY.exists(), reason="../shared/eval/score.py is absent")
def test_agrees_with_score_py_on_the_worked_example(tmp_path):
    theirs = _score_py(GOLD, PRED, tmp_path)
    ours = run(tmp_path / "gold.jsonl", tmp_path / "pred").summary()
    assert ours == theirs


@pytest.mark.shared
@pytest.mark.skipif(not SCORE_PY.exists(), reason="../shared/eval/score.py is absent")
@pytest.mark.parametrize(
    "gold_file",
    [SHARED / "eval" / "dev.jsonl", Path(__file__).resolve().parents[1] / "eval/gold/dev.jsonl"],
    ids=["shared-dev", "committed-dev"],
)
def test_agrees_with_score_py_on_the_dev_gold_with_perturbed_predictions(tmp_path, gold_file):
    gold = load_gold(gold_file)
    preds = {}
    for i, g in enumerate(gold):
        events = [dict(x) for x in g["events"]]
        if i % 3 == 0 and events:
            events.pop()  # a miss
        if i % 4 == 1:
            events.append(e("use", "FRA", "cluster_munition", "occurred", location="FRA"))
        for x in events[::2]:
            x["modality"] = "occurred"
        findings = [dict(f, article=(f.get("article") or "") + ".1") for f in g["findings"]][
            i % 2 :
        ]
        preds[g["id"]] = {"events": events, "findings": findings}
    theirs = _score_py(gold, preds, tmp_path)
    ours = run(tmp_path / "gold.jsonl", tmp_path / "pred").summary()
    assert ours == theirs


def test_eval_command_scores_a_folder_of_predictions(tmp_path):
    from typer.testing import CliRunner

    from treatywatch.cli import app

    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("".join(json.dumps(g) + "\n" for g in GOLD))
    for key, value in PRED.items():
        (tmp_path / f"{key}.json").write_text(json.dumps(value))
    result = CliRunner().invoke(app, ["eval", str(gold_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert {k: report[k] for k in evaluate(GOLD, PRED).summary()} == evaluate(GOLD, PRED).summary()
    table = CliRunner().invoke(app, ["eval", str(gold_path), str(tmp_path), "--verbose"])
    assert "F1 (family)" in table.stdout and "missing (no output)" in table.stdout


def _perturbed(gold):
    preds = {}
    for i, g in enumerate(gold):
        events = [dict(x) for x in g["events"]]
        if i % 3 == 0 and events:
            events.pop()
        if i % 4 == 1:
            events.append(e("use", "FRA", "cluster_munition", "occurred", location="FRA"))
        if i % 5 == 2:
            events.append(e("transfer", "USA", "mine", counterpart="UKR"))
        preds[g["id"]] = {"events": events, "findings": g["findings"][i % 2 :]}
    return preds


def test_the_breakdowns_add_up_to_the_totals():
    gold = load_gold(Path(__file__).resolve().parents[1] / "eval" / "gold" / "dev.jsonl")
    result = evaluate(gold, _perturbed(gold))
    for table, total in (
        (result.by_act, result.events),
        (result.by_act_strict, result.strict),
        (result.by_treaty, result.events),
        (result.by_treaty_strict, result.strict),
        (result.by_kind, result.findings),
    ):
        for name in ("tp", "predicted", "gold"):
            assert sum(getattr(t, name) for t in table.values()) == getattr(total, name), name
    assert sum(result.modality.values()) == result.modality_n
    assert sum(n for (g, p), n in result.modality.items() if g == p) == result.modality_ok
