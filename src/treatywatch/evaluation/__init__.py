"""Measuring the reading: scoring against gold, by the rules of docs/DESIGN.md (Scoring).

One module a job: `matching` (normal forms, pairing), `scoring` (the figures and breakdowns),
`invented` (invented violations), `splits` (splits, their texts, restoring them), `paraphrase`
(paraphrase groups), `agreement` (annotator agreement), `report` (text and JSON), `html`
(the page). docs/evaluation.md says how the corpus, splits and gate are kept.
"""

from __future__ import annotations

from pathlib import Path

from treatywatch.evaluation.matching import EventKey, FindingKey, Tally, pair_up
from treatywatch.evaluation.scoring import ArticleScore, Evaluation, evaluate, score_article
from treatywatch.evaluation.splits import (
    Analyzer,
    analyze_file,
    find_input,
    load_gold,
    predictions_from_folder,
)

__all__ = [
    "Analyzer",
    "ArticleScore",
    "EventKey",
    "Evaluation",
    "FindingKey",
    "Tally",
    "analyze_file",
    "evaluate",
    "find_input",
    "load_gold",
    "pair_up",
    "predictions_from_folder",
    "run",
    "score_article",
]


def run(
    gold_path: str | Path, folder: str | Path | None = None, analyze: Analyzer | None = None
) -> Evaluation:
    """Load gold, gather predictions from `folder` (default: the gold file's folder), score."""
    gold = load_gold(gold_path)
    folder = Path(folder) if folder is not None else Path(gold_path).parent
    return evaluate(gold, predictions_from_folder(gold, folder, analyze))
