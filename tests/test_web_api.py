"""The JSON API and the pages through FastAPI's test client, on a store the tests fill."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.web_support import HOSTILE_TITLE

ATOM = "{http://www.w3.org/2005/Atom}"
HTML = {"accept": "text/html"}


def _error(response, status):
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "message", "hint"}
    assert body["error"]["status"] == status
    return body["error"]


def test_map_gives_status_of_states_on_the_day(client):
    body = client.get("/api/v1/map", params={"treaty": "apmbc", "on": "2024-11-28"}).json()
    assert body["statuses"]["UKR"]["status"] == "party"
    assert "USA" not in body["statuses"]  # never signed: not party
    counts = {c["status"]: c["count"] for c in body["counts"]}
    assert counts["party"] > 150
    assert [f["state"] for f in body["latest"]]


def test_map_follows_the_chosen_date(client):
    before = client.get("/api/v1/map", params={"on": "2024-11-28"}).json()["statuses"]
    after = client.get("/api/v1/map", params={"on": "2026-06-01"}).json()["statuses"]
    assert before["FIN"]["status"] == "party"
    assert after["FIN"]["status"] == "withdrawn"


def test_state_file_has_status_deadlines_findings_and_events(client):
    body = client.get("/api/v1/states/UKR", params={"on": "2024-12-01"}).json()
    assert body["state"] == {"iso3": "UKR", "name": "Ukraine"}
    assert body["status"]["status"] == "party"
    art4 = next(d for d in body["deadlines"] if d["article"] == "4")
    assert art4["state"] == "missed"
    kinds = {(f["kind"], f["treaty_article"]) for f in body["findings"]}
    assert ("prohibited_act", "1.1.b") in kinds and ("deadline_missed", "4") in kinds
    assert all(f["evidence"] for f in body["findings"])
    assert {e["act"] for e in body["events"]} >= {"transfer", "use", "destroy_stockpile"}
    assert body["stories"] and body["stories"][0]["outlets"] >= 1


def test_state_by_name_works_and_unknown_state_is_404_with_suggestions(client):
    assert client.get("/api/v1/states/Ukraine").json()["state"]["iso3"] == "UKR"
    error = _error(client.get("/api/v1/states/Ukrane"), 404)
    assert "Ukraine (UKR)" in error["message"]


def test_state_page_redirects_names_to_the_code(client):
    response = client.get("/states/ukraine", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"].startswith("/states/UKR")


def test_findings_filter_and_page(client):
    body = client.get("/api/v1/findings", params={"state": "UKR", "kind": "deadline_missed"}).json()
    assert body["total"] == 1 and body["findings"][0]["treaty_article"] == "4"
    paged = client.get("/api/v1/findings", params={"per_page": 2, "page": 2}).json()
    assert paged["pages"] == 3 and len(paged["findings"]) == 2
    dated = client.get("/api/v1/findings", params={"since": "2025-01-01"}).json()
    assert {f["state"] for f in dated["findings"]} == {"MMR"}


def test_a_finding_on_weak_support_is_shown_as_needs_review_everywhere(client):
    body = client.get("/api/v1/findings", params={"status": "needs_review"}).json()
    assert [(f["state"], f["kind"]) for f in body["findings"]] == [("UKR", "prohibited_act")]
    assert body["findings"][0]["review_reasons"] == ["it rests on a single sentence"]
    asserted = client.get("/api/v1/findings", params={"status": "asserted"}).json()
    assert asserted["total"] == 4 and all(f["status"] == "asserted" for f in asserted["findings"])
    page = client.get("/findings", params={"state": "UKR"}).text
    assert "finding needs-review" in page and "it rests on a single sentence" in page
    feed = ET.fromstring(client.get("/feeds/state/UKR.atom").content)
    titles = [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")]
    assert any(t.startswith("Needs review") and "Prohibited" in t for t in titles)
    assert not any(t.startswith("Needs review") and "Deadline" in t for t in titles)
    assert client.get("/api/v1/findings", params={"status": "maybe"}).status_code == 422


def test_findings_with_a_bad_date_get_the_error_shape(client):
    error = _error(client.get("/api/v1/findings", params={"since": "2024-13-01"}), 422)
    assert "since" in error["message"]
    _error(client.get("/api/v1/findings", params={"since": "2025-01-02",
                                                  "until": "2025-01-01"}), 400)


def test_article_has_text_and_evidence_spans_that_point_into_it(client):
    first = client.get("/api/v1/findings", params={"state": "UKR"}).json()["findings"][0]
    body = client.get(f"/api/v1/articles/{first['article_id']}").json()
    text = body["article"]["text"]
    assert body["spans"]
    for span in body["spans"]:
        assert text[span["start"]:span["end"]].strip()
    assert {e["idx"] for e in body["events"]} == {0, 1, 2}


def test_every_finding_links_to_its_event_by_position(client):
    listed = client.get("/api/v1/findings", params={"state": "UKR"}).json()["findings"]
    profile = client.get("/api/v1/states/UKR", params={"on": "2024-12-01"}).json()["findings"]
    home = client.get("/api/v1/map").json()["latest"]
    for finding in listed + profile + home:
        body = client.get(f"/api/v1/articles/{finding['article_id']}").json()
        idx = {e["id"]: e["idx"] for e in body["events"]}
        assert finding["event_idx"] == idx[finding["event_id"]]
        own = next(f for f in body["findings"] if f["id"] == finding["id"])
        assert own["event_idx"] == finding["event_idx"]


def test_unknown_article_and_path_are_404_in_one_shape(client):
    _error(client.get("/api/v1/articles/999999"), 404)
    _error(client.get("/api/v1/nothing-here"), 404)
    _error(client.get("/api/v1/treaties/nato"), 404)


def test_deadlines_lists_missed_and_upcoming(client):
    body = client.get("/api/v1/deadlines", params={"on": "2024-11-28"}).json()
    assert any(d["iso3"] == "UKR" and d["article"] == "4" for d in body["missed"])
    for d in body["upcoming"]:
        assert "2024-11-28" <= d["current_deadline"] <= body["horizon"]


def test_treaty_page_data(client):
    body = client.get("/api/v1/treaties/ccm").json()
    assert body["pack"]["id"] == "ccm" and body["pack"]["prohibited_acts"]


def test_search_finds_stored_articles(client):
    body = client.get("/api/v1/search", params={"q": "Riabtsev"}).json()
    assert body["total"] == 1 and "Washington" in body["results"][0]["title"]
    assert client.get("/api/v1/search", params={"q": "zzzqqq"}).json()["total"] == 0


def test_pages_render_with_csp_and_no_inline_script(client):
    for path in ["/", "/states/UKR", "/findings", "/deadlines", "/treaties/apmbc", "/search?q=mine",
                 "/docs", "/articles/1"]:
        response = client.get(path, headers=HTML)
        assert response.status_code == 200, path
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "<script>" not in response.text  # every script is an external file
        assert "https://cdn" not in response.text and "//unpkg" not in response.text


def test_home_page_map_has_linked_coloured_countries(client):
    html = client.get("/", params={"on": "2024-11-28"}, headers=HTML).text
    assert 'class="country status-party" data-iso3="UKR"' in html
    assert 'data-iso3="USA"' in html and "status-not_party" in html
    assert 'href="/states/UKR?' in html


def test_hostile_article_text_is_escaped_on_every_page(client):
    hostile = client.get("/api/v1/findings", params={"state": "MMR"}).json()["findings"][0]
    for path in [f"/articles/{hostile['article_id']}", "/", "/findings", "/states/MMR"]:
        html = client.get(path, headers=HTML).text
        assert "<script>alert" not in html and "<script>window" not in html, path
        assert "<img src=x" not in html and "<b onmouseover" not in html, path
    article = client.get(f"/articles/{hostile['article_id']}", headers=HTML).text
    assert "&lt;script&gt;window.__pwned" in article
    assert 'href="javascript:' not in article  # unsafe article URLs are not linked


def test_read_only_refuses_writes(client):
    _error(client.post("/api/v1/findings", json={}), 405)
    _error(client.delete("/api/v1/articles/1"), 405)


def test_html_errors_for_browsers_json_for_the_api(client):
    page = client.get("/states/Atlantis", headers=HTML)
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert "unknown state" in page.text
    _error(client.get("/api/v1/states/Atlantis", headers=HTML), 404)


def test_openapi_lists_every_api_page(client):
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/v1/map", "/api/v1/states/{state}", "/api/v1/findings",
            "/api/v1/articles/{article_id}", "/api/v1/deadlines", "/api/v1/treaties/{treaty}",
            "/api/v1/search"} <= paths


@pytest.mark.parametrize("path", ["/feeds/findings.atom", "/feeds/state/UKR.atom",
                                  "/feeds/treaty/apmbc.atom", "/feeds/state/MMR.atom"])
def test_feeds_are_valid_atom(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{tag}") is not None
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        for tag in ("id", "title", "updated", "summary"):
            assert entry.find(f"{ATOM}{tag}").text
        assert entry.find(f"{ATOM}link").get("href").startswith("http")


def test_state_feed_only_has_that_state(client):
    root = ET.fromstring(client.get("/feeds/state/UKR.atom").content)
    entries = root.findall(f"{ATOM}entry")
    terms = [c.get("term") for e in entries for c in e.findall(f"{ATOM}category")]
    assert "UKR" in terms and "RUS" not in terms and "MMR" not in terms


def test_feed_escapes_hostile_text(client):
    raw = client.get("/feeds/state/MMR.atom").content
    assert b"<script>" not in raw
    root = ET.fromstring(raw)
    summaries = [e.find(f"{ATOM}summary").text for e in root.findall(f"{ATOM}entry")]
    assert any("<script>alert('explanation')</script>" in s for s in summaries)  # as text
    assert HOSTILE_TITLE in summaries[0]


def test_empty_form_fields_mean_no_filter(client):
    response = client.get("/findings?state=&treaty=&kind=&modality=&since=&until=", headers=HTML)
    assert response.status_code == 200
    body = client.get("/api/v1/findings?kind=&since=&state=").json()
    assert body["total"] == 5
