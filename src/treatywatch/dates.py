"""The project's one date parser: strict ISO days (YYYY-MM-DD) in, `InvalidDate` out.

The CLI options, the registry loader, the store's filters and the article readers all read
dates through these functions, so a date is accepted, or refused with the same message,
wherever it is typed.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from treatywatch.errors import InvalidDate

__all__ = ["check_order", "leading_date", "parse_date"]

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


def leading_date(value: object, *, what: str = "date") -> date | None:
    """The day a value names: None for None or ''; a `datetime` as its day; a `date` as is;
    text by its first ten characters, so that an ISO timestamp ('2024-11-28T10:00:00Z') gives
    its day. Text that does not start with a real YYYY-MM-DD day raises `InvalidDate`."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(str(value)[:10], what=what)


def check_order(first: date, last: date, *, names: tuple[str, str] = ("since", "until")) -> None:
    """Refuse a period that ends before it starts (`InvalidDate` naming both bounds)."""
    if first > last:
        raise InvalidDate(f"{names[0]} {first} is after {names[1]} {last}: swap them")
