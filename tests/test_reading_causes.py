"""Causes of misreadings found on the paraphrase groups, each checked on four or more tellings
of one fact written here (none of them is a paraphrase telling)."""

from __future__ import annotations

from datetime import date

import pytest

from treatywatch.model import Act, Article, Modality, Treaty, Weapon
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


HEADLINE_PRESENT_EXIT = [
    ("Poland exits landmine treaty", "The instrument was handed to the United Nations on Monday."),
    ("Tallinn abandons the landmine ban", "The document was delivered to the depositary."),
    ("Latvia leaves the Ottawa Convention", "Its diplomats handed over the papers on Monday."),
    ("Vilnius quits the anti-personnel mine ban", "The papers reached New York on Monday."),
    ("Kyiv suspends the landmine treaty", "The note reached the depositary on Monday."),
]


@pytest.mark.parametrize(("title", "text"), HEADLINE_PRESENT_EXIT)
def test_a_headline_exit_in_the_present_is_done(title: str, text: str) -> None:
    exits = [
        e for e in _events(title, text, date(2025, 6, 30)) if e.act in (Act.WITHDRAW, Act.SUSPEND)
    ]
    assert len(exits) == 1 and exits[0].modality == Modality.OCCURRED


HEADLINE_EXIT_DECIDED = [
    (
        "Latvia withdraws from the Ottawa Convention",
        "The government decided on Tuesday to withdraw from the treaty and will notify the UN.",
    ),
    ("Finland to leave the landmine treaty", "The cabinet will put the proposal to parliament."),
    ("Helsinki decides to quit the mine ban", "Parliament must still approve the move."),
    ("Warsaw plans exit from the Ottawa Convention", "A bill goes to parliament next week."),
]


@pytest.mark.parametrize(("title", "text"), HEADLINE_EXIT_DECIDED)
def test_a_headline_exit_only_decided_stays_announced(title: str, text: str) -> None:
    exits = [e for e in _events(title, text, date(2025, 6, 30)) if e.act == Act.WITHDRAW]
    assert len(exits) == 1 and exits[0].modality == Modality.ANNOUNCED


SUSPENSION_NOTIFIED = [
    (
        "Ukraine is suspending the landmine treaty",
        "Ukraine formally notified the UN on Friday that it is suspending the Ottawa Convention.",
    ),
    (
        "Kyiv moves to suspend mine ban",
        "The suspension of the Ottawa Convention was formally notified to the UN by Ukraine.",
    ),
    (
        "Ukraine suspending Ottawa Convention, ministry says",
        "Ukraine has formally notified the depositary that it is suspending the Ottawa Convention.",
    ),
    (
        "Ukraine to suspend mine treaty",
        "Kyiv officially informed the UN Secretary-General that it is suspending the Ottawa "
        "Convention.",
    ),
]


@pytest.mark.parametrize(("title", "text"), SUSPENSION_NOTIFIED)
def test_a_notified_suspension_outranks_the_headline_step(title: str, text: str) -> None:
    stops = [e for e in _events(title, text, date(2025, 7, 18)) if e.act == Act.SUSPEND]
    assert len(stops) == 1 and stops[0].modality == Modality.OCCURRED


JOINED_SIGNATORIES = [
    "Djibouti became the 107th signatory of the Convention on Cluster Munitions on Friday.",
    "Djibouti joined the ranks of signatories to the cluster munitions convention on Friday.",
    "Djibouti joined the list of signatories of the Convention on Cluster Munitions on Friday.",
    "Djibouti has joined the signatories of the Convention on Cluster Munitions, the UN said.",
]


@pytest.mark.parametrize("text", JOINED_SIGNATORIES)
def test_joining_the_signatories_is_a_signature(text: str) -> None:
    events = _events("", text, date(2010, 7, 30))
    assert [(e.act, e.actor, e.modality) for e in events] == [(Act.SIGN, "DJI", Modality.OCCURRED)]


