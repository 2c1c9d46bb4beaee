"""APMBC Art. 5 deadlines that first fell in 2009-2011, on the real data.

The first Art. 5 deadlines (ten years after entry into force) fell in 2009. The 9MSP (Geneva,
24-28 November 2008), the Second Review Conference (Cartagena, 30 November-4 December 2009),
the 10MSP (2010) and the 11MSP (2011) granted the first extensions; before these rows were
recorded, Jordan, Uganda and Niger showed Art. 5 `missed` from 2009. Sources: the rows of
`apmbc_extensions.csv` and `apmbc_obligations.csv`, and docs/data/apmbc-obligations.md
("Check of 7 December 2026").
"""

from __future__ import annotations

from datetime import date

import pytest

from treatywatch.model import DeadlineState
from treatywatch.treaties import deadlines_on

D = date.fromisoformat


def art5(iso3: str, on: str):
    found = [d for d in deadlines_on("apmbc", D(on), iso3) if d.article == "5"]
    assert len(found) == 1, f"{iso3} on {on}: {found}"
    return found[0]


def granted_by(d) -> list[str]:
    return [e.granted_by for e in d.extensions]


# --- Jordan: 9MSP to 1 May 2012, completion announced 24 April 2012 --------------------------


def test_jordan_running_on_its_9msp_extension():
    d = art5("JOR", "2010-06-01")
    assert d.state is DeadlineState.RUNNING
    assert d.current_deadline == D("2012-05-01")
    assert granted_by(d) == ["9MSP"]


def test_jordan_not_missed_the_day_after_its_original_deadline():
    d = art5("JOR", "2009-05-02")
    assert d.state is DeadlineState.RUNNING and d.current_deadline == D("2012-05-01")


def test_jordan_met_within_the_extension():
    for day in ("2012-04-24", "2012-06-01", "2024-11-28"):
        d = art5("JOR", day)
        assert d.state is DeadlineState.MET, day
        assert d.completed_date == D("2012-04-24") and d.note == ""


# --- Uganda: 2RC to 1 August 2012; still open 10 August 2012; cleared November 2012 ----------


def test_uganda_running_on_its_cartagena_extension():
    d = art5("UGA", "2010-06-01")
    assert d.state is DeadlineState.RUNNING
    assert d.current_deadline == D("2012-08-01")
    assert granted_by(d) == ["2RC"]


def test_uganda_not_missed_in_2011():
    assert art5("UGA", "2011-01-01").state is DeadlineState.RUNNING


def test_uganda_missed_its_extended_deadline_then_completed_late():
    assert art5("UGA", "2012-08-01").state is DeadlineState.RUNNING  # the day itself
    between = art5("UGA", "2012-09-01")
    assert between.state is DeadlineState.MISSED  # ISU: not done on 10 August 2012
    late = art5("UGA", "2024-11-28")
    assert late.state is DeadlineState.COMPLETED_LATE
    assert late.completed_date == D("2012-11-30")  # "November 2012": the latest day of it
    assert "still not done on 2012-08-10" in late.note
    assert late.days_late is None  # the day in November is not known


# --- Niger: 13MSP to 31 December 2015, then 14MSP, 15MSP, 18MSP, 5RC -------------------------


def test_niger_not_missed_from_2009():
    for day in ("2009-09-02", "2011-01-01", "2014-06-01"):
        d = art5("NER", day)
        assert d.state is DeadlineState.RUNNING, day
        assert d.current_deadline == D("2015-12-31"), day


def test_niger_extensions_in_order():
    d = art5("NER", "2026-11-29")
    assert d.state is DeadlineState.RUNNING and d.current_deadline == D("2029-12-31")
    assert granted_by(d) == ["13MSP", "14MSP", "15MSP", "18MSP", "5RC"]


# --- Congo: request after its 1 November 2011 deadline; 11MSP to 1 January 2013 --------------


def test_congo_running_on_its_11msp_extension_and_met():
    d = art5("COG", "2012-06-01")
    assert d.state is DeadlineState.RUNNING and d.current_deadline == D("2013-01-01")
    assert granted_by(d) == ["11MSP"]
    done = art5("COG", "2013-06-01")
    assert done.state is DeadlineState.MET and done.note == ""


# --- Denmark and Guinea-Bissau: finished within their 10MSP extensions -----------------------


def test_denmark_met_1_july_2012():
    assert art5("DNK", "2012-06-01").state is DeadlineState.RUNNING
    for day in ("2012-07-15", "2012-11-01", "2024-11-28"):
        d = art5("DNK", day)
        assert d.state is DeadlineState.MET, day
        assert d.current_deadline == D("2012-07-01") and d.completed_date == D("2012-06-30")


def test_guinea_bissau_met_1_january_2012():
    for day in ("2012-03-01", "2012-11-01", "2024-11-28"):
        d = art5("GNB", day)
        assert d.state is DeadlineState.MET, day
        assert d.current_deadline == D("2012-01-01") and d.note == ""


# --- Chad and Zimbabwe: the 9MSP interim grants to 1 January 2011 ----------------------------


@pytest.mark.parametrize("iso3", ["TCD", "ZWE"])
def test_9msp_interim_grant_to_1_january_2011(iso3):
    d = art5(iso3, "2010-06-01")
    assert d.state is DeadlineState.RUNNING
    assert d.current_deadline == D("2011-01-01") and granted_by(d) == ["9MSP"]
    later = art5(iso3, "2012-06-01")
    assert later.state is DeadlineState.RUNNING and granted_by(later)[:2] == ["9MSP", "10MSP"]


def test_chad_no_longer_running_on_an_undated_grant():
    # the 9MSP row had no new deadline and kept Chad `running` for ever; Chad's last recorded
    # deadline is 1 January 2025 (Mine Action Review) and our latest dated source is of 2019
    d = art5("TCD", "2026-11-29")
    assert d.state is DeadlineState.UNCONFIRMED and d.current_deadline == D("2025-01-01")
