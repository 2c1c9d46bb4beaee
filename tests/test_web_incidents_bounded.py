"""The incident map is bounded: it places the newest MAX_EVENTS events and says so, and a
marker's JSON lists at most MARKER_EVENTS of its events while counting them all."""

from __future__ import annotations

import re

from treatywatch.web import incidents


def _counts(html: str) -> list[int]:
    return [int(c) for c in re.findall(r'<a class="marker[^>]*data-count="(\d+)"', html)]


def test_the_page_says_when_it_shows_only_the_newest_events(faces, monkeypatch):
    whole = faces.get("/incidents?on=2025-12-01").text
    assert "Showing the newest" not in whole
    total = sum(_counts(whole))
    assert total > 2
    monkeypatch.setattr(incidents, "MAX_EVENTS", 2)
    capped = faces.get("/incidents?on=2025-12-01").text
    assert sum(_counts(capped)) == 2
    assert f"Showing the newest 2 of {total} events" in capped
    data = faces.get("/api/v1/incidents?on=2025-12-01").json()
    assert (data["shown"], data["total"]) == (2, total)


def test_a_marker_lists_a_few_of_its_events_and_counts_them_all(faces, monkeypatch):
    before = faces.get("/api/v1/incidents?on=2025-12-01").json()["markers"]
    crowded = max(before, key=lambda m: m["count"])
    assert crowded["count"] >= 2 and len(crowded["events"]) == crowded["count"]
    monkeypatch.setattr(incidents, "MARKER_EVENTS", 1)
    after = faces.get("/api/v1/incidents?on=2025-12-01").json()["markers"]
    same = next(m for m in after if (m["iso3"], m["place"]) == (crowded["iso3"],
                                                                 crowded["place"]))
    assert same["count"] == crowded["count"] and same["tone"] == crowded["tone"]
    assert same["events"] == crowded["events"][:1]
