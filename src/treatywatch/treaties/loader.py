"""Read the registry's CSV files into typed records, checking every row.

A data directory holds, per treaty T (apmbc, ccm): `T_membership.csv`, `T_obligations.csv`,
`T_extensions.csv`, `T_declarations.csv`, `T_untc_explained.csv`; and for both:
`armed_conflicts.csv`, `state_party_counts.csv`, `known_through.csv`. Missing files read as
empty. Any bad value (an impossible date, an unknown ISO code, an unknown consent type, a missing
column) raises `RegistryDataError` naming the file, the line and the value. The column layout
is documented in docs/registry.md.
"""

from __future__ import annotations

import calendar
import csv
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from treatywatch.dates import parse_date
from treatywatch.errors import InvalidDate, TreatywatchError
from treatywatch.model import ConsentType, Membership, Record, Treaty
from treatywatch.places import all_states, state_name
from treatywatch.treaties.pack import PACKS_DIR, TreatyPack, load_packs

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).with_name("data")

MEMBERSHIP_COLUMNS = (
    "iso3", "name", "signature_date", "consent_date", "consent_type", "eif_date",
    "withdrawal_notified_date", "withdrawal_effective_date", "source", "source_date", "notes",
)
OBLIGATION_COLUMNS = (
    "iso3", "article", "stated_original_deadline", "completed_date", "source", "source_date",
    "notes",
)
EXTENSION_COLUMNS = (
    "iso3", "article", "new_deadline", "granted_by", "granted_date", "source", "source_date",
)
CONFLICT_COLUMNS = ("iso3", "start_date", "end_date", "description", "source", "source_date")
COUNT_COLUMNS = ("treaty", "date", "count", "source", "source_date")
DECLARATION_COLUMNS = ("iso3", "date", "kind", "summary", "source", "source_date")
EXPLAINED_COLUMNS = (
    "iso3", "field", "page_value", "registry_value", "reason", "source", "source_date",
)
KNOWN_THROUGH_COLUMNS = ("treaty", "kind", "known_through", "source", "notes")
SOURCE_KINDS = ("depositary", "meetings")


class RegistryDataError(TreatywatchError):
    """A registry data file with a value that cannot be read (names file, line and value)."""


@dataclass(frozen=True)
class ObligationRecord(Record):
    treaty: Treaty
    iso3: str
    article: str
    stated_original_deadline: date | None
    completed_date: date | None  # the latest day completion can have been
    source: str
    source_date: date | None = None
    notes: str = ""
    # The earliest day completion can have been: the day itself when a source states it; the
    # period's first day for a month or a year; None when `completed_basis` is "declared" (the
    # day completion was declared or reported: done on or before it, how long before unknown).
    completed_earliest: date | None = None
    completed_basis: str = ""  # "" (the day it was done) | "declared"
    still_open_on: date | None = None  # the latest day a source says it was still not done


@dataclass(frozen=True)
class ExtensionRecord(Record):
    treaty: Treaty
    iso3: str
    article: str
    new_deadline: date | None  # None: granted, but the new date is not recorded
    granted_by: str
    granted_date: date | None
    source: str
    source_date: date | None = None


@dataclass(frozen=True)
class ConflictRecord(Record):
    iso3: str
    start_date: date
    end_date: date | None  # None: still going on
    description: str
    source: str
    source_date: date | None = None

    def covers(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or day < self.end_date)


@dataclass(frozen=True)
class CountRecord(Record):
    treaty: Treaty
    date: date
    count: int
    source: str
    source_date: date | None = None


@dataclass(frozen=True)
class DeclarationRecord(Record):
    treaty: Treaty
    iso3: str
    date: date | None
    kind: str
    summary: str
    source: str
    source_date: date | None = None


@dataclass(frozen=True)
class ExplainedRecord(Record):
    """A known difference between the depositary's status page and the data, and why the
    data is right (or why the page's value cannot be used), with the source."""

    treaty: Treaty
    iso3: str
    field: str
    page_value: str
    registry_value: str
    reason: str
    source: str
    source_date: date | None = None


