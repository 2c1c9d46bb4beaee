"""The review queue loads its findings in a bounded number of queries, whatever its length, and
each one is the finding `queries.finding` gives; SQLite and (when set) PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from tests.storekit import BACKENDS, fresh_url
from tests.web_support import fill_store
from treatywatch.review.queue import SERIOUSNESS, queue
from treatywatch.store import open_database, queries


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    with open_database(fill_store(fresh_url(request.param, tmp_path))) as db:
        yield db


def _statements(db, call):
    seen = []

    def count(*_args):
        seen.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        result = call()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return result, len(seen)


def test_the_queue_is_each_finding_as_stored_in_a_fixed_number_of_queries(store):
    one, few = _statements(store, lambda: queue(store, limit=1))
    rows, many = _statements(store, lambda: queue(store, limit=50))
    assert len(rows) > 3, "the filled store should queue several findings"
    _most, all_ = _statements(store, lambda: queue(store, limit=200))
    # the ids: one read per (kind, status) in queue order until the page is full, then the
    # findings the queue does not rank; the findings themselves: a fixed number more
    reads = 2 * len(SERIOUSNESS) + 1
    assert many - few <= reads - 1, f"{len(rows)} findings took {many} queries, one took {few}"
    assert all_ == many, f"200 findings took {all_} queries, 50 took {many}"
    assert one == rows[:1]
    assert rows == [queries.finding(store, f["id"]) for f in rows]


def test_findings_by_id_keeps_the_order_given_and_leaves_out_unknown_ids(store):
    ids = [f["id"] for f in queue(store, limit=50)]
    wanted = list(reversed(ids)) + [10**9]
    assert [f["id"] for f in queries.findings_by_id(store, wanted)] == list(reversed(ids))
    assert queries.findings_by_id(store, []) == []
