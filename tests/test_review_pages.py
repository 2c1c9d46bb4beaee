"""The review pages through the test client: log in and out, CSRF on every form, the login
rate limit, reviewing from the queue, badges where findings show, permalinks, --private."""

from __future__ import annotations

import pytest

from tests.review_support import PASSWORD, csrf_of, error, finding_id, log_in, make_world, worlds
from tests.storekit import BACKENDS

HTML = {"Accept": "text/html"}


@pytest.fixture(params=BACKENDS)
def world(request, tmp_path):
    yield from worlds(request.param, tmp_path)


def test_log_in_sets_a_safe_session_cookie_and_log_out_ends_it(world):
    r = log_in(world.client, "analyst")
    assert r.status_code == 303 and r.headers["location"] == "/queue"
    cookie = r.headers["set-cookie"]
    assert "tw_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    page = world.client.get("/queue")
    assert "analyst (analyst)" in page.text and "Log out" in page.text
    token = csrf_of(page.text)
    error(world.client.post("/logout", data={}, follow_redirects=False), 403)  # no CSRF
    assert "Log out" in world.client.get("/queue").text
    r = world.client.post("/logout", data={"csrf": token}, follow_redirects=False)
    assert r.status_code == 303
    assert "Log out" not in world.client.get("/queue").text
    actions = [e["action"] for e in world.client.get(
        "/api/v1/audit", headers=world.auth("admin")).json()["entries"]]
    assert actions[-2:] == ["login", "logout"]


def test_a_wrong_password_is_refused_and_logins_are_rate_limited(world):
    for _ in range(5):
        r = log_in(world.client, "analyst", "wrong password!")
        assert r.status_code == 401 and "Wrong name or password" in r.text
    error(log_in(world.client, "analyst"), 429)  # even the right password, for now
    error(log_in(world.client, "admin", "wrong password!"), 429)  # same address


def test_a_login_form_without_its_csrf_token_is_refused(world):
    world.client.get("/login")
    r = world.client.post("/login", data={"name": "analyst", "password": PASSWORD})
    error(r, 403)
    r = world.client.post("/login", data={"name": "analyst", "password": PASSWORD,
                                          "csrf": "forged-forged-forged-forged"})
    error(r, 403)


