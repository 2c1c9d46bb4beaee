"""The quality gate: scores on the project's own test articles never drop below the baseline.

tests/eval/gold.jsonl annotates tests/articles/ (texts written for this project);
tests/eval/baseline.json pins the figures. Raise the baseline when the scores improve
(`treatywatch eval tests/eval/gold.jsonl tests/articles --json`); never lower it to pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from treatywatch.evaluate import run

HERE = Path(__file__).parent
GOLD = HERE / "eval" / "gold.jsonl"
BASELINE = HERE / "eval" / "baseline.json"
ARTICLES = HERE / "articles"
HIGHER_IS_BETTER = (
    "event_p",
    "event_r",
    "event_f1",
    "event_f1_strict",
    "modality_acc",
    "finding_p",
    "finding_r",
    "finding_f1",
)
TOLERANCE = 0.0


@pytest.fixture(scope="module")
def scores() -> dict:
    return run(GOLD, ARTICLES).summary()


def test_every_gold_article_has_a_text():
    ids = [json.loads(line)["id"] for line in GOLD.read_text().splitlines() if line.strip()]
    texts = {p.stem for p in ARTICLES.iterdir()}
    assert ids and set(ids) <= texts


@pytest.mark.parametrize("measure", HIGHER_IS_BETTER)
def test_score_does_not_drop_below_baseline(scores, measure):
    floor = json.loads(BASELINE.read_text())[measure]
    assert scores[measure] >= floor - TOLERANCE, f"{measure}: {scores[measure]} < baseline {floor}"


def test_no_more_negatives_with_output_or_scope_violations_than_baseline(scores):
    baseline = json.loads(BASELINE.read_text())
    bad, total = (int(x) for x in scores["negatives_with_output"].split("/"))
    floor_bad, _ = (int(x) for x in baseline["negatives_with_output"].split("/"))
    assert total == 7 and bad <= floor_bad
    assert scores["scope_violations"] <= baseline["scope_violations"]
    assert scores["missing_outputs"] == 0
