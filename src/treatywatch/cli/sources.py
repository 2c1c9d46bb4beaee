"""`treatywatch sources add|list|remove|pause|resume|import|export`: the list `watch` polls."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from treatywatch.cli import app
from treatywatch.cli.options import CsvOption, DbOption, FormatOption, JsonOption
from treatywatch.cli.output import columns_for, pick_format, render

sources_app = typer.Typer(help="The sources `treatywatch watch` polls: feeds, pages, sitemaps.",
                          no_args_is_help=True)
app.add_typer(sources_app, name="sources")

EveryOption = Annotated[str, typer.Option(
    "--every", help="How often to poll: 90s, 30m, 2h, 1d (at least one minute).")]
RefArgument = Annotated[str, typer.Argument(help="The source's id or its URL.")]

TABLE = ["id", "name", "url", "every", "paused", "last_polled_at", "last_new_at",
         "failures_in_row", "next_poll_at"]
FULL = TABLE[:4] + ["kind", "paused", "last_polled_at", "last_new_at", "failures_in_row",
                    "next_poll_at", "last_status", "last_error", "polls", "pending_items",
                    "allow_private", "allow_networks", "ignore_robots"]


def _open(db: str | None):
    from treatywatch.store import open_database

    return open_database(db)


@sources_app.command("add")
def add(
    url: Annotated[str, typer.Argument(help="An RSS/Atom feed, a web page or a sitemap URL.")],
    name: Annotated[str | None, typer.Option("--name", help="A name to show.")] = None,
    every: EveryOption = "30m",
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Allow loopback, private and link-local addresses for it.")
    ] = False,
    allow_network: Annotated[list[str] | None, typer.Option(
        "--allow-network", help="Allow only this private address or network (CIDR); "
        "repeatable.")] = None,
    ignore_robots: Annotated[bool, typer.Option(
        "--ignore-robots", help="Fetch it even where its site's robots.txt says no "
        "(for sites you own or have permission to read).")] = False,
    db: DbOption = None,
) -> None:
    """Add a source (or change one already there); it is due at once."""
    from treatywatch.watch import sources

    seconds = sources.parse_every(every)
    with _open(db) as database:
        row, added = sources.add(database, url, name=name, every=seconds,
                                 allow_private=allow_private,
                                 allow_networks=list(allow_network or []),
                                 ignore_robots=ignore_robots)
    verb = "added" if added else "updated"
    typer.echo(f"{verb} source {row.id}: {row.url} (every {sources.format_every(seconds)})")


@sources_app.command("list")
def list_(
    db: DbOption = None, fmt: FormatOption = None, as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Every source: last polled, last new item, failures in a row, next poll."""
    from treatywatch.watch import sources

    with _open(db) as database:
        rows = [v.to_dict() for v in sources.listing(database)]
    chosen = pick_format(fmt, as_json, as_csv)
    render(rows, columns_for(chosen, TABLE, FULL), chosen, title=f"sources ({len(rows)})")


@sources_app.command("remove")
def remove(ref: RefArgument, db: DbOption = None) -> None:
    """Remove a source (what was read from it stays in the store)."""
    from treatywatch.watch import sources

    with _open(db) as database:
        url = sources.remove(database, ref)
    typer.echo(f"removed {url}")


@sources_app.command("pause")
def pause(ref: RefArgument, db: DbOption = None) -> None:
    """Stop polling a source until `sources resume`."""
    from treatywatch.watch import sources

    with _open(db) as database:
        url = sources.set_paused(database, ref, True)
    typer.echo(f"paused {url}")


@sources_app.command("resume")
def resume(ref: RefArgument, db: DbOption = None) -> None:
    """Poll a paused source again (at once if it is overdue)."""
    from treatywatch.watch import sources

    with _open(db) as database:
        url = sources.set_paused(database, ref, False)
    typer.echo(f"resumed {url}")


@sources_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="An OPML file (the export of a feed reader).")],
    every: EveryOption = "30m",
    db: DbOption = None,
) -> None:
    """Add every feed an OPML file lists (those already there are left as they are)."""
    from treatywatch.watch import sources

    seconds = sources.parse_every(every)
    with _open(db) as database:
        added, known, refused = sources.import_opml(database, file, every=seconds)
    for line in refused:
        typer.echo(f"skipped: {line}", err=True)
    typer.echo(f"{file}: {added} added, {known} already there, {len(refused)} skipped")


@sources_app.command("export")
def export(db: DbOption = None) -> None:
    """Print the sources as OPML 2.0 (for a feed reader, or `sources import` elsewhere)."""
    from treatywatch.watch import sources

    with _open(db) as database:
        sys.stdout.write(sources.export_opml(database))
