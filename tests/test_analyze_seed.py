"""End to end: `treatywatch analyze` on the seed article and on a batch with a bad file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from treatywatch.cli import app
from treatywatch.evaluate import EventKey

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "siem-reap-2024-11-28.txt"
ARTICLES = Path(__file__).parent / "articles"

SEED_EVENTS = {
    ("transfer", "USA", "UKR", "landmine"): "announced",
    ("use", "RUS", "UKR", "landmine"): "alleged",
    ("destroy_stockpile", "UKR", None, "landmine"): "negated",
}
SEED_FINDINGS = {
    ("apmbc", "UKR", "prohibited_act", "1"),
    ("apmbc", "UKR", "deadline_missed", "4"),
    ("apmbc", "USA", "non_party_act", None),
    ("apmbc", "RUS", "non_party_act", None),
}
NOT_ABOUT = {"KOR", "PRK", "KHM"}


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture(scope="module")
def seed_line() -> dict:
    if not SEED.exists():
        pytest.skip("../shared/seed is absent")
    result = invoke("analyze", str(SEED), "--json", "--published", "2024-11-28")
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


@pytest.mark.shared
def test_seed_has_the_three_events_with_their_modality(seed_line):
    found = {}
    for event in seed_line["events"]:
        key = EventKey.of(event)
        if key.counted and not event.get("background"):
            found[(key.act, key.actor, key.other, key.family)] = key.modality
    assert found == SEED_EVENTS


@pytest.mark.shared
def test_seed_has_the_four_findings(seed_line):
    got = {
        (f["treaty"], f["state"], f["kind"], (f["article"] or "").split(".")[0] or None)
        for f in seed_line["findings"]
    }
    assert got == SEED_FINDINGS
    prohibited = next(f for f in seed_line["findings"] if f["kind"] == "prohibited_act")
    assert prohibited["modality"] == "announced" and prohibited["judged_on"]
    assert all(re.search(r"\.v\d+$", f["rule"]) and f["explanation"] for f in seed_line["findings"])


@pytest.mark.shared
def test_seed_evidence_offsets_slice_the_text_exactly(seed_line):
    text = SEED.read_text(encoding="utf-8")
    spans = [ev for item in seed_line["events"] + seed_line["findings"] for ev in item["evidence"]]
    assert spans
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]


@pytest.mark.shared
def test_seed_says_nothing_about_the_koreas_or_cambodia(seed_line):
    for event in seed_line["events"]:
        assert not NOT_ABOUT & {event.get("actor"), event.get("counterpart"), event.get("location")}
    assert not NOT_ABOUT & {f["state"] for f in seed_line["findings"]}


def test_batch_goes_on_after_a_bad_file_and_exits_non_zero(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    good = ARTICLES / "t04-data-mining.txt"
    result = invoke("analyze", str(empty), str(good), "--json")
    assert result.exit_code == 1
    first, second = (json.loads(line) for line in result.stdout.strip().splitlines())
    assert first["article"] == {"path": str(empty)} and "empty" in first["error"]
    assert second["article"]["title"].startswith("Retailers") and second["events"] == []


def test_readable_report_quotes_evidence_and_explains_findings():
    result = invoke(
        "analyze", str(ARTICLES / "t09-myanmar-amnesty.txt"), "--published", "2024-07-17"
    )
    assert result.exit_code == 0, result.output
    assert "Mine Ban Convention" in result.stdout and "non_party_act" in result.stdout
    assert "#0 \u201c" in result.stdout  # evidence quoted under its event
    assert "Myanmar" in result.stdout


def test_bad_date_option_is_refused():
    result = invoke("analyze", str(ARTICLES / "t04-data-mining.txt"), "--as-of", "yesterday")
    assert result.exit_code != 0


def test_undated_article_is_judged_as_of_the_given_day():
    path = ARTICLES / "t09-myanmar-amnesty.txt"
    result = invoke("analyze", str(path), "--json", "--as-of", "2024-07-17")
    line = json.loads(result.stdout)
    assert line["findings"], line
    for finding in line["findings"]:
        assert finding["judged_on"] == "2024-07-17" and finding["date_basis"] == "--as-of"
        assert "2024-07-17 (--as-of)" in finding["explanation"]
