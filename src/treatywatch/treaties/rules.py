"""The few rules that read the registry: entry into force, withdrawal, status, deadlines, counts.

Rule names are versioned (`RULES`) so that a finding can say which reading of the treaty made
it. Every function takes an optional `registry` (default: the data shipped with the package).
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from datetime import date

from treatywatch.model import (
    ConsentType,
    Deadline,
    DeadlineState,
    Extension,
    Membership,
    Record,
    Status,
    StatusKind,
    Treaty,
)
from treatywatch.places import resolve_state, state_name
from treatywatch.treaties.dates import add_months, add_years, first_of_month_after
from treatywatch.treaties.loader import (
    ConflictRecord,
    ObligationRecord,
    Registry,
    default_registry,
)
from treatywatch.treaties.pack import TreatyPack, parse_treaty

log = logging.getLogger(__name__)

RULES = {
    "entry_into_force": "treaties.entry_into_force.v1",  # Art. 17 of both treaties
    "withdrawal": "treaties.withdrawal.v1",  # Art. 20 of both treaties
    "status": "treaties.status.v1",
    # APMBC Arts. 4, 5; CCM Arts. 3, 4; v2: unconfirmed; v3: completed late
    "deadline": "treaties.deadline.v3",
}


@dataclass(frozen=True)
class Timeline(Record):
    """The dates the rules compute for one state's membership."""

    treaty: Treaty
    iso3: str
    eif_date: date | None
    eif_basis: str
    withdrawal_notified_date: date | None = None
    withdrawal_expiry: date | None = None  # notice + six months
    withdrawal_effective_date: date | None = None  # None while suspended by armed conflict
    suspending_conflict: ConflictRecord | None = None


@dataclass(frozen=True)
class Counts(Record):
    """How many states stood where in a treaty on a day."""

    treaty: Treaty
    on: date
    states_parties: int  # bound that day (in force, withdrawal not yet effective)
    joined_not_in_force: int  # instrument deposited, entry into force still ahead
    consented: int  # states_parties + joined_not_in_force: the depositary's count of parties
    signatories: int  # signed, no instrument deposited yet
    withdrawal_pending: int  # among states_parties: notice given, not yet effective
    withdrawn: int


def _registry(registry: Registry | None) -> Registry:
    return registry if registry is not None else default_registry()


def pack(treaty: Treaty | str, *, registry: Registry | None = None) -> TreatyPack:
    """The treaty's pack: names, dates, prohibited acts, deadline and withdrawal rules."""
    return _registry(registry).packs[parse_treaty(treaty)]


def memberships(treaty: Treaty | str, *, registry: Registry | None = None) -> list[Membership]:
    """Every state that signed or joined, as the sources record it, sorted by ISO code."""
    table = _registry(registry).memberships.get(parse_treaty(treaty), {})
    return [table[iso3] for iso3 in sorted(table)]


# --- how current the registry is -------------------------------------------------------------

SOURCE_KIND_WORDS = {
    "depositary": "the depositary's record (signatures, deposits, withdrawals)",
    "meetings": "the Meetings of States Parties' decisions (extensions, completions declared)",
}


def registry_known_through(
    treaty: Treaty | str, *, registry: Registry | None = None
) -> dict[str, date]:
    """The day the registry is known through, per kind of source (`known_through.csv`):
    every act of that kind up to and including it is in the data."""
    found = _registry(registry).known_through.get(parse_treaty(treaty), {})
    return {kind: record.known_through for kind, record in sorted(found.items())}


