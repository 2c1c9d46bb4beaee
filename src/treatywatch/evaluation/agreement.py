"""Agreement between two annotators of the same articles, in the scoring's own matching.

Each annotator is scored as a reader against the other, both ways, and the two figures are
averaged. On the reading side only the required items count (an item the annotator marked
optional is neither a claim nor a miss) and only what the treaties cover (as for a reader).
The articles where they differ at all are listed by id only: the list is for the one who
settles disagreements, who then reads both lines.
"""

from __future__ import annotations

from typing import Any

from treatywatch.evaluation.matching import EventKey, FindingKey
from treatywatch.evaluation.scoring import Evaluation, evaluate

MEASURES = ("event_f1", "event_f1_strict", "modality_acc", "finding_f1")


def as_reading(row: dict[str, Any]) -> dict[str, Any]:
    """An annotator's line as a reader's output: required, counted items only."""
    return {
        "events": [
            e for e in row.get("events") or [] if not e.get("optional") and EventKey.of(e).counted
        ],
        "findings": [
            f
            for f in row.get("findings") or []
            if not f.get("optional") and FindingKey.of(f).counted
        ],
    }


def _as_gold(row: dict[str, Any]) -> dict[str, Any]:
    events = [e for e in row.get("events") or [] if EventKey.of(e).family in (None, *_COUNTED)]
    return {**row, "events": events}


_COUNTED = ("landmine", "cluster", "apmbc", "ccm")


def _one_way(gold: list[dict[str, Any]], other: dict[str, dict[str, Any]]) -> Evaluation:
    return evaluate([_as_gold(g) for g in gold], {k: as_reading(v) for k, v in other.items()})


def agreement(first: list[dict[str, Any]], second: list[dict[str, Any]]) -> dict[str, Any]:
    a = {str(r["id"]): r for r in first}
    b = {str(r["id"]): r for r in second}
    shared = [k for k in a if k in b]
    ab = _one_way([a[k] for k in shared], b)
    ba = _one_way([b[k] for k in shared], a)
    s1, s2 = ab.summary(), ba.summary()
    figures = {}
    for name in MEASURES:
        x, y = s1[name], s2[name]
        both = [v for v in (x, y) if v is not None]
        figures[name] = round(sum(both) / len(both), 3) if both else None
    differ = sorted(
        {x.id for x in ab.articles if not x.clean} | {x.id for x in ba.articles if not x.clean}
    )
    return {
        **figures,
        "first_as_gold": {k: s1[k] for k in MEASURES},
        "second_as_gold": {k: s2[k] for k in MEASURES},
        "articles_both": len(shared),
        "only_first": sorted(k for k in a if k not in b),
        "only_second": sorted(k for k in b if k not in a),
        "disagree": differ,
    }
