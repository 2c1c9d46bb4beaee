"""`treatywatch registry check`: a saved depositary status page read and compared with the data.

The page here is written for the tests in the structure of the UN Treaty Collection's status
pages (the participant table `tblgrid`, end notes in `divNotesAll`, the "STATUS AS AT" line);
its facts are made up around the fixture registry.
"""

from __future__ import annotations

import json
import sys
from datetime import date

import pytest

from tests.registry_fixtures import fixture_registry
from treatywatch.cli import main
from treatywatch.model import ConsentType, Treaty
from treatywatch.treaties import rules
from treatywatch.treaties.check import check_page, unexplained
from treatywatch.treaties.untc import StatusPageError, read_status_page


def _row(name: str, sig: str = "", consent: str = "", sup: str = "") -> str:
    note = f" <SUP><A onclick='ShowNoteAll()' href='#{sup}' class='noteIndex'>{sup}</A> </SUP>"
    return (f"<tr class='trBWhite'><td>{name}{note if sup else ''}<br></td>"
            f"<td>{sig or '&nbsp;'}</td><td>{consent or '&nbsp;'}</td></tr>\n")


ROWS = "".join([
    _row("Canada", " &nbsp;3 Dec\t 1997 <br>", " &nbsp;3 Dec\t 1997 <br>"),
    _row("Ireland", " &nbsp;3 Dec\t 1997 <br>", " &nbsp;3 Dec\t 1997 <br>"),
    _row("Burkina Faso", " &nbsp;3 Dec\t 1997 <br>", "16 Sep\t 1998 <br>"),
    _row("Mexico", " &nbsp;3 Dec\t 1997 <br>", "16 Sep\t 1998 <br>"),
    _row("South Africa", " &nbsp;3 Dec\t 1997 <br>", "26 Oct\t 1998 <br>"),
    _row("Ukraine", "24 Feb\t 1999 <br>", "27 Dec\t 2005 <br>", sup="2"),
    _row("Montenegro", "", "23 Oct\t 2006 d<br>"),
    _row("Finland", "", "[ &nbsp;9 Jan\t 2012 a]<br>", sup="1"),
    _row("Armenia", "", "[15 Jan\t 2000 a]<br>"),
    _row("Russian Federation", "", "10 Feb\t 2001 a<br>"),
    _row("Poland", " &nbsp;4 Dec\t 1997 <br>", ""),
    _row("Georgia", "", "[10 Jan\t 2001 a]<br>"),
    _row("Marshall Islands", " &nbsp;4 Dec\t 1997 <br>", "12 Mar\t 2025 <br>"),
])

NOTES = """
<div class="divNotesAll" style="text-align: justify"><a name='1'>1</a><index></index>On 10 July
2025, the Government of Finland deposited with the Secretary-General a notification of withdrawal
(See depositary notification C.N.372.2025 .TREATIES-XXVI-5 of 11 July 2025). The withdrawal took
effect for Finland on 10 January 2026 in accordance with article 20 (3) of the Convention.</div>
<div class="divNotesAll"><a name='2'>2</a><index></index>On 30 March 2016, the Government of
Ukraine made a communication. The text can be found here: C.N.121.2016 .TREATIES-XXVI-5 of
31 March 2016.</div>
"""


def page_html(rows: str = ROWS, notes: str = NOTES, as_at: str = "03-02-2026 10:16:18 EDT",
              counts: str = "Signatories : 8. Parties : 9") -> str:
    return f"""<!DOCTYPE html><html><head><title>UNTC</title></head><body>
<form name="aspnetForm" method="post"
 action="./ViewDetails.aspx?src=TREATY&amp;mtdsg_no=XXVI-5&amp;chapter=26&amp;clang=_en">
<table><tr><td><div class="rows top-10 padd-5 heading-three">STATUS AS AT : {as_at}</div>
<div>Status :</div><div>{counts}</div></td></tr></table>
<table class="table-responsive tbl-mob"><tr><td id="participants">
<table id="ctl00_tblgrid" class="table table-striped">
<tr class="thead-one"><td valign="bottom" width="43%">Participant<br></td>
<td valign="bottom" width="100">Signature<br></td>
<td valign="bottom">Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)<br></td>
</tr>
{rows}</table></td></tr></table>
<div class="end-notes">End Note</div>{notes}
</form></body></html>"""


@pytest.fixture()
def reg(tmp_path):
    return fixture_registry(tmp_path / "data")


@pytest.fixture()
def page(tmp_path):
    def write(text: str = "", name: str = "page.html") -> str:
        path = tmp_path / name
        path.write_text(text or page_html(), encoding="utf-8")
        return str(path)
    return write