HEADLINE_NO_BODY_DENIAL = [
    (
        "Thai army says it did not lay mines in Cambodia",
        "A Thai army spokesman said its soldiers had not laid any anti-personnel mines in Oddar "
        "Meanchey, responding to Phnom Penh's accusation.",
    ),
    (
        "Bangkok: our troops never planted landmines across the border",
        "Thailand denied that its troops had planted anti-personnel mines in Cambodia's Oddar "
        "Meanchey province.",
    ),
    (
        "Thailand says its soldiers placed no mines in Cambodia",
        "The Thai defence ministry rejected Cambodian claims that Thai soldiers had laid "
        "anti-personnel mines in Oddar Meanchey.",
    ),
    (
        "Thai military did not plant mines, spokesman says",
        "The Thai army dismissed the allegation that its units had planted anti-personnel mines "
        "in Oddar Meanchey province.",
    ),
]


@pytest.mark.parametrize(("title", "text"), HEADLINE_NO_BODY_DENIAL)
def test_a_headline_no_that_the_body_tells_as_a_denial_is_denied(title: str, text: str) -> None:
    uses = [e for e in _events(title, text, date(2025, 7, 18)) if e.act == Act.USE]
    assert len(uses) == 1 and uses[0].actor == "THA"
    assert uses[0].modality == Modality.DENIED


REBUTTAL = [
    "Russia's army did not fire cluster munitions at Kharkiv, a Kremlin aide said, calling the "
    "videos fake.",
    "Russian forces never used cluster bombs in Kharkiv, an official said, dismissing the images "
    "as Ukrainian propaganda.",
    "Russian troops have not dropped any cluster munitions on Kharkiv, the defence ministry said, "
    "calling the reports baseless.",
    "Dmitry Peskov, a spokesman for President Vladimir Putin, said that the Russian army had not "
    "used cluster bombs in Kharkiv, calling photographs of bomblets staged.",
]


@pytest.mark.parametrize("text", REBUTTAL)
def test_a_no_that_calls_the_evidence_false_is_a_denial(text: str) -> None:
    uses = [e for e in _events("", text, date(2024, 5, 1)) if e.act == Act.USE]
    assert len(uses) == 1 and uses[0].actor == "RUS"
    assert uses[0].modality == Modality.DENIED


def test_a_states_own_never_without_a_rebuttal_stays_negated() -> None:
    text = "Russia has never used cluster munitions in Kharkiv, the ministry said."
    uses = [e for e in _events("", text, date(2024, 5, 1)) if e.act == Act.USE]
    assert [e.modality for e in uses] == [Modality.NEGATED]


PASSIVE_ACCUSED = [
    ("Houthi fighters are accused of laying anti-personnel mines around Mokha.", "Houthis"),
    (
        "Fighters of the Houthi movement are accused of burying anti-personnel mines near Mokha, "
        "according to a rights group.",
        "Houthis",
    ),
    ("Russian troops are accused of planting anti-personnel mines in Izium.", "RUS"),
    ("Russian soldiers have been accused of laying anti-personnel mines around Izium.", "RUS"),
]


@pytest.mark.parametrize(("text", "who"), PASSIVE_ACCUSED)
def test_the_subject_of_a_passive_accusation_is_the_accused_actor(text: str, who: str) -> None:
    uses = [e for e in _events("", text, date(2022, 9, 20)) if e.act == Act.USE]
    assert len(uses) == 1 and uses[0].modality == Modality.ALLEGED
    assert who in (uses[0].actor, uses[0].actor_name)
    assert uses[0].speaker not in ("Houthis", "Russian troops", "Russian soldiers")


ONGOING_PRODUCTION = [
    "Iran's defence industry churns out anti-personnel mines for its proxies.",
    "Iran has ramped up its output of anti-personnel mines.",
    "Tehran increased production of anti-personnel mines this year.",
    "Iran produces anti-personnel mines at state factories near Isfahan.",
    "Iranian state plants are cranking out anti-personnel mines by the thousand.",
]


