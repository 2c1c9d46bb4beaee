"""Assessment rules added after reading unseen articles: armed groups' acts and the registry's
word on withdrawals (same fake registry as test_assess_rules)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.test_assess_rules import REGISTRY, article, ev, kinds, run
from treatywatch.assess import Registry, assess
from treatywatch.model import Act, Modality, Treaty, Weapon


def test_armed_group_clearing_its_own_mines_is_no_progress_of_the_state() -> None:
    events = [
        ev(Act.CLEAR, Modality.OCCURRED, Weapon.AP_MINE, actor_name="ELN", location="KHM"),
        ev(Act.CLEAR, Modality.OCCURRED, Weapon.AP_MINE, actor="KHM", location="KHM"),
    ]
    found = run(events)
    assert {f.state for f in found} == {"KHM"}
    assert all(f.event_index == 1 for f in found)
    # an aid group's clearance still counts for the state it works in
    halo = [
        ev(Act.CLEAR, Modality.OCCURRED, Weapon.AP_MINE, actor_name="HALO Trust", location="KHM")
    ]
    assert kinds(run(halo)) == kinds(run(events[1:]))


def _status_with_notice(notified: date | None):
    def status_on(iso3: str, treaty: Treaty, on: date):
        base = REGISTRY.status_on(iso3, treaty, on)
        return replace(base, withdrawal_notified_date=notified)

    return Registry(status_on, REGISTRY.deadlines_on, REGISTRY.pack)


def test_withdrawal_said_done_without_a_deposited_notice_is_only_announced() -> None:
    done = [ev(Act.WITHDRAW, Modality.OCCURRED, actor="FIN", treaty=Treaty.APMBC)]
    none = assess(article(), done, registry=_status_with_notice(None))
    assert [(f.kind.value, f.modality) for f in none] == [("withdrawal", Modality.ANNOUNCED)]
    assert "no notification" in none[0].explanation
    notified = assess(article(), done, registry=_status_with_notice(date(2024, 1, 5)))
    assert [f.modality for f in notified] == [Modality.OCCURRED]
