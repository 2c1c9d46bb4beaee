"""Store commands: `db upgrade`, `ingest`, `failures`, `findings`, `events`, `articles search`,
`reassess`, `export`, `runs`. They parse, call `treatywatch.store` or `treatywatch.runner`,
and render."""

from __future__ import annotations

import json
import signal
import sys
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from treatywatch.cli import app
from treatywatch.cli.options import (
    AsOfOption,
    CsvOption,
    DbOption,
    FormatOption,
    JsonOption,
    day,
)
from treatywatch.cli.output import columns_for, pick_format, render
from treatywatch.model import FindingStatus

db_app = typer.Typer(help="The store's database: create or upgrade its schema.",
                     no_args_is_help=True)
articles_app = typer.Typer(help="Stored articles: full-text search, one article.",
                           no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(articles_app, name="articles")

SinceOption = Annotated[str | None, typer.Option(help="From this day (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option(help="Up to this day (YYYY-MM-DD).")]
LimitOption = Annotated[int, typer.Option("--limit", help="At most this many rows.")]
OffsetOption = Annotated[int, typer.Option("--offset", help="Skip this many rows first.")]


def _open(db: str | None, *, create: bool = False):
    from treatywatch.store import open_database

    return open_database(db, create=create)


# --- db --------------------------------------------------------------------------------------


@db_app.command("upgrade")
def db_upgrade(
    db: DbOption = None,
    revision: Annotated[str, typer.Option(help="Target revision.")] = "head",
) -> None:
    """Create the database or bring its schema up to date (Alembic migrations)."""
    from treatywatch.store.db import describe, resolve_url, upgrade

    url = resolve_url(db)
    before, after = upgrade(url, revision)
    where = describe(url)
    if before == after:
        typer.echo(f"{where}: already at revision {after}")
    else:
        typer.echo(f"{where}: upgraded from {before or 'nothing'} to revision {after}")


@db_app.command("status")
def db_status(db: DbOption = None) -> None:
    """Show the database's schema revision and what this treatywatch needs."""
    from treatywatch.store.db import describe, resolve_url, revisions

    url = resolve_url(db)
    current, head = revisions(url)
    state = "up to date" if current == head else "needs: treatywatch db upgrade"
    typer.echo(
        f"{describe(url)}: revision {current or 'none'} (this treatywatch: {head}) — {state}"
    )


# --- ingest ----------------------------------------------------------------------------------


def _progress_line(p) -> str:
    return (f"seen {p.seen:,} · screened out {p.screened_out:,} · new {p.stored:,} · "
            f"dup {p.duplicates:,} · relevant "
            f"{p.relevant:,} · events {p.events:,} · findings {p.findings:,} · failures "
            f"{p.failures:,} · {p.rate:,.1f}/s"
            + (f" · eta {p.eta:,.0f} s" if p.eta is not None else ""))


def _show(bar, task, p) -> None:
    """One progress update: inputs seen, or (Dask engine) shards done of all."""
    if hasattr(p, "shards_total"):
        bar.update(task, completed=p.shards_done, total=p.shards_total,
                   description=f"shards {p.shards_done:,}/{p.shards_total:,} · "
                   + _progress_line(p))
    else:
        bar.update(task, completed=p.seen, description=_progress_line(p))


def _summary(console: Console, p) -> None:
    table = Table(title=f"ingest run {p.run_id}: {p.status}", show_header=False)
    table.add_column("", style="bold")
    table.add_column("", justify="right")
    for label, value in (
        ("seen", p.seen), ("screened out (no treaty words)", p.screened_out),
        ("stored (new)", p.stored), ("already stored", p.duplicates),
        ("relevant", p.relevant), ("events", p.events), ("findings", p.findings),
        ("failures", p.failures), ("seconds", f"{p.elapsed:,.1f}"),
        ("rate (inputs/s)", f"{p.rate:,.1f}"),
        *((("shards done", f"{p.shards_done:,} of {p.shards_total:,}"),
           ("shards done before (skipped)", p.shards_skipped),
           ("shards failed", p.shards_failed)) if hasattr(p, "shards_total") else ()),
    ):
        table.add_row(label, str(value) if not isinstance(value, int) else f"{value:,}")
    console.print(table)
    if p.failures:
        console.print("[dim]see them with: treatywatch failures[/dim]")


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(
        help="Files, folders (recursive), .jsonl, .warc/.warc.gz, RSS/Atom feeds (file or URL), "
        "web page URLs, or @LIST (a file of sources, one a line).")],
    db: DbOption = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Allow fetching from loopback, private and link-local addresses."
    )] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary.")] = False,
    keep_all: Annotated[bool, typer.Option(
        "--keep-all", help="Read and keep every article, also those the prefilter screens out "
        "(slower; makes every text searchable).")] = False,
    as_of: AsOfOption = None,
    batch_size: Annotated[int, typer.Option(help="Articles per committed batch.")] = 200,
    workers: Annotated[int | None, typer.Option(
        help="Processes for the language analysis (the main one reads and writes; default 1); "
        "with --engine dask, the workers of the local cluster (default 2).")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait on a server.")] = 20.0,
    max_bytes: Annotated[int, typer.Option(help="Largest page or feed fetched.")] = 5 * 2**20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run's totals as JSON.")
                       ] = False,
    engine: Annotated[str, typer.Option(
        help="'process' (this machine: one process, or --workers of them) or 'dask' (one task "
        "per shard on a Dask cluster: --workers N local workers, or --scheduler; see "
        "docs/scale.md).")] = "process",
    scheduler: Annotated[str | None, typer.Option(
        help="With --engine dask: the address of a running Dask scheduler (tcp://HOST:PORT); "
        "needs a PostgreSQL store.")] = None,
) -> None:
    """Read sources into the store: each article analysed once, events and findings kept.

    Exit status: 0 when every input was read, 4 when some failed, 5 when all failed (see
    `treatywatch failures`), 130 when interrupted. A one-line summary goes to stderr."""
    from treatywatch.ingest.fetch import FetchPolicy
    from treatywatch.runner import estimate_total, exit_status
    from treatywatch.runner import ingest as run_ingest

    as_of_day = day(as_of, "--as-of")
    if engine not in ("process", "dask"):
        raise typer.BadParameter(f"unknown engine {engine!r}: use process or dask",
                                 param_hint="--engine")
    if scheduler and engine != "dask":
        raise typer.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    if engine == "dask":
        from treatywatch.scale.cluster import require_dask

        require_dask()  # before anything is created: one line saying what to install
    database = _open(db, create=True)  # a new file is created and set up on first use
    policy = FetchPolicy(allow_private=allow_private, timeout=timeout, max_bytes=max_bytes)
    console = Console(stderr=True)

    def _term(signum, frame):  # kill/TERM: stop like Ctrl-C (the open batch is rolled back)
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _term)
    show_bar = not quiet and not as_json and console.is_terminal
    if engine == "dask":
        from treatywatch.scale import ingest_dask

        total = None
        run = partial(ingest_dask, database, sources, policy=policy, keep_all=keep_all,
                      as_of=as_of_day, batch_size=batch_size, workers=workers or 2,
                      scheduler=scheduler)
    else:
        total = estimate_total(sources) if show_bar else None
        run = partial(run_ingest, database, sources, policy=policy, keep_all=keep_all,
                      as_of=as_of_day, batch_size=batch_size, workers=workers or 1,
                      total=total)
    try:
        if show_bar:
            with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                          MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(),
                          console=console, transient=True) as bar:
                task = bar.add_task("starting…", total=total)
                result = run(on_progress=lambda p: _show(bar, task, p))
        else:
            result = run()
    except KeyboardInterrupt:
        if not quiet:
            console.print("interrupted: committed batches are kept; run the same command again "
                          "to finish (nothing is stored twice)")
        raise typer.Exit(130) from None
    finally:
        database.close()
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict()) + "\n")
    elif not quiet:
        _summary(Console(), result)
    if not quiet:  # also without a terminal (cron, CI, a service's log)
        sys.stderr.write(result.line() + "\n")
    code = exit_status(result)
    if code:
        raise typer.Exit(code)