def currency_warnings(
    treaty: Treaty | str,
    on: date,
    kinds: tuple[str, ...] = ("depositary",),
    *,
    registry: Registry | None = None,
) -> list[str]:
    """A warning for each kind of source the day `on` is after (later acts may be missing), or
    for a kind whose currency is not recorded at all."""
    treaty = parse_treaty(treaty)
    known = registry_known_through(treaty, registry=registry)
    name = _registry(registry).packs[treaty].short_name
    warnings = []
    for kind in kinds:
        day = known.get(kind)
        if day is None:
            if known:  # some kinds recorded, this one not
                warnings.append(f"{name}: no day is recorded up to which "
                                f"{SOURCE_KIND_WORDS[kind]} are complete; acts may be missing")
        elif on > day:
            warnings.append(
                f"{name}: the registry is known through {day.isoformat()} for "
                f"{SOURCE_KIND_WORDS[kind]}; {on.isoformat()} is later, so acts after "
                f"{day.isoformat()} may be missing"
            )
    return warnings


# --- entry into force (Art. 17) --------------------------------------------------------------


def threshold_deposit(treaty: Treaty | str, *, registry: Registry | None = None) -> date | None:
    """The date of the deposit that brought the treaty into force (the 40th / 30th), if known."""
    reg = _registry(registry)
    treaty = parse_treaty(treaty)
    needed = reg.packs[treaty].entry_into_force_rule.instruments
    deposits = sorted(
        m.consent_date
        for m in reg.memberships.get(treaty, {}).values()
        if m.consent_date and m.consent_type is not ConsentType.SUCCESSION
    )
    return deposits[needed - 1] if len(deposits) >= needed else None


def entry_into_force(
    member: Membership, treaty_pack: TreatyPack, threshold: date | None
) -> tuple[date | None, str]:
    """When the treaty entered (or enters) into force for `member`, and why (Art. 17)."""
    rule = treaty_pack.entry_into_force_rule
    deposit = member.consent_date
    if deposit is None:
        if member.eif_date:  # deposit date not recorded: the source's date is all there is
            return member.eif_date, "as the source states (deposit date not recorded)"
        return None, "no instrument deposited"
    if member.consent_type is ConsentType.SUCCESSION:
        # A successor state is bound from its succession (Art. 17 governs instruments of
        # ratification, acceptance, approval and accession, not successions).
        if member.eif_date:
            return member.eif_date, (
                f"succession: bound from the date of succession, {member.eif_date.isoformat()} "
                f"(notification of succession deposited {deposit.isoformat()}; Art. "
                f"{rule.article} does not apply)"
            )
        return max(deposit, treaty_pack.entry_into_force), (
            "succession: date of succession not recorded; from the notification (the state "
            "was bound from an earlier day)"
        )
    if threshold is not None and deposit <= threshold:
        return treaty_pack.entry_into_force, (
            f"Art. {rule.article}(1): instrument among the first {rule.instruments} deposited"
        )
    later = first_of_month_after(deposit, rule.months_after)
    if threshold is None:  # incomplete data: the two paragraphs reduce to the later date
        later = max(later, treaty_pack.entry_into_force)
    return later, (
        f"Art. {rule.article}(2): first day of the sixth month after the deposit on "
        f"{deposit.isoformat()}"
    )


# --- withdrawal (Art. 20) --------------------------------------------------------------------


def _conflict_at(reg: Registry, iso3: str, day: date) -> ConflictRecord | None:
    for conflict in reg.conflicts:
        if conflict.iso3 == iso3 and conflict.covers(day):
            return conflict
    return None


def timeline(
    iso3: str, treaty: Treaty | str, *, registry: Registry | None = None
) -> Timeline | None:
    """The computed dates of one state's membership, or None if it never signed or joined."""
    reg = _registry(registry)
    treaty = parse_treaty(treaty)
    member = reg.memberships.get(treaty, {}).get(iso3)
    if member is None:
        return None
    treaty_pack = reg.packs[treaty]
    eif, basis = entry_into_force(member, treaty_pack, threshold_deposit(treaty, registry=reg))
    notified = member.withdrawal_notified_date
    if notified is None:  # no notice recorded; a source may still state the effective date
        return Timeline(treaty, iso3, eif, basis,
                        withdrawal_effective_date=member.withdrawal_effective_date)
    expiry = add_months(notified, treaty_pack.withdrawal.notice_months)
    first = _conflict_at(reg, iso3, expiry)
    effective: date | None = expiry
    conflict = first
    while conflict is not None and effective is not None:  # Art. 20(3), overlapping conflicts
        effective = conflict.end_date
        conflict = _conflict_at(reg, iso3, effective) if effective else None
    return Timeline(treaty, iso3, eif, basis, notified, expiry, effective, first)


