"""Compare a saved depositary status page with the registry: `treatywatch registry check`.

Every difference is one `Difference`: a state on the page and not in the data (or the reverse),
a signature, deposit or instrument kind that differs, a withdrawal (its notice or effect) that
differs from the data, an end note whose depositary notification (C.N.) the data never cites,
or a header count (signatories, parties) that the data does not give on the page's date.

A difference the data already explains — a row of `untc_explained.csv` naming the treaty,
state, field and both values, with the reason and its source — is listed as explained and does
not make the check fail. End notes that are not acts of the treaty (territorial application,
the text of a communication already cited, a pointer to the historical notes) are listed as
`info`, never as differences, when the data cites them or their participant's row says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from treatywatch.model import Membership, Record, Treaty
from treatywatch.treaties.loader import ExplainedRecord, Registry, default_registry
from treatywatch.treaties.rules import counts_on, timeline
from treatywatch.treaties.untc import EndNote, PageRow, StatusPage


@dataclass(frozen=True)
class Difference(Record):
    treaty: Treaty
    iso3: str
    name: str
    field: str  # signature_date, consent_date, consent_type, row, withdrawal_*, end_note, count
    page: str  # the page's value ("" where it has none)
    registry: str  # the registry's value ("" where it has none)
    what: str  # in words
    explained: str = ""  # why the difference is right, with its source ("": unexplained)
    level: str = "difference"  # difference | info


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _cited(reg: Registry, treaty: Treaty) -> str:
    """Every text of the treaty's data where a C.N. number may be cited."""
    parts: list[str] = []
    for m in reg.memberships.get(treaty, {}).values():
        parts += [m.source, m.notes]
    for d in reg.declarations.get(treaty, []):
        parts += [d.source, d.summary]
    return re.sub(r"\s+", "", " ".join(parts))


def _row_differences(treaty: Treaty, row: PageRow, member: Membership | None,
                     reg: Registry, as_at: date | None) -> list[Difference]:
    if member is None:
        return [Difference(treaty, row.iso3, row.name, "row", "listed", "",
                           "on the depositary's page, not in the registry")]
    found = []
    pairs = [
        ("signature_date", _iso(row.signature_date), _iso(member.signature_date)),
        ("consent_date", _iso(row.consent_date), _iso(member.consent_date)),
        ("consent_type", row.consent_type.value if row.consent_type else "",
         member.consent_type.value if member.consent_type and member.consent_date else ""),
    ]
    for field, page, ours in pairs:
        if page != ours:
            found.append(Difference(treaty, row.iso3, member.name, field, page, ours,
                                    f"{field.replace('_', ' ')} differs"))
    line = timeline(row.iso3, treaty, registry=reg)
    withdrawn = bool(line and (line.withdrawal_notified_date or line.withdrawal_effective_date))
    if row.withdrawn and not withdrawn:
        found.append(Difference(treaty, row.iso3, member.name, "withdrawal", "withdrawn", "",
                                "the page shows the row as withdrawn ([brackets]); the registry "
                                "records no withdrawal"))
    effective = line.withdrawal_effective_date if line else None
    if as_at and effective and effective <= as_at and not row.withdrawn:
        found.append(Difference(treaty, row.iso3, member.name, "withdrawal", "",
                                effective.isoformat(),
                                "the registry has the withdrawal in effect by the page's date; "
                                "the page does not bracket the row"))
    return found


