"""The registry's rules (Art. 17 entry into force, Art. 20 withdrawal, deadlines, counts) on a
small made-up registry, so that each rule is tested apart from the real data."""

from __future__ import annotations

from datetime import date

import pytest

from tests.registry_fixtures import fixture_registry
from treatywatch.model import DeadlineState, StatusKind
from treatywatch.treaties import (
    counts_on,
    deadlines_on,
    parties,
    status_on,
    threshold_deposit,
    timeline,
)
from treatywatch.treaties.dates import add_months, first_of_month_after


@pytest.fixture(scope="module")
def reg(tmp_path_factory):
    return fixture_registry(tmp_path_factory.mktemp("registry"))


def label(reg, iso3: str, on: str) -> str:
    return status_on(iso3, "apmbc", date.fromisoformat(on), registry=reg).label


# --- dates -----------------------------------------------------------------------------------


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(date(2025, 6, 27), 6) == date(2025, 12, 27)
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)


def test_first_of_the_sixth_month_after_deposit():
    assert first_of_month_after(date(2005, 12, 27), 6) == date(2006, 6, 1)
    assert first_of_month_after(date(1998, 9, 16), 6) == date(1999, 3, 1)


# --- entry into force (Art. 17) --------------------------------------------------------------


def test_threshold_is_the_date_of_the_last_instrument_needed(reg):
    assert threshold_deposit("apmbc", registry=reg) == date(1998, 9, 16)


@pytest.mark.parametrize("iso3", ["CAN", "IRL", "BFA", "MEX"])
def test_states_among_the_first_instruments_get_the_treatys_own_date(reg, iso3):
    assert timeline(iso3, "apmbc", registry=reg).eif_date == date(1999, 3, 1)


@pytest.mark.parametrize(
    ("iso3", "eif"),
    [("ZAF", "1999-04-01"), ("UKR", "2006-06-01"), ("FIN", "2012-07-01"), ("MHL", "2025-09-01")],
)
def test_later_joiners_first_day_of_sixth_month_after_deposit(reg, iso3, eif):
    assert timeline(iso3, "apmbc", registry=reg).eif_date == date.fromisoformat(eif)


def test_succession_takes_the_stated_date(reg):
    assert timeline("MNE", "apmbc", registry=reg).eif_date == date(2006, 6, 3)


def test_parties_table_carries_computed_dates(reg):
    rows = {m.iso3: m for m in parties("apmbc", registry=reg)}
    assert rows["IRL"].eif_date == date(1999, 3, 1)  # empty in the data, computed here
    assert rows["FIN"].withdrawal_effective_date == date(2026, 1, 10)
    assert rows["RUS"].withdrawal_effective_date is None  # suspended, conflict goes on


# --- status on a day -------------------------------------------------------------------------


def test_signatory_then_not_party_before_signing(reg):
    assert label(reg, "POL", "1997-12-03") == "not party"
    assert label(reg, "POL", "1997-12-04") == "signatory"


def test_joined_but_not_yet_in_force(reg):
    assert label(reg, "MHL", "2025-03-11") == "signatory"
    assert label(reg, "MHL", "2025-03-12") == "joined (in force from 2025-09-01)"
    assert label(reg, "MHL", "2025-08-31") == "joined (in force from 2025-09-01)"
    assert label(reg, "MHL", "2025-09-01") == "party"


def test_party_status_carries_the_dates_behind_it(reg):
    status = status_on("Ukraine", "apmbc", date(2024, 11, 28), registry=reg)
    assert (status.status, status.in_force_since) == (StatusKind.PARTY, date(2006, 6, 1))
    assert status.consent_date == date(2005, 12, 27)
    assert status.bound


def test_declaration_adds_a_note_never_a_status(reg):
    status = status_on("UKR", "apmbc", date(2025, 8, 1), registry=reg)
    assert status.label == "party"
    assert any("suspends" in note for note in status.notes)


def test_undated_declaration_shows_from_its_sources_date(reg):
    assert not any("objects" in n for n in status_on("UKR", "apmbc", date(2025, 12, 4),
                                                      registry=reg).notes)
    notes = status_on("UKR", "apmbc", date(2025, 12, 5), registry=reg).notes
    assert "by 2025-12-05 objection: a state objects to the suspension (no change of status)" \
        in notes


def test_withdrawal_pending_the_day_before_effect_withdrawn_on_the_day(reg):
    assert label(reg, "FIN", "2025-07-09") == "party"
    assert label(reg, "FIN", "2025-07-10") == "party (withdrawal pending)"
    assert label(reg, "FIN", "2026-01-09") == "party (withdrawal pending)"
    assert label(reg, "FIN", "2026-01-10") == "withdrawn"
    assert not status_on("FIN", "apmbc", date(2026, 1, 10), registry=reg).bound


