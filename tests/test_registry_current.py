"""How current the registry is (`known_through.csv`), and steps short of a deposit.

Every answer says the day the registry is known through, per kind of source; a day after it
is answered with a warning. Declarations that are steps towards a deposit (a decree approving
accession, a vote) are shown for what they are and never counted.
"""

from __future__ import annotations

import json
import sys
from datetime import date

import pytest

from tests.registry_fixtures import DECLARATIONS, fixture_registry
from treatywatch.cli import main
from treatywatch.model import StatusKind
from treatywatch.treaties import (
    RegistryDataError,
    counts_on,
    currency_warnings,
    deadlines_on,
    load_registry,
    registry_known_through,
    rules,
    status_on,
    statuses_on,
)
from treatywatch.treaties.loader import DATA_DIR

D = date.fromisoformat
KNOWN = """\
treaty,kind,known_through,source,notes
apmbc,depositary,2026-02-03,fixture status page,
apmbc,meetings,2024-11-29,fixture meeting report,
"""


@pytest.fixture()
def reg(tmp_path):
    return fixture_registry(tmp_path, known_through=KNOWN)


def test_known_through_per_kind_and_a_warning_after_it(reg):
    assert registry_known_through("apmbc", registry=reg) == {
        "depositary": D("2026-02-03"), "meetings": D("2024-11-29")}
    assert status_on("UKR", "apmbc", D("2026-02-03"), registry=reg).warnings == []
    later = status_on("UKR", "apmbc", D("2026-02-04"), registry=reg)
    assert later.registry_known_through["depositary"] == D("2026-02-03")
    assert later.warnings == [
        "Mine Ban Convention: the registry is known through 2026-02-03 for the depositary's "
        "record (signatures, deposits, withdrawals); 2026-02-04 is later, so acts after "
        "2026-02-03 may be missing"]


def test_deadlines_warn_after_the_meetings_date(reg):
    [before] = deadlines_on("apmbc", D("2024-11-29"), "UKR", registry=reg)[:1]
    assert before.warnings == []
    after = deadlines_on("apmbc", D("2025-01-01"), "UKR", registry=reg)[0]
    assert len(after.warnings) == 1 and "known through 2024-11-29" in after.warnings[0]
    assert after.registry_known_through == {"depositary": D("2026-02-03"),
                                           "meetings": D("2024-11-29")}


def test_a_kind_without_a_day_is_warned_about(tmp_path):
    only = "treaty,kind,known_through,source,notes\napmbc,depositary,2026-02-03,fixture,\n"
    reg = fixture_registry(tmp_path, known_through=only)
    [w] = currency_warnings("apmbc", D("2025-01-01"), ("depositary", "meetings"), registry=reg)
    assert "no day is recorded up to which the Meetings of States Parties' decisions" in w


@pytest.mark.parametrize("rows, message", [
    ("apmbc,registry,2026-02-03,x,\n", "kind 'registry' is not one of depositary|meetings"),
    ("apmbc,depositary,2026-02-30,x,\n", "known_through '2026-02-30' is not a real date"),
    ("apmbc,depositary,2026-02-03,x,\napmbc,depositary,2026-03-01,y,\n", "appears twice"),
])
def test_bad_known_through_rows_are_refused(tmp_path, rows, message):
    with pytest.raises(RegistryDataError, match=message):
        fixture_registry(tmp_path, known_through="treaty,kind,known_through,source,notes\n" + rows)


def test_the_real_registry_is_known_through_the_2026_02_03_depositary_pages():
    real = load_registry(DATA_DIR)
    for treaty in ("apmbc", "ccm"):
        assert registry_known_through(treaty, registry=real)["depositary"] == D("2026-02-03")
    assert status_on("EST", "apmbc", D("2026-02-03"), registry=real).warnings == []
    assert status_on("EST", "apmbc", D("2026-02-04"), registry=real).warnings


def run(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["treatywatch", *args])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code or 0
    out, err = capsys.readouterr()
    return code, out, err


