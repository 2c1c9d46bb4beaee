"""One set of output formats for every listing command: a Rich table, JSON, or CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


def pick_format(fmt: Format | None, as_json: bool, as_csv: bool) -> Format:
    """Resolve `--format` and the `--json` / `--csv` shorthands into one format."""
    if as_json and as_csv:
        raise typer.BadParameter("choose one of --json and --csv")
    if as_json:
        return Format.JSON
    if as_csv:
        return Format.CSV
    return fmt or Format.TABLE


def columns_for(fmt: Format, table: Sequence[str], full: Sequence[str]) -> Sequence[str]:
    """The columns to show: fewer in a terminal table, all of them in JSON and CSV."""
    return table if fmt is Format.TABLE else full


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def render(
    rows: Iterable[dict[str, Any]],
    columns: Sequence[str],
    fmt: Format,
    *,
    title: str | None = None,
    payload: Any = None,
) -> None:
    """Print rows (JSON-ready dicts) in the chosen format.

    `payload`, when given, is printed instead of the bare row list for JSON (e.g. rows plus counts).
    """
    rows = list(rows)
    if fmt is Format.JSON:
        data = payload if payload is not None else rows
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.CSV:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _cell(row.get(c)) for c in columns})
    elif not rows:
        # An empty table says nothing; a line does.
        typer.echo(f"{title}: none" if title else "none")
    else:
        table = Table(title=title, show_lines=False)
        for column in columns:
            table.add_column(column)
        for row in rows:
            # Cells hold article text and names: never let Rich read them as markup.
            table.add_row(*(escape(_cell(row.get(c))) for c in columns))
        # Piped output (a file, `less`, CI logs) gets a wide table rather than Rich's
        # 80-column default, so that dates and codes are never cut short.
        console = Console(soft_wrap=False)
        if not console.is_terminal:
            console = Console(soft_wrap=False, width=max(console.width, 200))
        console.print(table)
