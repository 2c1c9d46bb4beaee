"""WARC reading by fastwarc gives exactly what warcio gives (items, their order, errors, the
screen text and what each item would load), and warcio takes over where fastwarc might differ."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from tests.storekit import FILLER, MINES, page_html
from treatywatch.ingest import sources

BODY = MINES + "\n" + FILLER * 3

pytest.importorskip("fastwarc")


def _items(path: Path, fast: bool, monkeypatch) -> list[tuple]:
    with monkeypatch.context() as m:
        if not fast:
            m.setattr(sources, "_fastwarc", lambda: None)
        out = []
        for item in sources.read_warc(path):
            loaded = item.load()
            out.append((item.source, item.error, loaded.article.text if loaded.ok else None,
                        str(loaded.article.published) if loaded.ok else None))
        return out


def _screens(path: Path, fast: bool, monkeypatch) -> list[tuple]:
    with monkeypatch.context() as m:
        if not fast:
            m.setattr(sources, "_fastwarc", lambda: None)
        return [(i.source, i.screen, i.error) for i in sources.read_warc(path)]


def _record(writer, url: str, body: bytes, *, status: str = "200 OK",
            headers: list[tuple[str, str]] | None = None, kind: str = "response",
            protocol: str = "HTTP/1.1") -> None:
    from warcio.statusandheaders import StatusAndHeaders

    http = StatusAndHeaders(status, headers or [("Content-Type", "text/html; charset=utf-8")],
                            protocol=protocol)
    writer.write_record(writer.create_warc_record(url, kind, payload=io.BytesIO(body),
                                                  http_headers=http))


def _chunked(data: bytes) -> bytes:
    return b"".join(b"%x\r\n%s\r\n" % (len(data[i:i + 50]), data[i:i + 50])
                    for i in range(0, len(data), 50)) + b"0\r\n\r\n"


def _mixed(path: Path, tail: list[str] = ()) -> Path:
    """Every kind of record a crawl holds, the pages among them in several shapes; `tail`
    adds records fastwarc must hand to warcio ("gzip", "chunked", "http2")."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = page_html("Mines sent to Ukraine", BODY).encode()
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
        for i in range(3):
            url = f"https://wire.example.com/{i}"
            req = writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                            http_headers=StatusAndHeaders(
                                                "GET / HTTP/1.1", [("Host", "x")],
                                                is_http_request=True))
            writer.write_record(req)
            _record(writer, url, page_html(f"Page {i} &eacute;t&eacute;",
                                           BODY + FILLER * i).encode())
            writer.write_record(writer.create_warc_record(
                url, "metadata", payload=io.BytesIO(b"via: test\r\n"),
                warc_content_type="application/warc-fields"))
        _record(writer, "https://wire.example.com/missing", b"<html>gone</html>",
                status="404 Not Found")
        _record(writer, "https://wire.example.com/logo.png", b"\x89PNG\r\n\x1a\n",
                headers=[("Content-Type", "image/png")])
        _record(writer, "https://wire.example.com/bare", page, headers=[("Server", "x")])
        _record(writer, "https://wire.example.com/empty",
                b"<html><body><script>x()</script></body></html>")
        writer.write_record(writer.create_warc_record(
            "dns:wire.example.com", "response", payload=io.BytesIO(b"wire.example.com A 1"),
            warc_content_type="text/dns"))
        writer.write_record(writer.create_warc_record(
            "https://wire.example.com/file", "resource", payload=io.BytesIO(page),
            warc_content_type="text/html"))
        for kind in tail:
            url = f"https://wire.example.com/{kind}"
            if kind == "gzip":
                _record(writer, url, gzip.compress(page),
                        headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip")])
            elif kind == "chunked":
                _record(writer, url, _chunked(page),
                        headers=[("Content-Type", "text/html"),
                                 ("Transfer-Encoding", "chunked")])
            elif kind == "http2":
                _record(writer, url, page, protocol="HTTP/2")
            _record(writer, url + "/after", page_html("After", BODY).encode())
    return path


@pytest.mark.parametrize("name", ["mixed.warc", "mixed.warc.gz"])
@pytest.mark.parametrize("tail", [(), ("gzip",), ("chunked",), ("chunked", "gzip")])
def test_fastwarc_gives_what_warcio_gives(tmp_path, monkeypatch, name, tail):
    path = _mixed(tmp_path / name, list(tail))
    fast, slow = _items(path, True, monkeypatch), _items(path, False, monkeypatch)
    assert fast == slow
    assert _screens(path, True, monkeypatch) == _screens(path, False, monkeypatch)
    texts = [t for _, _, t, _ in fast if t]
    assert len(texts) == 4 + 2 * len(tail)  # 3 pages, the bare one, and each tail's pair
    assert all("anti-personnel mines" in t for t in texts)


def test_warcio_takes_over_where_fastwarc_stops(tmp_path, monkeypatch):
    """A payload with a Content-Encoding is handed to warcio, which decodes it; the records
    before it come from fastwarc, once each."""
    path = _mixed(tmp_path / "enc.warc.gz", ["gzip"])
    calls = []
    real = sources._warcio_records

    def spy(path, stream, skip=0):
        calls.append(skip)
        yield from real(path, stream, skip=skip)

    monkeypatch.setattr(sources, "_warcio_records", spy)
    items = list(sources.read_warc(path))
    assert len(calls) == 1 and calls[0] > 10  # warcio read only from the encoded record on
    assert len({i.source for i in items}) == len(items)  # nothing read twice
    assert any(i.source.endswith("/gzip") for i in items)


def test_damaged_and_truncated_warcs_read_as_warcio_reads_them(tmp_path, monkeypatch):
    whole = _mixed(tmp_path / "whole.warc.gz").read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(whole[: len(whole) // 2] + b"\x00garbage" * 50)
    http2 = _mixed(tmp_path / "http2.warc", ["http2"])
    read = {}
    for path in (cut, junk, http2):
        fast, slow = _items(path, True, monkeypatch), _items(path, False, monkeypatch)
        assert fast == slow, path.name
        read[path.name] = fast
    assert 0 < len([t for _, _, t, _ in read["cut.warc.gz"] if t]) < 4  # some pages, not all
    assert len([t for _, _, t, _ in read["junk.warc.gz"] if t]) < 4
    assert read["http2.warc"][-2][0].endswith("/http2")  # warcio read it, and what follows


def test_a_bench_sized_stream_is_read_alike(tmp_path, monkeypatch):
    """Many records in a row (buffer boundaries), gzipped per record as crawls are."""
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "many.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(300):
            body = BODY if i % 7 == 0 else FILLER * (1 + i % 5)
            _record(writer, f"https://n{i % 9}.example.org/{i}",
                    page_html(f"Item {i}", body).encode())
    assert _screens(path, True, monkeypatch) == _screens(path, False, monkeypatch)