def test_reviewing_from_the_queue_shows_on_the_country_page(world):
    log_in(world.client, "analyst")
    queue = world.client.get("/queue")
    fid = finding_id(world.client, "UKR", "prohibited_act")
    assert queue.text.index(f'id="finding-{fid}"') < queue.text.index('kind-non_party_act')
    form = {"csrf": csrf_of(queue.text), "verdict": "confirmed", "next": "/queue",
            "reason": "Seen in the <script>alert(1)</script> wire copy."}
    error(world.client.post(f"/findings/{fid}/review", data={**form, "csrf": ""}), 403)
    r = world.client.post(f"/findings/{fid}/review", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/queue"
    assert f'id="finding-{fid}"' not in world.client.get("/queue").text
    state = world.client.get("/states/UKR?on=2024-11-28").text
    assert 'class="verdict verdict-confirmed"' in state and f'href="/findings/{fid}"' in state
    page = world.client.get(f"/findings/{fid}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "review.finding" in page  # the history shows the audit entry


def test_a_viewer_sees_no_review_form_and_cannot_post_one(world):
    log_in(world.client, "viewer")
    fid = finding_id(world.client, "UKR", "prohibited_act")
    page = world.client.get(f"/findings/{fid}").text
    assert "review-form" not in page
    r = world.client.post(f"/findings/{fid}/review", data={
        "csrf": csrf_of(page), "verdict": "confirmed", "reason": "x"})
    error(r, 403)


def test_a_form_post_without_a_session_is_401(world):
    fid = finding_id(world.client, "UKR", "prohibited_act")
    error(world.client.post(f"/findings/{fid}/review",
                            data={"verdict": "confirmed", "reason": "x"}), 401)


def test_permalinks_of_finding_and_event(world):
    fid = finding_id(world.client, "UKR", "deadline_missed")
    page = world.client.get(f"/findings/{fid}")
    assert page.status_code == 200 and "apmbc.deadline_missed.v1" in page.text
    event_id = world.client.get(f"/api/v1/findings/{fid}").json()["finding"]["event_id"]
    assert f'href="/events/{event_id}"' in page.text
    event = world.client.get(f"/events/{event_id}")
    assert event.status_code == 200 and "destroy_stockpile" in event.text
    missing = world.client.get("/findings/424242", headers=HTML)
    assert missing.status_code == 404 and "no finding 424242" in missing.text


def test_login_redirects_only_to_this_site(world):
    token = csrf_of(world.client.get("/login").text)
    r = world.client.post("/login", follow_redirects=False, data={
        "csrf": token, "name": "analyst", "password": PASSWORD, "next": "//evil.example/x"})
    assert r.status_code == 303 and r.headers["location"] == "/queue"


def test_a_read_only_server_refuses_reviews_but_lets_people_log_in(tmp_path):
    _, client, tokens = make_world("sqlite", tmp_path, read_only=True)
    with client:
        error(client.post("/api/v1/findings/1/review", json={"verdict": "confirmed",
              "reason": "x"}, headers={"Authorization": f"Bearer {tokens['analyst']}"}), 405)
        assert log_in(client, "analyst").status_code == 303


def test_private_mode_asks_a_login_for_everything(tmp_path):
    _, client, tokens = make_world("sqlite", tmp_path, private=True)
    with client:
        error(client.get("/api/v1/findings"), 401)
        error(client.get("/feeds/findings.atom"), 401)
        r = client.get("/", headers=HTML, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login")
        assert client.get("/login").status_code == 200
        assert client.get("/static/app.css").status_code == 200
        viewer = {"Authorization": f"Bearer {tokens['viewer']}"}
        assert client.get("/api/v1/findings", headers=viewer).status_code == 200
        log_in(client, "viewer")
        assert client.get("/", headers=HTML).status_code == 200


def test_cookies_are_secure_over_https(tmp_path):
    from fastapi.testclient import TestClient

    from treatywatch.web import create_app

    url, _, _ = make_world("sqlite", tmp_path)
    with TestClient(create_app(url, read_only=False), base_url="https://testserver") as client:
        assert "Secure" in client.get("/login").headers["set-cookie"]
        r = log_in(client, "analyst")
        assert "tw_session=" in r.headers["set-cookie"] and "Secure" in r.headers["set-cookie"]


def test_disabling_a_user_ends_their_session_at_once(world):
    from treatywatch.accounts import disable_user

    log_in(world.client, "analyst")
    page = world.client.get("/queue").text
    assert "review-form" in page
    with world.db() as db:
        disable_user(db, "analyst")
    page2 = world.client.get("/queue").text
    assert "review-form" not in page2 and "Log out" not in page2
    fid = finding_id(world.client, "UKR", "prohibited_act")
    error(world.client.post(f"/findings/{fid}/review", data={
        "csrf": csrf_of(page), "verdict": "confirmed", "reason": "x"}), 401)


def test_an_event_amended_through_its_form_corrects_it(world):
    log_in(world.client, "analyst")
    rus = finding_id(world.client, "RUS", "non_party_act")
    event_id = world.client.get(f"/api/v1/findings/{rus}").json()["finding"]["event_id"]
    page = world.client.get(f"/events/{event_id}").text
    r = world.client.post(f"/events/{event_id}/review", follow_redirects=False, data={
        "csrf": csrf_of(page), "verdict": "amended", "reason": "It happened in Kherson.",
        "location": "UKR", "actor": ""})
    assert r.status_code == 303 and r.headers["location"] == f"/events/{event_id}"
    shown = world.client.get(f"/events/{event_id}").text
    assert "It happened in Kherson." in shown and "amended" in shown


def test_queue_filters_by_kind_and_dates(world):
    rows = world.client.get("/api/v1/queue", params={"kind": "deadline_missed"}).json()
    assert [f["kind"] for f in rows["findings"]] == ["deadline_missed"]
    later = world.client.get("/api/v1/queue", params={"since": "2025-01-01"}).json()
    assert {f["on_date"] >= "2025-01-01" for f in later["findings"]} == {True}
    assert len(later["findings"]) == 1  # the hostile article's, dated 2025-01-15
    page = world.client.get("/queue", params={"kind": "deadline_missed"}).text
    assert page.count('class="queue-item"') == 1
