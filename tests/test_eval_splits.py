"""The committed real-news gold: its shape and spread, texts kept out of git, and its figures
when the texts have been restored (skipped otherwise, saying how to restore them)."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from treatywatch.evaluation import evaluate, load_gold, predictions_from_folder
from treatywatch.evaluation.splits import restore_hint, text_set

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "eval" / "gold" / "dev.jsonl"
CATEGORIES = {"positive", "hard_negative", "naval_mine", "av_only", "erw_only", "conflict_no_mines"}
ACTS = {
    "use", "produce", "develop", "transfer", "acquire", "stockpile", "retain",
    "destroy_stockpile", "clear", "casualty", "sign", "ratify", "accede", "withdraw",
    "suspend", "assist",
}  # fmt: skip


@pytest.fixture(scope="module")
def dev() -> list[dict]:
    return load_gold(DEV)


def test_dev_lines_carry_what_restores_their_text_and_no_text(dev):
    ids = [r["id"] for r in dev]
    assert len(ids) == len(set(ids)) >= 200
    for r in dev:
        assert r.get("url", "").startswith(("http://", "https://")), r["id"]
        assert r.get("query"), f"{r['id']}: no query to restore its text with"
        assert "text" not in r and "body" not in r, f"{r['id']}: gold must not hold its text"
        assert r["category"] in CATEGORIES, r["id"]
        assert r["negative"] == (r["category"] != "positive") or r["category"] == "av_only"
        assert all(e["act"] in ACTS for e in r["events"]), r["id"]


def test_dev_spread_of_themes_outlets_and_negatives(dev):
    themes = Counter(r["theme"] for r in dev)
    outlets = {r["outlet"] for r in dev}
    negatives = sum(r["category"] != "positive" for r in dev)
    assert len(themes) >= 15 and len(outlets) >= 40
    assert negatives / len(dev) >= 0.25


def test_the_texts_folder_is_ignored_by_git():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    out = subprocess.run(
        ["git", "check-ignore", "-q", "eval/texts/dev/r001.txt"], cwd=ROOT, check=False
    )
    assert out.returncode == 0, "eval/texts/ must be git-ignored: the texts are not ours"


@pytest.mark.parametrize("split", ["dev", "sealed", "sealed2"])
def test_split_scores_when_its_texts_are_restored(split):
    gold_file = ROOT / "eval" / "gold" / f"{split}.jsonl"
    if not gold_file.exists():
        pytest.skip(f"{gold_file} is not in this checkout")
    gold = load_gold(gold_file)
    found = text_set(split, gold, ROOT / "eval" / "texts" / split)
    if not found.complete:
        pytest.skip(restore_hint(found, shown=1).replace("\n", " "))
    result = evaluate(gold, predictions_from_folder(gold, found.folder))
    summary = result.summary()
    assert summary["missing_outputs"] == 0 and len(result.articles) == len(gold)
    assert 0.0 <= summary["event_f1"] <= 1.0
