"""Accuracy, macro-F1 and the confusion table of a labelling, over the corpus's labels."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from treatywatch.evaluation.matching import Tally
from treatywatch.extract.learned.corpus import LABELS

__all__ = ["Scores", "score", "confusion_table"]


@dataclass
class Scores:
    n: int
    accuracy: float
    macro_f1: float
    per_label: dict[str, float] = field(default_factory=dict)  # F1 of each gold-present label
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, predicted)

    def as_dict(self) -> dict[str, object]:
        return {
            "n": self.n,
            "accuracy": round(self.accuracy, 3),
            "macro_f1": round(self.macro_f1, 3),
            "per_label_f1": {k: round(v, 3) for k, v in self.per_label.items()},
        }


def score(gold: Sequence[str], predicted: Sequence[str]) -> Scores:
    """Macro-F1 averages the labels that occur in the gold (a label nobody wrote has no F1)."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    confusion: Counter[tuple[str, str]] = Counter(zip(gold, predicted, strict=True))
    per_label: dict[str, float] = {}
    for label in LABELS:
        gold_n = sum(v for (g, _), v in confusion.items() if g == label)
        if gold_n == 0:
            continue
        pred_n = sum(v for (_, p), v in confusion.items() if p == label)
        per_label[label] = Tally(confusion[(label, label)], pred_n, gold_n).prf()[2]
    n = len(gold)
    right = sum(v for (g, p), v in confusion.items() if g == p)
    macro = sum(per_label.values()) / len(per_label) if per_label else 0.0
    return Scores(n, right / n if n else 0.0, macro, per_label, confusion)


def confusion_table(scores: Scores) -> str:
    """A Markdown table: one row per gold label, one column per predicted label."""
    labels = [lab for lab in LABELS if any(lab in pair for pair in scores.confusion)]
    short = {lab: lab[:5] for lab in labels}
    lines = [
        "| gold \\ read | " + " | ".join(short[lab] for lab in labels) + " |",
        "|---" * (len(labels) + 1) + "|",
    ]
    for gold in labels:
        cells = [str(scores.confusion[(gold, p)] or ".") for p in labels]
        lines.append(f"| {gold} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
