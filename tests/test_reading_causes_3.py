"""Causes of misreadings found on the development split and the paraphrase groups (second
pass), each checked on four or more tellings of one fact written here: none of them is a
paraphrase telling, and no article is quoted."""

from __future__ import annotations

from datetime import date

import pytest

from treatywatch.model import Act, Article, Modality
from treatywatch.pipeline import analyze_article


def _events(title: str, text: str, published: date = date(2007, 1, 10)):
    body = f"{title}\n\n{text}" if title else text
    return analyze_article(Article(title=title, text=body, published=published)).events


def _of(events, act: Act):
    return [e for e in events if e.act == act]


# --- "during the war": one war that was is a time, not a condition -------------------------

DURING_THE_WAR = [
    ("Israeli warplanes dropped cluster bombs on south Lebanon during the war.", "ISR"),
    ("Armenian troops planted landmines in Lachin during the 2020 war.", "ARM"),
    ("Russian forces laid anti-personnel mines around Izium during the invasion.", "RUS"),
    ("During Russia's invasion, Russian troops laid landmines near Kharkiv.", "RUS"),
]


@pytest.mark.parametrize(("text", "actor"), DURING_THE_WAR)
def test_an_act_during_a_known_war_happened(text: str, actor: str) -> None:
    uses = [e for e in _of(_events("", text, date(2023, 3, 1)), Act.USE) if e.actor == actor]
    assert uses and all(e.modality == Modality.OCCURRED for e in uses)
