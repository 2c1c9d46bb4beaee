"""The sources `treatywatch watch` polls, kept in the store (table `watch_sources`).

A source is a URL: an RSS/Atom feed, a web page, or a sitemap (what it is is learned on the first
poll). Each has its own interval (`--every 30m`), may be paused, and carries the exceptions its
owner granted it: private addresses (all, or named networks) and ignoring robots.txt.
OPML (the feed-list format readers import and export) goes both ways.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from treatywatch.errors import BadInput, TreatywatchError
from treatywatch.store.db import Database
from treatywatch.store.tables import WatchItem, WatchSource

DEFAULT_EVERY = 30 * 60
MIN_EVERY = 60  # seconds: no source is polled more often than once a minute
MAX_EVERY = 7 * 24 * 3600
MAX_OPML_BYTES = 2 * 1024 * 1024
_INTERVAL = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


class UnknownSource(TreatywatchError):
    exit_code = 2


def now() -> datetime:
    return datetime.now(UTC)


def aware(value: datetime | None) -> datetime | None:
    """SQLite hands datetimes back naive; they were written in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def parse_every(value: str | int, *, minimum: int = MIN_EVERY) -> int:
    """'90s', '30m', '2h', '1d' (or plain seconds) -> seconds, within the allowed range."""
    match = _INTERVAL.match(str(value))
    if not match:
        raise BadInput(f"--every {value!r}: give a number with s, m, h or d, e.g. 30m")
    seconds = int(match.group(1)) * _UNITS[match.group(2).lower()]
    if not minimum <= seconds <= MAX_EVERY:
        raise BadInput(
            f"--every {value!r}: must be between {minimum} s and {MAX_EVERY // 86400} days"
        )
    return seconds


def format_every(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def check_url(url: str) -> str:
    from urllib.parse import urlsplit

    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadInput(f"{url!r}: a source is an http or https URL (a feed, page or sitemap)")
    if len(url) > 2000:
        raise BadInput(f"{url[:60]}...: URL longer than 2000 characters")
    return url


def check_networks(values: list[str]) -> list[str]:
    out = []
    for value in values:
        try:
            out.append(str(ipaddress.ip_network(value.strip(), strict=False)))
        except ValueError as exc:
            raise BadInput(f"--allow-network {value!r}: not an address or network "
                           "(e.g. 10.1.2.3 or 10.1.0.0/16)") from exc
    return out


@dataclass
class SourceView:
    id: int
    url: str
    name: str | None
    every: str
    paused: bool
    kind: str | None
    last_polled_at: str | None
    last_new_at: str | None
    next_poll_at: str | None
    failures_in_row: int
    last_status: str | None
    last_error: str | None
    polls: int
    pending_items: int
    allow_private: bool
    allow_networks: list[str]
    ignore_robots: bool

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def _iso(value: datetime | None) -> str | None:
    value = aware(value)
    return value.isoformat(timespec="seconds") if value else None


def add(db: Database, url: str, *, name: str | None = None, every: int = DEFAULT_EVERY,
        allow_private: bool = False, allow_networks: list[str] | None = None,
        ignore_robots: bool = False) -> tuple[WatchSource, bool]:
    """Add a source (due at once); an existing URL is updated instead. Returns (row, added)."""
    url = check_url(url)
    networks = check_networks(allow_networks or [])
    with db.write() as s:
        row = s.execute(select(WatchSource).where(WatchSource.url == url)).scalar_one_or_none()
        added = row is None
        if row is None:
            row = WatchSource(url=url, added_at=now(), next_poll_at=now(), failures_in_row=0,
                              polls=0, paused=False)
            s.add(row)
        row.name = name if name is not None else row.name
        row.every_s = every
        row.allow_private = allow_private
        row.allow_networks = networks
        row.ignore_robots = ignore_robots
        s.flush()
        return row, added


def find(s, ref: str) -> WatchSource:
    """A source by its id or its exact URL (UnknownSource naming what was asked)."""
    query = select(WatchSource)
    if ref.isdigit():
        row = s.execute(query.where(WatchSource.id == int(ref))).scalar_one_or_none()
    else:
        row = s.execute(query.where(WatchSource.url == ref.strip())).scalar_one_or_none()
    if row is None:
        raise UnknownSource(f"no source {ref!r} in the store; see them with: treatywatch "
                            "sources list")
    return row


def remove(db: Database, ref: str) -> str:
    with db.write() as s:
        row = find(s, ref)
        url = row.url
        s.execute(WatchItem.__table__.delete().where(WatchItem.source_id == row.id))
        s.delete(row)
    return url


def set_paused(db: Database, ref: str, paused: bool) -> str:
    with db.write() as s:
        row = find(s, ref)
        row.paused = paused
        if not paused and (row.next_poll_at is None or aware(row.next_poll_at) < now()):
            row.next_poll_at = now()
        return row.url


def listing(db: Database) -> list[SourceView]:
    from sqlalchemy import func

    with db.session() as s:
        pending = dict(s.execute(
            select(WatchItem.source_id, func.count()).where(WatchItem.state == "pending")
            .group_by(WatchItem.source_id)).all())
        rows = s.execute(select(WatchSource).order_by(WatchSource.id)).scalars().all()
        return [
            SourceView(
                id=r.id, url=r.url, name=r.name, every=format_every(r.every_s), paused=r.paused,
                kind=r.kind, last_polled_at=_iso(r.last_polled_at),
                last_new_at=_iso(r.last_new_at),
                next_poll_at=None if r.paused else _iso(r.next_poll_at),
                failures_in_row=r.failures_in_row, last_status=r.last_status,
                last_error=r.last_error, polls=r.polls, pending_items=pending.get(r.id, 0),
                allow_private=r.allow_private, allow_networks=list(r.allow_networks or []),
                ignore_robots=r.ignore_robots,
            )
            for r in rows
        ]


# --- OPML ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outline:
    url: str
    name: str | None


def read_opml(path: Path) -> list[Outline]:
    """Every outline with an xmlUrl (or, failing that, an htmlUrl), nested folders included."""
    from lxml import etree

    try:
        size = path.stat().st_size
        if size > MAX_OPML_BYTES:
            raise BadInput(f"{path}: {size} bytes is over the {MAX_OPML_BYTES} byte limit")
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"{path}: cannot read ({exc.strerror or exc})") from exc
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise BadInput(f"{path}: not an OPML file ({exc})") from exc
    if root.tag != "opml":
        raise BadInput(f"{path}: not an OPML file (its root is <{root.tag}>, not <opml>)")
    out: list[Outline] = []
    for node in root.iter("outline"):
        url = node.get("xmlUrl") or node.get("xmlurl") or node.get("htmlUrl")
        if url:
            out.append(Outline(url.strip(), node.get("title") or node.get("text")))
    if not out:
        raise BadInput(f"{path}: the OPML file lists no feeds (no outline with an xmlUrl)")
    return out


