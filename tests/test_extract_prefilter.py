"""The prefilter: relevance and spans from one Aho-Corasick pass (no spaCy here)."""

from __future__ import annotations

import pytest

from treatywatch.extract.lexicon import load_lexicon, variants
from treatywatch.extract.prefilter import scan


@pytest.mark.parametrize(
    "text",
    [
        "Thirteen workers were trapped after an explosion in a coal mine in West Virginia.",
        "Fifteen miners died when an artisanal gold mine collapsed after heavy rain.",
        "The company says data mining of customer records is legal.",
        "Bitcoin miners are moving to Texas for cheap power.",
        "Abortion has become a political minefield for the candidates.",
        "The budget is a minefield of competing interests.",
        "A friend of mine said the vote was close.",
        "A navy minesweeper hit a drifting mine off Constanta in the Black Sea.",
        "Russia fired 40 missiles and 100 drones at Kyiv overnight.",
        "The mine owner said the mine shaft would reopen next week.",
    ],
)
def test_hard_negatives_are_not_relevant(text: str) -> None:
    assert not scan(text).relevant


@pytest.mark.parametrize(
    ("text", "weapon"),
    [
        ("Soldiers planted anti-personnel mines near the village.", "ap_mine"),
        ("Deminers found PFM-1 butterfly mines in the field.", "ap_mine"),
        ("The PMN-2 mines were freshly laid.", "ap_mine"),
        ("The army laid TM-62 anti-tank mines on the road.", "av_mine"),
        ("Landmines killed two farmers.", "mine"),
        ("The rebels booby-trapped the house.", "improvised_mine"),
        ("The jets dropped cluster bombs on the town.", "cluster_munition"),
        ("DPICM rounds were fired at the trenches.", "cluster_munition"),
        ("Children were hurt by unexploded ordnance.", "erw"),
    ],
)
def test_weapon_terms_are_found(text: str, weapon: str) -> None:
    result = scan(text)
    assert result.relevant
    assert weapon in {h.value for h in result.weapons}


def test_offsets_slice_the_text() -> None:
    text = "Ukraine said Russia laid anti-personnel mines and cluster munitions in Kharkiv."
    for hit in scan(text).hits:
        assert text[hit.start : hit.end] == hit.text


def test_treaty_names_hold_no_weapon_mention() -> None:
    result = scan("Ukraine is a party to the Anti-Personnel Mine Ban Convention.")
    assert result.relevant
    assert [h.value for h in result.treaties] == ["apmbc"]
    assert result.weapons == []


def test_cluster_treaty_is_ccm() -> None:
    result = scan("Lithuania left the Convention on Cluster Munitions in March.")
    assert [h.value for h in result.treaties] == ["ccm"]


def test_bare_mine_is_weak_and_naval_context_wins() -> None:
    assert not scan("He stepped on a mine.").relevant  # bare "mine" alone decides nothing
    naval = scan("Landmines aside, a mine drifting in the Black Sea hit a ship.")
    values = {h.text.lower(): h.value for h in naval.weapons}
    assert values["mine"] == "naval_mine"


def test_rifle_model_names_are_not_mines() -> None:
    result = scan("Troops laid landmines and carried M16 rifles.")
    assert {h.value for h in result.weapons} == {"mine"}


def test_variants_cover_hyphens_and_plurals() -> None:
    forms = variants("anti-personnel mine", plural=True)
    assert {"anti personnel mine", "antipersonnel mines", "anti-personnel mines"} <= forms


def test_lexicon_is_data() -> None:
    lexicon = load_lexicon()
    assert lexicon.act_verbs["lay"] == "use"
    assert lexicon.act_nouns["accession"] == "accede"
    assert "coal" in lexicon.exclude_before
