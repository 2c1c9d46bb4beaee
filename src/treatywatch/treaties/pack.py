"""Treaty packs: what each treaty says, read from `packs/<id>.toml` into typed records."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from treatywatch.errors import TreatywatchError, UnknownTreaty
from treatywatch.model import Act, Record, Treaty, Weapon

PACKS_DIR = Path(__file__).with_name("packs")


class PackError(TreatywatchError):
    """A treaty pack file that cannot be read."""


@dataclass(frozen=True)
class ProhibitedAct(Record):
    article: str  # e.g. "1.1.b"
    acts: tuple[Act, ...]
    text: str


@dataclass(frozen=True)
class Provision(Record):
    article: str
    text: str


@dataclass(frozen=True)
class DeadlineRule(Record):
    article: str  # "4", "5" (APMBC); "3", "4" (CCM); "7" reports
    obligation: str  # destroy_stockpile | clear | report
    title: str
    text: str
    years_after_eif: int | None = None
    extendable: bool = False
    extension_article: str | None = None
    tracked: bool = True  # whether the registry's data follows it state by state
    initial_report_days: int | None = None
    annual_report_by: str | None = None  # "MM-DD"
    acts: tuple[Act, ...] = ()  # events judged under this deadline (stockpiles, clearance)


@dataclass(frozen=True)
class EntryIntoForceRule(Record):
    article: str
    instruments: int  # deposits needed for the treaty to enter into force
    months_after: int
    text: str


@dataclass(frozen=True)
class WithdrawalRule(Record):
    article: str
    notice_months: int
    armed_conflict_article: str | None
    text: str


@dataclass(frozen=True)
class TreatyPack(Record):
    id: Treaty
    full_name: str
    short_names: tuple[str, ...]
    adopted: date
    opened_for_signature: date
    entry_into_force: date
    depositary: str
    untc: str
    entry_into_force_rule: EntryIntoForceRule
    withdrawal: WithdrawalRule
    weapons: dict[Weapon, str]  # weapon -> "yes" | "possibly"
    prohibited_acts: tuple[ProhibitedAct, ...]
    deadlines: tuple[DeadlineRule, ...]
    obligations: tuple[Provision, ...] = field(default_factory=tuple)

    @property
    def short_name(self) -> str:
        return self.short_names[0]

    def prohibition(self, act: Act | str) -> ProhibitedAct | None:
        """The Art. 1 paragraph that forbids `act`, if any."""
        for rule in self.prohibited_acts:
            if Act(act) in rule.acts:
                return rule
        return None

    def forbidden_acts(self) -> frozenset[Act]:
        """Every act Art. 1 forbids."""
        return frozenset(a for rule in self.prohibited_acts for a in rule.acts)

    def obligation_of(self, act: Act | str) -> str | None:
        """The tracked deadline obligation an act is judged under ("destroy_stockpile",
        "clear"), if any."""
        for rule in self.deadlines:
            if rule.tracked and Act(act) in rule.acts:
                return rule.obligation
        return None

    def in_scope(self, weapon: Weapon | str) -> str | None:
        """'yes', 'possibly' or None (outside the treaty)."""
        return self.weapons.get(Weapon(weapon))

    def deadline_rule(self, article: str) -> DeadlineRule:
        for rule in self.deadlines:
            if rule.article == article:
                return rule
        known = ", ".join(r.article for r in self.deadlines)
        raise PackError(f"{self.id}: no deadline rule for article '{article}' (known: {known})")


def parse_treaty(value: Treaty | str) -> Treaty:
    """A treaty from its id ('apmbc', 'ccm'); `UnknownTreaty` names the choices otherwise."""
    try:
        return Treaty(str(value).strip().lower())
    except ValueError:
        choices = ", ".join(t.value for t in Treaty)
        raise UnknownTreaty(f"unknown treaty '{value}' — choose one of: {choices}") from None


def _build(raw: dict, path: Path) -> TreatyPack:
    eif = raw["entry_into_force_rule"]
    wd = raw["withdrawal"]
    return TreatyPack(
        id=Treaty(raw["id"]),
        full_name=raw["full_name"],
        short_names=tuple(raw["short_names"]),
        adopted=raw["adopted"],
        opened_for_signature=raw["opened_for_signature"],
        entry_into_force=raw["entry_into_force"],
        depositary=raw["depositary"],
        untc=raw["untc"],
        entry_into_force_rule=EntryIntoForceRule(
            eif["article"], eif["instruments"], eif["months_after"], eif["text"]
        ),
        withdrawal=WithdrawalRule(
            wd["article"], wd["notice_months"], wd.get("armed_conflict_article"), wd["text"]
        ),
        weapons={Weapon(k): v for k, v in raw["weapons"].items()},
        prohibited_acts=tuple(
            ProhibitedAct(p["article"], tuple(Act(a) for a in p["acts"]), p["text"])
            for p in raw["prohibited_acts"]
        ),
        deadlines=tuple(
            DeadlineRule(**{**d, "acts": tuple(Act(a) for a in d.get("acts", ()))})
            for d in raw["deadlines"]
        ),
        obligations=tuple(Provision(**o) for o in raw.get("obligations", [])),
    )


def load_pack(path: Path) -> TreatyPack:
    """Read one pack file; a missing key or bad value raises `PackError` naming the file."""
    try:
        with path.open("rb") as handle:
            return _build(tomllib.load(handle), path)
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise PackError(f"cannot read treaty pack {path}: {exc!r} — fix the file") from None


@lru_cache(maxsize=8)
def load_packs(packs_dir: Path = PACKS_DIR) -> dict[Treaty, TreatyPack]:
    return {t: load_pack(packs_dir / f"{t.value}.toml") for t in Treaty}
