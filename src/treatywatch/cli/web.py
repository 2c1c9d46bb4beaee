"""`treatywatch serve | report | digest`: the dashboard and the reports."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from treatywatch.cli import app
from treatywatch.treaties.dates import parse_date

DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="Database file or URL (default: $TREATYWATCH_DATABASE_URL, "
                 "else ./treatywatch.db)."),
]
TreatyOpt = Annotated[str | None, typer.Option("--treaty", "-t", help="apmbc (default) or ccm.")]
OutOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout; "
                              "PDF needs a file).")
]


class ReportFormat(StrEnum):
    HTML = "html"
    MD = "md"
    PDF = "pdf"


FormatOpt = Annotated[ReportFormat, typer.Option("--format", "-f", help="html, md or pdf.")]


def _write(content: str | bytes, output: Path | None) -> None:
    if output is None:
        if isinstance(content, bytes):
            raise typer.BadParameter("a PDF cannot go to the terminal: give -o FILE.pdf")
        sys.stdout.write(content)
        return
    if isinstance(content, bytes):
        output.write_bytes(content)
    else:
        output.write_text(content, encoding="utf-8")
    typer.echo(f"wrote {output}", err=True)


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    writable: Annotated[bool, typer.Option("--writable", help="Accept writes (default: "
                                           "read-only).")] = False,
) -> None:
    """Start the web dashboard and its JSON API (read-only by default)."""
    import uvicorn

    from treatywatch.store import open_database
    from treatywatch.web import create_app

    open_database(db).close()  # fail here, with the fix, if the store is missing or old
    typer.echo(f"treatywatch dashboard on http://{host}:{port}/  (API docs: /docs)", err=True)
    uvicorn.run(create_app(db, read_only=not writable), host=host, port=port, log_level="info")


@app.command()
def report(
    state: Annotated[str, typer.Argument(help="State: ISO3 code (UKR) or name (Ukraine).")],
    treaty: TreatyOpt = None,
    on: Annotated[str | None, typer.Option("--on", help="As of this day, YYYY-MM-DD "
                                          "(default: today).")] = None,
    fmt: FormatOpt = ReportFormat.HTML,
    output: OutOpt = None,
    db: DbOpt = None,
) -> None:
    """A state's profile: status, deadlines, findings with sources, events over time."""
    from treatywatch.report import render
    from treatywatch.report.profile import country_profile
    from treatywatch.store import open_database

    day = parse_date(on, what="--on") if on else date.today()
    with open_database(db) as store:
        profile = country_profile(store, state, treaty, day)
    if fmt is ReportFormat.MD:
        _write(render.profile_markdown(profile), output)
    elif fmt is ReportFormat.HTML:
        _write(render.profile_html(profile), output)
    else:
        _write(render.html_to_pdf(render.profile_html(profile)), output)


@app.command()
def digest(
    since: Annotated[str, typer.Option("--since", help="First day, YYYY-MM-DD.")],
    until: Annotated[str | None, typer.Option("--until", help="Last day, YYYY-MM-DD "
                                              "(default: today).")] = None,
    treaty: TreatyOpt = None,
    fmt: FormatOpt = ReportFormat.MD,
    output: OutOpt = None,
    db: DbOpt = None,
) -> None:
    """What happened in a period, by state and treaty, with the evidence."""
    from treatywatch.report import render
    from treatywatch.report.digest import digest as make_digest
    from treatywatch.store import open_database

    first = parse_date(since, what="--since")
    last = parse_date(until, what="--until") if until else None
    with open_database(db) as store:
        result = make_digest(store, first, last, treaty)
    if fmt is ReportFormat.MD:
        _write(render.digest_markdown(result), output)
    elif fmt is ReportFormat.HTML:
        _write(render.digest_html(result), output)
    else:
        _write(render.html_to_pdf(render.digest_html(result)), output)
