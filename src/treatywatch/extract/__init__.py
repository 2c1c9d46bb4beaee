"""Extraction: from one article to the treaty events it reports, with evidence and modality.

    prefilter (Aho-Corasick) -> the sentences that matter -> spaCy (rulers before NER)
    -> act mentions (dependency roles, modality, dates) -> merged events

Public API: `extract_events(article)`; `prefilter.scan(text)`.
"""

from __future__ import annotations

import logging
import re
from datetime import date

from spacy.tokens import Doc

from treatywatch.extract.actors import ArticleContext
from treatywatch.extract.acts import Mention, mentions_in_sentence
from treatywatch.extract.dates import years_in
from treatywatch.extract.lexicon import load_lexicon
from treatywatch.extract.merge import merge_mentions
from treatywatch.extract.nlp import parse
from treatywatch.extract.prefilter import Hit, Prefilter, scan
from treatywatch.extract.sentences import split_sentences
from treatywatch.model import Act, Article, Event, Weapon
from treatywatch.places.gazetteer import lookup

__all__ = [
    "extract_events",
    "scan_article",
    "scan",
    "Prefilter",
    "Hit",
    "select_sentences",
    "parser_texts",
]

_log = logging.getLogger(__name__)
_BACKGROUND_DAYS = 300
_TREATY_WORD = re.compile(r"\b(treaty|convention|pact|stockpiles?)\b", re.I)
_FOLLOW_UP = re.compile(
    r"\b(explosives?|devices?|weapons?|munitions?|ordnance|them|stocks?|arsenal)\b", re.I
)
_AP_WORD = re.compile(r"anti-?\s?personnel|antipersonnel", re.I)
_NOW = re.compile(
    r"\b(today|yesterday|this week|last week|"
    r"on (monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.I,
)


def _title_case(title: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", title) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= 0.75


def _sentence_case(title: str) -> str:
    """ "US President Approves Sending Mines To Ukraine" -> "US president approves sending mines
    to Ukraine": the parser reads headlines in title case as one long proper name."""
    words = title.split(" ")
    out = []
    keep_next = 0
    for i, word in enumerate(words):
        core = re.sub(r"['’]s$", "", word.strip(",.:;!?\"'“”‘’()"))
        if keep_next:
            keep_next -= 1
            out.append(word)
            continue
        for n in (3, 2):
            chunk = " ".join(words[i : i + n])
            if i + n <= len(words) and lookup(re.sub(r"['’]s$", "", chunk.strip(",.:;"))):
                keep_next = n - 1
                break
        if keep_next or i == 0 or (core.isupper() and len(core) > 1) or lookup(core):
            out.append(word)
        else:
            out.append(word.lower())
    return " ".join(out)


def _normalise_title(title: str) -> str:
    """Headlines in title case or all lower case are brought to sentence case for the parser."""
    if title and _title_case(title):
        return _sentence_case(title)
    if not title or any(ch.isupper() for ch in title):
        return title
    words = title.split(" ")
    out = list(words)
    i = 0
    while i < len(words):
        done = False
        for n in (3, 2, 1):
            if i + n > len(words):
                continue
            chunk = " ".join(words[i : i + n])
            core = re.sub(r"['’]s$", "", chunk.strip(",.:;"))
            place = lookup(core) if core else None
            if place is not None and len(core) > 2:
                for j in range(i, i + n):
                    out[j] = words[j][:1].upper() + words[j][1:]
                i += n
                done = True
                break
        if not done:
            i += 1
    if out:
        out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out)


def _headline_verb(doc: Doc) -> str | None:
    """ "FARC lays homemade landmines near Toribio", "Cluster bomb wounds four children": the
    small model takes a headline's present verb in -s for a plural noun. When a frame verb's
    -s form stands as a noun between its subject and its object, the headline is given again
    with "does" + the verb ("FARC does lay ..."), which parses as it reads (a headline's
    present is what happened, as before)."""
    lex = load_lexicon()
    for tok in doc[1:-1]:
        lemma = tok.lemma_.lower()
        if (
            tok.pos_ == "NOUN"
            and tok.lower_.endswith("s")
            and lemma in lex.act_verbs
            and lemma not in lex.act_nouns
            and tok.nbor(-1).pos_ in ("NOUN", "PROPN")
            and tok.nbor(1).pos_ in ("NUM", "DET", "ADJ", "NOUN", "PROPN", "VERB")
        ):
            return (
                doc[: tok.i].text_with_ws
                + f"does {lemma}"
                + tok.whitespace_
                + doc[tok.i + 1 :].text
            )
    return None


