"""Score the candidates on a set of labelled sentences: the rules alone, the classifier alone,
and the two together under a policy (`hook.Policy`).

    python -m treatywatch.extract.learned.compare FILE.jsonl... [--policy SPEC]... [--model DIR]
        [--json] [--errors OUT.jsonl]

The rules' label of a sentence is the modality treatywatch's reader gives it read as a
one-sentence article (`analyze_article`) under the neutral headline "Landmines" (without one, the
prefilter rightly drops an article whose only weapon word is a bare "mines"): that of the first
event of the sentence's act, or `none` when it reads no such event. "both" is the same reading
with the policy installed.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from treatywatch.extract.learned import hook
from treatywatch.extract.learned.classifier import MODEL_DIR, classify_many
from treatywatch.extract.learned.corpus import Sentence, act_name, read_sentences
from treatywatch.extract.learned.scores import Scores, confusion_table, score
from treatywatch.model import Article

__all__ = ["read_by_rules", "compare", "main"]

PUBLISHED = date(2025, 6, 1)
TITLE = "Landmines"  # makes the article relevant; it tells no act of its own


def read_by_rules(sentence: Sentence) -> str:
    """The label the reader (with whatever policy is installed) gives one sentence."""
    from treatywatch.pipeline import analyze_article

    article = Article(title=TITLE, text=sentence.text, published=PUBLISHED)
    events = analyze_article(article).events
    same = [e for e in events if act_name(e.act) == sentence.act]
    return same[0].modality.value if same else "none"


def compare(
    sentences: list[Sentence], policies: list[str], model: Path = MODEL_DIR
) -> dict[str, tuple[Scores, list[str]]]:
    """Each candidate's scores and labels: `rules`, `learned`, and `both <policy>` per policy."""
    gold = [s.label for s in sentences]
    out: dict[str, tuple[Scores, list[str]]] = {}
    before = hook.active()
    try:
        hook.configure(None)
        read = [read_by_rules(s) for s in sentences]
        out["rules"] = (score(gold, read), read)
        hook.use_model(model)
        learned = [r.label for r in classify_many([s.text for s in sentences], model)]
        out["learned"] = (score(gold, learned), learned)
        for spec in policies:
            hook.configure(spec)
            read = [read_by_rules(s) for s in sentences]
            out[f"both {spec}"] = (score(gold, read), read)
    finally:
        hook.configure(before)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m treatywatch.extract.learned.compare")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--policy", action="append", default=[])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--model", type=Path, default=MODEL_DIR, help="a trained model folder")
    parser.add_argument("--errors", type=Path, help="write every sentence's labels here (dev)")
    args = parser.parse_args(argv)
    sentences = read_sentences(args.files)
    results = compare(sentences, args.policy or [hook.DEFAULT_POLICY], args.model)
    writers = sorted({s.writer for s in sentences})
    if args.json:
        print(json.dumps({k: v[0].as_dict() for k, v in results.items()}))
    else:
        print(f"{len(sentences)} sentences by {', '.join(writers)}")
        print("| candidate | accuracy | macro-F1 |\n|---|---|---|")
        for name, (scores, _) in results.items():
            print(f"| {name} | {scores.accuracy:.3f} | {scores.macro_f1:.3f} |")
        for name, (scores, _) in results.items():
            print(f"\n{name}:\n{confusion_table(scores)}")
    if args.errors:
        rows = [
            {"text": s.text, "act": s.act, "gold": s.label}
            | {name: labels[i] for name, (_, labels) in results.items()}
            for i, s in enumerate(sentences)
        ]
        args.errors.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
