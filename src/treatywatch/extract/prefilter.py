"""The prefilter: one Aho-Corasick pass over an article for treaty vocabulary.

`scan(text)` says whether a text touches the Mine Ban Convention or the Convention on Cluster
Munitions and where its weapon, treaty and organisation words are. It costs one lower-casing and
one automaton pass, so that articles about coal mines, gold mines, data mining, bitcoin miners,
political minefields, sea mines or missiles cost almost nothing and never reach the parser.

Rules (all word lists in `lexicon.toml`):
- matches must sit on word boundaries; overlapping matches keep the leftmost-longest;
- weapon words inside a treaty or organisation name are not weapon mentions;
- a "mine…" word right after a mining/figurative word ("coal mine", "political minefield") or
  right before a mining word ("mine shaft") is rejected, and so is "mine" as a pronoun;
- a bare "mine" near sea/navy/ship words is a naval mine (out of scope, never relevant);
- an article is relevant only with at least one *strong* term (a landmine word, a named model,
  a cluster-munition word, a treaty or campaign name); bare "mine" never suffices.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from treatywatch.extract.lexicon import Lexicon, Term, load_lexicon

__all__ = ["Hit", "Prefilter", "could_hold", "scan"]

_WORD = re.compile(r"[\w'’-]+")
_SENTENCE_END = re.compile(r"[.!?\n]")


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    text: str  # as written in the scanned text
    kind: str  # "weapon" | "treaty" | "org"
    value: str  # weapon code, treaty code or organisation name
    strong: bool


@dataclass(frozen=True)
class Prefilter:
    relevant: bool
    hits: tuple[Hit, ...]

    def of_kind(self, kind: str) -> list[Hit]:
        return [h for h in self.hits if h.kind == kind]

    @property
    def weapons(self) -> list[Hit]:
        return self.of_kind("weapon")

    @property
    def treaties(self) -> list[Hit]:
        return self.of_kind("treaty")


@lru_cache(maxsize=1)
def _automaton() -> tuple[ahocorasick.Automaton, Lexicon]:
    lexicon = load_lexicon()
    automaton = ahocorasick.Automaton()
    for form, term in lexicon.terms.items():
        automaton.add_word(form, term)
    automaton.make_automaton()
    return automaton, lexicon


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _words_before(lower: str, start: int, n: int) -> list[str]:
    words = _WORD.findall(lower[max(0, start - 60) : start])
    return [w.strip("'’-") for w in words[-n:]]


def _words_after(lower: str, end: int, n: int) -> list[str]:
    words = _WORD.findall(lower[end : end + 60])
    return [w.strip("'’-") for w in words[:n]]


def _sentence_bounds(lower: str, start: int, end: int) -> tuple[int, int]:
    left = start
    while left > 0 and lower[left - 1] not in ".!?\n":
        left -= 1
    m = _SENTENCE_END.search(lower, end)
    return left, (m.start() if m else len(lower))


def _rejected(lower: str, start: int, end: int, term: Term, lexicon: Lexicon) -> bool:
    """Whether a mine-family hit is a mining, figurative or pronoun use."""
    if not term.starts_with_mine:
        return False
    before = _words_before(lower, start, lexicon.exclude_window)
    after = _words_after(lower, end, 1)
    if any(w in lexicon.exclude_before for w in before):
        return True
    if after and after[0] in lexicon.exclude_after:
        return True
    if term.text.startswith("minefield") or term.text.startswith("mine field"):
        # figurative: "a minefield of regulations", "a minefield for candidates"
        if after and after[0] in lexicon.figurative_after:
            return True
    if term.text in ("mine",):
        if before and before[-1] in lexicon.pronoun_before:
            return True
        if after and after[0] in lexicon.pronoun_after and not before:
            return True
        # sentence-initial "Mine is ..." / "mine and yours"
        if after and after[0] in ("is", "was") and (not before or before[-1] in ("and", "but")):
            return True
    return False


@lru_cache(maxsize=1)
def _naval_pattern() -> re.Pattern[str]:
    _, lexicon = _automaton()
    words = sorted(lexicon.naval_context, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def _naval(lower: str, start: int, end: int) -> bool:
    left, right = _sentence_bounds(lower, start, end)
    return _naval_pattern().search(lower, left, right) is not None


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of `spans` (sorted by start)."""
    i = bisect.bisect_right(spans, (start, _MAX))
    for s, e in spans[max(0, i - 3) : i]:
        if s <= start and end <= e:
            return True
    return False


