"""Assessment rules from the second and third held-out sets: negated acts and announced plans
(same fake registry as test_assess_rules)."""

from __future__ import annotations

from datetime import date

from tests.test_assess_rules import article, ev, kinds, run
from treatywatch.model import Act, Modality, Weapon


def test_a_negated_act_yields_no_finding() -> None:
    # "having never produced landmines": nothing was done, so nothing is judged
    never = [ev(Act.PRODUCE, Modality.NEGATED, Weapon.AP_MINE, actor="USA")]
    assert run(never) == []
    done = [ev(Act.PRODUCE, Modality.OCCURRED, Weapon.AP_MINE, actor="USA")]
    assert kinds(run(done)) == {("apmbc", "USA", "non_party_act", None)}


def test_an_announced_plan_is_judged_on_the_day_it_is_announced() -> None:
    # Ukraine is a party (in the fixture) from 2006-06-01: a plan announced in 2005 to produce
    # in 2007 is a non-party's plan, whatever status the state has when the plan falls due
    plan = [
        ev(Act.PRODUCE, Modality.ANNOUNCED, Weapon.AP_MINE, actor="UKR", when=date(2007, 12, 31))
    ]
    found = run(plan, article=article(published=date(2005, 3, 1)))
    assert kinds(found) == {("apmbc", "UKR", "non_party_act", None)}
    assert found[0].judged_on == date(2005, 3, 1)
    # an act that happened is still judged on its own date
    done = [ev(Act.PRODUCE, Modality.OCCURRED, Weapon.AP_MINE, actor="UKR", when=date(2007, 5, 1))]
    found = run(done, article=article(published=date(2008, 3, 1)))
    assert kinds(found) == {("apmbc", "UKR", "prohibited_act", "1.1.b")}


def test_amputations_make_an_unstated_landmine_anti_personnel() -> None:
    text = "The army plants landmines that cause amputations among children."
    used = [ev(Act.USE, Modality.ALLEGED, Weapon.MINE, actor="KHM")]
    assert kinds(run(used, article=article(text=text))) == {
        ("apmbc", "KHM", "prohibited_act", "1.1.a")
    }
    plain = "The army plants landmines near its garrisons."
    assert run(used, article=article(text=plain)) == []


def test_a_state_that_never_joined_has_no_withdrawal_finding() -> None:
    from treatywatch.model import Treaty

    left = [ev(Act.WITHDRAW, Modality.OCCURRED, actor="RUS", treaty=Treaty.APMBC)]
    assert run(left) == []
    party = [ev(Act.WITHDRAW, Modality.ANNOUNCED, actor="FIN", treaty=Treaty.APMBC)]
    assert {f.kind.value for f in run(party)} == {"withdrawal"}