def parties(treaty: Treaty | str, *, registry: Registry | None = None) -> list[Membership]:
    """The membership table with `eif_date` and `withdrawal_effective_date` as the rules compute
    them (the effective date is empty while an armed conflict suspends the withdrawal)."""
    reg = _registry(registry)
    rows = []
    for member in memberships(treaty, registry=reg):
        line = timeline(member.iso3, member.treaty, registry=reg)
        assert line is not None
        rows.append(
            dataclasses.replace(
                member,
                eif_date=line.eif_date,
                withdrawal_effective_date=line.withdrawal_effective_date,
            )
        )
    return rows


# --- status on a day -------------------------------------------------------------------------


def _kind_on(member: Membership, line: Timeline, on: date) -> StatusKind:
    bound = line.eif_date is not None and line.eif_date <= on
    if line.withdrawal_effective_date and line.withdrawal_effective_date <= on:
        return StatusKind.WITHDRAWN
    if bound and line.withdrawal_notified_date and line.withdrawal_notified_date <= on:
        assert line.withdrawal_expiry is not None
        if on < line.withdrawal_expiry:
            return StatusKind.WITHDRAWAL_PENDING
        return StatusKind.WITHDRAWAL_SUSPENDED
    if bound:
        return StatusKind.PARTY
    if member.consent_date and member.consent_date <= on:
        return StatusKind.JOINED
    if member.signature_date and member.signature_date <= on:
        return StatusKind.SIGNATORY
    return StatusKind.NOT_PARTY


def _label(kind: StatusKind, line: Timeline | None) -> str:
    if kind is StatusKind.JOINED and line and line.eif_date:
        return f"joined (in force from {line.eif_date.isoformat()})"
    return {
        StatusKind.PARTY: "party",
        StatusKind.WITHDRAWAL_PENDING: "party (withdrawal pending)",
        StatusKind.WITHDRAWAL_SUSPENDED: "party (withdrawal suspended: armed conflict)",
        StatusKind.WITHDRAWN: "withdrawn",
        StatusKind.SIGNATORY: "signatory",
        StatusKind.JOINED: "joined",
    }.get(kind, "not party")


def _notes(member: Membership, line: Timeline, treaty_pack: TreatyPack, on: date) -> list[str]:
    notes = []
    if member.signature_date and member.signature_date <= on:
        notes.append(f"signed {member.signature_date.isoformat()}")
    if (member.consent_type is ConsentType.SUCCESSION and member.consent_date
            and line.eif_date and line.eif_date <= on < member.consent_date):
        notes.append(
            f"bound from its succession on {line.eif_date.isoformat()}: the notification of "
            f"succession, deposited later ({member.consent_date.isoformat()}), has effect from "
            "that day"
        )
    if member.consent_date and member.consent_date <= on and member.consent_type:
        notes.append(
            f"instrument of {member.consent_type.value} deposited "
            f"{member.consent_date.isoformat()}; in force from "
            f"{line.eif_date.isoformat() if line.eif_date else '?'} ({line.eif_basis})"
        )
    art = treaty_pack.withdrawal.article
    if line.withdrawal_notified_date and line.withdrawal_notified_date <= on:
        assert line.withdrawal_expiry is not None
        notes.append(
            f"withdrawal notified {line.withdrawal_notified_date.isoformat()}; six months "
            f"(Art. {art}(2)) end {line.withdrawal_expiry.isoformat()}"
        )
        conflict = line.suspending_conflict
        if conflict is not None and line.withdrawal_expiry <= on:
            until = conflict.end_date.isoformat() if conflict.end_date else "it ends"
            notes.append(
                f"engaged in armed conflict then ({conflict.description}): the withdrawal does "
                f"not take effect before the conflict ends (Art. {art}(3)) — until {until}"
            )
    if line.withdrawal_effective_date and line.withdrawal_effective_date <= on:
        unknown = "" if line.withdrawal_notified_date else " (date of notice not recorded)"
        notes.append(
            f"withdrawal took effect {line.withdrawal_effective_date.isoformat()}{unknown}"
        )
    return notes