@pytest.mark.parametrize("text", ONGOING_PRODUCTION)
def test_production_raised_churned_out_or_in_the_present_is_ongoing(text: str) -> None:
    made = [e for e in _events("", text, date(2024, 3, 12)) if e.act == Act.PRODUCE]
    assert [(e.actor, e.modality) for e in made] == [("IRN", Modality.ONGOING)]


def test_output_of_something_else_is_no_production() -> None:
    text = "Iran's oil output fell; officials said anti-personnel mines were found near a field."
    assert not [e for e in _events("", text, date(2024, 3, 12)) if e.act == Act.PRODUCE]


APPROVED_TRANSFER = [
    "The Pentagon cleared the transfer of anti-personnel mines to Kyiv on Tuesday.",
    "A delivery of anti-personnel mines to Ukraine was cleared by Washington.",
    "Washington has cleared a shipment of anti-personnel mines for Ukraine.",
    "The United States cleared the sale of anti-personnel mines to Ukraine, officials said.",
]


@pytest.mark.parametrize("text", APPROVED_TRANSFER)
def test_clearing_a_transfer_approves_it_and_clears_no_land(text: str) -> None:
    events = _events("", text, date(2024, 11, 20))
    assert [(e.act, e.actor, e.counterpart, e.modality) for e in events] == [
        (Act.TRANSFER, "USA", "UKR", Modality.ANNOUNCED)
    ]


def test_clearing_a_minefield_stays_clearance() -> None:
    events = _events("", "Ukrainian deminers cleared the minefield near Kharkiv.", date(2024, 5, 1))
    assert [e.act for e in events] == [Act.CLEAR]


BARE_WITHDRAWAL_NOUN = [
    "Latvia's withdrawal took effect on Saturday, the ministry said, ending its membership of the "
    "Ottawa Convention.",
    "The Ottawa Convention lost a member on Saturday as Latvia's withdrawal became effective.",
    "With its withdrawal now final, Latvia is outside the Ottawa Convention.",
    "Latvia left the Ottawa Convention on Saturday, when its withdrawal took effect.",
]


@pytest.mark.parametrize("text", BARE_WITHDRAWAL_NOUN)
def test_a_bare_withdrawal_noun_is_about_the_one_treaty_its_sentence_names(text: str) -> None:
    exits = [e for e in _events("", text, date(2025, 12, 27)) if e.act == Act.WITHDRAW]
    assert [(e.actor, e.treaty, e.modality) for e in exits] == [
        ("LVA", Treaty.APMBC, Modality.OCCURRED)
    ]


CLAUSE_BELOW_A_NO = [
    "Latvia was no longer a party to the Ottawa Convention as of Saturday, when its withdrawal "
    "took effect.",
    "Latvia is not a party to the Ottawa Convention, which it left after its withdrawal took "
    "effect in December.",
    "Riga is no longer bound by the Ottawa Convention since its withdrawal took effect on "
    "Saturday.",
    "Latvia was not bound by the Ottawa Convention after its withdrawal became effective on "
    "Saturday.",
]


@pytest.mark.parametrize("text", CLAUSE_BELOW_A_NO)
def test_a_main_clause_no_does_not_negate_its_time_or_relative_clause(text: str) -> None:
    exits = [e for e in _events("", text, date(2025, 12, 27)) if e.act == Act.WITHDRAW]
    assert [(e.actor, e.modality) for e in exits] == [("LVA", Modality.OCCURRED)]


CONTINGENCY_PLACE = [
    ("If Russia attacks, Polish troops would plant anti-personnel mines on the border.", "POL"),
    ("If Minsk attacks, Vilnius would mine the border roads with anti-personnel mines.", "LTU"),
    (
        "Should Belarus attack, Lithuanian engineers would sow anti-personnel mines along the "
        "frontier.",
        "LTU",
    ),
    (
        "In the event of a Russian invasion, Estonia would lay anti-personnel mines on the roads "
        "to Narva.",
        "EST",
    ),
    (
        "Finnish troops would lay anti-personnel mines at the frontier if Russia invaded, a "
        "general said.",
        "FIN",
    ),
]