def test_every_command_says_how_current_it_is(capsys, monkeypatch, reg):
    monkeypatch.setattr(rules, "default_registry", lambda: reg)
    _, out, err = run(capsys, monkeypatch, "status", "--treaty", "apmbc", "--on", "2026-03-01",
                      "--json")
    data = json.loads(out)
    assert data["known_through"] == {"apmbc": {"depositary": "2026-02-03",
                                               "meetings": "2024-11-29"}}
    assert data["warnings"] and "warning: Mine Ban Convention: the registry is known" in err
    _, out, err = run(capsys, monkeypatch, "status", "UKR", "--treaty", "apmbc", "--on",
                      "2026-01-01")
    assert "registry known through depositary 2026-02-03, meetings 2024-11-29" in out
    assert "warning" not in err
    _, out, err = run(capsys, monkeypatch, "parties", "--treaty", "apmbc", "--json")
    json.loads(out)  # stdout stays the table's JSON
    assert "registry known through depositary 2026-02-03" in err
    _, out, err = run(capsys, monkeypatch, "deadlines", "--treaty", "apmbc", "--on",
                      "2025-06-01", "--json")
    assert all(d["registry_known_through"]["meetings"] == "2024-11-29" for d in json.loads(out))
    assert "known through 2024-11-29 for the Meetings" in err


# --- steps short of a deposit ----------------------------------------------------------------


STEPS = DECLARATIONS + (
    "KAZ,2025-03-10,accession_approved_by_decree,cabinet decree approving accession,"
    "fixture decree,\n"
    "POL,2025-04-01,ratification_approved_by_parliament,the Sejm approves ratification,"
    "fixture vote,\n"
)


def test_an_approved_accession_is_shown_not_counted(tmp_path):
    reg = fixture_registry(tmp_path, apmbc_declarations=STEPS)
    s = status_on("Kazakhstan", "apmbc", D("2025-06-01"), registry=reg)
    assert s.status is StatusKind.NOT_PARTY
    assert s.label == "not party (accession approved by decree, not deposited)"
    assert s.undeposited == ["2025-03-10: accession approved by decree, not deposited"]
    assert "fixture decree" in s.sources
    assert status_on("KAZ", "apmbc", D("2025-03-09"), registry=reg).label == "not party"
    listed = {x.iso3: x.label for x in statuses_on("apmbc", D("2025-06-01"), registry=reg)}
    assert listed["KAZ"].startswith("not party (accession approved")
    plain = fixture_registry(tmp_path / "plain")
    assert counts_on("apmbc", D("2025-06-01"), registry=reg) == counts_on(
        "apmbc", D("2025-06-01"), registry=plain)


def test_a_signatory_with_a_parliament_vote_is_still_a_signatory(tmp_path):
    reg = fixture_registry(tmp_path, apmbc_declarations=STEPS)
    s = status_on("POL", "apmbc", D("2025-06-01"), registry=reg)
    assert s.status is StatusKind.SIGNATORY
    assert s.label == "signatory (ratification approved by parliament, not deposited)"


def test_a_step_followed_by_its_deposit_is_no_longer_undeposited(tmp_path):
    steps = DECLARATIONS + "MHL,2025-01-20,ratification_approved_by_parliament,vote,fixture,\n"
    reg = fixture_registry(tmp_path, apmbc_declarations=steps)
    assert status_on("MHL", "apmbc", D("2025-02-01"), registry=reg).undeposited
    joined = status_on("MHL", "apmbc", D("2025-03-12"), registry=reg)  # deposited that day
    assert joined.undeposited == [] and joined.label == "joined (in force from 2025-09-01)"


def test_ukraine_2025_steps_are_shown_as_no_notice_of_withdrawal():
    s = status_on("UKR", "apmbc", D("2025-08-01"), registry=load_registry(DATA_DIR))
    assert s.label == "party"
    assert "2025-06-29: withdrawal decided, no notice of withdrawal deposited" in s.undeposited
    assert any(n.startswith("2025-07-18 suspension_notification") for n in s.notes)


def test_estonias_vote_before_its_notice_is_shown_not_counted():
    real = load_registry(DATA_DIR)
    voted = status_on("EST", "apmbc", D("2025-06-10"), registry=real)
    assert voted.label == "party" and voted.bound
    assert "2025-06-04: approved by parliament, no notice of withdrawal deposited" in (
        voted.undeposited)
    noticed = status_on("EST", "apmbc", D("2025-06-27"), registry=real)
    assert noticed.label == "party (withdrawal pending)" and noticed.undeposited == []
    # the vote changed no count: Estonia is a State Party until 2025-12-27 either way
    assert counts_on("apmbc", D("2025-06-10"), registry=real).withdrawal_pending == 0
