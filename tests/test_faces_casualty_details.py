"""Civilians, children and the device, the real path end to end: three articles of our own are
ingested through the CLI (prefilter, extraction, store), then read back through the country page,
the API, the events downloads, `treatywatch events` and `treatywatch export` — exact values."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from typer.testing import CliRunner

from tests.storekit import write_jsonl
from treatywatch.cli import app

ARTICLES = [
    {"title": "Landmine kills two children in Cambodia",
     "text": "Two children were killed by an anti-personnel mine in Battambang province, "
             "Cambodia, police said.\nThe province is one of the most heavily mined in the "
             "country.",
     "published": "2025-05-05", "url": "https://news.example.org/battambang",
     "outlet": "Example Wire"},
    {"title": "Seven hurt in Pailin mine blast",
     "text": "A landmine injured seven civilians, including three children, in Pailin province, "
             "Cambodia, officials said.\nDeminers have cleared much of the province in recent "
             "years.",
     "published": "2025-08-10", "url": "https://news.example.org/pailin",
     "outlet": "Example Wire"},
    {"title": "Old bomb kills three villagers",
     "text": "Three villagers were killed by unexploded ordnance in Kampot province, Cambodia, "
             "in March 2024.\nThe device dated from the 1970s.",
     "published": "2024-03-12", "url": "https://news.example.org/kampot",
     "outlet": "Example Wire"},
]
# (killed, injured, civilians, children, device) of each article's casualty event
WANTED = {
    "https://news.example.org/battambang": ("2", "", "", "2", "anti-personnel mine"),
    "https://news.example.org/pailin": ("", "7", "7", "3", ""),
    "https://news.example.org/kampot": ("3", "", "3", "", "unexploded ordnance"),
}
FIGURES = ("killed", "injured", "civilians", "children", "device")


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp("details")
    db = str(tmp / "details.db")
    _run("db", "upgrade", "--db", db)
    _run("ingest", str(write_jsonl(tmp / "cambodia.jsonl", ARTICLES)), "--db", db, "--quiet")
    return db


@pytest.fixture(scope="module")
def client(store):
    from fastapi.testclient import TestClient

    from treatywatch.store import resolve_url
    from treatywatch.web import create_app

    with TestClient(create_app(resolve_url(store))) as test_client:
        yield test_client


def _by_url(rows: list[dict]) -> dict[str, tuple]:
    return {r["article_url"]: tuple("" if r[f] is None else str(r[f]) for f in FIGURES)
            for r in rows}


def test_country_api_aggregates_civilians_and_children_per_year(client):
    years = {y["year"]: y["incidents"] for y in client.get("/api/v1/states/KHM").json()[
        "casualties"]}
    assert {y: (v["count"], v["killed"], v["injured"], v["civilians"], v["children"])
            for y, v in years.items()} == {2024: (1, 3, None, 3, None),
                                           2025: (2, 2, 7, 7, 5)}


def test_country_page_shows_them(client):
    html = client.get("/states/KHM").text
    row = re.search(r'<tr class="from-incidents" data-year="2025">(.*?)</tr>', html,
                    re.S).group(1)
    assert re.findall(r"<td>(.*?)</td>", row, re.S)[2:6] == ["2", "7", "7", "5"]
    row = re.search(r'<tr class="from-incidents" data-year="2024">(.*?)</tr>', html,
                    re.S).group(1)
    assert re.findall(r"<td>(.*?)</td>", row, re.S)[2:6] == ["3", "–", "3", "–"]


def test_events_downloads_carry_the_figures(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/events.csv?act=casualty&state=KHM")
                                           .text)))
    assert {r["article_url"]: tuple(r[f] for f in FIGURES) for r in rows} == WANTED
    data = client.get("/events.json?act=casualty&state=KHM").json()
    assert _by_url(data["rows"]) == WANTED


SHOWN = ["2 killed, 2 children, anti-personnel mine", "7 injured, 7 civilians, 3 children",
         "3 killed, 3 civilians, unexploded ordnance"]


@pytest.mark.parametrize("page", ["/events?act=casualty&state=KHM", "/states/KHM"])
def test_listing_and_country_page_show_each_events_figures(client, page):
    shown = re.findall(r'<span class="figures">(.*?)</span>', client.get(page).text)
    assert sorted(shown) == sorted(SHOWN)


def test_article_page_shows_its_events_figures(client):
    data = client.get("/events.json?act=casualty&state=KHM").json()
    first = next(r for r in data["rows"] if r["article_url"].endswith("/battambang"))
    html = client.get(f"/articles/{first['article_id']}").text
    assert re.findall(r'<span class="figures">(.*?)</span>', html) == [SHOWN[0]]


def test_cli_events_and_export_carry_the_figures(store, tmp_path):
    rows = list(csv.DictReader(io.StringIO(_run("events", "--db", store, "--act", "casualty",
                                                "--csv"))))
    titles = {a["title"]: a["url"] for a in ARTICLES}
    assert {titles[r["article_title"]]: tuple(r[f] for f in FIGURES) for r in rows} == WANTED

    _run("export", str(tmp_path / "csv"), "--format", "csv", "--db", store)
    articles = {r["id"]: r["url"] for r in csv.DictReader(
        (tmp_path / "csv" / "articles.csv").open(encoding="utf-8"))}
    events = [r for r in csv.DictReader((tmp_path / "csv" / "events.csv").open(encoding="utf-8"))
              if r["act"] == "casualty"]
    assert {articles[r["article_id"]]: tuple(r[f] for f in FIGURES) for r in events} == WANTED

    _run("export", str(tmp_path / "jsonl"), "--format", "jsonl", "--db", store)
    lines = [json.loads(line) for line in
             (tmp_path / "jsonl" / "events.jsonl").read_text("utf-8").splitlines()]
    got = {articles[str(e["article_id"])]: tuple("" if e[f] is None else str(e[f])
                                                 for f in FIGURES)
           for e in lines if e["act"] == "casualty"}
    assert got == WANTED

    _run("export", str(tmp_path / "pq"), "--format", "parquet", "--db", store)
    import pyarrow.parquet as pq

    table = pq.read_table(tmp_path / "pq" / "events.parquet").to_pylist()
    assert {(e["civilians"], e["children"], e["device"]) for e in table
            if e["act"] == "casualty"} == {(None, 2, "anti-personnel mine"), (7, 3, None),
                                           (3, None, "unexploded ordnance")}


def test_cli_analyze_json_gives_the_figures(tmp_path):
    path = tmp_path / "battambang.txt"
    path.write_text(ARTICLES[0]["title"] + "\n" + ARTICLES[0]["text"], "utf-8")
    (line,) = _run("analyze", str(path), "--json").splitlines()
    (event,) = [e for e in json.loads(line)["events"] if e["act"] == "casualty"]
    assert {f: event[f] for f in FIGURES} == {"killed": 2, "injured": None, "civilians": None,
                                              "children": 2, "device": "anti-personnel mine"}


def test_one_child_or_civilian_reads_singular(faces):
    html = faces.get("/states/UKR?on=2025-12-01").text
    assert '<span class="figures">1 killed, 1 civilian, anti-vehicle mine</span>' in html
