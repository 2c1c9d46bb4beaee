"""The one date parser: strict YYYY-MM-DD everywhere, the same refusal wherever a date is typed."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from typer.testing import CliRunner

from treatywatch.cli import app
from treatywatch.dates import check_order, leading_date, parse_date
from treatywatch.errors import InvalidDate


def test_parse_date_reads_an_iso_day():
    assert parse_date(" 2024-11-28 ") == date(2024, 11, 28)


@pytest.mark.parametrize("text", ["2025-02-30", "2024-13-01", "20241128", "28/11/2024", ""])
def test_parse_date_refuses_anything_but_a_real_iso_day(text):
    with pytest.raises(InvalidDate, match="YYYY-MM-DD"):
        parse_date(text, what="--since")


def test_leading_date_takes_the_day_of_a_timestamp():
    assert leading_date("2024-11-28T10:00:00Z") == date(2024, 11, 28)
    assert leading_date(datetime(2024, 11, 28, 10)) == date(2024, 11, 28)
    assert leading_date(date(2024, 11, 28)) == date(2024, 11, 28)
    assert leading_date(None) is None and leading_date("") is None
    with pytest.raises(InvalidDate, match="published"):
        leading_date("Nov 28, 2024", what="published")


@pytest.mark.parametrize("args", [
    ["status", "UKR", "--on", "2025-02-30"],
    ["analyze", "missing.txt", "--as-of", "2025-02-30"],
    ["findings", "--since", "2025-02-30", "--db", "unused.db"],
    ["digest", "--since", "2025-02-30", "--db", "unused.db"],
])
def test_every_command_refuses_a_bad_date_naming_the_option(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, args)
    assert isinstance(result.exception, InvalidDate)
    option = next(a for a in args if a.startswith("--") and a != "--db")
    assert option in str(result.exception) and "2025-02-30" in str(result.exception)


def test_a_period_that_ends_before_it_starts_is_refused_naming_both_bounds():
    check_order(date(2025, 1, 1), date(2025, 1, 1))
    with pytest.raises(InvalidDate, match="--since 2025-01-02 is after --until 2025-01-01"):
        check_order(date(2025, 1, 2), date(2025, 1, 1), names=("--since", "--until"))
