"""Casualty figures per year (incidents once per story, report totals apart), dates shown with
their precision, and the listings' CSV and JSON downloads, through the test client."""

from __future__ import annotations

import csv
import io
import re

import pytest

from treatywatch.report.casualties import casualty_figures, report_publisher


def test_country_api_gives_casualties_per_year_without_double_counting(faces):
    years = {y["year"]: y for y in faces.get("/api/v1/states/UKR").json()["casualties"]}
    assert set(years) == {2024, 2025}
    # 2025: the Kharkiv blast (3 killed, 5 injured) told by two copies of one story, and the
    # Mykolaiv tractor (1 killed, a civilian): two incidents, not three
    incidents = years[2025]["incidents"]
    assert (incidents["count"], incidents["killed"], incidents["injured"]) == (2, 4, 5)
    assert incidents["civilians"] == 1 and incidents["children"] is None
    assert years[2025]["reports"] == []
    # 2024: the Monitor's totals, as a report, never added to incidents
    (report,) = years[2024]["reports"]
    assert (report["publisher"], report["killed"], report["injured"]) == (
        "Landmine Monitor", 221, 656)
    assert years[2024]["incidents"]["count"] == 0
    assert years[2024]["incidents"]["killed"] is None


def test_country_page_marks_report_and_incident_figures(faces):
    html = faces.get("/states/UKR").text
    section = re.search(r'<section class="casualties">.*?</section>', html, re.S).group(0)
    incident = re.search(r'<tr class="from-incidents" data-year="2025">(.*?)</tr>', section,
                         re.S).group(1)
    cells = re.findall(r"<td>(.*?)</td>", incident, re.S)
    assert cells[2:6] == ["4", "5", "1", "–"]
    assert 'class="figure-source incidents">incidents</span> 2' in incident
    report = re.search(r'<tr class="from-report" data-year="2024">(.*?)</tr>', section,
                       re.S).group(1)
    assert "Landmine Monitor" in report and "<td>221</td><td>656</td>" in report
    assert 'href="/articles/3#event-0"' in report


def test_no_figures_says_so(faces):
    html = faces.get("/states/FRA").text
    assert "No casualty figures stored for this state." in html


def test_the_same_incident_in_one_story_counts_once_but_two_stories_add():
    base = {"act": "casualty", "location": "UKR", "when": "2025-05-04", "killed": 2,
            "injured": None, "article_published": "2025-05-05"}
    events = [
        {**base, "id": 1, "article_id": 1, "story_id": 7},
        {**base, "id": 2, "article_id": 2, "story_id": 7, "killed": 3},  # a copy says 3
        {**base, "id": 3, "article_id": 3, "story_id": 8},  # another story
        {**base, "id": 4, "article_id": 4, "story_id": None, "killed": None},  # no figure
    ]
    (year,) = casualty_figures(events)
    assert year["incidents"]["count"] == 2 and year["incidents"]["killed"] == 5


def test_report_publishers_are_data():
    assert report_publisher({"speaker": "UNMAS"}) == "United Nations"
    assert report_publisher({"article_outlet": "Landmine Monitor"}) == "Landmine Monitor"
    assert report_publisher({"speaker": "a village elder", "article_title": "Blast"}) is None


def test_event_dates_show_their_precision(faces):
    html = faces.get("/states/UKR").text
    assert '<time datetime="2025-02" data-precision="month">February 2025</time>' in html
    assert '<time datetime="2024" data-precision="year">2024</time>' in html
    events = faces.get("/events?act=casualty").text
    assert "March 2025" in events and "2025-03-01" not in events
    article = faces.get("/articles/1").text
    assert '<time datetime="2025-02" data-precision="month">February 2025</time>' in article


def test_a_finding_judged_on_a_month_shows_the_month(faces, faces_url):
    html = faces.get("/findings?state=MMR").text
    assert re.search(r'<time datetime="2025-02" data-precision="month" title="judged on '
                     r'2025-02-01 \(event date: the text gives February 2025 only, judged on '
                     r'its first day: the first day the text could mean\)">February 2025</time>',
                     html)
    rows = _csv_rows(faces.get("/findings.csv?state=MMR"))
    assert (rows[0]["on_date"], rows[0]["on_precision"]) == ("2025-02-01", "month")
    from datetime import date

    from treatywatch.report import render
    from treatywatch.report.digest import digest
    from treatywatch.store import open_database

    with open_database(faces_url) as db:
        made = digest(db, date(2000, 1, 1), date(2100, 1, 1), None)
    assert "- February 2025 **Act of a non-party**" in render.digest_markdown(made)


