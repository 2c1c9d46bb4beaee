"""Compose a split's gold from its readers' files (docs/evaluation.md, "Annotation protocol").

    python eval/annotations/compose.py eval/annotations/sealed2 eval/gold/sealed2.jsonl

Each article's final line is the third reader's (`ADJ*.jsonl`) where the first two differed and
it was settled, else the first reader's (`A1_*.jsonl`): the two agreed on it, so either serves.
Lines are written in id order; an id read by no first reader stops the run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def read_lines(paths: list[Path]) -> dict[str, dict]:
    rows: dict[str, dict] = {}
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if row["id"] in rows:
                raise SystemExit(f"{path}:{number}: id {row['id']} given twice")
            rows[row["id"]] = row
    return rows


def main(folder: str, out: str) -> None:
    base = Path(folder)
    first = read_lines(sorted(base.glob("A1_*.jsonl")))
    settled = read_lines(sorted(base.glob("ADJ*.jsonl")))
    unknown = sorted(set(settled) - set(first))
    if unknown:
        raise SystemExit(f"{folder}: settled ids no first reader read: {', '.join(unknown)}")
    final = [settled.get(key, row) for key, row in sorted(first.items())]
    Path(out).write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in final), encoding="utf-8"
    )
    print(f"{out}: {len(final)} articles, {sum(r['id'] in settled for r in final)} settled")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