def status_on(
    state: str, treaty: Treaty | str, on: date, *, registry: Registry | None = None
) -> Status:
    """Where `state` (an ISO code or any name) stood in `treaty` on the day `on`."""
    reg = _registry(registry)
    treaty = parse_treaty(treaty)
    iso3 = resolve_state(state)
    member = reg.memberships.get(treaty, {}).get(iso3)
    line = timeline(iso3, treaty, registry=reg)
    if member is None or line is None:
        steps, notes, sources = _declarations(reg, treaty, iso3, on, None, None)
        return Status(treaty, iso3, state_name(iso3), on, StatusKind.NOT_PARTY,
                      _with_steps("not party", steps, StatusKind.NOT_PARTY),
                      notes=notes or ["no signature or instrument recorded"],
                      sources=sources, undeposited=[s for s, _ in steps],
                      registry_known_through=registry_known_through(treaty, registry=reg),
                      warnings=currency_warnings(treaty, on, registry=reg))
    kind = _kind_on(member, line, on)
    notes = _notes(member, line, reg.packs[treaty], on)
    sources = [member.source] if member.source else []
    conflict = line.suspending_conflict
    if conflict and conflict.source and kind is StatusKind.WITHDRAWAL_SUSPENDED:
        sources.append(conflict.source)
    steps, decl_notes, decl_sources = _declarations(reg, treaty, iso3, on, member, line)
    notes += decl_notes
    sources += decl_sources
    # Withdrawal dates are shown from the notice on; where only the effective date is recorded
    # (no notice date in the sources), from that date on.
    shown_from = line.withdrawal_notified_date or line.withdrawal_effective_date
    shown = shown_from is not None and on >= shown_from
    return Status(
        treaty=treaty,
        iso3=iso3,
        name=member.name,
        on=on,
        status=kind,
        label=_with_steps(_label(kind, line), steps, kind),
        signature_date=member.signature_date if _on_or_before(member.signature_date, on) else None,
        consent_date=member.consent_date if _on_or_before(member.consent_date, on) else None,
        consent_type=member.consent_type if _on_or_before(member.consent_date, on) else None,
        in_force_since=line.eif_date if kind.bound else None,
        withdrawal_notified_date=line.withdrawal_notified_date if shown else None,
        withdrawal_effective_date=line.withdrawal_effective_date if shown else None,
        notes=notes,
        sources=list(dict.fromkeys(sources)),
        registry_known_through=registry_known_through(treaty, registry=reg),
        warnings=currency_warnings(treaty, on, registry=reg),
        undeposited=[s for s, _ in steps],
    )


# Declarations that are steps towards a deposit: shown for what they are, never counted.
JOINING_ACTS = ("accession", "ratification", "acceptance", "approval")
WITHDRAWAL_STEPS = {
    "withdrawal_decision": "withdrawal decided",
    "parliament_bill": "bill tabled in parliament",
    "parliament_decision": "approved by parliament",
    "law_signed": "law signed",
}


def _joining_step(kind: str) -> str | None:
    """'accession_approved_by_decree' -> 'accession approved by decree' (None: not a step
    towards joining)."""
    for act in JOINING_ACTS:
        if kind == f"{act}_approved" or kind.startswith(f"{act}_approved_by_"):
            return kind.replace("_", " ")
    return None


