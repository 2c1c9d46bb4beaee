"""The pages in a real browser: Playwright driving Debian's chromium (TREATYWATCH_TEST_CHROMIUM).

Screenshots of the home page and of Ukraine's page are saved under artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from tests.web_support import HOSTILE_TITLE, ROOT

CHROMIUM = os.environ.get("TREATYWATCH_TEST_CHROMIUM")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "artifacts"
PARTY_FILL = "rgb(47, 125, 79)"  # --party in app.css

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM, reason="set TREATYWATCH_TEST_CHROMIUM to a chromium binary"),
]


@pytest.fixture(scope="module")
def live_url(store_url):
    import uvicorn

    from treatywatch.web import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(store_url), host="127.0.0.1", port=0,
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


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.problems = []  # console errors (a CSP violation shows up here) and dialogs
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    yield page
    context.close()


def _shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def test_home_map_renders_coloured_countries(page, live_url):
    page.goto(f"{live_url}/?treaty=apmbc&on=2024-11-28")
    parties = page.locator("#worldmap a.country.status-party")
    assert parties.count() > 100
    assert page.locator("#worldmap a.country.status-not_party").count() > 20
    fill = page.locator('#worldmap a[data-iso3="UKR"] path').evaluate(
        "p => getComputedStyle(p).fill")
    assert fill == PARTY_FILL
    box = page.locator("#worldmap").bounding_box()
    assert box["width"] > 600 and box["height"] > 250
    assert page.locator(".legend li").count() == 7
    assert page.locator(".latest .finding").count() >= 4
    assert _shot(page, "home.png").stat().st_size > 10_000
    assert page.problems == []


def test_clicking_ukraine_opens_its_page_with_the_seed_findings(page, live_url):
    page.goto(f"{live_url}/?treaty=apmbc&on=2024-11-28")
    page.locator('#worldmap a[data-iso3="UKR"]').click()
    page.wait_for_url("**/states/UKR**")
    assert page.locator("h1").inner_text().startswith("Ukraine")
    findings = page.locator(".findings .finding")
    assert findings.count() == 2
    text = page.locator(".findings").inner_text()
    assert "Prohibited act" in text and "Art. 1.1.b" in text
    assert "Deadline missed" in text and "Art. 4" in text
    assert "it would transfer anti-personnel mines to Ukraine" in text  # the evidence
    assert page.locator(".deadlines .deadline-state.missed").count() >= 1
    _shot(page, "state-UKR.png")
    page.locator(".findings .finding a.source").first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator(".body mark").count() == 3  # three evidence spans highlighted
    assert page.problems == []


def test_hostile_article_markup_is_inert(page, live_url):
    page.goto(f"{live_url}/search?q=Officials")
    page.locator("ol.results a").first.click()
    page.wait_for_url("**/articles/**")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == HOSTILE_TITLE  # shown as text
    body = page.locator(".article-page .body")
    assert "<script>window.__pwned = 1;" in body.inner_text()
    assert "onerror=" in body.inner_text()
    assert body.locator("script, img, b, i").count() == 0  # no element was created
    assert page.evaluate("() => window.__pwned === undefined")
    page.locator(".article-page .body").hover()
    assert page.problems == []  # no alert, no dialog, no error


def test_date_control_redraws_the_map(page, live_url):
    page.goto(f"{live_url}/?treaty=apmbc&on=2024-11-28")
    assert page.locator('#worldmap a[data-iso3="FIN"]').get_attribute("class") == (
        "country status-party")
    page.fill('input[name="on"]', "2026-06-01")
    page.click('form.controls button[type="submit"]')
    page.wait_for_url("**on=2026-06-01**")
    page.wait_for_selector('#worldmap a[data-iso3="FIN"].status-withdrawn')
    assert "on 2026-06-01" in page.locator("h1").inner_text()
    assert page.problems == []


def test_findings_filter_swaps_results_in_place(page, live_url):
    page.goto(f"{live_url}/findings")
    assert page.locator("#results .finding").count() == 5
    page.evaluate("() => { window.__same_page = true; }")
    page.select_option('select[name="kind"]', "deadline_missed")
    page.wait_for_function("() => document.querySelectorAll('#results .finding').length === 1")
    assert page.evaluate("() => window.__same_page === true")  # HTMX swapped, no reload
    assert "kind=deadline_missed" in page.url
    assert page.problems == []
