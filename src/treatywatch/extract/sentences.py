"""A light sentence splitter (regex), so that only the sentences that matter reach spaCy."""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

_ABBREV = frozenset(
    "u.s u.k u.n mr mrs ms dr st gen col lt sgt maj capt gov sen rep rev prof jr sr inc corp "
    "co ltd no vs etc jan feb mar apr jun jul aug sep sept oct nov dec fig approx est dept "
    "pvt cpl adm brig cmdr e.g i.e".split()
)
_BOUNDARY = re.compile(r"[.!?]+[\"'”’»)]*\s+(?=[\"'“‘«(]?[A-Z0-9])|\n+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(0)[0] == ".":
            word = re.search(r"([\w.]+)\.*$", text[start : m.start() + 1])
            token = word.group(1).lower().rstrip(".") if word else ""
            if token in _ABBREV or (len(token) == 1 and token.isalpha()):
                continue
        end = m.end()
        spans.append((start, m.start() + len(m.group(0).rstrip())))
        start = end
    spans.append((start, len(text)))
    out = []
    spans = [piece for span in spans for piece in _cap(text, *span)]
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


MAX_SENTENCE = 1500


def _cap(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split an overlong "sentence" (a list, a table, text without stops) at spaces."""
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        if cut <= start:
            cut = start + MAX_SENTENCE
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces
