"""Reviewed state shows wherever a finding does: the CLI listing, feeds, exports, reports, and
`treatywatch report --reviewed-only` keeps only what an analyst confirmed or amended."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from tests.review_support import finding_id, worlds
from treatywatch.cli import app


@pytest.fixture
def world(tmp_path):
    yield from worlds("sqlite", tmp_path)


def _reviewed(world) -> tuple[int, int]:
    """Confirm UKR's prohibited act, reject its missed deadline."""
    confirmed = finding_id(world.client, "UKR", "prohibited_act")
    rejected = finding_id(world.client, "UKR", "deadline_missed")
    for fid, verdict in ((confirmed, "confirmed"), (rejected, "rejected")):
        r = world.client.post(f"/api/v1/findings/{fid}/review", headers=world.auth("analyst"),
                              json={"verdict": verdict, "reason": "Checked the sources."})
        assert r.status_code == 201
    return confirmed, rejected


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_report_marks_reviews_and_reviewed_only_keeps_only_confirmed(world):
    _reviewed(world)
    full = _cli("report", "UKR", "--on", "2024-11-28", "--format", "md", "--db", world.url)
    assert "confirmed by an analyst" in full and "rejected by an analyst" in full
    only = _cli("report", "UKR", "--on", "2024-11-28", "--format", "md", "--reviewed-only",
                "--db", world.url)
    assert "## Findings (1)" in only and "Only findings an analyst confirmed" in only
    assert "confirmed by an analyst" in only and "Deadline missed" not in only.split(
        "## Findings")[1].split("##")[0]
    html = _cli("report", "UKR", "--on", "2024-11-28", "--reviewed-only", "--db", world.url)
    assert html.count('class="finding"') == 1


def test_feed_entries_say_the_verdict(world):
    _reviewed(world)
    feed = world.client.get("/feeds/state/UKR.atom").text
    assert "Confirmed by an analyst — " in feed and "Rejected by an analyst — " in feed
    assert 'term="reviewed:confirmed"' in feed


def test_exports_and_listings_carry_the_verdict_and_retirement(world, tmp_path):
    confirmed, rejected = _reviewed(world)
    _cli("export", str(tmp_path / "out"), "--format", "jsonl", "--db", world.url)
    rows = {json.loads(line)["id"]: json.loads(line)
            for line in (tmp_path / "out" / "findings.jsonl").read_text().splitlines()}
    assert rows[confirmed]["review_verdict"] == "confirmed"
    assert rows[rejected]["review_verdict"] == "rejected"
    assert all("retired_at" in r for r in rows.values())
    listed = list(csv.DictReader(_cli("findings", "--state", "UKR", "--csv", "--db",
                                      world.url).splitlines()))
    assert {int(r["id"]): r["reviewed"] for r in listed} == {confirmed: "confirmed",
                                                             rejected: "rejected"}
