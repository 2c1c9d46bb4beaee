"""One decoding policy for every input's bytes (files, JSONL lines, WARC records, pages, feeds).

1. A byte-order mark decides (UTF-8, UTF-16).
2. Valid UTF-8 is UTF-8.
3. UTF-8 (it has valid multi-byte sequences) with a few invalid bytes (at most `FEW_BYTES`,
   or one in `FEW_RATIO` of the bytes) is kept, the bad bytes replaced by U+FFFD, and the fact
   recorded on the article (`Article.decoding = {"encoding": "utf-8", "replaced": N}`).
4. Text with more invalid bytes but real UTF-8 sequences among them is damaged UTF-8: it is
   refused, never guessed as cp1250, cp1252 or any other single-byte code page (each would
   read every UTF-8 letter as two wrong ones and store that for good).
5. Bytes with no UTF-8 in them (a legacy single-byte text): the charset the server or the page
   declares, if it decodes; else a guess by charset-normalizer that it is sure of (recorded
   on the article as its encoding); else, if only a few bytes are off, as in 3.
6. Whatever the route, a text that reads as mojibake (UTF-8 read as a single-byte code page,
   e.g. "cafÃ©", "â€œ", "Ĺ˝") is refused with that reason: ftfy's badness measure counts the
   tell-tale sequences.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

from treatywatch.errors import BadInput

log = logging.getLogger(__name__)

FEW_BYTES = 8
FEW_RATIO = 1000  # at most one invalid byte in this many
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""",
                           re.IGNORECASE)
_WORD = re.compile(r"\w+")


class Mojibake(BadInput):
    """A text that decodes only to garbled letters."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    replaced: int = 0  # invalid bytes replaced by U+FFFD

    @property
    def note(self) -> dict | None:
        """What goes on the article (`Article.decoding`); None for a clean decode."""
        if not self.replaced and self.encoding in ("utf-8", "ascii"):
            return None
        return {"encoding": self.encoding, "replaced": self.replaced}


def _invalid_utf8(data: bytes, stop: int) -> tuple[int, int]:
    """(invalid bytes, up to `stop`; non-ASCII characters decoded from valid sequences)."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    bad = good = 0
    view = memoryview(data)
    pos = 0
    while pos < len(data):
        try:
            text = decoder.decode(view[pos:].tobytes(), final=True)
            good += sum(ord(c) > 127 for c in text)
            break
        except UnicodeDecodeError as exc:
            chunk = view[pos:pos + exc.start].tobytes()
            good += sum(ord(c) > 127 for c in chunk.decode("utf-8", errors="ignore"))
            bad += exc.end - exc.start
            pos += exc.end
            decoder.reset()
            if bad > stop:
                break
    return bad, good


def declared_charset(content_type: str | None, data: bytes) -> str | None:
    """The charset an HTTP Content-Type or the page's own <meta> declares, if any."""
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"'").lower()
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def check_mojibake(text: str, name: str) -> None:
    from ftfy.badness import badness

    sample = text[:200_000]
    bad = badness(sample)
    words = len(_WORD.findall(sample))
    if bad >= 3 and bad * 300 >= words:
        raise Mojibake(
            f"{name}: the text reads as mojibake ({bad} garbled sequences such as 'Ã©' or "
            "'â€œ': UTF-8 decoded as a single-byte code page somewhere before us); not stored "
            "- fix the source's encoding"
        )


def decode_text(data: bytes, name: str, declared: str | None = None) -> Decoded:
    """Bytes -> text by the policy above; BadInput (one line, naming the input) otherwise."""
    if not data.strip():
        raise BadInput(f"{name}: the file is empty; give an article with a title and a text")
    if b"\x00" in data[:65536] and not data.startswith((codecs.BOM_UTF16_LE,
                                                         codecs.BOM_UTF16_BE)):
        raise BadInput(
            f"{name}: binary data (NUL bytes), not a text article; give .txt, .html or .json"
        )
    decoded = _decode(data, name, declared)
    check_mojibake(decoded.text, name)
    if decoded.replaced:
        log.info("%s: %d invalid bytes replaced", name, decoded.replaced)
    return decoded


def _decode(data: bytes, name: str, declared: str | None) -> Decoded:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise BadInput(f"{name}: damaged UTF-16 ({exc.reason})") from exc
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    few = max(FEW_BYTES, len(data) // FEW_RATIO)
    enough = 64  # valid UTF-8 letters that show the text is UTF-8
    bad, good = _invalid_utf8(data, stop=max(few, enough))
    if good and bad <= few:
        return Decoded(data.decode("utf-8", errors="replace"), "utf-8", bad)
    if good >= 3 and good * 10 >= min(bad, enough):  # legacy text has next to none
        raise BadInput(
            f"{name}: damaged UTF-8 (more than {few} invalid bytes among valid UTF-8 letters); "
            "not guessed as another encoding - fix or re-fetch the source"
        )
    legacy = _legacy(data, name, declared)
    if legacy is not None:
        return legacy
    if bad <= few:  # ASCII with a few stray bytes that no code page reads with confidence
        return Decoded(data.decode("utf-8", errors="replace"), "utf-8", bad)
    raise BadInput(
        f"{name}: undecodable text (not UTF-8 and no reliable encoding found); "
        "convert it to UTF-8"
    )


def _legacy(data: bytes, name: str, declared: str | None) -> Decoded | None:
    """Bytes with no UTF-8 in them: the declared charset if it decodes, else a sure guess."""
    if declared and declared.replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return Decoded(data.decode(declared), codecs.lookup(declared).name)
        except (LookupError, UnicodeDecodeError):
            log.info("%s: declared charset %s does not decode it", name, declared)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.1 or best.encoding is None:
        return None
    log.info("%s: decoded as %s", name, best.encoding)
    return Decoded(str(best), best.encoding)
