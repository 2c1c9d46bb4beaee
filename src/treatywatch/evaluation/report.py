"""The evaluation report as data (`build`) and as text (`render`), each figure with its label.

Every figure is printed beside the split it comes from, whether the text set was complete, and
which pass it is (docs/evaluation.md, "Splits"). For the sealed split the per-article errors are
withheld unless asked for: reading them to write rules would end its blindness.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from treatywatch.evaluation.matching import Tally
from treatywatch.evaluation.scoring import Evaluation
from treatywatch.evaluation.splits import TextSet, is_sealed

MODALITIES = ("occurred", "ongoing", "announced", "alleged", "denied", "negated", "hypothetical")


@dataclass(frozen=True)
class Label:
    """What a figure is a figure of."""

    split: str  # "dev", "sealed", or the gold file's path
    texts: str  # "complete texts 229/229", "INCOMPLETE texts 200/229", "texts as given"
    passed: str  # "dev: not blind", "sealed: FIRST PASS", "sealed: not a first pass", ...
    complete: bool = True

    def line(self) -> str:
        return f"split {self.split} · {self.texts} · {self.passed}"

    def to_json(self) -> dict[str, Any]:
        return {
            "split": self.split,
            "texts": self.texts,
            "pass": self.passed,
            "complete": self.complete,
        }


def pass_label(split: str, first_pass: bool) -> str:
    if split == "dev":
        return "dev: not blind"
    if is_sealed(split):
        return f"{split}: FIRST PASS" if first_pass else f"{split}: not a first pass"
    return "first pass (declared)" if first_pass else "pass unknown"


def label_for(split: str, found: TextSet | None, first_pass: bool = False) -> Label:
    if found is None:
        return Label(split, "texts as given", pass_label(split, first_pass))
    return Label(split, found.label(), pass_label(split, first_pass), found.complete)


def _tallies(table: dict[str, Tally], strict: dict[str, Tally]) -> dict[str, Any]:
    out = {}
    for name in sorted(set(table) | set(strict)):
        out[name] = {
            **table.get(name, Tally()).figures(),
            "f1_strict": strict.get(name, Tally()).figures()["f1"],
        }
    return out


def confusion(result: Evaluation) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for (gold, pred), n in sorted(result.modality.items()):
        out.setdefault(gold, {})[pred] = n
    return out


def build(
    result: Evaluation,
    label: Label,
    *,
    reveal: bool = True,
    gold: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The whole report as one JSON-able object; `summary()`'s figures stay at the top level."""
    negatives = [a.id for a in result.articles if a.negative_with_output]
    invented = result.invented
    report: dict[str, Any] = {
        **result.summary(),
        **label.to_json(),
        "articles_scored": len(result.articles),
        "events": result.events.figures(),
        "events_strict": result.strict.figures(),
        "per_act": _tallies(result.by_act, result.by_act_strict),
        "per_treaty": _tallies(result.by_treaty, result.by_treaty_strict),
        "modality": {
            "accuracy": result.summary()["modality_acc"],
            "matched": result.modality_n,
            "confusion": confusion(result),
        },
        "findings": result.findings.figures(),
        "findings_per_kind": {k: t.figures() for k, t in sorted(result.by_kind.items())},
        "negatives": {"with_output": len(negatives), "total": result.negatives},
        "invented_violations": {"count": len(invented)},
        "errors_withheld": not reveal,
    }
    if reveal:
        report["negatives"]["ids"] = negatives
        report["invented_violations"]["items"] = invented
        rows = {str(g.get("id")): g for g in gold or []}
        report["articles"] = [
            {
                **a.to_json(),
                "title": rows.get(a.id, {}).get("title"),
                "url": rows.get(a.id, {}).get("url"),
            }
            for a in result.articles
            if not a.clean
        ]
    return report


def _prf_table(title: str, rows: dict[str, dict[str, Any]]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("", overflow="fold", min_width=14)
    for column in ("P", "R", "F1 (family)", "F1 strict", "hits", "read", "gold"):
        table.add_column(column, justify="right")
    for name, f in rows.items():
        table.add_row(
            escape(name),
            f"{f['p']:.3f}",
            f"{f['r']:.3f}",
            f"{f['f1']:.3f}",
            f"{f['f1_strict']:.3f}" if "f1_strict" in f else "",
            str(f["tp"]),
            str(f["predicted"]),
            str(f["gold"]),
        )
    return table


def render(console: Console, report: dict[str, Any], *, verbose: bool = False) -> None:
    tag = escape(report_line(report))
    console.print(f"[bold]{tag}[/bold] · {report['articles_scored']} articles scored")
    overall = {
        "events": {**report["events"], "f1_strict": report["events_strict"]["f1"]},
        "findings": report["findings"],
    }
    console.print(_prf_table(f"Overall — {tag}", overall))
    console.print(_prf_table(f"Events per act — {tag}", report["per_act"]))
    console.print(_prf_table(f"Events per treaty — {tag}", report["per_treaty"]))
    console.print(_prf_table(f"Findings per kind — {tag}", report["findings_per_kind"]))
    _confusion_table(console, report, tag)
    neg = report["negatives"]
    line = f"Negatives with output: {neg['with_output']}/{neg['total']} — {tag}"
    if neg.get("ids"):
        line += ": " + escape(", ".join(neg["ids"]))
    console.print(line)
    inv = report["invented_violations"]
    console.print(f"[bold]Invented violations: {inv['count']}[/bold] — {tag}")
    for item in inv.get("items", []):
        console.print(
            escape(
                f"  {item['id']} · {item['state']} · {item['treaty']} Art. {item['article']}"
                f" · {item.get('status') or ''}"
            ),
            soft_wrap=True,
        )
        for sentence in item["evidence"][:2]:
            console.print(f"      \u201c{escape(sentence)}\u201d", soft_wrap=True)
    if report["errors_withheld"]:
        console.print(
            "Per-article errors withheld: this is the sealed split. --reveal-errors shows them, "
            "and whoever reads them makes it a development split (docs/evaluation.md)."
        )
    elif verbose:
        for a in report.get("articles", []):
            console.print(
                f"[bold]{escape(a['id'])}[/bold]" + (" (no output)" if a["missing"] else "")
            )
            for d in a["differences"]:
                console.print(
                    escape(f"  {d['what']}: {tuple(d['item'])} {d['note']}"), soft_wrap=True
                )


def report_line(report: dict[str, Any]) -> str:
    return f"split {report['split']} · {report['texts']} · {report['pass']}"


def _confusion_table(console: Console, report: dict[str, Any], tag: str) -> None:
    mod = report["modality"]
    acc = "n/a" if mod["accuracy"] is None else f"{mod['accuracy']:.3f}"
    table = Table(
        title=f"Modality accuracy {acc} over {mod['matched']} matched events (rows gold, columns "
        f"read) — {tag}",
        title_justify="left",
    )
    read = sorted({p for row in mod["confusion"].values() for p in row}, key=_modality_order)
    table.add_column("gold \\ read")
    for name in read:
        table.add_column(name, justify="right")
    for gold in sorted(mod["confusion"], key=_modality_order):
        row = mod["confusion"][gold]
        table.add_row(gold, *(str(row.get(p, "")) for p in read))
    console.print(table)


def _modality_order(name: str) -> tuple[int, str]:
    return (MODALITIES.index(name) if name in MODALITIES else len(MODALITIES), name)