def select_sentences(text: str, prefilter: Prefilter) -> tuple[list[tuple[int, int]], list[int]]:
    """All sentence spans, and the indices of those that matter: hits, and the lead."""
    spans = split_sentences(text)
    chosen: set[int] = {0} if spans else set()
    starts = [s for s, _ in spans]
    import bisect

    for hit in prefilter.hits:
        i = bisect.bisect_right(starts, hit.start) - 1
        if i >= 0:
            chosen.add(i)
    # "withdraw the country from the treaty": a treaty named by a common noun; and the sentence
    # after a hit that goes on about "the explosives", "them", "its stockpile"
    hit_sentences = set(chosen)
    for i, (s, e) in enumerate(spans):
        if i in chosen:
            continue
        if _TREATY_WORD.search(text, s, e) or (
            i - 1 in hit_sentences and _FOLLOW_UP.search(text, s, e)
        ):
            chosen.add(i)
    return spans, sorted(chosen)


def _paragraph_ids(text: str, spans: list[tuple[int, int]]) -> list[int]:
    ids, para, last_end = [], 0, 0
    for s, e in spans:
        if "\n" in text[last_end:s]:
            para += 1
        ids.append(para)
        last_end = e
    return ids


_LEADING_DATE = re.compile(
    r"^\W*(?:(?:in|on|during|back in|earlier in|as of|by)\s+)?(?:(?:early|late|mid)[- ])?"
    r"(?:\w+\.?\s+){0,3}?(1[89]\d\d|20\d\d)\b",
    re.I,
)


def _past_years(text: str, spans: list[tuple[int, int]], ref: date | None) -> list[bool]:
    """Whether each sentence opens in an earlier year ("In June 2022, ..."); the next sentence
    of the same paragraph, if it names no time of its own, continues that story."""
    paras = _paragraph_ids(text, spans)
    flags: list[bool] = []
    for k, (s, e) in enumerate(spans):
        sentence = text[s:e]
        years = years_in(sentence)
        lead = _LEADING_DATE.match(sentence)
        if lead and ref is not None:
            flag = (ref - date(int(lead.group(1)), 12, 31)).days > _BACKGROUND_DAYS
        elif years:
            flag = False
        elif not years and k > 0 and paras[k] == paras[k - 1] and not _NOW.search(sentence):
            flag = flags[k - 1] and bool(
                _LEADING_DATE.match(text[spans[k - 1][0] : spans[k - 1][1]])
            )
        else:
            flag = False
        flags.append(flag)
    return flags


def _specify_landmines(events: list[Event], hits: list[Hit]) -> None:
    """ "Landmines" in an article whose only specific landmine words are anti-personnel ones
    (PMN-2, "anti-personnel mines") are anti-personnel mines, and so are they where the article
    names the treaty by its anti-personnel title ("a violation of the Anti-Personnel Mine Ban
    Convention"); with anti-vehicle words about, the unstated type stays unstated."""
    kinds = {h.value for h in hits if h.kind == "weapon"}
    if any(h.kind == "treaty" and _AP_WORD.search(h.text) for h in hits):
        # "planting new landmines, a violation of the Anti-Personnel Mine Ban Convention"
        kinds.add(Weapon.AP_MINE.value)
    if Weapon.AP_MINE.value in kinds and Weapon.AV_MINE.value not in kinds:
        for event in events:
            if event.weapon == Weapon.MINE:
                event.weapon = Weapon.AP_MINE


def _scan_both(title: str, text: str) -> tuple[Prefilter, Prefilter]:
    """One scan of headline and body together (a weak "mines" in the headline counts when the
    body is about landmines), split back into body and headline hits with their own offsets."""
    joined = f"{title}\n{text}" if title else text
    both = scan(joined)
    if not title:
        return both, Prefilter(False, ())
    cut = len(title) + 1
    body = tuple(
        Hit(h.start - cut, h.end - cut, h.text, h.kind, h.value, h.strong)
        for h in both.hits
        if h.start >= cut
    )
    head = tuple(h for h in both.hits if h.end <= len(title))
    return Prefilter(both.relevant, body), Prefilter(both.relevant, head)


def scan_article(article: Article) -> tuple[Prefilter, Prefilter]:
    """The one prefilter scan of an article: (body hits, headline hits), each with the
    article's verdict. `pipeline.analyze_article` scans once and hands the result on."""
    return _scan_both(article.title or "", article.text or "")


