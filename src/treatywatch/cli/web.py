"""`treatywatch serve | report | digest`: the dashboard and the reports."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from treatywatch.cli import app
from treatywatch.cli.options import DbOption, day, day_or_today
from treatywatch.dates import parse_date

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


def _check_output(fmt: ReportFormat, output: Path | None) -> None:
    """Refuse a PDF for the terminal before any work is done."""
    if fmt is ReportFormat.PDF and output is None:
        raise typer.BadParameter("a PDF cannot go to the terminal: give -o FILE.pdf",
                                 param_hint="'--format' / '-f'")


def _publish(fmt: ReportFormat, output: Path | None, markdown: Callable[[], str],
             html: Callable[[], str]) -> None:
    """Write a report in the chosen format: Markdown, HTML, or PDF made from the HTML."""
    from treatywatch.report import render

    if fmt is ReportFormat.MD:
        _write(markdown(), output)
    elif fmt is ReportFormat.HTML:
        _write(html(), output)
    else:
        _write(render.html_to_pdf(html()), output)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    writable: Annotated[bool, typer.Option("--writable", help="Accept writes (default: "
                                           "read-only).")] = False,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", envvar="TREATYWATCH_BASE_URL",
        help="Public address for absolute links in feeds, e.g. https://watch.example.org "
        "(default: http://HOST:PORT).")] = None,
    private: Annotated[bool, typer.Option("--private", help="Ask a login or an API token for "
                                          "every page (default: reading is open).")] = False,
) -> None:
    """Start the web dashboard and its JSON API (read-only by default; --writable to review)."""
    import uvicorn

    from treatywatch.store import open_database
    from treatywatch.web import create_app

    public = base_url or f"http://{host}:{port}"
    if not public.startswith(("http://", "https://")):
        raise typer.BadParameter(f"{public!r} is not an http(s) address",
                                 param_hint="'--base-url'")
    open_database(db).close()  # fail here, with the fix, if the store is missing or old
    typer.echo(f"treatywatch dashboard on http://{host}:{port}/  (API docs: /docs)", err=True)
    uvicorn.run(create_app(db, read_only=not writable, private=private, base_url=public),
                host=host, port=port,
                log_level="info")


@app.command()
def report(
    state: Annotated[str, typer.Argument(help="State: ISO3 code (UKR) or name (Ukraine).")],
    treaty: TreatyOpt = None,
    on: Annotated[str | None, typer.Option("--on", help="As of this day, YYYY-MM-DD "
                                          "(default: today).")] = None,
    fmt: FormatOpt = ReportFormat.HTML,
    output: OutOpt = None,
    db: DbOption = None,
    reviewed_only: Annotated[bool, typer.Option("--reviewed-only", help="Only findings an "
                                                "analyst confirmed or amended (to publish).")]
    = False,
) -> None:
    """A state's profile: status, deadlines, findings with sources, events over time."""
    from treatywatch.report import render
    from treatywatch.report.profile import country_profile
    from treatywatch.store import open_database

    _check_output(fmt, output)
    on_day = day_or_today(on, "--on")
    with open_database(db) as store:
        profile = country_profile(store, state, treaty, on_day, reviewed_only=reviewed_only)
    _publish(fmt, output, lambda: render.profile_markdown(profile),
             lambda: render.profile_html(profile))


@app.command()
def digest(
    since: Annotated[str, typer.Option("--since", help="First day, YYYY-MM-DD.")],
    until: Annotated[str | None, typer.Option("--until", help="Last day, YYYY-MM-DD "
                                              "(default: today).")] = None,
    treaty: TreatyOpt = None,
    fmt: FormatOpt = ReportFormat.MD,
    output: OutOpt = None,
    db: DbOption = None,
) -> None:
    """What happened in a period, by state and treaty, with the evidence."""
    from treatywatch.report import render
    from treatywatch.report.digest import digest as make_digest
    from treatywatch.store import open_database

    _check_output(fmt, output)
    first = parse_date(since, what="--since")
    last = day(until, "--until")
    with open_database(db) as store:
        result = make_digest(store, first, last, treaty)
    _publish(fmt, output, lambda: render.digest_markdown(result),
             lambda: render.digest_html(result))
