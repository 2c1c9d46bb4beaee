"""Downloads are streamed a chunk at a time: the file is the same whatever the chunk size, is
cut at views.MAX_ROWS, and a bad filter is still refused with its error before any byte."""

from __future__ import annotations

import csv
import io

import pytest

from treatywatch.web import downloads, views


@pytest.mark.parametrize("path", ["/findings.csv", "/findings.json", "/events.csv",
                                  "/events.json"])
def test_a_file_is_the_same_read_in_chunks_of_one_as_in_one_chunk(client, monkeypatch, path):
    whole = client.get(path)
    monkeypatch.setattr(downloads, "CHUNK", 1)
    monkeypatch.setattr(downloads, "LATER", 2)
    chunked = client.get(path)
    assert whole.status_code == chunked.status_code == 200
    assert chunked.content == whole.content
    if path.endswith(".json"):
        body = whole.json()
        assert body["total"] == len(body["rows"]) > 1
        assert set(body) == {"params", "rows", "total"}
    else:
        rows = list(csv.DictReader(io.StringIO(whole.text)))
        assert len(rows) > 1 and rows[0]["id"]


def test_a_file_stops_at_max_rows_even_mid_chunk(client, monkeypatch):
    total = client.get("/findings.json").json()["total"]
    assert total >= 3
    monkeypatch.setattr(downloads, "CHUNK", 1)
    monkeypatch.setattr(downloads, "LATER", 4)
    monkeypatch.setattr(views, "MAX_ROWS", 3)
    body = client.get("/findings.json").json()
    assert body["total"] == len(body["rows"]) == 3
    assert len(list(csv.DictReader(io.StringIO(client.get("/events.csv").text)))) == 3


def test_an_empty_listing_still_has_its_header(client):
    text = client.get("/findings.csv", params={"state": "ISL"}).text
    assert text.splitlines() == [",".join(downloads.FINDING_COLUMNS)]
    assert client.get("/events.json", params={"state": "ISL"}).json()["rows"] == []


def test_a_bad_filter_is_refused_before_the_file_starts(client):
    response = client.get("/findings.csv", params={"since": "2025-01-01", "until": "2024-01-01"})
    assert response.status_code == 400
    assert "since" in response.json()["error"]["message"]
