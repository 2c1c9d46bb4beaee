"""Judge an article's events against the treaties: events + the registry -> findings.

Every finding is made by a named, versioned rule (`<treaty>.<kind>.<version>`, stored on
`Finding.rule`; `RULE_VERSIONS` holds each kind's version, raised whenever its behaviour
changes) and carries a paragraph a researcher can paste into a report. Its confidence and
status (asserted or needs review) come from `treatywatch.support`. The rules read the
treaty packs (which acts Art. 1 forbids, which weapons are in scope, which articles set
deadlines) and the registry (`status_on`, `deadlines_on`) as of the day the event is judged:

- the event's own date when the text gives one, else the article's publication date, else the
  caller's `as_of`, else today (`Finding.judged_on`, `Finding.date_basis`).

Rules (docs/analysis.md has the full table):

- prohibited_act: a state bound that day did, does, plans or is said to do an act Art. 1 forbids
  with a weapon in the treaty's scope. A transfer is judged for both sides: the supplier
  (transfer) and the recipient (acquisition, Art. 1(1)(b)). The finding keeps the event's
  modality, so a denied allegation is still a finding, marked denied. Stockpiling and retention
  are judged under the deadline rule instead (Art. 3 allows retention; Art. 4 sets the time to
  destroy), not as prohibited acts.
- A landmine of unstated type ("mine") counts as anti-personnel for prohibited_act only when the
  article itself makes it likely (anti-personnel vocabulary, a named AP model, a victim-activated
  device) and says nothing of anti-tank/anti-vehicle mines; otherwise the event is left unjudged
  for a bound state. For a state not bound, any landmine act is a non_party_act.
- non_party_act: an act Art. 1 forbids, by a state not bound that day (informational).
- deadline_missed: an event touching stockpiles (APMBC Art. 4, CCM Art. 3) or clearance (APMBC
  Art. 5, CCM Art. 4) of a state whose deadline the registry has as missed that day.
- progress: stockpile destruction or clearance reported done or under way; joining (ratify,
  accede, succeed) reported done.
- withdrawal: withdrawal or "suspension" events about a state, whatever their modality.
- Background events, non-state actors, anti-vehicle and naval mines, and explosive remnants of
  war produce no state findings.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from treatywatch import support
from treatywatch.errors import TreatywatchError
from treatywatch.model import (
    Act,
    Analysis,
    Article,
    DatePrecision,
    Deadline,
    DeadlineState,
    Event,
    Finding,
    FindingKind,
    Modality,
    Status,
    StatusKind,
    Treaty,
    Weapon,
)

log = logging.getLogger(__name__)

# A kind's version changes whenever what its rule finds does. prohibited_act v2: a finding on
# weak support is put as needs review (`treatywatch.support`).
RULE_VERSIONS = {
    FindingKind.PROHIBITED_ACT: "v2",
    FindingKind.NON_PARTY_ACT: "v1",
    FindingKind.DEADLINE_MISSED: "v1",
    FindingKind.PROGRESS: "v1",
    FindingKind.WITHDRAWAL: "v1",
    FindingKind.NON_STATE_USE: "v1",
}

JOIN_ACTS = frozenset({Act.RATIFY, Act.ACCEDE})
WITHDRAWAL_ACTS = frozenset({Act.WITHDRAW, Act.SUSPEND})
DONE = frozenset({Modality.OCCURRED, Modality.ONGOING})
PRESENT_STOCK = frozenset({Modality.OCCURRED, Modality.ONGOING})
# Which acts each treaty forbids, which weapons it covers and which acts its deadlines judge
# are read from its pack (`treaties/packs/<id>.toml`): a third treaty is a new pack.

_AP_HINT = re.compile(
    r"anti-?\s?personnel|antipersonnel|\bAP mines?\b|butterfly mines?|\bPFM-?1|\bPMN|\bPOM-?\d|"
    r"\bOZM|\bM14\b|\bM16\b|\bMON-?\d|bounding mines?|booby[- ]?trap|victim-activated|"
    r"trip-?wires?|stepped on|step(?:ped|ping)? on (?:a|the) (?:land)?mine|"
    r"lost (?:his|her|their|a|both|one) (?:legs?|foot|feet)|amputations?|amputees?|"
    r"internationally banned (?:weapons|mines|landmines|minefields)|"
    r"Mine Ban (?:Treaty|Convention)|Ottawa (?:Treaty|Convention)|"
    r"(?:anti-?)?landmine (?:ban )?(?:treaty|convention|pact)",
    re.IGNORECASE,
)
_AV_HINT = re.compile(r"anti-?\s?(?:tank|vehicle)|\bTM-?\d{2}|\bAT mines?\b", re.IGNORECASE)

ACT_PHRASE = {
    Act.USE: "using",
    Act.PRODUCE: "producing",
    Act.DEVELOP: "developing",
    Act.TRANSFER: "transferring",
    Act.ACQUIRE: "acquiring",
    Act.STOCKPILE: "stockpiling",
    Act.RETAIN: "retaining",
    Act.DESTROY_STOCKPILE: "destroying its stockpile of",
    Act.CLEAR: "clearing",
    Act.CASUALTY: "casualties from",
    Act.ASSIST: "assisting with",
    Act.SIGN: "signing",
    Act.RATIFY: "ratifying",
    Act.ACCEDE: "acceding to",
    Act.WITHDRAW: "withdrawing from",
    Act.SUSPEND: "suspending its obligations under",
}
WEAPON_PHRASE = {
    Weapon.AP_MINE: "anti-personnel mines",
    Weapon.AV_MINE: "anti-vehicle mines",
    Weapon.MINE: "landmines (type not stated)",
    Weapon.IMPROVISED_MINE: "victim-activated improvised mines",
    Weapon.CLUSTER_MUNITION: "cluster munitions",
    Weapon.NAVAL_MINE: "naval mines",
    Weapon.ERW: "explosive remnants of war",
}
MODALITY_PHRASE = {
    Modality.OCCURRED: "reports it as having happened",
    Modality.ONGOING: "reports it as ongoing",
    Modality.ANNOUNCED: "reports it as decided, planned or offered, not yet done",
    Modality.ALLEGED: "reports it as an allegation",
    Modality.DENIED: "reports it as an allegation that was denied",
    Modality.NEGATED: "says it did not or cannot happen",
    Modality.HYPOTHETICAL: "raises it only as a possibility",
}


# --- the registry, injectable for tests --------------------------------------------------------


@dataclass(frozen=True)
class Registry:
    """What assessment needs from the treaty registry; `default_registry()` wires the real one."""

    status_on: Callable[[str, Treaty, date], Status]
    deadlines_on: Callable[..., list[Deadline]]
    pack: Callable[[Treaty], Any]


def default_registry() -> Registry:
    from treatywatch import treaties

    return Registry(treaties.status_on, treaties.deadlines_on, _pack_function(treaties))


def _pack_function(treaties: Any) -> Callable[[Treaty], Any]:
    if hasattr(treaties, "pack"):
        return treaties.pack
    from treatywatch.treaties.pack import load_packs

    return lambda treaty: load_packs()[Treaty(treaty)]


# --- judging context ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    """The day an event is judged on and why that day."""

    on: date
    basis: str  # "event date" | "publication date" | "--as-of" | "today"


def judgement_date(
    event: Event, article: Article, as_of: date | None = None, today: date | None = None
) -> Judgement:
    if (
        event.when
        and event.modality is Modality.ANNOUNCED
        and article.published
        and event.when > article.published
    ):
        # a plan is judged on the day it is announced, by the status the state had then:
        # "to start production in 2026" is a party's plan if it is still bound on that day
        return Judgement(article.published, "publication date")
    if event.when:
        return Judgement(event.when, _event_basis(event))
    if article.published:
        return Judgement(article.published, "publication date")
    if as_of:
        return Judgement(as_of, "--as-of")
    return Judgement(today or date.today(), "today")


def _event_basis(event: Event) -> str:
    """ "event date", saying so when the text gave only a month or a year and the rules are
    applied on the first day it could mean."""
    precision = event.when_precision
    if precision in (DatePrecision.MONTH, DatePrecision.YEAR) and event.when:
        span = event.when.strftime("%B %Y") if precision is DatePrecision.MONTH else (
            str(event.when.year))
        return f"event date: the text gives {span} only, judged on its first day"
    if precision is DatePrecision.APPROXIMATE:
        return "event date: approximate in the text"
    return "event date"


@dataclass
class Context:
    article: Article
    events: Sequence[Event]
    registry: Registry
    as_of: date | None
    today: date | None

    def status(self, iso3: str, treaty: Treaty, on: date) -> Status | None:
        try:
            return self.registry.status_on(iso3, treaty, on)
        except TreatywatchError as exc:
            log.info("no status for %s under %s on %s: %s", iso3, treaty, on, exc)
            return None

    def deadline(self, iso3: str, treaty: Treaty, on: date, obligation: str) -> Deadline | None:
        try:
            deadlines = self.registry.deadlines_on(treaty, on, state=iso3)
        except TreatywatchError as exc:
            log.info("no deadlines for %s under %s on %s: %s", iso3, treaty, on, exc)
            return None
        articles = _obligation_articles(self.registry.pack(treaty), obligation)
        for deadline in deadlines:
            if deadline.iso3 == iso3 and deadline.article in articles:
                return deadline
        return None


def _obligation_articles(pack: Any, obligation: str) -> set[str]:
    return {rule.article for rule in pack.deadlines if rule.obligation == obligation}


# --- public entry points -----------------------------------------------------------------------


def assess(
    article: Article,
    events: Sequence[Event],
    *,
    as_of: date | None = None,
    registry: Registry | None = None,
    today: date | None = None,
) -> list[Finding]:
    """All findings for one article's events, merged one per (treaty, state, kind, article)."""
    ctx = Context(article, events, registry or default_registry(), as_of, today)
    findings: list[Finding] = []
    supports: list[list[support.Support]] = []
    for index, event in enumerate(events):
        if event.background or event.modality is Modality.HYPOTHETICAL:
            continue  # a contingency ("could mine its border if attacked") is judged by no rule
        for finding in judge_event(ctx, index, event):
            at = _merge_into(findings, finding)
            if at == len(supports):
                supports.append([])
            supports[at].append(support.weigh_event(article, event, finding))
    return [support.settle(f, s) for f, s in zip(findings, supports, strict=True)]