def _declarations(
    reg: Registry, treaty: Treaty, iso3: str, on: date, member: Membership | None,
    line: Timeline | None,
) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """The state's declarations known by `on`, as notes; and among them the steps short of a
    deposit not (yet) followed by one: (words, kind of step) with kind 'joining' or
    'withdrawal'."""
    deposited = bool(member and member.consent_date and member.consent_date <= on)
    noticed = bool(line and line.withdrawal_notified_date and line.withdrawal_notified_date <= on)
    steps, notes, sources = [], [], []
    for decl in reg.declarations.get(treaty, []):
        known_by = decl.date or decl.source_date  # an undated one: known by its source's date
        if decl.iso3 != iso3 or not known_by or known_by > on:
            continue
        when = decl.date.isoformat() if decl.date else f"by {known_by.isoformat()}"
        joining = _joining_step(decl.kind)
        if joining and not deposited:
            steps.append((f"{when}: {joining}, not deposited", "joining"))
            notes.append(f"{when} {joining}, not deposited: {decl.summary} (no change of "
                         "status; not counted)")
        elif decl.kind in WITHDRAWAL_STEPS and not noticed:
            words = WITHDRAWAL_STEPS[decl.kind]
            steps.append((f"{when}: {words}, no notice of withdrawal deposited", "withdrawal"))
            notes.append(f"{when} {words} ({decl.kind}), no notice of withdrawal deposited: "
                         f"{decl.summary} (no change of status)")
        else:
            notes.append(f"{when} {decl.kind}: {decl.summary} (no change of status)")
        if decl.source:
            sources.append(decl.source)
    return steps, notes, sources


def _with_steps(label: str, steps: list[tuple[str, str]], kind: StatusKind) -> str:
    """A state not yet bound, with a step towards joining: 'not party (accession approved by
    decree, not deposited)'. The label of a bound state does not change."""
    joining = [words for words, what in steps if what == "joining"]
    if not joining or kind.bound or kind is StatusKind.JOINED:
        return label
    latest = joining[-1].split(": ", 1)[1]
    return f"{label} ({latest})"


def _on_or_before(day: date | None, on: date) -> bool:
    return day is not None and day <= on


def statuses_on(
    treaty: Treaty | str, on: date, *, registry: Registry | None = None
) -> list[Status]:
    """The status on `on` of every state that ever signed or joined `treaty`, then of every
    state with a step towards joining short of a deposit (not party: never counted)."""
    reg = _registry(registry)
    treaty = parse_treaty(treaty)
    iso3s = [m.iso3 for m in memberships(treaty, registry=reg)]
    steps = {d.iso3 for d in reg.declarations.get(treaty, []) if _joining_step(d.kind)
             and (d.date or d.source_date) and (d.date or d.source_date) <= on}  # type: ignore
    iso3s += sorted(steps - set(iso3s))  # states with a step towards joining only: shown
    return [status_on(iso3, treaty, on, registry=reg) for iso3 in iso3s]


def counts_on(treaty: Treaty | str, on: date, *, registry: Registry | None = None) -> Counts:
    """How many states were parties, signatories, … of `treaty` on the day `on`."""
    kinds = [s.status for s in statuses_on(treaty, on, registry=registry)]
    bound = sum(k.bound for k in kinds)
    joined = kinds.count(StatusKind.JOINED)
    return Counts(
        treaty=parse_treaty(treaty),
        on=on,
        states_parties=bound,
        joined_not_in_force=joined,
        consented=bound + joined,
        signatories=kinds.count(StatusKind.SIGNATORY),
        withdrawal_pending=kinds.count(StatusKind.WITHDRAWAL_PENDING)
        + kinds.count(StatusKind.WITHDRAWAL_SUSPENDED),
        withdrawn=kinds.count(StatusKind.WITHDRAWN),
    )


