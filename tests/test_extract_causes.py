"""General reading rules found wanting on unseen articles, each checked on a short text written
for this test (spaCy loaded once per session by the extractor's cache)."""

from __future__ import annotations

from tests.extract_support import by_act, read_events
from treatywatch.model import Act, Modality, Weapon

_events = read_events


_by_act = by_act


def test_by_agent_of_a_nominalised_act_beats_the_protesting_state() -> None:
    body = (
        "Thailand summoned the Laotian envoy on Monday to protest the planting of landmines "
        'along the frontier. During the talks, Thai officials "voiced alarm at the reported '
        'laying down of anti-personnel mines close to the... frontier by Laotian troops," a '
        "statement from the ministry said."
    )
    uses = _by_act(_events("Thailand protests over frontier mines", body), Act.USE)
    assert [e.actor for e in uses] == ["LAO"]


def test_passive_conjunct_does_not_borrow_the_speakers_subject() -> None:
    body = (
        "Georgia showed such landmines in great numbers, and the fields, where landmines "
        "made abroad in 2021 were laid, to foreign diplomats."
    )
    events = _events("Georgia shows minefield maps", body)
    assert not [e for e in _by_act(events, Act.USE) if e.actor == "GEO"]


def test_recipient_of_a_supply_participle_is_the_subject_of_its_verb() -> None:
    body = (
        "Colombian troops have begun to use cluster bombs supplied by Brazil in the north, "
        "officials said."
    )
    transfers = _by_act(_events("Colombia fields Brazilian cluster bombs", body), Act.TRANSFER)
    assert [(e.actor, e.counterpart) for e in transfers] == [("BRA", "COL")]


def test_purpose_target_is_the_place_of_use() -> None:
    body = "Sudan used cluster bombs to attack Chad on Tuesday, border monitors found."
    uses = _by_act(_events("Sudan drops cluster bombs on Chad", body), Act.USE)
    assert [(e.actor, e.location) for e in uses] == [("SDN", "TCD")]


def test_retold_war_of_an_earlier_year_does_not_set_the_modality() -> None:
    body = (
        "Sudan used cluster bombs to attack Chad on Tuesday, a joint team of inspectors "
        "determined. Sudan dropped thousands of cluster bombs in Chad during the March-April "
        "2008 war, according to the United Nations."
    )
    uses = _by_act(_events("Sudan drops cluster bombs on Chad", body), Act.USE)
    assert len(uses) == 1 and uses[0].modality == Modality.OCCURRED


def test_no_subject_and_the_actors_own_source_make_a_denial() -> None:
    body = (
        "Thailand protested the planting of landmines along the frontier by Laotian forces. "
        "But a Laotian army source said no landmines had been planted there."
    )
    uses = _by_act(_events("Thailand protests over mines", body), Act.USE)
    assert [(e.actor, e.modality) for e in uses] == [("LAO", Modality.DENIED)]


def test_plan_told_by_the_actors_own_official_is_announced() -> None:
    body = (
        "At the time, Latvian Deputy Defence Minister Janis Berzins said the government "
        "expected to spend millions on new equipment. He noted that plans envisaged the "
        "acquisition of thousands of anti-personnel mines."
    )
    events = _by_act(_events("Latvia plans mine purchases", body), Act.ACQUIRE)
    assert [(e.actor, e.modality) for e in events] == [("LVA", Modality.ANNOUNCED)]
    assert events[0].weapon == Weapon.AP_MINE


def test_neither_confirmed_nor_denied_is_no_denial() -> None:
    body = (
        "Photos seen by reporters suggest Sudan has used cluster bombs in Chad. The Sudanese "
        "army neither confirmed nor denied its use of cluster munitions."
    )
    uses = _by_act(_events("Photos suggest Sudan used cluster bombs", body), Act.USE)
    assert [(e.actor, e.modality) for e in uses] == [("SDN", Modality.ALLEGED)]


def test_a_history_with_a_weapon_is_no_stockpile() -> None:
    body = (
        "Sudan has used cluster bombs in Chad, monitors found. Chad in particular has a "
        "painful history with cluster munitions."
    )
    events = _events("Sudan drops cluster bombs on Chad", body)
    assert not _by_act(events, Act.STOCKPILE)
    held = _events("Chad holds bombs", "Chad still has 3,000 cluster munitions in its depots.")
    assert [(e.actor, e.act) for e in held] == [("TCD", Act.STOCKPILE)]