_MAX = 1 << 62


def _raw_matches(lower: str) -> list[tuple[int, int, Term]]:
    automaton, _ = _automaton()
    found: list[tuple[int, int, Term]] = []
    n = len(lower)
    for end_index, term in automaton.iter(lower):
        start = end_index - len(term.text) + 1
        end = end_index + 1
        if start > 0 and _is_word_char(lower[start - 1]):
            continue
        if end < n and _is_word_char(lower[end]):
            continue
        found.append((start, end, term))
    return found


def _leftmost_longest(matches: list[tuple[int, int, Term]]) -> list[tuple[int, int, Term]]:
    matches.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    kept: list[tuple[int, int, Term]] = []
    last_end = -1
    for start, end, term in matches:
        if start >= last_end:
            kept.append((start, end, term))
            last_end = end
    return kept


def scan(text: str) -> Prefilter:
    """Treaty vocabulary in `text`: relevance and the matched spans (offsets into `text`)."""
    if not text:
        return Prefilter(False, ())
    _, lexicon = _automaton()
    lower = text.lower()
    if len(lower) != len(text):  # rare Unicode case-folding that changes length
        lower = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    raw = _raw_matches(lower)
    if not any(term.strong for _, _, term in raw):
        # fast path: no strong term at all (coal mines, sea mines, missiles) -> not relevant
        return Prefilter(False, ())
    names = sorted((s, e) for s, e, t in raw if t.kind in ("treaty", "org"))
    hits: list[Hit] = []
    for start, end, term in _leftmost_longest(raw):
        if term.kind == "weapon":
            if names and _inside(names, start, end):
                continue
            if _rejected(lower, start, end, term, lexicon):
                continue
            value = term.value
            strong = term.strong
            if value == "mine" and not strong and _naval(lower, start, end):
                value = "naval_mine"
            hits.append(Hit(start, end, text[start:end], "weapon", value, strong))
        else:
            hits.append(Hit(start, end, text[start:end], term.kind, term.value, True))
    relevant = any(h.strong and h.value != "naval_mine" for h in hits)
    if relevant:
        hits = _contextual(hits, lower, lexicon)
    return Prefilter(relevant, tuple(hits))


@lru_cache(maxsize=1)
def _improvised_cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    _, lexicon = _automaton()
    table = lexicon.raw.get("improvised", {})

    def pattern(words: list[str]) -> re.Pattern[str]:
        words = sorted(words, key=len, reverse=True) or ["(?!x)x"]
        return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")

    return pattern(table.get("victim_cues", [])), pattern(table.get("command_cues", []))


def _victim_activated(hit: Hit, lower: str, victim_cue: bool) -> bool:
    """Whether an IED in a landmine article reads as an improvised mine: the article says such
    devices go off under their victims or were laid (`victim_cue`), and its own sentence does
    not say it was set off by remote control or driven in as a car bomb."""
    if not victim_cue:
        return False
    _, command = _improvised_cues()
    left, right = _sentence_bounds(lower, hit.start, hit.end)
    return command.search(lower, left, right) is None