def test_armed_group_use_is_shown_on_the_state_as_information(faces):
    html = faces.get("/states/COL").text
    assert "Armed group&#39;s act" in html or "Armed group's act" in html
    assert "not a breach by Colombia" in html


def test_report_dates_show_their_precision(faces_url):
    from datetime import date

    from treatywatch.report import render
    from treatywatch.report.profile import country_profile
    from treatywatch.store import open_database

    with open_database(faces_url) as db:
        profile = country_profile(db, "UKR", None, date(2025, 12, 1))
    md = render.profile_markdown(profile)
    assert "- February 2025: " in md and "- 2024: " in md
    assert "| 2025 | 2 | 4 | 5 | 1 |  |" in md
    assert "Landmine Monitor: 221 killed, 656 injured" in md


def test_precision_filters():
    from treatywatch.report.filters import day_iso, day_shown

    assert day_shown("2025-02-01", "month") == "February 2025"
    assert day_shown("2025-01-01", "year") == "2025"
    assert day_shown("2025-02-03", "approximate") == "about 2025-02-03"
    assert day_shown("2025-02-03", None) == "2025-02-03"
    assert day_iso("2025-02-01", "month") == "2025-02"


@pytest.mark.parametrize("page", ["/findings?state=UKR", "/events?act=casualty",
                                  "/deadlines?on=2025-01-01", "/search?q=mine"])
def test_every_listing_links_its_downloads_with_the_filters(faces, page):
    html = faces.get(page).text
    path, _, query = page.partition("?")
    assert f'href="{path}.csv?{query}"' in html
    assert f'href="{path}.json?{query}"' in html


def _csv_rows(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    return list(csv.DictReader(io.StringIO(response.text)))


def test_events_download_has_the_filters_and_the_figures(faces):
    rows = _csv_rows(faces.get("/events.csv?act=casualty&state=UKR"))
    assert {r["act"] for r in rows} == {"casualty"}
    assert len(rows) == 4  # two copies of the blast, the Monitor, the tractor
    tractor = next(r for r in rows if r["device"] == "anti-vehicle mine")
    assert (tractor["when"], tractor["when_precision"], tractor["killed"],
            tractor["civilians"]) == ("2025-03-01", "month", "1", "1")
    data = faces.get("/events.json?act=casualty&state=UKR").json()
    assert data["params"]["act"] == "casualty" and data["total"] == 4
    assert sorted(r["id"] for r in data["rows"]) == sorted(int(r["id"]) for r in rows)
    only_av = faces.get("/events.json?weapon=av_mine").json()
    assert [r["device"] for r in only_av["rows"]] == ["anti-vehicle mine"]


def test_findings_download_is_filtered_and_readable(faces):
    rows = _csv_rows(faces.get("/findings.csv?kind=progress"))
    assert rows and {r["kind"] for r in rows} == {"progress"}
    assert all("The text:" not in r["explanation"] for r in rows)
    assert rows[0]["event_act"] == "clear"
    assert faces.get("/findings.json?kind=withdrawal").json()["rows"] == []


def test_deadlines_and_search_downloads(faces):
    rows = _csv_rows(faces.get("/deadlines.csv?on=2025-01-01"))
    assert {r["list"] for r in rows} <= {"missed", "unconfirmed", "upcoming"}
    assert any(r["list"] == "missed" for r in rows)
    found = faces.get("/search.json?q=tractor").json()
    assert [r["title"] for r in found["rows"]] == ["Farmer killed by mine in Mykolaiv region"]
    assert faces.get("/deadlines.csv?on=9999-12-31").status_code == 400


def test_csv_cells_never_start_a_formula():
    from treatywatch.web.downloads import _cell

    assert _cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert _cell("-1") == "'-1" and _cell("plain") == "plain"
