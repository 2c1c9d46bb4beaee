"""The batch: sources -> Articles -> `pipeline.analyze_article` -> the store.

`ingest()` reads the sources as a stream, in batches: each batch's new articles are analysed,
then stored with their events, findings, stories and failures, and the run's counters bumped,
all in one transaction. So a run stopped at any point (Ctrl-C, kill -9, power loss) leaves
whole batches only, and a re-run skips what is stored (same normalised text = same content
hash, unique in the store): nothing lost, nothing doubled. Every run is recorded in
`ingest_runs`; every bad input in `failures`, and the run goes on.

`reassess()` recomputes findings from stored events with the current rules and registry.

Before anything is read in full, every input goes through the pipeline's own prefilter (one
Aho-Corasick pass; for JSONL lines and WARC records over the raw record, before the JSON
checks or the HTML extraction): an input with no treaty vocabulary is counted as seen and
*screened out* — not analysed and not stored (re-reading it costs one scan again), unless
`keep_all`. Of the rest, an article is *relevant* when its analysis yields at least one event:
its text is kept and it joins a story; for the others a receipt (hash and metadata) is kept
(with the text too when `keep_all`).
"""

from __future__ import annotations

import logging
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError, OperationalError

from treatywatch.fingerprint import ensure_content_hash
from treatywatch.ingest.fetch import FetchPolicy
from treatywatch.ingest.sources import Item, iter_items
from treatywatch.model import Analysis, Article
from treatywatch.store import writer
from treatywatch.store.db import Database

log = logging.getLogger(__name__)

Analyzer = Callable[[Article], Analysis]
T = TypeVar("T")
WRITE_ATTEMPTS = 3

# Exit statuses of unattended runs (`ingest`, `watch --once`), documented in docs/watch.md.
EXIT_SOME_FAILED = 4  # some inputs could not be read (see `treatywatch failures`)
EXIT_ALL_FAILED = 5  # every input failed: nothing was read
STALE_RUN = 3600.0  # seconds without a heartbeat after which a `running` run is dead


def exit_status(progress: Progress) -> int:
    """0, EXIT_SOME_FAILED or EXIT_ALL_FAILED for a finished run's totals."""
    if not progress.failures:
        return 0
    read = progress.seen - progress.screened_out
    return EXIT_ALL_FAILED if progress.failures >= read else EXIT_SOME_FAILED


def _alive(pid: int) -> bool:
    import os

    if pid == os.getpid():  # a pid reused by this very process (containers start at 1)
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def mark_dead_runs(session) -> list[int]:
    """Runs still `running` whose process is gone (killed, SIGKILL, power loss): marked
    `interrupted`. A run on this host is dead when its pid is; one on another host when its
    heartbeat is older than STALE_RUN. Returns their ids."""
    import socket
    from datetime import UTC, datetime

    from sqlalchemy import select, update

    from treatywatch.store.tables import IngestRun

    here = socket.gethostname()
    at = datetime.now(UTC)
    dead = []
    for run in session.execute(select(IngestRun).where(IngestRun.status == "running")).scalars():
        beat = run.heartbeat_at or run.started_at
        if beat is not None and beat.tzinfo is None:
            beat = beat.replace(tzinfo=UTC)
        if run.host == here and run.pid is not None:
            gone = not _alive(run.pid)
        else:  # another machine's run (or one from before runs named their process)
            gone = beat is None or (at - beat).total_seconds() > STALE_RUN
        if gone:
            dead.append(run.id)
    if dead:
        session.execute(update(IngestRun).where(IngestRun.id.in_(dead))
                        .values(status="interrupted"))
        log.warning("runs %s had been killed; marked interrupted", dead)
    return dead


