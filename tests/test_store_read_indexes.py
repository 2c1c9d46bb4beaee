"""The read indexes of migrations 0012 and 0014 exist after `db upgrade`, and the filtered listings'
queries are planned on them (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL), on a small
store built by benchmarks/bench_store_read.py (2,000 articles)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from sqlalchemy import event, inspect, text

from tests.storekit import BACKENDS, fresh_url
from treatywatch.store import db as dbm
from treatywatch.store import open_database, queries

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_store_read.py"
NEW_INDEXES = {
    "findings": {"ix_findings_live_day", "ix_findings_live_state", "ix_findings_live_treaty",
                 "ix_findings_live_kind", "ix_findings_live_state_kinds",
                 "ix_findings_live_created", "ix_findings_live_state_created",
                 "ix_findings_live_treaty_created", "ix_findings_queue"},
    "events": {"ix_events_day", "ix_events_actor_day", "ix_events_counterpart_day",
               "ix_events_location_day", "ix_events_act_day", "ix_events_scope",
               "ix_events_casualty_location", "ix_events_casualty_actor"},
}


def _bench():
    spec = importlib.util.spec_from_file_location("bench_store_read", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(params=BACKENDS)
def small_store(request, tmp_path):
    url = dbm.resolve_url(fresh_url(request.param, tmp_path))
    _bench().build(url, 2000)
    with open_database(url) as database:
        yield database


def _statements(database, call) -> list[tuple[str, object]]:
    """The SQL (and parameters) `call()` sends to the store."""
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        call()
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    return seen


def _plans(database, call) -> list[str]:
    """The query plan of every statement `call()` sends, as text (index scans on, sequential
    scans discouraged on PostgreSQL: a tiny table is otherwise always read whole)."""
    out = []
    with database.engine.connect() as conn:
        if database.dialect == "postgresql":
            conn.execute(text("SET enable_seqscan = off"))
        cursor = conn.connection.driver_connection.cursor()
        for statement, parameters in _statements(database, call):
            explain = ("EXPLAIN QUERY PLAN " if database.dialect == "sqlite" else "EXPLAIN ")
            cursor.execute(explain + statement, parameters)
            out.append("\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall()))
        cursor.close()
        conn.rollback()
    return out


def test_upgrade_creates_the_read_indexes(small_store):
    found = inspect(small_store.engine)
    for table, names in NEW_INDEXES.items():
        assert names <= {i["name"] for i in found.get_indexes(table)}, table
    on_postgres = "ix_articles_day" in {i["name"] for i in found.get_indexes("articles")}
    assert on_postgres == (small_store.dialect == "postgresql")
    assert dbm.current_revision(small_store.engine) == "0014"


@pytest.mark.parametrize(("call", "index"), [
    (lambda db: queries.findings(db), "ix_findings_live_day"),
    (lambda db: queries.findings(db, state="UKR"), "ix_findings_live_state"),
    (lambda db: queries.findings(db, treaty="ccm"), "ix_findings_live_treaty"),
    (lambda db: queries.findings(db, kind="prohibited_act"), "ix_findings_live_kind"),
    (lambda db: queries.count_findings(db, state="UKR"), "ix_findings_live_state"),
    (lambda db: queries.count_findings_by_kind(db, state="UKR", treaty="apmbc"),
     "ix_findings_live_state_kinds"),
    (lambda db: queries.events(db, include_background=False), "ix_events_day"),
    (lambda db: queries.events(db, act="use", include_background=False), "ix_events_act_day"),
    (lambda db: queries.count_events(db, scope=("ccm", ["cluster_munition"]),
                                     include_background=False), "ix_events_scope"),
    (lambda db: queries.latest_findings(db, 10, treaty="apmbc"),
     "ix_findings_live_treaty_created"),
    (lambda db: queries.latest_findings(db, 50, state="UKR"), "ix_findings_live_state_created"),
])
def test_a_filtered_listing_is_planned_on_its_index(small_store, call, index):
    plans = _plans(small_store, lambda: call(small_store))
    assert any(index in plan for plan in plans), plans


def test_the_state_filter_of_events_reads_each_side_on_its_own_index(small_store):
    plans = _plans(small_store, lambda: queries.events(small_store, state="UKR",
                                                       include_background=False))
    for index in ("ix_events_actor_day", "ix_events_counterpart_day", "ix_events_location_day"):
        assert any(index in plan for plan in plans), (index, plans)


def test_the_state_sides_are_disjoint_and_cover_the_or(small_store):
    """Counting the three sides apart gives what the OR over the three columns gives."""
    with small_store.engine.connect() as conn:
        either = conn.execute(text(
            "SELECT count(*) FROM events WHERE NOT background AND"
            " (actor = 'UKR' OR counterpart = 'UKR' OR location = 'UKR')")).scalar_one()
    assert either > 0
    assert queries.count_events(small_store, state="UKR", include_background=False) == either
    listed = queries.events(small_store, state="UKR", include_background=False, limit=None)
    assert len(listed) == len({e["id"] for e in listed}) == either


def test_the_queue_and_the_casualty_events_are_planned_on_the_0014_indexes(small_store):
    from treatywatch.review.queue import queue

    plans = _plans(small_store, lambda: queue(small_store, limit=5))
    assert any("ix_findings_queue" in plan for plan in plans), plans
    plans = _plans(small_store, lambda: queries.casualty_events(small_store, "UKR"))
    for index in ("ix_events_casualty_location", "ix_events_casualty_actor"):
        assert any(index in plan for plan in plans), (index, plans)


def test_the_casualty_sides_are_the_events_of_the_or(small_store):
    """Reading the two sides apart gives the casualty events the OR gives, oldest first."""
    with small_store.engine.connect() as conn:
        either = list(conn.execute(text(
            "SELECT id FROM events WHERE act = 'casualty' AND NOT background"
            " AND (location = 'UKR' OR (location IS NULL AND actor = 'UKR'))"
            " AND (killed IS NOT NULL OR injured IS NOT NULL OR civilians IS NOT NULL"
            " OR children IS NOT NULL) ORDER BY day, id")).scalars())
    assert either, "the small store should have casualty events in UKR"
    assert [e["id"] for e in queries.casualty_events(small_store, "UKR")] == either
    assert [e["id"] for e in queries.casualty_events(small_store, "UKR", limit=3)] == either[:3]