def _contextual(hits: list[Hit], lower: str, lexicon: Lexicon) -> list[Hit]:
    """Drop weak model names (M16, IED) that have no landmine word in their sentence; an IED
    stays where the article makes it victim-activated (see lexicon.toml, [improvised])."""
    automaton_terms = lexicon.terms
    kept: list[Hit] = []
    victim_cue: bool | None = None
    for hit in hits:
        term = automaton_terms.get(hit.text.lower())
        if term is not None and term.needs_mine_context:
            nxt = _words_after(lower, hit.end, 1)
            if nxt and nxt[0] in ("rifle", "rifles", "carbine", "carbines", "assault"):
                continue
            if hit.value == "improvised_mine":
                if victim_cue is None:  # one scan of the article for all its IEDs
                    victim_cue = _improvised_cues()[0].search(lower) is not None
                if _victim_activated(hit, lower, victim_cue):
                    kept.append(hit)
                    continue
            left, right = _sentence_bounds(lower, hit.start, hit.end)
            others = [
                h
                for h in hits
                if h is not hit
                and left <= h.start < right
                and h.kind == "weapon"
                and h.value in ("ap_mine", "av_mine", "mine", "improvised_mine")
                and not (automaton_terms.get(h.text.lower()) or term).needs_mine_context
            ]
            if not others:
                continue
        kept.append(hit)
    return kept


# --- the early screen of a raw page ------------------------------------------------------------

# Markup a page's text cannot hold: comments, script-like elements, tags (a tag starts with a
# letter, "/", "!" or "?" after "<", as an HTML parser reads it). One group: `split` keeps it.
_MARKUP = re.compile(r"(<!--.*?-->|<script\b[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>"
                     r"|<noscript\b[^>]*>.*?</noscript\s*>|<template\b[^>]*>.*?</template\s*>"
                     r"|<[A-Za-z/!?][^>]*>)", re.DOTALL | re.IGNORECASE)


@lru_cache(maxsize=1)
def _strong_automaton() -> ahocorasick.Automaton:
    """Every strong term with its spaces taken out (see `could_hold`)."""
    _, lexicon = _automaton()
    automaton = ahocorasick.Automaton()
    for form, term in lexicon.terms.items():
        if term.strong:
            key = "".join(form.split())
            automaton.add_word(key, key)
    automaton.make_automaton()
    return automaton


_ASCII_LOWER = bytes.maketrans(bytes(range(65, 91)), bytes(range(97, 123)))
_ASCII_SPACE = b" \t\n\r\x0b\x0c"  # what bytes.split() splits on


def _squeezed(data: bytes) -> str:
    """UTF-8 bytes lower-cased, with every space and unprintable character taken out: ASCII
    first, in one `translate`; what is not then plain printable ASCII (Unicode case and
    spaces, unprintable characters) once more as text."""
    out = data.translate(_ASCII_LOWER, _ASCII_SPACE).decode("utf-8", errors="replace")
    if out.isascii() and out.isprintable():
        return out
    out = "".join(out.lower().split())
    return out if out.isprintable() else "".join(filter(str.isprintable, out))


def could_hold(page: str | bytes) -> bool:
    """Whether the text extracted from the HTML `page` (text, or its bytes if UTF-8) could be
    relevant (`scan(...).relevant`): False only when it cannot, so that a page screened out
    here would have been screened out after extraction too. Cheap: one regular-expression
    split and one automaton pass.

    Relevance needs a strong term at word boundaries in the extracted title or text. That text
    is the page's text with its markup out (tags, comments, scripts, styles), entities decoded,
    spaces changed or joined, unprintable characters dropped (trafilatura drops them), and the
    title perhaps taken from an attribute (og:title) or JSON-LD. So a strong term found there
    is found, spaces and word boundaries aside, either in the page's text with the markup cut
    out (words broken by markup, "land<b>mine</b>", joined again) or inside one piece of
    markup (an attribute value, a script): the two are looked in, squeezed, one after the
    other. Looking for the terms without their spaces and word boundaries only ever finds more;
    the exact scan of the extracted text decides (see `runner._screened`)."""
    if isinstance(page, str):
        page = page.encode("utf-8", errors="surrogatepass")
    parts = _MARKUP_BYTES.split(page)
    text = b"".join(parts[0::2]) + b"\n" + b"\n".join(parts[1::2])
    if b"&" in text:  # entities decoded first: before anything is lower-cased or squeezed
        import html

        text = html.unescape(text.decode("utf-8", errors="replace")).encode(
            "utf-8", errors="surrogatepass")
    for _ in _strong_automaton().iter(_squeezed(text)):
        return True
    return False


_MARKUP_BYTES = re.compile(_MARKUP.pattern.encode("ascii"), re.DOTALL | re.IGNORECASE)
