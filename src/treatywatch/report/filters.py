"""Jinja filters and globals shared by the templates (pages and HTML reports)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment

from treatywatch.model import StatusKind
from treatywatch.report.data import STATUS_LABELS, state_label

KIND_LABELS = {
    "prohibited_act": "Prohibited act",
    "deadline_missed": "Deadline missed",
    "non_party_act": "Act of a non-party",
    "progress": "Progress",
    "withdrawal": "Withdrawal",
    "non_state_use": "Armed group's act",
}

ACT_LABELS = {
    "destroy_stockpile": "destroy stockpile",
    "clear": "clearance",
    "casualty": "casualties",
}


# Acts that are good news for the treaty when they happen: an `occurred` badge on them is
# not an alarm.
GOOD_ACTS = frozenset({"destroy_stockpile", "clear", "sign", "ratify", "accede", "assist"})
# The quote `assess.explain` ends an explanation with; the evidence follows on every face.
TRAILING_QUOTE = re.compile(r"\s*The text: \u201c[^\u201d]*\u201d\.?\s*$")


def good_news(act: str | None, modality: str | None = None) -> bool:
    """True for an act that is good news for the treaty and is said to happen (not denied,
    negated or hypothetical)."""
    return (act or "") in GOOD_ACTS and modality in (None, "occurred", "ongoing", "announced")


def bare_explanation(finding: dict[str, Any]) -> str:
    """The explanation without its closing quote when the evidence is shown after it."""
    text = finding.get("explanation") or ""
    if finding.get("evidence"):
        return TRAILING_QUOTE.sub("", text)
    return text


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def day_shown(value: str | None, precision: str | None = None) -> str:
    """A stored day as much as the text gave it: "2025-02-12", "February 2025", "2025", or
    "about 2025-02-12"; "" when there is none."""
    if not value:
        return ""
    value = str(value)[:10]
    if precision == "month" and len(value) >= 7:
        return f"{MONTHS[int(value[5:7]) - 1]} {value[:4]}"
    if precision == "year":
        return value[:4]
    if precision == "approximate":
        return f"about {value}"
    return value


def day_iso(value: str | None, precision: str | None = None) -> str:
    """The same day for a `<time datetime>` attribute: 2025-02-12, 2025-02 or 2025."""
    value = str(value or "")[:10]
    return {"month": value[:7], "year": value[:4]}.get(precision or "", value)


def event_day(event: dict[str, Any]) -> str:
    """An event's day as shown: its own date with its precision, else its article's date."""
    if event.get("when"):
        return day_shown(event["when"], event.get("when_precision"))
    published = event.get("article_published") or event.get("published")
    return f"{published} (published)" if published else "undated"


def status_label(value: str | None) -> str:
    try:
        return STATUS_LABELS[StatusKind(value)]
    except ValueError:
        return str(value or "")


def kind_label(value: str | None) -> str:
    return KIND_LABELS.get(value or "", str(value or ""))


def act_label(value: str | None) -> str:
    return ACT_LABELS.get(value or "", (value or "").replace("_", " "))


def words(value: str | None) -> str:
    return (value or "").replace("_", " ")


def safe_url(value: str | None) -> str | None:
    """A link target only when it is http(s); anything else (javascript:, data:) is dropped."""
    if value and value.lower().startswith(("http://", "https://")):
        return value
    return None


def query(params: dict[str, Any], **changes: Any) -> str:
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def install(env: Environment) -> None:
    env.filters.update(
        status_label=status_label,
        kind_label=kind_label,
        act_label=act_label,
        words=words,
        state_name=state_label,
        safe_url=safe_url,
        good_news=good_news,
        day_shown=day_shown,
        day_iso=day_iso,
        event_day=event_day,
        bare_explanation=bare_explanation,
    )
    env.globals.update(query=query)
