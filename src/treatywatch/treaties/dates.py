"""Exact calendar arithmetic for the treaties' rules (dates are read by `treatywatch.dates`)."""

from __future__ import annotations

import calendar
from datetime import date


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
