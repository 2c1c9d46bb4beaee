"""Civilians, children and the device of a casualty event, read from the casualty sentence
(extract/casualty_figures.py and its TOML): each fact in several wordings, and what is no count."""

from __future__ import annotations

import pytest

from tests.extract_support import by_act, read_events
from treatywatch.extract.casualty_figures import casualty_details
from treatywatch.extract.nlp import get_nlp
from treatywatch.model import Act


def _casualty(text: str):
    (event,) = by_act(read_events("", text), Act.CASUALTY)
    return event


def _figures(text: str) -> tuple:
    e = _casualty(text)
    return (e.killed, e.injured, e.civilians, e.children, e.device)


CHILDREN = [
    # active, passive, another verb, reported speech, a nominalisation
    ("An anti-personnel mine killed two children in Cambodia.", 2, None, 2),
    ("Two children were killed by an anti-personnel mine in Cambodia.", 2, None, 2),
    ("Two children died when an anti-personnel mine exploded in Cambodia.", 2, None, 2),
    ("Officials said unexploded ordnance had injured two children in Laos.", None, 2, 2),
    ("Two children were injured by UXO in Laos, officials said.", None, 2, 2),
    ("The death of two children in a landmine blast near Battambang shocked Cambodia.", 2, None,
     2),
    # a part of the victims
    ("A landmine killed five people, including two children, in Cambodia.", 5, None, 2),
    ("Four people died in a landmine blast in Cambodia, two children among the dead.", 4, None,
     2),
    ("Five people were killed by a landmine in Cambodia, three of them children.", 5, None, 3),
    ("Five people, three of them children, were killed by a landmine in Cambodia.", 5, None, 3),
    ("The landmine injured seven civilians, including three children, in Cambodia.", None, 7,
     3),
    ("The landmine blast killed three people, all of them children, in Cambodia.", 3, None, 3),
    ("Three people were killed by a landmine in Cambodia, all of them children.", 3, None, 3),
    ("Landmines killed 40 people in Cambodia in 2024, including 12 children.", 40, None, 12),
    ("Children accounted for 89 of the 221 landmine casualties recorded in Ukraine in 2024.",
     None, None, 89),
    # ages are no counts
    ("A 12-year-old boy was killed by a landmine in Cambodia.", 1, None, 1),
    ("A 10-year-old girl was injured by a landmine in Cambodia.", None, 1, 1),
    ("Two boys, aged 9 and 11, were injured by a landmine in Cambodia.", None, 2, 2),
    ("A landmine blast in Cambodia killed two children and injured a woman.", 2, 1, 2),
]


@pytest.mark.parametrize(("text", "killed", "injured", "children"), CHILDREN)
def test_children_in_many_wordings(text, killed, injured, children) -> None:
    e = _casualty(text)
    assert (e.killed, e.injured, e.children) == (killed, injured, children)


CIVILIANS = [
    ("A landmine killed three civilians in Cambodia.", 3, None),
    ("Three civilians were killed by unexploded ordnance in Laos.", 3, None),
    ("The killing of three civilians by an improvised mine in Mali was condemned.", 3, None),
    ("The deaths of three civilians in a landmine blast near Battambang shocked Cambodia.", 3,
     None),
    ("Three civilians died after stepping on a landmine in Cambodia, officials said.", 3, None),
    ("Three villagers were maimed by landmines in Cambodia.", None, 3),
    ("A landmine killed a soldier and injured three civilians in Cambodia.", 1, 3),
]


@pytest.mark.parametrize(("text", "killed", "injured"), CIVILIANS)
def test_civilians_in_many_wordings(text, killed, injured) -> None:
    e = _casualty(text)
    assert (e.killed, e.injured, e.civilians, e.children) == (killed, injured, 3, None)


DEVICES = [
    ("Unexploded ordnance killed two children in Laos.", "unexploded ordnance"),
    ("Two children were killed by unexploded ordnance in Laos.", "unexploded ordnance"),
    ("Two children died when unexploded ordnance exploded in Laos.", "unexploded ordnance"),
    ("The death of a child from unexploded ordnance near Battambang shocked Cambodia.",
     "unexploded ordnance"),
    ("Two children were injured by UXO in Laos, officials said.", "unexploded ordnance"),
    ("An anti-personnel mine killed two children in Cambodia.", "anti-personnel mine"),
    ("Two farmers were killed when their tractor hit an anti-vehicle mine in Ukraine.",
     "anti-vehicle mine"),
    ("Two soldiers were wounded by an improvised mine in Mali.", "improvised mine"),
    ("A cluster submunition killed a shepherd in Laos.", "cluster submunition"),
    ("A landmine killed three civilians in Cambodia.", None),  # a landmine of no stated type
]


@pytest.mark.parametrize(("text", "device"), DEVICES)
def test_the_device_by_the_weapon_families(text, device) -> None:
    assert _casualty(text).device == device


def test_a_plural_without_a_number_is_no_count() -> None:
    assert _figures("Landmines killed dozens of civilians in Cambodia.") == (
        None, None, None, None, None)


def test_a_group_of_unstated_age_is_no_count_of_children() -> None:
    # "a boy and his sister": the sister's age is not given; neither count is guessed
    assert _figures("A boy and his sister were killed by a landmine in Cambodia.")[2:4] == (
        None, None)
    assert _figures("A landmine in Cambodia killed a farmer and his son.")[2:4] == (None, None)


@pytest.mark.parametrize("text", [
    "The landmine blast killed three people, most of them children, in Cambodia.",
    # "all of them" after two groups: three, or all five?
    "The landmine blast killed three people and injured two others, all of them children, in "
    "Cambodia.",
    "Landmines killed children in Cambodia.",
])
def test_a_share_that_is_no_number_is_no_count(text) -> None:
    assert _casualty(text).children is None


def test_an_adult_is_no_child() -> None:
    assert _figures("A 45-year-old man was killed by a landmine in Cambodia.") == (
        1, None, None, None, None)
    # the father is no child; the boy is one
    assert _figures("A 12-year-old boy was killed and his father injured by a landmine in "
                    "Cambodia.")[3] == 1


def test_children_near_a_casualty_are_not_its_victims() -> None:
    text = ("A landmine in Cambodia killed two soldiers, officials said; children were playing "
            "nearby.")
    assert _figures(text) == (2, None, None, None, None)


@pytest.mark.parametrize("text", [
    "Children were warned about mines in Cambodia.",
    "A 10-year-old boy in Cambodia collects mine fragments.",
    "A 10-year-old was taught about landmines at school.",
    "Three civilians visited the minefield with deminers.",
])
def test_no_casualty_gives_no_figures(text) -> None:
    events = read_events("", text)
    assert all(e.civilians is None and e.children is None for e in events)
    sentence = next(iter(get_nlp()(text).sents))
    assert casualty_details(sentence) == {"civilians": None, "children": None, "device": None}


def test_a_civilian_word_on_the_victim_noun() -> None:
    assert _figures("Two civilian drivers were killed by an anti-vehicle mine in Ukraine.") == (
        2, None, 2, None, "anti-vehicle mine")
