"""The treaty packs say what the treaties say: dates, Art. 1, deadlines, withdrawal, scope."""

from __future__ import annotations

import json
from datetime import date

import pytest

from treatywatch.errors import UnknownTreaty
from treatywatch.model import Act, Weapon
from treatywatch.treaties import pack, parse_treaty


def test_apmbc_dates_and_entry_into_force_rule():
    p = pack("apmbc")
    assert (p.opened_for_signature, p.entry_into_force) == (date(1997, 12, 3), date(1999, 3, 1))
    assert (p.entry_into_force_rule.article, p.entry_into_force_rule.instruments) == ("17", 40)
    assert "Ottawa Convention" in p.short_names


def test_ccm_dates_and_entry_into_force_rule():
    p = pack("ccm")
    assert (p.opened_for_signature, p.entry_into_force) == (date(2008, 12, 3), date(2010, 8, 1))
    assert p.entry_into_force_rule.instruments == 30


@pytest.mark.parametrize("treaty", ["apmbc", "ccm"])
@pytest.mark.parametrize(
    ("act", "article"),
    [(Act.USE, "1.1.a"), (Act.DEVELOP, "1.1.b"), (Act.PRODUCE, "1.1.b"), (Act.ACQUIRE, "1.1.b"),
     (Act.STOCKPILE, "1.1.b"), (Act.RETAIN, "1.1.b"), (Act.TRANSFER, "1.1.b"),
     (Act.ASSIST, "1.1.c")],
)
def test_article_1_prohibitions(treaty, act, article):
    assert pack(treaty).prohibition(act).article == article


@pytest.mark.parametrize("act", [Act.CLEAR, Act.DESTROY_STOCKPILE, Act.CASUALTY, Act.SIGN])
def test_what_is_not_prohibited(act):
    assert pack("apmbc").prohibition(act) is None


def test_weapons_in_scope():
    apmbc, ccm = pack("apmbc"), pack("ccm")
    assert apmbc.in_scope(Weapon.AP_MINE) == "yes"
    assert apmbc.in_scope("improvised_mine") == "yes"
    assert apmbc.in_scope("mine") == "possibly"
    assert apmbc.in_scope("av_mine") is None and apmbc.in_scope("cluster_munition") is None
    assert ccm.in_scope("cluster_munition") == "yes" and ccm.in_scope("ap_mine") is None


@pytest.mark.parametrize(
    ("treaty", "article", "years", "extendable"),
    [("apmbc", "4", 4, False), ("apmbc", "5", 10, True), ("ccm", "3", 8, True),
     ("ccm", "4", 10, True)],
)
def test_deadline_rules(treaty, article, years, extendable):
    rule = pack(treaty).deadline_rule(article)
    assert (rule.years_after_eif, rule.extendable, rule.tracked) == (years, extendable, True)


def test_reports_rule_is_in_the_pack_but_not_tracked():
    rule = pack("apmbc").deadline_rule("7")
    assert (rule.initial_report_days, rule.annual_report_by, rule.tracked) == (180, "04-30", False)


@pytest.mark.parametrize("treaty", ["apmbc", "ccm"])
def test_withdrawal_rule(treaty):
    rule = pack(treaty).withdrawal
    assert (rule.article, rule.notice_months, rule.armed_conflict_article) == ("20", 6, "20.3")


def test_pack_is_json_ready():
    data = json.loads(json.dumps(pack("apmbc").to_dict()))
    assert data["entry_into_force"] == "1999-03-01"
    assert data["prohibited_acts"][1]["acts"][0] == "develop"


def test_unknown_treaty():
    assert parse_treaty(" CCM ") == "ccm"
    with pytest.raises(UnknownTreaty, match="choose one of: apmbc, ccm"):
        pack("ottawa")
