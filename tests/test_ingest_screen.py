"""The early screen of raw WARC pages (`prefilter.could_hold`, before trafilatura) is exact: the
store holds the same with it as without it (every page read, then screened on its text), on
pages whose treaty words are broken by markup, written with entities, hidden in scripts or
attributes, or absent."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.scalekit import dump
from tests.storekit import FILLER, migrated
from treatywatch.extract.prefilter import could_hold, scan
from treatywatch.ingest import sources
from treatywatch.runner import PrefilterScreen, ingest
from treatywatch.store import open_database

LEAD = "The government of Ukraine said on Tuesday that {} had been found near the border."
PLAIN = FILLER * 3


def _page(title: str, body: str, head: str = "") -> str:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>{head}"
            f"</head><body><article><h1>{title}</h1><p>{body}</p><p>{PLAIN}</p>"
            f"<p>{PLAIN}</p></article></body></html>")


PAGES = {
    # treaty words broken by markup, entities, unprintable characters: relevant once read
    "bold": _page("Border report", LEAD.format("land<b>mine</b>s")),
    "bold-amp": _page("Border report", LEAD.format("land<b>mine</b>s") + " Smith &amp; Sons."),
    "em": _page("Border report", LEAD.format("<em>cluster</em>\n   <i>munitions</i>")),
    "entity": _page("Border report", LEAD.format("anti&#45;personnel&nbsp;mines")),
    "shy": _page("Border report", LEAD.format("land&shy;mines")),
    "zwsp": _page("Border report", LEAD.format("land\u200bmines")),
    "accents": _page("R&eacute;sum&eacute; of the week",
                     LEAD.format("anti-personnel mines") + " Caf&eacute; owners agreed."),
    "script-inside": _page("Border report",
                           LEAD.format("land<script>var t = 1;</script>mines")),
    "comment-inside": _page("Border report", LEAD.format("land<!-- x -->mines")),
    # treaty words only where extraction never looks, or only weak ones: never relevant
    "in-script": _page("Border report", LEAD.format("a box"),
                       "<script>var topic = 'landmines cluster munitions';</script>"),
    "in-style": _page("Border report", LEAD.format("a box"),
                      "<style>.landmine { color: red }</style>"),
    "in-attribute": _page("Border report", LEAD.format("a box")
                          + " <a href='/tags/landmines' title='landmines'>more</a>"),
    "in-og-title": _page("Border report", LEAD.format("a box"),
                         "<meta property='og:title' content='Landmines found'>"),
    "in-json-ld": _page("Border report", LEAD.format("a box"),
                        "<script type='application/ld+json'>{\"headline\": "
                        "\"Cluster munitions used\"}</script>"),
    "coal": _page("Coal town", "The coal mine in the east will close, the company said."),
    "plain": _page("Council", "The council met on Tuesday."),
    "entity-lt": _page("Border report", LEAD.format("a sign &lt; landmines &gt; here")),
}


def _warc(path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for name, html in PAGES.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news.example.org/{name}", "response",
                payload=io.BytesIO(html.encode()), http_headers=headers))
    return path


class LateScreen:
    """The same screen with no early check: every page is read, then screened on its text."""

    def __call__(self, text: str) -> bool:
        return PrefilterScreen()(text)


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    folder = tmp_path_factory.mktemp("screen")
    warc = _warc(folder / "pages.warc.gz")
    out = {}
    loads: dict[str, list[str]] = {}
    real = sources._warc_article
    for label, screen in (("early", PrefilterScreen()), ("late", LateScreen())):
        read: list[str] = []

        def spy(body, url, name, date_header, read=read):
            read.append(url.rsplit("/", 1)[1])
            return real(body, url, name, date_header)

        sources._warc_article = spy
        try:
            url = migrated(folder / f"{label}.db")
            with open_database(url) as db:
                progress = ingest(db, [str(warc)], screen=screen)
        finally:
            sources._warc_article = real
        out[label] = (dump(url), progress)
        loads[label] = read
    return out, loads


def test_the_store_is_the_same_with_and_without_the_early_screen(stores):
    out, _ = stores
    (early, p_early), (late, p_late) = out["early"], out["late"]
    assert early == late
    assert (p_early.seen, p_early.screened_out, p_early.stored, p_early.relevant,
            p_early.failures) == (p_late.seen, p_late.screened_out, p_late.stored,
                                  p_late.relevant, p_late.failures)
    urls = {a[2].rsplit("/", 1)[1] for a in early["articles"]}
    # the broken-up treaty words were found (the test could fail: these pages are relevant)
    assert {"bold", "bold-amp", "em", "entity", "accents"} <= urls
    assert not {"in-script", "in-style", "coal", "plain"} & urls


def test_the_early_screen_spares_trafilatura_the_pages_that_cannot_pass(stores):
    _, loads = stores
    assert sorted(loads["late"]) == sorted(PAGES)  # without it, every page is extracted
    spared = set(PAGES) - set(loads["early"])
    assert {"coal", "plain"} <= spared
    assert not spared & {"bold", "bold-amp", "em", "entity", "shy", "zwsp", "accents",
                         "script-inside", "comment-inside", "in-og-title", "in-json-ld"}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_could_hold_is_never_false_where_the_text_read_is_relevant(name):
    from treatywatch.ingest.files import article_from_html

    html = PAGES[name]
    try:
        article = article_from_html(html, url=f"https://news.example.org/{name}")
    except Exception:
        return  # nothing read: nothing to keep
    relevant = scan(f"{article.title}\n{article.text}").relevant
    assert could_hold(html) or not relevant


def test_could_hold_says_no_to_pages_without_a_strong_term():
    assert not could_hold(PAGES["coal"])
    assert not could_hold(PAGES["plain"])
    assert not could_hold("<html><body><p>" + FILLER + "</p></body></html>")
    assert could_hold("<p>ANTI-PERSONNEL&#32;MINES</p>")