def assess_analysis(
    analysis: Analysis, *, as_of: date | None = None, registry: Registry | None = None
) -> Analysis:
    analysis.findings = assess(analysis.article, analysis.events, as_of=as_of, registry=registry)
    return analysis


def judge_event(ctx: Context, index: int, event: Event) -> list[Finding]:
    if non_state_act(event):
        # an armed group's act (even its clearing) is no act of the state it is in; its use
        # there is recorded for information on that state
        return non_state_use(ctx, index, event)
    when = judgement_date(event, ctx.article, ctx.as_of, ctx.today)
    if event.act in WITHDRAWAL_ACTS:
        return _withdrawal(ctx, index, event, when)
    if event.act in JOIN_ACTS:
        return _joining(ctx, index, event, when)
    out: list[Finding] = []
    if event.act is Act.ASSIST and _mine_action(event):
        return out  # paying for demining or victim care assists no prohibited act
    for treaty in _weapon_treaties(ctx, event):
        pack = ctx.registry.pack(treaty)
        if event.act in pack.forbidden_acts():
            out += _forbidden(ctx, index, event, when, treaty)
        if pack.obligation_of(event.act):
            out += _obligation(ctx, index, event, when, treaty)
    return out


_MINE_ACTION = re.compile(
    r"\b(?:de-?mining|clearance|clearing|mine action|victims?|survivors?|risk education|"
    r"humanitarian)\b",
    re.IGNORECASE,
)


