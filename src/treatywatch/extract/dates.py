"""Dates in a sentence, absolute or relative to publication ("last week", "on Nov. 26")."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

__all__ = ["resolve_date", "years_in", "is_duration"]

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
