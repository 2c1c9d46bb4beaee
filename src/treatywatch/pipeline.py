"""The one path an article takes: prefilter -> extraction -> assessment -> `Analysis`.

The CLI, the store and the web app all call `analyze_article`; nothing else runs the steps.
The prefilter scans each article once (headline and body together); an article it rejects
yields an empty analysis, and the hits of one it keeps go on to extraction.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from treatywatch.assess import Registry, assess
from treatywatch.model import Analysis, Article

__all__ = ["analyze_article", "is_relevant"]

log = logging.getLogger(__name__)


def is_relevant(scan_result: Any) -> bool:
    """The prefilter's verdict, whether it returns a bool or a result with `.relevant`."""
    return bool(getattr(scan_result, "relevant", scan_result))


def analyze_article(
    article: Article, *, as_of: date | None = None, registry: Registry | None = None
) -> Analysis:
    """Events and findings for one article; findings judged as `assess` documents."""
    from treatywatch.extract import extract_events, scan_article

    analysis = Analysis(article=article)
    scanned = scan_article(article)  # the one scan: its hits go on to extraction
    if not any(is_relevant(part) for part in scanned):
        log.debug("prefilter: nothing treaty-related in %s", article.path or article.title)
        return analysis
    analysis.events = list(extract_events(article, scanned=scanned))
    analysis.findings = assess(article, analysis.events, as_of=as_of, registry=registry)
    return analysis
