"""`treatywatch watch --once` against a local server: feeds that change between polls, ETag and
Last-Modified, robots.txt, a 503 with Retry-After, a redirect to a private address. Through the
real CLI in a child process; the server counts every request."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from tests.watchkit import Conditional, Web, article_page, cli, cli_json, rss, static, store

ROBOTS = b"User-agent: *\nDisallow: /private/\n"
LOCAL = ["--allow-network", "127.0.0.1"]


def _watch(db: str, *extra: str, check: bool = False):
    return cli("watch", "--once", "--host-interval", "0", "--log-format", "json", *extra,
               "--db", db, check=check)


def _polls(done) -> list[dict]:
    return [json.loads(line) for line in done.stderr.splitlines()
            if line.startswith("{") and json.loads(line).get("event") == "poll"]


@pytest.fixture
def site():
    with Web() as web:
        web.routes["/robots.txt"] = static(ROBOTS, "text/plain")
        for i in (1, 2, 3, 4):
            web.routes[f"/news/{i}"] = static(article_page(i))
        web.routes["/private/9"] = static(article_page(9))
        yield web


def test_feed_polled_conditionally_robots_honoured_changes_read(site, tmp_path):
    db = store(tmp_path)
    b = site.base
    feed = Conditional(rss([("One", f"{b}/news/1"), ("Two", f"{b}/news/2"),
                            ("Secret", f"{b}/private/9")]))
    site.routes["/feed.xml"] = feed
    cli("sources", "add", f"{b}/feed.xml", "--name", "Wire", *LOCAL, "--db", db)

    first = _watch(db)
    # the entry under /private/ is refused by robots.txt: one input failed of three -> code 4
    assert first.returncode == 4, first.stderr
    assert sorted(site.paths()) == sorted(["/robots.txt", "/feed.xml", "/news/1", "/news/2"])
    (poll,) = _polls(first)
    assert poll["outcome"] == "changed" and poll["listed"] == 3 and poll["new"] == 3
    assert poll["read"] == 3 and poll["failures"] == 1 and poll["requests"] == 4
    failures = cli_json("failures", "--json", "--db", db)
    assert any("robots.txt" in f["reason"] and "/private/9" in f["input"] for f in failures)
    summary = first.stderr.strip().splitlines()[-1]
    assert json.loads(summary)["event"] == "summary"

    # second poll of the unchanged feed: exactly one request, a conditional GET answered 304
    site.clear()
    second = _watch(db, "--force")
    assert second.returncode == 0, second.stderr
    assert len(site.requests) == 1, site.paths()
    (request,) = site.requests
    assert request.path == "/feed.xml" and request.header("If-None-Match") == '"v1"'
    assert request.header("If-Modified-Since") == feed.modified
    (poll,) = _polls(second)
    assert poll["outcome"] == "not_modified" and poll["http_status"] == 304
    assert poll["requests"] == 1

    # the feed changes: the feed and the one new page are fetched, nothing else
    feed.change(rss([("Four", f"{b}/news/4"), ("One", f"{b}/news/1"), ("Two", f"{b}/news/2"),
                     ("Secret", f"{b}/private/9")]))
    site.clear()
    third = _watch(db, "--force")
    assert third.returncode == 0, third.stderr
    assert site.paths() == ["/feed.xml", "/news/4"]
    (poll,) = _polls(third)
    assert poll["new"] == 1 and poll["read"] == 1 and poll["stored"] == 1

    rows = cli_json("sources", "list", "--json", "--db", db)
    assert rows[0]["polls"] == 3 and rows[0]["failures_in_row"] == 0
    assert rows[0]["kind"] == "feed" and rows[0]["last_new_at"] is not None
    # not due yet (every 30m): a plain --once polls nothing
    site.clear()
    assert _watch(db).returncode == 0 and site.requests == []


def test_last_modified_alone_is_sent_back(site, tmp_path):
    db = store(tmp_path)
    b = site.base
    feed = Conditional(rss([("One", f"{b}/news/1")]), etag=False)
    site.routes["/lm.xml"] = feed
    cli("sources", "add", f"{b}/lm.xml", *LOCAL, "--db", db)
    assert _watch(db).returncode == 0
    site.clear()
    assert _watch(db, "--force").returncode == 0
    (request,) = site.requests
    assert request.header("If-Modified-Since") == feed.modified
    assert request.header("If-None-Match") is None


def test_a_source_robots_forbids_is_not_fetched_unless_overridden(site, tmp_path):
    db = store(tmp_path)
    b = site.base
    site.routes["/private/feed.xml"] = Conditional(rss([("One", f"{b}/news/1")]))
    cli("sources", "add", f"{b}/private/feed.xml", *LOCAL, "--db", db)
    done = _watch(db)
    assert done.returncode == 5, done.stderr  # the only input failed
    assert site.paths() == ["/robots.txt"]
    (poll,) = _polls(done)
    assert poll["outcome"] == "disallowed" and "robots.txt" in poll["error"]
    cli("sources", "add", f"{b}/private/feed.xml", *LOCAL, "--ignore-robots", "--db", db)
    site.clear()
    assert _watch(db, "--force").returncode == 0
    assert site.paths() == ["/private/feed.xml", "/news/1"]  # robots.txt was cached


def test_503_with_retry_after_is_honoured(site, tmp_path):
    db = store(tmp_path)
    b = site.base
    site.routes["/busy.xml"] = static(b"busy", "text/plain", 503, {"Retry-After": "7200"})
    cli("sources", "add", f"{b}/busy.xml", "--every", "5m", *LOCAL, "--db", db)
    done = _watch(db)
    assert done.returncode == 5, done.stderr
    (poll,) = _polls(done)
    assert poll["outcome"] == "waiting" and poll["http_status"] == 503
    (row,) = cli_json("sources", "list", "--json", "--db", db)
    assert row["failures_in_row"] == 1 and row["last_status"] == "retry_after"
    wait = datetime.fromisoformat(row["next_poll_at"]) - datetime.now(UTC)
    assert 7000 < wait.total_seconds() <= 7200
    site.clear()
    assert _watch(db, "--force").returncode == 0  # nothing due: even --force waits
    assert site.requests == []


def test_errors_back_off_exponentially(site, tmp_path):
    db = store(tmp_path)
    site.routes["/down.xml"] = static(b"oops", "text/plain", 500)
    cli("sources", "add", f"{site.base}/down.xml", "--every", "10m", *LOCAL, "--db", db)
    waits = []
    for _ in range(3):
        assert _watch(db, "--force").returncode == 5
        (row,) = cli_json("sources", "list", "--json", "--db", db)
        waits.append((datetime.fromisoformat(row["next_poll_at"])
                      - datetime.now(UTC)).total_seconds())
    assert row["failures_in_row"] == 3 and "HTTP 500" in row["last_error"]
    assert 1150 < waits[0] <= 1200 and 2350 < waits[1] <= 2400 and 4750 < waits[2] <= 4800


def test_redirect_to_a_private_address_is_refused(site, tmp_path):
    db = store(tmp_path)
    site.routes["/jump.xml"] = static(b"", "text/plain", 302,
                                      {"Location": "http://10.20.30.40/feed.xml"})
    cli("sources", "add", f"{site.base}/jump.xml", *LOCAL, "--db", db)
    done = _watch(db)
    assert done.returncode == 5
    (poll,) = _polls(done)
    assert "10.20.30.40" in poll["error"] and "non-public" in poll["error"]
    assert site.paths() == ["/robots.txt", "/jump.xml"]
    # and without --allow-network even the local server is refused, before any request
    other = store(tmp_path / "b")
    cli("sources", "add", f"{site.base}/jump.xml", "--db", other)
    site.clear()
    done = _watch(other)
    assert done.returncode == 5 and "non-public" in done.stderr and site.requests == []


def test_an_item_whose_host_says_wait_stays_pending_and_closes_the_host(site, tmp_path):
    db = store(tmp_path)
    b = site.base
    site.routes["/busy/1"] = static(b"busy", "text/plain", 503, {"Retry-After": "600"})
    site.routes["/feed.xml"] = Conditional(rss([("Busy", f"{b}/busy/1"),
                                                ("One", f"{b}/news/1")]))
    cli("sources", "add", f"{b}/feed.xml", *LOCAL, "--db", db)
    done = _watch(db)
    assert done.returncode == 4, done.stderr
    # after the 503 the host gets no more requests in this poll: /news/1 waits too
    assert site.paths() == ["/robots.txt", "/feed.xml", "/busy/1"]
    (row,) = cli_json("sources", "list", "--json", "--db", db)
    assert row["pending_items"] == 2 and row["failures_in_row"] == 0
    (poll,) = _polls(done)
    assert poll["read"] == 1 and poll["failures"] == 1  # the busy one; /news/1 only waits
