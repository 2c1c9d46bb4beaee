"""The domain's types, in one place: treaties, states' places in them, articles, events, findings.

Every stage talks to the next through these records. Vocabularies are `StrEnum`s so that their
values are the lower-case strings of the JSON contracts (see docs/DESIGN.md).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class Treaty(StrEnum):
    APMBC = "apmbc"
    CCM = "ccm"


class Act(StrEnum):
    USE = "use"
    PRODUCE = "produce"
    DEVELOP = "develop"
    TRANSFER = "transfer"
    ACQUIRE = "acquire"
    STOCKPILE = "stockpile"
    RETAIN = "retain"
    DESTROY_STOCKPILE = "destroy_stockpile"
    CLEAR = "clear"
    CASUALTY = "casualty"
    SIGN = "sign"
    RATIFY = "ratify"
    ACCEDE = "accede"
    WITHDRAW = "withdraw"
    SUSPEND = "suspend"
    ASSIST = "assist"


TREATY_ACTS = frozenset({Act.SIGN, Act.RATIFY, Act.ACCEDE, Act.WITHDRAW, Act.SUSPEND})


class Weapon(StrEnum):
    AP_MINE = "ap_mine"
    AV_MINE = "av_mine"
    MINE = "mine"
    IMPROVISED_MINE = "improvised_mine"
    CLUSTER_MUNITION = "cluster_munition"
    NAVAL_MINE = "naval_mine"
    ERW = "erw"

    @property
    def family(self) -> str:
        if self in (Weapon.AP_MINE, Weapon.AV_MINE, Weapon.MINE, Weapon.IMPROVISED_MINE):
            return "landmine"
        return self.value


class Modality(StrEnum):
    OCCURRED = "occurred"
    ONGOING = "ongoing"
    ANNOUNCED = "announced"
    ALLEGED = "alleged"
    DENIED = "denied"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"


class FindingKind(StrEnum):
    PROHIBITED_ACT = "prohibited_act"
    DEADLINE_MISSED = "deadline_missed"
    NON_PARTY_ACT = "non_party_act"
    PROGRESS = "progress"
    WITHDRAWAL = "withdrawal"
    NON_STATE_USE = "non_state_use"  # an armed group's act: no state's compliance, but news


class FindingStatus(StrEnum):
    """How firmly a finding is put: a weak claim against a State Party is never asserted."""

    ASSERTED = "asserted"
    NEEDS_REVIEW = "needs_review"


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    APPROXIMATE = "approximate"  # "about", "around", "early 2025", "last week"


COMPLIANCE_KINDS = frozenset(
    {FindingKind.PROHIBITED_ACT, FindingKind.DEADLINE_MISSED, FindingKind.NON_PARTY_ACT}
)


class ConsentType(StrEnum):
    RATIFICATION = "ratification"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    ACCESSION = "accession"
    SUCCESSION = "succession"


class StatusKind(StrEnum):
    NOT_PARTY = "not_party"
    SIGNATORY = "signatory"
    JOINED = "joined"  # instrument deposited, not yet in force for the state
    PARTY = "party"
    WITHDRAWAL_PENDING = "withdrawal_pending"
    WITHDRAWAL_SUSPENDED = "withdrawal_suspended"  # Art. 20(3): armed conflict
    WITHDRAWN = "withdrawn"

    @property
    def bound(self) -> bool:
        """Whether the state is bound by the treaty's prohibitions on that day."""
        return self in (
            StatusKind.PARTY,
            StatusKind.WITHDRAWAL_PENDING,
            StatusKind.WITHDRAWAL_SUSPENDED,
        )


class DeadlineState(StrEnum):
    MET = "met"
    # Completed after the (extended) deadline had passed: missed from the deadline to the
    # completion, `completed_late` from then on (the deadline, the completion and how late).
    COMPLETED_LATE = "completed_late"
    RUNNING = "running"
    MISSED = "missed"
    # Passed, no completion recorded, but every source is older than the deadline: a later
    # extension or completion may exist. Never reported as missed.
    UNCONFIRMED = "unconfirmed"