def test_headline_perfect_yields_to_a_body_that_tells_of_a_vote() -> None:
    body = (
        "Estonia has withdrawn from the Ottawa Convention\n"
        "The Estonian parliament approved the country's withdrawal from the Ottawa Convention "
        "on Thursday. The withdrawal will take effect six months after the notice."
    )
    title = "Estonia has withdrawn from the Ottawa Convention"
    events = _by_act(_events(title, body), Act.WITHDRAW)
    assert [(e.actor, e.modality) for e in events] == [("EST", Modality.ANNOUNCED)]
    done = _events(
        "Estonia completes withdrawal from Ottawa Convention",
        "Estonia formally completed its withdrawal from the Ottawa Convention on Friday, "
        "six months after it notified the UN Secretary-General.",
    )
    assert [e.modality for e in _by_act(done, Act.WITHDRAW)] == [Modality.OCCURRED]


def test_a_groups_own_landmine_that_strikes_is_its_use() -> None:
    body = (
        "Two farmers were tending goats near Kidal when an al-Shabaab landmine tore through "
        "their cart on Monday. Officials said the militants had mined the roads."
    )
    uses = _by_act(_events("al-Shabaab landmines leave trail of fear in Somalia", body), Act.USE)
    assert [e.actor_name for e in uses] == ["al-Shabaab"]
    origin = _events(
        "Colombia fields US cluster bombs",
        "Colombian troops fired US cluster munitions at the camp, officials said.",
    )
    assert "USA" not in {e.actor for e in _by_act(origin, Act.USE)}
    kept = _events("Somalia's mines", "Somalia's landmines remain in army depots near Mogadishu.")
    assert not _by_act(kept, Act.USE)


def test_set_by_agent_is_laying_and_the_list_head_gives_the_weapon() -> None:
    body = (
        '"An anti-tank landmine set earlier by the Houthi militia struck an army truck," the '
        "spokesman said. Hundreds of landmines and many kinds of improvised explosive devices "
        "(IEDs) had been laid by the Houthi militia near the town, he claimed."
    )
    uses = _by_act(_events("Soldiers killed in Yemen landmine blast", body), Act.USE)
    assert [(e.actor_name, e.weapon) for e in uses] == [("Houthis", Weapon.AV_MINE)]


def test_such_mines_take_the_type_named_before() -> None:
    body = (
        "Latvia's defence ministry said it would buy anti-personnel mines next year. Latvia and "
        "Estonia are planning to launch the production of such mines in 2026. Both already "
        "hold anti-tank mines."
    )
    produce = _by_act(_events("Baltic states plan mine production", body), Act.PRODUCE)
    assert {(e.actor, e.weapon) for e in produce} == {
        ("LVA", Weapon.AP_MINE),
        ("EST", Weapon.AP_MINE),
    }


def test_white_house_speaker_and_supplier_not_the_place_of_use() -> None:
    body = (
        "White House says Colombia using US cluster munitions in the north\n"
        "Colombian troops have begun to use cluster bombs supplied by the United States, "
        "officials said."
    )
    events = _events("White House says Colombia using US cluster munitions in the north", body)
    use = _by_act(events, Act.USE)
    assert [e.location for e in use] == ["COL"]
    assert use[0].speaker == "White House"


def test_accusation_against_a_state_over_landmines_alleges_its_use() -> None:
    body = "Georgia renewed accusations against Russia over landmines near the boundary line."
    uses = _by_act(
        _events("Georgia renews accusations against Russia over landmines", body), Act.USE
    )
    assert [(e.actor, e.modality, e.speaker) for e in uses] == [
        ("RUS", Modality.ALLEGED, "Georgia")
    ]


def test_a_denial_noun_denies() -> None:
    body = (
        "Thailand accused Laos of laying new landmines on the frontier. Laos issued a firm "
        "denial of laying any mines there."
    )
    uses = _by_act(_events("Laos denies laying mines", body), Act.USE)
    assert [(e.actor, e.modality) for e in uses] == [("LAO", Modality.DENIED)]


def test_casualty_nouns_with_their_cause_are_casualties() -> None:
    body = (
        "Casualties from landmines rose sharply in Laos this month, officials said. A "
        "deminers' group records civilian casualties almost daily from mine explosions in Laos."
    )
    events = _by_act(_events("Mine casualties rise in Laos", body), Act.CASUALTY)
    assert [(e.location, e.weapon) for e in events] == [("LAO", Weapon.MINE)]