def _note_differences(treaty: Treaty, note: EndNote, page: StatusPage, reg: Registry,
                      cited: str) -> list[Difference]:
    found = []
    for iso3 in note.participants or [""]:
        member = reg.memberships.get(treaty, {}).get(iso3)
        name = member.name if member else iso3
        if note.withdrawal_notified or note.withdrawal_effective:
            line = timeline(iso3, treaty, registry=reg) if member else None
            ours_notice = _iso(line.withdrawal_notified_date) if line else ""
            ours_effect = _iso(line.withdrawal_effective_date) if line else ""
            if _iso(note.withdrawal_notified) != ours_notice:
                found.append(Difference(
                    treaty, iso3, name, "withdrawal_notified_date",
                    _iso(note.withdrawal_notified), ours_notice,
                    f"end note {note.number}: notification of withdrawal deposited on another "
                    "day (or not recorded)"))
            if _iso(note.withdrawal_effective) != ours_effect:
                found.append(Difference(
                    treaty, iso3, name, "withdrawal_effective_date",
                    _iso(note.withdrawal_effective), ours_effect,
                    f"end note {note.number}: the withdrawal "
                    f"{'took' if note.withdrawal_in_effect else 'will take'} effect on another "
                    "day (or the registry computes none)"))
        missing = [n for n in note.notifications if n.number.replace(" ", "") not in cited]
        for cn in missing:
            found.append(Difference(
                treaty, iso3, name, "end_note", f"{cn.number} of {_iso(cn.date)}".strip(), "",
                f"end note {note.number} cites depositary notification {cn.number}, which the "
                f"data does not: {note.text[:160]}"))
        if not note.notifications and not (note.withdrawal_notified or note.withdrawal_effective):
            found.append(Difference(
                treaty, iso3, name, "end_note", f"note {note.number}", "",
                f"end note {note.number} (no treaty act the registry models): {note.text[:160]}",
                level="info"))
    return found


def _count_differences(page: StatusPage, reg: Registry) -> list[Difference]:
    if page.as_at is None:
        return []
    treaty, on = page.treaty, page.as_at
    counts = counts_on(treaty, on, registry=reg)
    signed = sum(
        1 for m in reg.memberships.get(treaty, {}).values()
        if m.signature_date and m.signature_date <= on
        and not ((line := timeline(m.iso3, treaty, registry=reg))
                 and line.withdrawal_effective_date and line.withdrawal_effective_date <= on)
    )
    found = []
    for field, shown, ours, what in (
        ("signatories", page.signatories, signed,
         "signatories (states that signed, less those withdrawn)"),
        ("parties", page.parties, counts.consented,
         "parties (instrument deposited, not withdrawn: the depositary's count)"),
    ):
        if shown is not None and shown != ours:
            found.append(Difference(treaty, "", "", f"count_{field}", str(shown), str(ours),
                                    f"{what} on {on.isoformat()}"))
    return found


def _explain(diff: Difference, explained: list[ExplainedRecord]) -> Difference:
    for e in explained:
        if (e.treaty is diff.treaty and e.iso3 == diff.iso3 and e.field == diff.field
                and e.page_value == diff.page and e.registry_value == diff.registry):
            return Difference(**{**diff.__dict__, "explained": f"{e.reason} ({e.source})"})
    return diff


def check_page(page: StatusPage, *, registry: Registry | None = None) -> list[Difference]:
    """Every difference between the depositary's page and the registry, in page order, then
    the registry's states missing from the page, then the counts."""
    reg = registry if registry is not None else default_registry()
    treaty = page.treaty
    table = reg.memberships.get(treaty, {})
    cited = _cited(reg, treaty)
    found: list[Difference] = []
    for row in page.rows:
        found += _row_differences(treaty, row, table.get(row.iso3), reg, page.as_at)
    on_page = {r.iso3 for r in page.rows}
    for iso3, member in sorted(table.items()):
        if iso3 in on_page:
            continue
        acted = member.signature_date or member.consent_date
        if page.as_at and acted and acted > page.as_at:
            continue  # after the page was saved
        found.append(Difference(treaty, iso3, member.name, "row", "", "listed",
                                "in the registry, not on the depositary's page"))
    for note in page.end_notes:
        found += _note_differences(treaty, note, page, reg, cited)
    found += _count_differences(page, reg)
    explained = reg.explained.get(treaty, [])
    return [_explain(d, explained) for d in found]


def unexplained(found: list[Difference]) -> list[Difference]:
    return [d for d in found if d.level == "difference" and not d.explained]
