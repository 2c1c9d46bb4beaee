"""Reading rules from the second and third held-out sets of real articles, each checked on a
short text written for this test (spaCy loaded once per session by the extractor's cache)."""

from __future__ import annotations

from tests.extract_support import by_act, read_events
from treatywatch.model import Act, Modality, Weapon

_events = read_events


_by_act = by_act


def test_ratification_and_joining_of_one_state_are_one_event() -> None:
    body = (
        "Tuvalu deposited its instrument of ratification of the Mine Ban Treaty with the "
        "United Nations on Monday. On 1 August, Tuvalu will formally join the other States "
        "Parties to the treaty."
    )
    events = _events("Tuvalu joins the Mine Ban Treaty", body)
    joining = [e for e in events if e.act in (Act.RATIFY, Act.ACCEDE)]
    assert [(e.act, e.actor, e.modality) for e in joining] == [
        (Act.RATIFY, "TUV", Modality.OCCURRED)
    ]


def test_never_produced_or_stockpiled_negates_both_acts() -> None:
    body = (
        "Palau has long supported the ban on landmines, having never produced or stockpiled "
        "anti-personnel mines."
    )
    events = _events("Palau backs the landmine ban", body)
    assert events and all(e.modality == Modality.NEGATED for e in events)


def test_joining_other_states_in_a_plan_to_withdraw_is_a_withdrawal_not_an_accession() -> None:
    body = (
        "Estonia is ready to buy anti-personnel mines, its defence minister said, after Tallinn "
        "joined its neighbours this week in announcing a plan to withdraw from a treaty that "
        "bans their use."
    )
    events = _events("Estonia eyes anti-personnel mines", body)
    assert not [e for e in events if e.act in (Act.ACCEDE, Act.RATIFY)]
    withdrawals = _by_act(events, Act.WITHDRAW)
    assert [(e.actor, e.modality) for e in withdrawals] == [("EST", Modality.ANNOUNCED)]


def test_abandoning_another_treaty_is_no_withdrawal_from_the_mine_treaty() -> None:
    body = (
        "Lithuania's withdrawal from the Convention on Cluster Munitions took effect on Friday. "
        "Moscow has already abandoned the Treaty on the Prohibition of Nuclear Tests."
    )
    events = _events("Lithuania leaves cluster munitions treaty", body)
    assert [e.actor for e in _by_act(events, Act.WITHDRAW)] == ["LTU"]


def test_victim_activated_ieds_are_improvised_mines_used_by_the_group_that_planted_them() -> None:
    body = (
        "Al-Shabaab fighters have planted improvised explosive devices with pressure plates "
        "along the roads near Baidoa in Somalia, officials said. A farmer lost a leg when he "
        "stepped on one of the devices."
    )
    uses = _by_act(_events("Landmine threat grows in Somalia", body), Act.USE)
    assert [(e.actor_name, e.weapon, e.location) for e in uses] == [
        ("al-Shabaab", Weapon.IMPROVISED_MINE, "SOM")
    ]


def test_a_remote_controlled_ied_is_no_mine() -> None:
    body = (
        "A landmine survivor group held its meeting in Kabul. Separately, militants detonated "
        "an improvised explosive device by remote control near a police convoy."
    )
    events = _events("Mine survivors meet in Kabul", body)
    assert not [e for e in events if e.weapon == Weapon.IMPROVISED_MINE]


def test_a_dateline_city_is_not_where_an_armed_group_laid_its_mines() -> None:
    body = (
        "WASHINGTON — Islamic State fighters have left booby-trapped houses in Raqqa, Syria, "
        "U.S. officials said. All those streets were heavily mined by Islamic State fighters "
        "looking to kill troops sweeping through them."
    )
    events = _events("Booby traps slow U.S.-backed advance", body)
    assert [(e.act, e.actor_name, e.location) for e in events if e.act == Act.USE] == [
        (Act.USE, "Islamic State", "SYR")
    ]
    assert not _by_act(events, Act.CLEAR)


def test_the_attackers_nationality_is_not_where_the_casualties_fell() -> None:
    body = (
        "Landmines planted by Armenian forces have killed dozens of civilians in the "
        "Nagorno-Karabakh region since the war ended, officials in Baku said."
    )
    events = _events("Old minefields keep killing in Karabakh", body)
    casualties = _by_act(events, Act.CASUALTY)
    assert casualties and all(e.location == "AZE" for e in casualties)
    assert [(e.actor, e.location) for e in _by_act(events, Act.USE)] == [("ARM", "AZE")]


def test_a_demonym_on_an_aid_organisation_is_no_state_actor() -> None:
    body = (
        "More than 300 fields have been cleared of mines in Huambo province in Angola by the "
        "British non-governmental organization The HALO Trust."
    )
    clears = _by_act(_events("Demining in Huambo", body), Act.CLEAR)
    assert clears and all(e.actor != "GBR" for e in clears)


def test_a_tally_of_states_parties_is_no_actor_and_a_list_of_users_borrows_no_place() -> None:
    body = (
        "In the past year, anti-personnel mines were used by Iran, Myanmar, North Korea and "
        "Russia, the Landmine Monitor said. Armed groups used mines in Colombia and India. "
        "94 of the 164 states parties to the Ottawa Convention have completed the destruction "
        "of their stockpiles."
    )
    events = _events("Monitor counts new mine use", body)
    uses = [e for e in _by_act(events, Act.USE) if e.actor]
    assert {e.actor for e in uses} == {"IRN", "MMR", "PRK", "RUS"}
    assert all(e.location is None for e in uses)
    assert not [e for e in events if e.actor == "apmbc" or e.act == Act.DESTROY_STOCKPILE]