def _plain(value: Any) -> Any:
    """JSON-ready form of a record field: dates as ISO strings, enums as their values."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class Record:
    """Mixin: `to_dict()` gives the JSON form of a dataclass record."""

    def to_dict(self) -> dict[str, Any]:
        return _plain(asdict(self))  # type: ignore[call-overload]


# --- treaty registry -------------------------------------------------------------------------


@dataclass(frozen=True)
class Source(Record):
    document: str
    date: date | None = None
    url: str | None = None


@dataclass(frozen=True)
class Membership(Record):
    """One state's recorded acts under one treaty, as the depositary records them."""

    treaty: Treaty
    iso3: str
    name: str
    signature_date: date | None = None
    consent_date: date | None = None
    consent_type: ConsentType | None = None
    eif_date: date | None = None  # entry into force as a source states it (the rules compute it)
    withdrawal_notified_date: date | None = None
    withdrawal_effective_date: date | None = None  # as a source states it
    source: str = ""
    source_date: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class Status(Record):
    """Where a state stands in a treaty on a day, with the dates behind it."""

    treaty: Treaty
    iso3: str
    name: str
    on: date
    status: StatusKind
    label: str  # e.g. "joined (in force from 2025-09-01)"
    signature_date: date | None = None
    consent_date: date | None = None
    consent_type: ConsentType | None = None
    in_force_since: date | None = None
    withdrawal_notified_date: date | None = None
    withdrawal_effective_date: date | None = None
    notes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    # How current the registry is, per kind of source ("depositary", "meetings"): every act of
    # that kind up to the day is in the data. `warnings` says when `on` is after it.
    registry_known_through: dict[str, date] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # Steps short of a deposit recorded by that day (a decree or a vote approving accession or
    # ratification; a decision to withdraw with no notice deposited): shown, never counted.
    undeposited: list[str] = field(default_factory=list)

    @property
    def bound(self) -> bool:
        return self.status.bound


@dataclass(frozen=True)
class Extension(Record):
    new_deadline: date
    granted_by: str
    granted_date: date | None = None
    source: str = ""


@dataclass(frozen=True)
class Deadline(Record):
    """One time-bound obligation of one state (e.g. APMBC Art. 4) as it stands on a day."""

    treaty: Treaty
    iso3: str
    name: str
    article: str
    obligation: str
    original_deadline: date
    current_deadline: date
    extensions: list[Extension] = field(default_factory=list)
    completed_date: date | None = None
    state: DeadlineState = DeadlineState.RUNNING
    on: date | None = None
    sources: list[str] = field(default_factory=list)
    # The latest as-of date of the sources on the obligation and its extensions (None: no
    # source is dated). A passed deadline is `missed` only if this is on or after it.
    known_through: date | None = None
    note: str = ""  # in words, why the state is what it is when that needs saying
    days_late: int | None = None  # completed_late: days from the deadline to the completion
    registry_known_through: dict[str, date] = field(default_factory=dict)  # as on Status
    warnings: list[str] = field(default_factory=list)


# --- articles, events, findings --------------------------------------------------------------


@dataclass
class Article(Record):
    title: str
    text: str  # the body; evidence offsets index into this string
    published: date | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    path: str | None = None
    content_hash: str | None = None
    decoding: dict | None = None  # set when damaged bytes were replaced (ingest.decoding)


@dataclass(frozen=True)
class Evidence(Record):
    text: str
    start: int
    end: int


@dataclass
class Event(Record):
    act: Act
    modality: Modality
    weapon: Weapon | None = None
    treaty: Treaty | None = None  # for sign/ratify/accede/withdraw/suspend
    actor: str | None = None  # ISO3, or None for a non-state group (then actor_name)
    actor_name: str | None = None
    counterpart: str | None = None
    location: str | None = None
    when: date | None = None
    evidence: list[Evidence] = field(default_factory=list)
    speaker: str | None = None
    confidence: float = 0.5
    background: bool = False  # history or treaty description, not news: never judged
    when_precision: DatePrecision | None = None  # how much of `when` the text gave
    killed: int | None = None  # casualty figures the text gives, for casualty events
    injured: int | None = None
    civilians: int | None = None  # how many of the casualties the text says were civilians
    children: int | None = None  # ... and children
    device: str | None = None  # the device the text names ("anti-vehicle mine", "IED")
    rules: list[str] = field(default_factory=list)  # versioned reading rules that found it

    def key(self) -> tuple[Any, ...]:
        """Identity within one article: (act, actor, other side, weapon family)."""
        other = self.counterpart or self.location
        family = self.weapon.family if self.weapon else (self.treaty or None)
        return (self.act, self.actor or self.actor_name, other, family)


@dataclass
class Finding(Record):
    treaty: Treaty
    state: str
    kind: FindingKind
    modality: Modality | None
    explanation: str
    article: str | None = None  # treaty article number, e.g. "1.1.b", "4"
    evidence: list[Evidence] = field(default_factory=list)
    rule: str = ""  # versioned rule name, e.g. "apmbc.prohibited_act.v1"
    judged_on: date | None = None
    date_basis: str = ""  # "event date", "publication date", "--as-of", "today"
    event_index: int | None = None  # index of the event in its analysis
    confidence: float = 0.5  # the event's confidence, lowered by weak grounds for the finding
    status: FindingStatus = FindingStatus.ASSERTED
    review_reasons: list[str] = field(default_factory=list)  # why it needs review, in words


@dataclass
class Analysis(Record):
    article: Article
    events: list[Event] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        article = self.article.to_dict()
        article.pop("text", None)
        return {
            "article": article,
            "events": [e.to_dict() for e in self.events],
            "findings": [f.to_dict() for f in self.findings],
        }
