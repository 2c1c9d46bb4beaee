"""Assessment reads what a treaty forbids, covers and times from its pack alone: changing the
pack changes the findings, with no change of code."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.test_assess_rules import fake_deadlines, fake_status
from treatywatch.assess import Registry, assess
from treatywatch.model import Act, Article, Event, Evidence, FindingKind, Modality, Treaty, Weapon
from treatywatch.treaties.pack import load_packs

TEXT = "Finland laid anti-tank mines on its border. Finnish troops planted them near Imatra."
ART = Article(title="Mines", text=TEXT, published=date(2024, 5, 2))
EVIDENCE = [Evidence(TEXT[:43], 0, 43), Evidence(TEXT[44:], 44, len(TEXT))]


def _registry(**changes):
    packs = dict(load_packs())
    packs[Treaty.APMBC] = replace(packs[Treaty.APMBC], **changes)
    return Registry(fake_status, fake_deadlines, lambda t: packs[Treaty(t)])


def _kinds(event, registry):
    return {(f.treaty, f.state, f.kind) for f in assess(ART, [event], registry=registry)}


def test_a_weapon_the_pack_covers_is_judged_and_one_it_does_not_is_not():
    event = Event(Act.USE, Modality.OCCURRED, weapon=Weapon.AV_MINE, actor="FIN",
                  location="FIN", evidence=EVIDENCE, confidence=0.85)
    assert _kinds(event, _registry()) == set()
    weapons = {**load_packs()[Treaty.APMBC].weapons, Weapon.AV_MINE: "yes"}
    assert (Treaty.APMBC, "FIN", FindingKind.PROHIBITED_ACT) in _kinds(
        event, _registry(weapons=weapons))


def test_an_act_the_pack_does_not_forbid_is_no_prohibited_act():
    event = Event(Act.USE, Modality.OCCURRED, weapon=Weapon.AP_MINE, actor="FIN",
                  location="FIN", evidence=EVIDENCE, confidence=0.85)
    assert (Treaty.APMBC, "FIN", FindingKind.PROHIBITED_ACT) in _kinds(event, _registry())
    rules = tuple(r for r in load_packs()[Treaty.APMBC].prohibited_acts if Act.USE not in r.acts)
    assert _kinds(event, _registry(prohibited_acts=rules)) == set()


def test_which_acts_a_deadline_judges_comes_from_the_pack():
    pack = load_packs()[Treaty.APMBC]
    assert pack.obligation_of(Act.STOCKPILE) == "destroy_stockpile"
    assert pack.obligation_of(Act.CLEAR) == "clear"
    assert pack.obligation_of(Act.USE) is None
    assert {Act.USE, Act.TRANSFER, Act.STOCKPILE} <= pack.forbidden_acts()
