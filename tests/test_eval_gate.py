"""The gate: the reading never drops below the committed floors, and invents no violation.

tests/eval/floors.toml holds, per set (the paraphrase groups, the project's own tests/articles),
the floors measured on main. A drop below any of them fails with the set, the measure, the
figure and the floor, and the items that fail (groups, articles); so does any invented
violation (a predicted prohibited_act that no gold finding matches) not in the set's
`known_invented` debt list. Raise floors as the reading improves; never lower them to pass.
"""

from __future__ import annotations

import json
import tomllib
import warnings
from pathlib import Path
from typing import Any

import pytest

from treatywatch.evaluation import evaluate, load_gold, predictions_from_folder
from treatywatch.evaluation.paraphrase import load_groups, score_groups

ROOT = Path(__file__).resolve().parents[1]
FLOORS = tomllib.loads((ROOT / "tests" / "eval" / "floors.toml").read_text())
MEASURES = ("event_f1", "event_f1_strict", "modality_acc", "finding_f1")
SHOWN = 12


def measure_paraphrase(spec: dict[str, Any]) -> dict[str, Any]:
    result = score_groups(load_groups([ROOT / p for p in spec["paths"]]))
    figures = result.evaluation.summary()
    failing = []
    for g in result.groups:
        if not g.right:
            i, t = g.failing()[0]
            failing.append(f"{g.group} (telling {i}: {[d.what for d in t.differences]})")
    return {
        **figures,
        "groups_right": result.right,
        "negatives": result.evaluation.negatives_with_output,
        "invented": result.evaluation.invented,
        "failing": failing,
    }


def measure_articles(spec: dict[str, Any]) -> dict[str, Any]:
    gold = load_gold(ROOT / spec["gold"])
    result = evaluate(gold, predictions_from_folder(gold, ROOT / spec["texts"]))
    failing = [
        f"{a.id} ({sorted({d.what for d in a.differences}) or 'no output'})"
        for a in result.articles
        if not a.clean
    ]
    return {
        **result.summary(),
        "negatives": result.negatives_with_output,
        "invented": result.invented,
        "failing": failing,
    }


MEASURE = {"paraphrase": measure_paraphrase, "articles": measure_articles}
_cache: dict[str, dict[str, Any]] = {}


def measured(name: str) -> dict[str, Any]:
    if name not in _cache:  # each set is read once per run (the model loads once)
        _cache[name] = MEASURE[name](FLOORS[name])
    return _cache[name]


def _items(found: dict[str, Any]) -> str:
    failing = found["failing"]
    more = f" and {len(failing) - SHOWN} more" if len(failing) > SHOWN else ""
    return "; ".join(failing[:SHOWN]) + more


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_no_figure_drops_below_its_floor(name):
    spec, found = FLOORS[name], measured(name)
    drops = []
    for key in (*MEASURES, "groups_right"):
        if key in spec and (found[key] is None or found[key] < spec[key]):
            drops.append(f"{key} {found[key]} < floor {spec[key]}")
    if found["negatives"] > spec["max_negatives_with_output"]:
        drops.append(
            f"negatives with output {found['negatives']} > {spec['max_negatives_with_output']}"
        )
    assert not drops, f"{name}: {', '.join(drops)}. Failing: {_items(found)}"
    assert found["missing_outputs"] == 0, f"{name}: articles without output"


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_no_invented_violation(name):
    spec, found = FLOORS[name], measured(name)
    made = [f"{v['id']} {v['state']}" for v in found["invented"]]
    known = set(spec.get("known_invented", []))
    new = [m for m in made if m not in known]
    details = [
        f"{v['id']} · {v['state']} · {v['treaty']} Art. {v['article']} · "
        f"{json.dumps(v['evidence'][:1], ensure_ascii=False)}"
        for v in found["invented"]
        if f"{v['id']} {v['state']}" in new
    ]
    assert len(new) <= spec["max_invented"], (
        f"{name}: {len(new)} invented violation(s) (prohibited_act with no gold finding): "
        + "; ".join(details)
    )
    gone = sorted(known - set(made))
    if gone:
        warnings.warn(
            f"{name}: no longer invented, delete from known_invented in tests/eval/floors.toml: "
            + ", ".join(gone),
            stacklevel=1,
        )


def test_the_floors_are_complete_and_in_range():
    for name, spec in FLOORS.items():
        assert name in MEASURE, f"floors.toml: unknown set [{name}]"
        assert set(MEASURES) <= set(spec), f"[{name}] lacks a floor of {set(MEASURES) - set(spec)}"
        assert all(0.0 <= spec[k] <= 1.0 for k in MEASURES)
        assert spec["max_invented"] == 0, f"[{name}]: invented violations are never allowed"
    assert "groups_right" in FLOORS["paraphrase"]


def test_every_gold_article_of_the_tests_has_a_text():
    spec = FLOORS["articles"]
    ids = [str(g["id"]) for g in load_gold(ROOT / spec["gold"])]
    texts = {p.stem for p in (ROOT / spec["texts"]).iterdir()}
    assert ids and set(ids) <= texts, f"no text for {sorted(set(ids) - texts)}"
