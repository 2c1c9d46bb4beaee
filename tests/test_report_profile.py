"""Country profile and digest: Markdown, HTML, PDF (WeasyPrint) and the CLI commands."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from typer.testing import CliRunner


@pytest.fixture(scope="module")
def profile(store_url):
    from treatywatch.report.profile import country_profile
    from treatywatch.store import open_database

    with open_database(store_url) as db:
        return country_profile(db, "Ukraine", "apmbc", date(2025, 1, 1))


def test_profile_holds_status_deadlines_and_findings(profile):
    assert profile["state"]["iso3"] == "UKR"
    assert profile["status"]["status"] == "party"
    assert {(f["kind"], f["treaty_article"]) for f in profile["findings"]} == {
        ("prohibited_act", "1.1.b"), ("deadline_missed", "4")}


def test_profile_before_the_news_has_no_findings(store_url):
    from treatywatch.report.profile import country_profile
    from treatywatch.store import open_database

    with open_database(store_url) as db:
        early = country_profile(db, "UKR", "apmbc", date(2024, 1, 1))
    assert early["findings"] == [] and early["events"] == []


def test_markdown_report_lists_findings_with_evidence(profile):
    from treatywatch.report.render import profile_markdown

    text = profile_markdown(profile)
    assert text.startswith("# Ukraine (UKR)")
    assert "### Prohibited act, Art. 1.1.b (transfer: announced)" in text
    assert "> it would transfer anti-personnel mines to Ukraine" in text
    assert "| 4 | Destroy stockpiled anti-personnel mines | 2010-06-01 |" in text


def test_markdown_escapes_untrusted_text():
    from treatywatch.report.render import md_escape

    assert md_escape("<script>x</script> [a](javascript:1)") == (
        "\\<script\\>x\\</script\\> \\[a\\](javascript:1)")


def test_html_report_is_self_contained_with_a_chart(profile):
    from treatywatch.report.render import profile_html

    html = profile_html(profile)
    assert "<svg" in html and "Events over time" in html
    assert "<link" not in html and "<script" not in html and "http://" not in html.split(
        "<body>")[0]


def test_pdf_report_holds_the_state_findings(profile):
    from pypdf import PdfReader

    from treatywatch.report.render import html_to_pdf, profile_html

    pdf = html_to_pdf(profile_html(profile))
    assert pdf.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "Ukraine" in text
    assert "Prohibited act" in text and "Deadline missed" in text
    assert "it would transfer anti-personnel mines to Ukraine" in text
    assert "2010-06-01" in text


def test_events_chart_counts_events_per_month():
    from treatywatch.report.chart import events_chart

    svg = events_chart([date(2024, 11, 28), date(2024, 11, 2), date(2025, 2, 1)])
    assert svg.startswith("<svg") and svg.count("<rect") == 2
    assert "2024-11: 2 events" in svg and "2025-02: 1 event<" in svg
    assert events_chart([]) == ""


def test_digest_groups_by_state_and_treaty(store_url):
    from treatywatch.report.digest import digest
    from treatywatch.store import open_database

    with open_database(store_url) as db:
        result = digest(db, date(2024, 11, 1), date(2024, 12, 31))
    assert result["total"] == 4
    assert [s["iso3"] for s in result["states"]][0] == "UKR"
    assert {s["iso3"] for s in result["states"]} == {"UKR", "USA", "RUS"}


def _cli(*args):
    from treatywatch.cli import app

    return CliRunner().invoke(app, list(args))


def test_cli_report_writes_pdf_and_markdown(store_url, tmp_path):
    out = tmp_path / "ukr.pdf"
    result = _cli("report", "UKR", "--on", "2025-01-01", "--format", "pdf", "-o", str(out),
                  "--db", store_url)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    result = _cli("report", "Ukraine", "--on", "2025-01-01", "--format", "md", "--db", store_url)
    assert result.exit_code == 0 and "Prohibited act" in result.output


def test_cli_digest_and_its_errors(store_url):
    result = _cli("digest", "--since", "2025-01-01", "--until", "2025-12-31", "--db", store_url)
    assert result.exit_code == 0, result.output
    assert "Myanmar (MMR)" in result.output
    bad = _cli("digest", "--since", "2025-02-30", "--db", store_url)
    assert bad.exit_code != 0


def test_api_twin_and_report_share_the_profile(store_url, profile):
    from fastapi.testclient import TestClient

    from treatywatch.web import create_app

    with TestClient(create_app(store_url)) as client:
        body = client.get("/api/v1/states/UKR", params={"on": "2025-01-01"}).json()
    assert json.dumps(body, sort_keys=True) == json.dumps(profile, sort_keys=True)
