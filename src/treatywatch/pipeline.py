"""The one path an article takes: prefilter -> extraction -> assessment -> `Analysis`.

The CLI, the store and the web app all call `analyze_article`; nothing else runs the steps.
An article the prefilter rejects costs one Aho-Corasick scan and yields an empty analysis.
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
    from treatywatch.extract import extract_events
    from treatywatch.extract.prefilter import scan

    analysis = Analysis(article=article)
    if not is_relevant(scan(_scan_text(article))):
        log.debug("prefilter: nothing treaty-related in %s", article.path or article.title)
        return analysis
    analysis.events = list(extract_events(article))
    analysis.findings = assess(article, analysis.events, as_of=as_of, registry=registry)
    return analysis


def _scan_text(article: Article) -> str:
    if article.title and not article.text.lstrip().startswith(article.title):
        return f"{article.title}\n{article.text}"
    return article.text
