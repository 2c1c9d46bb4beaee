"""One decoding policy for damaged text: a few invalid bytes replaced and recorded on the
article; damaged UTF-8 and mojibake refused with a reason; never a cp1250 guess of UTF-8."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from tests.storekit import MINES
from tests.watchkit import Web, cli, cli_json, store
from treatywatch.errors import BadInput
from treatywatch.ingest.decoding import Mojibake, decode_text
from treatywatch.store import open_database
from treatywatch.store.tables import ArticleRow

TEXT = ("Mines near Besançon\n\nThe minister said the café in Besançon – “a landmark” – was "
        "closed after the council met on Tuesday. " + MINES) * 3


def test_clean_utf8_and_a_bom_are_clean():
    assert decode_text(TEXT.encode(), "a").note is None
    assert decode_text(b"\xef\xbb\xbf" + TEXT.encode(), "a").text == TEXT
    assert decode_text(TEXT.encode("utf-16"), "a").text == TEXT


def test_a_few_invalid_bytes_are_replaced_and_counted():
    data = TEXT.encode()
    damaged = data[:30] + b"\xff" + data[30:90] + b"\xc3" + data[90:]
    got = decode_text(damaged, "a")
    assert got.replaced == 2 and got.note == {"encoding": "utf-8", "replaced": 2}
    assert got.text.count("\ufffd") == 2 and "Besançon" in got.text


def test_damaged_utf8_is_refused_not_guessed_as_a_code_page():
    data = bytearray(TEXT.encode())
    for i in range(5, len(data), 20):  # many stray bytes among real UTF-8 letters
        data[i] = 0xFF
    with pytest.raises(BadInput, match="damaged UTF-8.*not guessed"):
        decode_text(bytes(data), "a")


def test_mojibake_is_refused_with_the_reason():
    garbled = TEXT.encode().decode("cp1252", errors="replace").encode()  # valid UTF-8 bytes
    with pytest.raises(Mojibake, match="mojibake"):
        decode_text(garbled, "a")
    as_cp1250 = TEXT.encode().decode("cp1250", errors="replace").encode()
    with pytest.raises(Mojibake):
        decode_text(as_cp1250, "a")


def test_a_legacy_single_byte_text_is_still_read():
    got = decode_text(TEXT.encode("cp1252"), "a")
    assert "Besançon" in got.text and "“a landmark”" in got.text and got.replaced == 0
    declared = decode_text(TEXT.encode("iso-8859-2", errors="replace"), "a", "iso-8859-2")
    assert declared.encoding == "iso8859-2" and "Besançon" in declared.text


def test_through_ingest_and_watch_the_policy_is_the_same(tmp_path):
    db = store(tmp_path)
    data = TEXT.encode()
    (tmp_path / "few.txt").write_bytes(data[:40] + b"\xfe" + data[40:])
    (tmp_path / "moji.txt").write_bytes(TEXT.encode().decode("cp1252", "replace").encode())
    line = json.dumps({"title": "Line", "text": TEXT}, ensure_ascii=False).encode()
    lines = [line[:60] + b"\xff" + line[60:]]
    (tmp_path / "d.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    done = cli("ingest", str(tmp_path / "few.txt"), str(tmp_path / "moji.txt"),
               str(tmp_path / "d.jsonl"), "--keep-all", "--db", db, check=False)
    assert done.returncode == 4, done.stderr  # the mojibake file failed
    failures = cli_json("failures", "--json", "--db", db)
    assert [f["input"] for f in failures] == [str(tmp_path / "moji.txt")]
    assert "mojibake" in failures[0]["reason"]
    with Web() as site:
        page = (f"<html><head><title>Page</title></head><body><article><p>{TEXT}</p>"
                "</article></body></html>").encode()
        site.routes["/p"] = lambda r: (200, {"Content-Type": "text/html"},
                                       page[:200] + b"\x80" + page[200:])
        cli("ingest", f"{site.base}/p", "--allow-private", "--keep-all", "--db", db)
    with open_database(db) as database, database.session() as s:
        notes = {r.source.rsplit("/", 1)[-1]: r.decoding
                 for r in s.execute(select(ArticleRow)).scalars()}
    assert notes["few.txt"] == {"encoding": "utf-8", "replaced": 1}
    assert notes["p"] == {"encoding": "utf-8", "replaced": 1}
    assert any(k.startswith("d.jsonl") and v == {"encoding": "utf-8", "replaced": 1}
               for k, v in notes.items()), notes
