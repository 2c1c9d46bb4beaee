"""Pieces of the web app that need no store: the map, evidence highlighting, Atom, filters."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from treatywatch.report.filters import safe_url
from treatywatch.web import worldmap
from treatywatch.web.feeds import Entry, atom
from treatywatch.web.highlight import Span, paragraphs, segments


def test_map_has_the_countries_keyed_by_iso3():
    shapes = {s.iso3: s for s in worldmap.shapes() if s.iso3}
    assert len(shapes) > 170
    assert {"UKR", "USA", "RUS", "FIN", "KHM", "FJI"} <= set(shapes)
    assert "ATA" not in shapes  # Antarctica is left out


def test_no_map_ring_runs_across_the_whole_map():
    for shape in worldmap.shapes():
        for ring in shape.path.split("M")[1:]:
            xs = [float(p.split(",")[0]) for p in ring.rstrip("Z").split()]
            assert max(xs) - min(xs) < worldmap.WIDTH * 0.8, shape.name
            assert 0 <= min(xs) and max(xs) <= worldmap.WIDTH


def test_segments_cover_the_text_exactly_and_mark_spans():
    text = "abc <b>def</b> ghi"
    parts = segments(text, [Span(4, 14, "event-0"), Span(8, 18, "event-1"), Span(50, 60, "x")])
    assert "".join(p.text for p in parts) == text
    assert [(p.text, p.refs) for p in parts] == [
        ("abc ", []), ("<b>d", ["event-0"]), ("ef</b>", ["event-0", "event-1"]),
        (" ghi", ["event-1"])]


def test_paragraphs_split_on_newlines_and_keep_marks():
    paras = paragraphs("one two\nthree", [Span(4, 13, "e")])
    assert [[(s.text, s.refs) for s in p] for p in paras] == [
        [("one ", []), ("two", ["e"])], [("three", ["e"])]]


def test_atom_escapes_and_drops_control_characters():
    entry = Entry("tag:x,2024:1", "<b>t</b> & \x01", datetime(2024, 1, 2, tzinfo=UTC),
                  "http://h/a?x=1&y=2", "</summary><script>")
    raw = atom("tag:x,2024:feed", "F & G", "http://h/f", "http://h/", [entry])
    root = ET.fromstring(raw)
    ns = "{http://www.w3.org/2005/Atom}"
    assert root.find(f"{ns}entry/{ns}title").text == "<b>t</b> & "
    assert root.find(f"{ns}entry/{ns}summary").text == "</summary><script>"
    assert root.find(f"{ns}updated").text == "2024-01-02T00:00:00Z"


def test_only_http_links_are_kept():
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("JaVaScRiPt:alert(1)") is None
    assert safe_url("data:text/html,x") is None
