"""Causes of misreadings found on the paraphrase groups, each checked on four or more tellings
of one fact written here (none of them is a paraphrase telling)."""

from __future__ import annotations

from datetime import date

import pytest

from treatywatch.model import Act, Article, Modality
from treatywatch.pipeline import analyze_article


def _events(title: str, text: str, published: date = date(2016, 2, 10)):
    body = f"{title}\n\n{text}" if title else text
    return analyze_article(Article(title=title, text=body, published=published)).events


TRAILING_CLAIM = [
    "Syrian jets dropped cluster bombs on Saraqeb, activists claimed, citing videos of bomblets.",
    "Cluster munitions were fired at villages near Idlib by Syrian government forces, monitors "
    "alleged on Wednesday, pointing to remnants found in the streets.",
    "The use of cluster munitions by Damascus in Idlib was widespread, a monitoring group "
    "alleged, citing photographs and witness accounts.",
    "The Syrian army fired cluster rockets into Saraqeb, residents said on Tuesday, adding that "
    "several bomblets failed to explode.",
    "Government helicopters scattered Syrian cluster submunitions over Saraqeb, a rescue group "
    "alleged on Thursday, citing photographs of the remnants.",
]


@pytest.mark.parametrize("text", TRAILING_CLAIM)
def test_a_trailing_claim_with_its_grounds_makes_the_act_alleged(text: str) -> None:
    uses = [e for e in _events("", text) if e.act == Act.USE]
    assert uses and all(e.modality == Modality.ALLEGED for e in uses)
