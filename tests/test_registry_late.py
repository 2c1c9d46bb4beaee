"""Deadlines kept late (`completed_late`), and successions bound from the succession.

A deadline completed after it passed is `missed` on every day from the deadline to the
completion and `completed late` from then on, with the deadline, the completion and how late.
Where only the day completion was declared is recorded (an upper bound), lateness is claimed
only when a source shows the work still not done after the deadline.
"""

from __future__ import annotations

import json
import sys
from datetime import date

import pytest

from tests.registry_fixtures import MEMBERSHIP, OBLIGATIONS, fixture_registry
from treatywatch.cli import main
from treatywatch.model import DeadlineState
from treatywatch.treaties import RegistryDataError, deadlines_on, load_registry, status_on
from treatywatch.treaties.loader import DATA_DIR

D = date.fromisoformat


def one(reg, iso3: str, article: str, on: str):
    found = [d for d in deadlines_on("apmbc", D(on), iso3, registry=reg) if d.article == article]
    assert len(found) == 1
    return found[0]


def with_rows(tmp_path, rows: str, header_extra: str = ""):
    header = OBLIGATIONS.splitlines()[0] + header_extra
    return fixture_registry(tmp_path, apmbc_obligations=header + "\n" + rows)


# --- constructed cases -----------------------------------------------------------------------


def test_completed_after_the_deadline_is_missed_then_completed_late(tmp_path):
    # UKR in force 2006-06-01: Art. 4 deadline 2010-06-01; done 2012-09-15; no source dated
    reg = with_rows(tmp_path, "UKR,4,,2012-09-15,fixture,,")
    assert one(reg, "UKR", "4", "2010-06-01").state is DeadlineState.RUNNING
    between = one(reg, "UKR", "4", "2011-01-01")
    assert between.state is DeadlineState.MISSED  # the completion's day shows it was open
    late = one(reg, "UKR", "4", "2012-09-15")
    assert late.state is DeadlineState.COMPLETED_LATE
    assert late.days_late == (D("2012-09-15") - D("2010-06-01")).days == 837
    assert late.note == ("completed late: deadline 2010-06-01, completed 2012-09-15, "
                         "2 years 3 months late")


def test_completed_within_an_extension_is_met(tmp_path):
    # ZAF: original 2009-04-01, extended (9MSP, granted 2008-11-28) to 2014-04-01, then 2020
    reg = with_rows(tmp_path, "ZAF,5,,2013-01-10,fixture,,")
    d = one(reg, "ZAF", "5", "2015-01-01")
    assert d.state is DeadlineState.MET and d.days_late is None and d.note == ""


def test_art_5_completed_after_its_last_extension_is_completed_late(tmp_path):
    # ZAF Art. 5: extended to 2014-04-01 (9MSP) and 2020-04-01 (12MSP); done 2020-06-30
    reg = with_rows(tmp_path, "ZAF,5,,2020-06-30,fixture,,")
    assert one(reg, "ZAF", "5", "2020-05-01").state is DeadlineState.MISSED
    d = one(reg, "ZAF", "5", "2021-01-01")
    assert (d.state, d.current_deadline, d.days_late) == (DeadlineState.COMPLETED_LATE,
                                                          D("2020-04-01"), 90)
    assert len(d.extensions) == 2


def test_a_declared_completion_after_the_deadline_is_not_called_late(tmp_path):
    reg = with_rows(tmp_path, "UKR,4,,2012-09-15,fixture,,,declared,",
                    ",completed_basis,still_open_on")
    d = one(reg, "UKR", "4", "2013-01-01")
    assert d.state is DeadlineState.MET
    assert "whether it was late is not known" in d.note
    # before the declaration nothing says the work was still open after the deadline
    assert one(reg, "UKR", "4", "2011-01-01").state is DeadlineState.UNCONFIRMED


def test_a_declared_completion_with_a_later_open_report_is_completed_late(tmp_path):
    reg = with_rows(tmp_path, "UKR,4,,2012-09-15,fixture,,,declared,2011-03-01",
                    ",completed_basis,still_open_on")
    d = one(reg, "UKR", "4", "2013-01-01")
    assert d.state is DeadlineState.COMPLETED_LATE
    assert d.note == ("completed late: deadline 2010-06-01; still not done on 2011-03-01; "
                      "completion declared 2012-09-15: between 9 months and 2 years 3 months "
                      "late")
    assert one(reg, "UKR", "4", "2011-01-01").state is DeadlineState.MISSED


def test_a_month_completion_is_late_only_when_the_whole_month_is(tmp_path):
    reg = with_rows(tmp_path, "UKR,4,,2010-06,fixture,,")  # June 2010: deadline is 1 June
    assert one(reg, "UKR", "4", "2011-01-01").state is DeadlineState.MET
    reg = with_rows(tmp_path / "b", "UKR,4,,2010-07,fixture,,")
    d = one(reg, "UKR", "4", "2011-01-01")
    assert d.state is DeadlineState.COMPLETED_LATE and d.days_late is None
    assert d.note.endswith("completion at the latest 2010-07-31: about 1 month late")


