"""Shared pieces of the review tests: a writable app over a filled store (SQLite, and
PostgreSQL when TREATYWATCH_TEST_POSTGRES_URL is set) with a viewer, an analyst and an admin."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tests.storekit import fresh_url
from tests.web_support import fill_store
from treatywatch.accounts import add_user, create_token
from treatywatch.store import open_database

PASSWORD = "correct horse battery"


@dataclass
class World:
    url: str
    client: object
    tokens: dict[str, str]

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}

    def db(self):
        return open_database(self.url)


def make_world(backend: str, tmp_path, **app_options):
    from fastapi.testclient import TestClient

    from treatywatch.web import create_app

    url = fill_store(fresh_url(backend, tmp_path))
    tokens = {}
    with open_database(url) as db:
        for name in ("viewer", "analyst", "admin"):
            add_user(db, name, name, PASSWORD)
            tokens[name] = create_token(db, name)["token"]
    options = {"read_only": False, **app_options}
    return url, TestClient(create_app(url, **options)), tokens


def worlds(backend: str, tmp_path, **app_options):
    """For a test module's `world` fixture (parametrised over BACKENDS)."""
    url, client, tokens = make_world(backend, tmp_path, **app_options)
    with client:
        yield World(url, client, tokens)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def log_in(client, name: str, password: str = PASSWORD):
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"csrf": token, "name": name, "password": password,
                                       "next": "/queue"}, follow_redirects=False)


def finding_id(client, state: str, kind: str) -> int:
    rows = client.get("/api/v1/findings", params={"state": state, "kind": kind}).json()
    return rows["findings"][0]["id"]


def error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    assert body["error"]["message"]
    return body["error"]
