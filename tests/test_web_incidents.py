"""The incident map: through the test client (markers, filters, the shared date control), and in
a real browser (TREATYWATCH_TEST_CHROMIUM) that clicks a marker to its evidence, checks the
highlights, and saves the screenshots docs/web.md shows (docs/img/, when
TREATYWATCH_DOCS_SCREENSHOTS=1; always under artifacts/)."""

from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("TREATYWATCH_TEST_CHROMIUM")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _markers(html: str) -> list[dict[str, str]]:
    found = []
    for tag in re.findall(r'<a class="marker[^>]*>', html):
        found.append(dict(re.findall(r'([a-z0-9-]+)="([^"]*)"', tag)))
    return found


def test_events_are_placed_at_the_named_town_else_the_state(faces):
    markers = _markers(faces.get("/incidents?on=2025-12-01").text)
    places = {(m["data-iso3"], m.get("data-place")) for m in markers}
    assert ("UKR", "Kharkiv") in places  # the evidence names Kharkiv, the gazetteer knows it
    assert ("UKR", None) in places  # the Monitor's figures name no town: the state's middle
    assert ("COL", None) in places and ("MMR", None) in places
    assert sum(int(m["data-count"]) for m in markers) == 9


def test_a_single_event_marker_links_to_its_evidence(faces):
    markers = _markers(faces.get("/incidents?on=2025-12-01&weapon=av_mine").text)
    assert [m["href"] for m in markers] == ["/articles/5#event-0"]
    assert markers[0]["class"] == "marker tone-harm"
    article = faces.get(markers[0]["href"].split("#")[0]).text
    assert 'id="event-0"' in article


def test_filters_by_act_modality_treaty_and_period(faces):
    clear = _markers(faces.get("/incidents?on=2025-12-01&act=clear").text)
    assert [(m["data-place"], m["class"], m["data-count"]) for m in clear] == [
        ("Kharkiv", "marker tone-good", "2")]
    alleged = _markers(faces.get("/incidents?on=2025-12-01&modality=alleged").text)
    assert {m["data-iso3"] for m in alleged} == {"COL", "MMR"}
    assert _markers(faces.get("/incidents?on=2025-12-01&treaty=ccm").text) == []
    period = _markers(faces.get("/incidents?on=2025-12-01&since=2025-03-01").text)
    assert {m["data-iso3"] for m in period} == {"UKR"}  # MMR: February 2025


def test_the_date_control_is_shared_with_the_status_map(faces):
    early = faces.get("/incidents?on=2024-12-31").text
    assert [m["data-iso3"] for m in _markers(early)] == ["UKR"]  # only the 2024 figures
    assert 'href="/?treaty=apmbc&amp;on=2024-12-31"' in early
    assert '<input type="date" name="on" value="2024-12-31"' in early
    home = faces.get("/?on=2024-12-31").text
    assert 'href="/incidents?treaty=apmbc&amp;on=2024-12-31"' in home
    # the background is the status map of that day
    assert re.search(r'<a href="/states/UKR\?treaty=apmbc&amp;on=2024-12-31" '
                     r'class="country status-party"', early)


def test_incident_api_twin(faces):
    data = faces.get("/api/v1/incidents?on=2025-12-01&act=casualty").json()
    assert data["on"] == "2025-12-01" and data["params"]["act"] == "casualty"
    kharkiv = next(m for m in data["markers"] if m["place"] == "Kharkiv")
    assert kharkiv["count"] == 2 and {e["killed"] for e in kharkiv["events"]} == {3}


# --- in a browser -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def faces_live(faces_url):
    import uvicorn

    from treatywatch.web import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(faces_url), host="127.0.0.1", port=0,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = chromium.new_context(viewport={"width": 1280, "height": 860})
        tab = context.new_page()
        tab.problems = []
        tab.on("console", lambda m: m.type == "error" and tab.problems.append(m.text))
        tab.on("pageerror", lambda e: tab.problems.append(f"page error: {e}"))
        yield tab
        chromium.close()


def _shot(page, name: str, selector: str | None = None) -> Path:
    targets = [ROOT / "artifacts" / name]
    if os.environ.get("TREATYWATCH_DOCS_SCREENSHOTS") == "1":
        targets.append(ROOT / "docs" / "img" / name)
    for path in targets:
        path.parent.mkdir(parents=True, exist_ok=True)
        if selector:
            page.locator(selector).screenshot(path=str(path))
        else:
            page.screenshot(path=str(path), full_page=True)
    return targets[0]


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM, reason="set TREATYWATCH_TEST_CHROMIUM to a chromium binary")
def test_incident_map_in_a_browser_marker_to_evidence(page, faces_live):
    page.goto(f"{faces_live}/incidents?treaty=apmbc&on=2025-12-01")
    markers = page.locator("#incidentmap a.marker")
    assert markers.count() == 4
    box = page.locator("#incidentmap").bounding_box()
    assert box["width"] > 600 and box["height"] > 250
    fill = page.locator('#incidentmap a.marker.tone-mixed circle').evaluate(
        "c => getComputedStyle(c).fill")
    assert fill == "rgb(106, 61, 154)"
    assert _shot(page, "incident-map.png", ".incidents").stat().st_size > 10_000
    # a single event's marker opens its evidence, highlighted
    page.locator('#incidentmap a.marker[data-iso3="MMR"]').click()
    page.wait_for_url("**/articles/4#event-0")
    assert page.locator("#event-0").is_visible()
    # the paragraph that is all evidence is not one highlight; no <mark> spans a paragraph
    assert page.locator(".body .evidence-para").count() == 1
    whole = page.evaluate("""() => [...document.querySelectorAll('.body mark')].filter(
        m => m.textContent.trim() === m.closest('p').textContent.trim()).length""")
    assert whole == 0
    assert page.problems == []


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM, reason="set TREATYWATCH_TEST_CHROMIUM to a chromium binary")
def test_country_page_casualty_figures_in_a_browser(page, faces_live):
    page.goto(f"{faces_live}/states/UKR?on=2025-12-01")
    table = page.locator(".casualties table")
    assert table.is_visible()
    rows = table.locator("tbody tr")
    assert rows.count() == 2
    assert "Landmine Monitor" in rows.nth(0).inner_text()
    assert rows.nth(1).inner_text().split("\t")[2:6] == ["4", "5", "1", "–"]
    # the registry's notes of 2025 (the suspension) are on the page, not folded away
    assert page.locator(".declarations li").count() >= 5
    assert page.locator(".declarations").first.is_visible()
    _shot(page, "country-casualties.png", ".state-page")
    # highlights on an article: a sentence inside a paragraph is marked, not the paragraph
    page.goto(f"{faces_live}/articles/1")
    marks = page.locator(".body mark")
    assert marks.count() >= 1
    whole = page.evaluate("""() => [...document.querySelectorAll('.body mark')].filter(
        m => m.textContent.trim() === m.closest('p').textContent.trim()).length""")
    assert whole == 0
    assert page.problems == []