def _to_parse(
    title: str, text: str, body_pf: Prefilter
) -> tuple[list[tuple[int, int]], list[int], str, list[str]]:
    """The sentence spans, the chosen ones, the headline as the parser reads it, and the texts
    handed to spaCy: that headline (if any), then the chosen sentences."""
    spans, chosen = select_sentences(text, body_pf)
    if title and len(spans) > 1 and text.lstrip().startswith(title.strip()) and 1 not in chosen:
        # a plain-text article repeats its headline: the lead is the sentence after it
        if spans[0][1] - spans[0][0] <= len(title.strip()) + 2:
            chosen = sorted({*chosen, 1})
    norm_title = _normalise_title(title)
    texts = ([norm_title] if norm_title else []) + [text[spans[i][0] : spans[i][1]] for i in chosen]
    return spans, chosen, norm_title, texts


def parser_texts(article: Article, scanned: tuple[Prefilter, Prefilter]) -> list[str]:
    """What `extract_events(article, scanned=scanned)` hands to spaCy first (its headline
    and chosen sentences), for a caller that parses many articles' texts in one batch."""
    body_pf, title_pf = scanned
    if not (body_pf.relevant or title_pf.relevant):
        return []
    return _to_parse(article.title or "", article.text or "", body_pf)[3]


def extract_events(
    article: Article,
    include_background: bool = False,
    scanned: tuple[Prefilter, Prefilter] | None = None,
) -> list[Event]:
    """The treaty events one article reports (background ones only if asked); `scanned` is
    the article's `scan_article` result when the caller has it (no second scan)."""
    title = article.title or ""
    text = article.text or ""
    body_pf, title_pf = scanned if scanned is not None else _scan_both(title, text)
    if not (body_pf.relevant or title_pf.relevant):
        return []
    # what the article says once: computed once, immutable (facts.py)
    ctx = ArticleContext.build(title, text, article.published, (*body_pf.hits, *title_pf.hits))
    spans, chosen, norm_title, texts = _to_parse(title, text, body_pf)
    years = years_in(text) + years_in(title)
    ref = article.published or (date(max(years), 12, 31) if years else None)
    past = _past_years(text, spans, ref)
    docs = parse(texts)  # taken from an ingest batch's one nlp.pipe where it ran (nlp.prefetch)
    title_doc = docs[0] if norm_title else None
    fixed = _headline_verb(title_doc) if title_doc is not None else None
    if fixed is not None:
        title_doc = docs[0] = parse([fixed])[0]
    body_docs = docs[1:] if norm_title else docs
    for doc in docs:
        ctx.link_people(doc)
        ctx.note_forces(doc)
    if title_doc is not None:
        ctx.find_lead_state(title_doc)
    for doc in body_docs[:2]:  # a plain-text article repeats its headline as the first line
        ctx.find_lead_state(doc)
    mentions: list[Mention] = []
    if title_doc is not None:
        try:
            mentions += mentions_in_sentence(
                title_doc, -1, list(title_pf.hits), ctx, is_title=True, order=0
            )
        except Exception:  # one odd parse must not lose the article
            _log.exception("extraction failed on the headline %r", title[:80])
        if ctx.lead_state is None:
            # "Hezbollah says Israel rained down cluster bombs": the headline's user is whom
            # "the regime" and "its military" stand for in the body
            users = {
                m.actor.iso3 for m in mentions if m.act == Act.USE and m.actor and m.actor.iso3
            }
            if len(users) == 1:
                ctx.lead_state = users.pop()
    for order, (idx, doc) in enumerate(zip(chosen, body_docs, strict=True), start=1):
        start, end = spans[idx]
        hits = [h for h in body_pf.hits if start <= h.start < end]
        try:
            headline = idx == 0 and bool(title) and text[start:end].strip() == title.strip()
            found = mentions_in_sentence(
                doc, start, hits, ctx, is_title=False, order=order, headline=headline
            )
        except Exception:  # one odd parse must not lose the article
            _log.exception("extraction failed on sentence %d of %r", idx, title[:80])
            continue
        for m in found:
            if past[idx]:
                m.background = True
        mentions += found
    # an act dated well before the article is background; an undated article is taken to be
    # as late as the latest day it states (not the year-end of its latest year)
    days = [m.when for m in mentions if m.when and m.when_attached]
    dated_ref = article.published or (max(days) if days else None)
    for m in mentions:
        if (
            m.when_attached
            and m.when
            and dated_ref
            and (dated_ref - m.when).days > _BACKGROUND_DAYS
        ):
            m.background = True
    events = merge_mentions(mentions, ctx, text, include_background=include_background)
    _specify_landmines(events, list(body_pf.hits) + list(title_pf.hits))
    _log.debug("%d mentions -> %d events", len(mentions), len(events))
    return events
