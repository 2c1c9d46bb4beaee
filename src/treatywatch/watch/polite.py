"""What keeps the watch service's fetching polite, on top of `ingest.fetch`'s safety:

- `Validators`: the ETag / Last-Modified of the last full answer per URL (table `http_cache`),
  sent back as If-None-Match / If-Modified-Since, so that an unchanged feed costs one 304;
- `Robots`: each origin's robots.txt, fetched once and kept in the store until it expires
  (its Cache-Control max-age, between an hour and a day; a day by default). A 4xx robots.txt
  allows everything, a 5xx or an unreachable one forbids everything until it is tried again
  (RFC 9309, 2.3.1);
- `HostGate`: a minimum interval between two requests to one host, and a host closed for the
  rest of a poll after it answered 429/503 (until its Retry-After).
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from sqlalchemy import select

from treatywatch.ingest.fetch import Fetched, FetchError, FetchPolicy, HTTPFailure, fetch
from treatywatch.store.db import Database
from treatywatch.store.tables import HttpCache as HttpCacheRow
from treatywatch.store.tables import RobotsCache
from treatywatch.watch.sources import aware, now

log = logging.getLogger(__name__)

ROBOTS_AGENT = "treatywatch"
ROBOTS_MAX_BYTES = 512 * 1024
ROBOTS_DEFAULT_TTL = 24 * 3600
ROBOTS_MIN_TTL, ROBOTS_MAX_TTL = 3600, 24 * 3600
ROBOTS_RETRY_TTL = 3600  # an unreachable robots.txt is tried again after an hour
_MAX_AGE = re.compile(r"max-age\s*=\s*(\d+)", re.IGNORECASE)


class Disallowed(FetchError):
    """robots.txt forbids the URL."""

    transient = False


def url_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class Validators:
    """Validators per URL, read and written in the store."""

    def __init__(self, db: Database):
        self.db = db

    def headers(self, url: str) -> dict[str, str]:
        with self.db.session() as s:
            row = s.execute(select(HttpCacheRow).where(HttpCacheRow.url_key == url_key(url))
                            ).scalar_one_or_none()
        out = {}
        if row is not None and row.etag:
            out["If-None-Match"] = row.etag
        if row is not None and row.last_modified:
            out["If-Modified-Since"] = row.last_modified
        return out

    def remember(self, url: str, page: Fetched) -> None:
        """After a 200, keep its validators (or forget old ones it no longer sends)."""
        etag = page.headers.get("etag")
        modified = page.headers.get("last-modified")
        key = url_key(url)
        with self.db.write() as s:
            row = s.execute(select(HttpCacheRow).where(HttpCacheRow.url_key == key)
                            ).scalar_one_or_none()
            if row is None:
                if not etag and not modified:
                    return
                row = HttpCacheRow(url_key=key, url=url)
                s.add(row)
            if page.status != 304:
                row.etag = etag[:512] if etag else None
                row.last_modified = modified[:64] if modified else None
            row.status = page.status
            row.checked_at = now()


class HostClosed(HTTPFailure):
    """Not sent: the host asked us to wait (Retry-After) earlier in this poll."""


class HostGate:
    """At most one request per `interval` seconds to a host; hosts closed after a 429/503."""

    def __init__(self, interval: float = 1.0, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self.last: dict[str, float] = {}
        self.closed: dict[str, float] = {}
        self.requests = 0

    def wait(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        until = self.closed.get(host)
        if until is not None:
            if self.clock() < until:
                raise HostClosed(f"{url}: {host} asked us to wait; not fetched in this poll",
                                 503, until - self.clock())
            del self.closed[host]
        last = self.last.get(host)
        if last is not None:
            gap = self.interval - (self.clock() - last)
            if gap > 0:
                self.sleep(gap)
        self.last[host] = self.clock()
        self.requests += 1
        if len(self.last) > 10_000:  # bounded: forget the hosts not seen for longest
            for old in sorted(self.last, key=self.last.__getitem__)[:5_000]:
                del self.last[old]

    def close(self, url: str, seconds: float) -> None:
        host = (urlsplit(url).hostname or "").lower()
        self.closed[host] = self.clock() + max(seconds, self.interval)


def _ttl(page: Fetched | None) -> int:
    if page is None:
        return ROBOTS_DEFAULT_TTL
    match = _MAX_AGE.search(page.headers.get("cache-control", ""))
    if not match:
        return ROBOTS_DEFAULT_TTL
    return max(ROBOTS_MIN_TTL, min(ROBOTS_MAX_TTL, int(match.group(1))))


class Robots:
    """robots.txt per origin: kept in the store until it expires, parsed once per process."""

    def __init__(self, db: Database, fetcher: Callable[..., Fetched] = fetch):
        self.db = db
        self.fetcher = fetcher
        self.parsed: dict[str, tuple[datetime, RobotFileParser | bool]] = {}

    def _load(self, key: str) -> RobotsCache | None:
        with self.db.session() as s:
            return s.get(RobotsCache, key)

    def rules(self, url: str, policy: FetchPolicy,
              before: Callable[[str], None] | None = None) -> RobotFileParser | bool:
        """A parser, or True (everything allowed) / False (everything forbidden)."""
        key = origin(url)
        at = now()
        held = self.parsed.get(key)
        if held is not None and held[0] > at:
            return held[1]
        row = self._load(key)
        if row is None or aware(row.expires_at) <= at:
            row = self._refresh(key, policy, before)
        if row.status is None or row.status >= 500:
            rules: RobotFileParser | bool = False
        elif row.status >= 400:
            rules = True
        else:
            rules = RobotFileParser()
            rules.parse((row.body or "").splitlines())
        self.parsed[key] = (aware(row.expires_at), rules)
        if len(self.parsed) > 5_000:
            self.parsed.clear()
        return rules

    def _refresh(self, key: str, policy: FetchPolicy,
                 before: Callable[[str], None] | None) -> RobotsCache:
        small = FetchPolicy(allow_private=policy.allow_private,
                            allow_networks=policy.allow_networks, timeout=policy.timeout,
                            deadline=policy.deadline, max_bytes=ROBOTS_MAX_BYTES,
                            accept="text/plain,*/*;q=0.5", user_agent=policy.user_agent)
        status: int | None
        body, page = None, None
        try:
            page = self.fetcher(f"{key}/robots.txt", small, before=before)
            status, body = page.status, page.body.decode("utf-8", errors="replace")
            ttl = _ttl(page)
        except HTTPFailure as exc:
            status, ttl = exc.status, ROBOTS_DEFAULT_TTL if exc.status < 500 else ROBOTS_RETRY_TTL
        except FetchError as exc:
            log.info("robots.txt of %s unreachable: %s", key, exc)
            status, ttl = None, ROBOTS_RETRY_TTL
        at = now()
        with self.db.write() as s:
            row = s.get(RobotsCache, key)
            if row is None:
                row = RobotsCache(origin=key)
                s.add(row)
            row.status, row.body = status, body
            row.fetched_at, row.expires_at = at, at + timedelta(seconds=ttl)
        return RobotsCache(origin=key, status=status, body=body, fetched_at=at,
                           expires_at=at + timedelta(seconds=ttl))

    def check(self, url: str, policy: FetchPolicy,
              before: Callable[[str], None] | None = None) -> None:
        """Raise `Disallowed` when the origin's robots.txt forbids `url` to treatywatch."""
        rules = self.rules(url, policy, before)
        if rules is True:
            return
        if rules is False:
            raise Disallowed(f"{url}: its site's robots.txt cannot be read (server error); "
                             "not fetched until it can (or add the source with --ignore-robots)")
        if not rules.can_fetch(ROBOTS_AGENT, url):
            raise Disallowed(f"{url}: forbidden by {origin(url)}/robots.txt; not fetched "
                             "(add the source with --ignore-robots if you have permission)")
