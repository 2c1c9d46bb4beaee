"""The one path an article takes: prefilter -> extraction -> assessment -> `Analysis`.

The CLI, the store and the web app all call `analyze_article`; nothing else runs the steps.
The prefilter scans each article once (headline and body together); an article it rejects
yields an empty analysis, and the hits of one it keeps go on to extraction.
`analyze_articles` does the same for many (an ingest batch), with spaCy run once over all
their kept sentences and headlines (`extract.nlp.prefetch`) instead of once per article.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from contextlib import ExitStack
from datetime import date
from typing import Any

from treatywatch.assess import Registry, assess
from treatywatch.model import Analysis, Article

__all__ = ["analyze_article", "analyze_articles", "is_relevant"]

log = logging.getLogger(__name__)


def is_relevant(scan_result: Any) -> bool:
    """The prefilter's verdict, whether it returns a bool or a result with `.relevant`."""
    return bool(getattr(scan_result, "relevant", scan_result))


def analyze_article(
    article: Article, *, as_of: date | None = None, registry: Registry | None = None
) -> Analysis:
    """Events and findings for one article; findings judged as `assess` documents."""
    from treatywatch.extract import scan_article

    return _analyze(article, scan_article(article), as_of, registry)


def _analyze(
    article: Article, scanned: Any, as_of: date | None, registry: Registry | None
) -> Analysis:
    from treatywatch.extract import extract_events

    analysis = Analysis(article=article)
    if not any(is_relevant(part) for part in scanned):
        log.debug("prefilter: nothing treaty-related in %s", article.path or article.title)
        return analysis
    analysis.events = list(extract_events(article, scanned=scanned))  # the one scan's hits
    analysis.findings = assess(article, analysis.events, as_of=as_of, registry=registry)
    return analysis


def analyze_articles(
    articles: Sequence[Article], *, as_of: date | None = None, registry: Registry | None = None
) -> list[Analysis | Exception]:
    """`analyze_article` of each article, in order, an article's failure in its place (the
    others go on); the relevant articles' texts for spaCy parsed together in one pipe first.
    The analyses are the same as one at a time (tested)."""
    from treatywatch.extract import parser_texts, scan_article
    from treatywatch.extract.nlp import prefetch

    scans: list[Any] = []
    texts: list[str] = []
    for article in articles:
        try:
            scanned = scan_article(article)
            texts += parser_texts(article, scanned)
        except Exception as exc:  # reported in its place below
            scanned = exc
        scans.append(scanned)
    results: list[Analysis | Exception] = []
    with ExitStack() as stack:
        try:
            stack.enter_context(prefetch(texts))
        except Exception:  # a text spaCy cannot take: each article parses its own, as before
            log.exception("batch parse of %d texts failed; parsing one by one", len(texts))
        for article, scanned in zip(articles, scans, strict=True):
            if isinstance(scanned, Exception):
                results.append(scanned)
                continue
            try:
                results.append(_analyze(article, scanned, as_of, registry))
            except Exception as exc:  # one article's analysis must not stop the others
                results.append(exc)
    return results