def test_reads_the_page_rows_marks_brackets_and_end_notes(page):
    read = read_status_page(page())
    assert (read.treaty, read.as_at) == (Treaty.APMBC, date(2026, 2, 3))
    assert (read.signatories, read.parties, len(read.rows)) == (8, 9, 13)
    mne, fin = read.row("MNE"), read.row("FIN")
    assert (mne.consent_date, mne.consent_type) == (date(2006, 10, 23), ConsentType.SUCCESSION)
    assert fin.withdrawn and fin.consent_type is ConsentType.ACCESSION and fin.notes == ["1"]
    note = read.end_notes[0]
    assert note.participants == ["FIN"]
    assert (note.withdrawal_notified, note.withdrawal_effective) == (date(2025, 7, 10),
                                                                     date(2026, 1, 10))
    assert note.withdrawal_in_effect
    assert [(n.number, n.date) for n in note.notifications] == [("C.N.372.2025",
                                                                  date(2025, 7, 11))]


def test_a_page_saved_by_a_browser_with_tbody_and_th_reads_the_same(page):
    saved = (page_html().replace('<tr class="thead-one">', '<thead><tr class="thead-one">')
             .replace("Succession(d)<br></td>\n</tr>",
                      "Succession(d)<br></td>\n</tr></thead><tbody>")
             .replace("</table></td></tr></table>", "</tbody></table></td></tr></table>")
             .replace('<td valign="bottom" width="43%">Participant<br></td>',
                      '<th valign="bottom" width="43%">Participant<br></th>'))
    assert "<tbody>" in saved and "<th " in saved
    assert read_status_page(page(saved)).rows == read_status_page(page(name="b.html")).rows


def test_every_kind_of_difference_is_listed(page, reg):
    rows = (ROWS.replace("26 Oct\t 1998", "27 Oct\t 1998")  # ZAF deposit differs
            .replace("15 Jan\t 2000 a", "15 Jan\t 2000 ")  # ARM: ratification, not accession
            .replace(_row("Georgia", "", "[10 Jan\t 2001 a]<br>"), "")  # GEO not on the page
            + _row("Tonga", "", "25 Jun\t 2025 a<br>"))  # not in the data
    found = check_page(read_status_page(page(page_html(rows=rows))), registry=reg)
    got = {(d.iso3, d.field, d.page, d.registry) for d in found if d.level == "difference"}
    assert ("ZAF", "consent_date", "1998-10-27", "1998-10-26") in got
    assert ("ARM", "consent_type", "ratification", "accession") in got
    assert ("GEO", "row", "", "listed") in got
    assert ("TON", "row", "listed", "") in got
    # the data cites neither notification: both end notes are differences
    assert ("FIN", "end_note", "C.N.372.2025 of 2025-07-11", "") in got
    assert ("UKR", "end_note", "C.N.121.2016 of 2016-03-31", "") in got


def test_a_withdrawal_on_the_page_and_not_in_the_data_is_a_difference(page, reg):
    notes = NOTES.replace("On 10 July\n2025", "On 11 July\n2025")
    found = check_page(read_status_page(page(page_html(notes=notes))), registry=reg)
    got = {(d.iso3, d.field, d.page, d.registry) for d in found}
    assert ("FIN", "withdrawal_notified_date", "2025-07-11", "2025-07-10") in got
    rows = ROWS.replace("16 Sep\t 1998 <br>", "[16 Sep\t 1998 ]<br>", 1)  # BFA bracketed
    found = check_page(read_status_page(page(page_html(rows=rows))), registry=reg)
    assert ("BFA", "withdrawal") in {(d.iso3, d.field) for d in found}


def test_counts_on_the_page_are_compared_on_its_date(page, reg):
    # on 2026-02-03 the fixture has 9 instruments in force or pending (FIN, ARM, GEO withdrawn)
    # and 8 signatures (no signatory withdrew)
    assert not [d for d in check_page(read_status_page(page()), registry=reg)
                if d.field.startswith("count")]
    found = check_page(read_status_page(page(page_html(counts="Signatories : 7. Parties : 12"))),
                       registry=reg)
    got = {(d.field, d.page, d.registry) for d in found}
    assert {("count_signatories", "7", "8"), ("count_parties", "12", "9")} <= got


def test_a_withdrawal_in_effect_in_the_data_but_not_bracketed_is_a_difference(page, reg):
    rows = ROWS.replace("[15 Jan\t 2000 a]", "15 Jan\t 2000 a")  # ARM: withdrawn 2020-11-10
    found = check_page(read_status_page(page(page_html(rows=rows))), registry=reg)
    assert ("ARM", "withdrawal", "", "2020-11-10") in {(d.iso3, d.field, d.page, d.registry)
                                                       for d in found}


def test_an_explained_difference_does_not_fail_the_check(page, tmp_path):
    explained = ("iso3,field,page_value,registry_value,reason,source,source_date\n"
                 "ZAF,consent_date,1998-10-27,1998-10-26,the page's day is a typo,"
                 "fixture letter,2026-02-04\n")
    reg = fixture_registry(tmp_path / "d2", apmbc_untc_explained=explained)
    rows = ROWS.replace("26 Oct\t 1998", "27 Oct\t 1998")
    found = check_page(read_status_page(page(page_html(rows=rows))), registry=reg)
    zaf = next(d for d in found if d.iso3 == "ZAF")
    assert zaf.explained.startswith("the page's day is a typo (fixture letter)")
    assert zaf not in unexplained(found)