def _mine_action(event: Event) -> bool:
    """Whether an assistance event is help for mine action (demining, victims), not for the
    forbidden acts Article 1(1)(c) means."""
    return any(_MINE_ACTION.search(ev.text) for ev in event.evidence)


def non_state_act(event: Event) -> bool:
    """Whether the event's actor is a non-state armed group (not a state, not an aid group)."""
    if event.actor or not event.actor_name:
        return False
    from treatywatch.places.gazetteer import lookup

    place = lookup(event.actor_name)
    return place is None or place.kind == "nsag"


def non_state_use(ctx: Context, index: int, event: Event) -> list[Finding]:
    """An armed group's use of a weapon in a treaty's scope on a state's territory: an
    informational `non_state_use` finding on that state, naming the group. Never a violation
    of that state, whatever its status."""
    if event.act is not Act.USE or not event.location or not event.actor_name:
        return []
    when = judgement_date(event, ctx.article, ctx.as_of, ctx.today)
    out = []
    for treaty in _weapon_treaties(ctx, event):
        status = ctx.status(event.location, treaty, when.on)
        if status is None:
            continue
        pack = ctx.registry.pack(treaty)
        weapon = WEAPON_PHRASE.get(event.weapon, "weapons")
        why = (f"{status.name} was {status.label} of the {pack.short_name} on that day; the act "
               f"of {event.actor_name}, a non-state armed group, is recorded for information "
               f"and is not a breach by {status.name}")
        how = MODALITY_PHRASE.get(event.modality, "reports it")
        source = f"\u201c{ctx.article.title}\u201d" if ctx.article.title else "An article"
        text = (f"{source} reports that {event.actor_name} used {weapon} in {status.name}; it "
                f"{how}. Judged as of {when.on} ({when.basis}): {why}.{_quote(ctx.article, event)}")
        finding = _finding(ctx, index, event, when, treaty, event.location,
                           FindingKind.NON_STATE_USE, None, Act.USE, why)
        finding.explanation = text
        out.append(finding)
    return out


