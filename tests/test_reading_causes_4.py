"""Causes of misreadings of the third pass (issue 8), each checked on four or more tellings of
one fact written here: none is a paraphrase telling, and no article is quoted."""

from __future__ import annotations

from datetime import date

import pytest

from treatywatch.model import Act, Article
from treatywatch.pipeline import analyze_article


def _events(title: str, text: str, published: date = date(2019, 3, 12)):
    body = f"{title}\n\n{text}" if title else text
    return analyze_article(Article(title=title, text=body, published=published)).events


def _of(events, act: Act):
    return [e for e in events if e.act == act]


# --- a country's own name is a place, not a nationality ------------------------------------

COUNTRY_AS_PLACE = [
    ("Two girls were killed by a landmine in Myanmar.", "MMR"),
    ("A landmine wounded a farmer in Myanmar on Sunday.", "MMR"),
    ("A landmine in Myanmar killed six passengers on a bus.", "MMR"),
    ("Three walkers were injured by an old landmine in the UK.", "GBR"),
    ("An old cluster bomblet killed a scrap collector in the UK.", "GBR"),
]


@pytest.mark.parametrize(("text", "place"), COUNTRY_AS_PLACE)
def test_a_country_named_as_the_place_of_a_casualty_is_its_place(text: str, place: str):
    casualties = _of(_events("", text), Act.CASUALTY)
    assert [e.location for e in casualties] == [place]


COUNTRY_AS_ADJECTIVE = [
    ("Myanmar soldiers laid landmines around the village of Hpakant.", "MMR"),
    ("The Myanmar military laid anti-personnel mines near schools.", "MMR"),
    ("UK troops used cluster munitions in Basra.", "GBR"),
    ("Cambodia soldiers laid landmines along the border.", "KHM"),
]


@pytest.mark.parametrize(("text", "actor"), COUNTRY_AS_ADJECTIVE)
def test_a_country_name_used_as_an_adjective_still_names_the_actor(text: str, actor: str):
    uses = _of(_events("", text), Act.USE)
    assert [e.actor for e in uses] == [actor]


def test_no_country_name_is_listed_as_a_nationality() -> None:
    from treatywatch.places.gazetteer import _demonym_names, state_names

    # "Lao" is the one kept, by choice (see the comment in [demonyms])
    assert sorted(_demonym_names() & set(state_names()) - {"Lao"}) == []
