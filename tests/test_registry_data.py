"""The real registry data (src/treatywatch/treaties/data) read by the real rules.

Real cases: early and late joiners, the 2025 withdrawals on the day before and the day they take
effect, Ukraine still bound after its declared "suspension", missed and completed Art. 4
deadlines, and counts of States Parties where a source states one.
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, timedelta

import pytest

from treatywatch.cli import main
from treatywatch.model import DeadlineState, StatusKind, Treaty
from treatywatch.treaties import (
    counts_on,
    deadlines_on,
    default_registry,
    memberships,
    pack,
    status_on,
    threshold_deposit,
    timeline,
)
from treatywatch.treaties.dates import first_of_month_after
from treatywatch.treaties.loader import DATA_DIR

D = date.fromisoformat


@pytest.fixture(scope="module")
def reg():
    return default_registry()  # raises, naming file and line, if any row does not parse


def needs(reg, treaty: Treaty):
    if not reg.memberships.get(treaty):
        pytest.skip(f"no {treaty.value} membership data yet")


# --- the data as such ------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.csv")), ids=lambda p: p.name)
def test_every_row_has_a_source(path):
    with path.open(encoding="utf-8", newline="") as handle:
        missing = [n for n, row in enumerate(csv.DictReader(handle), start=2)
                   if not (row.get("source") or "").strip()]
    assert not missing, f"{path.name}: rows without a source on lines {missing}"


def test_every_file_loads_and_every_date_parses(reg):
    assert reg.memberships[Treaty.APMBC]


@pytest.mark.parametrize("treaty", list(Treaty))
def test_stated_entry_into_force_agrees_with_art_17(reg, treaty):
    needs(reg, treaty)
    wrong = []
    for m in memberships(treaty):
        computed = timeline(m.iso3, treaty).eif_date
        if m.eif_date and computed != m.eif_date:
            wrong.append(f"{m.iso3}: stated {m.eif_date}, computed {computed}")
    assert not wrong


@pytest.mark.parametrize("treaty", list(Treaty))
def test_stated_withdrawal_dates_agree_with_art_20(reg, treaty):
    needs(reg, treaty)
    for m in memberships(treaty):
        if m.withdrawal_effective_date:
            assert timeline(m.iso3, treaty).withdrawal_effective_date == m.withdrawal_effective_date


@pytest.mark.parametrize(
    ("treaty", "deposit", "eif"),
    [(Treaty.APMBC, "1998-09-16", "1999-03-01"), (Treaty.CCM, "2010-02-16", "2010-08-01")],
)
def test_the_threshold_deposit_brought_the_treaty_into_force(reg, treaty, deposit, eif):
    needs(reg, treaty)
    assert threshold_deposit(treaty) == D(deposit)
    rule = pack(treaty).entry_into_force_rule
    assert first_of_month_after(D(deposit), rule.months_after) == pack(treaty).entry_into_force
    assert pack(treaty).entry_into_force == D(eif)


@pytest.mark.parametrize("treaty", list(Treaty))
def test_obligation_and_extension_rows_fit_the_pack(reg, treaty):
    articles = {r.article for r in pack(treaty).deadlines if r.tracked}
    for row in reg.obligations.get(treaty, []) + reg.extensions.get(treaty, []):
        assert row.article in articles, f"{row.iso3} article {row.article}"
        assert row.iso3 in reg.memberships[treaty], f"{row.iso3} not in the membership table"


def test_non_un_member_parties_are_recorded(reg):
    for iso3 in ("VAT", "COK", "NIU", "PSE"):
        assert status_on(iso3, "apmbc", D("2024-11-28")).bound, iso3


# --- entry into force ------------------------------------------------------------------------


def test_early_joiner_canada_in_force_with_the_treaty():
    status = status_on("CAN", "apmbc", D("1999-03-01"))
    assert status.consent_date == D("1997-12-03")
    assert (status.label, status.in_force_since) == ("party", D("1999-03-01"))
    before = status_on("Canada", "apmbc", D("1999-02-28"))
    assert before.label == "joined (in force from 1999-03-01)"


def test_late_joiner_ukraine():
    assert timeline("UKR", "apmbc").eif_date == D("2006-06-01")
    assert status_on("UKR", "apmbc", D("2006-05-31")).label == "joined (in force from 2006-06-01)"
    status = status_on("UKR", "apmbc", D("2024-11-28"))
    assert (status.status, status.in_force_since) == (StatusKind.PARTY, D("2006-06-01"))


# --- the 2025 withdrawals --------------------------------------------------------------------

WITHDRAWALS = {"EST": "2025-12-27", "LVA": "2025-12-27", "LTU": "2025-12-27",
               "FIN": "2026-01-10", "POL": "2026-02-20"}


@pytest.mark.parametrize(("iso3", "effective"), sorted(WITHDRAWALS.items()))
def test_2025_withdrawal_day_before_and_day_of_effect(reg, iso3, effective):
    day = D(effective)
    line = timeline(iso3, "apmbc")
    assert line.withdrawal_effective_date == day
    notice = line.withdrawal_notified_date
    assert status_on(iso3, "apmbc", notice - timedelta(days=1)).label == "party"
    before = status_on(iso3, "apmbc", day - timedelta(days=1))
    assert before.label == "party (withdrawal pending)" and before.bound
    on_day = status_on(iso3, "apmbc", day)
    assert on_day.label == "withdrawn" and not on_day.bound


def test_ukraine_still_bound_after_its_declared_suspension(reg):
    status = status_on("UKR", "apmbc", date(2026, 11, 29))
    assert status.bound and status.status is not StatusKind.WITHDRAWN
    if timeline("UKR", "apmbc").withdrawal_notified_date is None:
        assert status.label == "party"
    assert any("no change of status" in note for note in status.notes)


def test_lithuania_withdrew_from_the_ccm(reg):
    needs(reg, Treaty.CCM)
    line = timeline("LTU", "ccm")
    assert line.withdrawal_effective_date is not None
    day = line.withdrawal_effective_date
    before = status_on("LTU", "ccm", day - timedelta(days=1))
    assert before.bound
    if line.withdrawal_notified_date:
        assert before.label == "party (withdrawal pending)"
    assert status_on("Lithuania", "ccm", day).label == "withdrawn"
    assert not status_on("LTU", "ccm", day).bound


# --- deadlines -------------------------------------------------------------------------------


def art4(iso3: str, on: str):
    found = [d for d in deadlines_on("apmbc", D(on), iso3) if d.article == "4"]
    assert found, f"no Art. 4 row for {iso3}"
    return found[0]


@pytest.mark.parametrize(("iso3", "deadline"), [("UKR", "2010-06-01"), ("GRC", "2008-03-01"),
                                                ("BLR", "2008-03-01")])
def test_missed_art_4_deadlines(iso3, deadline):
    assert art4(iso3, deadline).state is DeadlineState.RUNNING
    missed = art4(iso3, str(D(deadline) + timedelta(days=1)))
    assert missed.state is DeadlineState.MISSED and missed.original_deadline == D(deadline)


def test_ukraine_and_greece_art_4_missed_on_the_seed_date():
    assert art4("UKR", "2024-11-28").state is DeadlineState.MISSED
    assert art4("GRC", "2024-11-28").state is DeadlineState.MISSED


def test_completed_art_4_deadline_finland():
    deadline = art4("FIN", "2016-01-01")
    assert deadline.state is DeadlineState.MET
    assert deadline.completed_date <= deadline.current_deadline


# --- counts ----------------------------------------------------------------------------------


def test_counts_of_states_parties_where_a_source_states_them(reg):
    checked = 0
    for stated in reg.counts:
        if not reg.memberships.get(stated.treaty):
            continue
        counts = counts_on(stated.treaty, stated.date)
        # Sources count either the states bound that day or, like the depositary, every state
        # that has deposited its instrument (some not yet in force); both are computed.
        assert stated.count in (counts.states_parties, counts.consented), (stated, counts)
        checked += 1
    assert checked >= 3


# --- the contract ----------------------------------------------------------------------------


def test_cli_contract_ukraine_party_since_2006(capsys, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["treatywatch", "status", "UKR", "--treaty", "apmbc",
                                      "--on", "2024-11-28", "--json"])
    main()
    data = json.loads(capsys.readouterr().out)
    assert (data["status"], data["in_force_since"]) == ("party", "2006-06-01")


@pytest.mark.parametrize("treaty", ["apmbc", "ccm"])
def test_make_run_commands_work_on_the_real_data(capsys, monkeypatch, treaty):
    monkeypatch.setattr(sys, "argv", ["treatywatch", "status", "--treaty", treaty])
    main()
    last = capsys.readouterr().out.rstrip().splitlines()[-1]
    assert " States Parties" in last and "withdrawn" in last


def test_lithuania_ccm_withdrawal_from_the_depositary_notice():
    # UNTC XXVI-6 as at 2026-02-03, end note 3: notice deposited 6 September 2024
    # (C.N.347.2024.TREATIES-XXVI-6), effect 6 March 2025 = six months later (Art. 20(2)).
    from treatywatch.treaties import status_on

    assert status_on("LTU", "ccm", date(2024, 9, 5)).status.value == "party"
    pending = status_on("LTU", "ccm", date(2024, 9, 6))
    assert pending.status.value == "withdrawal_pending"
    assert pending.withdrawal_notified_date == date(2024, 9, 6)
    assert any("C.N.347.2024" in s for s in pending.sources)
    assert status_on("LTU", "ccm", date(2025, 3, 5)).status.value == "withdrawal_pending"
    after = status_on("LTU", "ccm", date(2025, 3, 6))
    assert after.status.value == "withdrawn"
    assert after.withdrawal_effective_date == date(2025, 3, 6)


def test_withdrawal_known_only_by_its_effective_date_is_shown_from_that_date(tmp_path):
    from tests.registry_fixtures import MEMBERSHIP, fixture_registry
    from treatywatch.treaties import status_on

    rows = MEMBERSHIP.replace("FIN,Finland,,2012-01-09,accession,2012-07-01,2025-07-10,2026-01-10",
                              "FIN,Finland,,2012-01-09,accession,2012-07-01,,2026-01-10")
    reg = fixture_registry(tmp_path, apmbc_membership=rows)
    before = status_on("FIN", "apmbc", date(2026, 1, 9), registry=reg)
    after = status_on("FIN", "apmbc", date(2026, 1, 10), registry=reg)
    assert before.status.value == "party" and before.withdrawal_effective_date is None
    assert after.status.value == "withdrawn"
    assert after.withdrawal_effective_date == date(2026, 1, 10)


# --- the depositary's status pages as at 2026-02-03 (UNTC XXVI-5 and XXVI-6) -----------------


def test_tonga_acceded_on_the_day_the_depositary_records():
    from treatywatch.treaties import status_on

    tonga = status_on("TON", "apmbc", date(2025, 6, 25))
    assert (tonga.consent_date, tonga.label) == (date(2025, 6, 25),
                                                 "joined (in force from 2025-12-01)")
    assert status_on("TON", "apmbc", date(2025, 6, 24)).label == "not party"
    assert any("XXVI-5, status page 'STATUS AS AT : 03-02-2026'" in s for s in tonga.sources)


@pytest.mark.parametrize("treaty, iso3, number", [
    ("apmbc", "EST", "C.N.360.2025.TREATIES-XXVI-5"),
    ("apmbc", "LVA", "C.N.361.2025.TREATIES-XXVI-5"),
    ("apmbc", "LTU", "C.N.362.2025.TREATIES-XXVI-5"),
    ("apmbc", "FIN", "C.N.372.2025.TREATIES-XXVI-5"),
    ("apmbc", "POL", "C.N.421.2025.TREATIES-XXVI-5"),
    ("ccm", "LTU", "C.N.347.2024.TREATIES-XXVI-6"),
])
def test_every_withdrawal_cites_its_depositary_notification(treaty, iso3, number):
    from treatywatch.treaties import memberships

    [row] = [m for m in memberships(treaty) if m.iso3 == iso3]
    assert number in row.source


@pytest.mark.parametrize("treaty, signatories, parties", [("apmbc", 132, 162), ("ccm", 107, 112)])
def test_the_data_gives_the_depositary_counts_of_2026_02_03(treaty, signatories, parties):
    # the page header: "Signatories : 132. Parties : 162" (APMBC), "107 ... 112" (CCM); the UN
    # counts signatures and instruments not withdrawn (Poland's took effect 2026-02-20)
    from treatywatch.treaties import counts_on, memberships, timeline

    on = date(2026, 2, 3)
    signed = [m for m in memberships(treaty) if m.signature_date
              and not (timeline(m.iso3, treaty).withdrawal_effective_date or date.max) <= on]
    assert len(signed) == signatories
    assert counts_on(treaty, on).consented == parties
