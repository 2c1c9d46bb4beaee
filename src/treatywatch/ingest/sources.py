"""Sources -> a stream of `Item`s (an Article, or the reason an input could not be read).

A SOURCE is one of:
- a folder: every file under it, recursively, in name order (hidden files skipped);
- a JSONL file (`.jsonl`, `.ndjson`, optionally `.gz`): one JSON article object per line;
- a WARC file (`.warc`, `.warc.gz`): HTML `response` records, read by trafilatura
  (the shape of Common Crawl's news archive);
- an RSS/Atom feed, as a file (`.rss`, `.atom`, `.xml`) or a URL: each entry's page is fetched,
  falling back to the entry's own content when the page cannot be had;
- a web page URL (http/https), fetched safely (see `fetch.py`);
- any other file: one article (plain text, HTML or a JSON object; see `files.py`);
- `@LIST`: a text file naming one source per line (`#` starts a comment).

Everything streams: one record is in memory at a time (records are bounded by `MAX_RECORD`),
so a WARC of many gigabytes is read in constant memory. A bad input never stops the stream:
it comes out as an `Item` with `error` set.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from treatywatch.dates import leading_date
from treatywatch.errors import BadInput, InvalidDate
from treatywatch.ingest.decoding import decode_text
from treatywatch.ingest.fetch import FetchError, FetchPolicy, fetch
from treatywatch.model import Article

log = logging.getLogger(__name__)

MAX_RECORD = 5 * 1024 * 1024  # bytes: one JSONL line, one WARC response body
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
WARC_TYPES = frozenset({"warcinfo", "response", "resource", "request", "metadata", "revisit",
                        "conversion", "continuation"})


@dataclass
class Item:
    """One input read: `article` when it could be read, else `error` (the reason).

    A *lazy* item (from `iter_items(..., lazy=True)`) from a bulk source (JSONL line, WARC
    record) has not been turned into an Article yet: `screen` is its raw text (for a cheap
    prefilter by the caller) and `load()` reads it (HTML extraction, checks), after which
    `article` or `error` is set. So a caller can skip the costly reading of the great majority
    of a news stream that has nothing to do with the treaties. For a WARC page (`markup`) the
    screen is the page's raw bytes (None when they are not UTF-8: then only the text read from
    it can be screened).
    """

    source: str  # where it came from: a path, path:line, a URL, warc-path url
    article: Article | None = None
    error: str | None = None
    screen: str | bytes | None = None  # bytes: a raw page (`markup`)
    loader: Callable[[], Article] | None = field(default=None, repr=False)
    skipped: bool = False  # the caller's prefilter found nothing to read in it
    markup: bool = False  # `screen` is a raw HTML page (WARC), not the article's own text

    @property
    def ok(self) -> bool:
        return self.article is not None

    @property
    def pending(self) -> bool:
        return self.loader is not None

    def load(self) -> Item:
        """Read a lazy item (no-op otherwise); returns self."""
        if self.loader is not None:
            loader, self.loader, self.screen = self.loader, None, None
            try:
                self.article = loader()
            except BadInput as exc:
                self.error = str(exc)
            except Exception as exc:  # trafilatura / lxml on hostile markup
                self.error = f"{self.source}: cannot be read ({type(exc).__name__}: " \
                             f"{str(exc)[:200]})"
        return self

    def drop(self) -> Item:
        """Forget the raw record (after a caller decided not to read it)."""
        self.loader, self.screen, self.article, self.skipped = None, None, None, True
        return self


def _files():
    from treatywatch.ingest import files  # the analysis side's readers

    return files


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def kind_of(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(FEED_SUFFIXES):
        return "feed"
    return "file"


def iter_items(
    sources: Iterable[str], policy: FetchPolicy | None = None, *, lazy: bool = False
) -> Iterator[Item]:
    """Every input in `sources`, in order, as Items (lazy ones only when `lazy`)."""
    policy = policy or FetchPolicy()
    for source in sources:
        for item in _dispatch(str(source), policy):
            yield item if lazy else item.load()


def _dispatch(source: str, policy: FetchPolicy) -> Iterator[Item]:
    if is_url(source):
        yield from read_url(source, policy)
        return
    if source.startswith("@"):
        yield from read_list(Path(source[1:]), policy)
        return
    path = Path(source)
    if path.is_dir():
        yield from read_folder(path, policy)
    elif not path.exists():
        yield Item(source, error=f"{source}: no such file, folder or URL")
    else:
        yield from read_path(path, policy)


def read_list(path: Path, policy: FetchPolicy) -> Iterator[Item]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        yield Item(f"@{path}", error=f"@{path}: cannot read the source list ({exc})")
        return
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            yield from _dispatch(line, policy)


def read_folder(folder: Path, policy: FetchPolicy) -> Iterator[Item]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield from read_path(Path(root) / name, policy)


def read_path(path: Path, policy: FetchPolicy) -> Iterator[Item]:
    kind = kind_of(path)
    if kind == "jsonl":
        yield from read_jsonl(path)
    elif kind == "warc":
        yield from read_warc(path)
    elif kind == "feed":
        yield from read_feed_file(path, policy)
    else:
        try:
            yield Item(str(path), article=_files().read_article(path))
        except BadInput as exc:
            yield Item(str(path), error=str(exc))


# --- JSONL -----------------------------------------------------------------------------------


def _open_binary(path: Path):
    raw = open(path, "rb")  # noqa: SIM115 - closed by the caller's with
    if path.name.lower().endswith(".gz"):
        return gzip.GzipFile(fileobj=raw, mode="rb")
    return raw


def read_jsonl(path: Path) -> Iterator[Item]:
    """One article per line; a broken line is an error Item and the reading goes on."""
    files = _files()
    try:
        stream = _open_binary(path)
    except OSError as exc:
        yield Item(str(path), error=f"{path}: cannot open ({exc.strerror or exc})")
        return
    with stream:
        lineno = 0
        while True:
            try:
                line = stream.readline(MAX_RECORD + 1)
            except (OSError, EOFError, zlib.error) as exc:  # e.g. a truncated gzip
                yield Item(f"{path}:{lineno + 1}", error=f"{path}:{lineno + 1}: unreadable ({exc})")
                return
            if not line:
                return
            lineno += 1
            name = f"{path}:{lineno}"
            if len(line) > MAX_RECORD and not line.endswith(b"\n"):
                while True:  # skip the rest of the over-long line without holding it
                    rest = stream.readline(MAX_RECORD)
                    if not rest or rest.endswith(b"\n"):
                        break
                yield Item(name, error=f"{name}: line longer than {MAX_RECORD} bytes, skipped")
                continue
            if not line.strip():
                continue
            note = None
            try:
                try:
                    record = json.loads(line)
                except UnicodeDecodeError:  # damaged bytes: the one decoding policy decides
                    decoded = decode_text(line, name)
                    record, note = json.loads(decoded.text), decoded.note
            except BadInput as exc:
                yield Item(name, error=str(exc))
                continue
            except ValueError as exc:
                yield Item(name, error=f"{name}: not a JSON object ({str(exc)[:120]})")
                continue
            text = record.get("text") if isinstance(record, dict) else None
            if isinstance(text, str) and text.strip():
                title = record.get("title")
                yield Item(name, screen=f"{title}\n{text}" if isinstance(title, str) else text,
                           loader=partial(_record_article, record, name, note))
                continue
            try:  # not an article: the reader says why
                files.article_from_record(record, name=name, path=name)
                yield Item(name, error=f"{name}: not an article")
            except BadInput as exc:
                yield Item(name, error=str(exc))


def _record_article(record: dict, name: str, note: dict | None) -> Article:
    article = _files().article_from_record(record, name=name, path=name)
    article.decoding = note
    return article


# --- WARC ------------------------------------------------------------------------------------


def _starts_like_warc(stream) -> bool:
    head = stream.read(8192)
    stream.seek(0)
    if head[:2] == b"\x1f\x8b":
        try:
            head = gzip.GzipFile(fileobj=io.BytesIO(head)).read(5)
        except (OSError, EOFError, zlib.error):
            head = b""
    return head.startswith(b"WARC/")


def read_warc(path: Path) -> Iterator[Item]:
    """HTML responses (status 200) of a WARC/WARC.gz, each through trafilatura.

    The records are parsed by fastwarc (a compiled parser, several times faster than warcio)
    where it is installed and the file is plain; warcio reads what fastwarc cannot: if fastwarc
    stops on a record (damaged data, a record it does not parse as HTTP, a compressed payload),
    the file is read again by warcio from that record on (the records before it skipped, by
    count), so what comes out is what warcio alone gives."""
    try:
        stream = open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        yield Item(str(path), error=f"{path}: cannot open ({exc.strerror or exc})")
        return
    with stream:
        if not _starts_like_warc(stream):
            yield Item(str(path), error=f"{path}: not a WARC file (it does not begin with WARC/)")
            return
        done = 0  # records read (of any type) when fastwarc stopped
        if _fastwarc() is not None:
            fast = _fastwarc_records(path, stream)
            try:
                yield from fast
                return
            except _Unsure as exc:
                done = exc.records
                log.debug("%s: fastwarc stopped after %d records (%s); warcio goes on", path,
                          done, exc.reason)
            stream.seek(0)
        yield from _warcio_records(path, stream, skip=done)


def _fastwarc():
    try:
        from fastwarc import warc
    except ImportError:  # optional: warcio reads everything
        return None
    return warc


class _Unsure(Exception):
    """fastwarc met a record it may not read as warcio would: warcio takes over there."""

    def __init__(self, records: int, reason: str):
        super().__init__(reason)
        self.records, self.reason = records, reason


_FAST_TYPES = None
_HTTP_STATUS = re.compile(r"HTTP/1\.[01] (\d{3})(?: [^\r\n]*)?\Z")


def _fastwarc_records(path: Path, stream) -> Iterator[Item]:
    """Items as `_warcio_records` makes them, from fastwarc; raises `_Unsure` (with the number
    of records read before) wherever the two might differ."""
    warc = _fastwarc()
    global _FAST_TYPES
    if _FAST_TYPES is None:
        t = warc.WarcRecordType
        _FAST_TYPES = {int(x) for x in (t.warcinfo, t.response, t.resource, t.request,
                                        t.metadata, t.revisit, t.conversion, t.continuation)}
    response = int(warc.WarcRecordType.response)
    records = iter(warc.ArchiveIterator(stream, parse_http=False, fsspec_args=False))
    n = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            if not n:
                raise _Unsure(0, "no records") from None
            return
        except Exception as exc:  # damaged data: warcio says what it is
            raise _Unsure(n, f"{type(exc).__name__}: {exc}") from None
        kind = int(record.record_type)
        if kind not in _FAST_TYPES:
            raise _Unsure(n, "a record of another type")
        n += 1
        if kind != response:
            continue
        headers = record.headers
        url = headers.get("WARC-Target-URI") or ""
        if url.startswith("<"):
            raise _Unsure(n - 1, "a bracketed target URI")
        if not record.content_length or not url.startswith(("http:", "https:")):
            continue  # warcio reads no HTTP headers there: not a page
        try:
            record.parse_http()
        except Exception as exc:
            raise _Unsure(n - 1, f"HTTP headers ({exc})") from None
        http = record.http_headers
        status = _HTTP_STATUS.match(http.status_line or "")
        if status is None:
            raise _Unsure(n - 1, "an unusual HTTP status line")
        if http.get("Content-Encoding") or http.get("Transfer-Encoding"):
            raise _Unsure(n - 1, "an encoded payload")  # warcio's decoding is the reference
        name = f"{path} {url}"
        ctype = (http.get("Content-Type") or "").lower()
        if status.group(1) != "200" or (ctype and "html" not in ctype):
            continue
        try:
            body = record.reader.read(MAX_RECORD + 1)
        except Exception as exc:
            raise _Unsure(n - 1, f"payload ({exc})") from None
        if len(body) > MAX_RECORD:
            yield Item(name, error=f"{name}: page over {MAX_RECORD} bytes, skipped")
            continue
        yield _warc_item(path, url, name, body, headers.get("WARC-Date"))


def _warcio_records(path: Path, stream, skip: int = 0) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = ArchiveIterator(stream)
    valid = 0
    seen = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            if not valid:
                yield Item(str(path), error=f"{path}: no WARC records found; is it a WARC?")
            return
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as exc:
            yield Item(str(path), error=f"{path}: unreadable WARC data ({str(exc)[:200]})")
            return
        valid += record.rec_type in WARC_TYPES
        seen += 1
        if seen <= skip:
            continue
        if record.rec_type != "response" or record.http_headers is None:
            continue
        url = record.rec_headers.get_header("WARC-Target-URI") or ""
        name = f"{path} {url}"
        ctype = (record.http_headers.get_header("Content-Type") or "").lower()
        if record.http_headers.get_statuscode() != "200" or (
            ctype and "html" not in ctype
        ):
            continue
        try:
            body = record.content_stream().read(MAX_RECORD + 1)
        except Exception as exc:  # a damaged record: report and go on to the next
            yield Item(name, error=f"{name}: unreadable record ({str(exc)[:200]})")
            continue
        if len(body) > MAX_RECORD:
            yield Item(name, error=f"{name}: page over {MAX_RECORD} bytes, skipped")
            continue
        yield _warc_item(path, url, name, body, record.rec_headers.get_header("WARC-Date"))


def _warc_item(path: Path, url: str, name: str, body: bytes, date_header: str | None) -> Item:
    page: bytes | None = body  # valid UTF-8 is what the decoding policy reads it as
    if not body.isascii():
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            page = None  # the decoding policy decides what it reads as: not screened early
    return Item(name, screen=page, markup=True,
                loader=partial(_warc_article, body, url, name, date_header))


def _warc_article(body: bytes, url: str, name: str, date_header: str | None) -> Article:
    article = _files().article_from_bytes(body, url=url or None, name=name)
    article.path = name
    if article.published is None and date_header:
        try:
            article.published = leading_date(date_header, what="WARC-Date")
        except InvalidDate:
            pass
    return article


# --- feeds and pages -------------------------------------------------------------------------


def looks_like_feed(content_type: str, body: bytes) -> bool:
    ctype = content_type.lower()
    if "rss" in ctype or "atom" in ctype:
        return True
    head = body[:2048].lstrip().lower()
    return ("xml" in ctype or head.startswith(b"<?xml")) and (
        b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head
    )


def read_url(url: str, policy: FetchPolicy) -> Iterator[Item]:
    """A URL: a feed (each entry read) or a page (one article)."""
    files = _files()
    try:
        page = fetch(url, policy)
    except FetchError as exc:
        yield Item(url, error=str(exc))
        return
    if looks_like_feed(page.content_type, page.body):
        yield from read_feed(page.body, url, policy)
        return
    try:
        yield Item(url, article=files.article_from_bytes(page.body, url=page.url, name=url,
                                                          content_type=page.content_type))
    except BadInput as exc:
        yield Item(url, error=str(exc))
    except Exception as exc:
        yield Item(url, error=f"{url}: the HTML cannot be parsed ({str(exc)[:200]})")


def read_feed_file(path: Path, policy: FetchPolicy) -> Iterator[Item]:
    try:
        data = path.read_bytes() if path.stat().st_size <= MAX_RECORD else None
    except OSError as exc:
        yield Item(str(path), error=f"{path}: cannot read ({exc.strerror or exc})")
        return
    if data is None:
        yield Item(str(path), error=f"{path}: feed over {MAX_RECORD} bytes, skipped")
        return
    yield from read_feed(data, str(path), policy)


def _entry_date(entry) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def read_feed(data: bytes, name: str, policy: FetchPolicy) -> Iterator[Item]:
    """Each entry of an RSS/Atom feed: its linked page, else the entry's own content."""
    import feedparser

    files = _files()
    feed = feedparser.parse(io.BytesIO(data))
    if not feed.entries:
        reason = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        yield Item(name, error=f"{name}: not an RSS/Atom feed, or a feed with no entries{reason}")
        return
    outlet = feed.feed.get("title") or None
    for i, entry in enumerate(feed.entries, 1):
        link = entry.get("link")
        label = link or f"{name}#entry{i}"
        article, reason = None, None
        if link and is_url(link):
            try:
                page = fetch(link, policy)
                article = files.article_from_bytes(page.body, url=page.url, name=link,
                                                   content_type=page.content_type)
            except BadInput as exc:
                reason = str(exc)
            except Exception as exc:
                reason = f"{link}: the HTML cannot be parsed ({str(exc)[:200]})"
        if article is None:
            content = entry.get("content") or []
            markup = content[0].get("value") if content else entry.get("summary")
            if markup:
                title = entry.get("title") or ""
                wrapped = f"<html><head><title>{title}</title></head><body><article>" \
                          f"<h1>{title}</h1>{markup}</article></body></html>"
                try:
                    article = files.article_from_html(wrapped, url=link, name=label)
                    article.outlet = outlet or article.outlet  # not the link's host name
                    reason = None
                except BadInput as exc:
                    reason = reason or str(exc)
                except Exception as exc:
                    reason = reason or f"{label}: the entry cannot be parsed ({str(exc)[:200]})"
            elif reason is None:
                reason = f"{label}: the entry has neither a link nor any content"
        if article is None:
            yield Item(label, error=reason)
            continue
        article.published = article.published or _entry_date(entry)
        article.outlet = article.outlet or outlet
        if not article.title and entry.get("title"):
            article.title = entry["title"]
        yield Item(label, article=article)
