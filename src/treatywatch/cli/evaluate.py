"""`treatywatch eval`: score the reading against gold (a split, a folder, paraphrase groups),
and `treatywatch eval agree A1 A2`: agreement between two annotators.

The library does the work (`treatywatch.evaluation`); this module parses and prints.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from treatywatch.cli import app
from treatywatch.errors import BadInput

USAGE = (
    "give --split dev|sealed|sealed2, GOLD.jsonl [DIR], --paraphrase PATH, "
    "or agree A1.jsonl A2.jsonl"
)


@app.command("eval")
def eval_(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="GOLD.jsonl [DIR]: gold annotations and the folder of <id>.txt/.html/.json "
            "articles or of <id>.json analyze outputs (default: the gold file's folder). "
            "Or: agree A1.jsonl A2.jsonl, two annotators' lines of the same articles.",
            show_default=False,
        ),
    ] = None,
    split: Annotated[
        str | None,
        typer.Option(
            "--split", help="Score a split: eval/gold/<split>.jsonl (dev, sealed or sealed2)."
        ),
    ] = None,
    texts: Annotated[
        Path | None,
        typer.Option("--texts", help="The split's texts folder (default eval/texts/<split>/)."),
    ] = None,
    paraphrase: Annotated[
        list[Path] | None,
        typer.Option(
            "--paraphrase",
            help="Score paraphrase groups: a .jsonl file or a folder of them (repeatable).",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report as one JSON object.")
    ] = False,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write the report as an HTML page.")
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List each article's misses and false alarms.")
    ] = False,
    first_pass: Annotated[
        bool,
        typer.Option(
            "--first-pass",
            help="Label the figures a first pass: no one has read this split's errors before.",
        ),
    ] = False,
    reveal_errors: Annotated[
        bool,
        typer.Option(
            "--reveal-errors",
            help="Show the sealed split's per-article errors (it then becomes a development "
            "split: docs/evaluation.md).",
        ),
    ] = False,
    list_missing: Annotated[
        bool,
        typer.Option(
            "--list-missing",
            help="Print every missing text's id, query, title and url (JSON lines) and stop.",
        ),
    ] = False,
) -> None:
    """Score the reading: event P/R/F1 (family, strict), modality, findings, invented violations."""
    paths = list(paths or [])
    console = Console(highlight=False)
    if paths and paths[0] == "agree":
        return _agree(console, paths[1:], as_json)
    if paraphrase:
        if paths or split:
            raise BadInput(f"--paraphrase stands alone; {USAGE}")
        return _paraphrase(console, paraphrase, as_json, verbose)
    if split and paths:
        raise BadInput(f"--split takes no GOLD/DIR arguments; {USAGE}")
    if split:
        return _split(
            console, split, texts, as_json, html, verbose, first_pass, reveal_errors, list_missing
        )
    if not paths or len(paths) > 2:
        raise BadInput(f"nothing to score: {USAGE}")
    return _folder(console, paths, as_json, html, verbose, first_pass)


def _emit(
    console: Console, report: dict[str, Any], as_json: bool, html: Path | None, verbose: bool
) -> None:
    from treatywatch.evaluation.html import write_html
    from treatywatch.evaluation.report import render

    if html is not None:
        write_html(report, html)
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, default=str) + "\n")
        return
    render(console, report, verbose=verbose)
    if html is not None:
        console.print(f"HTML report written to {escape(str(html))}")


def _folder(
    console: Console,
    paths: list[str],
    as_json: bool,
    html: Path | None,
    verbose: bool,
    first_pass: bool,
) -> None:
    from treatywatch.evaluation import evaluate, load_gold, predictions_from_folder
    from treatywatch.evaluation.report import build, label_for

    gold_path = Path(paths[0])
    folder = Path(paths[1]) if len(paths) > 1 else gold_path.parent
    gold = load_gold(gold_path)
    result = evaluate(gold, predictions_from_folder(gold, folder))
    report = build(result, label_for(str(gold_path), None, first_pass), gold=gold)
    _emit(console, report, as_json, html, verbose)


def _split(
    console: Console,
    split: str,
    texts: Path | None,
    as_json: bool,
    html: Path | None,
    verbose: bool,
    first_pass: bool,
    reveal: bool,
    list_missing: bool,
) -> None:
    from treatywatch.evaluation import evaluate, load_gold, predictions_from_folder
    from treatywatch.evaluation.report import build, label_for
    from treatywatch.evaluation.splits import (
        gold_path,
        is_sealed,
        missing_lines,
        restore_hint,
        text_set,
        texts_dir,
    )

    path = gold_path(split)
    if not path.is_file():
        raise BadInput(f"{path}: no gold for split {split!r}; the split's gold file is missing")
    gold = load_gold(path)
    found = text_set(split, gold, texts or texts_dir(split))
    if list_missing:
        for line in missing_lines(found):
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        return
    err = Console(stderr=True, highlight=False)
    if not found.complete:
        err.print(escape(restore_hint(found)), soft_wrap=True)
    if not found.present:
        raise BadInput(f"split {split}: none of its {found.total} texts is in {found.folder}/")
    if is_sealed(split) and reveal:
        err.print(
            "The sealed split's errors are shown: from now on it is a development split "
            "(docs/evaluation.md, Splits); annotate a fresh sealed split."
        )
    result = evaluate(found.present, predictions_from_folder(found.present, found.folder))
    report = build(
        result,
        label_for(split, found, first_pass),
        reveal=not is_sealed(split) or reveal,
        gold=found.present,
    )
    report["texts_set"] = found.to_json()
    _emit(console, report, as_json, html, verbose)


def _paraphrase(console: Console, paths: list[Path], as_json: bool, verbose: bool) -> None:
    from treatywatch.evaluation.paraphrase import load_groups, score_groups

    groups = load_groups(paths)
    result = score_groups(groups)
    out = result.to_json()
    out["invented_violations"] = result.evaluation.invented
    out["set"] = "paraphrase groups: " + ", ".join(str(p) for p in paths)
    if as_json:
        sys.stdout.write(json.dumps(out, ensure_ascii=False, default=str) + "\n")
        return
    tag = escape(out["set"])
    fig = out["figures"]
    console.print(f"[bold]{tag}[/bold] · {len(result.evaluation.articles)} tellings")
    console.print(f"Groups right: {out['groups_right']}/{out['groups_total']} — {tag}")
    for frame, count in out["per_frame"].items():
        console.print(f"  {escape(frame)}: {count['right']}/{count['total']}")
    console.print(
        f"event F1 {fig['event_f1']} · strict {fig['event_f1_strict']} · modality "
        f"{fig['modality_acc']} · finding F1 {fig['finding_f1']} · negatives with output "
        f"{fig['negatives_with_output']} · invented violations "
        f"{len(out['invented_violations'])} — {tag}"
    )
    titles = {g["group"]: g["tellings"] for g in groups}
    for g in out["failing"]:
        console.print(f"[bold]FAIL {escape(g['group'])}[/bold] ({escape(g['frame'])})")
        for t in g["tellings"] if verbose else g["tellings"][:1]:
            title = titles[g["group"]][t["telling"]].get("title") or ""
            console.print(escape(f"  telling {t['telling']}: {title}"), soft_wrap=True)
            for d in t["differences"]:
                console.print(escape(f"    {d['what']}: {tuple(d['item'])}"), soft_wrap=True)
        if not verbose and len(g["tellings"]) > 1:
            console.print(f"  (and {len(g['tellings']) - 1} more failing tellings: --verbose)")
    for v in out["invented_violations"]:
        console.print(
            escape(f"INVENTED {v['id']} · {v['state']} · {v['treaty']} Art. {v['article']}"),
            soft_wrap=True,
        )


def _agree(console: Console, paths: list[str], as_json: bool) -> None:
    from treatywatch.evaluation import load_gold
    from treatywatch.evaluation.agreement import agreement

    if len(paths) != 2:
        raise BadInput("eval agree needs two files: A1.jsonl A2.jsonl (two annotators' lines)")
    out = agreement(load_gold(paths[0]), load_gold(paths[1]))
    out["first"], out["second"] = paths
    if as_json:
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        return
    console.print(
        escape(
            f"Agreement of {paths[0]} and {paths[1]} on {out['articles_both']} "
            "articles (each scored against the other, both ways averaged)"
        )
    )
    for name in ("event_f1", "event_f1_strict", "modality_acc", "finding_f1"):
        console.print(
            f"  {name}: {out[name]}  "
            f"({out['first_as_gold'][name]} / {out['second_as_gold'][name]})"
        )
    console.print(
        f"Disagree on {len(out['disagree'])}: " + escape(", ".join(out["disagree"])),
        soft_wrap=True,
    )
    for side in ("only_first", "only_second"):
        if out[side]:
            console.print(
                f"{side.replace('_', ' ')}: " + escape(", ".join(out[side])), soft_wrap=True
            )
