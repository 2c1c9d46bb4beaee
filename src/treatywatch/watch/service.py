"""One poll of every source that is due, and the loop that keeps polling (`treatywatch watch`).

A poll of a source:
1. a conditional GET of its URL (If-None-Match / If-Modified-Since from the HTTP cache), after
   its site's robots.txt (kept in the store until it expires) and the per-host interval;
2. a 304 ends it; a feed or sitemap answer adds the entries not seen before to `watch_items`
   (pending); a page answer is one article, read there and then;
3. the source's pending items are read, each page fetched once (robots, interval and address
   checks again), through the ingest runner (prefilter, analysis, store; one run per poll
   that has something to read). An item is never fetched again once read: `done`. One whose
   server failed for now stays pending and is tried again later, up to `ITEM_ATTEMPTS`, after
   which its feed entry's own text is read instead, if it has one;
4. the source's next poll: its interval after a success; after failures, the interval doubled
   for each failure in a row (capped), and never before the server's Retry-After.

So a second poll of an unchanged feed costs one request: the conditional GET (robots.txt is
cached, the items are read).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from sqlalchemy import select, update

from treatywatch.errors import BadInput
from treatywatch.ingest.fetch import FetchError, FetchPolicy, HTTPFailure, fetch
from treatywatch.ingest.sources import Item
from treatywatch.store.db import Database
from treatywatch.store.tables import WatchItem, WatchSource
from treatywatch.watch import entries as entrymod
from treatywatch.watch import sources as srcmod
from treatywatch.watch.polite import Disallowed, HostClosed, HostGate, Robots, Validators
from treatywatch.watch.sources import aware, now

log = logging.getLogger("treatywatch.watch")

ITEM_ATTEMPTS = 5
RETRY_AFTER = "retry_after"


@dataclass
class WatchOptions:
    host_interval: float = 1.0  # seconds between two requests to one host
    timeout: float = 20.0
    max_bytes: int = 5 * 1024 * 1024
    max_items: int = 200  # items read from one source in one poll (the rest wait)
    keep_all: bool = False
    as_of: date | None = None


@dataclass
class PollResult:
    """What one poll of one source did: one log line."""

    source_id: int
    url: str
    outcome: str = "failed"  # changed | not_modified | failed | disallowed | waiting
    http_status: int | None = None
    kind: str | None = None
    listed: int = 0  # entries the answer listed
    new: int = 0  # of them, not seen before
    read: int = 0  # items read in this poll
    stored: int = 0
    duplicates: int = 0
    screened_out: int = 0
    findings: int = 0
    failures: int = 0
    requests: int = 0
    error: str | None = None
    seconds: float = 0.0
    next_poll_at: str | None = None
    run_id: int | None = None

    @property
    def failed(self) -> bool:
        return self.outcome in ("failed", "disallowed", "waiting")

    def to_dict(self) -> dict:
        return asdict(self)

    def line(self) -> str:
        parts = [f"source={self.source_id}", f"outcome={self.outcome}",
                 f"http={self.http_status or '-'}", f"listed={self.listed}", f"new={self.new}",
                 f"read={self.read}", f"stored={self.stored}", f"findings={self.findings}",
                 f"failures={self.failures}", f"requests={self.requests}",
                 f"{self.seconds:.2f}s", f"next={self.next_poll_at}", f"url={self.url}"]
        if self.error:
            parts.append(f"error={json.dumps(self.error[:300])}")
        return "poll " + " ".join(parts)


@dataclass
class CycleReport:
    polls: list[PollResult] = field(default_factory=list)
    deliveries: dict = field(default_factory=dict)

    @property
    def failed(self) -> int:
        return sum(p.failed for p in self.polls)


class Watcher:
    """Polls the store's sources. One per process (see `lock`)."""

    def __init__(self, db: Database, options: WatchOptions | None = None, *,
                 analyze=None, screen=None, gate: HostGate | None = None,
                 fetcher: Callable[..., object] = fetch,
                 notify: Callable[[], dict] | None = None,
                 on_result: Callable[[PollResult], None] | None = None):
        self.db = db
        self.options = options or WatchOptions()
        self.analyze = analyze
        self.screen = screen
        self.gate = gate or HostGate(self.options.host_interval)
        self.fetcher = fetcher
        self.robots = Robots(db, fetcher)
        self.validators = Validators(db)
        self.notify = notify
        self.on_result = on_result
        self.stopping = False  # set by a signal: finish the item in hand, then stop

    # --- one source ----------------------------------------------------------------------

    def policy_for(self, src: WatchSource) -> FetchPolicy:
        return FetchPolicy(allow_private=src.allow_private,
                           allow_networks=tuple(src.allow_networks or ()),
                           timeout=self.options.timeout, max_bytes=self.options.max_bytes,
                           deadline=max(60.0, 3 * self.options.timeout))

    def _before(self, src: WatchSource, policy: FetchPolicy) -> Callable[[str], None]:
        def before(url: str) -> None:
            if not src.ignore_robots:
                self.robots.check(url, policy, before=self.gate.wait)
            self.gate.wait(url)
        return before

    def poll_source(self, src: WatchSource) -> PollResult:
        started, requests = time.monotonic(), self.gate.requests
        result = PollResult(src.id, src.url)
        policy = self.policy_for(src)
        before = self._before(src, policy)
        retry_after: float | None = None
        page_item: Item | None = None
        try:
            page = self.fetcher(src.url, policy, headers=self.validators.headers(src.url),
                                before=before)
        except Disallowed as exc:
            result.outcome, result.error = "disallowed", str(exc)
        except HTTPFailure as exc:
            result.http_status, result.error = exc.status, str(exc)
            retry_after = exc.retry_after
            if retry_after is not None:
                self.gate.close(src.url, retry_after)
                result.outcome = "waiting"
        except FetchError as exc:
            result.error = str(exc)
        else:
            result.http_status = page.status
            self.validators.remember(src.url, page)
            if page.not_modified:
                result.outcome = "not_modified"
            else:
                result.outcome = "changed"
                result.kind = entrymod.kind_of(page)
                try:
                    if result.kind == "page":
                        page_item = self._page_item(src.url, page)
                    else:
                        result.listed, result.new = self._add_entries(src, page, result.kind)
                except Exception as exc:  # a hostile answer must not stop the service
                    result.outcome, result.error = "failed", f"{src.url}: cannot be read " \
                        f"({type(exc).__name__}: {str(exc)[:200]})"
        ok = result.outcome in ("changed", "not_modified")
        if ok and not self.stopping:
            self._read(src, policy, before, result, page_item)
        self._schedule(src, result, retry_after)
        result.requests = self.gate.requests - requests
        result.seconds = round(time.monotonic() - started, 3)
        if self.on_result:
            self.on_result(result)
        return result

    def _page_item(self, url: str, page) -> Item:
        from treatywatch.ingest import files

        try:
            return Item(url, article=files.article_from_bytes(
                page.body, url=page.url, name=url, content_type=page.content_type))
        except BadInput as exc:
            return Item(url, error=str(exc))

    def _add_entries(self, src: WatchSource, page, kind: str) -> tuple[int, int]:
        listed = (entrymod.feed_entries(page, src.url) if kind == "feed"
                  else entrymod.sitemap_entries(page, src.url))
        if not listed:
            raise BadInput(f"{src.url}: the {kind} lists no entries")
        keys = {e.key: e for e in listed}
        stamp = now()
        with self.db.write() as s:
            known = set(s.execute(select(WatchItem.item_key)
                                  .where(WatchItem.item_key.in_(list(keys)))).scalars())
            fresh = [e for k, e in keys.items() if k not in known]
            for e in fresh:
                s.add(WatchItem(item_key=e.key, source_id=src.id, link=e.link, title=e.title,
                                published=e.published, content=e.content, state="pending",
                                attempts=0, first_seen=stamp))
        return len(listed), len(fresh)

    def _pending(self, src: WatchSource) -> list[WatchItem]:
        at = now()
        with self.db.session() as s:
            rows = s.execute(select(WatchItem).where(WatchItem.source_id == src.id,
                                                     WatchItem.state == "pending")
                             .order_by(WatchItem.id).limit(self.options.max_items * 2)
                             ).scalars().all()
        return [r for r in rows if (aware(r.next_try_at) or at) <= at][:self.options.max_items]

    def _read(self, src: WatchSource, policy: FetchPolicy, before, result: PollResult,
              page_item: Item | None) -> None:
        from treatywatch.runner import ingest

        rows = self._pending(src)
        if not rows and page_item is None:
            return
        marks: list[tuple[int, str, str | None]] = []

        def items() -> Iterator[Item]:
            if page_item is not None:
                yield page_item
            for row in rows:
                if self.stopping:
                    return
                item, state, error = self._read_item(row, policy, before)
                if state == "wait":  # its host said wait: not tried, not a failure
                    continue
                marks.append((row.id, state, error))
                yield item

        def flush(_progress=None) -> None:
            self._mark(marks)
            marks.clear()

        try:
            progress = ingest(self.db, [src.url], items=items(), analyze=self.analyze,
                              screen=self.screen, keep_all=self.options.keep_all,
                              as_of=self.options.as_of, batch_size=50, on_progress=flush)
        finally:
            flush()
        result.run_id = progress.run_id
        result.read = progress.seen
        result.stored, result.duplicates = progress.stored, progress.duplicates
        result.screened_out, result.findings = progress.screened_out, progress.findings
        result.failures = progress.failures
        if progress.stored:
            with self.db.write() as s:
                s.execute(update(WatchSource).where(WatchSource.id == src.id)
                          .values(last_new_at=now()))

    def _read_item(self, row: WatchItem, policy: FetchPolicy, before
                   ) -> tuple[Item, str, str | None]:
        """(the Item, the row's next state, the error) for one pending entry."""
        from treatywatch.ingest import files

        label = row.link or f"{row.title or 'entry'} (item {row.id})"
        reason = None
        if row.link:
            try:
                page = self.fetcher(row.link, policy, before=before)
                article = files.article_from_bytes(page.body, url=page.url, name=row.link,
                                                   content_type=page.content_type)
                return self._fill(Item(label, article=article), row), "done", None
            except HostClosed as exc:
                return Item(label, error=str(exc)), "wait", str(exc)
            except FetchError as exc:
                reason = str(exc)
                if isinstance(exc, HTTPFailure) and exc.retry_after is not None:
                    self.gate.close(row.link, exc.retry_after)  # no more to that host now
                if exc.transient and row.attempts + 1 < ITEM_ATTEMPTS:
                    return Item(label, error=reason), "retry", reason
            except BadInput as exc:
                reason = str(exc)
            except Exception as exc:  # lxml / trafilatura on hostile markup
                reason = f"{row.link}: the HTML cannot be parsed ({str(exc)[:200]})"
        if row.content:
            try:
                article = files.article_from_html(entrymod.wrap_entry(row.title, row.content),
                                                  url=row.link, name=label)
                return self._fill(Item(label, article=article), row), "done", None
            except BadInput as exc:
                reason = reason or str(exc)
            except Exception as exc:
                reason = reason or f"{label}: the entry cannot be parsed ({str(exc)[:200]})"
        reason = reason or f"{label}: the entry has neither a link nor any content"
        return Item(label, error=reason), "failed", reason

    @staticmethod
    def _fill(item: Item, row: WatchItem) -> Item:
        article = item.article
        assert article is not None
        article.published = article.published or row.published
        if not article.title and row.title:
            article.title = row.title
        return item

    def _mark(self, marks: list[tuple[int, str, str | None]]) -> None:
        if not marks:
            return
        at = now()
        with self.db.write() as s:
            for item_id, state, error in marks:
                row = s.get(WatchItem, item_id)
                if row is None:
                    continue
                row.attempts += 1
                row.last_error = error
                if state == "retry":
                    row.next_try_at = at + timedelta(minutes=5 * 2 ** row.attempts)
                else:
                    row.state = state
                    row.done_at = at
                    row.content = None  # read: the entry's markup is no longer needed

    def _schedule(self, src: WatchSource, result: PollResult, retry_after: float | None) -> None:
        at = now()
        with self.db.write() as s:
            row = s.get(WatchSource, src.id)
            if row is None:  # removed while we polled
                return
            row.polls += 1
            row.last_polled_at = at
            row.kind = result.kind or row.kind
            if result.failed:
                row.failures_in_row += 1
                row.last_error = result.error
                row.last_status = RETRY_AFTER if retry_after is not None else (
                    f"http {result.http_status}" if result.http_status else result.outcome)
            else:
                row.failures_in_row = 0
                row.last_error = None
                row.last_status = result.outcome
            if result.new:
                row.last_new_at = at
            row.next_poll_at = at + srcmod.backoff(row.every_s, row.failures_in_row,
                                                   retry_after)
            result.next_poll_at = row.next_poll_at.isoformat(timespec="seconds")
        src.failures_in_row = row.failures_in_row

    # --- all sources ---------------------------------------------------------------------

    def due(self, force: bool = False) -> list[WatchSource]:
        if not force:
            return srcmod.due(self.db)
        at = now()
        with self.db.session() as s:
            rows = s.execute(select(WatchSource).where(WatchSource.paused.is_(False))
                             .order_by(WatchSource.id)).scalars().all()
        # --force polls ahead of the schedule, but never before a server's Retry-After.
        return [r for r in rows if not (r.last_status == RETRY_AFTER
                                        and (aware(r.next_poll_at) or at) > at)]

    def poll(self, force: bool = False) -> CycleReport:
        report = CycleReport()
        for src in self.due(force):
            if self.stopping:
                break
            report.polls.append(self.poll_source(src))
        if self.notify is not None and not self.stopping:
            report.deliveries = self.notify()
        return report

    def serve(self, *, sleep: Callable[[float], None] = time.sleep,
              max_cycles: int | None = None, on_cycle: Callable[[CycleReport], None] | None
              = None, longest_wait: float = 60.0) -> int:
        """Poll until `stopping` (or `max_cycles`); returns the number of cycles run."""
        cycles = 0
        while not self.stopping and (max_cycles is None or cycles < max_cycles):
            report = self.poll()
            cycles += 1
            if on_cycle:
                on_cycle(report)
            with self.db.session() as s:
                active = s.execute(select(WatchSource).where(WatchSource.paused.is_(False))
                                   ).scalars().all()
            upcoming = srcmod.next_due(active)
            wait = longest_wait if upcoming is None else \
                max(0.0, min(longest_wait, (upcoming - now()).total_seconds()))
            waited = 0.0
            while not self.stopping and waited < wait and (
                    max_cycles is None or cycles < max_cycles):
                step = min(1.0, wait - waited)
                sleep(step)
                waited += step
        return cycles
