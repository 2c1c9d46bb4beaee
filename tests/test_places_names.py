"""State names as users write them resolve to ISO alpha-3 codes; unknown ones fail helpfully."""

from __future__ import annotations

import pytest

from treatywatch.errors import UnknownState
from treatywatch.places import all_names, all_states, resolve_state, state_name


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("UKR", "UKR"), ("ua", "UKR"), ("Ukraine", "UKR"),
        ("Türkiye", "TUR"), ("Turkey", "TUR"), ("Turkiye", "TUR"), ("Republic of Türkiye", "TUR"),
        ("Côte d'Ivoire", "CIV"), ("Cote d'Ivoire", "CIV"), ("Ivory Coast", "CIV"),
        ("Czechia", "CZE"), ("Czech Republic", "CZE"),
        ("Myanmar", "MMR"), ("Burma", "MMR"),
        ("Holy See", "VAT"), ("Vatican", "VAT"), ("Holy See (Vatican City State)", "VAT"),
        ("State of Palestine", "PSE"), ("Palestine", "PSE"),
        ("Niue", "NIU"), ("Cook Islands", "COK"), ("Kosovo", "XKX"),
        ("Lao PDR", "LAO"), ("Laos", "LAO"), ("Lao People's Democratic Republic", "LAO"),
        ("DRC", "COD"), ("Congo-Kinshasa", "COD"), ("Democratic Republic of the Congo", "COD"),
        ("Congo", "COG"), ("Republic of the Congo", "COG"),
        ("Republic of Korea", "KOR"), ("South Korea", "KOR"), ("North Korea", "PRK"),
        ("Russian Federation", "RUS"), ("Russia", "RUS"),
        ("UK", "GBR"), ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("USA", "USA"), ("US", "USA"), ("United States", "USA"), ("the United States", "USA"),
        ("St. Lucia", "LCA"), ("Saint Lucia", "LCA"), ("Viet Nam", "VNM"), ("Vietnam", "VNM"),
        ("  finland ", "FIN"), ("Bolivia (Plurinational State of)", "BOL"),
    ],
)
def test_names_resolve(name, iso3):
    assert resolve_state(name) == iso3


def test_unknown_name_suggests_the_closest_in_one_line():
    with pytest.raises(UnknownState) as err:
        resolve_state("Frnace")
    message = str(err.value)
    assert "'Frnace'" in message and "France (FRA)" in message
    assert "\n" not in message


def test_unknown_code_fails():
    with pytest.raises(UnknownState):
        resolve_state("QQQ")


def test_preferred_names():
    assert state_name("TUR") == "Türkiye"
    assert state_name("RUS") == "Russia"
    assert state_name("VAT") == "Holy See"
    assert state_name("PSE") == "State of Palestine"
    assert state_name("xkx") == "Kosovo"


def test_state_name_of_unknown_code_fails():
    with pytest.raises(UnknownState, match="'ABC'"):
        state_name("ABC")


def test_every_name_round_trips():
    for name, iso3 in all_names().items():
        assert resolve_state(name) == iso3, name
    assert all(resolve_state(iso3) == iso3 for iso3 in all_states())
    assert "XKX" in all_states() and len(all_states()) >= 250
