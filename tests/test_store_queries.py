"""The store's write path and read queries, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime, timedelta

import pytest

from tests.storekit import BACKENDS, article_record, fresh_url, migrated, stub_analyze
from treatywatch.ingest.files import article_from_record
from treatywatch.model import Analysis, Article, Finding, FindingKind, Modality, Treaty
from treatywatch.store import db as dbm
from treatywatch.store import queries, writer
from treatywatch.store.export import export


@pytest.fixture(params=BACKENDS)
def database(request, tmp_path):
    database = dbm.open_database(migrated(fresh_url(request.param, tmp_path)))
    yield database
    database.close()


def _store(database, article: Article, analysis: Analysis | None = None) -> writer.Stored:
    analysis = analysis or stub_analyze(article)
    with database.write() as s:
        return writer.store_analysis(s, analysis, relevant=bool(analysis.events))


def _wire_copies():
    """One wire story in three outlets (two distinct), lightly edited; and an unrelated one."""
    base = article_record(1, mines=True)
    copies = []
    for i, outlet in enumerate(["Wire One", "Wire Two", "wire one"]):
        rec = dict(base, outlet=outlet, url=f"https://o{i}.example.net/story",
                   text=base["text"] + ("Updated. " * i))
        copies.append(article_from_record(rec))
    weather = "The rain was heavy and the river rose in the north of the valley. " * 20
    other = article_from_record(dict(
        article_record(2, mines=True),
        text="Officials in the capital said anti-personnel mines had been offered. " + weather,
    ))
    return copies, other


def test_findings_with_evidence_rule_article_and_corroboration(database):
    copies, other = _wire_copies()
    stored = [_store(database, a) for a in copies]
    lone = _store(database, other)
    assert len({s.story_id for s in stored}) == 1, "near-duplicates share one story"
    assert lone.story_id != stored[0].story_id
    rows = queries.findings(database, state="ukr")
    assert len(rows) == 4 and queries.count_findings(database, state="UKR") == 4
    first = next(r for r in rows if r["article_id"] == stored[0].article_id)
    assert first["kind"] == "prohibited_act" and first["treaty_article"] == "1.1.b"
    assert first["rule"] == "apmbc.prohibited_act.v1" and first["rule_version"] == "v1"
    assert first["evidence"][0]["text"] == "anti-personnel mines"
    assert first["event_idx"] == 0 and first["event_id"] is not None
    assert first["article_url"] == "https://o0.example.net/story"
    assert first["article_published"] == "2024-11-20"
    assert first["story_articles"] == 3 and first["corroborating_articles"] == 3
    assert first["corroborating_outlets"] == 2  # "Wire One" and "wire one" are one outlet
    lone_row = next(r for r in rows if r["article_id"] == lone.article_id)
    assert lone_row["corroborating_outlets"] == 1
    stories = queries.stories_for_finding(database, first["id"])
    assert stories[0]["story_id"] == stored[0].story_id
    assert {a["id"] for a in stories[0]["articles"]} == {s.article_id for s in stored}
    assert all(a["has_finding"] for a in stories[0]["articles"])
    assert {s["story_id"] for s in stories} == {stored[0].story_id, lone.story_id}
    by_state = {r["state"]: r for r in queries.findings_by_state(database)}
    assert by_state["UKR"]["findings"] == 4 and by_state["USA"]["by_kind"] == {"non_party_act": 4}


def test_filters_dates_and_paging(database):
    for i, day in enumerate(["2024-01-05", "2024-06-01", "2025-02-01"]):
        _store(database, article_from_record(article_record(10 + i, mines=True, published=day)))
    assert queries.count_findings(database) == 6
    assert queries.count_findings(database, kind="non_party_act") == 3
    assert queries.count_findings(database, treaty="ccm") == 0
    assert queries.count_findings(database, modality="announced") == 6
    assert queries.count_findings(database, since="2024-06-01") == 4
    assert queries.count_findings(database, since=date(2024, 1, 1), until="2024-12-31") == 4
    page = queries.findings(database, limit=2, offset=0)
    assert [r["on_date"] for r in page] == ["2025-02-01", "2025-02-01"]
    assert queries.findings(database, limit=2, offset=4)[0]["on_date"] == "2024-01-05"
    evs = queries.events(database, actor="usa", since="2024-06-01")
    assert len(evs) == 2 and evs[0]["act"] == "transfer" and evs[0]["counterpart"] == "UKR"
    assert queries.count_events(database, state="UKR") == 3
    assert queries.events(database, act="use") == []


def test_latest_and_since_are_by_storage_time(database):
    start = datetime.now(UTC) - timedelta(seconds=1)
    _store(database, article_from_record(article_record(1, mines=True)))
    latest = queries.latest_findings(database, 1)
    assert len(latest) == 1
    assert len(queries.findings_since(database, start)) == 2
    assert queries.findings_since(database, datetime.now(UTC) + timedelta(minutes=1)) == []
    assert len(queries.findings_since(database, date.today() - timedelta(days=1),
                                      state="USA")) == 1


def test_article_with_text_events_and_evidence_spans(database):
    art = article_from_record(article_record(5, mines=True))
    stored = _store(database, art)
    row = queries.article(database, stored.article_id)
    assert row["text"] == art.text and row["relevant"] is True
    ev = row["events"][0]["evidence"][0]
    assert row["text"][ev["start"]:ev["end"]] == ev["text"]
    assert len(row["findings"]) == 2 and row["story"]["articles"][0]["id"] == stored.article_id
    assert queries.article(database, 999_999) is None


def test_full_text_search(database):
    _store(database, article_from_record(article_record(1, mines=True)))
    _store(database, article_from_record(article_record(2)))
    hits = queries.search_articles(database, "anti-personnel Ukraine")
    assert [h["title"] for h in hits] == ["Report 1 on mines"]
    assert "«anti" in hits[0]["snippet"].lower() or "«ukraine»" in hits[0]["snippet"].lower()
    assert queries.search_articles(database, '"send anti-personnel mines"')
    assert queries.search_articles(database, '"mines send"') == []
    assert len(queries.search_articles(database, "budget council")) == 2
    assert queries.search_articles(database, "zzzzqqq") == []
    assert queries.search_articles(database, 'AND OR "NEAR(') == []  # no query syntax errors


def test_failures_are_kept_once_with_a_count(database):
    with database.write() as s:
        run = writer.start_run(s, ["x"])
        assert writer.record_failure(s, "a.json", "a.json: invalid JSON", run)
        assert not writer.record_failure(s, "a.json", "a.json: invalid JSON", run)
        assert writer.record_failure(s, "b.bin", "b.bin: binary data", run)
    rows = queries.failures(database)
    assert len(rows) == 2
    assert {r["input"]: r["times"] for r in rows} == {"a.json": 2, "b.bin": 1}


def test_export_parquet_csv_jsonl(database, tmp_path):
    import pyarrow.parquet as pq

    _store(database, article_from_record(article_record(1, mines=True)))
    _store(database, article_from_record(article_record(2)))
    out = export(database, tmp_path / "pq", "parquet")
    assert {k: v["rows"] for k, v in out.items()} == {"articles": 2, "events": 1, "findings": 2}
    table = pq.read_table(out["findings"]["path"])
    assert set(table.column("state").to_pylist()) == {"UKR", "USA"}
    assert json.loads(table.column("evidence")[0].as_py())[0]["text"] == "anti-personnel mines"
    assert pq.read_table(out["articles"]["path"]).column("published")[0].as_py() == date(
        2024, 11, 20)
    out = export(database, tmp_path / "csv", "csv")
    with open(out["events"]["path"], newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["act"] == "transfer" and rows[0]["actor"] == "USA"
    out = export(database, tmp_path / "jl", "jsonl")
    lines = open(out["articles"]["path"]).read().splitlines()
    assert len(lines) == 2 and "text" not in json.loads(lines[0])


def test_reassess_recomputes_with_current_rules(database):
    """Stored findings made by an old rule are replaced by what the current rules say."""
    from treatywatch.runner import reassess

    art = article_from_record(article_record(1, mines=True))
    analysis = stub_analyze(art)
    analysis.findings = [Finding(Treaty.APMBC, "UKR", FindingKind.PROHIBITED_ACT,
                                 Modality.OCCURRED, "old", article="1.1.b",
                                 rule="apmbc.prohibited_act.v0", event_index=0)]
    _store(database, art, analysis)
    totals = reassess(database)
    changes = totals.pop("changes")
    assert totals == {"articles": 1, "before": 1, "after": totals["after"], "changed": 1}
    assert [c["article_id"] for c in changes] == [1]
    assert {(f["state"], f["rule"]) for f in changes[0]["removed"]} == {
        ("UKR", "apmbc.prohibited_act.v0")}
    assert ("USA", "non_party_act") in {(f["state"], f["kind"]) for f in changes[0]["added"]}
    rows = queries.findings(database)
    assert {(r["state"], r["kind"]) for r in rows} >= {("UKR", "prohibited_act"),
                                                        ("USA", "non_party_act")}
    from treatywatch.assess import RULE_VERSIONS

    assert all(r["rule_version"] == RULE_VERSIONS[FindingKind(r["kind"])] for r in rows)
    again = reassess(database)
    assert again["changed"] == 0 and again["changes"] == [] and again["after"] == totals["after"]
    assert queries.runs(database)[0]["kind"] == "reassess"


def test_stories_behind_a_states_findings(database):
    copies, other = _wire_copies()
    stored = [_store(database, a) for a in copies]
    _store(database, other)
    found = queries.stories(database, state="UKR")
    assert [s["story_id"] for s in found][0] == stored[0].story_id
    assert found[0]["findings"] == 3 and found[0]["outlets"] == 2 and found[0]["states"] == ["UKR"]
    assert len(found) == 2
    assert queries.stories(database, state="FRA") == []
