"""HTTP edges through the test client: HEAD and OPTIONS answered, `Allow` on every 405, a day
out of range is a 400, absolute links from the configured base URL (never the Host header),
feed entry ids that are pages, and no local file path in the API."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("path", ["/", "/findings", "/api/v1/findings", "/feeds/findings.atom",
                                  "/static/app.css"])
def test_head_is_answered_like_get_without_a_body(client, path):
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers.get("content-security-policy")


def test_head_of_a_missing_page_is_a_404(client):
    assert client.head("/nowhere").status_code == 404


def test_options_lists_the_methods(client):
    response = client.options("/api/v1/findings")
    assert response.status_code == 204
    assert response.headers["allow"] == "GET, HEAD, OPTIONS"
    assert client.options("/nowhere").status_code == 404


def test_a_write_to_the_read_only_app_is_405_with_allow(client):
    response = client.post("/findings")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["error"]["status"] == 405


def test_a_method_no_route_takes_is_405_with_allow_when_writable(store_url):
    from fastapi.testclient import TestClient

    from treatywatch.web import create_app

    with TestClient(create_app(store_url, read_only=False)) as writable:
        response = writable.delete("/api/v1/findings")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["error"]["status"] == 405


@pytest.mark.parametrize("path", ["/deadlines?on=9999-12-31", "/api/v1/deadlines?on=9999-12-31",
                                  "/api/v1/findings?since=0001-01-01", "/?on=9999-12-31"])
def test_a_day_out_of_range_is_a_400_in_the_error_shape(client, path):
    response = client.get(path)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400
    assert "out of range" in error["message"] and "2999-12-31" in error["message"]
    assert error["message"].startswith(path.split("?")[1].split("=")[0] + "=")


def _feed_links(client, **headers) -> tuple[ET.Element, list[str]]:
    root = ET.fromstring(client.get("/feeds/findings.atom", headers=headers).content)
    links = [link.get("href") for link in root.iter(f"{ATOM}link")]
    return root, links + [e.text for e in root.iter(f"{ATOM}id")]


def test_feed_links_ignore_the_host_header(client):
    _, links = _feed_links(client, host="evil.example")
    assert links and not any("evil.example" in link for link in links)
    assert all(link.startswith("http://testserver") for link in links)


def test_feed_links_follow_the_configured_base_url(store_url):
    from fastapi.testclient import TestClient

    from treatywatch.web import create_app

    app = create_app(store_url, base_url="https://watch.example.org/")
    with TestClient(app) as configured:
        _, links = _feed_links(configured, host="evil.example")
    assert links and all(link.startswith("https://watch.example.org/") for link in links)


def test_feed_entry_ids_point_at_pages_that_exist(client):
    root, _ = _feed_links(client)
    entries = list(root.iter(f"{ATOM}entry"))
    assert entries
    for entry in entries:
        path = entry.find(f"{ATOM}id").text.removeprefix("http://testserver")
        assert path.startswith("/findings/")
        response = client.get(path, headers={"accept": "text/html"})
        assert response.status_code == 200, path
        assert f'id="finding-{path.rsplit("/", 1)[1]}"' in response.text
        link = entry.find(f"{ATOM}link").get("href").removeprefix("http://testserver")
        assert client.get(link).status_code == 200


def test_the_api_never_shows_a_local_path(client):
    article = client.get("/api/v1/articles/1").json()["article"]
    assert article["source"] == "file 2024-11-28-siem-reap-us-mines-ukraine.json"
    for path in ("/api/v1/articles/1", "/api/v1/articles/2", "/api/v1/search?q=mines",
                 "/api/v1/findings", "/api/v1/states/UKR"):
        body = client.get(path).text
        assert "/samples/" not in body and "/work/" not in body, path


def test_public_source_keeps_web_addresses():
    from treatywatch.web.views import public_source

    assert public_source("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert public_source("/srv/data/feeds/x.warc.gz") == "file x.warc.gz"
    assert public_source("C:\\data\\y.json") == "file y.json"
    assert public_source(None) is None