@dataclass
class Progress:
    """Running totals of one run, handed to the progress callback after every batch."""

    run_id: int = 0
    seen: int = 0
    duplicates: int = 0
    stored: int = 0
    relevant: int = 0
    events: int = 0
    findings: int = 0
    failures: int = 0
    screened_out: int = 0  # seen, no treaty vocabulary: neither analysed nor stored
    started: float = field(default_factory=time.monotonic)
    status: str = "running"
    total: int | None = None  # inputs to read, where known beforehand (see estimate_total)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        """Inputs seen per second."""
        return self.seen / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the present rate, where the total is known."""
        if self.total is None or self.rate <= 0:
            return None
        return max(0.0, (self.total - self.seen) / self.rate)

    def add(self, counts: dict[str, int]) -> None:
        for key, value in counts.items():
            setattr(self, key, getattr(self, key) + value)

    def to_dict(self) -> dict:
        out = asdict(self)
        out.pop("started")
        out["elapsed_s"] = round(self.elapsed, 3)
        out["rate_per_s"] = round(self.rate, 1)
        out["eta_s"] = None if self.eta is None else round(self.eta, 1)
        return out

    def line(self) -> str:
        """The one-line summary printed on stderr at the end of a run."""
        return (f"ingest run {self.run_id}: {self.status} · seen {self.seen:,} · screened out "
                f"{self.screened_out:,} · new {self.stored:,} · already stored "
                f"{self.duplicates:,} · relevant {self.relevant:,} · findings "
                f"{self.findings:,} · failures {self.failures:,} · {self.elapsed:,.1f} s · "
                f"{self.rate:,.1f}/s")


def estimate_total(sources: Iterable[str], budget: float = 2.0) -> int | None:
    """How many inputs the sources hold, when that can be known cheaply: files in folders,
    lines of plain JSONL (counted within `budget` seconds); None for feeds, URLs, WARC and
    compressed dumps, whose count is only known once read."""
    import os
    from pathlib import Path

    from treatywatch.ingest.sources import is_url, kind_of

    deadline = time.monotonic() + budget
    total = 0

    def count(source: str, depth: int = 0) -> bool:
        nonlocal total
        if time.monotonic() > deadline or depth > 3 or is_url(source):
            return False
        if source.startswith("@"):
            try:
                lines = Path(source[1:]).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                return False
            return all(count(ln.strip(), depth + 1) for ln in lines
                       if ln.strip() and not ln.strip().startswith("#"))
        path = Path(source)
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in names:
                    if not name.startswith(".") and not count(os.path.join(root, name),
                                                              depth + 1):
                        return False
            return True
        if not path.is_file():
            total += 1  # it will be one failure
            return True
        kind = kind_of(path)
        if kind == "file":
            total += 1
            return True
        if kind != "jsonl" or path.name.lower().endswith(".gz"):
            return False
        lines = 0
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                lines += chunk.count(b"\n")
                if time.monotonic() > deadline:
                    return False
        total += lines
        return True

    return total if all(count(str(s)) for s in sources) else None


@dataclass(frozen=True)
class PipelineAnalyzer:
    """`pipeline.analyze_article` with a fixed `as_of` (a picklable callable, for workers)."""

    as_of: date | None = None

    def __call__(self, article: Article) -> Analysis:
        from treatywatch.pipeline import analyze_article

        return analyze_article(article, as_of=self.as_of)

    def batch(self, articles: list[Article]) -> list[Analysis | Exception]:
        """The same for a batch, spaCy run once over all of it (`pipeline.analyze_articles`)."""
        from treatywatch.pipeline import analyze_articles

        return analyze_articles(articles, as_of=self.as_of)


def _default_analyzer(as_of: date | None) -> Analyzer:
    return PipelineAnalyzer(as_of)


def _warm(analyze: Analyzer) -> None:
    """Load the models once before worker processes fork, so that they share them; and story
    grouping's MinHash (datasketch's import, the seeded permutations), so that no batch pays
    for it."""
    try:
        from treatywatch.ingest.files import article_from_record

        analyze(Article(title="Landmines", text="Landmines were laid near the border last "
                        "week, officials in the capital said."))
        # a record read as ingest reads one (language, mojibake check) and one with a town
        # and a date: the gazetteer's cities and the date parser load here, not in a batch
        analyze(article_from_record({
            "title": "Landmine kills farmer", "published": "2024-03-05",
            "text": "A farmer was killed by a landmine near Kharkiv, in Ukraine, on 3 March, "
                    "local officials said on Tuesday, and deminers were sent to the area."}))
        from treatywatch.store import dedup

        dedup.signature("landmines were laid")
    except Exception:  # warming is an optimisation only
        log.debug("warm-up analysis failed", exc_info=True)


Screen = Callable[[str], bool]


class PrefilterScreen:
    """The pipeline's own first step, as a yes/no on a text; `markup` is its early, cheap
    screen of a raw HTML page (`prefilter.could_hold`: False only for a page whose text cannot
    pass the screen). A screen without `markup` sees pages only once they are read."""

    def __call__(self, text: str) -> bool:
        from treatywatch.extract.prefilter import scan
        from treatywatch.pipeline import is_relevant

        return is_relevant(scan(text))

    def markup(self, page: str | bytes) -> bool:
        from treatywatch.extract.prefilter import could_hold

        return could_hold(page)


def prefilter_screen() -> Screen:
    """The pipeline's own first step, as a yes/no on a text (see `PrefilterScreen`)."""
    return PrefilterScreen()


