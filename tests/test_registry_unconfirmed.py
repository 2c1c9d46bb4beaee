"""A passed deadline is `missed` only when a source dated on or after it still records no
completion and no later extension; otherwise `unconfirmed` (a later decision may exist).

Constructed cases on the fixture registry, then the real data on 2026-11-29.
"""

from __future__ import annotations

import csv
import io
import sys
from datetime import date

import pytest

from tests.registry_fixtures import OBLIGATIONS, fixture_registry, write_fixture
from treatywatch.cli import main
from treatywatch.model import DeadlineState
from treatywatch.treaties import deadlines_on, load_registry, rules

D = date.fromisoformat
TODAY_IN_DOCS = "2026-11-29"  # the day docs/registry.md lists


@pytest.fixture(scope="module")
def reg(tmp_path_factory):
    return fixture_registry(tmp_path_factory.mktemp("registry"))


def one(reg, iso3: str, article: str, on: str, treaty: str = "apmbc"):
    found = [d for d in deadlines_on(treaty, D(on), iso3, registry=reg) if d.article == article]
    assert found, f"no Art. {article} deadline for {iso3} on {on}"
    return found[0]


# --- constructed cases -----------------------------------------------------------------------


def test_deadline_passed_after_the_last_source_is_unconfirmed(reg):
    d = one(reg, "MNE", "5", "2017-01-01")  # in force 2006-06-03: deadline 2016-06-03
    assert d.current_deadline == D("2016-06-03") and d.known_through == D("2012-01-01")
    assert d.state is DeadlineState.UNCONFIRMED
    assert "2012-01-01" in d.note and "later extension or completion may exist" in d.note
    assert one(reg, "MNE", "5", "2016-06-03").state is DeadlineState.RUNNING


def test_no_dated_source_counts_as_unknown(reg):
    d = one(reg, "IRL", "5", "2010-01-01")
    assert (d.known_through, d.state) == (None, DeadlineState.UNCONFIRMED)
    assert "undated" in d.note


def test_source_dated_after_the_deadline_makes_it_missed(reg):
    d = one(reg, "UKR", "4", "2010-06-02")
    assert (d.known_through, d.state) == (D("2025-12-02"), DeadlineState.MISSED)


def test_source_dated_on_the_deadline_day_is_enough(tmp_path):
    rows = OBLIGATIONS.replace("MNE,5,,,fixture,2012-01-01,", "MNE,5,,,fixture,2016-06-03,")
    reg = load_registry(write_fixture(tmp_path, apmbc_obligations=rows))
    assert one(reg, "MNE", "5", "2017-01-01").state is DeadlineState.MISSED


def test_a_dated_extension_row_counts_towards_known_through(tmp_path):
    extensions = (
        "iso3,article,new_deadline,granted_by,granted_date,source,source_date\n"
        "MNE,5,2018-06-03,constructed,,fixture ext,2019-01-01\n"
    )
    reg = load_registry(write_fixture(tmp_path, apmbc_extensions=extensions))
    d = one(reg, "MNE", "5", "2019-01-02")
    assert (d.current_deadline, d.known_through) == (D("2018-06-03"), D("2019-01-01"))
    assert d.state is DeadlineState.MISSED
    later = one(reg, "MNE", "5", "2026-01-01")  # no source after 2019: still missed
    assert later.state is DeadlineState.MISSED


def test_several_source_dates_in_one_cell_use_the_latest(tmp_path):
    rows = OBLIGATIONS.replace("MNE,5,,,fixture,2012-01-01,",
                               "MNE,5,,,a;b;c,2012-01-01;;2017-05-05,")
    reg = load_registry(write_fixture(tmp_path, apmbc_obligations=rows))
    d = one(reg, "MNE", "5", "2017-01-01")
    assert (d.known_through, d.state) == (D("2017-05-05"), DeadlineState.MISSED)


def test_extension_granted_without_a_recorded_date_keeps_it_running(tmp_path):
    rows = OBLIGATIONS.replace("MNE,5,,,fixture,2012-01-01,", "MNE,5,,,fixture,2020-01-01,")
    extensions = (
        "iso3,article,new_deadline,granted_by,granted_date,source,source_date\n"
        "MNE,5,,15MSP,,fixture ext,\n"
    )
    reg = load_registry(write_fixture(tmp_path, apmbc_obligations=rows,
                                      apmbc_extensions=extensions))
    d = one(reg, "MNE", "5", "2017-01-01")
    assert d.state is DeadlineState.RUNNING and "not recorded" in d.note


def test_completion_wins_over_both(reg):
    assert one(reg, "FIN", "4", "2016-01-01").state is DeadlineState.MET


# --- the command -----------------------------------------------------------------------------


