"""Careful claims: how a finding's support sets its confidence and whether it is asserted.

A prohibited act against a State Party resting on weak support (the headline alone, one
sentence, a sentence that never names the state) is put as needs review, never asserted; the
same act told in the body more than once, naming the state, is asserted.
"""

from __future__ import annotations

from datetime import date

from tests.test_assess_rules import fake_deadlines, fake_status
from treatywatch.assess import RULE_VERSIONS, Registry, assess
from treatywatch.model import (
    Act,
    Article,
    Event,
    Evidence,
    FindingKind,
    FindingStatus,
    Modality,
    Weapon,
)
from treatywatch.treaties.pack import load_packs

REGISTRY = Registry(fake_status, fake_deadlines, lambda t: load_packs()[t])
DAY = date(2024, 5, 2)


def _article(title: str, *sentences: str) -> tuple[Article, list[Evidence]]:
    text = " ".join(sentences)
    evidence, at = [], 0
    for sentence in sentences:
        start = text.index(sentence, at)
        evidence.append(Evidence(sentence, start, start + len(sentence)))
        at = start + len(sentence)
    return Article(title=title, text=text, published=DAY), evidence


def _use(evidence, actor="FIN", modality=Modality.OCCURRED, weapon=Weapon.AP_MINE, conf=0.85):
    return Event(Act.USE, modality, weapon=weapon, actor=actor, location=actor,
                 evidence=list(evidence), confidence=conf)


def _prohibited(article, events):
    found = [f for f in assess(article, events, registry=REGISTRY)
             if f.kind is FindingKind.PROHIBITED_ACT]
    assert len(found) == 1
    return found[0]


def test_an_act_told_twice_naming_the_state_is_asserted():
    art, ev = _article("Mines on the border", "Finland laid anti-personnel mines on its border.",
                       "Finnish troops planted more mines near Imatra last week.")
    f = _prohibited(art, [_use(ev)])
    assert f.status is FindingStatus.ASSERTED and f.review_reasons == []
    assert f.confidence >= 0.6 and f.rule.endswith(RULE_VERSIONS[FindingKind.PROHIBITED_ACT])


def test_one_sentence_is_not_enough_to_assert():
    art, ev = _article("Border news", "Finland laid anti-personnel mines on its border.",
                       "The weather was cold.")
    f = _prohibited(art, [_use(ev[:1])])
    assert f.status is FindingStatus.NEEDS_REVIEW
    assert any("single sentence" in r for r in f.review_reasons)


def test_the_headline_alone_is_not_enough():
    title = "Finland lays anti-personnel mines"
    art, _ = _article(title, "A long day at the border.")
    ev = [Evidence(title, 0, len(title))]
    f = _prohibited(art, [_use(ev)])
    assert f.status is FindingStatus.NEEDS_REVIEW
    assert any("headline" in r for r in f.review_reasons)


def test_a_state_the_sentences_never_name_needs_review():
    art, ev = _article("Mines laid", "Troops laid anti-personnel mines along the road.",
                       "More mines were planted near the bridge the next day.")
    f = _prohibited(art, [_use(ev)])
    assert f.status is FindingStatus.NEEDS_REVIEW
    assert any("do not name the state" in r for r in f.review_reasons)


def test_the_state_named_by_its_capital_or_army_counts_as_named():
    art, ev = _article("Mines laid", "Helsinki ordered anti-personnel mines laid on the border.",
                       "The Finnish army planted them near Imatra.")
    f = _prohibited(art, [_use(ev)])
    assert not any("do not name the state" in r for r in f.review_reasons)


def test_an_allegation_weighs_less_than_a_reported_fact():
    art, ev = _article("Mines", "Finland laid anti-personnel mines on its border.",
                       "Finnish troops planted more mines near Imatra.")
    fact = _prohibited(art, [_use(ev)])
    claim = _prohibited(art, [_use(ev, modality=Modality.ALLEGED)])
    assert claim.confidence < fact.confidence
    assert any("allegation" in r for r in claim.review_reasons)


def test_a_finding_takes_its_best_supported_event():
    art, ev = _article("Mines", "Finland laid anti-personnel mines on its border.",
                       "Finnish troops planted more mines near Imatra.", "Mines were laid.")
    weak = Event(Act.USE, Modality.OCCURRED, weapon=Weapon.AP_MINE, actor="FIN",
                 location="FIN", evidence=[ev[2]], confidence=0.85)
    f = _prohibited(art, [weak, _use(ev[:2])])
    assert f.status is FindingStatus.ASSERTED


def test_a_non_party_act_is_never_put_as_needs_review():
    art, ev = _article("Mines", "Russia laid anti-personnel mines.")
    found = assess(art, [_use(ev, actor="RUS")], registry=REGISTRY)
    assert [f.kind for f in found] == [FindingKind.NON_PARTY_ACT]
    assert found[0].status is FindingStatus.ASSERTED and found[0].confidence < 0.85


def test_an_undated_article_lowers_confidence_and_says_why():
    art, ev = _article("Mines", "Finland laid anti-personnel mines on its border.",
                       "Finnish troops planted more mines near Imatra.")
    art.published = None
    found = [f for f in assess(art, [_use(ev)], registry=REGISTRY, as_of=DAY)
             if f.kind is FindingKind.PROHIBITED_ACT]
    assert found and any("no date" in r for r in found[0].review_reasons)