def _screened(items: Iterator[Item], screen: Screen | None) -> Iterator[Item]:
    """Drop (mark skipped) the inputs the prefilter finds nothing in; read the others.

    A JSONL record is screened on its raw title and text, before any check. A WARC page is
    screened on its raw HTML by the screen's `markup` check, before trafilatura; one that
    passes is read and screened again on the text read from it, exactly as an HTML file is.
    So the early screen changes nothing stored, only what it costs (tested)."""
    for item in items:
        if screen is None:
            yield item.load()
            continue
        if item.pending and item.screen is not None:
            if not item.markup:
                yield item.load() if screen(item.screen) else item.drop()
                continue
            early = getattr(screen, "markup", None)
            if early is not None and not early(item.screen):
                yield item.drop()
                continue
        item.load()
        if item.article is not None and not screen(f"{item.article.title}\n{item.article.text}"):
            yield item.drop()
            continue
        yield item


def _batches(items: Iterator[Item], size: int, max_seconds: float) -> Iterator[list[Item]]:
    """Groups of up to `size` items; a slow source (feeds, pages) closes a group after
    `max_seconds` so that its work is committed as it goes."""
    while True:
        batch: list[Item] = []
        opened = time.monotonic()
        for item in items:
            batch.append(item)
            if len(batch) >= size or time.monotonic() - opened > max_seconds:
                break
        if not batch:
            return
        yield batch


def read_batches(sources: Iterable[str], policy: FetchPolicy | None, screen: Screen | None,
                 batch_size: int, batch_seconds: float = 10.0,
                 items: Iterable[Item] | None = None) -> Iterator[list[Item]]:
    """The sources' inputs, screened (see `_screened`) and read, in batches: what every ingest
    (this process, or one Dask task per shard) reads."""
    stream = iter(items) if items is not None else iter_items(sources, policy, lazy=True)
    return _batches(_screened(stream, screen), batch_size, batch_seconds)


def ingest(
    db: Database,
    sources: Iterable[str],
    *,
    policy: FetchPolicy | None = None,
    analyze: Analyzer | None = None,
    as_of: date | None = None,
    keep_all: bool = False,
    batch_size: int = 200,
    batch_seconds: float = 10.0,
    screen: Screen | None = None,
    workers: int = 1,
    on_progress: Callable[[Progress], None] | None = None,
    items: Iterable[Item] | None = None,
    total: int | None = None,
) -> Progress:
    """Read `sources` into the store; returns the run's totals (see module docstring).

    `screen` (default: the pipeline's prefilter) decides from the raw text whether an input is
    worth reading; `keep_all` turns screening off. With `workers` > 1 the analyses run in that
    many processes (the analyser must be picklable) while this one reads, screens and writes;
    batches are still committed in order, one transaction each.

    `items`, when given, are read instead of `sources` (which then only name the run): the
    watch service hands in the entries it fetched itself."""
    sources = [str(s) for s in sources]
    analyze = analyze or _default_analyzer(as_of)
    if keep_all:
        screen = None
    elif screen is None:
        screen = prefilter_screen()
    with db.write() as s:
        mark_dead_runs(s)
        run_id = writer.start_run(s, sources)
    progress = Progress(run_id=run_id, total=total)
    log.info("ingest run %d: %s", run_id, ", ".join(sources))
    status = "failed"
    executor = None
    if workers > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        _warm(analyze)
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        executor = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    window = 2 * workers if executor else 0  # batches whose analyses may be in flight
    pending: deque[tuple[list[Item], _Prepared]] = deque()

    def complete() -> None:
        batch, prepared = pending.popleft()
        counts = _complete(db, run_id, prepared, keep_all)
        progress.add(counts)
        progress.screened_out += sum(item.skipped for item in batch)
        if on_progress:
            on_progress(progress)

    try:
        for batch in read_batches(sources, policy, screen, batch_size, batch_seconds, items):
            pending.append((batch, _prepare(db, batch, analyze, executor)))
            while pending and (len(pending) > window or pending[0][1].ready()):
                complete()
        while pending:
            complete()
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
        progress.status = status
        try:
            with db.write() as s:
                writer.finish_run(s, run_id, status)
        except Exception:  # the run record is best effort when the database itself failed
            log.exception("could not close run %d", run_id)
    return progress


@dataclass
class _Prepared:
    """A batch checked against the store, its analyses done or under way."""

    counts: dict[str, int]
    failed: list[tuple[str, str]]
    work: list[tuple[Item, Any]]  # (item, Analysis or Future)

    def ready(self) -> bool:
        return all(getattr(w, "done", lambda: True)() for _, w in self.work)


