"""Splits and their texts: where gold and texts live, which texts are missing, how to restore.

A split is `eval/gold/<split>.jsonl` (committed: url, title, outlet, date, query, events,
findings) with its texts in `eval/texts/<split>/<id>.txt` (git-ignored: the articles are not
ours to copy). The texts are restored with the `search` tool (corpus `pages`) from each line's
query, title and url, in the file format of docs/annotation.md ("Texts").
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from treatywatch.dates import leading_date
from treatywatch.errors import BadInput

log = logging.getLogger(__name__)

# "sealed2": the second blind split, annotated after the first sealed split's one pass of its
# release (docs/evaluation.md, "Splits"); every split whose name starts "sealed" is sealed.
SPLITS = ("dev", "sealed", "sealed2")


def is_sealed(split: str) -> bool:
    """Whether a split's per-article errors are withheld unless revealed."""
    return split.startswith("sealed")
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".json")
SHOWN_MISSING = 5
MAX_GOLD_BYTES = 50_000_000


def project_root(start: Path | None = None) -> Path:
    """The folder holding `eval/gold/`: the working folder or one above it, else the source tree."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "eval" / "gold").is_dir():
            return folder
    source = Path(__file__).resolve().parents[3]
    return source if (source / "eval" / "gold").is_dir() else here


def gold_path(split: str, root: Path | None = None) -> Path:
    if split not in SPLITS:
        raise BadInput(f"--split {split!r}: choose one of {', '.join(SPLITS)}")
    return project_root(root) / "eval" / "gold" / f"{split}.jsonl"


def texts_dir(split: str, root: Path | None = None) -> Path:
    return project_root(root) / "eval" / "texts" / split


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_GOLD_BYTES:
            raise BadInput(f"{path}: larger than {MAX_GOLD_BYTES} bytes; not a gold file")
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise BadInput(f"{path}: cannot read the gold file ({exc.strerror or exc})") from exc
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadInput(f"{path}:{number}: not a JSON object ({exc.msg})") from exc
        if not isinstance(row, dict) or "id" not in row:
            raise BadInput(f"{path}:{number}: each line needs an object with an 'id'")
        rows.append(row)
    return rows


def find_input(folder: Path, article_id: str) -> Path | None:
    """The file for one gold id in `folder`: <id>.json, .txt, .html or .htm."""
    for suffix in ARTICLE_SUFFIXES:
        candidate = folder / f"{article_id}{suffix}"
        if candidate.is_file():
            return candidate
    return None


@dataclass
class TextSet:
    """Which gold lines of a split have a text in the folder."""

    split: str
    folder: Path
    present: list[dict[str, Any]] = field(default_factory=list)
    missing: list[dict[str, Any]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.present) + len(self.missing)

    @property
    def complete(self) -> bool:
        return not self.missing

    def label(self) -> str:
        if self.complete:
            return f"complete texts {self.total}/{self.total}"
        return f"INCOMPLETE texts {len(self.present)}/{self.total}"

    def to_json(self) -> dict[str, Any]:
        return {
            "complete": self.complete,
            "texts_present": len(self.present),
            "texts_total": self.total,
            "missing_ids": [str(r["id"]) for r in self.missing],
        }


def text_set(split: str, gold: list[dict[str, Any]], folder: Path) -> TextSet:
    found = TextSet(split, folder)
    for row in gold:
        has = folder.is_dir() and find_input(folder, str(row["id"])) is not None
        (found.present if has else found.missing).append(row)
    return found


def restore_hint(found: TextSet, shown: int = SHOWN_MISSING) -> str:
    """What is missing and how to restore it, for the person at the terminal."""
    if found.complete:
        return ""
    ids = ", ".join(str(r["id"]) for r in found.missing[:shown])
    more = ", ..." if len(found.missing) > shown else ""
    lines = [
        f"{len(found.missing)} of {found.total} texts of split {found.split} are missing from "
        f"{found.folder}/ (first: {ids}{more}).",
        "Restore each with the search tool, corpus `pages`: search the line's query (or its "
        "title and outlet), take the result whose address is the line's url, and save it as "
        f"{found.folder}/<id>.txt: the title on the first line, a blank line, then the text "
        'exactly as returned (docs/annotation.md, "Texts"). Never commit it.',
    ]
    for row in found.missing[:shown]:
        lines.append(
            f"  {row['id']}: query={row.get('query')!r} title={row.get('title')!r} "
            f"url={row.get('url')}"
        )
    if len(found.missing) > shown:
        lines.append(
            f"  (treatywatch eval --split {found.split} --list-missing prints all "
            f"{len(found.missing)})"
        )
    return "\n".join(lines)


def missing_lines(found: TextSet) -> list[dict[str, Any]]:
    """One object per missing text: what the search tool needs to bring it back."""
    return [
        {
            "id": r["id"],
            "query": r.get("query"),
            "title": r.get("title"),
            "outlet": r.get("outlet"),
            "url": r.get("url"),
            "save_as": str(found.folder / f"{r['id']}.txt"),
        }
        for r in found.missing
    ]


def is_prediction(path: Path) -> bool:
    """A JSON file holding an `analyze --json` line (it has "events") rather than an article."""
    if path.suffix != ".json":
        return False
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and isinstance(data.get("events"), list)


Analyzer = Callable[[Path, dict[str, Any]], dict[str, Any]]


def predictions_from_folder(
    gold: list[dict[str, Any]], folder: str | Path, analyze: Analyzer | None = None
) -> dict[str, dict[str, Any] | None]:
    """Per gold id: the prediction file's content, or the analysis of the article file.

    `analyze(path, gold_row)` turns an article file into the `analyze --json` object; the default
    reads it, takes the gold's `published` when the file has no date, and runs the pipeline.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise BadInput(f"{folder}: not a folder; give the folder of <id>.txt/.html/.json files")
    analyze = analyze or analyze_file
    out: dict[str, dict[str, Any] | None] = {}
    for row in gold:
        key = str(row["id"])
        path = find_input(folder, key)
        if path is None:
            log.warning("%s: no file for article %s", folder, key)
            out[key] = None
        elif is_prediction(path):
            out[key] = json.loads(path.read_text(encoding="utf-8"))
        else:
            try:
                out[key] = analyze(path, row)
            except BadInput as exc:
                log.warning("%s", exc)
                out[key] = None
    return out


def analyze_file(path: Path, row: dict[str, Any]) -> dict[str, Any]:
    """Read and analyze one article file; the gold's `published` fills a missing date."""
    from treatywatch.ingest.files import read_article
    from treatywatch.pipeline import analyze_article

    article = read_article(path)
    if article.published is None and row.get("published"):
        article.published = leading_date(row["published"], what="gold published")
    return analyze_article(article).to_json()