@pytest.mark.parametrize(("text", "state"), CONTINGENCY_PLACE)
def test_a_contingency_is_on_the_actors_own_ground_not_the_attackers(text: str, state: str) -> None:
    uses = [e for e in _events("", text, date(2025, 4, 10)) if e.act == Act.USE]
    assert [(e.actor, e.location, e.modality) for e in uses] == [
        (state, state, Modality.HYPOTHETICAL)
    ]


PERMITTED_HELP = [
    "Norway funded the destruction of Ukraine's anti-personnel mine stockpile.",
    "Japan assisted Cambodia in clearing anti-personnel mines from farmland.",
    "Britain financed the clearance of cluster munition remnants in Laos.",
    "Canada funded assistance to landmine victims in Colombia.",
    "The destruction of Belarus's PFM-1 anti-personnel mines was funded by the EU.",
]


@pytest.mark.parametrize("text", PERMITTED_HELP)
def test_help_with_what_the_treaty_asks_is_no_assistance(text: str) -> None:
    analysis = analyze_article(Article(title="", text=text, published=date(2016, 12, 19)))
    assert not [e for e in analysis.events if e.act == Act.ASSIST]
    assert not [f for f in analysis.findings if f.kind == "prohibited_act"]


def test_the_state_helped_to_clear_is_the_one_that_clears() -> None:
    text = "Japan assisted Cambodia in clearing anti-personnel mines from farmland."
    clears = [e for e in _events("", text) if e.act == Act.CLEAR]
    assert [(e.actor, e.location) for e in clears] == [("KHM", "KHM")]


ALLEGED_HELP = [
    "Belarusian instructors helped Russian troops lay anti-personnel mines near Kyiv, a rights "
    "group said.",
    "Belarus aided Russian forces in planting anti-personnel mines around Chernihiv, Human Rights "
    "Watch alleged.",
    "Minsk helped Moscow lay anti-personnel mines along the Kyiv road, according to a UN report.",
    "Russian troops were trained by Belarusian officers to plant anti-personnel mines, "
    "investigators said.",
]


@pytest.mark.parametrize("text", ALLEGED_HELP)
def test_help_to_lay_mines_is_an_alleged_assistance_and_the_helped_state_lays(text: str) -> None:
    analysis = analyze_article(Article(title="", text=text, published=date(2022, 5, 1)))
    got = {(e.act, e.actor, e.modality) for e in analysis.events}
    assert (Act.ASSIST, "BLR", Modality.ALLEGED) in got
    assert (Act.USE, "RUS", Modality.ALLEGED) in got
    assert not [e for e in analysis.events if e.act == Act.USE and e.actor == "BLR"]
    for f in analysis.findings:
        if f.kind == "prohibited_act":
            assert f.state == "BLR" and f.status == "needs_review"  # a weak claim is reviewed


HELP_WITHOUT_PROHIBITED_ACT = [
    "Canada helped Colombia survey land contaminated by anti-personnel mines.",
    "The United States helped Ukraine destroy its stockpile of PFM-1 anti-personnel mines.",
    "Norwegian experts trained Angolan deminers to find anti-personnel mines.",
    "Japan aided families hurt by cluster munitions in Laos.",
]


@pytest.mark.parametrize("text", HELP_WITHOUT_PROHIBITED_ACT)
def test_help_with_anything_but_a_prohibited_act_is_no_assistance(text: str) -> None:
    analysis = analyze_article(Article(title="", text=text, published=date(2022, 5, 1)))
    assert not [e for e in analysis.events if e.act == Act.ASSIST]
    assert not [f for f in analysis.findings if f.kind == "prohibited_act"]


