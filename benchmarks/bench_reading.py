"""How well the current build reads real news: the real-news splits scored against their gold.

    .venv/bin/python benchmarks/bench_reading.py [--split dev] [--first-pass] [--json]

For each split (default: every `eval/gold/<split>.jsonl`), the texts are read from
`eval/texts/<split>/` (git-ignored; docs/evaluation.md says how to restore them). A split with
no text at all is skipped with the restore instructions; one with some texts missing is scored
on the rest and labelled INCOMPLETE. Every figure is printed with its split, whether its text
set is complete, and its pass: `--first-pass` declares that no one has read the sealed split's
errors (docs/evaluation.md, "Splits"). The sealed split's per-article errors are never printed.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIGURES = (
    "event_p",
    "event_r",
    "event_f1",
    "event_f1_strict",
    "modality_acc",
    "finding_p",
    "finding_r",
    "finding_f1",
    "negatives_with_output",
)


def score_split(split: str, first_pass: bool) -> dict | None:
    from treatywatch.evaluation import evaluate, load_gold, predictions_from_folder
    from treatywatch.evaluation.report import build, label_for
    from treatywatch.evaluation.splits import gold_path, restore_hint, text_set, texts_dir

    path = gold_path(split, ROOT)
    if not path.is_file():
        print(f"{split}: skipped, no gold file {path}", file=sys.stderr)
        return None
    gold = load_gold(path)
    found = text_set(split, gold, texts_dir(split, ROOT))
    if not found.present:
        print(f"{split}: skipped, no texts.\n{restore_hint(found)}", file=sys.stderr)
        return None
    if not found.complete:
        print(restore_hint(found), file=sys.stderr)
    start = time.perf_counter()
    result = evaluate(found.present, predictions_from_folder(found.present, found.folder))
    seconds = time.perf_counter() - start
    report = build(result, label_for(split, found, first_pass), reveal=False)
    report["seconds"] = round(seconds, 2)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", action="append", choices=("dev", "sealed"))
    parser.add_argument("--first-pass", action="store_true", help="label the figures first pass")
    parser.add_argument("--json", action="store_true", help="one JSON object per split")
    args = parser.parse_args()
    reports = [r for s in args.split or ("dev", "sealed") if (r := score_split(s, args.first_pass))]
    for r in reports:
        if args.json:
            print(json.dumps(r, default=str))
            continue
        print(
            f"{r['split']} · {r['texts']} · {r['pass']} · {r['articles_scored']} articles "
            f"in {r['seconds']} s"
        )
        for name in FIGURES:
            print(f"  {name:24} {r[name]}")
        print(f"  {'invented_violations':24} {r['invented_violations']['count']}")
        for act, f in r["per_act"].items():
            print(
                f"  per act {act:16} F1 {f['f1']:.3f} strict {f['f1_strict']:.3f} "
                f"({f['tp']} of {f['gold']} gold, {f['predicted']} read)"
            )
    return 0 if reports else 1


if __name__ == "__main__":
    sys.exit(main())
