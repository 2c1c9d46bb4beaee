"""Reading rules from the fourth held-out set of real articles, each checked on a short text
written for this test (spaCy loaded once per session by the extractor's cache)."""

from __future__ import annotations

from tests.extract_support import by_act, read_events
from treatywatch.model import Act, Modality, Weapon

_events = read_events


_by_act = by_act


def test_disapproving_an_act_named_without_agent_is_a_stance_not_a_use() -> None:
    body = (
        "Speaking to reporters, the Prime Minister of Norway said he does not approve the use "
        "of cluster munitions and opposes the transfer of cluster bombs."
    )
    events = _events("Norway criticises cluster bomb plan", body)
    assert not [e for e in events if e.actor == "NOR"]


def test_a_reminder_that_a_state_signed_a_treaty_is_background() -> None:
    body = (
        "The Norwegian minister said he does not approve of the plan, and reminded that Norway "
        "has signed the Convention on Cluster Munitions."
    )
    assert not _by_act(_events("Norway criticises cluster bomb plan", body), Act.SIGN)


def test_a_use_consigned_to_history_is_negated() -> None:
    body = (
        "The Army's use of anti-personnel landmines has been consigned to history, the "
        "Norwegian defence minister said yesterday."
    )
    uses = _by_act(_events("Norway's army ends landmine era", body), Act.USE)
    assert all(e.modality == Modality.NEGATED for e in uses)


def test_preventing_new_use_names_no_user() -> None:
    body = (
        "Other countries should follow Chad's example because preventing new use of cluster "
        "munitions is a humanitarian imperative, the campaigners said."
    )
    assert not _by_act(_events("Chad joins cluster munitions ban", body), Act.USE)


def test_a_sentence_describing_the_treaty_reports_no_casualty() -> None:
    body = (
        "Chad joined the Convention on Cluster Munitions. The convention is a treaty adopted "
        "in Northern Ireland after concerns about the casualties caused by cluster munitions."
    )
    assert not _by_act(_events("Chad joins cluster munitions ban", body), Act.CASUALTY)


def test_northern_ireland_is_the_united_kingdom() -> None:
    from treatywatch.places.gazetteer import lookup

    place = lookup("Northern Ireland")
    assert place is not None and place.value == "GBR"


def test_a_dated_retelling_dates_the_undated_denial_of_the_same_use() -> None:
    body = (
        "Chad has joined the Convention on Cluster Munitions. In 2014, the United Nations "
        "called on the government of Chad to investigate new evidence of the use of cluster "
        "bombs by the Chad army. But the Chad army denied using cluster bombs."
    )
    uses = _by_act(_events("Chad joins cluster munitions ban", body, published=None), Act.USE)
    assert uses and all(e.when is not None and e.when.year == 2014 for e in uses)


def test_efforts_made_in_mine_clearance_produce_no_mines() -> None:
    body = (
        "The organizations praised the efforts made by the Chad government in the field of "
        "mine clearance, despite limited resources."
    )
    assert not _by_act(_events("Mine blast injures three in Chad", body), Act.PRODUCE)


def test_a_participle_of_manner_is_not_negated_by_its_clause_and_as_said_attributes() -> None:
    body = (
        "As the Russian Foreign Ministry's spokeswoman, Maria Zakharova, has said, Kiev did not "
        "comply with the treaty's provisions before, using anti-personnel landmines against "
        "civilians."
    )
    uses = _by_act(_events("Moscow accuses Kyiv over mines", body), Act.USE)
    assert [(e.actor, e.modality) for e in uses] == [("UKR", Modality.ALLEGED)]


def test_denouncing_a_named_users_planting_is_an_allegation() -> None:
    body = "Rights groups denounce Morocco's continued planting of landmines."
    uses = _by_act(_events("Groups accuse Morocco over mines", body), Act.USE)
    assert [(e.actor, e.modality) for e in uses] == [("MAR", Modality.ALLEGED)]


def test_bombing_with_cluster_munitions_is_a_use_by_the_headline_user() -> None:
    body = (
        "Hezbollah said in a statement that the regime's military bombed the villages of the "
        "south with missiles loaded with cluster bombs. Lebanon has reported many casualties."
    )
    uses = _by_act(
        _events("Hezbollah says Israel rained down cluster bombs on Lebanon", body), Act.USE
    )
    assert {(e.actor, e.location) for e in uses} == {("ISR", "LBN")}


def test_hitting_a_mine_is_no_use() -> None:
    body = "A farmer's tractor hit a landmine near the village in Chad on Monday."
    assert not _by_act(_events("Farmer hurt by landmine in Chad", body), Act.USE)


def test_a_state_s_mine_that_went_off_abroad_is_its_use_there() -> None:
    body = (
        "A Cambodian boy was killed on Saturday when a Thai landmine exploded in a field in "
        "Cambodia."
    )
    uses = _by_act(_events("Cambodian boy killed by Thai mine", body), Act.USE)
    assert [(e.actor, e.location) for e in uses] == [("THA", "KHM")]