def _analysis_failure(item: Item, exc: BaseException) -> tuple[str, str]:
    log.error("analysis failed for %s: %s", item.source, exc, exc_info=exc)
    return (item.source,
            f"{item.source}: analysis failed ({type(exc).__name__}: {str(exc)[:200]})")


def _prepare(db: Database, batch: list[Item], analyze: Analyzer, executor) -> _Prepared:
    counts = dict.fromkeys(writer.COUNTERS, 0)
    counts["seen"] = len(batch)
    failed: list[tuple[str, str]] = [
        (i.source, i.error or "unreadable") for i in batch if not i.ok and not i.skipped
    ]
    fresh: dict[str, Item] = {}
    for item in batch:
        if item.ok:
            assert item.article is not None
            digest = ensure_content_hash(item.article)
            if digest in fresh:
                counts["duplicates"] += 1
            else:
                fresh[digest] = item
    with db.session() as s:
        known = writer.known_hashes(s, fresh)
    counts["duplicates"] += len(known)
    work: list[tuple[Item, Any]] = []
    batch_analyze = getattr(analyze, "batch", None)
    if executor is None and batch_analyze is not None:  # one spaCy pipe for the batch
        todo = [item for digest, item in fresh.items() if digest not in known]
        for item, result in zip(todo, batch_analyze([i.article for i in todo]), strict=True):
            if isinstance(result, Exception):
                failed.append(_analysis_failure(item, result))
            else:
                work.append((item, result))
        return _Prepared(counts, failed, work)
    for digest, item in fresh.items():
        if digest in known:
            continue
        if executor is not None:
            work.append((item, executor.submit(analyze, item.article)))
            continue
        try:
            work.append((item, analyze(item.article)))  # type: ignore[arg-type]
        except KeyboardInterrupt:
            raise
        except Exception as exc:  # one article's analysis must not stop the run
            failed.append(_analysis_failure(item, exc))
    return _Prepared(counts, failed, work)


def prepare_batch(db: Database, batch: list[Item], analyze: Analyzer
                  ) -> tuple[list[tuple[str, Analysis]], list[tuple[str, str]], dict[str, int]]:
    """A batch checked against the store and analysed here: (source, analysis) pairs of the
    articles to store, (source, reason) failures, and the batch's counts so far."""
    prepared = _prepare(db, batch, analyze, None)
    analysed, failed = resolve(prepared)
    return analysed, failed, prepared.counts


def resolve(prepared: _Prepared) -> tuple[list[tuple[str, Analysis]], list[tuple[str, str]]]:
    """A prepared batch's (source, analysis) pairs and failures, once its analyses are done."""
    from concurrent.futures.process import BrokenProcessPool

    analysed: list[tuple[str, Analysis]] = []
    failed = list(prepared.failed)
    for item, work in prepared.work:
        if isinstance(work, Analysis):
            analysed.append((item.source, work))
            continue
        try:
            analysed.append((item.source, work.result()))
        except BrokenProcessPool:
            raise
        except Exception as exc:
            failed.append(_analysis_failure(item, exc))
    return analysed, failed


def _complete(db: Database, run_id: int, prepared: _Prepared, keep_all: bool
              ) -> dict[str, int]:
    analysed, failed = resolve(prepared)
    return write_retrying(
        lambda: _write_batch(db, run_id, analysed, failed, dict(prepared.counts), keep_all),
        "batch")


# A concurrent writer (PostgreSQL) stored one of the articles between our check and our insert,
# or the two waited on each other (deadlock, serialization failure): the transaction was rolled
# back whole, and the next try sees those articles stored.
_RETRY_SQLSTATES = {"40P01", "40001"}


def _collision(exc: Exception) -> bool:
    if isinstance(exc, IntegrityError):
        return True
    return getattr(getattr(exc, "orig", None), "sqlstate", None) in _RETRY_SQLSTATES


def write_retrying(write: Callable[[], T], what: str) -> T:
    """Run the transaction `write`, again (up to WRITE_ATTEMPTS) when it collided with another
    writer; any other error, or the last collision, is raised."""
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            return write()
        except (IntegrityError, OperationalError) as exc:
            if attempt == WRITE_ATTEMPTS or not _collision(exc):
                raise
            log.info("%s collided with another writer; retrying (%d)", what, attempt)
    raise AssertionError("unreachable")