KINDS_BY_EFFECT = [
    "The Tatmadaw keeps producing MM-2 anti-personnel blast mines at its defence plants.",
    "Myanmar's army still makes blast mines at state factories in Magway, the Monitor said.",
    "The Tatmadaw continues to manufacture anti-personnel fragmentation mines.",
    "Naypyidaw's factories keep turning out anti-personnel blast mines.",
]


@pytest.mark.parametrize("text", KINDS_BY_EFFECT)
def test_mines_named_by_how_they_kill_are_anti_personnel_mines(text: str) -> None:
    made = [e for e in _events("", text, date(2023, 11, 16)) if e.act == Act.PRODUCE]
    assert [(e.actor, e.weapon) for e in made] == [("MMR", Weapon.AP_MINE)]


HELPED_BY_NOUN = [
    "Belarus's assistance to Russian troops in laying anti-personnel mines near Kyiv was "
    "documented by investigators.",
    "Minsk's help to the Russian army in planting anti-personnel mines is described in a UN "
    "report.",
    "Investigators detailed Belarusian assistance to Russian forces in planting anti-personnel "
    "mines on roads.",
    "A report alleges Belarus's assistance to Moscow in laying anti-personnel mines.",
]


@pytest.mark.parametrize("text", HELPED_BY_NOUN)
def test_the_one_an_assistance_goes_to_is_the_one_that_acts(text: str) -> None:
    events = _events("", text, date(2022, 5, 1))
    users = {e.actor for e in events if e.act == Act.USE}
    assert users == {"RUS"}
    assert {e.actor for e in events if e.act == Act.ASSIST} <= {"BLR"}


SUPPORT_VERB_AID = [
    (
        "Minsk gave assistance to Russian forces in laying anti-personnel mines, investigators "
        "said.",
        "BLR",
        "RUS",
    ),
    (
        "The UK provided help to the Saudi-led coalition in dropping cluster bombs on Yemen, "
        "Amnesty said.",
        "GBR",
        "SAU",
    ),
    (
        "Minsk rendered assistance to Russian troops in planting anti-personnel mines, a report "
        "said.",
        "BLR",
        "RUS",
    ),
    (
        "Minsk offered assistance to the Russian army in laying anti-personnel mines, "
        "investigators alleged.",
        "BLR",
        "RUS",
    ),
]


@pytest.mark.parametrize(("text", "helper", "user"), SUPPORT_VERB_AID)
def test_giving_assistance_is_an_assistance_never_a_transfer(
    text: str, helper: str, user: str
) -> None:
    events = _events("", text, date(2022, 5, 1))
    assert not [e for e in events if e.act == Act.TRANSFER]
    assert {(e.act, e.actor) for e in events} >= {(Act.ASSIST, helper), (Act.USE, user)}
    assert not [e for e in events if e.act == Act.USE and e.actor == helper]


def test_giving_assistance_to_clear_land_is_no_assistance() -> None:
    text = "Norway provided assistance to Ukraine in clearing anti-personnel mines."
    analysis = analyze_article(Article(title="", text=text, published=date(2022, 5, 1)))
    assert not [e for e in analysis.events if e.act in (Act.ASSIST, Act.TRANSFER)]
    assert not [f for f in analysis.findings if f.kind == "prohibited_act"]


VICTIM_PARTICIPLE = [
    ("Afghan shepherd killed by landmine near Kandahar", "AFG"),
    ("Cambodian farmer wounded in landmine blast", "KHM"),
    ("Lao boy injured by cluster bomblet while tending buffalo", "LAO"),
    ("Colombian soldier killed in landmine explosion", "COL"),
]


@pytest.mark.parametrize(("title", "state"), VICTIM_PARTICIPLE)
def test_a_headline_victim_hurt_by_a_mine_is_a_casualty_in_the_victims_state(
    title: str, state: str
) -> None:
    body = "Relatives said he had gone out early. The family asked for help with the funeral."
    hurt = [e for e in _events(title, body, date(2019, 7, 10)) if e.act == Act.CASUALTY]
    assert [(e.actor, e.location) for e in hurt] == [(None, state)]


