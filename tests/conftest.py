"""Fixtures shared across test modules: the sample store of tests/web_support.py and a test
client of the web app on it (built once per session, read-only)."""

from __future__ import annotations

import pytest

from tests.faces_support import faces, faces_url  # noqa: F401  (the faces tests' store)
from tests.web_support import fill_store


@pytest.fixture(scope="session")
def store_url(tmp_path_factory) -> str:
    return fill_store(tmp_path_factory.mktemp("webstore") / "web.db")


@pytest.fixture(scope="session")
def client(store_url):
    from fastapi.testclient import TestClient

    from treatywatch.web import create_app

    with TestClient(create_app(store_url)) as test_client:
        yield test_client
