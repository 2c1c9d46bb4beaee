"""Invented violations: the error a treaty researcher can least afford.

A predicted `prohibited_act` finding is invented when no gold finding of the article matches it,
an optional gold finding included (a reader who draws an optional finding invented nothing).
Matching is not one-to-one here: the same violation drawn twice from two sentences is not
invented twice.
"""

from __future__ import annotations

from typing import Any

from treatywatch.evaluation.matching import FindingKey

PROHIBITED = "prohibited_act"


def invented_violations(
    article_id: str, gold: list[FindingKey], predicted: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Each invented violation of one article: id, state, treaty, article, evidence, rule."""
    out = []
    for raw in predicted:
        key = FindingKey.of(raw)
        if key.kind != PROHIBITED or any(g.matches(key) for g in gold):
            continue
        out.append(
            {
                "id": article_id,
                "state": key.state,
                "treaty": key.treaty,
                "article": raw.get("article"),
                "status": raw.get("status"),
                "rule": raw.get("rule"),
                "evidence": [
                    str(e.get("text"))
                    for e in raw.get("evidence") or []
                    if isinstance(e, dict) and e.get("text")
                ],
            }
        )
    return out
