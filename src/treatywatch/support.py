"""How firmly a finding stands: a confidence, and the reasons a claim needs an analyst's review.

A finding is as strong as what the article gives for it. Each weakness below lowers the
confidence of the events it rests on and is named in words; a `prohibited_act` against a State
Party that rests on weak support is put as *needs review* — stored, listed and shown, but never
asserted — so that one clumsy sentence cannot accuse a state.

Weaknesses (the weights are in `WEAKNESSES`; a finding resting on several events takes its
strongest event):

- headline_only: no sentence of the body says it, only the headline.
- one_sentence: one sentence of the body says it, and nothing else in the article repeats it.
- state_inferred: the sentences that say it never name the state (by name, capital, army,
  office-holder): the state was taken from the rest of the article.
- type_unstated: the mines' type is not stated; taken as anti-personnel from the article's
  other words.
- allegation / denied: the act is reported as someone's claim, or a claim that was denied.
- undated: the article gives no date, so the state's status was judged on another day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from treatywatch.model import (
    Act,
    Article,
    Event,
    Finding,
    FindingKind,
    FindingStatus,
    Modality,
    Weapon,
)

# A prohibited act whose confidence is below this is put as needs review.
REVIEW_BELOW = 0.6


@dataclass(frozen=True)
class Weakness:
    code: str
    penalty: float
    grave: bool  # on its own enough to put a prohibited act as needs review
    words: str


WEAKNESSES = {
    w.code: w
    for w in (
        Weakness("headline_only", 0.3, True, "only the headline says it"),
        Weakness("one_sentence", 0.15, True, "it rests on a single sentence"),
        Weakness(
            "state_inferred",
            0.25,
            True,
            "the sentences that say it do not name the state: it was inferred from the article",
        ),
        Weakness(
            "type_unstated",
            0.1,
            False,
            "the mines' type is not stated; they were taken as anti-personnel from the "
            "article's other words",
        ),
        Weakness("allegation", 0.1, False, "it is reported as an allegation"),
        Weakness("denied", 0.1, False, "it is reported as an allegation that was denied"),
        Weakness(
            "undated",
            0.1,
            False,
            "the article gives no date, so the state's status was judged on another day",
        ),
    )
}


@dataclass(frozen=True)
class Support:
    confidence: float
    weaknesses: tuple[Weakness, ...]


def _body_sentences(article: Article, event: Event) -> int:
    title = " ".join(article.title.split())
    spans = {
        (e.start, e.end) for e in event.evidence if " ".join(e.text.split()) != title and e.text
    }
    return len(spans)


def _names_state(event: Event, state: str) -> bool:
    from treatywatch.places.gazetteer import count_states

    return any(count_states(e.text).get(state) for e in event.evidence)


def _state_of(event: Event, finding: Finding) -> str:
    """The state whose act the finding judges, as the event names it."""
    if event.act in (Act.TRANSFER, Act.ACQUIRE) and finding.state == event.counterpart:
        return event.counterpart
    return event.actor or finding.state


def weigh_event(article: Article, event: Event, finding: Finding) -> Support:
    """The support one event gives one finding."""
    found: list[Weakness] = []
    body = _body_sentences(article, event)
    if body == 0:
        found.append(WEAKNESSES["headline_only"])
    elif body == 1:
        found.append(WEAKNESSES["one_sentence"])
    state = _state_of(event, finding)
    if event.evidence and state and not _names_state(event, state):
        found.append(WEAKNESSES["state_inferred"])
    if finding.kind is FindingKind.PROHIBITED_ACT and event.weapon is Weapon.MINE:
        found.append(WEAKNESSES["type_unstated"])
    if event.modality is Modality.ALLEGED:
        found.append(WEAKNESSES["allegation"])
    elif event.modality is Modality.DENIED:
        found.append(WEAKNESSES["denied"])
    if finding.date_basis in ("--as-of", "today"):
        found.append(WEAKNESSES["undated"])
    confidence = event.confidence - sum(w.penalty for w in found)
    return Support(round(min(max(confidence, 0.05), 0.95), 2), tuple(found))


def settle(finding: Finding, supports: Sequence[Support]) -> Finding:
    """Give the finding the confidence of its best-supported event, and its status."""
    best = max(supports, key=lambda s: (not any(w.grave for w in s.weaknesses), s.confidence))
    finding.confidence = best.confidence
    finding.review_reasons = [w.words for w in best.weaknesses]
    weak = best.confidence < REVIEW_BELOW or any(w.grave for w in best.weaknesses)
    if finding.kind is FindingKind.PROHIBITED_ACT and weak:
        finding.status = FindingStatus.NEEDS_REVIEW
    else:
        finding.status = FindingStatus.ASSERTED
    return finding


__all__ = ["REVIEW_BELOW", "WEAKNESSES", "Support", "Weakness", "settle", "weigh_event"]