def test_calls_to_action_are_no_acts() -> None:
    body = (
        "A military spokesman called the evidence of cluster bomb use by the air force of "
        "Chad fabricated and denied using cluster bombs. Chad should also show its commitment "
        "by joining the Convention on Cluster Munitions. The coalition calls on Chad to:\n"
        "Stop using cluster munitions immediately\n"
        "Join the 2008 Convention on Cluster Munitions\n"
    )
    events = _events("Cluster bombs in Chad", body)
    assert not [e for e in events if e.act in (Act.ACCEDE, Act.RATIFY)]
    uses = _by_act(events, Act.USE)
    assert [(e.actor, e.modality) for e in uses] == [("TCD", Modality.DENIED)]


def test_a_protest_against_a_states_use_is_an_accusation() -> None:
    body = (
        "Laos's foreign ministry on Monday issued a statement protesting Vietnam's use of "
        "anti-personnel mines along the border."
    )
    uses = _by_act(_events("Laos protests Vietnam's use of mines", body), Act.USE)
    assert [(e.actor, e.modality) for e in uses] == [("VNM", Modality.ALLEGED)]


def test_a_state_army_that_plants_mines_in_a_reported_clause_is_that_states_use() -> None:
    body = (
        "Heavy rains have exposed landmines north of Bahri. "
        "A retired officer also pointed out that the Sudanese army plants mines around "
        "military garrisons, warning that these internationally banned weapons maim children."
    )
    uses = _by_act(_events("Mines around Khartoum garrisons", body), Act.USE)
    assert [e.actor for e in uses] == ["SDN"]


def test_minefields_planted_allegedly_by_a_group_are_its_alleged_use() -> None:
    body = (
        "Deminers say they have found three banned minefields planted near Wad Madani, "
        "allegedly by the Rapid Support Forces during their occupation of the town."
    )
    uses = _by_act(_events("Minefields found near Wad Madani", body), Act.USE)
    assert [(e.actor_name, e.modality) for e in uses] == [("RSF", Modality.ALLEGED)]


def test_an_agentless_passive_belongs_to_the_one_army_the_article_is_about() -> None:
    body = (
        "An Indian Army soldier was killed in a landmine blast along the Line of Control in "
        "Kupwara, India, on Friday. Landmines are routinely planted as part of the "
        "counter-infiltration grid."
    )
    uses = _by_act(_events("Soldier killed in landmine blast in Kupwara", body), Act.USE)
    assert [(e.actor, e.modality) for e in uses] == [("IND", Modality.ONGOING)]


def test_an_agentless_passive_stays_without_actor_when_two_sides_are_named() -> None:
    body = (
        "Ukrainian soldiers were wounded near Russian positions in Ukraine on Monday. Landmines "
        "were planted along the road, officials said."
    )
    uses = _by_act(_events("Soldiers wounded by landmines", body), Act.USE)
    assert not [e for e in uses if e.actor == "UKR"]


def test_reported_having_destroyed_landmines_in_a_stockpile_article_is_destruction() -> None:
    body = (
        "Stockpile destruction under Article 4 of the Mine Ban Treaty.\n"
        "In total, Angola reported having destroyed 80,000 landmines, a year before its deadline."
    )
    destroyed = _by_act(_events("Stockpile destruction", body), Act.DESTROY_STOCKPILE)
    assert [(e.actor, e.modality) for e in destroyed] == [("AGO", Modality.OCCURRED)]


def test_plans_to_destroy_those_links_back_to_the_stockpiled_mines() -> None:
    body = (
        "Greece has around 600,000 anti-personnel mines in its stockpile and plans to destroy "
        "those within two years, officials said."
    )
    destroyed = _by_act(_events("Greek mine stockpile", body), Act.DESTROY_STOCKPILE)
    assert [(e.actor, e.modality) for e in destroyed] == [("GRC", Modality.ANNOUNCED)]


def test_destroying_mines_in_mined_areas_is_no_stockpile_destruction() -> None:
    body = (
        "The stockpile question was not raised. Ukraine stressed its eagerness to destroy "
        "anti-personnel mines in mined areas under its jurisdiction."
    )
    events = _events("Ukraine at the treaty meeting", body)
    assert not _by_act(events, Act.DESTROY_STOCKPILE)


def test_landmines_under_the_anti_personnel_treatys_title_are_anti_personnel() -> None:
    body = (
        "Laos is planting new landmines along the border, a violation of the Anti-Personnel "
        "Mine Ban Convention, Thai officials said."
    )
    uses = _by_act(_events("Thailand accuses Laos over landmines", body), Act.USE)
    assert [(e.actor, e.weapon) for e in uses] == [("LAO", Weapon.AP_MINE)]


def test_a_region_with_mined_areas_is_no_actor_and_no_stockpile() -> None:
    body = (
        "Before the war, Kayah State already had several heavily mined areas, and the junta "
        "has since laid landmines around villages in Myanmar."
    )
    events = _events("Myanmar junta lays more landmines", body)
    assert not _by_act(events, Act.STOCKPILE)


def test_a_demand_to_investigate_a_use_presupposes_it_and_announces_nothing() -> None:
    body = (
        "Human Rights Watch urged Kyiv to investigate the use of PFM-1 anti-personnel mines by "
        "Ukrainian forces around Izium."
    )
    uses = _by_act(_events("Rights group presses Kyiv over mines", body), Act.USE)
    assert [e.actor for e in uses] == ["UKR"]
    assert uses[0].modality != Modality.ANNOUNCED