@dataclass(frozen=True)
class KnownThroughRecord(Record):
    """How far one kind of source has been checked: every act of that kind up to and including
    `known_through` is in the data (`depositary`: the UN status page and its notifications;
    `meetings`: the decisions of the Meetings of States Parties and Review Conferences)."""

    treaty: Treaty
    kind: str
    known_through: date
    source: str
    notes: str = ""


@dataclass
class Registry:
    """Everything the rules read: the packs and the sourced records, per treaty."""

    packs: dict[Treaty, TreatyPack]
    memberships: dict[Treaty, dict[str, Membership]] = field(default_factory=dict)
    obligations: dict[Treaty, list[ObligationRecord]] = field(default_factory=dict)
    extensions: dict[Treaty, list[ExtensionRecord]] = field(default_factory=dict)
    declarations: dict[Treaty, list[DeclarationRecord]] = field(default_factory=dict)
    conflicts: list[ConflictRecord] = field(default_factory=list)
    counts: list[CountRecord] = field(default_factory=list)
    explained: dict[Treaty, list[ExplainedRecord]] = field(default_factory=dict)
    known_through: dict[Treaty, dict[str, KnownThroughRecord]] = field(default_factory=dict)
    data_dir: Path | None = None


class _Row:
    """One CSV row with its place in the file, for error messages that point at it."""

    def __init__(self, path: Path, line: int, values: dict[str, str]):
        self.path, self.line, self.values = path, line, values

    def _fail(self, column: str, problem: str) -> RegistryDataError:
        who = self.values.get("iso3") or self.values.get("treaty") or ""
        where = f"{self.path} line {self.line}" + (f" ({who})" if who else "")
        return RegistryDataError(f"{where}: {column} {problem} — fix the row")

    def text(self, column: str, *, required: bool = False) -> str:
        value = (self.values.get(column) or "").strip()
        if required and not value:
            raise self._fail(column, "is empty")
        return value

    def day(self, column: str, *, required: bool = False) -> date | None:
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            return parse_date(value, what=column)
        except InvalidDate:
            raise self._fail(column, f"'{value}' is not a real date in YYYY-MM-DD form") from None

    def latest_day(self, column: str) -> date | None:
        """A day, or a month (YYYY-MM) or year (YYYY) when a source gives no day: then the
        period's last day, the latest the fact can be (used for completion dates)."""
        value = self.text(column)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            year, month = int(value[:4]), int(value[5:])
            if 1 <= month <= 12:
                return date(year, month, calendar.monthrange(year, month)[1])
        if re.fullmatch(r"\d{4}", value):
            return date(int(value), 12, 31)
        return self.day(column)

    def earliest_day(self, column: str) -> date | None:
        """A day, or the first day of a month (YYYY-MM) or year (YYYY)."""
        value = self.text(column)
        if re.fullmatch(r"\d{4}-\d{2}", value) and 1 <= int(value[5:]) <= 12:
            return date(int(value[:4]), int(value[5:]), 1)
        if re.fullmatch(r"\d{4}", value):
            return date(int(value), 1, 1)
        return self.day(column)

    def source_day(self) -> date | None:
        """`source_date`: one date, or one per source in `source` separated by ';' (some may be
        empty) — then the latest, i.e. when the newest source was consulted or published."""
        value = self.text("source_date")
        days = []
        for part in value.split(";"):
            if part.strip():
                try:
                    days.append(parse_date(part.strip(), what="source_date"))
                except InvalidDate:
                    raise self._fail(
                        "source_date", f"'{value}' holds '{part.strip()}', not a YYYY-MM-DD date"
                    ) from None
        return max(days) if days else None

    def iso3(self) -> str:
        value = self.text("iso3", required=True)
        if value not in all_states():
            raise self._fail("iso3", f"'{value}' is not a known ISO 3166-1 alpha-3 code")
        return value

    def choice(self, column: str, enum: type, *, required: bool = False):
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            return enum(value)
        except ValueError:
            choices = "|".join(e.value for e in enum)
            raise self._fail(column, f"'{value}' is not one of {choices}") from None

    def integer(self, column: str) -> int:
        value = self.text(column, required=True)
        try:
            return int(value)
        except ValueError:
            raise self._fail(column, f"'{value}' is not a whole number") from None


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[_Row]:
    if not path.exists():
        log.info("registry file %s absent: read as empty", path)
        return
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise RegistryDataError(
                f"{path}: missing column(s) {', '.join(missing)} — the header must have "
                f"{','.join(columns)}"
            )
        for values in reader:
            if not any((v or "").strip() for v in values.values() if isinstance(v, str)):
                continue  # a blank line
            yield _Row(path, reader.line_num, values)


