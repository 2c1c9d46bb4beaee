"""The review queue read per (kind, status) on its index (0014) gives the order of one sort
over every unreviewed, current finding: seriousness, needs_review first, the least confident,
the newest, the highest id; with filters and offsets; SQLite and (when set) PostgreSQL."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import case, select

from tests.storekit import BACKENDS, fresh_url
from tests.web_support import fill_store
from treatywatch.review.queue import SERIOUSNESS, _queue_ids
from treatywatch.store import open_database
from treatywatch.store.tables import FindingRow

KINDS = [*SERIOUSNESS, "unranked_kind"]


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    with open_database(fill_store(fresh_url(request.param, tmp_path))) as db:
        rng = random.Random(14)
        with db.write() as s:
            model = s.execute(select(FindingRow).limit(1)).scalar_one()
            base = {c.name: getattr(model, c.name) for c in FindingRow.__table__.columns
                    if c.name != "id"}
            for _ in range(300):
                s.add(FindingRow(**{
                    **base,
                    "kind": rng.choice(KINDS),
                    "status": rng.choice(["needs_review", "asserted"]),
                    "confidence": rng.choice([0.2, 0.5, 0.5, 0.9]),  # ties on purpose
                    "on_date": rng.choice([None, date(2020, 1, 1) + timedelta(rng.randrange(9))]),
                    "state": rng.choice(["UKR", "RUS"]),
                    "review_verdict": rng.choice([None, None, None, "confirmed"]),
                    "retired_at": rng.choice([None] * 5 + [datetime(2026, 1, 1, tzinfo=UTC)]),
                }))
        yield db


def _one_sort(db, *, state=None, kind=None, limit, offset):
    """The queue as one sort over every unreviewed, current finding (before 0014)."""
    rank = case(SERIOUSNESS, value=FindingRow.kind, else_=len(SERIOUSNESS))
    weak = case((FindingRow.status == "needs_review", 0), else_=1)
    q = select(FindingRow.id).where(FindingRow.review_verdict.is_(None),
                                    FindingRow.retired_at.is_(None))
    if state:
        q = q.where(FindingRow.state == state)
    if kind:
        q = q.where(FindingRow.kind == kind)
    q = q.order_by(rank, weak, FindingRow.confidence, FindingRow.on_date.desc(),
                   FindingRow.id.desc()).limit(limit).offset(offset)
    with db.session() as s:
        return list(s.execute(q).scalars())


@pytest.mark.parametrize(("filters", "limit", "offset"), [
    ({}, 50, 0), ({}, 50, 50), ({}, 200, 0), ({}, 7, 180), ({}, 50, 10**4),
    ({"state": "RUS"}, 30, 20), ({"kind": "progress"}, 10, 5),
    ({"kind": "unranked_kind"}, 50, 0), ({"kind": "no_such_kind"}, 50, 0),
])
def test_the_queue_read_per_kind_is_the_order_of_one_sort(store, filters, limit, offset):
    got = _queue_ids(store, state=filters.get("state"), treaty=None, kind=filters.get("kind"),
                     since=None, until=None, limit=limit, offset=offset)
    want = _one_sort(store, **filters, limit=limit, offset=offset)
    assert got == want
    if offset < 100 and filters.get("kind") != "no_such_kind":
        assert got, f"{filters} should queue something"