def test_art_20_3_armed_conflict_suspends_withdrawal_until_it_ends(reg):
    # notice 2020-03-10, six months end 2020-09-10, while a conflict runs until 2020-11-10
    assert label(reg, "ARM", "2020-09-09") == "party (withdrawal pending)"
    assert label(reg, "ARM", "2020-09-10") == "party (withdrawal suspended: armed conflict)"
    assert label(reg, "ARM", "2020-11-09") == "party (withdrawal suspended: armed conflict)"
    assert label(reg, "ARM", "2020-11-10") == "withdrawn"
    status = status_on("ARM", "apmbc", date(2020, 10, 1), registry=reg)
    assert status.bound and status.withdrawal_effective_date == date(2020, 11, 10)
    assert any("Art. 20(3)" in note for note in status.notes)


def test_art_20_3_ongoing_conflict_keeps_the_state_bound(reg):
    status = status_on("RUS", "apmbc", date(2030, 1, 1), registry=reg)
    assert status.status is StatusKind.WITHDRAWAL_SUSPENDED
    assert status.withdrawal_effective_date is None
    assert status.bound


def test_art_20_3_overlapping_conflicts_hold_the_withdrawal_until_the_last_ends(reg):
    assert timeline("GEO", "apmbc", registry=reg).withdrawal_effective_date == date(2019, 8, 15)
    assert label(reg, "GEO", "2019-05-01") == "party (withdrawal suspended: armed conflict)"
    assert label(reg, "GEO", "2019-08-15") == "withdrawn"


def test_state_never_in_the_treaty_is_not_party(reg):
    status = status_on("United States", "apmbc", date(2024, 11, 28), registry=reg)
    assert (status.iso3, status.label) == ("USA", "not party")


# --- deadlines -------------------------------------------------------------------------------


def one(reg, iso3, article, on):
    found = [d for d in deadlines_on("apmbc", date.fromisoformat(on), iso3, registry=reg)
             if d.article == article]
    return found[0] if found else None


def test_art_4_deadline_four_years_after_entry_into_force(reg):
    d = one(reg, "UKR", "4", "2010-06-01")
    assert (d.original_deadline, d.state) == (date(2010, 6, 1), DeadlineState.RUNNING)
    assert one(reg, "UKR", "4", "2010-06-02").state is DeadlineState.MISSED


def test_no_deadline_before_the_treaty_binds_the_state(reg):
    assert one(reg, "UKR", "4", "2006-05-31") is None


def test_completed_deadline_is_met(reg):
    assert one(reg, "FIN", "4", "2016-01-01").state is DeadlineState.MET
    assert one(reg, "FIN", "4", "2015-08-14").state is DeadlineState.RUNNING


def test_withdrawn_state_has_no_deadlines(reg):
    assert one(reg, "FIN", "4", "2026-01-10") is None


def test_extensions_apply_in_order_dated_from_grant_undated_once_needed(reg):
    before = one(reg, "ZAF", "5", "2008-01-01")
    assert before.current_deadline == date(2009, 4, 1) and not before.extensions
    first = one(reg, "ZAF", "5", "2014-04-01")
    assert first.current_deadline == date(2014, 4, 1) and first.state is DeadlineState.RUNNING
    second = one(reg, "ZAF", "5", "2014-04-02")
    assert second.current_deadline == date(2020, 4, 1)
    assert [e.granted_by for e in second.extensions] == ["9MSP", "12MSP"]
    assert one(reg, "ZAF", "5", "2019-06-01").state is DeadlineState.MET


def test_stated_original_deadline_wins_over_computed(reg):
    assert one(reg, "UKR", "5", "2016-06-02").original_deadline == date(2016, 6, 1)
    assert one(reg, "UKR", "5", "2016-06-02").state is DeadlineState.MISSED


# --- counts ----------------------------------------------------------------------------------


def test_counts_on_a_day(reg):
    c = counts_on("apmbc", date(1999, 3, 1), registry=reg)
    assert (c.states_parties, c.joined_not_in_force) == (4, 1)  # ZAF joins 1999-04-01
    assert c.signatories == 3  # UKR, POL and MHL had signed only


def test_counts_follow_withdrawals(reg):
    before = counts_on("apmbc", date(2026, 1, 9), registry=reg)
    after = counts_on("apmbc", date(2026, 1, 10), registry=reg)
    assert after.states_parties == before.states_parties - 1
    assert (before.withdrawn, after.withdrawn) == (2, 3)  # ARM and GEO, then FIN
    assert after.withdrawal_pending == 0
    assert counts_on("apmbc", date(2026, 1, 15), registry=reg).withdrawal_pending == 1  # RUS
