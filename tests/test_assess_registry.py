"""Assessment with the real registry: the same act changes meaning as a state's status changes."""

from __future__ import annotations

from datetime import date

import pytest

from treatywatch.assess import assess
from treatywatch.model import Act, Article, Event, Evidence, Modality, Weapon


def judge(actor: str, day: date, act: Act = Act.USE) -> set[tuple]:
    event = Event(
        act,
        Modality.OCCURRED,
        Weapon.AP_MINE,
        actor=actor,
        location=actor,
        when=day,
        evidence=[Evidence("x", 0, 1)],
    )
    found = assess(Article(title="t", text="x"), [event])
    return {(f.state, f.kind.value, (f.article or "").split(".")[0] or None) for f in found}


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 6, 1), {("FIN", "prohibited_act", "1")}),  # party
        (date(2025, 12, 1), {("FIN", "prohibited_act", "1")}),  # notice given, still bound
        (date(2026, 2, 1), {("FIN", "non_party_act", None)}),  # withdrawal in effect
    ],
)
def test_finland_before_during_and_after_withdrawal(day, expected):
    assert judge("FIN", day) == expected


def test_ukraine_remains_bound_despite_its_declared_suspension():
    assert judge("UKR", date(2026, 2, 1)) == {("UKR", "prohibited_act", "1")}


def test_state_not_yet_bound_before_entry_into_force():
    assert judge("UKR", date(2005, 1, 1)) == {("UKR", "non_party_act", None)}