def import_opml(db: Database, path: Path, *, every: int = DEFAULT_EVERY
                ) -> tuple[int, int, list[str]]:
    """Add every feed of an OPML file. Returns (added, already there, refused: one line each)."""
    added = known = 0
    refused: list[str] = []
    for outline in read_opml(path):
        try:
            check_url(outline.url)
        except BadInput as exc:
            refused.append(str(exc))
            continue
        with db.session() as s:
            exists = s.execute(select(WatchSource.id).where(WatchSource.url == outline.url)
                               ).first() is not None
        if exists:
            known += 1
            continue
        add(db, outline.url, name=outline.name, every=every)
        added += 1
    return added, known, refused


def export_opml(db: Database) -> str:
    from lxml import etree

    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = "treatywatch sources"
    etree.SubElement(head, "dateCreated").text = now().strftime("%a, %d %b %Y %H:%M:%S GMT")
    body = etree.SubElement(root, "body")
    for source in listing(db):
        attrs = {"type": "rss", "text": source.name or source.url, "xmlUrl": source.url}
        if source.name:
            attrs["title"] = source.name
        etree.SubElement(body, "outline", **attrs)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                          pretty_print=True).decode()


def next_due(sources: list[WatchSource], at: datetime | None = None) -> datetime | None:
    """The earliest next poll among active sources (None when none is active)."""
    times = [aware(s.next_poll_at) or (at or now()) for s in sources if not s.paused]
    return min(times) if times else None


def due(db: Database, at: datetime | None = None) -> list[WatchSource]:
    at = at or now()
    with db.session() as s:
        rows = s.execute(select(WatchSource).where(WatchSource.paused.is_(False))
                         .order_by(WatchSource.id)).scalars().all()
    return [r for r in rows if (aware(r.next_poll_at) or at) <= at]


def backoff(every: int, failures: int, retry_after: float | None = None) -> timedelta:
    """When to poll after `failures` failures in a row: the interval doubled each time (capped at
    a day or eight intervals, whichever is longer), and never before the server's Retry-After."""
    if failures <= 0:
        delay = float(every)
    else:
        cap = max(86400.0, 8.0 * every)
        delay = min(cap, every * (2.0 ** min(failures, 16)))
    if retry_after is not None:
        delay = max(delay, min(retry_after, 7 * 86400.0))
    return timedelta(seconds=delay)