def test_mines_laid_long_ago_still_describe_no_act() -> None:
    text = "Anti-personnel mines laid during decades of war still kill farmers in Cambodia."
    assert not [e for e in _events("", text) if e.act == Act.USE]


CLEARANCE_OF_LAND = [
    "The clearance of twelve minefields outside Kandahar by HALO Trust teams was completed.",
    "Clearance of minefields outside Kandahar by a British charity ended on Tuesday.",
    "The demining of farmland outside Kandahar by aid groups was finished this spring.",
    "Deminers completed the clearance of minefields in Kandahar province on Tuesday.",
]


@pytest.mark.parametrize("text", CLEARANCE_OF_LAND)
def test_the_clearance_of_land_is_in_the_state_the_land_lies_in(text: str) -> None:
    clears = [e for e in _events("", text, date(2018, 4, 4)) if e.act == Act.CLEAR]
    assert [(e.actor, e.location) for e in clears] == [("AFG", "AFG")]


INSTRUMENT_HANDED_OVER = [
    (
        "An instrument of accession to the Ottawa Convention was lodged by Finland with the UN.",
        Act.ACCEDE,
        "FIN",
    ),
    (
        "The instrument of ratification of the Convention on Cluster Munitions was handed over by "
        "Colombia on Thursday.",
        Act.RATIFY,
        "COL",
    ),
    (
        "An instrument of accession to the Ottawa Convention was submitted by Helsinki on Monday.",
        Act.ACCEDE,
        "FIN",
    ),
    (
        "The instrument of ratification of the Ottawa Convention was deposited by Bogota in New "
        "York.",
        Act.RATIFY,
        "COL",
    ),
]


@pytest.mark.parametrize(("text", "act", "state"), INSTRUMENT_HANDED_OVER)
def test_whoever_hands_over_the_instrument_joins(text: str, act: Act, state: str) -> None:
    joins = [e for e in _events("", text, date(2012, 1, 9)) if e.act == act]
    assert [(e.actor, e.modality) for e in joins] == [(state, Modality.OCCURRED)]


MADE_IN_A_STATE = [
    ("No anti-personnel mines have ever been made in Latvia, officials said.", Modality.NEGATED),
    (
        "Not a single anti-personnel mine has been manufactured in Latvia, the ministry said.",
        Modality.NEGATED,
    ),
    ("Anti-personnel mines are still produced in Myanmar, the Monitor said.", None),
    ("Anti-personnel mines have never been produced in Latvia.", Modality.NEGATED),
]


@pytest.mark.parametrize(("text", "modality"), MADE_IN_A_STATE)
def test_what_is_made_in_a_state_is_its_production(text: str, modality: Modality | None) -> None:
    made = [e for e in _events("", text, date(2025, 3, 20)) if e.act == Act.PRODUCE]
    assert len(made) == 1 and made[0].actor in ("LVA", "MMR")
    if modality is not None:
        assert made[0].modality == modality


def test_mines_made_in_a_state_and_found_elsewhere_make_no_production() -> None:
    text = "Anti-personnel mines made in Italy were found near Basra, deminers said."
    assert not [e for e in _events("", text, date(2025, 3, 20)) if e.act == Act.PRODUCE]


HEADLINE_AGENT_NOUN = [
    ("Latvia never a producer of anti-personnel mines", Act.PRODUCE, "LVA"),
    ("Lithuania not an exporter of anti-personnel mines", Act.TRANSFER, "LTU"),
    ("Estonia never a maker of cluster munitions", Act.PRODUCE, "EST"),
    ("Finland never a manufacturer of anti-personnel mines", Act.PRODUCE, "FIN"),
]