@pytest.mark.parametrize("content, message", [
    (None, "no such file"),
    (b"", "the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a binary file"),
    (b"<html><body><p>Mine Ban Convention</p></body></html>", "no participant table"),
    (b"<<<>>>&&& not html at all", "no participant table"),
])
def test_bad_pages_fail_with_one_line(tmp_path, content, message):
    path = tmp_path / "page.html"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(StatusPageError, match=message) as err:
        read_status_page(path)
    assert "\n" not in str(err.value)


def test_the_treaty_given_must_be_the_pages(page):
    assert read_status_page(page(), Treaty.APMBC).treaty is Treaty.APMBC
    with pytest.raises(StatusPageError, match="the page is the apmbc page, not ccm"):
        read_status_page(page(), Treaty.CCM)
    anonymous = page(page_html().replace("mtdsg_no=XXVI-5", "mtdsg_no=X"), "anon.html")
    with pytest.raises(StatusPageError, match="give --treaty"):
        read_status_page(anonymous)
    assert read_status_page(anonymous, Treaty.CCM).treaty is Treaty.CCM


def test_a_garbled_date_or_unknown_participant_fails_with_one_line(page):
    bad = page(page_html(rows=ROWS.replace("26 Oct\t 1998", "26 Oct\t 19x8")))
    with pytest.raises(StatusPageError, match=r"row \d+ \(South Africa\): cell '26 Oct 19x8'"):
        read_status_page(bad)
    bad = page(page_html(rows=ROWS + _row("Atlantis", "", "1 Jan\t 2020 a<br>")), "b.html")
    with pytest.raises(StatusPageError, match="unknown state 'Atlantis'"):
        read_status_page(bad)


# --- through the command line ----------------------------------------------------------------


def run(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["treatywatch", *args])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code or 0
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_exits_1_and_lists_the_differences(capsys, monkeypatch, page, reg):
    monkeypatch.setattr(rules, "default_registry", lambda: reg)
    monkeypatch.setattr("treatywatch.treaties.check.default_registry", lambda: reg)
    rows = ROWS.replace("26 Oct\t 1998", "27 Oct\t 1998")
    code, out, _ = run(capsys, monkeypatch, "registry", "check", page(page_html(rows=rows)),
                       "--json")
    data = json.loads(out)
    assert code == 1
    assert (data["treaty"], data["as_at"], data["participants"]) == ("apmbc", "2026-02-03", 13)
    assert data["unexplained"] == data["differences"] == 3  # ZAF deposit, two C.N. notes
    zaf = next(d for d in data["found"] if d["iso3"] == "ZAF")
    assert (zaf["field"], zaf["page"], zaf["registry"]) == ("consent_date", "1998-10-27",
                                                            "1998-10-26")
    code, out, _ = run(capsys, monkeypatch, "registry", "check", page(page_html(rows=rows)))
    assert code == 1 and "3 difference(s): 3 unexplained" in out


def test_cli_exits_0_when_the_page_agrees(capsys, monkeypatch, page, reg):
    monkeypatch.setattr(rules, "default_registry", lambda: reg)
    monkeypatch.setattr("treatywatch.treaties.check.default_registry", lambda: reg)
    code, out, _ = run(capsys, monkeypatch, "registry", "check", page(page_html(notes="")))
    assert code == 0, out
    assert "0 difference(s)" in out


def test_cli_bad_page_is_one_line_and_exit_2(capsys, monkeypatch, tmp_path):
    code, out, err = run(capsys, monkeypatch, "registry", "check", str(tmp_path / "none.html"))
    assert code == 2 and out == ""
    assert err.strip().count("\n") == 0 and "no such file" in err


# --- the saved depositary pages of 2026-02-03, where a copy is at hand ----------------------


@pytest.mark.parametrize("name, treaty, participants", [("ottawa.html", "apmbc", 166),
                                                         ("ccm.html", "ccm", 125)])
def test_the_saved_2026_02_03_pages_show_no_unexplained_difference(name, treaty, participants):
    """Set TREATYWATCH_TEST_UNTC_DIR to a folder holding the pages saved in
    mgaldino/treaties-ideal-point (data/raw/arms_control/html/, commit 746a24fa)."""
    import os
    from pathlib import Path

    from treatywatch.treaties import load_registry
    from treatywatch.treaties.loader import DATA_DIR

    folder = os.environ.get("TREATYWATCH_TEST_UNTC_DIR")
    if not folder or not (Path(folder) / name).exists():
        pytest.skip("set TREATYWATCH_TEST_UNTC_DIR to the saved UNTC pages")
    read = read_status_page(Path(folder) / name)
    assert (read.treaty.value, read.as_at, len(read.rows)) == (treaty, date(2026, 2, 3),
                                                                participants)
    assert unexplained(check_page(read, registry=load_registry(DATA_DIR))) == []
