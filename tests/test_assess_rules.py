"""Assessment rules, judged against a small fake registry so that each rule is tested alone."""

from __future__ import annotations

from datetime import date

import pytest

from treatywatch.assess import Registry, assess, judgement_date, unstated_mine_is_ap
from treatywatch.model import (
    Act,
    Article,
    Deadline,
    DeadlineState,
    Event,
    Evidence,
    FindingKind,
    Modality,
    Status,
    StatusKind,
    Treaty,
    Weapon,
)
from treatywatch.treaties.pack import load_packs

PARTY_SINCE = {
    "UKR": date(2006, 6, 1),
    "KHM": date(2000, 1, 1),
    "GRC": date(2004, 3, 1),
    "FIN": date(2012, 7, 1),
    "TUR": date(2004, 3, 1),
}
NAMES = {
    "UKR": "Ukraine",
    "USA": "United States",
    "RUS": "Russia",
    "KHM": "Cambodia",
    "GRC": "Greece",
    "FIN": "Finland",
    "TUR": "Türkiye",
}


def fake_status(iso3: str, treaty: Treaty, on: date) -> Status:
    since = PARTY_SINCE.get(iso3) if Treaty(treaty) is Treaty.APMBC else None
    kind = StatusKind.PARTY if since and on >= since else StatusKind.NOT_PARTY
    return Status(
        Treaty(treaty),
        iso3,
        NAMES.get(iso3, iso3),
        on,
        kind,
        kind.value,
        in_force_since=since if kind is StatusKind.PARTY else None,
    )


def fake_deadlines(treaty: Treaty, on: date, state: str | None = None) -> list[Deadline]:
    rows = {
        "UKR": (date(2010, 6, 1), None),
        "GRC": (date(2008, 3, 1), None),
        "TUR": (date(2008, 3, 1), date(2011, 12, 1)),
        "FIN": (date(2016, 7, 1), date(2015, 8, 15)),
    }
    if state not in rows or Treaty(treaty) is not Treaty.APMBC:
        return []
    due, done = rows[state]
    if done and done <= on:
        st = DeadlineState.MET
    else:
        st = DeadlineState.MISSED if on > due else DeadlineState.RUNNING
    return [
        Deadline(
            Treaty.APMBC,
            state,
            NAMES[state],
            "4",
            "Destroy stockpiled anti-personnel mines",
            due,
            due,
            completed_date=done,
            state=st,
            on=on,
        )
    ]


REGISTRY = Registry(fake_status, fake_deadlines, lambda t: load_packs()[Treaty(t)])
SEED_DAY = date(2024, 11, 28)


def article(
    text: str = "A report on anti-personnel mines.",
    published: date | None = SEED_DAY,
    title: str = "Mines report",
) -> Article:
    return Article(title=title, text=text, published=published, outlet="Test Wire")


def ev(act: Act, modality: Modality, weapon: Weapon | None = None, **kw) -> Event:
    kw.setdefault("evidence", [Evidence("a sentence", 0, 10)])
    return Event(act, modality, weapon, **kw)


def kinds(findings) -> set[tuple]:
    return {(f.treaty.value, f.state, f.kind.value, f.article) for f in findings}


def run(events, **kw):
    return assess(kw.pop("article", None) or article(), events, registry=REGISTRY, **kw)


def test_transfer_from_non_party_to_party_is_acquisition_by_recipient_and_non_party_act():
    found = run(
        [ev(Act.TRANSFER, Modality.ANNOUNCED, Weapon.AP_MINE, actor="USA", counterpart="UKR")]
    )
    assert kinds(found) == {
        ("apmbc", "UKR", "prohibited_act", "1.1.b"),
        ("apmbc", "USA", "non_party_act", None),
    }
    prohibited = next(f for f in found if f.kind is FindingKind.PROHIBITED_ACT)
    assert prohibited.modality is Modality.ANNOUNCED
    assert prohibited.rule == "apmbc.prohibited_act.v2"
    assert "acquiring" in prohibited.explanation and "1(1)(b)" in prohibited.explanation


