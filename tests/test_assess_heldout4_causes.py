"""Judging rules from the fourth held-out set, checked on events built for the test."""

from __future__ import annotations

from datetime import date

from treatywatch.assess import assess
from treatywatch.model import Act, Article, Event, Evidence, Modality, Weapon


def test_funding_demining_is_no_assistance_to_a_prohibited_act() -> None:
    text = "The United States announced $2 million in humanitarian demining assistance."
    article = Article(title="US demining aid", text=text, published=date(2022, 9, 11))
    event = Event(
        act=Act.ASSIST,
        modality=Modality.OCCURRED,
        weapon=Weapon.MINE,
        actor="USA",
        evidence=[Evidence(text=text, start=0, end=len(text))],
    )
    assert assess(article, [event]) == []