def test_throwing_or_burying_mines_is_a_use_and_burying_the_dead_is_not() -> None:
    body = (
        "Indian officers say Pakistani soldiers have been throwing mines into India near the "
        "border. Villagers buried the dead near the old minefield."
    )
    uses = _by_act(_events("Pakistan throwing mines into India, says army", body), Act.USE)
    assert [(e.actor, e.location) for e in uses] == [("PAK", "IND")]


def test_these_mines_after_a_list_are_the_list_head_s_type() -> None:
    body = (
        "Soldiers recovered 16 anti-personnel mines and one anti-tank mine near the border. "
        "Indian officers said Pakistani troops were throwing these mines into India."
    )
    uses = _by_act(_events("Pakistan throwing mines into India, says army", body), Act.USE)
    assert [e.weapon for e in uses] == [Weapon.AP_MINE]


def test_money_allocated_for_demining_announces_clearance() -> None:
    body = "The EU allocates EUR 2 mln for humanitarian demining in Chad, officials said."
    clears = _by_act(_events("EU allocates EUR 2 mln for demining in Chad", body), Act.CLEAR)
    assert clears and all(e.modality == Modality.ANNOUNCED for e in clears)


def test_not_approving_a_decision_leaves_the_decision_announced() -> None:
    body = (
        "The Spanish minister said she does not approve the United States' decision to "
        "provide Ukraine with cluster munitions."
    )
    transfers = _by_act(
        _events("Spain opposes US cluster munitions for Ukraine", body), Act.TRANSFER
    )
    assert [(e.actor, e.modality) for e in transfers] == [("USA", Modality.ANNOUNCED)]


def test_sniffing_out_mines_is_clearance_placed_in_the_sentence() -> None:
    body = (
        "Vientiane, Laos — After three years of sniffing land mines and cluster bomblets in "
        "Laos, the dog Rex is retiring."
    )
    clears = _by_act(_events("Mine-detection dog retires", body), Act.CLEAR)
    assert [(e.location, e.weapon) for e in clears] == [("LAO", Weapon.MINE)]


def test_mines_left_by_a_group_are_its_use() -> None:
    body = "Residents of Kismayo, Somalia face hundreds of mines left by Al-Shabaab fighters."
    uses = _by_act(_events("Landmine threat in Somalia", body), Act.USE)
    assert [(e.actor, e.actor_name) for e in uses] == [(None, "al-Shabaab")]


def test_a_landmine_buried_by_a_group_is_its_use_whatever_the_parse() -> None:
    body = (
        '"One died and two others wounded in an explosion caused by landmine buried on the '
        'roadside by Al-Shabaab fighters," the commander said in Kismayo, Somalia.'
    )
    uses = _by_act(_events("Landmine threat in Somalia", body), Act.USE)
    assert [(e.actor_name, e.location) for e in uses] == [("al-Shabaab", "SOM")]


def test_an_explosion_on_a_states_mine_is_its_use_where_it_went_off() -> None:
    body = "Two explosions on Armenian mines occurred in Aghdam, Azerbaijan, on Monday."
    uses = _by_act(_events("Landmine blasts", body), Act.USE)
    assert [(e.actor, e.location) for e in uses] == [("ARM", "AZE")]


def test_hitting_a_states_landmine_is_its_use_where_it_went_off() -> None:
    body = "A soldier hit a Pakistani landmine in Kashmir, India, the army said."
    uses = _by_act(_events("Landmine blasts", body), Act.USE)
    assert [(e.actor, e.location) for e in uses] == [("PAK", "IND")]


def test_attacks_carried_out_using_cluster_munitions_are_the_lead_forces_use() -> None:
    body = (
        "Syrian government forces have assaulted Idlib with repeated attacks on homes, the "
        "group said. All of the attacks it documented were carried out in crowded areas "
        "including using cluster munitions."
    )
    uses = _by_act(_events("Syria: Unlawful Syrian Attacks in Idlib", body), Act.USE)
    assert [(e.actor, e.weapon) for e in uses] == [("SYR", Weapon.CLUSTER_MUNITION)]


def test_mines_left_as_a_gift_by_a_group_are_its_use() -> None:
    body = (
        "Residents of Kismayo, Somalia face hundreds of mines, booby traps and unexploded "
        "ordnance left as a parting gift by Al-Shabaab fighters."
    )
    uses = _by_act(_events("Landmine threat in Somalia", body), Act.USE)
    assert [e.actor_name for e in uses] == ["al-Shabaab"]


def test_clearing_an_area_with_mines_sniffed_out_is_clearance() -> None:
    body = (
        "According to the charity, the rat has cleared more than 141,000 square meters in "
        "Cambodia, with 71 land mines and 38 other objects sniffed out."
    )
    clears = _by_act(_events("Rat retires", body), Act.CLEAR)
    # a charity's work on a state's land is that state's clearance (docs/analysis.md)
    assert [(e.actor, e.location) for e in clears] == [("KHM", "KHM")]