# --- deadlines (APMBC Arts. 4, 5; CCM Arts. 3, 4) --------------------------------------------


def _apply_extensions(
    reg: Registry, treaty: Treaty, iso3: str, article: str, original: date, on: date
) -> tuple[date, list[Extension], bool, list[str]]:
    """Apply the extensions of one deadline in the order granted, as they stood on `on`.

    A dated extension applies from its grant. An undated one applies once the deadline it
    extends has passed (extensions are granted before the old deadline runs out, so on any
    earlier day the obligation was running either way). Returns the current deadline, the
    extensions applied, whether the last applied one has no recorded date, and their sources.
    """
    found = [e for e in reg.extensions.get(treaty, []) if e.iso3 == iso3 and e.article == article]
    found.sort(key=lambda e: (e.new_deadline or date.max, e.granted_date or date.max))
    current, applied, unknown, sources = original, [], False, []
    for ext in found:
        granted = ext.granted_date <= on if ext.granted_date else on > current
        if not granted:
            break
        sources.append(ext.source)
        if ext.new_deadline is None:
            unknown = True
            break
        current, unknown = ext.new_deadline, False
        applied.append(Extension(ext.new_deadline, ext.granted_by, ext.granted_date, ext.source))
    return current, applied, unknown, sources


def known_through(reg: Registry, record: ObligationRecord) -> date | None:
    """How far the sources of one obligation reach: the latest `source_date` on its obligation
    row and on every extension row of the same state and article (a row without one adds
    nothing; None when no row is dated)."""
    days = [record.source_date] + [
        e.source_date
        for e in reg.extensions.get(record.treaty, [])
        if e.iso3 == record.iso3 and e.article == record.article
    ]
    known = [d for d in days if d is not None]
    return max(known) if known else None


def _passed_state(current: date, known: date | None) -> tuple[DeadlineState, str]:
    """A deadline passed with no completion recorded: `missed` only when a source dated on or
    after the deadline still records neither completion nor a later extension; otherwise
    `unconfirmed`, because a decision or completion after our latest source may exist."""
    if known is not None and known >= current:
        return DeadlineState.MISSED, (
            f"passed {current.isoformat()} unmet; our latest source ({known.isoformat()}) "
            "records no completion and no later extension"
        )
    latest = f"our latest source ({known.isoformat()})" if known else "our sources (undated)"
    return DeadlineState.UNCONFIRMED, (
        f"deadline {current.isoformat()} passed after {latest}; a later extension or "
        "completion may exist"
    )


def _completed_after(
    record: ObligationRecord, current: date
) -> tuple[DeadlineState, str, int | None]:
    """Completion recorded after the current deadline: `completed_late` when it surely was
    (the earliest day it can have been, or a day a source says it was still not done, is after
    the deadline), else `met` with a note that the day it was done is not known."""
    done = record.completed_date
    assert done is not None
    earliest = record.completed_earliest
    open_on = record.still_open_on if record.still_open_on and record.still_open_on > current \
        else None
    when = f"deadline {current.isoformat()}, completed {done.isoformat()}"
    if earliest is not None and earliest == done and earliest > current:
        return (DeadlineState.COMPLETED_LATE,
                f"completed late: {when}, {_how_late(current, done)} late", (done - current).days)
    lower = max(d for d in (earliest, open_on, current) if d is not None)
    if lower > current:
        kind = "declared" if record.completed_basis else "at the latest"
        return (DeadlineState.COMPLETED_LATE,
                f"completed late: deadline {current.isoformat()}; "
                + (f"still not done on {open_on.isoformat()}; " if open_on else "")
                + f"completion {kind} {done.isoformat()}: {_late_range(current, lower, done)}",
                None)
    return (DeadlineState.MET,
            f"completion {'declared' if record.completed_basis else 'recorded'} "
            f"{done.isoformat()}, after the deadline {current.isoformat()}; the day it was done "
            "is not recorded, so whether it was late is not known", None)


