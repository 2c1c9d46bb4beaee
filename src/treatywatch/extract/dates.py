"""Dates in a sentence, absolute or relative to publication ("last week", "on Nov. 26")."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from treatywatch.model import DatePrecision

__all__ = ["resolve_date", "read_when", "is_calendar_date", "years_in", "is_duration"]

_log = logging.getLogger(__name__)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DURATION = re.compile(
    r"\b(years?|decades?|months|weeks|days|since|for|over the|past|period|anniversary|"
    r"five-yearly|annual|every|each|first four|recent)\b",
    re.I,
)
_DAYLIKE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|"
    r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(today|yesterday|tomorrow|last|this|"
    r"next|ago|earlier|week|month|year)\b|\b(1[89]\d\d|20\d\d)\b|\d{1,2}/\d{1,2}",
    re.I,
)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


_DECADE = re.compile(r"\b(1[89]\d0|20\d0)s\b")


def years_in(text: str) -> list[int]:
    """Years named in a text; a decade ("the 1970s") counts as its last year."""
    return [int(y) for y in _YEAR.findall(text)] + [int(d) + 9 for d in _DECADE.findall(text)]


def is_duration(text: str) -> bool:
    """'the 25 years', 'decades', 'the first four months of 2025' are spans, not days."""
    low = text.lower()
    if any(w in low for w in ("ago",)):
        return False
    if _DURATION.search(low) and not re.search(r"\b(last|this|next) (week|month|year)\b", low):
        return True
    return False


@lru_cache(maxsize=512)
def _parse(text: str, base_iso: str | None) -> date | None:
    import dateparser  # slow import; only when a date is there to read

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base_iso:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(base_iso)
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    except Exception:  # dateparser raises on odd inputs; a date we cannot read stays empty
        _log.debug("unreadable date %r", text)
        return None
    return parsed.date() if parsed else None


def resolve_date(text: str, published: date | None) -> date | None:
    """The day a date expression names, relative to the publication date when needed."""
    clean = text.strip().strip(".,;").removeprefix("on ").removeprefix("On ")
    low = clean.lower()
    if not clean or is_duration(clean):
        return None
    if not _DAYLIKE.search(clean):
        return None  # "33rd", "the five" are no dates
    if published is None and not _YEAR.search(clean):
        return None
    if re.fullmatch(r"(in |the )?(1[89]\d\d|20\d\d)", low):
        return None  # a bare year names no day
    if low in _WEEKDAYS and published is not None:
        delta = (published.weekday() - _WEEKDAYS.index(low)) % 7
        return published - timedelta(days=delta or 7) if delta else published
    if low == "today":
        return published
    base = published.isoformat() if published else None
    result = _parse(clean, base)
    if result and published and result > published + timedelta(days=1):
        if any(day in low for day in _WEEKDAYS):
            while result > published:
                result -= timedelta(days=7)
        elif not _YEAR.search(clean):
            result = result.replace(year=result.year - 1)
    return result


_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_M = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
_DMY = re.compile(rf"\b(\d{{1,2}}){_ORD}\s+(?:of\s+)?{_M},?(?:\s+(\d{{4}}))?\b", re.I)
_MDY = re.compile(rf"\b{_M}\s+(\d{{1,2}}){_ORD}\b(?:,?\s+(\d{{4}}))?", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MY = re.compile(rf"\b{_M},?\s+(?:of\s+)?(\d{{4}})\b", re.I)
_MONTH_ONLY = re.compile(rf"^(?:in|during|early|late|mid|since|by|of|the|-|\s)*{_M}$", re.I)


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None  # "30 February 2025" names no day: no date rather than a wrong one


def _year_for(month: int, day: int, published: date | None) -> int | None:
    """The year of a day named without one ("on 2 February"): the last such day on or before
    publication (a day after it by more than one is last year's)."""
    if published is None:
        return None
    year = published.year
    candidate = _day(year, month, min(day, 28) if month == 2 and day == 29 else day)
    if candidate is not None and candidate > published + timedelta(days=1):
        year -= 1
    return year


def _explicit(text: str, published: date | None) -> tuple[bool, date | None, DatePrecision | None]:
    """A calendar date written out: (found, the day or month, its precision). `found` with no
    date means the text names a calendar date that does not exist."""
    if m := _ISO.search(text):
        return True, _day(int(m[1]), int(m[2]), int(m[3])), DatePrecision.DAY
    for rx, day_group, month_group, year_group in ((_DMY, 1, 2, 3), (_MDY, 2, 1, 3)):
        if m := rx.search(text):
            month, day = _MONTHS[m[month_group].lower().rstrip(".")], int(m[day_group])
            year = int(m[year_group]) if m[year_group] else _year_for(month, day, published)
            if year is None:
                return True, None, None
            return True, _day(year, month, day), DatePrecision.DAY
    if m := _MY.search(text):
        return True, date(int(m[2]), _MONTHS[m[1].lower().rstrip(".")], 1), DatePrecision.MONTH
    if (m := _MONTH_ONLY.match(text.strip())) and published is not None:
        month = _MONTHS[m[1].lower().rstrip(".")]
        year = published.year if month <= published.month else published.year - 1
        return True, date(year, month, 1), DatePrecision.MONTH
    return False, None, None


def read_when(text: str, published: date | None) -> tuple[date | None, DatePrecision | None]:
    """The date a date expression names and how much of it the text gives.

    "on 2 February 2025" is that day; "in February 2025" is the month (its first day, precision
    month), never the publication's day of it; a day that does not exist ("30 February") is
    no date; "last week", "on Monday" are read from the publication date (day)."""
    found, when, precision = _explicit(text, published)
    if found:
        return when, precision if when else None
    when = resolve_date(text, published)
    return when, (DatePrecision.DAY if when else None)


def is_calendar_date(text: str) -> bool:
    """Whether the text writes out a day of a month ("30 February 2025"), real or not."""
    return bool(_ISO.search(text) or _DMY.search(text) or _MDY.search(text))