def test_acquire_event_is_judged_like_the_transfer():
    found = run(
        [ev(Act.ACQUIRE, Modality.OCCURRED, Weapon.AP_MINE, actor="UKR", counterpart="USA")]
    )
    assert kinds(found) == {
        ("apmbc", "UKR", "prohibited_act", "1.1.b"),
        ("apmbc", "USA", "non_party_act", None),
    }


def test_use_by_non_party_is_informational_only():
    found = run(
        [
            ev(
                Act.USE,
                Modality.ALLEGED,
                Weapon.MINE,
                actor="RUS",
                location="UKR",
                speaker="a Ukrainian official",
            )
        ]
    )
    assert kinds(found) == {("apmbc", "RUS", "non_party_act", None)}
    assert found[0].modality is Modality.ALLEGED
    assert "a Ukrainian official" in found[0].explanation


def test_use_by_party_is_prohibited_under_1_1_a_and_keeps_denied_modality():
    found = run([ev(Act.USE, Modality.DENIED, Weapon.AP_MINE, actor="KHM", location="THA")])
    assert kinds(found) == {("apmbc", "KHM", "prohibited_act", "1.1.a")}
    assert found[0].modality is Modality.DENIED


def test_act_before_the_state_was_bound_is_not_a_violation():
    found = run(
        [ev(Act.USE, Modality.OCCURRED, Weapon.AP_MINE, actor="UKR", when=date(2001, 5, 1))]
    )
    assert kinds(found) == {("apmbc", "UKR", "non_party_act", None)}
    assert found[0].judged_on == date(2001, 5, 1) and found[0].date_basis == "event date"


@pytest.mark.parametrize("weapon", [Weapon.AV_MINE, Weapon.NAVAL_MINE, Weapon.ERW])
def test_weapons_outside_the_treaties_give_no_findings(weapon):
    assert (
        run(
            [
                ev(Act.USE, Modality.OCCURRED, weapon, actor="UKR", location="UKR"),
                ev(Act.TRANSFER, Modality.OCCURRED, weapon, actor="USA", counterpart="UKR"),
            ]
        )
        == []
    )


def test_background_and_non_state_events_give_no_violation():
    events = [
        ev(Act.USE, Modality.OCCURRED, Weapon.AP_MINE, actor="UKR", background=True),
        ev(
            Act.USE,
            Modality.ALLEGED,
            Weapon.IMPROVISED_MINE,
            actor=None,
            actor_name="ELN",
            location="COL",
        ),
    ]
    # the armed group's use is recorded on Colombia for information (non_state_use), never
    # as Colombia's act; the background sentence gives nothing
    assert [(f.state, f.kind.value) for f in run(events)] == [("COL", "non_state_use")]


def test_missed_stockpile_deadline_is_found_whenever_the_obligation_is_touched():
    found = run(
        [
            ev(Act.DESTROY_STOCKPILE, Modality.NEGATED, Weapon.AP_MINE, actor="UKR"),
            ev(Act.STOCKPILE, Modality.ONGOING, Weapon.AP_MINE, actor="UKR"),
        ]
    )
    assert kinds(found) == {("apmbc", "UKR", "deadline_missed", "4")}
    assert len(found[0].evidence) == 1  # both events cite the same sentence: merged, not doubled
    assert "2010-06-01" in found[0].explanation


def test_met_deadline_gives_progress_not_a_missed_deadline():
    found = run(
        [ev(Act.DESTROY_STOCKPILE, Modality.OCCURRED, Weapon.AP_MINE, actor="FIN")],
        article=article(published=date(2016, 1, 1)),
    )
    assert kinds(found) == {("apmbc", "FIN", "progress", "4")}