@pytest.mark.parametrize(("title", "act", "state"), HEADLINE_AGENT_NOUN)
def test_a_headline_agent_noun_without_its_copula_names_the_actor(
    title: str, act: Act, state: str
) -> None:
    body = "The defence ministry set out the record in a reply to parliament this week."
    found = [e for e in _events(title, body, date(2025, 3, 20)) if e.act == act]
    assert [(e.actor, e.modality) for e in found] == [(state, Modality.NEGATED)]


REJECTED_ACCUSATION = [
    ("Thailand rejects Cambodian accusation over new anti-personnel mines", "THA"),
    ("Bangkok dismisses Cambodian allegations over fresh landmines on the border", "THA"),
    ("Armenia denies Azerbaijani accusations over new landmines in Lachin", "ARM"),
    ("Russia rejects cluster munition accusations over the shelling of Kharkiv", "RUS"),
]


@pytest.mark.parametrize(("title", "state"), REJECTED_ACCUSATION)
def test_who_rejects_an_accusation_about_mines_is_its_accused_user(title: str, state: str) -> None:
    body = "The row between the neighbours deepened on Friday."
    analysis = analyze_article(
        Article(title=title, text=f"{title}\n\n{body}", published=date(2025, 7, 18))
    )
    uses = [e for e in analysis.events if e.act == Act.USE]
    assert [(e.actor, e.modality) for e in uses] == [(state, Modality.DENIED)]
    for f in analysis.findings:
        if f.kind == "prohibited_act":
            assert f.status == "needs_review"  # a denied claim against a party is reviewed


OWN_LAST_MINES = [
    "Sri Lanka got rid of its last anti-personnel mines in September.",
    "Colombo destroyed its remaining anti-personnel mines in September.",
    "Sri Lanka's army blew up its final anti-personnel mines in September.",
    "Sri Lanka has eliminated its last anti-personnel mines, the ministry said.",
]


@pytest.mark.parametrize("text", OWN_LAST_MINES)
def test_a_states_own_last_mines_destroyed_are_its_stockpile(text: str) -> None:
    done = [e for e in _events("", text, date(2021, 10, 15)) if e.act == Act.DESTROY_STOCKPILE]
    assert [(e.actor, e.modality) for e in done] == [("LKA", Modality.OCCURRED)]


def test_mines_destroyed_where_they_were_found_are_no_stockpile() -> None:
    text = "Deminers destroyed the anti-personnel mines they found in fields near Jaffna."
    assert not [e for e in _events("", text, date(2021, 10, 15)) if e.act == Act.DESTROY_STOCKPILE]


BAN_ON_A_WEAPON = [
    (
        "",
        "Colombia ratified the ban on cluster munitions on Thursday.",
        Act.RATIFY,
        "COL",
        Treaty.CCM,
    ),
    (
        "Chile joins ban on anti-personnel mines",
        "The instrument reached the UN on Thursday.",
        Act.ACCEDE,
        "CHL",
        Treaty.APMBC,
    ),
    ("", "Peru signed the treaty against cluster bombs in Oslo.", Act.SIGN, "PER", Treaty.CCM),
    (
        "Ecuador ratifies ban on cluster munitions",
        "The instrument reached the UN on Thursday.",
        Act.RATIFY,
        "ECU",
        Treaty.CCM,
    ),
]


@pytest.mark.parametrize(("title", "text", "act", "state", "treaty"), BAN_ON_A_WEAPON)
def test_a_ban_on_a_weapon_is_the_treaty_of_that_weapon(
    title: str, text: str, act: Act, state: str, treaty: Treaty
) -> None:
    found = [e for e in _events(title, text, date(2015, 9, 10)) if e.act == act]
    assert [(e.actor, e.treaty) for e in found] == [(state, treaty)]


def test_supporting_a_ban_joins_nothing() -> None:
    assert _events("", "Colombia supports a ban on cluster munitions.", date(2015, 9, 10)) == []
