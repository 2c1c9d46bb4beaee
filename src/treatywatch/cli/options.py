"""Options and argument parsing shared by the command groups, declared once."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from treatywatch.cli.output import Format
from treatywatch.dates import parse_date

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database: a SQLite file path or a postgresql+psycopg:// URL "
                 "(default: $TREATYWATCH_DATABASE_URL, else ./treatywatch.db)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
CsvOption = Annotated[bool, typer.Option("--csv", help="Print CSV.")]
FormatOption = Annotated[Format | None, typer.Option("--format", help="table, json or csv.")]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Judge undated articles as of this day (YYYY-MM-DD); "
                 "default today."),
]


def day(value: str | None, option: str) -> date | None:
    """An option's YYYY-MM-DD value (`InvalidDate` naming the option), or None when unset."""
    return parse_date(value, what=option) if value else None


def day_or_today(value: str | None, option: str) -> date:
    """An option's YYYY-MM-DD value, or today when it is unset."""
    return day(value, option) or date.today()
