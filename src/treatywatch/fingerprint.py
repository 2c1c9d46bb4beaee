"""An article's fingerprint: the hash of its normalised text, by which it is stored once.

Ingest stamps it when it reads an article; the store keys articles by it. Texts that differ
only in case and spacing have the same fingerprint.
"""

from __future__ import annotations

import hashlib

from treatywatch.model import Article


def normalised_text(text: str) -> str:
    """Whitespace collapsed, case folded: the form the content hash is taken over."""
    return " ".join(text.split()).casefold()


def content_hash(text: str) -> str:
    """sha256 (hex) of the normalised text: equal for texts that differ only in case and spacing."""
    return hashlib.sha256(normalised_text(text).encode("utf-8")).hexdigest()


def ensure_content_hash(article: Article) -> str:
    """The article's content hash, computed and set first when it has none."""
    if not article.content_hash:
        article.content_hash = content_hash(article.text)
    return article.content_hash
