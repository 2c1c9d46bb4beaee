"""extract_events on the seed and on short texts written for these tests (spaCy loaded once)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.extract_support import read_events
from treatywatch.model import Act, Event, Modality, Weapon

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "siem-reap-2024-11-28.txt"


def _events(title: str, body: str, published: date | None = date(2025, 7, 1)) -> list[Event]:
    return read_events(title, body, published)


def _keys(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {(e.act.value, e.actor or e.actor_name, e.counterpart or e.location) for e in events}


@pytest.fixture(scope="module")
def seed_events() -> list[Event]:
    if not SEED.exists():
        pytest.skip("shared seed article not available")
    title, _, body = SEED.read_text(encoding="utf-8").partition("\n")
    return _events(title, body, date(2024, 11, 28))


def test_seed_yields_exactly_the_three_events(seed_events: list[Event]) -> None:
    assert _keys(seed_events) == {
        ("transfer", "USA", "UKR"),
        ("use", "RUS", "UKR"),
        ("destroy_stockpile", "UKR", None),
    }


def test_seed_modalities_weapons_and_speaker(seed_events: list[Event]) -> None:
    by_act = {e.act: e for e in seed_events}
    transfer, use, destroy = by_act[Act.TRANSFER], by_act[Act.USE], by_act[Act.DESTROY_STOCKPILE]
    assert (transfer.modality, transfer.weapon) == (Modality.ANNOUNCED, Weapon.AP_MINE)
    assert use.modality == Modality.ALLEGED and use.speaker and "Riabtsev" in use.speaker
    assert use.weapon.family == "landmine"
    assert (destroy.modality, destroy.weapon) == (Modality.NEGATED, Weapon.AP_MINE)
    assert len(transfer.evidence) >= 2  # headline, lead, "would be in direct violation", ...


def test_seed_says_nothing_about_the_koreas_or_cambodia(seed_events: list[Event]) -> None:
    named = {x for e in seed_events for x in (e.actor, e.counterpart, e.location)}
    assert not named & {"KOR", "PRK", "KHM"}


def test_non_state_armed_group_is_actor_name() -> None:
    events = _events(
        "Rebels accused of planting mines",
        "The Houthi rebels have planted thousands of anti-personnel mines along the coast of "
        "Yemen's Hodeidah province, a rights group said on Tuesday.",
    )
    (use,) = [e for e in events if e.act == Act.USE]
    assert use.actor is None and use.actor_name == "Houthis"
    assert use.location == "YEM" and use.modality == Modality.ALLEGED


def test_denial_and_city_place() -> None:
    events = _events(
        "Moscow rejects Ukrainian report",
        "Russia's defence ministry on Friday denied that its forces had used cluster bombs in "
        "Kharkiv.",
    )
    (use,) = events
    assert (use.act, use.actor, use.location) == (Act.USE, "RUS", "UKR")
    assert use.modality == Modality.DENIED
    assert use.weapon == Weapon.CLUSTER_MUNITION


def test_accession_and_date() -> None:
    events = _events(
        "Island state joins mine ban",
        "Tuvalu deposited its instrument of accession to the Ottawa Convention on 12 June 2025, "
        "the United Nations said.",
    )
    (join,) = events
    assert (join.act, join.actor, join.treaty.value) == (Act.ACCEDE, "TUV", "apmbc")
    assert join.modality == Modality.OCCURRED
    assert join.when == date(2025, 6, 12)


def test_withdrawal_is_announced_until_notified() -> None:
    plan = _events(
        "Country to quit landmine treaty",
        "Latvia's parliament voted on Thursday to withdraw from the Ottawa Convention.",
    )
    assert [(e.act, e.actor, e.modality) for e in plan] == [
        (Act.WITHDRAW, "LVA", Modality.ANNOUNCED)
    ]
    done = _events(
        "Withdrawal formalised",
        "Latvia formally notified the United Nations of its withdrawal from the Ottawa "
        "Convention on June 27.",
    )
    assert [(e.act, e.modality) for e in done] == [(Act.WITHDRAW, Modality.OCCURRED)]


def test_negated_stockpile_destruction_and_ongoing_stockpile() -> None:
    events = _events(
        "Watchdog report",
        "Ruritania has not destroyed its stockpile of anti-personnel mines. Greece still holds "
        "a stockpile of 600,000 anti-personnel mines, the report said.",
    )
    modalities = {(e.act, e.actor): e.modality for e in events}
    assert modalities[(Act.STOCKPILE, "GRC")] in (Modality.ONGOING, Modality.ALLEGED)


def test_transfer_merges_receiving_side() -> None:
    events = _events(
        "Mines for the front",
        "Ukraine has received anti-personnel mines from the United States, its defence "
        "minister said on Thursday. Washington's decision to send the mines was criticised.",
    )
    transfers = [e for e in events if e.act == Act.TRANSFER]
    assert [(e.actor, e.counterpart) for e in transfers] == [("USA", "UKR")]
    assert len(transfers[0].evidence) == 2


def test_treaty_description_and_history_are_not_events() -> None:
    events = _events(
        "Anniversary of the mine ban",
        "The Ottawa Convention, which prohibits the use, stockpiling, production and transfer "
        "of anti-personnel mines, was signed in 1997. Ukraine signed the treaty in 1999.",
    )
    assert events == []


def test_hypothetical_alone_is_no_act() -> None:
    # A contingency ("could ... if the security situation worsens") is reported as what it is,
    # a hypothetical event (tests/paraphrase/hypothetical.jsonl), never as an act or a plan;
    # assess judges no hypothetical event (tests/test_frames_causes.py checks the findings).
    events = _events(
        "Finland weighs options",
        "Finland could start producing anti-personnel mines if the security situation "
        "worsens, an official said.",
    )
    assert [e.modality for e in events] == [Modality.HYPOTHETICAL]


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Coal mine blast", "An explosion at a coal mine killed 12 miners; the mine was shut."),
        ("Gold rush", "Fifteen miners died when a gold mine collapsed in Burundi."),
        ("Politics", "Tax reform is a political minefield for the government."),
        ("Crypto", "Bitcoin miners and data mining firms moved to Texas."),
        ("Black Sea", "A Romanian navy dredger hit a drifting mine in the Black Sea."),
        ("Strikes", "Russia fired missiles and drones at Kyiv; North Korea sent shells to Russia."),
    ],
)
def test_hard_negatives_have_no_events(title: str, body: str) -> None:
    assert _events(title, body) == []


def test_casualty_needs_a_place() -> None:
    events = _events(
        "Landmine kills children",
        "Two children were killed when a landmine exploded in Afghanistan's Helmand province "
        "on Sunday, officials said.",
    )
    assert [(e.act, e.location) for e in events] == [(Act.CASUALTY, "AFG")]


def test_headline_attribution_governs_and_denial_wins() -> None:
    events = _events(
        "Neighbour accused of laying new mines",
        "Thailand accused Cambodia of laying new anti-personnel mines on the Thai side of the "
        "border on Tuesday. Cambodia's defence ministry denied that any new mines had been "
        "planted.",
    )
    (use,) = [e for e in events if e.act == Act.USE]
    assert (use.actor, use.location) == ("KHM", "THA")
    assert use.modality == Modality.DENIED  # an allegation that was denied


def test_habitual_denial_does_not_undo_a_report() -> None:
    events = _events(
        "Cluster bombs hit village in Syria",
        "Syrian government forces dropped cluster bombs on a village in Idlib on Tuesday, a "
        "monitoring group said. The government has repeatedly denied using such weapons.",
    )
    (use,) = [e for e in events if e.act == Act.USE]
    assert (use.actor, use.modality) == ("SYR", Modality.ALLEGED)


def test_relative_clause_actor_and_place_named_in_article() -> None:
    events = _events(
        "Neighbours and the mine ban",
        "Our neighbour is a state called Russia, which itself uses landmines in Ukraine, the "
        "president said.",
    )
    assert {(e.act, e.actor) for e in events} == {(Act.USE, "RUS")}


def test_pledge_not_to_use_is_no_event() -> None:
    events = _events(
        "Mines approved",
        "Washington approved sending anti-personnel mines to Ukraine, and Ukrainian lawmakers "
        "vowed not to use the mines in populated areas.",
    )
    assert {(e.act.value, e.actor) for e in events} == {("transfer", "USA")}
