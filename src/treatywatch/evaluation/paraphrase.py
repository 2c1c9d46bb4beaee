"""Paraphrase groups: one fact told several ways, one gold; a group is right only when all are.

A group file is JSONL, one group a line: `group` (its name), `frame` (what it tests: use,
transfer, negated, ...), `published`, the gold `events` and `findings` (and `negative`,
`no_findings`), and `tellings`, each `{title, text}`. Every telling is read as an article whose
first line is its title, published on the group's date. A telling is right when it has no
missed event, no false alarm, no wrong modality, no missed and no extra finding.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from treatywatch.dates import leading_date
from treatywatch.errors import BadInput
from treatywatch.evaluation.scoring import ArticleScore, Evaluation, score_article

TextAnalyzer = Callable[[str, str, str | None], dict[str, Any]]
GOLD_FIELDS = ("events", "findings", "negative", "no_findings", "published")
MAX_TELLINGS = 50


@dataclass
class GroupResult:
    group: str
    frame: str
    tellings: list[ArticleScore] = field(default_factory=list)

    @property
    def right(self) -> bool:
        return all(t.clean for t in self.tellings)

    def failing(self) -> list[tuple[int, ArticleScore]]:
        return [(i, t) for i, t in enumerate(self.tellings) if not t.clean]


@dataclass
class ParaphraseResult:
    groups: list[GroupResult] = field(default_factory=list)
    evaluation: Evaluation = field(default_factory=Evaluation)

    @property
    def right(self) -> int:
        return sum(g.right for g in self.groups)

    def per_frame(self) -> dict[str, tuple[int, int]]:
        out: dict[str, list[int]] = {}
        for g in self.groups:
            count = out.setdefault(g.frame, [0, 0])
            count[0] += g.right
            count[1] += 1
        return {frame: (r, n) for frame, (r, n) in sorted(out.items())}

    def to_json(self) -> dict[str, Any]:
        return {
            "groups_right": self.right,
            "groups_total": len(self.groups),
            "per_frame": {f: {"right": r, "total": n} for f, (r, n) in self.per_frame().items()},
            "failing": [
                {
                    "group": g.group,
                    "frame": g.frame,
                    "tellings": [{"telling": i, **t.to_json()} for i, t in g.failing()],
                }
                for g in self.groups
                if not g.right
            ],
            "figures": self.evaluation.summary(),
        }


def group_files(paths: Iterable[str | Path]) -> list[Path]:
    """The .jsonl files given, a folder standing for the .jsonl files in it."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(path.glob("*.jsonl")))
        elif path.is_file():
            out.append(path)
        else:
            raise BadInput(f"{path}: no such paraphrase file or folder")
    if not out:
        raise BadInput("no paraphrase group files (.jsonl) found in the paths given")
    return out


def load_groups(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    groups, seen = [], set()
    for path in group_files(paths):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise BadInput(f"{where}: not a JSON object ({exc.msg})") from exc
            tellings = row.get("tellings") if isinstance(row, dict) else None
            if not isinstance(tellings, list) or not tellings or "group" not in row:
                raise BadInput(f"{where}: a group needs 'group' and a list of 'tellings'")
            if len(tellings) > MAX_TELLINGS:
                raise BadInput(f"{where}: more than {MAX_TELLINGS} tellings in one group")
            if any(not isinstance(t, dict) or not t.get("text") for t in tellings):
                raise BadInput(f"{where}: each telling needs a 'text' (and a 'title')")
            if row["group"] in seen:
                raise BadInput(f"{where}: group {row['group']!r} is given twice")
            seen.add(row["group"])
            groups.append(row)
    return groups


def analyze_text(title: str, text: str, published: str | None) -> dict[str, Any]:
    """The pipeline's reading of one telling (title first line, then the text)."""
    from treatywatch.model import Article
    from treatywatch.pipeline import analyze_article

    # Built directly: a two-sentence telling is too short for the reader's language check,
    # and the tellings are ours, written in English.
    body = f"{title}\n\n{text}" if title else text
    day = leading_date(published, what="group published") if published else None
    article = Article(title=title, text=body, published=day, language="en")
    return analyze_article(article).to_json()


def score_groups(
    groups: list[dict[str, Any]], analyze: TextAnalyzer | None = None
) -> ParaphraseResult:
    analyze = analyze or analyze_text
    result = ParaphraseResult()
    for row in groups:
        gold = {k: row.get(k) for k in GOLD_FIELDS}
        found = GroupResult(str(row["group"]), str(row.get("frame") or "?"))
        for i, telling in enumerate(row["tellings"]):
            gold_row = {"id": f"{row['group']}#{i}", **gold}
            pred = analyze(str(telling.get("title") or ""), telling["text"], row.get("published"))
            score_article(result.evaluation, gold_row, pred)
            found.tellings.append(result.evaluation.articles[-1])
        result.groups.append(found)
    return result
