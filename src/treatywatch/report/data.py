"""The reads that pages, feeds and reports share.

One place calls the registry (`treatywatch.treaties`, `treatywatch.places`) and the store's
query functions (`treatywatch.store.queries`), and turns what they return into JSON-ready dicts.
No SQL here: whatever is missing from the store's queries is composed from the ones it has.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date, datetime
from enum import Enum
from functools import lru_cache
from typing import Any

from treatywatch.dates import leading_date
from treatywatch.errors import InvalidDate
from treatywatch.model import StatusKind, Treaty

# --- turning records into plain data ---------------------------------------------------------


def plain(value: Any) -> Any:
    """JSON-ready form of whatever a library function returned (records, rows, dicts, lists)."""
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return plain({f.name: getattr(value, f.name) for f in dataclasses.fields(value)})
    if hasattr(value, "_asdict"):  # SQLAlchemy Row, namedtuple
        return plain(value._asdict())
    table = getattr(value, "__table__", None)
    if table is not None:  # an ORM object
        return plain({c.key: getattr(value, c.key, None) for c in table.columns})
    return str(value)


def rows(values: Any) -> list[dict[str, Any]]:
    return [plain(v) for v in (values or [])]


def parse_day(value: Any) -> date | None:
    """The day a stored value names (a date, or an ISO date or timestamp); None if none."""
    try:
        return leading_date(value)
    except InvalidDate:
        return None


# --- registry ---------------------------------------------------------------------------------


STATUS_ORDER = [
    StatusKind.PARTY,
    StatusKind.JOINED,
    StatusKind.SIGNATORY,
    StatusKind.WITHDRAWAL_PENDING,
    StatusKind.WITHDRAWAL_SUSPENDED,
    StatusKind.WITHDRAWN,
    StatusKind.NOT_PARTY,
]

STATUS_LABELS = {
    StatusKind.PARTY: "State Party",
    StatusKind.JOINED: "Joined, not yet in force",
    StatusKind.SIGNATORY: "Signatory",
    StatusKind.WITHDRAWAL_PENDING: "Withdrawal pending",
    StatusKind.WITHDRAWAL_SUSPENDED: "Withdrawal suspended (armed conflict)",
    StatusKind.WITHDRAWN: "Withdrawn",
    StatusKind.NOT_PARTY: "Not party",
}


def treaty_of(value: Treaty | str | None) -> Treaty:
    from treatywatch.treaties.pack import parse_treaty

    return parse_treaty(value or Treaty.APMBC)


def resolve(state: str) -> tuple[str, str]:
    """(ISO3, name) of a state given by code or name; `UnknownState` with suggestions otherwise."""
    from treatywatch.places.names import resolve_state, state_name

    iso3 = resolve_state(state)
    return iso3, state_name(iso3)


def state_label(iso3: str | None) -> str:
    if not iso3:
        return ""
    from treatywatch.places.names import state_name

    try:
        return state_name(iso3)
    except Exception:  # noqa: BLE001 - an odd code in stored data must not break a page
        return iso3


def status(iso3: str, treaty: Treaty, on: date) -> dict[str, Any]:
    from treatywatch import treaties

    return plain(treaties.status_on(iso3, treaty, on))


@lru_cache(maxsize=64)
def _statuses(treaty: Treaty, on: date) -> tuple[tuple[str, str, str], ...]:
    from treatywatch import treaties

    return tuple(
        (s.iso3, s.status.value, s.label) for s in treaties.statuses_on(treaty, on)
    )


def statuses(treaty: Treaty, on: date) -> dict[str, dict[str, str]]:
    """The status on a day of every state that ever signed or joined: ISO3 -> {status, label}.

    A state not listed is not party.
    """
    return {iso3: {"status": s, "label": label} for iso3, s, label in _statuses(treaty, on)}


def status_counts(treaty: Treaty, on: date) -> list[dict[str, Any]]:
    """How many states stood where on a day, in legend order (not party: every other state)."""
    from treatywatch.places.names import all_states

    counts = Counter(s for _, s, _ in _statuses(treaty, on))
    counts[StatusKind.NOT_PARTY.value] += len(all_states()) - len(_statuses(treaty, on))
    return [
        {"status": kind.value, "label": STATUS_LABELS[kind], "count": counts.get(kind.value, 0)}
        for kind in STATUS_ORDER
    ]


def declarations(record: dict[str, Any]) -> list[dict[str, str]]:
    """The dated notes of a status record (communications, declarations, suspensions, votes
    without a notice deposited), as `status` prints them: {date, text}, oldest first."""
    found = []
    for note in record.get("notes") or []:
        head, _, rest = str(note).partition(" ")
        if parse_day(head) and len(head) == 10 and rest:
            code, colon, text = rest.partition(": ")
            if colon and " " not in code:  # "suspension_notification: ..." reads as words
                rest = f"{code.replace('_', ' ').capitalize()}: {text}"
            found.append({"date": head, "text": rest})
    return sorted(found, key=lambda d: d["date"])


def timeline(record: dict[str, Any]) -> list[dict[str, str]]:
    """A state's steps in a treaty, oldest first, from its status record."""
    steps = [
        ("signature_date", "Signed"),
        ("consent_date", f"Instrument deposited ({record.get('consent_type') or 'consent'})"),
        ("in_force_since", "Bound: treaty in force for the state"),
        ("withdrawal_notified_date", "Notice of withdrawal deposited"),
        ("withdrawal_effective_date", "Withdrawal takes effect"),
    ]
    items = [{"date": record[k], "label": label} for k, label in steps if record.get(k)]
    return sorted(items, key=lambda item: item["date"])