def _weapon_treaties(ctx: Context, event: Event) -> list[Treaty]:
    """The treaties whose pack has the event's weapon in scope."""
    if not event.weapon:
        return []
    return [t for t in Treaty if ctx.registry.pack(t).in_scope(event.weapon)]


# --- prohibited acts and non-party acts --------------------------------------------------------


def _parties_of(event: Event) -> list[tuple[str, Act]]:
    """(state, act as that state's own) for each state the act is judged for."""
    if event.act in (Act.TRANSFER, Act.ACQUIRE):
        supplier, recipient = (
            (event.actor, event.counterpart)
            if event.act is Act.TRANSFER
            else (event.counterpart, event.actor)
        )
        out = []
        if supplier:
            out.append((supplier, Act.TRANSFER))
        if recipient and recipient != supplier:
            out.append((recipient, Act.ACQUIRE))
        return out
    return [(event.actor, event.act)] if event.actor else []


def _forbidden(
    ctx: Context, index: int, event: Event, when: Judgement, treaty: Treaty
) -> list[Finding]:
    if event.modality is Modality.NEGATED:
        return []  # "having never produced landmines": nothing was done, nothing to judge
    pack = ctx.registry.pack(treaty)
    out = []
    for state, act in _parties_of(event):
        status = ctx.status(state, treaty, when.on)
        if status is None:
            continue
        if not status.bound:
            out.append(_non_party(ctx, index, event, when, treaty, status, act))
        elif not pack.obligation_of(act) and _counts_as_ap(ctx, event, pack):
            rule = pack.prohibition(act)
            if rule is not None:
                out.append(_prohibited(ctx, index, event, when, treaty, status, act, rule))
    return out