@pytest.mark.parametrize("row, message", [
    ("UKR,4,,2012-09-15,fixture,,,finished,", "completed_basis 'finished' is not empty"),
    ("UKR,4,,,fixture,,,declared,", "completed_basis is given but completed_date is empty"),
    ("UKR,4,,2012-09-15,fixture,,,declared,2013-01-01", "still_open_on '2013-01-01' is not "
     "before completed_date"),
])
def test_bad_completion_columns_are_refused(tmp_path, row, message):
    with pytest.raises(RegistryDataError, match=message):
        with_rows(tmp_path, row, ",completed_basis,still_open_on")


def test_succession_after_its_notification_is_refused(tmp_path):
    rows = MEMBERSHIP.replace("MNE,Montenegro,,2006-10-23,succession,2006-06-03",
                              "MNE,Montenegro,,2006-10-23,succession,2007-04-01")
    with pytest.raises(RegistryDataError, match=r"eif_date '2007-04-01' is after the "
                       r"notification of succession \(2006-10-23\)"):
        fixture_registry(tmp_path, apmbc_membership=rows)


# --- the real cases --------------------------------------------------------------------------


def real(iso3: str, article: str, on: str, treaty: str = "apmbc"):
    found = [d for d in deadlines_on(treaty, D(on), iso3, registry=load_registry(DATA_DIR))
             if d.article == article]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("on, state", [
    ("2008-03-01", "running"), ("2008-03-02", "missed"), ("2012-06-01", "missed"),
    ("2017-04-04", "missed"), ("2017-04-05", "completed_late"), ("2024-11-28", "completed_late"),
])
def test_belarus_art_4_on_every_side_of_its_deadline_and_completion(on, state):
    assert real("BLR", "4", on).state.value == state


def test_belarus_art_4_through_the_command(capsys, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["treatywatch", "deadlines", "--treaty", "apmbc", "--on",
                                      "2024-11-28", "--state", "BLR", "--json"])
    main()
    [blr] = json.loads(capsys.readouterr().out)
    assert (blr["state"], blr["current_deadline"], blr["completed_date"], blr["days_late"]) == (
        "completed_late", "2008-03-01", "2017-04-05", 3322)
    assert blr["note"] == ("completed late: deadline 2008-03-01, completed 2017-04-05, "
                           "9 years 1 month late")


def test_turkey_art_4_declared_in_2011_after_a_2008_report_of_the_miss():
    d = real("TUR", "4", "2024-11-28")
    assert d.state is DeadlineState.COMPLETED_LATE
    assert "still not done on 2008-04-02" in d.note and "declared 2011-12-01" in d.note


def test_a_declaration_after_the_deadline_is_not_called_late():
    # Mozambique announced completion on 17 Sep 2015, after its 1 Jan 2015 deadline; the day
    # it was done is not recorded. (Jordan, the former case, is now known to have finished by
    # 24 April 2012, within its 9MSP extension: tests/test_registry_extensions_2009.py.)
    d = real("MOZ", "5", "2024-11-28")
    assert d.state is DeadlineState.MET and "not known" in d.note


def test_ccm_guinea_bissau_art_3_cleared_up_three_years_late():
    # Monitor 2019: 1 May 2019 deadline missed; May 2022: it holds no cluster munitions
    d = real("GNB", "3", "2024-01-01", "ccm")
    assert d.state is DeadlineState.COMPLETED_LATE and d.current_deadline == D("2019-05-01")
    assert d.note.endswith("completion at the latest 2022-05-31: about 3 years late")
    assert real("GNB", "3", "2021-01-01", "ccm").state is DeadlineState.MISSED


def test_montenegro_is_bound_from_its_succession():
    # UNTC: notification of succession 23 Oct 2006 ('d'); bound from independence, 3 June 2006
    s = status_on("MNE", "apmbc", D("2006-06-03"))
    assert s.label == "party" and s.in_force_since == D("2006-06-03")
    assert s.notes[0].startswith("bound from its succession on 2006-06-03: the notification of "
                                 "succession, deposited later (2006-10-23)")
    assert status_on("MNE", "apmbc", D("2006-06-02")).label == "not party"
    later = status_on("MNE", "apmbc", D("2007-01-01"))
    assert any("bound from the date of succession, 2006-06-03" in n for n in later.notes)


def test_south_sudan_is_bound_from_its_independence():
    assert status_on("SSD", "apmbc", D("2011-07-09")).in_force_since == D("2011-07-09")
    assert status_on("SSD", "apmbc", D("2011-07-08")).label == "not party"
