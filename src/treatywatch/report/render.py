"""Reports as Markdown, HTML (one self-contained page) and PDF (WeasyPrint renders the HTML)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from treatywatch.report.profile import chart

TEMPLATES = Path(__file__).with_name("templates")
STYLE = TEMPLATES / "report.css"


def _env() -> Environment:
    from treatywatch.report import filters

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    filters.install(env)
    env.filters["md"] = md_escape
    return env


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_escape(value: Any) -> str:
    """Untrusted text made inert in Markdown: specials backslashed, newlines folded."""
    text = " ".join(str(value if value is not None else "").split())
    return _MD_SPECIAL.sub(r"\\\1", text).replace("&", "&amp;")


def profile_markdown(profile: dict[str, Any]) -> str:
    env = _env()
    env.autoescape = False  # Markdown: the template escapes with |md instead
    return env.get_template("profile.md").render(**profile)


def profile_html(profile: dict[str, Any]) -> str:
    return _env().get_template("profile.html").render(
        **profile, chart_svg=Markup(chart(profile)), style=Markup(STYLE.read_text("utf-8")))


def digest_markdown(digest: dict[str, Any]) -> str:
    env = _env()
    env.autoescape = False
    return env.get_template("digest.md").render(**digest)


def digest_html(digest: dict[str, Any]) -> str:
    return _env().get_template("digest.html").render(
        **digest, style=Markup(STYLE.read_text("utf-8")))


def html_to_pdf(html: str) -> bytes:
    """PDF bytes of a self-contained HTML page, laid out by WeasyPrint (no network access)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=["data"], timeout=1)
    return HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf()
