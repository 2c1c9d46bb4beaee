"""Causes of invented acts, each checked on several tellings of one fact (written here).

Permission, ability, a negated plan and a condition's premise are no acts; an accusation puts
the act on the accused, in the place the sentence names; a town places an act in its state.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.extract_support import read_events
from treatywatch.model import Act, Article, Modality
from treatywatch.pipeline import analyze_article

PUB = date(2025, 4, 10)


def _analysis(text: str, published: date | None = PUB):
    return analyze_article(Article(title="", text=text, published=published))


PERMISSION = [
    "Quitting the Ottawa Convention would allow Latvia to produce anti-personnel mines.",
    "After leaving the treaty Latvia would be permitted to stockpile anti-personnel mines.",
    "An exit from the mine ban would let Riga import anti-personnel mines, a lawyer said.",
    "Withdrawal would give the Latvian army the legal right to acquire anti-personnel mines.",
    "Outside the convention Latvia would be free to manufacture anti-personnel mines.",
    "Leaving the ban opens the way for Latvia to buy anti-personnel mines from allies.",
    "Latvia's withdrawal from the treaty would enable its industry to make anti-personnel mines.",
    "Latvia could legally produce anti-personnel mines once outside the treaty.",
]


@pytest.mark.parametrize("text", PERMISSION)
def test_permission_or_ability_is_no_act(text: str) -> None:
    analysis = _analysis(text)
    acts = [e for e in analysis.events if e.act not in (Act.WITHDRAW, Act.SUSPEND)]
    assert acts == []
    assert not [f for f in analysis.findings if f.kind == "prohibited_act"]


NO_PLANS = [
    "Estonia has no immediate plans to produce anti-personnel mines, officials said.",
    "Tallinn does not intend to stockpile anti-personnel mines, the minister said.",
    "There is no plan for the Estonian army to acquire anti-personnel mines, a spokesman said.",
    "Estonia's defence forces see no need to use anti-personnel mines, their commander said.",
]


@pytest.mark.parametrize("text", NO_PLANS)
def test_a_negated_plan_is_no_event(text: str) -> None:
    analysis = _analysis(text)
    assert analysis.events == []
    assert analysis.findings == []


CONTINGENCY = [
    "Lithuania could lay anti-personnel mines along its border with Belarus if it were attacked.",
    "Lithuanian troops would plant anti-personnel mines on the frontier should Russia invade, "
    "a minister said.",
    "The border could be sown with anti-personnel mines by the Lithuanian army in the event of "
    "an invasion, officials said.",
    "In case of war, the Lithuanian army would lay anti-personnel mines on the border.",
]


@pytest.mark.parametrize("text", CONTINGENCY)
def test_a_contingency_is_hypothetical_and_judged_by_no_rule(text: str) -> None:
    analysis = _analysis(text)
    uses = [e for e in analysis.events if e.act == Act.USE]
    assert all(e.modality == Modality.HYPOTHETICAL for e in uses)
    assert all(e.actor in (None, "LTU") for e in uses)
    assert analysis.findings == []


ACCUSED = [
    "Azerbaijan accused Armenia of laying anti-personnel mines in the Kalbajar district.",
    "Baku said Armenian troops had planted anti-personnel mines near Kalbajar.",
    "Anti-personnel mines were laid by Armenian units in Kalbajar, Azerbaijan claimed.",
    "Azerbaijan condemned Armenia's planting of anti-personnel mines near Kalbajar.",
]


@pytest.mark.parametrize("text", ACCUSED)
def test_an_accusation_is_the_accused_s_use_where_the_sentence_puts_it(text: str) -> None:
    events = read_events("", text, PUB)
    uses = [e for e in events if e.act == Act.USE]
    assert [(e.actor, e.location) for e in uses] == [("ARM", "AZE")]
    assert uses[0].modality == Modality.ALLEGED


TOWN = [
    "Russian forces scattered anti-personnel mines across fields north of Kharkiv.",
    "Anti-personnel mines were laid by Russian troops around Kupiansk.",
    "Moscow's army sowed anti-personnel mines on the roads out of Vovchansk.",
    "The Russian army fired cluster munitions at Kharkiv.",
]


@pytest.mark.parametrize("text", TOWN)
def test_a_town_places_the_act_in_its_state_not_the_attacker_s(text: str) -> None:
    events = read_events("", text, PUB)
    uses = [e for e in events if e.act == Act.USE]
    assert [(e.actor, e.location) for e in uses] == [("RUS", "UKR")]


def test_a_town_alone_names_no_actor() -> None:
    events = read_events("", "The army hit Kharkiv with cluster munitions.", PUB)
    assert all(e.actor != "UKR" for e in events)


NEVER = [
    ("Estonia has never produced anti-personnel mines, the defence ministry said.", "EST"),
    ("Not a single anti-personnel mine has ever been made by Latvia, officials said.", "LVA"),
    (
        "There has never been any production of anti-personnel mines by Estonia, "
        "its ministry said.",
        "EST",
    ),
    (
        "Tallinn has never manufactured anti-personnel mines, the Estonian minister "
        "told reporters.",
        "EST",
    ),
]


@pytest.mark.parametrize(("text", "state"), NEVER)
def test_a_state_s_own_never_is_a_negation_not_a_denial(text: str, state: str) -> None:
    analysis = _analysis(text)
    produced = [e for e in analysis.events if e.act == Act.PRODUCE]
    assert [(e.actor, e.modality) for e in produced] in ([], [(state, Modality.NEGATED)])
    assert analysis.findings == []


def test_a_negation_beside_an_allegation_is_a_denial() -> None:
    body = (
        "Thailand accused Cambodia of laying new anti-personnel mines on the border. "
        "Cambodia has never laid any new mines, its defence ministry said."
    )
    uses = [e for e in read_events("", body, PUB) if e.act == Act.USE]
    assert [(e.actor, e.modality) for e in uses] == [("KHM", Modality.DENIED)]


REBELS = [
    "Colombian rebels planted landmines around Toribio on Tuesday.",
    "Landmines were planted around Toribio by Colombian guerrillas on Tuesday.",
    "Colombian insurgents laid landmines along the trails near Toribio.",
    "Rebels of the FARC planted landmines near Toribio, Colombian officials said.",
]


@pytest.mark.parametrize("text", REBELS)
def test_a_country_s_rebels_are_no_act_of_its_state(text: str) -> None:
    analysis = _analysis(text)
    uses = [e for e in analysis.events if e.act == Act.USE]
    assert uses and all(e.actor is None for e in uses)
    # an armed group's use is recorded for information on the state (non_state_use), never
    # as that state's act
    assert all(f.kind == "non_state_use" for f in analysis.findings)


def test_giving_access_or_a_right_is_no_transfer() -> None:
    for text in (
        "Withdrawal would give the Estonian army access to anti-personnel mines.",
        "Leaving the treaty gives Latvia the right to acquire anti-personnel mines.",
    ):
        assert _analysis(text).events == []


LED = [
    "The Saudi-led coalition dropped cluster munitions on Saada.",
    "Cluster munitions were dropped on Saada by the Saudi-led coalition.",
    "The Saudi-led coalition's use of cluster munitions in Saada was documented by researchers.",
    "British help for the Saudi-led coalition's use of cluster munitions in Yemen was described.",
]


@pytest.mark.parametrize("text", LED)
def test_a_coalition_led_by_a_state_is_that_state_not_a_helper(text: str) -> None:
    uses = [e for e in read_events("", text, date(2016, 12, 19)) if e.act == Act.USE]
    assert [(e.actor, e.location) for e in uses] == [("SAU", "YEM")]


DESTROYED = [
    "Ukraine's last PFM-1 mines were destroyed by the army in October.",
    "The army destroyed Ukraine's last PFM-1 mines in October.",
    "Ukraine's remaining PFM-1 stockpile was destroyed at a plant in Pavlohrad.",
]


@pytest.mark.parametrize("text", DESTROYED)
def test_a_destroyed_mine_is_no_use_by_its_owner(text: str) -> None:
    analysis = _analysis(text, date(2020, 1, 10))
    assert not [e for e in analysis.events if e.act == Act.USE]
    assert not [f for f in analysis.findings if f.kind == "prohibited_act"]


CLAIMS = [
    "Cambodia's mine authority denied Thailand's allegations of new landmine use.",
    "Phnom Penh rejected Thailand's claims of Cambodian mine-laying on the border.",
    "The Cambodian government dismissed Bangkok's accusations that its troops laid new landmines.",
    "Cambodia denied claims by Thailand's foreign ministry accusing it of laying new landmines.",
]


@pytest.mark.parametrize("text", CLAIMS)
def test_the_one_who_alleges_is_never_the_user(text: str) -> None:
    analysis = _analysis(text, date(2025, 8, 9))
    assert all(e.actor != "THA" for e in analysis.events)
    assert not [f for f in analysis.findings if f.state == "THA"]


DATELINES = [
    "VIENTIANE, Laos—The United States will begin to send anti-personnel mines to Ukraine.",
    "KYIV, Ukraine (AP) — The Biden administration said that it will give Ukraine "
    "anti-personnel mines.",
    "BANGKOK — Washington will supply anti-personnel mines to Ukraine, officials said.",
]


@pytest.mark.parametrize("text", DATELINES)
def test_a_dateline_is_where_the_reporter_is_not_who_acts(text: str) -> None:
    transfers = [e for e in read_events("", text, date(2024, 11, 20)) if e.act == Act.TRANSFER]
    assert [(e.actor, e.counterpart) for e in transfers] == [("USA", "UKR")]


DELIVERED = [
    "The United States has delivered cluster munitions to Ukraine, the first shipment of the "
    "weapons to the country.",
    "Cluster munitions supplied by the United States were delivered to Ukrainian forces this "
    "week, Pentagon officials confirmed.",
    "The delivery of American cluster munitions to Ukraine was completed on Thursday.",
    "Washington shipped its first batch of cluster shells to Ukraine.",
]


@pytest.mark.parametrize("text", DELIVERED)
def test_a_completed_delivery_is_one_transfer_that_occurred(text: str) -> None:
    transfers = [e for e in read_events("", text, date(2023, 7, 13)) if e.act == Act.TRANSFER]
    assert [(e.actor, e.counterpart, e.modality) for e in transfers] == [
        ("USA", "UKR", Modality.OCCURRED)
    ]


def test_clearing_a_shipment_or_handing_back_land_is_neither_clearance_nor_transfer() -> None:
    body = (
        "Deminers removed the landmines from twelve fields near Herat, in Afghanistan, and "
        "handed the land back to villagers. Washington clears shipment of mines for Ukraine."
    )
    events = read_events("", body, date(2018, 4, 4))
    # the land handed back is no transfer; the cleared shipment is an approved (announced)
    # transfer, no clearance (tests/test_reading_causes.py)
    assert [(e.act, e.actor, e.counterpart, e.modality) for e in events] == [
        (Act.CLEAR, "AFG", None, Modality.OCCURRED),
        (Act.TRANSFER, "USA", "UKR", Modality.ANNOUNCED),
    ]


WITHDRAWN = [
    "Lithuania's withdrawal from the Convention on Cluster Munitions took effect on Thursday.",
    "Lithuania's notice of withdrawal from the Convention on Cluster Munitions was handed to "
    "the UN Secretary-General on Thursday.",
    "Vilnius's withdrawal from the Convention on Cluster Munitions was formally lodged with "
    "the United Nations on Thursday.",
    "Lithuania notified the United Nations of its withdrawal from the Convention on Cluster "
    "Munitions on Thursday.",
]


@pytest.mark.parametrize("text", WITHDRAWN)
def test_a_withdrawal_notified_or_in_effect_occurred(text: str) -> None:
    events = read_events("", text, date(2025, 3, 6))
    withdrawals = [e for e in events if e.act == Act.WITHDRAW]
    assert [(e.actor, e.modality) for e in withdrawals] == [("LTU", Modality.OCCURRED)]


def test_a_withdrawal_to_take_effect_is_announced() -> None:
    text = "Lithuania's withdrawal from the Convention on Cluster Munitions will take effect soon."
    withdrawals = [e for e in read_events("", text, date(2025, 3, 6)) if e.act == Act.WITHDRAW]
    assert [e.modality for e in withdrawals] == [Modality.ANNOUNCED]


HELPED = [
    "Russian advisers have helped Myanmar's armed forces plant anti-personnel mines around "
    "villages in Sagaing region, a report said.",
    "Myanmar troops laid anti-personnel mines around villages in Sagaing with Russian help, "
    "a report said.",
    "The junta's soldiers planted anti-personnel mines near Sagaing villages, guided by "
    "Russian instructors, a report said.",
]


@pytest.mark.parametrize("text", HELPED)
def test_a_helper_s_country_is_not_where_the_mines_were_laid(text: str) -> None:
    uses = [e for e in read_events("", text, date(2024, 5, 2)) if e.act == Act.USE]
    assert uses and all(e.location == "MMR" for e in uses)
    assert all(e.actor != "RUS" or e.location != "RUS" for e in uses)


REFUSED = [
    "Greece has refused to sign the Convention on Cluster Munitions, officials said.",
    "The Convention on Cluster Munitions has still not been signed by Greece.",
    "Athens has ruled out its signature of the Convention on Cluster Munitions for now.",
    "Greece's defence minister said that the country would not sign the Convention on Cluster "
    "Munitions.",
]


@pytest.mark.parametrize("text", REFUSED)
def test_a_refusal_to_sign_is_a_negated_signature(text: str) -> None:
    analysis = _analysis(text, date(2018, 5, 30))
    assert [(e.act, e.actor, e.modality) for e in analysis.events] == [
        (Act.SIGN, "GRC", Modality.NEGATED)
    ]
    assert analysis.findings == []


def test_a_status_in_passing_is_no_event() -> None:
    for text in (
        "Greece has not signed the Convention on Cluster Munitions.",
        "Neither Armenia nor Azerbaijan has joined the Convention on Cluster Munitions.",
    ):
        assert _analysis(text, date(2018, 5, 30)).events == []


def test_a_learned_classifier_plugs_into_the_one_modality_decision() -> None:
    from treatywatch.extract import modality

    text = "Russian forces laid anti-personnel mines near Kharkiv."
    seen = []

    def classifier(sentence, act, ruled):
        seen.append((sentence, act, ruled))
        return Modality.ALLEGED

    modality.set_classifier(classifier)
    try:
        uses = [e for e in read_events("", text, PUB) if e.act == Act.USE]
    finally:
        modality.set_classifier(None)
    assert [e.modality for e in uses] == [Modality.ALLEGED]
    assert seen and seen[0][2] == Modality.OCCURRED
    assert [e.modality for e in read_events("", text, PUB)] == [Modality.OCCURRED]


ONGOING = [
    ("Russia is producing POM-3 anti-personnel mines in greater numbers.", Modality.ONGOING),
    (
        "POM-3 anti-personnel mines are being manufactured by Russian state factories this year.",
        Modality.ONGOING,
    ),
    ("The Kremlin's manufacture of anti-personnel mines has expanded sharply.", Modality.ONGOING),
    ("Russia continues to make POM-3 anti-personnel mines at its state plants.", Modality.ONGOING),
    # a third party's report of production is an allegation (docs/analysis.md)
    (
        "Russia's production of anti-personnel mines has not stopped, the Monitor's researchers "
        "wrote.",
        Modality.ALLEGED,
    ),
]


@pytest.mark.parametrize(("text", "modality"), ONGOING)
def test_production_that_goes_on_is_ongoing(text: str, modality: Modality) -> None:
    made = [e for e in read_events("", text, date(2024, 3, 12)) if e.act == Act.PRODUCE]
    assert [(e.actor, e.modality) for e in made] == [("RUS", modality)]


def test_the_article_s_facts_are_computed_once_and_immutable() -> None:
    import dataclasses

    from treatywatch.extract.actors import ArticleContext

    title = "Russia lays mines near Kharkiv"
    text = "KYIV — Russian forces laid anti-personnel mines near Kharkiv, Ukraine said."
    ctx = ArticleContext.build(title, text, PUB)
    assert ctx.facts.state_counts.get("RUS") and ctx.facts.place_counts.get("UKR")
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.facts.treaty = "ccm"  # type: ignore[misc]
    with pytest.raises(TypeError):
        ctx.facts.state_counts["RUS"] = 0  # type: ignore[index]
    with pytest.raises(AttributeError):
        ctx.treaty = "ccm"  # type: ignore[misc]


ONE_INCIDENT = [
    "Thai soldiers stepped on a landmine while patrolling. On August 22, three mines were "
    "thrown across the wire into Thailand.",
    "Thai troops were wounded by a landmine. Two anti-personnel mines were planted along "
    "the patrol route last week.",
    "Thai soldiers lost their legs to mines. New anti-personnel mines were found buried "
    "near the temple.",
]


@pytest.mark.parametrize("text", ONE_INCIDENT)
def test_one_agentless_incident_is_not_the_victims_army_s_use(text: str) -> None:
    analysis = _analysis(text, date(2025, 8, 28))
    assert all(e.actor != "THA" for e in analysis.events if e.act == Act.USE)
    assert not [f for f in analysis.findings if f.state == "THA"]


@pytest.mark.parametrize(
    "text",
    [
        "Baku said it had evidence of more than 1,000 recently laid anti-personnel mines.",
        "Kyiv has footage of Russian anti-personnel mines being laid near Kupiansk.",
        "Seoul has information about North Korean anti-personnel mines along the border.",
    ],
)
def test_having_evidence_of_mines_is_no_stockpile(text: str) -> None:
    events = read_events("", text, date(2022, 8, 15))
    assert not [e for e in events if e.act == Act.STOCKPILE]


@pytest.mark.parametrize(
    "text",
    [
        "Finland's accession to the Mine Ban Convention ends its long holdout.",
        "Finland's accession to the Mine Ban Convention was formalised on Monday.",
        "Finland lodged its instrument of accession to the Mine Ban Convention on Monday.",
        "Finland acceded to the Mine Ban Convention on Monday.",
    ],
)
def test_an_accession_told_four_ways(text: str) -> None:
    joins = [e for e in read_events("", text, date(2012, 1, 9)) if e.act == Act.ACCEDE]
    assert [(e.actor, e.modality) for e in joins] == [("FIN", Modality.OCCURRED)]


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        (
            "Ukraine formally informed the UN on Friday that it is suspending the Ottawa "
            "Convention.",
            Modality.OCCURRED,
        ),
        (
            "The Ottawa Convention has been suspended by Ukraine, which lodged a notification "
            "with the depositary on Friday.",
            Modality.OCCURRED,
        ),
        ("Ukraine's parliament voted to suspend the Ottawa Convention.", Modality.ANNOUNCED),
        (
            "A suspension of Ukraine's participation in the Mine Ban Convention was approved "
            "by the Verkhovna Rada.",
            Modality.ANNOUNCED,
        ),
    ],
)
def test_a_suspension_is_done_when_notified(text: str, modality: Modality) -> None:
    events = [e for e in read_events("", text, date(2025, 7, 18)) if e.act == Act.SUSPEND]
    assert [(e.actor, e.modality) for e in events] == [("UKR", modality)]


@pytest.mark.parametrize(
    "text",
    [
        "Seoul keeps mine-laying in the DMZ as a wartime option.",
        "The laying of anti-personnel mines in the DMZ by South Korean forces would be ordered "
        "only should the North invade, officials said.",
        "South Korea could lay anti-personnel mines in the DMZ if the North attacked.",
        "In case of war, South Korean troops would plant anti-personnel mines in the DMZ.",
    ],
)
def test_a_wartime_option_is_a_hypothetical_use_and_no_stock(text: str) -> None:
    analysis = _analysis(text, date(2024, 6, 20))
    assert not [e for e in analysis.events if e.act == Act.STOCKPILE]
    uses = [e for e in analysis.events if e.act == Act.USE]
    assert [(e.actor, e.modality) for e in uses] == [("KOR", Modality.HYPOTHETICAL)]
    assert analysis.findings == []


@pytest.mark.parametrize(
    "text",
    [
        "Mauritania signed the Convention on Cluster Munitions on Monday.",
        "Mauritania inked the Convention on Cluster Munitions on Monday.",
        "Nouakchott's signature of the Convention on Cluster Munitions came on Monday.",
        "The Convention on Cluster Munitions was signed by Mauritania on Monday.",
    ],
)
def test_a_signature_told_four_ways(text: str) -> None:
    signs = [e for e in read_events("", text, date(2010, 4, 19)) if e.act == Act.SIGN]
    assert [(e.actor, e.modality) for e in signs] == [("MRT", Modality.OCCURRED)]


def test_a_headline_verb_parsed_as_a_compound_still_takes_its_treaty() -> None:
    title = "Poland ratifies treaty banning anti-personnel mines"
    body = f"{title}\n\nThe instrument was handed to the UN on Thursday."
    events = read_events(title, body, date(2012, 12, 27))
    assert [(e.act, e.actor) for e in events] == [(Act.RATIFY, "POL")]


@pytest.mark.parametrize(
    "text",
    [
        "Damascus's use of cluster bombs near Aleppo was documented by Human Rights Watch.",
        "Human Rights Watch documented Syria's use of cluster bombs near Aleppo.",
        "Syrian forces used cluster bombs near Aleppo, Human Rights Watch said.",
        "According to Human Rights Watch, Syria dropped cluster bombs near Aleppo.",
    ],
)
def test_a_third_party_s_account_is_an_allegation(text: str) -> None:
    uses = [e for e in read_events("", text, date(2016, 2, 10)) if e.act == Act.USE]
    assert [(e.actor, e.modality) for e in uses] == [("SYR", Modality.ALLEGED)]


@pytest.mark.parametrize(
    "text",
    [
        "Seoul blamed Pyongyang for the anti-personnel mines found near Paju.",
        "South Korea accused North Korea of planting anti-personnel mines near Paju.",
        "Anti-personnel mines near Paju were planted by North Korean troops, Seoul said.",
        "Seoul condemned North Korea's planting of anti-personnel mines near Paju.",
    ],
)
def test_an_accusation_told_four_ways_is_the_accused_s_use_in_the_accuser_s_land(text) -> None:
    analysis = _analysis(text, date(2015, 8, 10))
    uses = [e for e in analysis.events if e.act == Act.USE]
    assert [(e.actor, e.location, e.modality) for e in uses] == [("PRK", "KOR", Modality.ALLEGED)]
    assert not [f for f in analysis.findings if f.state == "KOR"]


@pytest.mark.parametrize(
    "text",
    [
        "A Cambodian army spokesman said its troops had not placed any anti-personnel mines in "
        "Ubon Ratchathani, responding to Bangkok's accusation.",
        "Cambodia denied laying anti-personnel mines in Ubon Ratchathani.",
        "Phnom Penh rejected claims that Cambodian troops laid anti-personnel mines in Ubon "
        "Ratchathani.",
        "Cambodia dismissed as baseless the Thai allegation that its soldiers planted "
        "anti-personnel mines in Ubon Ratchathani.",
    ],
)
def test_a_no_that_answers_an_accusation_is_a_denial(text: str) -> None:
    uses = [e for e in read_events("", text, date(2025, 7, 18)) if e.act == Act.USE]
    assert [(e.actor, e.location, e.modality) for e in uses] == [("KHM", "THA", Modality.DENIED)]
