"""Read one article from a file: plain text, HTML, or a JSON object -> `model.Article`.

Formats:
- plain text: the first non-blank line is the title; `Article.text` is the whole file (title line
  included), so that evidence offsets slice the file's own text;
- HTML: main text by trafilatura, title from the page's metadata, publication date by htmldate;
  `Article.text` is the title, a blank line, then the main text;
- JSON object: `title`, `text`, `published` (ISO date), `url`, `outlet`; `text` is kept as given.

Anything that cannot be read as an English news article raises `errors.BadInput` with one line
naming the input and saying what is wrong. `article_from_html` and `article_from_record` are the
same readers for inputs that are not files (feeds, JSONL dumps, WARC records).
"""

from __future__ import annotations

import json
import logging
import re
from datetime import date
from pathlib import Path
from typing import Any

from treatywatch.dates import leading_date
from treatywatch.errors import BadInput, InvalidDate
from treatywatch.fingerprint import content_hash
from treatywatch.ingest.decoding import check_mojibake, decode_text
from treatywatch.model import Article

log = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
MIN_WORDS_FOR_LANGUAGE = 25
MIN_ENGLISH_RATIO = 0.18

# Function words that make up a large share of any English prose and little of other languages.
_ENGLISH_WORDS = frozenset(
    """the of and to a in is was for that on with as by at from it its his her their has have had
    be been were are not but or an which this said says who will would after also more than
    they he she we about into over there when what can could new one two""".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_HTML_HINT = re.compile(rb"<\s*(!doctype\s+html|html|head|body|article|p|div)\b", re.IGNORECASE)


def english_ratio(text: str) -> tuple[float, int]:
    """Share of words that are common English function words, and the number of words seen."""
    words = [w.casefold() for w in _WORD.findall(text[:20000])]
    if not words:
        return 0.0, 0
    return sum(w in _ENGLISH_WORDS for w in words) / len(words), len(words)


def detect_language(text: str) -> str | None:
    """'en' for English, 'und' for a text that is long enough and clearly not; None if too short.

    English prose is mostly recognised by its function words alone; a text with few of them (a
    short wire item dense with names and figures) is given to a language identifier (py3langid,
    a trained model shipped in its package) before it is refused."""
    ratio, n = english_ratio(text)
    if n < MIN_WORDS_FOR_LANGUAGE:
        return None
    if ratio >= MIN_ENGLISH_RATIO:
        return "en"
    return "en" if _identify(text[:20000]) == "en" else "und"


def _identify(text: str) -> str:
    import py3langid  # loads its model once, on the first text that needs it

    return str(py3langid.classify(text)[0])


def decode(data: bytes, name: str) -> str:
    """Bytes -> str by the one decoding policy (`ingest.decoding`)."""
    return decode_text(data, name).text


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _parse_date(value: Any, name: str) -> date | None:
    try:
        return leading_date(value, what="published")
    except InvalidDate as exc:
        raise BadInput(f"{name}: published {value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _finish(article: Article, name: str) -> Article:
    """Checks every reader shares: some text, English; then language and content hash."""
    if not article.text.strip():
        raise BadInput(f"{name}: no article text found; give a file with a title and a text")
    check_mojibake(f"{article.title}\n{article.text}", name)  # whatever route it came by
    language = detect_language(article.text)
    if language == "und":
        ratio, _ = english_ratio(article.text)
        raise BadInput(
            f"{name}: the text does not look like English ({ratio:.0%} English function words); "
            "only English articles are read"
        )
    article.language = language or "en"
    article.content_hash = content_hash(article.text)
    return article


def article_from_text(text: str, *, name: str = "<text>", path: str | None = None) -> Article:
    """Plain text: the first non-blank line is the title; the text is kept whole."""
    text = _newlines(text)
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return _finish(Article(title=title, text=text, path=path), name)


def article_from_html(
    html: str | bytes, url: str | None = None, *, name: str | None = None, path: str | None = None
) -> Article:
    """HTML page -> Article: main text by trafilatura, date by htmldate, title from metadata."""
    import trafilatura
    from htmldate import find_date

    name = name or url or "<html>"
    body = trafilatura.extract(html, url=url, include_comments=False, include_tables=False)
    if not body or not body.strip():
        raise BadInput(
            f"{name}: the HTML page yields no article text (empty, script-only or a list page)"
        )
    meta = trafilatura.extract_metadata(html, default_url=url)
    title = (meta.title if meta and meta.title else "").strip()
    found = None
    try:
        found = find_date(html, url=url, extensive_search=False)
    except Exception as exc:  # htmldate is best effort; a page without a date is still an article
        log.debug("%s: no date (%s)", name, exc)
    text = _newlines(f"{title}\n\n{body}" if title else body)
    article = Article(
        title=title or body.strip().splitlines()[0][:200],
        text=text,
        published=_parse_date(found, name),
        url=url,
        outlet=(meta.sitename if meta and meta.sitename else None),
        path=path,
    )
    return _finish(article, name)


def article_from_record(
    record: dict[str, Any], *, name: str = "<record>", path: str | None = None
) -> Article:
    """A JSON object with title, text, published, url, outlet -> Article (text kept as given)."""
    if not isinstance(record, dict):
        raise BadInput(f"{name}: expected a JSON object with 'title' and 'text'")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise BadInput(
            f"{name}: the JSON object has no 'text'; give title, text, published, url, outlet"
        )
    title = record.get("title") or next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    article = Article(
        title=str(title).strip(),
        text=text,
        published=_parse_date(record.get("published"), name),
        url=record.get("url"),
        outlet=record.get("outlet"),
        path=path,
    )
    return _finish(article, name)


def _looks_html(path: Path, data: bytes) -> bool:
    if path.suffix.lower() in (".html", ".htm", ".xhtml"):
        return True
    return path.suffix.lower() not in (".txt", ".json") and bool(_HTML_HINT.search(data[:4096]))


def read_article(path: str | Path) -> Article:
    """Read one article file (format by suffix, else by content); BadInput if it cannot be read."""
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise BadInput(
                f"{name}: {size / 1e6:.1f} MB is over the {MAX_BYTES // 2**20} MB limit "
                "for one article"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"{name}: cannot read the file ({exc.strerror or exc})") from exc
    decoded = decode_text(data, name)
    text = decoded.text
    if path.suffix.lower() == ".json" or (
        path.suffix.lower() != ".txt" and text.lstrip().startswith("{")
    ):
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BadInput(f"{name}: invalid JSON ({exc.msg} at line {exc.lineno})") from exc
        article = article_from_record(record, name=name, path=name)
    elif _looks_html(path, data):
        article = article_from_html(text, name=name, path=name)
    else:
        article = article_from_text(text, name=name, path=name)
    article.decoding = decoded.note
    return article


def article_from_bytes(data: bytes, *, content_type: str | None = None, url: str | None = None,
                       name: str | None = None) -> Article:
    """A fetched page (or WARC record) -> Article, its bytes decoded by the one policy (the
    declared charset of the server or the page used only where the bytes are not UTF-8)."""
    from treatywatch.ingest.decoding import declared_charset

    name = name or url or "<html>"
    decoded = decode_text(data, name, declared_charset(content_type, data))
    article = article_from_html(decoded.text, url=url, name=name)
    article.decoding = decoded.note
    return article