def _counts_as_ap(ctx: Context, event: Event, pack: Any) -> bool:
    scope = pack.in_scope(event.weapon) if event.weapon else None
    if scope == "yes":
        return True
    if scope != "possibly":
        return False
    return unstated_mine_is_ap(ctx.article.text, ctx.events)


def unstated_mine_is_ap(text: str, events: Sequence[Event]) -> bool:
    """Whether a landmine of unstated type in this article is likely anti-personnel."""
    if any(e.weapon in (Weapon.AV_MINE,) for e in events) or _AV_HINT.search(text):
        return False
    if any(e.weapon in (Weapon.AP_MINE, Weapon.IMPROVISED_MINE) for e in events):
        return True
    return bool(_AP_HINT.search(text))


def _prohibited(
    ctx: Context,
    index: int,
    event: Event,
    when: Judgement,
    treaty: Treaty,
    status: Status,
    act: Act,
    rule: Any,
) -> Finding:
    pack = ctx.registry.pack(treaty)
    why = (
        f"{status.name} was bound by the {pack.short_name} on {when.on} ({status.label}"
        f"{_since(status)}), and Article {_art(rule.article)} says: "
        f"\u201c{rule.text.rstrip('.')}\u201d"
    )
    return _finding(
        ctx,
        index,
        event,
        when,
        treaty,
        status.iso3,
        FindingKind.PROHIBITED_ACT,
        rule.article,
        act,
        why,
    )


def _non_party(
    ctx: Context,
    index: int,
    event: Event,
    when: Judgement,
    treaty: Treaty,
    status: Status,
    act: Act,
) -> Finding:
    pack = ctx.registry.pack(treaty)
    why = (
        f"{status.name} was not bound by the {pack.short_name} on {when.on} ({status.label}); "
        "its act is recorded for information and is not a breach of the treaty"
    )
    return _finding(
        ctx, index, event, when, treaty, status.iso3, FindingKind.NON_PARTY_ACT, None, act, why
    )


# --- deadlines and progress ---------------------------------------------------------------------


def _obligation(
    ctx: Context, index: int, event: Event, when: Judgement, treaty: Treaty
) -> list[Finding]:
    state = event.location if event.act is Act.CLEAR and event.location else event.actor
    if not state:
        return []
    obligation = ctx.registry.pack(treaty).obligation_of(event.act)
    status = ctx.status(state, treaty, when.on)
    if status is None or not status.bound:
        return []
    deadline = ctx.deadline(state, treaty, when.on, obligation)
    out = []
    if deadline is not None and _missed(deadline, event, when):
        out.append(_deadline_missed(ctx, index, event, when, treaty, status, deadline))
    if event.act in (Act.DESTROY_STOCKPILE, Act.CLEAR) and event.modality in DONE:
        article = deadline.article if deadline else None
        why = (
            f"{status.name} is a State Party ({status.label}{_since(status)}); "
            f"work under Article {article or obligation} is reported"
        )
        out.append(
            _finding(
                ctx,
                index,
                event,
                when,
                treaty,
                state,
                FindingKind.PROGRESS,
                article,
                event.act,
                why,
            )
        )
    return out


def _missed(deadline: Deadline, event: Event, when: Judgement) -> bool:
    """Missed per the registry on the judged day; or, for an undated article that says the
    stockpile is still there, missed at the time of writing (completed only after the deadline)."""
    if deadline.state is DeadlineState.MISSED:
        return True
    late = deadline.completed_date and deadline.completed_date > deadline.current_deadline
    undated = when.basis in ("--as-of", "today")
    still_there = (
        event.act in (Act.STOCKPILE, Act.RETAIN) and event.modality in PRESENT_STOCK
    ) or (event.act is Act.DESTROY_STOCKPILE and event.modality is Modality.NEGATED)
    return bool(late and undated and still_there)