# --- listings --------------------------------------------------------------------------------


FINDING_COLUMNS = ["id", "on_date", "on_precision", "date_basis", "treaty", "state", "kind",
                   "treaty_article", "modality", "status", "confidence", "review_reasons",
                   "corroborating_outlets", "rule",
                   "article_id", "article_title", "article_url", "explanation", "reviewed"]
FINDING_TABLE = ["id", "on_date", "treaty", "state", "kind", "treaty_article", "modality",
                 "status", "corroborating_outlets", "article_id", "reviewed"]
EVENT_COLUMNS = ["id", "when", "when_precision", "article_published", "act", "weapon", "actor",
                 "actor_name", "counterpart", "location", "modality", "killed", "injured",
                 "civilians", "children", "device", "speaker", "article_id", "article_title"]
EVENT_TABLE = ["id", "article_published", "act", "weapon", "actor", "counterpart", "location",
               "modality", "article_id"]


def _page_and_total(db, fetch, count, filters, limit: int, offset: int) -> tuple[list, int]:
    """One page of a stored listing (`fetch`) and how many rows match in all (`count`)."""
    with _open(db) as database:
        return (fetch(database, limit=limit, offset=offset, **filters),
                count(database, **filters))


@app.command()
def failures(
    db: DbOption = None, limit: LimitOption = 100, offset: OffsetOption = 0,
    fmt: FormatOption = None, as_json: JsonOption = False, as_csv: CsvOption = False,
) -> None:
    """Inputs that could not be read, with the reason (most recent first)."""
    from treatywatch.store import queries

    with _open(db) as database:
        rows = queries.failures(database, limit=limit, offset=offset)
    chosen = pick_format(fmt, as_json, as_csv)
    render(rows, columns_for(chosen, ["last_seen", "reason", "times"],
                          ["last_seen", "input", "reason", "times", "first_seen", "run_id"]),
           chosen, title="failures")


