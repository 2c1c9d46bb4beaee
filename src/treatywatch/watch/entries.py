"""What a fetched source lists, and how one listed entry is read into an Article.

A source's body is one of:
- an RSS/Atom feed: each entry (its link, title, date, and its own markup, kept as a fall-back
  for when the linked page cannot be had);
- a sitemap (`<urlset>`, news sitemaps included): each `<loc>`; a sitemap index's child
  sitemaps are listed as entries of kind `sitemap` and not followed (add them as sources);
- anything else: a web page, read as one article there and then.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import date
from urllib.parse import urldefrag

from treatywatch.ingest.fetch import Fetched
from treatywatch.ingest.sources import looks_like_feed

MAX_CONTENT = 64 * 1024  # characters of an entry's own markup kept
MAX_ENTRIES = 1000  # entries read from one answer


@dataclass
class Entry:
    key: str
    link: str | None
    title: str | None = None
    published: date | None = None
    content: str | None = None


def entry_key(link: str | None, source_url: str, fallback: str) -> str:
    base = urldefrag(link)[0] if link else f"{source_url}\x00{fallback}"
    return hashlib.sha256(base.encode("utf-8", "surrogatepass")).hexdigest()


def kind_of(page: Fetched) -> str:
    if looks_like_feed(page.content_type, page.body):
        return "feed"
    head = page.body[:2048].lstrip().lower()
    if (b"<urlset" in head or b"<sitemapindex" in head) and (
        "xml" in page.content_type.lower() or head.startswith(b"<?xml")
    ):
        return "sitemap"
    return "page"


def feed_entries(page: Fetched, source_url: str) -> list[Entry]:
    import feedparser

    feed = feedparser.parse(io.BytesIO(page.body))
    out = []
    for i, entry in enumerate(feed.entries[:MAX_ENTRIES]):
        link = entry.get("link")
        if link and not link.startswith(("http://", "https://")):
            link = None
        content = entry.get("content") or []
        markup = content[0].get("value") if content else entry.get("summary")
        published = None
        for key in ("published_parsed", "updated_parsed"):
            value = entry.get(key)
            if value:
                published = date(value.tm_year, value.tm_mon, value.tm_mday)
                break
        fallback = entry.get("id") or entry.get("title") or str(i)
        out.append(Entry(entry_key(link, source_url, fallback), link,
                         (entry.get("title") or None), published,
                         markup[:MAX_CONTENT] if markup else None))
    return out


def sitemap_entries(page: Fetched, source_url: str) -> list[Entry]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, recover=True)
    root = etree.fromstring(page.body, parser)
    if root is None:
        return []
    out = []
    for node in root.iter("{*}url", "{*}sitemap"):
        loc = node.find("{*}loc")
        if loc is None or not (loc.text or "").strip().startswith(("http://", "https://")):
            continue
        link = loc.text.strip()
        title_node = node.find(".//{*}title")
        out.append(Entry(entry_key(link, source_url, link), link,
                         title_node.text.strip() if title_node is not None and title_node.text
                         else None))
        if len(out) >= MAX_ENTRIES:
            break
    return out


def wrap_entry(title: str | None, markup: str) -> str:
    """An entry's own markup as a page trafilatura can read (its title escaped)."""
    import html

    title = html.escape(title or "")
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{markup}</article></body></html>")
