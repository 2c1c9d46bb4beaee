"""Split an article's text into segments so that evidence spans can be highlighted.

The result is data (text plus the events that cite it); the template escapes every segment.
No markup is ever built from article text here.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    ref: str  # what the span links to, e.g. "event-3"


@dataclass
class Segment:
    text: str
    refs: list[str] = field(default_factory=list)

    @property
    def marked(self) -> bool:
        return bool(self.refs)


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """Cut `text` at every span boundary; each piece lists the spans that cover it.

    Spans outside the text are clipped; empty and inverted spans are ignored. Overlapping spans
    are fine: the overlap lists both.
    """
    size = len(text)
    valid = [
        Span(max(0, s.start), min(size, s.end), s.ref)
        for s in spans
        if min(size, s.end) > max(0, s.start)
    ]
    cuts = sorted({0, size, *(s.start for s in valid), *(s.end for s in valid)})
    result: list[Segment] = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        refs = sorted({s.ref for s in valid if s.start <= left and right <= s.end})
        result.append(Segment(text[left:right], refs))
    return result


def paragraphs(text: str, spans: list[Span]) -> list[list[Segment]]:
    """Segments grouped by paragraph (split on line breaks), offsets kept exact."""
    result: list[list[Segment]] = [[]]
    for segment in segments(text, spans):
        pieces = segment.text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                result.append([])
            if piece:
                result[-1].append(Segment(piece, segment.refs))
    return [p for p in result if p]