def read_memberships(path: Path, treaty: Treaty) -> dict[str, Membership]:
    result: dict[str, Membership] = {}
    for row in _rows(path, MEMBERSHIP_COLUMNS):
        iso3 = row.iso3()
        if iso3 in result:
            raise row._fail("iso3", f"'{iso3}' appears twice; keep one row per state")
        result[iso3] = Membership(
            treaty=treaty,
            iso3=iso3,
            name=row.text("name") or state_name(iso3),
            signature_date=row.day("signature_date"),
            consent_date=row.day("consent_date"),
            consent_type=row.choice("consent_type", ConsentType),
            eif_date=row.day("eif_date"),
            withdrawal_notified_date=row.day("withdrawal_notified_date"),
            withdrawal_effective_date=row.day("withdrawal_effective_date"),
            source=row.text("source"),
            source_date=row.source_day(),
            notes=row.text("notes"),
        )
        member = result[iso3]
        if member.consent_date and not member.consent_type:
            raise row._fail("consent_type", "is empty although consent_date is given")
        if (member.consent_type is ConsentType.SUCCESSION and member.eif_date
                and member.consent_date and member.eif_date > member.consent_date):
            raise row._fail(
                "eif_date",
                f"'{member.eif_date.isoformat()}' is after the notification of succession "
                f"({member.consent_date.isoformat()}): a successor is bound from its succession, "
                "not by Art. 17 — give the date of succession",
            )
    return result


COMPLETED_BASES = ("", "declared")


def read_obligations(path: Path, treaty: Treaty) -> list[ObligationRecord]:
    """Obligation rows; the optional columns `completed_basis` ("declared": `completed_date`
    is the day completion was declared or reported, an upper bound) and `still_open_on` (the
    latest day a source says the obligation was still not done) may be absent."""
    records = []
    for row in _rows(path, OBLIGATION_COLUMNS):
        basis = row.text("completed_basis")
        if basis not in COMPLETED_BASES:
            raise row._fail("completed_basis", f"'{basis}' is not empty or 'declared'")
        latest = row.latest_day("completed_date")
        if basis and latest is None:
            raise row._fail("completed_basis", "is given but completed_date is empty")
        still_open = row.day("still_open_on")
        if still_open and latest and still_open >= latest:
            raise row._fail("still_open_on", f"'{still_open.isoformat()}' is not before "
                            f"completed_date ({latest.isoformat()})")
        records.append(ObligationRecord(
            treaty=treaty,
            iso3=row.iso3(),
            article=row.text("article", required=True),
            stated_original_deadline=row.day("stated_original_deadline"),
            completed_date=latest,
            source=row.text("source"),
            source_date=row.source_day(),
            notes=row.text("notes"),
            completed_earliest=None if basis else row.earliest_day("completed_date"),
            completed_basis=basis,
            still_open_on=still_open,
        ))
    return records


def read_extensions(path: Path, treaty: Treaty) -> list[ExtensionRecord]:
    return [
        ExtensionRecord(
            treaty=treaty,
            iso3=row.iso3(),
            article=row.text("article", required=True),
            new_deadline=row.day("new_deadline"),
            granted_by=row.text("granted_by"),
            granted_date=row.day("granted_date"),
            source=row.text("source"),
            source_date=row.source_day(),
        )
        for row in _rows(path, EXTENSION_COLUMNS)
    ]