def test_undated_article_saying_stockpile_remains_predates_late_completion():
    found = run(
        [ev(Act.STOCKPILE, Modality.ONGOING, Weapon.AP_MINE, actor="TUR")],
        article=article(published=None),
        today=date(2026, 1, 1),
    )
    assert kinds(found) == {("apmbc", "TUR", "deadline_missed", "4")}
    assert found[0].date_basis == "today"
    dated = run(
        [ev(Act.STOCKPILE, Modality.ONGOING, Weapon.AP_MINE, actor="TUR")],
        article=article(published=date(2026, 1, 1)),
    )
    assert dated == []


def test_unstated_mine_by_a_party_needs_anti_personnel_context():
    plain = article(text="Soldiers laid mines along the road.")
    ap = article(text="Soldiers laid mines along the road; a PMN-2 mine was found.")
    use = ev(Act.USE, Modality.OCCURRED, Weapon.MINE, actor="UKR", location="UKR")
    assert run([use], article=plain) == []
    assert kinds(run([use], article=ap)) == {("apmbc", "UKR", "prohibited_act", "1.1.a")}


def test_anti_vehicle_vocabulary_keeps_an_unstated_mine_out():
    assert not unstated_mine_is_ap("Anti-tank mines and other mines were laid.", [])
    assert unstated_mine_is_ap("He stepped on a landmine.", [])
    assert unstated_mine_is_ap("A soldier lost his leg to a mine.", [])
    assert not unstated_mine_is_ap("Troops laid mines on the road.", [])


def test_withdrawal_and_suspension_events_give_withdrawal_findings():
    found = run(
        [
            ev(Act.WITHDRAW, Modality.ANNOUNCED, actor="FIN", treaty=Treaty.APMBC),
            ev(Act.SUSPEND, Modality.ANNOUNCED, actor="UKR", treaty=Treaty.APMBC),
        ]
    )
    assert kinds(found) == {
        ("apmbc", "FIN", "withdrawal", "20"),
        ("apmbc", "UKR", "withdrawal", "20"),
    }
    suspend = next(f for f in found if f.state == "UKR")
    assert "no suspension" in suspend.explanation


def test_joining_reported_done_is_progress():
    found = run([ev(Act.ACCEDE, Modality.OCCURRED, actor="FIN", treaty=Treaty.APMBC)])
    assert kinds(found) == {("apmbc", "FIN", "progress", None)}


def test_cluster_munitions_are_judged_under_the_ccm():
    found = run(
        [
            ev(
                Act.TRANSFER,
                Modality.ANNOUNCED,
                Weapon.CLUSTER_MUNITION,
                actor="USA",
                counterpart="UKR",
            )
        ]
    )
    assert kinds(found) == {
        ("ccm", "USA", "non_party_act", None),
        ("ccm", "UKR", "non_party_act", None),
    }


def test_judgement_date_order_event_then_publication_then_as_of_then_today():
    e = ev(Act.USE, Modality.OCCURRED, Weapon.AP_MINE)
    assert judgement_date(e, article(), date(2020, 1, 1)).basis == "publication date"
    undated = article(published=None)
    assert judgement_date(e, undated, date(2020, 1, 1)).basis == "--as-of"
    assert judgement_date(e, undated, None, date(2021, 2, 3)).on == date(2021, 2, 3)
    e.when = date(2019, 9, 9)
    assert judgement_date(e, article(), date(2020, 1, 1)).on == date(2019, 9, 9)


def test_explanation_names_article_state_status_and_quote():
    found = run(
        [
            ev(
                Act.USE,
                Modality.ALLEGED,
                Weapon.AP_MINE,
                actor="KHM",
                evidence=[Evidence("Troops planted PMN-2 mines.", 5, 32)],
            )
        ]
    )
    text = found[0].explanation
    for part in ("Mines report", "Test Wire", "Cambodia", "2000-01-01", "PMN-2", "allegation"):
        assert part in text
    assert "\n" not in text
