"""Page edges through the test client and the report renderers: the modality shown is the
event's, good news is not red, explanations do not repeat the quote that follows, a paragraph
that is all evidence is not one highlight, the chart ends at the day asked, the declarations
`status` prints are on the country page and in the PDF, whose first page is not half empty."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

QUOTE = "Deminers said they had finished clearing the fields around Kharkiv of mines last week."


def _finding_cards(html: str) -> list[str]:
    return re.findall(r'<article class="finding.*?</article>', html, re.S)


def test_deadline_missed_shows_the_modality_as_the_events(client):
    html = client.get("/states/UKR?on=2024-12-01").text
    card = next(c for c in _finding_cards(html) if "Deadline missed" in c)
    assert re.search(r'<span class="event-modality">destroy stockpile: <span class="badge '
                     r'modality-negated"[^>]*>negated</span></span>', card)
    # the kind is not followed by a bare modality badge
    assert not re.search(r"Deadline missed</span>\s*<span class=\"badge", card)


def test_feed_titles_say_whose_modality_it_is(client):
    body = client.get("/feeds/state/UKR.atom").text
    assert "Deadline missed: Ukraine, APMBC Art. 4 (destroy stockpile: negated)" in body


def test_occurred_badge_is_not_an_alarm_on_good_news(faces):
    html = faces.get("/articles/1").text
    badges = re.findall(r'<span class="badge ([^"]*)" title="modality of the event: ([^"]*)"',
                        html)
    kinds = {act: classes for classes, act in badges}
    assert "good-news" in kinds["clearance"]
    assert "good-news" not in kinds["casualties"] and "good-news" not in kinds["use"]
    css = faces.get("/static/app.css").text
    assert ".badge.good-news.modality-occurred" in css


def test_explanations_do_not_repeat_the_quote_that_follows(faces):
    html = faces.get("/states/UKR").text
    card = next(c for c in _finding_cards(html) if "Progress" in c)
    assert card.count(QUOTE) == 1
    assert '<p class="explanation">Ukraine reports clearance done.</p>' in card
    feed = ET.fromstring(faces.get("/feeds/state/UKR.atom").content)
    summaries = [s.text for s in feed.iter("{http://www.w3.org/2005/Atom}summary")]
    assert summaries and all(s.count("Deminers said") == 1 for s in summaries)


def test_reports_do_not_repeat_the_quote_either(faces_url):
    from treatywatch.report import render
    from treatywatch.report.digest import digest
    from treatywatch.report.profile import country_profile
    from treatywatch.store import open_database

    with open_database(faces_url) as db:
        profile = country_profile(db, "UKR", None, date(2025, 12, 1))
        made = digest(db, date(2000, 1, 1), date(2100, 1, 1), None)
    for text in (render.profile_markdown(profile), render.profile_html(profile),
                 render.digest_markdown(made), render.digest_html(made)):
        assert "finished clearing the fields" in text  # the evidence is there
        assert "The text: \u201c" not in text  # and the explanation does not repeat it


def test_a_paragraph_that_is_all_evidence_is_not_one_highlight(faces):
    html = faces.get("/articles/4").text
    body = re.search(r'<div class="body">(.*?)</div>', html, re.S).group(1)
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", body, re.S)
    assert len(paragraphs) == 3
    for para in paragraphs:
        plain = re.sub(r"<[^>]+>", "", para).replace("evidence ", "", 1).strip()
        for marked in re.findall(r"<mark>(.*?)</mark>", para, re.S):
            assert marked.strip() != plain
    assert ('<p class="evidence-para" data-events="event-0"><a class="evidence-marker" '
            'href="#event-0"') in body
    # a sentence inside a longer paragraph is still highlighted
    assert "<mark>A landmine exploded" in faces.get("/articles/1").text


def _chart_title(html: str) -> str:
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    return ET.fromstring(svg).find("{http://www.w3.org/2000/svg}title").text


def test_the_events_chart_ends_at_the_day_asked(faces):
    assert _chart_title(faces.get("/states/UKR?on=2025-06-30").text).endswith("to 2025-06")
    assert _chart_title(faces.get("/states/UKR?on=2026-09-01").text).endswith("to 2026-09")
    assert _chart_title(faces.get("/states/UKR?on=2031-03-01").text).endswith("to 2031")
    # an event after the day asked is not on the chart
    late = _chart_title(faces.get("/states/UKR?on=2025-02-28").text)
    assert ": 5 events" in late and late.endswith("to 2025-02")
    before = _chart_title(faces.get("/states/UKR?on=2025-01-15").text)
    assert before.endswith("to 2025-01") and ": 1 events" in before


def test_country_page_shows_the_declarations_status_prints(client):
    html = client.get("/states/UKR?on=2025-12-01").text
    block = re.search(r'<ul class="declarations">(.*?)</ul>', html, re.S).group(1)
    assert '<time datetime="2025-07-18">2025-07-18</time> Suspension notification: Ukraine ' \
           'formally informs the UN Secretary-General' in block
    api = client.get("/api/v1/states/UKR?on=2025-12-01").json()
    apmbc = next(t for t in api["treaties"] if t["treaty"] == "apmbc")
    assert any(d["date"] == "2025-07-15" for d in apmbc["declarations"])
    # before the suspension, it is not there
    early = client.get("/states/UKR?on=2025-01-01").text
    assert "Suspension notification" not in early


def _first_page_fill(pdf_html: str) -> tuple[int, float]:
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    def walk(box):
        yield box
        for child in getattr(box, "children", None) or []:
            yield from walk(child)

    doc = HTML(string=pdf_html).render()
    page = doc.pages[0]
    root = [c for c in page._page_box.children if not isinstance(c, boxes.MarginBox)][0]
    bottom = max(b.position_y + b.height for b in walk(root) if isinstance(b, boxes.LineBox))
    return len(doc.pages), bottom / page.height


def test_pdf_report_has_the_declarations_and_a_full_first_page(client, store_url):
    from treatywatch.report import render
    from treatywatch.report.profile import country_profile
    from treatywatch.store import open_database

    with open_database(store_url) as db:
        profile = country_profile(db, "UKR", None, date(2025, 12, 1))
    html = render.profile_html(profile)
    assert "Suspension notification: Ukraine formally informs" in html
    pages, fill = _first_page_fill(html)
    assert pages >= 2 and fill > 0.8
    assert render.html_to_pdf(html).startswith(b"%PDF")
    assert "- 2025-07-18: Suspension notification" in render.profile_markdown(profile)