def read_declarations(path: Path, treaty: Treaty) -> list[DeclarationRecord]:
    return [
        DeclarationRecord(
            treaty=treaty,
            iso3=row.iso3(),
            date=row.day("date"),
            kind=row.text("kind"),
            summary=row.text("summary"),
            source=row.text("source"),
            source_date=row.source_day(),
        )
        for row in _rows(path, DECLARATION_COLUMNS)
    ]


def read_conflicts(path: Path) -> list[ConflictRecord]:
    return [
        ConflictRecord(
            iso3=row.iso3(),
            start_date=row.day("start_date", required=True),  # type: ignore[arg-type]
            end_date=row.day("end_date"),
            description=row.text("description"),
            source=row.text("source"),
            source_date=row.source_day(),
        )
        for row in _rows(path, CONFLICT_COLUMNS)
    ]


def read_counts(path: Path) -> list[CountRecord]:
    return [
        CountRecord(
            treaty=row.choice("treaty", Treaty, required=True),
            date=row.day("date", required=True),  # type: ignore[arg-type]
            count=row.integer("count"),
            source=row.text("source"),
            source_date=row.source_day(),
        )
        for row in _rows(path, COUNT_COLUMNS)
    ]


def read_explained(path: Path, treaty: Treaty) -> list[ExplainedRecord]:
    return [
        ExplainedRecord(
            treaty=treaty,
            iso3=row.text("iso3"),
            field=row.text("field", required=True),
            page_value=row.text("page_value"),
            registry_value=row.text("registry_value"),
            reason=row.text("reason", required=True),
            source=row.text("source", required=True),
            source_date=row.source_day(),
        )
        for row in _rows(path, EXPLAINED_COLUMNS)
    ]


def read_known_through(path: Path) -> dict[Treaty, dict[str, KnownThroughRecord]]:
    result: dict[Treaty, dict[str, KnownThroughRecord]] = {}
    for row in _rows(path, KNOWN_THROUGH_COLUMNS):
        treaty = row.choice("treaty", Treaty, required=True)
        kind = row.text("kind", required=True)
        if kind not in SOURCE_KINDS:
            raise row._fail("kind", f"'{kind}' is not one of {'|'.join(SOURCE_KINDS)}")
        if kind in result.get(treaty, {}):
            raise row._fail("kind", f"'{kind}' appears twice for {treaty.value}; keep one row")
        result.setdefault(treaty, {})[kind] = KnownThroughRecord(
            treaty=treaty,
            kind=kind,
            known_through=row.day("known_through", required=True),  # type: ignore[arg-type]
            source=row.text("source", required=True),
            notes=row.text("notes"),
        )
    return result


def load_registry(data_dir: Path | str = DATA_DIR, packs_dir: Path | str = PACKS_DIR) -> Registry:
    """Read every registry file under `data_dir` (and the packs) into one `Registry`."""
    data_dir, packs_dir = Path(data_dir), Path(packs_dir)
    registry = Registry(packs=load_packs(packs_dir), data_dir=data_dir)
    for treaty in Treaty:
        t = treaty.value
        registry.memberships[treaty] = read_memberships(data_dir / f"{t}_membership.csv", treaty)
        registry.obligations[treaty] = read_obligations(data_dir / f"{t}_obligations.csv", treaty)
        registry.extensions[treaty] = read_extensions(data_dir / f"{t}_extensions.csv", treaty)
        registry.declarations[treaty] = read_declarations(
            data_dir / f"{t}_declarations.csv", treaty
        )
        registry.explained[treaty] = read_explained(data_dir / f"{t}_untc_explained.csv", treaty)
    registry.conflicts = read_conflicts(data_dir / "armed_conflicts.csv")
    registry.known_through = read_known_through(data_dir / "known_through.csv")
    registry.counts = read_counts(data_dir / "state_party_counts.csv")
    return registry


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """The registry shipped with the package, or the data directory named by the environment
    variable TREATYWATCH_REGISTRY_DATA (read once per process)."""
    return load_registry(os.environ.get("TREATYWATCH_REGISTRY_DATA") or DATA_DIR, PACKS_DIR)
