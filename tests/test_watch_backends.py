"""The watch service's store work on each backend (SQLite; PostgreSQL when
TREATYWATCH_TEST_POSTGRES_URL is set): a poll and a second, conditional one; items read once;
one watch per store; a finding queued once per alert."""

from __future__ import annotations

import pytest

from tests.storekit import BACKENDS, fresh_url, migrated, stub_analyze
from tests.watchkit import Conditional, Web, article_page, rss, static
from treatywatch.alerts import dispatch, subscriptions
from treatywatch.store import open_database
from treatywatch.watch import sources as srcmod
from treatywatch.watch.lock import Locked, watch_lock
from treatywatch.watch.service import Watcher, WatchOptions


@pytest.mark.parametrize("backend", BACKENDS)
def test_poll_twice_lock_and_alert_queue(backend, tmp_path):
    url = migrated(fresh_url(backend, tmp_path))
    with Web() as site, open_database(url) as database:
        b = site.base
        site.routes["/robots.txt"] = static(b"", "text/plain")
        site.routes["/news/1"] = static(article_page(1))
        site.routes["/feed.xml"] = Conditional(rss([("One", f"{b}/news/1")]))
        srcmod.add(database, f"{b}/feed.xml", allow_networks=["127.0.0.1/32"])
        subscriptions.add(database, "webhook", "https://hooks.example.org/x")
        watcher = Watcher(database, WatchOptions(host_interval=0), analyze=stub_analyze)
        (first,) = watcher.poll(force=True).polls
        assert first.outcome == "changed" and first.stored == 1 and first.findings == 2
        site.clear()
        (second,) = watcher.poll(force=True).polls
        assert second.outcome == "not_modified" and second.requests == 1
        assert site.paths() == ["/feed.xml"]
        assert dispatch.queue(database) == 2 and dispatch.queue(database) == 0
        (row,) = srcmod.listing(database)
        assert row.polls == 2 and row.pending_items == 0 and row.kind == "feed"
        with watch_lock(database):
            with open_database(url) as other, pytest.raises(Locked, match="already running"):
                with watch_lock(other):
                    pass
        with watch_lock(database):  # released with the first
            pass