def _write_batch(db: Database, run_id: int, analysed: list[tuple[str, Analysis]],
                 failed: list[tuple[str, str]], counts: dict[str, int], keep_all: bool
                 ) -> dict[str, int]:
    """One transaction: the batch's articles, events, findings, failures and run counters."""
    with db.write() as s:
        counts = write_batch(s, run_id, analysed, failed, counts, keep_all)
        writer.add_to_run(s, run_id, counts)
    return counts


def write_batch(s, run_id: int, analysed: list[tuple[str, Analysis]],
                failed: list[tuple[str, str]], counts: dict[str, int], keep_all: bool,
                ungrouped: list[int] | None = None) -> dict[str, int]:
    """A batch's articles, events, findings and failures, in the caller's transaction `s`;
    returns its counts. Relevant articles join their story here, unless `ungrouped` is given:
    then their ids are appended to it, in order, for `writer.group_article` later."""
    counts = dict(counts)
    # Checked again inside the write transaction: another writer may have stored some.
    again = writer.known_hashes(s, [a.article.content_hash for _, a in analysed])
    plain: list[tuple[Analysis, str | None]] = []
    for source, analysis in analysed:
        if analysis.article.content_hash in again:
            counts["duplicates"] += 1
            continue
        again.add(analysis.article.content_hash)
        relevant = bool(analysis.events)
        if not relevant and not analysis.findings:
            plain.append((analysis, source))
            continue
        keep_text = relevant or keep_all
        stored = writer.store_analysis(
            s, analysis, relevant=relevant, run_id=run_id, keep_text=keep_text,
            source=source, group=ungrouped is None,
        )
        if ungrouped is not None and writer.needs_story(relevant, keep_text, analysis.article):
            ungrouped.append(stored.article_id)
        counts["stored"] += 1
        counts["relevant"] += int(relevant)
        counts["events"] += stored.events
        counts["findings"] += stored.findings
    counts["stored"] += writer.store_plain(s, plain, run_id=run_id, keep_text=keep_all)
    for source, reason in failed:
        writer.record_failure(s, source, reason, run_id)
    counts["failures"] = counts.get("failures", 0) + len(failed)
    return counts


# --- reassess --------------------------------------------------------------------------------


_KEY_FIELDS = ("treaty", "state", "kind", "article", "modality", "rule", "status")


def _keyed(keys: set[tuple]) -> list[dict]:
    return [dict(zip(_KEY_FIELDS, key, strict=True)) for key in sorted(keys, key=str)]


def reassess(
    db: Database,
    *,
    as_of: date | None = None,
    batch_size: int = 200,
    on_progress: Callable[[Progress], None] | None = None,
    registry=None,
) -> dict[str, int]:
    """Recompute every stored article's findings from its stored events with the current rules
    and registry. Returns counts: articles, before, after (findings), changed (articles whose
    findings changed: kind, state, article, modality, rule version or status), and `changes`:
    for each changed article, the findings it lost and gained, as `writer.finding_key` tuples
    rendered as dicts."""
    from treatywatch.assess import assess

    with db.write() as s:
        run_id = writer.start_run(s, ["reassess"], kind="reassess")
    totals: dict = {"articles": 0, "before": 0, "after": 0, "changed": 0, "changes": []}
    progress = Progress(run_id=run_id)
    last_id = 0
    status = "failed"
    try:
        while True:
            with db.write() as s:
                stored = writer.articles_with_events(s, last_id, batch_size)
                if not stored:
                    break
                n_findings = 0
                for item in stored:
                    last_id = item.article_id
                    new = assess(item.article, item.events, as_of=as_of, registry=registry)
                    totals["articles"] += 1
                    totals["before"] += item.n_findings
                    totals["after"] += len(new)
                    # Unchanged findings keep their rows (and feed dates).
                    new_keys = {writer.finding_key(f) for f in new}
                    if new_keys != item.finding_keys:
                        totals["changes"].append(
                            {
                                "article_id": item.article_id,
                                "title": item.article.title,
                                "removed": _keyed(item.finding_keys - new_keys),
                                "added": _keyed(new_keys - item.finding_keys),
                            }
                        )
                        writer.replace_findings(
                            s, item.article_id, new, item.event_ids, item.article, run_id
                        )
                        totals["changed"] += 1
                        n_findings += len(new)
                counts = {"seen": len(stored), "stored": len(stored), "findings": n_findings}
                writer.add_to_run(s, run_id, counts)
            progress.add(counts)
            if on_progress:
                on_progress(progress)
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        with db.write() as s:
            writer.finish_run(s, run_id, status)
    return totals

