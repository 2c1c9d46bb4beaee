"""The date of a mention: the date entity that hangs on the trigger or its governors, read by
`dates.read_when` with its precision.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Span, Token

from treatywatch.extract.actors import (
    ArticleContext,
)
from treatywatch.extract.dates import is_calendar_date, read_when
from treatywatch.model import DatePrecision

_NOT_WHEN = frozenset({"since", "until", "till", "by", "before", "through", "from"})


def _date_text(ent: Span) -> str:
    """The entity's text with a day number the tagger left out ("2" of "2 February 2025")."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.text.isdigit() and len(before.text) <= 2:
        return f"{before.text} {ent.text}"
    return ent.text


def _date_of(
    tok: Token, doc: Doc, ctx: ArticleContext
) -> tuple[date | None, bool, DatePrecision | None]:
    """The date of a mention, whether it hangs on the trigger or one of its governors, and how
    much of the date the text gives."""
    dates = [e for e in doc.ents if e.label_ == "DATE"]
    if not dates:
        return None, False, None
    governors = {tok.i, *[a.i for a in tok.ancestors]}

    def attached(ent: object) -> bool:
        start, end = ent.start, ent.end  # type: ignore[attr-defined]
        if start <= tok.sent.start + 1 and end < len(doc) and doc[end].text == ",":
            return True  # "In 2014, the UN called for an inquiry into ...": frames the sentence
        head = ent.root.head  # type: ignore[attr-defined]
        for _ in range(3):  # "back in the early 1970s", "on Nov. 26"
            if head.i in governors or head.dep_ not in ("prep", "advmod", "npadvmod", "pobj"):
                break
            head = head.head
        return head.i in governors

    def bounded(ent: object) -> bool:
        """ "since the February 2022 invasion", "until 2025": a span's edge, not the day."""
        start = ent.start  # type: ignore[attr-defined]
        before = [doc[i].lower_ for i in range(max(0, start - 2), start)]
        if before and before[-1] in ("the", "a", "its", "their", "early", "late"):
            before = before[:-1]
        return bool(before) and before[-1] in _NOT_WHEN or ent.root.head.lower_ in _NOT_WHEN  # type: ignore[attr-defined]

    dates = [e for e in dates if not bounded(e)]
    ranked = sorted(dates, key=lambda e: (0 if attached(e) else 1, abs(e.root.i - tok.i)))
    impossible = set()
    for ent in ranked:
        when, precision = read_when(_date_text(ent), ctx.published)
        if when is not None:
            return when, attached(ent), precision
        if is_calendar_date(_date_text(ent)):
            impossible.add(ent.start)  # "30 February 2025": no day, and not its year either
    ranked = [e for e in ranked if e.start not in impossible]
    year_only = DatePrecision.YEAR
    for ent in ranked:  # a bare year ("ratified it in 2005") dates the act, not the day
        year = re.fullmatch(r"(?:in |the )?(1[89]\d\d|20\d\d)", ent.text.strip())
        if year and attached(ent):
            return date(int(year.group(1)), 12, 31), True, year_only
        decade = re.search(r"\b(1[89]\d0|20\d0)s\b", ent.text)
        if decade and attached(ent):
            return date(int(decade.group(1)) + 9, 12, 31), True, year_only  # "the early 1970s"
    for ent in ranked:  # "during the July-August 2006 war": the year dates the act
        years = set(re.findall(r"\b(1[89]\d\d|20\d\d)\b", ent.text))
        if len(years) == 1 and attached(ent) and not re.search(r"\d0s\b", ent.text):
            return date(int(years.pop()), 12, 31), True, year_only
    return None, False, None
