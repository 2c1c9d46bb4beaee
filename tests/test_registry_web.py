"""The pages and the API say how current the registry is, warn for a day after it, and show a
late completion and a step short of a deposit as what they are."""

from __future__ import annotations

import html

KNOWN = "2026-02-03"  # the depositary's record the registry was checked against (known_through.csv)


def test_api_deadlines_and_map_say_how_current(client):
    for path in ("/api/v1/deadlines?treaty=apmbc", "/api/v1/map?treaty=apmbc",
                 "/api/v1/treaties/apmbc?", "/api/v1/states/UKR?treaty=apmbc"):
        url = path + "&on=2024-11-28"
        body = client.get(url).json()
        assert body["registry_known_through"]["depositary"] == KNOWN, url


def test_a_day_after_the_registry_is_warned(client):
    later = client.get("/api/v1/map?treaty=apmbc&on=2026-06-01").json()
    assert any(KNOWN in w and "2026-06-01" in w for w in later["warnings"])
    earlier = client.get("/api/v1/map?treaty=apmbc&on=2025-06-01").json()
    assert not any("depositary" in w for w in earlier["warnings"])
    page = html.unescape(client.get("/deadlines?treaty=apmbc&on=2026-06-01").text)
    assert "Registry known through" in page and f"{KNOWN} (depositary)" in page
    assert "2026-06-01 is later" in page


def test_country_page_shows_completed_late_with_how_late(client):
    page = html.unescape(client.get("/states/BLR?treaty=apmbc&on=2024-11-28").text)
    assert "completed_late" in page
    assert "completed late: deadline 2008-03-01, completed 2017-04-05" in page
    # between the deadline and the completion it reads missed
    page = html.unescape(client.get("/states/BLR?treaty=apmbc&on=2012-01-01").text)
    assert 'class="deadline-state missed"' in page


def test_country_page_shows_undeposited_steps_as_not_counted(client):
    page = html.unescape(client.get("/states/UKR?treaty=apmbc&on=2025-12-01").text)
    assert "no notice of withdrawal deposited — not counted" in page
    status = client.get("/api/v1/status/UKR?treaty=apmbc&on=2025-12-01").json()
    assert status["status"] == "party"