@app.command()
def findings(
    db: DbOption = None,
    state: Annotated[str | None, typer.Option(help="ISO 3166 alpha-3, e.g. UKR.")] = None,
    treaty: Annotated[str | None, typer.Option(help="apmbc or ccm.")] = None,
    kind: Annotated[str | None, typer.Option(
        help="prohibited_act, deadline_missed, non_party_act, progress, withdrawal.")] = None,
    modality: Annotated[str | None, typer.Option(help="occurred, alleged, announced, …")] = None,
    status: Annotated[FindingStatus | None, typer.Option(
        help="asserted, or needs_review (a prohibited act on weak support).")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 50, offset: OffsetOption = 0,
    fmt: FormatOption = None, as_json: JsonOption = False, as_csv: CsvOption = False,
) -> None:
    """Stored findings, newest first, with their evidence, rule and corroboration."""
    from treatywatch.store import queries

    filters = dict(state=state, treaty=treaty, kind=kind, modality=modality,
                   status=status.value if status else None, since=day(since, "--since"),
                   until=day(until, "--until"))
    rows, total = _page_and_total(db, queries.findings, queries.count_findings, filters,
                                  limit, offset)
    chosen = pick_format(fmt, as_json, as_csv)
    render(rows, columns_for(chosen, FINDING_TABLE, FINDING_COLUMNS), chosen,
           title=f"findings ({len(rows)} of {total})")


@app.command()
def events(
    db: DbOption = None,
    act: Annotated[str | None, typer.Option(help="use, transfer, clear, …")] = None,
    actor: Annotated[str | None, typer.Option(help="ISO3 of the actor.")] = None,
    state: Annotated[str | None, typer.Option(help="ISO3 on any side of the event.")] = None,
    weapon: Annotated[str | None, typer.Option(help="ap_mine, cluster_munition, …")] = None,
    modality: Annotated[str | None, typer.Option(help="occurred, alleged, …")] = None,
    treaty: Annotated[str | None, typer.Option(
        help="apmbc or ccm (for sign, ratify, accede, withdraw, suspend).")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 50, offset: OffsetOption = 0,
    fmt: FormatOption = None, as_json: JsonOption = False, as_csv: CsvOption = False,
) -> None:
    """Stored events, newest first, with their evidence."""
    from treatywatch.store import queries

    filters = dict(act=act, actor=actor, state=state, weapon=weapon, modality=modality,
                   treaty=treaty, since=day(since, "--since"), until=day(until, "--until"))
    rows, total = _page_and_total(db, queries.events, queries.count_events, filters,
                                  limit, offset)
    chosen = pick_format(fmt, as_json, as_csv)
    render(rows, columns_for(chosen, EVENT_TABLE, EVENT_COLUMNS), chosen,
           title=f"events ({len(rows)} of {total})")


@articles_app.command("search")
def articles_search(
    text: Annotated[str, typer.Argument(help='Words (all must appear) or "a phrase".')],
    db: DbOption = None, limit: LimitOption = 20, offset: OffsetOption = 0,
    fmt: FormatOption = None, as_json: JsonOption = False, as_csv: CsvOption = False,
) -> None:
    """Full-text search over stored articles, best match first."""
    from treatywatch.store import queries

    with _open(db) as database:
        rows = queries.search_articles(database, text, limit=limit, offset=offset)
    chosen = pick_format(fmt, as_json, as_csv)
    render(rows, columns_for(chosen, ["id", "published", "title", "snippet"],
                          ["id", "published", "outlet", "title", "url", "snippet", "rank"]),
           chosen, title=f"articles matching {text!r}")


@articles_app.command("show")
def articles_show(
    article_id: Annotated[int, typer.Argument(help="The article's id.")],
    db: DbOption = None,
) -> None:
    """One stored article with its events and findings, as JSON."""
    from treatywatch.errors import TreatywatchError
    from treatywatch.store import queries

    with _open(db) as database:
        row = queries.article(database, article_id)
    if row is None:
        raise TreatywatchError(f"no article {article_id} in the store; find ids with "
                               "`treatywatch articles search`")
    sys.stdout.write(json.dumps(row, ensure_ascii=False, indent=2) + "\n")


@app.command()
def runs(
    db: DbOption = None, limit: LimitOption = 20,
    fmt: FormatOption = None, as_json: JsonOption = False, as_csv: CsvOption = False,
) -> None:
    """Ingest and reassess runs, newest first."""
    from treatywatch.store import queries

    with _open(db) as database:
        rows = queries.runs(database, limit=limit)
    render(rows, ["id", "kind", "status", "started_at", "seen", "stored", "duplicates",
                  "relevant", "events", "findings", "failures"],
           pick_format(fmt, as_json, as_csv), title="runs")


@app.command()
def reassess(
    db: DbOption = None,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
) -> None:
    """Recompute findings from stored events with the current rules and registry."""
    from treatywatch.runner import reassess as run_reassess

    with _open(db) as database:
        totals = run_reassess(database, as_of=day(as_of, "--as-of"))
    if as_json:
        sys.stdout.write(json.dumps(totals) + "\n")
    else:
        typer.echo(f"reassessed {totals['articles']:,} articles: findings {totals['before']:,} "
                   f"-> {totals['after']:,}; {totals['changed']:,} articles changed")
        for change in totals["changes"]:
            typer.echo(f"article {change['article_id']}: {change['title']}")
            for sign, items in (("-", change["removed"]), ("+", change["added"])):
                for f in items:
                    typer.echo(f"  {sign} {_finding_words(f)}")


def _finding_words(f: dict) -> str:
    article = f" Art. {f['article']}" if f["article"] else ""
    modality = f" ({f['modality']})" if f["modality"] else ""
    review = " [needs review]" if f["status"] == "needs_review" else ""
    return f"{f['kind']}{modality}{review} · {f['treaty']}{article} · {f['state']} · {f['rule']}"


@app.command()
def export(
    out: Annotated[Path, typer.Argument(help="Folder to write into (created).")],
    fmt: Annotated[str, typer.Option("--format", help="parquet, csv or jsonl.")] = "parquet",
    db: DbOption = None,
) -> None:
    """Export articles' metadata, events and findings (one file each) as Parquet, CSV or JSONL."""
    from treatywatch.store.export import export as run_export

    with _open(db) as database:
        result = run_export(database, out, fmt)
    for name, info in result.items():
        typer.echo(f"{name}: {info['rows']:,} rows -> {info['path']}")
