"""`treatywatch analyze`: events and findings of articles (`eval` is in cli/evaluate.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from treatywatch.cli import app
from treatywatch.cli.options import AsOfOption, day
from treatywatch.errors import TreatywatchError
from treatywatch.model import Analysis, Event


@app.command()
def analyze(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Article files: .txt (first line the title), .html, or .json "
            "(title, text, published, url, outlet)."
        ),
    ],
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="One JSON object per article, one per line, in the order given."
        ),
    ] = False,
    as_of: AsOfOption = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published", help="Publication date (YYYY-MM-DD) for articles that carry none."
        ),
    ] = None,
) -> None:
    """Find treaty events in articles and judge them against the treaties."""
    from treatywatch.ingest.files import read_article
    from treatywatch.pipeline import analyze_article

    as_of_day, published_day = day(as_of, "--as-of"), day(published, "--published")
    console = Console(highlight=False)
    failed = 0
    for path in files:
        try:
            article = read_article(path)
            if published_day and article.published is None:
                article.published = published_day
            analysis = analyze_article(article, as_of=as_of_day)
        except TreatywatchError as exc:
            failed += 1
            _failure(console, path, str(exc), as_json)
            continue
        if as_json:
            sys.stdout.write(json.dumps(analysis.to_json(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            render_analysis(console, analysis)
    if failed:
        raise typer.Exit(1)


def _failure(console: Console, path: Path, message: str, as_json: bool) -> None:
    if as_json:
        line = {"article": {"path": str(path)}, "error": message}
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    else:
        Console(stderr=True, highlight=False).print(f"[red]error:[/red] {escape(message)}")


GROUP_ORDER = (
    "Mine Ban Convention (anti-personnel and unstated landmines)",
    "Convention on Cluster Munitions",
    "Outside the treaties (anti-vehicle and naval mines, remnants of war)",
    "Background (history, treaty text; not judged)",
)


def event_group(e: Event) -> str:
    """Which heading an event is listed under in the readable report."""
    if e.background:
        return GROUP_ORDER[3]
    treaty = e.treaty or (
        "ccm"
        if e.weapon == "cluster_munition"
        else "apmbc"
        if e.weapon in ("ap_mine", "mine", "improvised_mine")
        else None
    )
    return {"apmbc": GROUP_ORDER[0], "ccm": GROUP_ORDER[1]}.get(str(treaty), GROUP_ORDER[2])


def events_table(title: str, rows: list[tuple[int, Event]]) -> Table:
    table = Table(title=title, title_justify="left")
    for column in (
        "#",
        "act",
        "actor",
        "other side",
        "weapon / treaty",
        "modality",
        "said by",
        "when",
    ):
        table.add_column(column, overflow="fold")
    for i, e in rows:
        actor = e.actor or (f"{e.actor_name} (non-state)" if e.actor_name else "?")
        other = e.counterpart or (f"in {e.location}" if e.location else "")
        thing = str(e.weapon or e.treaty or "")
        table.add_row(
            str(i),
            str(e.act),
            escape(actor),
            other,
            thing,
            str(e.modality),
            escape(e.speaker or ""),
            str(e.when or ""),
        )
    return table


def print_evidence(console: Console, rows: list[tuple[int, Event]]) -> None:
    for i, e in rows:
        for ev in e.evidence:
            console.print(
                f"  #{i} \u201c{escape(ev.text)}\u201d [dim]\\[{ev.start}:{ev.end}][/dim]"
            )
    console.print()


def render_analysis(console: Console, analysis: Analysis) -> None:
    """A readable report: the article, its events with quoted evidence, the findings explained."""
    a = analysis.article
    console.rule(f"[bold]{escape(a.title or a.path or 'article')}")
    facts = [f for f in (a.path, a.outlet, a.url, a.published and f"published {a.published}") if f]
    console.print(escape(" · ".join(str(f) for f in facts)))
    if not analysis.events:
        console.print("No treaty-related events found.\n")
        return
    groups: dict[str, list[tuple[int, Event]]] = {}
    for i, e in enumerate(analysis.events):
        groups.setdefault(event_group(e), []).append((i, e))
    for title in GROUP_ORDER:
        if title in groups:
            console.print(events_table(title, groups[title]))
            print_evidence(console, groups[title])
    if not analysis.findings:
        console.print("No findings.\n")
    for f in analysis.findings:
        article = f" Art. {f.article}" if f.article else ""
        review = " · [bold yellow]NEEDS REVIEW[/bold yellow]" if f.status == "needs_review" else ""
        console.print(
            f"[bold]{f.kind}[/bold] · {f.treaty}{article} · {f.state} · "
            f"{f.modality or ''}{review} · confidence {f.confidence:.2f} · [dim]{f.rule}[/dim]"
        )
        if f.review_reasons:
            console.print(f"  [yellow]not asserted: {escape('; '.join(f.review_reasons))}[/yellow]")
        console.print(f"  {escape(f.explanation)}\n")