def deadlines(treaty: Treaty, on: date, iso3: str | None = None) -> list[dict[str, Any]]:
    from treatywatch import treaties

    return rows(treaties.deadlines_on(treaty, on, state=iso3))


def short_name(treaty: Treaty) -> str:
    from treatywatch import treaties

    return treaties.pack(treaty).short_names[0]


def pack(treaty: Treaty) -> dict[str, Any]:
    from treatywatch import treaties

    return plain(treaties.pack(treaty))


# --- store ------------------------------------------------------------------------------------


def describe_event(event: dict[str, Any]) -> dict[str, Any]:
    """An event dict with readable labels for its actor and its other side."""
    other = event.get("counterpart") or event.get("location")
    event["actor_label"] = state_label(event.get("actor")) or event.get("actor_name") or "unknown"
    if event.get("counterpart"):
        event["other_label"] = f"to/from {state_label(other)}"
    elif event.get("location"):
        event["other_label"] = f"in {state_label(other)}"
    else:
        event["other_label"] = ""
    return event


def state_stories(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The stories behind a state's findings, with how many articles and outlets carry each.

    Composed from the findings' corroboration fields (the store has no per-state story query).
    """
    stories: dict[Any, dict[str, Any]] = {}
    for f in found:
        key = f.get("story_id") or f"article:{f.get('article_id')}"
        entry = stories.setdefault(key, {
            "story_id": f.get("story_id"), "title": f.get("article_title") or "",
            "first_article_id": f.get("article_id"), "articles": 0, "outlets": 0,
            "outlet_names": set(), "findings": 0,
        })
        entry["findings"] += 1
        entry["articles"] = max(entry["articles"], f.get("story_articles") or 1)
        entry["outlet_names"].update(f.get("outlets") or [])
    result = []
    for entry in stories.values():
        names = sorted(entry.pop("outlet_names"))
        entry["outlets"] = max(1, len(names))
        entry["outlet_list"] = names
        result.append(entry)
    return sorted(result, key=lambda e: (-e["outlets"], -e["findings"], e["title"]))


def currency(treaty: Treaty, on: date, kinds: tuple[str, ...] = ("depositary",)) -> dict[str, Any]:
    """How current the registry is for a treaty (per kind of source), and a warning for each kind
    the day asked is after: what every page and API answer about status or deadlines carries."""
    from treatywatch.treaties import currency_warnings, registry_known_through

    return {"registry_known_through": {k: v.isoformat() for k, v in
                                       registry_known_through(treaty).items()},
            "warnings": currency_warnings(treaty, on, kinds)}

