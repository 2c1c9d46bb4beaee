"""Every source kind on files the tests write, and hostile inputs: each becomes Items."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from tests.storekit import (
    FILLER,
    MINES,
    LocalServer,
    article_record,
    html_route,
    page_html,
    write_jsonl,
)
from treatywatch.ingest import sources
from treatywatch.ingest.fetch import FetchPolicy
from treatywatch.ingest.sources import iter_items

OPEN = FetchPolicy(allow_private=True, timeout=2.0, deadline=5.0)
BODY = MINES + "\n" + FILLER * 2 + "\n" + FILLER


def _ok(items):
    return [i for i in items if i.ok]


def _bad(items):
    return [i for i in items if not i.ok]


def write_warc(path: Path, pages: list[tuple[str, str | bytes, str]]) -> Path:
    """A WARC (gzipped when the name ends .gz) of response records: (url, body, content-type),
    with a request record before each, as Common Crawl writes them."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for url, body, ctype in pages:
            data = body.encode() if isinstance(body, str) else body
            req = writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                            http_headers=StatusAndHeaders(
                                                "GET / HTTP/1.1", [("Host", "x")],
                                                is_http_request=True))
            writer.write_record(req)
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(data),
                                            http_headers=headers)
            writer.write_record(rec)
    return path


def test_folder_is_read_recursively_in_order(tmp_path):
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "a.txt").write_text("Mines in the north\n\n" + BODY)
    (tmp_path / "b" / "page.html").write_text(page_html("A page about mines", BODY))
    (tmp_path / "b" / "c" / "rec.json").write_text(json.dumps(article_record(3)))
    (tmp_path / ".hidden.txt").write_text("ignored")
    items = list(iter_items([str(tmp_path)]))
    assert [Path(i.source).name for i in items] == ["a.txt", "page.html", "rec.json"]
    assert all(i.ok for i in items)
    assert items[0].article.title == "Mines in the north"
    assert items[1].article.title == "A page about mines"
    assert items[2].article.url == "https://news.example.org/3"


def test_jsonl_broken_lines_are_failures_and_reading_goes_on(tmp_path):
    path = write_jsonl(tmp_path / "dump.jsonl", [
        article_record(1), "{not json", "", "[1, 2]", article_record(2), '{"title": "no text"}',
        "\x00\x01binary", article_record(3),
    ])
    items = list(iter_items([str(path)]))
    assert [i.article.title for i in _ok(items)] == ["Report 1", "Report 2", "Report 3"]
    bad = _bad(items)
    assert [b.source.rsplit(":", 1)[1] for b in bad] == ["2", "4", "6", "7"]
    assert "not a JSON object" in bad[0].error and "no 'text'" in bad[2].error


