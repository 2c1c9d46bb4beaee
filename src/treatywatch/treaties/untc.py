"""Read a saved UN Treaty Collection status page (chapter XXVI-5, the APMBC; XXVI-6, the CCM).

The depositary's page (https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-5
&chapter=26) carries: the date it is "STATUS AS AT", the counts of signatories and parties, one
row per participant (signature; provisional application, CCM only; the instrument's date with
its mark: none = ratification, A acceptance, AA approval, a accession, d succession; a row in
[brackets] is a participant that has since withdrawn), and end notes — among them each
withdrawal with its date of deposit, its effect and its depositary notification (C.N.) number.

`read_status_page(path)` gives a `StatusPage`; anything that is not such a page (a missing,
empty, binary or garbled file, a page with no participant table) raises `StatusPageError` with
one line saying what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import lxml.etree
import lxml.html

from treatywatch.errors import TreatywatchError, UnknownState
from treatywatch.model import ConsentType, Record, Treaty
from treatywatch.places import resolve_state

MARKS = {
    "": ConsentType.RATIFICATION,
    "A": ConsentType.ACCEPTANCE,
    "AA": ConsentType.APPROVAL,
    "a": ConsentType.ACCESSION,
    "d": ConsentType.SUCCESSION,
}
CHAPTERS = {"XXVI-5": Treaty.APMBC, "XXVI-6": Treaty.CCM}
TITLES = {
    "anti-personnel mines": Treaty.APMBC,
    "convention on cluster munitions": Treaty.CCM,
}
_DAY = r"(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})"
_CELL = re.compile(r"^\[?\s*" + _DAY + r"\s*(AA|A|a|d|n)?\s*\]?$")
_CN = re.compile(
    r"C\.N\.\s*(\d+)\.(\d{4})\s*\.?\s*TREATIES-(?:XXVI[.-]\d|\d+)(?:\s+of\s+" + _DAY + r")?"
)
_WITHDRAWAL = re.compile(
    r"On\s+" + _DAY + r",\s+the Government of (?:the )?(.+?) deposited with the "
    r"Secretary-General a notification of withdrawal"
)
_EFFECT = re.compile(r"withdrawal (took|will take) effect for (.+?) on\s+" + _DAY)
_AS_AT = re.compile(r"STATUS AS AT\s*:\s*(\d{2})-(\d{2})-(\d{4})")
_COUNTS = re.compile(r"Signatories\s*:\s*(\d+)\.?\s*Parties\s*:\s*(\d+)")


class StatusPageError(TreatywatchError):
    """A file that cannot be read as a UN Treaty Collection status page."""


@dataclass(frozen=True)
class PageRow(Record):
    """One participant as the depositary's table shows it."""

    name: str  # as the page writes it ("Netherlands (Kingdom of the)")
    iso3: str
    signature_date: date | None = None
    provisional_date: date | None = None  # CCM: provisional application (n)
    consent_date: date | None = None
    consent_type: ConsentType | None = None
    withdrawn: bool = False  # the row is in [brackets]
    notes: list[str] = field(default_factory=list)  # end-note numbers on the name


@dataclass(frozen=True)
class Notification(Record):
    """A depositary notification cited in an end note."""

    number: str  # "C.N.360.2025"
    date: date | None = None


@dataclass(frozen=True)
class EndNote(Record):
    number: str
    text: str
    participants: list[str] = field(default_factory=list)  # ISO codes of the rows citing it
    notifications: list[Notification] = field(default_factory=list)
    withdrawal_notified: date | None = None
    withdrawal_effective: date | None = None
    withdrawal_in_effect: bool = False  # "took effect" (True) or "will take effect" (False)


@dataclass(frozen=True)
class StatusPage(Record):
    treaty: Treaty
    as_at: date | None
    signatories: int | None
    parties: int | None
    rows: list[PageRow]
    end_notes: list[EndNote]
    path: str = ""

    def row(self, iso3: str) -> PageRow | None:
        return next((r for r in self.rows if r.iso3 == iso3), None)