def _late_range(deadline: date, earliest: date, latest: date) -> str:
    low, high = _how_late(deadline, earliest), _how_late(deadline, latest)
    return f"about {low} late" if low == high else f"between {low} and {high} late"


def _how_late(deadline: date, done: date) -> str:
    """'9 years 1 month', '3 months', '12 days': whole months from the deadline, else days."""
    months = (done.year - deadline.year) * 12 + done.month - deadline.month
    if add_months(deadline, months) > done:
        months -= 1
    if months <= 0:
        days = (done - deadline).days
        return f"{days} day{'s' if days != 1 else ''}"
    years, rest = divmod(months, 12)
    parts = ([f"{years} year{'s' if years != 1 else ''}"] if years else []) + (
        [f"{rest} month{'s' if rest != 1 else ''}"] if rest else [])
    return " ".join(parts)


def deadlines_on(
    treaty: Treaty | str,
    on: date,
    state: str | None = None,
    *,
    registry: Registry | None = None,
) -> list[Deadline]:
    """Every tracked deadline of every state bound by `treaty` on `on` (or of one `state`),
    with extensions granted by then applied in order and its state that day: `met` (completion
    declared by then), `running`, or, once passed without declared completion, `missed` when a
    source dated on or after the deadline still records neither (`known_through`), else
    `unconfirmed` (never a finding: a later extension or completion may exist)."""
    reg = _registry(registry)
    treaty = parse_treaty(treaty)
    treaty_pack = reg.packs[treaty]
    only = resolve_state(state) if state else None
    currency = registry_known_through(treaty, registry=reg)
    warnings = currency_warnings(treaty, on, ("depositary", "meetings"), registry=reg)
    result = []
    for record in reg.obligations.get(treaty, []):
        if only and record.iso3 != only:
            continue
        line = timeline(record.iso3, treaty, registry=reg)
        if line is None or line.eif_date is None or line.eif_date > on:
            continue  # not (yet) bound: no deadline runs
        if line.withdrawal_effective_date and line.withdrawal_effective_date <= on:
            continue  # no longer bound
        rule = treaty_pack.deadline_rule(record.article)
        computed = add_years(line.eif_date, rule.years_after_eif or 0)
        original = record.stated_original_deadline or computed
        current, extensions, undated, ext_sources = _apply_extensions(
            reg, treaty, record.iso3, record.article, original, on
        )
        completed = record.completed_date if _on_or_before(record.completed_date, on) else None
        known = known_through(reg, record)
        note, late = "", None
        if completed and not undated and completed > current:
            state_kind, note, late = _completed_after(record, current)
        elif completed:
            state_kind = DeadlineState.MET
        elif on > current and not undated:
            # A completion known to be after the deadline (not reached yet on `on`), or a
            # source saying it was still not done after it, knows the state after the
            # deadline: the deadline was missed until the completion.
            after = [d for d in (record.completed_earliest, record.still_open_on)
                     if d and d > current]
            if after and (known is None or max(after) > known):
                known = max(after)
            state_kind, note = _passed_state(current, known)
        else:  # an extension granted with no recorded date: still running, as far as known
            state_kind = DeadlineState.RUNNING
            if undated:
                note = "extension granted, new deadline not recorded"
        sources = [record.source, *ext_sources]
        result.append(
            Deadline(
                treaty=treaty,
                iso3=record.iso3,
                name=reg.memberships[treaty][record.iso3].name,
                article=record.article,
                obligation=rule.title,
                original_deadline=original,
                current_deadline=current,
                extensions=extensions,
                completed_date=completed,
                state=state_kind,
                on=on,
                sources=list(dict.fromkeys(s for s in sources if s)),
                known_through=known,
                note=note,
                days_late=late,
                registry_known_through=currency,
                warnings=warnings,
            )
        )
    result.sort(key=lambda d: (d.current_deadline, d.iso3, d.article))
    return result