def _deadline_missed(
    ctx: Context,
    index: int,
    event: Event,
    when: Judgement,
    treaty: Treaty,
    status: Status,
    deadline: Deadline,
) -> Finding:
    if deadline.state is DeadlineState.MISSED:
        done = f"had passed unmet on {when.on}; no completion is recorded by then"
    else:
        done = (
            f"passed unmet; completion was reported only on {deadline.completed_date}, so this "
            "undated article, which says the stockpile is still there, is taken to predate it"
        )
    extended = (
        f" (originally {deadline.original_deadline}, extended)"
        if deadline.current_deadline != deadline.original_deadline
        else ""
    )
    why = (
        f"{status.name} is a State Party ({status.label}{_since(status)}); its Article "
        f"{deadline.article} deadline ({deadline.obligation[:1].lower()}"
        f"{deadline.obligation[1:]}) was {deadline.current_deadline}{extended} and {done}"
    )
    return _finding(
        ctx,
        index,
        event,
        when,
        treaty,
        status.iso3,
        FindingKind.DEADLINE_MISSED,
        deadline.article,
        event.act,
        why,
    )


def _joining(ctx: Context, index: int, event: Event, when: Judgement) -> list[Finding]:
    if not event.actor or not event.treaty or event.modality not in DONE:
        return []
    status = ctx.status(event.actor, Treaty(event.treaty), when.on)
    label = f" ({status.label}{_since(status)})" if status else ""
    why = f"the registry has it on {when.on} as{label or ' unknown'}"
    return [
        _finding(
            ctx,
            index,
            event,
            when,
            Treaty(event.treaty),
            event.actor,
            FindingKind.PROGRESS,
            None,
            event.act,
            why,
        )
    ]


def _withdrawal(ctx: Context, index: int, event: Event, when: Judgement) -> list[Finding]:
    if not event.actor or not event.treaty:
        return []
    treaty = Treaty(event.treaty)
    pack = ctx.registry.pack(treaty)
    status = ctx.status(event.actor, treaty, when.on)
    if status is not None and status.status in (StatusKind.NOT_PARTY, StatusKind.SIGNATORY):
        return []  # a state that never joined has nothing to leave ("Moscow abandoned ...")
    state_line = (
        f"{status.name} stood on {when.on} as {status.label}"
        if status
        else (f"{event.actor} has no recorded status on {when.on}")
    )
    why = f"{state_line}. Article {_art(pack.withdrawal.article)}: {pack.withdrawal.text}" + (
        " The Convention provides for no suspension; a state that declares one remains bound."
        if event.act is Act.SUSPEND
        else ""
    )
    modality = event.modality
    if event.act is Act.WITHDRAW and modality in DONE and status is not None:
        notified = status.withdrawal_notified_date
        if notified is None or notified > when.on:
            # the text says it is done, the depositary has no notice: a decision, not a fact
            modality = Modality.ANNOUNCED
            why += (
                f" The depositary's record shows no notification of withdrawal by {when.on}, "
                "so the reported withdrawal is taken as decided, not done."
            )
    finding = _finding(
        ctx,
        index,
        event,
        when,
        treaty,
        event.actor,
        FindingKind.WITHDRAWAL,
        pack.withdrawal.article,
        event.act,
        why,
    )
    if modality != event.modality:
        finding.modality = modality
        finding.explanation = finding.explanation.replace(
            MODALITY_PHRASE.get(event.modality, "reports it"),
            MODALITY_PHRASE[modality] + " (per the registry)",
            1,
        )
    return [finding]


# --- building and merging findings ---------------------------------------------------------------


def _finding(
    ctx: Context,
    index: int,
    event: Event,
    when: Judgement,
    treaty: Treaty,
    state: str,
    kind: FindingKind,
    article: str | None,
    act: Act,
    why: str,
) -> Finding:
    return Finding(
        treaty=treaty,
        state=state,
        kind=kind,
        modality=event.modality,
        explanation=explain(ctx.article, event, act, state, when, why),
        article=article,
        evidence=list(event.evidence),
        rule=f"{treaty.value}.{kind.value}.{RULE_VERSIONS[kind]}",
        judged_on=when.on,
        date_basis=when.basis,
        event_index=index,
    )


