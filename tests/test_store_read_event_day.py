"""events.day (migration 0013): the writer sets it when it stores an event, to the same value
the migration gives the events stored before it (the event's date, else its article's
publication date), and the events listings sort and filter on it; SQLite and (when set)
PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.storekit import BACKENDS, fresh_url
from tests.web_support import hostile_analysis, seed_analysis
from treatywatch.store import db as dbm
from treatywatch.store import open_database, queries
from treatywatch.store.tables import ArticleRow, EventRow
from treatywatch.store.writer import store_analysis


def _analyses():
    undated = seed_analysis()
    undated.article.url = (undated.article.url or "https://example.org/a") + "?undated"
    undated.article.title = "Undated copy"
    undated.article.text = undated.article.text + " A later report."
    for ev in undated.events:
        ev.when = None
    dated = seed_analysis()
    for ev in dated.events:
        ev.when = dated.article.published - timedelta(days=3)
    return [dated, hostile_analysis(), undated]


def _days(url: str) -> dict[int, tuple]:
    with open_database(url) as db, db.session() as s:
        return {i: (day, own, published) for i, day, own, published in s.execute(
            select(EventRow.id, EventRow.day, EventRow.event_date, ArticleRow.published)
            .join(ArticleRow, ArticleRow.id == EventRow.article_id))}


@pytest.fixture(params=BACKENDS)
def url(request, tmp_path):
    url = dbm.resolve_url(fresh_url(request.param, tmp_path))
    dbm.upgrade(url)
    with open_database(url) as db:
        for analysis in _analyses():
            with db.write() as session:
                store_analysis(session, analysis, relevant=True)
    return url


def test_ingest_sets_the_day_the_migration_gives(url):
    from alembic import command

    written = _days(url)
    assert any(own is None and published for _, own, published in written.values()), \
        "the store should hold an event dated only by its article"
    assert any(own is not None and own != published for _, own, published in written.values())
    for day, own, published in written.values():
        assert day == (own or published)
    engine = dbm.make_engine(url)
    try:
        with engine.begin() as conn:
            command.downgrade(dbm._alembic_config(conn), "0012")
    finally:
        engine.dispose()
    dbm.upgrade(url)
    assert _days(url) == written


def test_listings_order_and_filter_by_the_day(url):
    days = _days(url)
    with open_database(url) as db:
        listed = queries.events(db, limit=None)
        assert [e["id"] for e in listed] == sorted(
            days, key=lambda i: (days[i][0] is not None, days[i][0], i), reverse=True)
        undated_day = next(day for day, own, _ in days.values() if own is None)
        only = queries.events(db, since=undated_day, until=undated_day, limit=None)
        assert {e["id"] for e in only} == {i for i, d in days.items() if d[0] == undated_day}
        assert queries.count_events(db, since=undated_day, until=undated_day) == len(only)