def test_jsonl_gz_and_an_over_long_line(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_RECORD", 4000)
    huge = json.dumps(dict(article_record(9), text="word " * 5000))
    path = tmp_path / "dump.jsonl.gz"
    with gzip.open(path, "wt") as fh:
        for rec in (article_record(1), huge, article_record(2)):
            fh.write((rec if isinstance(rec, str) else json.dumps(rec)) + "\n")
    items = list(iter_items([str(path)]))
    assert [i.article.title for i in _ok(items)] == ["Report 1", "Report 2"]
    assert "longer than 4000 bytes" in _bad(items)[0].error


@pytest.mark.parametrize("name", ["news.warc", "news.warc.gz"])
def test_warc_html_responses_through_trafilatura(tmp_path, name):
    path = write_warc(tmp_path / name, [
        ("https://wire.example.com/a", page_html("Mines sent to Ukraine", BODY),
         "text/html; charset=utf-8"),
        ("https://wire.example.com/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
        ("https://wire.example.com/empty", "<html><body><script>x()</script></body></html>",
         "text/html"),
        ("https://wire.example.com/b", page_html("Council budget", FILLER * 4), "text/html"),
    ])
    items = list(iter_items([str(path)]))
    ok = _ok(items)
    assert [i.article.url for i in ok] == ["https://wire.example.com/a",
                                           "https://wire.example.com/b"]
    assert "anti-personnel mines" in ok[0].article.text
    assert ok[0].article.published is not None  # from WARC-Date when the page has none
    bad = _bad(items)
    assert len(bad) == 1 and "no article text" in bad[0].error


def test_damaged_warc_is_one_failure(tmp_path):
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(gzip.compress(b"WARC/1.0\r\nnonsense\r\n\r\n") + b"\x00garbage")
    items = list(iter_items([str(path)]))
    assert len(items) == 1 and not items[0].ok


def _rss(base: str, links: list[str], content: str | None = None) -> bytes:
    entries = "".join(
        f"<item><title>Entry {i}</title><link>{base}{link}</link>"
        f"<pubDate>Wed, 20 Nov 2024 10:00:00 GMT</pubDate>"
        + (f"<description><![CDATA[{content}]]></description>" if content else "")
        + "</item>"
        for i, link in enumerate(links)
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>'
            f"<link>{base}</link>{entries}</channel></rss>").encode()


def _atom(base: str, links: list[str]) -> bytes:
    entries = "".join(
        f"<entry><title>Entry {i}</title><link href='{base}{link}'/><id>{base}{link}</id>"
        f"<updated>2024-11-21T10:00:00Z</updated></entry>" for i, link in enumerate(links)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Atom Wire</title><id>{base}/</id><updated>2024-11-21T10:00:00Z</updated>"
            f"{entries}</feed>").encode()


def test_feeds_by_url_and_by_file_fetch_each_entry(tmp_path):
    routes = {
        "/a": html_route(page_html("Mines sent to Ukraine", BODY)),
        "/b": html_route(page_html("Council budget", FILLER * 4)),
        "/empty": html_route("<html><body></body></html>"),
    }
    with LocalServer(routes) as srv:
        srv.routes["/rss"] = (200, {"Content-Type": "application/rss+xml"},
                              _rss(srv.base, ["/a", "/b", "/missing"]))
        srv.routes["/atom"] = (200, {"Content-Type": "application/atom+xml"},
                               _atom(srv.base, ["/a", "/empty"]))
        items = list(iter_items([f"{srv.base}/rss"], OPEN))
        ok = _ok(items)
        assert [i.article.url for i in ok] == [f"{srv.base}/a", f"{srv.base}/b"]
        assert ok[0].article.published.isoformat() == "2024-11-20"
        assert "HTTP 404" in _bad(items)[0].error
        (tmp_path / "wire.atom").write_bytes(_atom(srv.base, ["/a", "/empty"]))
        items = list(iter_items([str(tmp_path / "wire.atom")], OPEN))
        assert [i.ok for i in items] == [True, False]
        assert items[0].article.published.isoformat() == "2024-11-21"
        # The default policy refuses the local server: every entry fails, and the run goes on.
        items = list(iter_items([str(tmp_path / "wire.atom")]))
        assert [i.ok for i in items] == [False, False]
        assert "non-public" in items[0].error


def test_feed_entry_content_is_used_when_the_page_cannot_be_had(tmp_path):
    content = "<p>" + MINES + "</p><p>" + FILLER * 3 + "</p>"
    with LocalServer({}) as srv:
        (tmp_path / "feed.rss").write_bytes(_rss(srv.base, ["/gone"], content=content))
        items = list(iter_items([str(tmp_path / "feed.rss")], OPEN))
    assert len(items) == 1 and items[0].ok
    assert "anti-personnel mines" in items[0].article.text
    assert items[0].article.outlet == "Example Wire"


def test_web_page_url(tmp_path):
    with LocalServer({"/p": html_route(page_html("Mines sent to Ukraine", BODY))}) as srv:
        (tmp_path / "list.txt").write_text(f"# sources\n{srv.base}/p\n\n{srv.base}/nope\n")
        items = list(iter_items([f"{srv.base}/p", f"@{tmp_path / 'list.txt'}"], OPEN))
    assert [i.ok for i in items] == [True, True, False]
    assert items[0].article.title == "Mines sent to Ukraine"


def test_hostile_inputs_become_failures(tmp_path, monkeypatch):
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff\xfe" * 1000)
    (tmp_path / "empty.html").write_text("<html><head><title>t</title></head><body></body></html>")
    (tmp_path / "scripts.html").write_text("<html><body><script>" + "a();" * 1000 +
                                           "</script></body></html>")
    (tmp_path / "bad.json").write_text("{ nope")
    (tmp_path / "huge.txt").write_bytes(b"word " * (1_200_000))  # 6 MB
    (tmp_path / "notafeed.xml").write_text("<root>just xml</root>")
    (tmp_path / "junk.warc").write_bytes(b"this is not a warc file at all\n" * 10)
    items = list(iter_items([str(tmp_path), str(tmp_path / "missing.txt")]))
    assert len(items) == 8
    assert not any(i.ok for i in items), [i.source for i in items if i.ok]
    reasons = {Path(i.source.split(":")[0].split(" ")[0]).name: i.error for i in items}
    assert "binary" in reasons["binary.txt"]
    assert "no article text" in reasons["empty.html"]
    assert "limit" in reasons["huge.txt"]
    assert "no such file" in reasons["missing.txt"]
    assert "feed" in reasons["notafeed.xml"]


def test_warc_gz_whose_first_record_is_large(tmp_path):
    """The WARC sniffing must read a first gzip member of any size (a real crawl's first page)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "big-first.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(3):
            html = page_html(f"Page {i}", BODY + "\n" + FILLER * 40)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://wire.example.com/{i}", "response",
                payload=io.BytesIO(html.encode()), http_headers=headers))
    items = list(iter_items([str(path)]))
    assert [i.ok for i in items] == [True, True, True]