def _text(node) -> str:
    return re.sub(r"\s+", " ", "".join(node.itertext()).replace("\xa0", " ")).strip()


def _day(day: str, month: str, year: str, where: str) -> date:
    for fmt in ("%d %b %Y", "%d %B %Y"):
        try:
            return datetime.strptime(f"{day} {month[:3] if fmt == '%d %b %Y' else month} {year}",
                                     fmt).date()
        except ValueError:
            continue
    raise StatusPageError(f"{where}: '{day} {month} {year}' is not a date")


def _cell(node, where: str) -> tuple[date | None, str, bool]:
    """A date cell: (the date, its mark, whether it is bracketed); (None, '', False) if empty."""
    value = _text(node)
    if not value:
        return None, "", False
    match = _CELL.match(value)
    if not match:
        raise StatusPageError(f"{where}: cell '{value}' is not a date like '3 Dec 1997 a'")
    day, month, year, mark = match.groups()
    return _day(day, month, year, where), mark or "", value.startswith("[")


def _read_bytes(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise StatusPageError(f"{path}: no such file — save the UNTC status page first") from None
    except IsADirectoryError:
        raise StatusPageError(f"{path}: is a folder, not a saved status page") from None
    except OSError as exc:
        raise StatusPageError(f"{path}: cannot be read ({exc.strerror})") from None
    if not raw.strip():
        raise StatusPageError(f"{path}: the file is empty")
    if b"\x00" in raw[:4096]:
        raise StatusPageError(f"{path}: a binary file, not an HTML page")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            raise StatusPageError(f"{path}: not text in UTF-8 or Windows-1252") from None


def _participant_table(doc):
    for table in doc.iter("table"):
        rows = table.xpath("./tr | ./thead/tr | ./tbody/tr")  # as served, or as a browser saves it
        if not rows:
            continue
        first = rows[0].xpath("./td | ./th")
        if (first and first[0].find(".//table") is None
                and _text(first[0]).lower().startswith("participant")):
            return table, rows
    return None, []


def _treaty(doc, text: str, where: str) -> Treaty:
    for form in doc.iter("form"):
        found = re.search(r"mtdsg_no=(XXVI-\d)", form.get("action") or "")
        if found and found.group(1) in CHAPTERS:
            return CHAPTERS[found.group(1)]
    lowered = text.lower()
    for title, treaty in TITLES.items():
        if title in lowered:
            return treaty
    raise StatusPageError(
        f"{where}: neither the APMBC (XXVI-5) nor the CCM (XXVI-6) page — give --treaty"
    )


def _columns(header: list[str]) -> dict[str, int]:
    cols = {}
    for i, name in enumerate(header):
        low = name.lower()
        if low.startswith("signature"):
            cols["signature"] = i
        elif low.startswith("provisional"):
            cols["provisional"] = i
        elif "ratification" in low or "accession" in low:
            cols["consent"] = i
    if "consent" not in cols:
        raise StatusPageError("participant table has no ratification/accession column")
    return cols


def _state(name: str) -> str:
    """The ISO code of a participant as the UN writes it: 'Bahamas (The)', 'St. Lucia',
    'Netherlands (Kingdom of the)'."""
    try:
        return resolve_state(name)
    except UnknownState:
        plain = re.sub(r"\s*\((?:the|The|Kingdom of the)\)\s*$", "", name)
        plain = re.sub(r"^St\.\s+", "Saint ", plain)
        if plain == name:
            raise
        return resolve_state(plain)


def _rows(rows, where: str) -> list[PageRow]:
    cols = _columns([_text(td) for td in rows[0].xpath("./td | ./th")])
    result = []
    for number, tr in enumerate(rows[1:], start=2):
        cells = tr.xpath("./td | ./th")
        if not cells:
            continue
        name_cell = cells[0]
        notes = [_text(sup) for sup in name_cell.iter("sup", "SUP")]
        notes = [n.strip() for part in notes for n in part.split(",") if n.strip()]
        name_parts = [name_cell.text or ""]
        for child in name_cell:
            if child.tag.lower() in ("sup",):
                name_parts.append(child.tail or "")
                continue
            name_parts.append("".join(child.itertext()))
            name_parts.append(child.tail or "")
        name = re.sub(r"\s+", " ", "".join(name_parts).replace("\xa0", " ")).strip()
        if not name:
            continue
        here = f"{where}: row {number} ({name})"
        try:
            iso3 = _state(name)
        except UnknownState as exc:
            raise StatusPageError(f"{here}: {exc}") from None

        def get(key: str, cells=cells, here=here):
            i = cols.get(key)
            if i is None or i >= len(cells):
                return None, "", False
            return _cell(cells[i], here)

        sig, _, sig_br = get("signature")
        prov, _, prov_br = get("provisional")
        consent, mark, con_br = get("consent")
        if mark == "n":
            raise StatusPageError(f"{here}: mark 'n' in the instrument column")
        result.append(PageRow(
            name=name, iso3=iso3, signature_date=sig, provisional_date=prov,
            consent_date=consent, consent_type=MARKS[mark] if consent else None,
            withdrawn=sig_br or prov_br or con_br, notes=notes,
        ))
    return result


def _end_notes(doc, rows: list[PageRow], where: str) -> list[EndNote]:
    notes = []
    for div in doc.iter("div"):
        if "divNotesAll" not in (div.get("class") or ""):
            continue
        anchor = next((a for a in div.iter("a") if a.get("name")), None)
        text = _text(div)
        if anchor is None or not text:
            continue
        number = anchor.get("name")
        body = text[len(number):].strip() if text.startswith(number) else text
        cns = [
            Notification(f"C.N.{m.group(1)}.{m.group(2)}",
                         _day(m.group(3), m.group(4), m.group(5), where) if m.group(3) else None)
            for m in _CN.finditer(body)
        ]
        notified = _WITHDRAWAL.search(body)
        effect = _EFFECT.search(body)
        notes.append(EndNote(
            number=number,
            text=body,
            participants=[r.iso3 for r in rows if number in r.notes],
            notifications=cns,
            withdrawal_notified=_day(*notified.group(1, 2, 3), where) if notified else None,
            withdrawal_effective=_day(*effect.group(3, 4, 5), where) if effect else None,
            withdrawal_in_effect=bool(effect and effect.group(1) == "took"),
        ))
    return notes


def read_status_page(path: Path | str, treaty: Treaty | None = None) -> StatusPage:
    """The depositary's status page saved at `path`, read into a `StatusPage`."""
    path = Path(path)
    where = str(path)
    text = _read_bytes(path)
    try:
        doc = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise StatusPageError(f"{where}: not an HTML page ({exc})") from None
    table, rows = _participant_table(doc)
    if table is None:
        raise StatusPageError(
            f"{where}: no participant table — not a UN Treaty Collection status page "
            "(save the page of chapter XXVI-5 or XXVI-6 as HTML)"
        )
    page_text = _text(doc)
    try:
        found = _treaty(doc, page_text, where)
    except StatusPageError:
        if treaty is None:
            raise
        found = treaty
    if treaty is not None and found is not treaty:
        raise StatusPageError(f"{where}: the page is the {found.value} page, not {treaty.value}")
    chosen = found
    participants = _rows(rows, where)
    if not participants:
        raise StatusPageError(f"{where}: the participant table has no rows")
    as_at = _AS_AT.search(page_text)
    counts = _COUNTS.search(page_text)
    return StatusPage(
        treaty=chosen,
        as_at=date(int(as_at.group(3)), int(as_at.group(2)), int(as_at.group(1)))
        if as_at else None,
        signatories=int(counts.group(1)) if counts else None,
        parties=int(counts.group(2)) if counts else None,
        rows=participants,
        end_notes=_end_notes(doc, participants, where),
        path=where,
    )
