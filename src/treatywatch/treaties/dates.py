"""Strict calendar helpers for the registry: ISO dates in, exact month arithmetic out."""

from __future__ import annotations

import calendar
import re
from datetime import date

from treatywatch.errors import InvalidDate

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(text: str, *, what: str = "date") -> date:
    """Parse YYYY-MM-DD strictly; an impossible day ('2025-02-30') raises `InvalidDate`."""
    match = _ISO.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise InvalidDate(f"invalid {what} '{text}' — write it as YYYY-MM-DD, e.g. 2024-11-28")
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise InvalidDate(
            f"invalid {what} '{text}' — {exc}; write a real day as YYYY-MM-DD"
        ) from None


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when that day does not exist."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """The same day `years` later (29 February -> 28 February)."""
    return add_months(day, 12 * years)


def first_of_month_after(day: date, months: int) -> date:
    """The first day of the `months`-th month after the month of `day` (Art. 17, both treaties)."""
    return add_months(day.replace(day=1), months)
