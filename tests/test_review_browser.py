"""The review flow in a real browser (Playwright on Debian's chromium, TREATYWATCH_TEST_CHROMIUM):
log in, review the first finding of the queue with the keyboard, see it on the country page."""

from __future__ import annotations

import threading
import time

import pytest

from tests.review_support import PASSWORD, make_world
from tests.test_web_browser import ARGS, CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM, reason="set TREATYWATCH_TEST_CHROMIUM to a chromium binary"),
]


@pytest.fixture(scope="module")
def live_url(tmp_path_factory):
    import uvicorn

    from treatywatch.web import create_app

    url, _, _ = make_world("sqlite", tmp_path_factory.mktemp("reviewlive"))
    server = uvicorn.Server(uvicorn.Config(create_app(url, read_only=False), host="127.0.0.1",
                                           port=0, log_level="warning"))
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
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.problems = []
        page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
        page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
        yield page
        browser.close()


def test_log_in_review_from_the_queue_and_see_it_on_the_country_page(page, live_url):
    page.goto(f"{live_url}/queue")
    assert page.locator(".review-form").count() == 0  # not logged in: nothing to send
    page.click("a.login-link")
    page.fill('input[name="name"]', "analyst")
    page.fill('input[name="password"]', PASSWORD)
    page.press('input[name="password"]', "Enter")
    page.wait_for_url("**/queue")
    assert "analyst (analyst)" in page.locator("header.top").inner_text()
    first = page.locator(".queue-item").first
    assert "Prohibited act" in first.inner_text() and "needs review" in first.inner_text()
    finding = first.locator("article.finding").get_attribute("id")
    reason = first.locator("textarea[name=reason]")
    reason.focus()
    page.keyboard.type("Checked against the <b>ministry</b> statement.")
    page.keyboard.press("Tab")  # to the Confirm button
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/queue")
    assert page.locator(f"#{finding}").count() == 0  # gone from the queue
    page.goto(f"{live_url}/states/UKR?on=2024-11-28")
    mark = page.locator(f"#{finding} .verdict-confirmed")
    assert mark.inner_text() == "confirmed"
    page.locator(f"#{finding} a.permalink").click()
    page.wait_for_url("**/findings/**")
    reviews = page.locator(".reviews").inner_text()
    assert "confirmed by analyst" in reviews
    assert "Checked against the <b>ministry</b> statement." in reviews  # text, not markup
    assert page.locator(".reviews b").count() == 0
    assert page.problems == []