def run_cli(capsys, monkeypatch, reg, *args: str) -> list[dict[str, str]]:
    monkeypatch.setattr(rules, "default_registry", lambda: reg)
    monkeypatch.setattr(sys, "argv", ["treatywatch", *args, "--csv"])
    try:
        main()
    except SystemExit as exc:
        assert not exc.code
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def test_cli_lists_unconfirmed_apart_from_missed(capsys, monkeypatch, reg):
    common = ("deadlines", "--treaty", "apmbc", "--on", "2017-01-01")
    missed = run_cli(capsys, monkeypatch, reg, *common, "--missed")
    assert [(r["iso3"], r["article"]) for r in missed] == [("UKR", "4"), ("UKR", "5")]
    unconfirmed = run_cli(capsys, monkeypatch, reg, *common, "--unconfirmed")
    assert [(r["iso3"], r["state"]) for r in unconfirmed] == [
        ("IRL", "unconfirmed"), ("MNE", "unconfirmed")]
    assert unconfirmed[1]["known_through"] == "2012-01-01" and unconfirmed[1]["note"]
    every = run_cli(capsys, monkeypatch, reg, *common)
    assert {r["state"] for r in every} >= {"missed", "unconfirmed", "met"}


# --- the real data ---------------------------------------------------------------------------


def real(iso3: str, article: str, on: str, treaty: str = "apmbc"):
    return one(None, iso3, article, on, treaty)


@pytest.mark.parametrize("iso3", ["UKR", "GRC"])
def test_ukraine_and_greece_art_4_missed_in_2026(iso3):
    d = real(iso3, "4", TODAY_IN_DOCS)
    assert d.state is DeadlineState.MISSED
    assert d.known_through >= D("2025-12-01")  # the 22MSP joint statement (2 December 2025)


def test_belarus_art_4_missed_in_2010_and_completed_late_today():
    assert real("BLR", "4", "2010-01-01").state is DeadlineState.MISSED
    now = real("BLR", "4", date.today().isoformat())
    assert now.state is DeadlineState.COMPLETED_LATE
    assert now.completed_date == D("2017-04-05") > now.current_deadline


@pytest.mark.parametrize("iso3", ["ARG", "COL", "TUR", "ZWE"])
def test_art_5_deadlines_without_a_later_source_are_not_missed(iso3):
    d = real(iso3, "5", TODAY_IN_DOCS)
    supported = d.known_through is not None and d.known_through >= d.current_deadline
    assert d.state is not DeadlineState.MISSED or supported
    if not supported and d.state is not DeadlineState.MET:
        assert d.state in (DeadlineState.UNCONFIRMED, DeadlineState.RUNNING)


@pytest.mark.parametrize("treaty", ["apmbc", "ccm"])
def test_every_missed_deadline_rests_on_a_source_dated_after_it(treaty):
    for day in ("2010-01-01", "2024-11-28", TODAY_IN_DOCS):
        for d in deadlines_on(treaty, D(day)):
            if d.state is DeadlineState.MISSED:
                assert d.known_through and d.known_through >= d.current_deadline, d
            if d.state is DeadlineState.UNCONFIRMED:
                assert d.current_deadline < D(day) and d.completed_date is None, d


# --- the dashboard ---------------------------------------------------------------------------


def test_dashboard_shows_unconfirmed_apart_from_missed(client):  # noqa: F811
    body = client.get("/api/v1/deadlines", params={"treaty": "apmbc",
                                                   "on": TODAY_IN_DOCS}).json()
    missed = {(d["iso3"], d["article"]) for d in body["missed"]}
    unconfirmed = {(d["iso3"], d["article"]) for d in body["unconfirmed"]}
    assert {("UKR", "4"), ("GRC", "4")} <= missed
    assert not missed & unconfirmed
    for d in body["missed"]:
        assert d["known_through"] >= d["current_deadline"]
    page = client.get("/deadlines", params={"treaty": "apmbc", "on": TODAY_IN_DOCS},
                      headers={"accept": "text/html"}).text
    assert "Passed after our latest source" in page
    assert page.count('deadline-state unconfirmed">unconfirmed') == len(unconfirmed)


# --- article analysis ------------------------------------------------------------------------


def kinds_for_stockpile_article(actor: str, act, modality, day: str) -> set[str]:
    from treatywatch.assess import assess
    from treatywatch.model import Article, Event, Evidence, Weapon

    event = Event(act, modality, Weapon.AP_MINE, actor=actor, location=actor, when=D(day),
                  evidence=[Evidence("x", 0, 1)])
    return {f.kind.value for f in assess(Article(title="t", text="x"), [event])}


def test_unconfirmed_deadline_is_never_a_finding_but_missed_is():
    from treatywatch.model import Act, Modality

    assert real("COL", "5", TODAY_IN_DOCS).state is DeadlineState.UNCONFIRMED
    colombia = kinds_for_stockpile_article("COL", Act.CLEAR, Modality.NEGATED, TODAY_IN_DOCS)
    assert "deadline_missed" not in colombia
    ukraine = kinds_for_stockpile_article("UKR", Act.DESTROY_STOCKPILE, Modality.NEGATED,
                                          TODAY_IN_DOCS)
    assert "deadline_missed" in ukraine