def test_lead_after_a_repeated_headline_names_the_acting_forces() -> None:
    title = "sudanese government shelling kills 9 in darfur town"
    body = (
        f"{title}\n"
        "Shelling by Sudanese government forces on Monday killed nine civilians in a Darfur "
        "town, local activists reported.\n"
        "Rescue teams told reporters that widely banned cluster bombs were used in the shelling."
    )
    uses = _by_act(_events(title, body), Act.USE)
    assert [(e.actor, e.weapon) for e in uses] == [("SDN", Weapon.CLUSTER_MUNITION)]


def test_a_place_given_once_holds_for_the_same_act_elsewhere() -> None:
    body = (
        "Sudan's army fired cluster munitions at a market in Chad on Sunday, Chadian officials "
        "said. Khartoum denied that its troops had used cluster munitions."
    )
    uses = _by_act(_events("Sudan denies using cluster munitions", body), Act.USE)
    assert [(e.actor, e.location, e.modality) for e in uses] == [("SDN", "TCD", Modality.DENIED)]


def test_clearance_with_a_place_and_no_named_actor_is_kept() -> None:
    body = (
        "The national mine action centre said on Monday its teams had cleared more than 2,000 "
        "anti-personnel mines in Laos in the first half of the year."
    )
    clear = _by_act(_events("Deminers clear 2,000 mines", body), Act.CLEAR)
    assert [(e.location, e.modality) for e in clear] == [("LAO", Modality.OCCURRED)]


def test_neither_nor_subjects_negate_joining() -> None:
    body = "Neither Armenia nor Azerbaijan has joined the Convention on Cluster Munitions."
    assert not _events("Caucasus and the cluster ban", body)


def test_plans_to_send_mines_are_no_stockpile() -> None:
    body = "Seoul said on Monday it had no plans to send anti-personnel mines to Ukraine."
    events = _events("Seoul rules out sending mines", body)
    assert not _by_act(events, Act.STOCKPILE)


def test_headline_to_give_y_z_is_a_plan_by_the_stray_subject() -> None:
    title = "Japan to give Ukraine anti-personnel mines, officials say"
    body = f"{title}\nThe decision was taken on Monday, two officials said."
    transfers = _by_act(_events(title, body), Act.TRANSFER)
    assert [(e.actor, e.counterpart, e.modality) for e in transfers] == [
        ("JPN", "UKR", Modality.ANNOUNCED)
    ]


def test_any_use_that_would_violate_is_hypothetical() -> None:
    body = (
        "Any use of anti-personnel mines by Finland would violate its obligations under the "
        "Ottawa treaty, campaigners said."
    )
    assert not _by_act(_events("Campaigners warn Finland", body), Act.USE)


def test_headline_to_start_doing_is_a_plan() -> None:
    events = _events(
        "Estonia to start producing anti-personnel mines",
        "Officials gave no date.",
    )
    assert [(e.act, e.modality) for e in events] == [(Act.PRODUCE, Modality.ANNOUNCED)]


def test_notice_deposited_outranks_the_earlier_decision() -> None:
    body = (
        "Estonia's parliament approved the country's withdrawal from the Ottawa Convention in "
        "May. On Friday the government formally notified the UN Secretary-General of its "
        "withdrawal from the Ottawa Convention."
    )
    events = _by_act(_events("Estonia and the mine ban", body), Act.WITHDRAW)
    assert [(e.actor, e.modality) for e in events] == [("EST", Modality.OCCURRED)]


def test_a_groups_mining_campaign_is_its_use() -> None:
    body = (
        "The ELN has terrorised villagers through its indiscriminate mining campaign, the "
        "ombudsman said. Landmines killed four farmers in Colombia this month."
    )
    uses = _by_act(_events("Landmines kill farmers in Colombia", body), Act.USE)
    assert [(e.actor_name, e.location) for e in uses] == [("ELN", "COL")]
    assert not _events("Miners rally", "A bitcoin mining campaign drew crowds in Texas.")


def test_dropping_mines_is_use_and_falling_mine_deaths_are_not() -> None:
    body = (
        'Russian forces dropped PFM-1 "butterfly" mines over districts of Kharkiv overnight, '
        "Ukraine's interior ministry said. Moscow has repeatedly denied using banned weapons."
    )
    uses = _by_act(_events("Mines over Kharkiv", body), Act.USE)
    assert [(e.actor, e.location, e.modality) for e in uses] == [("RUS", "UKR", Modality.ALLEGED)]
    fell = _events("Mine toll falls", "Landmine deaths dropped sharply in Angola last month.")
    assert not _by_act(fell, Act.USE)
