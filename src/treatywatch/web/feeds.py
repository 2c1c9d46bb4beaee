"""Atom 1.0 feeds (RFC 4287) of findings, built with ElementTree so that every value is escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, date, datetime

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)


@dataclass(frozen=True)
class Entry:
    id: str  # a stable IRI, e.g. "tag:treatywatch,2024:finding/12"
    title: str
    updated: datetime
    link: str
    summary: str
    categories: tuple[str, ...] = ()


def _stamp(value: datetime | date | None) -> str:
    if value is None:
        value = datetime(1970, 1, 1, tzinfo=UTC)
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day, tzinfo=UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = _clean(text)
    return element


def _clean(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (control characters other than tab and newlines)."""
    return "".join(c for c in text if c in "\t\n\r" or (ord(c) >= 0x20 and c not in "\ufffe\uffff"))


def atom(feed_id: str, title: str, self_url: str, alternate: str, entries: list[Entry]) -> bytes:
    """The feed as UTF-8 XML bytes. `updated` is the newest entry's time."""
    root = ET.Element(f"{{{ATOM}}}feed")
    _text(root, "id", feed_id)
    _text(root, "title", title)
    newest = max((e.updated for e in entries), default=None)
    _text(root, "updated", _stamp(newest))
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", "treatywatch")
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "self", "href": self_url})
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "alternate", "href": alternate})
    for entry in entries:
        node = ET.SubElement(root, f"{{{ATOM}}}entry")
        _text(node, "id", entry.id)
        _text(node, "title", entry.title)
        _text(node, "updated", _stamp(entry.updated))
        ET.SubElement(node, f"{{{ATOM}}}link", {"rel": "alternate", "href": entry.link})
        for term in entry.categories:
            ET.SubElement(node, f"{{{ATOM}}}category", {"term": _clean(term)})
        _text(node, "summary", entry.summary, type="text")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
