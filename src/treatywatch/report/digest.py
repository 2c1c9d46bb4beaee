"""The digest: what the stored findings say happened between two days, by state and treaty."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any

from treatywatch.dates import check_order
from treatywatch.report import data

MAX_FINDINGS = 5000


def digest(db: Any, since: date, until: date | None = None, treaty: str | None = None
           ) -> dict[str, Any]:
    """Findings dated `since`..`until` (inclusive; default today), grouped by state, then treaty."""
    from treatywatch.store import queries

    until = until or date.today()
    check_order(since, until, names=("--since", "--until"))
    chosen = data.treaty_of(treaty).value if treaty else None
    found = queries.findings(db, treaty=chosen, since=since, until=until, limit=MAX_FINDINGS)
    groups: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for f in found:
        groups[f["state"]][f["treaty"]].append(f)
    states = []
    for iso3 in sorted(groups, key=lambda s: (-sum(len(v) for v in groups[s].values()), s)):
        states.append({
            "iso3": iso3,
            "name": data.state_label(iso3),
            "treaties": [{"treaty": t, "findings": sorted(fs, key=lambda f: f["on_date"] or "")}
                         for t, fs in sorted(groups[iso3].items())],
        })
    return {"since": since.isoformat(), "until": until.isoformat(), "treaty": chosen,
            "total": len(found), "by_kind": dict(Counter(f["kind"] for f in found)),
            "states": states}