def explain(article: Article, event: Event, act: Act, state: str, when: Judgement, why: str) -> str:
    """One paragraph: the article, what it says and how sure, the status and rule, the quote."""
    source = f"\u201c{article.title}\u201d" if article.title else "An article"
    if article.outlet:
        source += f" ({article.outlet}"
        source += f", {article.published})" if article.published else ")"
    elif article.published:
        source += f" ({article.published})"
    what = _what(event, act, state)
    speaker = f", citing {event.speaker}" if event.speaker else ""
    quote = _quote(article, event)
    if article.url:
        source += f" <{article.url}>"
    how = MODALITY_PHRASE.get(event.modality, "reports it")
    return (
        f"{source} reports {what}; it {how}{speaker}. "
        f"Judged as of {when.on} ({when.basis}): {why.rstrip('.')}.{quote}"
    )


def _name(iso3: str | None) -> str:
    if not iso3:
        return "?"
    try:
        from treatywatch.places.names import state_name

        return f"{state_name(iso3)} ({iso3})"
    except Exception:  # an unknown code is shown as it is
        return iso3


def _what(event: Event, act: Act, state: str) -> str:
    if event.act in WITHDRAWAL_ACTS or event.act in JOIN_ACTS or event.act is Act.SIGN:
        verb = ACT_PHRASE.get(event.act, event.act.value)
        return f"{_name(state)} {verb} the {str(event.treaty).upper()}"
    weapon = WEAPON_PHRASE.get(event.weapon, "weapons") if event.weapon else "weapons"
    phrase = f"{_name(state)} {ACT_PHRASE.get(act, act.value)} {weapon}"
    if event.act in (Act.TRANSFER, Act.ACQUIRE):
        supplier, recipient = (
            (event.actor, event.counterpart)
            if event.act is Act.TRANSFER
            else (event.counterpart, event.actor)
        )
        if act is Act.ACQUIRE:
            phrase += f" from {_name(supplier)}" if supplier else ""
        else:
            phrase += f" to {_name(recipient)}" if recipient else ""
    elif event.location and event.location != state:
        phrase += f" in {_name(event.location)}"
    return phrase


def _quote(article: Article, event: Event) -> str:
    """The first piece of evidence that is more than the headline, quoted."""
    if not event.evidence:
        return ""
    body = [e for e in event.evidence if e.text.strip() != article.title.strip()]
    text = _clip((body or event.evidence)[0].text)
    end = "" if text.endswith((".", "!", "?", "\u2026")) else "."
    return f" The text: \u201c{text}\u201d{end}"


def _clip(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _since(status: Status) -> str:
    return f", in force for it since {status.in_force_since}" if status.in_force_since else ""


def _art(article: str) -> str:
    """'1.1.b' -> '1(1)(b)'."""
    head, *rest = article.split(".")
    return head + "".join(f"({p})" for p in rest)


def _merge_into(findings: list[Finding], new: Finding) -> int:
    """One finding per (treaty, state, kind, article): later events add their evidence.
    Returns the index of the finding `new` went into."""
    for at, old in enumerate(findings):
        if (old.treaty, old.state, old.kind, old.article) == (
            new.treaty,
            new.state,
            new.kind,
            new.article,
        ):
            seen = {(e.start, e.end) for e in old.evidence}
            old.evidence.extend(e for e in new.evidence if (e.start, e.end) not in seen)
            return at
    findings.append(new)
    return len(findings) - 1


__all__ = [
    "RULE_VERSIONS",
    "Registry",
    "Judgement",
    "assess",
    "assess_analysis",
    "judge_event",
    "judgement_date",
    "explain",
    "unstated_mine_is_ap",
    "non_state_act",
    "default_registry",
]
