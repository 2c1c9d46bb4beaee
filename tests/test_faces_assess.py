"""`non_state_use`: an armed group's use of mines on a state's territory is an informational
finding on that state, naming the group, never a violation of that state."""

from __future__ import annotations

from datetime import date

from tests.storekit import evidence
from treatywatch.assess import assess
from treatywatch.model import Act, Article, Event, FindingKind, Modality, Weapon

TEXT = "Officials said ELN fighters had laid landmines around a school in Colombia."


def _findings(event_kwargs: dict, weapon: Weapon = Weapon.MINE):
    art = Article(title="Mines near a school", text=TEXT, published=date(2025, 3, 1))
    ev = evidence(art, "ELN fighters had laid landmines around a school")
    event = Event(Act.USE, Modality.ALLEGED, weapon, evidence=[ev], **event_kwargs)
    return assess(art, [event])


def test_armed_group_use_in_a_state_party_is_informational_on_that_state():
    found = _findings({"actor": None, "actor_name": "ELN", "location": "COL"})
    assert [(f.state, f.kind, f.modality) for f in found] == [
        ("COL", FindingKind.NON_STATE_USE, Modality.ALLEGED)
    ]
    finding = found[0]
    assert finding.rule == "apmbc.non_state_use.v1"
    assert "ELN" in finding.explanation and "not a breach by Colombia" in finding.explanation
    assert "Colombia was party of the Mine Ban Convention on that day" in finding.explanation
    assert not any(f.kind is FindingKind.PROHIBITED_ACT for f in found)


def test_a_state_actor_is_judged_as_before():
    found = _findings({"actor": "COL", "location": "COL"}, Weapon.AP_MINE)
    assert FindingKind.NON_STATE_USE not in {f.kind for f in found}
    assert FindingKind.PROHIBITED_ACT in {f.kind for f in found}


def test_no_place_no_finding_and_clearing_by_a_group_is_none():
    assert _findings({"actor": None, "actor_name": "ELN"}) == []
    art = Article(title="t", text=TEXT, published=date(2025, 3, 1))
    clear = Event(Act.CLEAR, Modality.OCCURRED, Weapon.MINE, actor_name="ELN", location="COL",
                  evidence=[evidence(art, "ELN fighters had laid landmines around a school")])
    assert assess(art, [clear]) == []


def test_a_month_is_judged_on_its_first_day_and_the_finding_says_so():
    from treatywatch.model import DatePrecision

    art = Article(title="Mines laid", text="In February 2025 the army of Colombia laid "
                  "anti-personnel mines.", published=date(2025, 6, 1))
    ev = evidence(art, "In February 2025 the army of Colombia laid anti-personnel mines.")
    event = Event(Act.USE, Modality.OCCURRED, Weapon.AP_MINE, actor="COL", location="COL",
                  when=date(2025, 2, 1), when_precision=DatePrecision.MONTH, evidence=[ev])
    found = [f for f in assess(art, [event]) if f.kind is FindingKind.PROHIBITED_ACT]
    assert found and found[0].judged_on == date(2025, 2, 1)
    basis = "event date: the text gives February 2025 only, judged on its first day"
    assert found[0].date_basis == basis
    assert f"Judged as of 2025-02-01 ({basis})" in found[0].explanation
