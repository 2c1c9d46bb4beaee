"""Reading article files: formats, dates, the content hash, and every kind of bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from treatywatch.errors import BadInput
from treatywatch.fingerprint import content_hash
from treatywatch.ingest.files import (
    article_from_html,
    article_from_record,
    read_article,
)

ARTICLES = Path(__file__).parent / "articles"
ENGLISH = (
    "Landmine report\nThe army said on Monday that it had cleared mines from the road to the "
    "village, and that it would finish the work before the rains came to the region.\n"
)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_plain_text_title_is_first_line_and_text_is_whole_file(tmp_path):
    a = read_article(write(tmp_path, "a.txt", "\n" + ENGLISH))
    assert a.title == "Landmine report"
    assert a.text == "\n" + ENGLISH and a.language == "en" and a.published is None


def test_crlf_and_bom_are_normalised_like_read_text(tmp_path):
    a = read_article(
        write(tmp_path, "a.txt", b"\xef\xbb\xbf" + ENGLISH.replace("\n", "\r\n").encode())
    )
    assert a.text == ENGLISH


def test_content_hash_ignores_case_and_spacing():
    assert content_hash("Mines  were\nLAID") == content_hash("mines were laid")
    assert content_hash("mines were laid") != content_hash("mines were cleared")


def test_json_record_keeps_text_and_reads_metadata():
    a = read_article(ARTICLES / "t12-sri-lanka-accession.json")
    assert a.title.startswith("Sri Lanka joins") and a.published == date(2017, 12, 14)
    assert a.outlet == "Example Wire" and a.url.startswith("https://")
    record = json.loads((ARTICLES / "t12-sri-lanka-accession.json").read_text())
    assert a.text == record["text"]


def test_html_main_text_title_and_date():
    a = read_article(ARTICLES / "t10-finland-withdrawal.html")
    assert a.title == "Finland formally notifies UN of exit from landmine ban treaty"
    assert a.published == date(2025, 7, 11)
    assert "deposited its notice of withdrawal" in a.text
    assert "Subscribe" not in a.text and "Sport" not in a.text


def test_article_from_html_and_record_are_reusable_without_files():
    html = (ARTICLES / "t10-finland-withdrawal.html").read_text()
    assert article_from_html(html, url="https://example.org/x").url == "https://example.org/x"
    assert article_from_record({"title": "T", "text": ENGLISH}).title == "T"


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("empty.txt", b"  \n\n", "empty"),
        ("bin.txt", b"PK\x03\x04\x00\x00binary", "binary"),
        ("latin.txt", bytes(range(128, 256)) * 40, "undecodable"),
        (
            "fr.txt",
            "Rapport\nLe gouvernement a annoncé lundi que les mines seraient retirées de la "
            "route du village avant la saison des pluies, selon le ministère de la défense "
            "et les autorités locales de la région.",
            "not look like English",
        ),
        (
            "nothing.html",
            "<html><body><script>var a = 1;</script></body></html>",
            "no article text",
        ),
        ("bad.json", '{"title": ', "invalid JSON"),
        ("notext.json", '{"title": "x"}', "no 'text'"),
        (
            "date.json",
            json.dumps({"title": "x", "text": ENGLISH, "published": "last May"}),
            "ISO date",
        ),
    ],
)
def test_bad_input_is_one_line_naming_the_file(tmp_path, name, data, words):
    path = write(tmp_path, name, data)
    with pytest.raises(BadInput) as caught:
        read_article(path)
    message = str(caught.value)
    assert str(path) in message and words in message and "\n" not in message


def test_oversized_file_is_refused(tmp_path, monkeypatch):
    import treatywatch.ingest.files as files

    monkeypatch.setattr(files, "MAX_BYTES", 100)
    with pytest.raises(BadInput, match="over the"):
        read_article(write(tmp_path, "big.txt", ENGLISH * 3))


def test_missing_file_is_bad_input(tmp_path):
    with pytest.raises(BadInput, match="cannot read"):
        read_article(tmp_path / "absent.txt")


def test_windows_1252_text_is_decoded_when_detection_is_sure(tmp_path):
    text = ENGLISH.replace("army", "army\u2019s unit") * 3
    a = read_article(write(tmp_path, "cp.txt", text.encode("cp1252")))
    assert "army\u2019s" in a.text


# A short English wire item dense with names and figures has few function words; it is still
# English. Texts written for this test, not taken from an article.
DENSE_ENGLISH = [
    "Mexico: 3 killed, 2 hurt. Coal pit blast, Sabinas, Coahuila state. Miners Juan Perez, 41; "
    "Luis Gomez, 38; Pedro Ruiz, 52. Rescue crews, 30 soldiers, civil protection teams, Red "
    "Cross volunteers. Methane suspected. Governor Manolo Jimenez visited site Tuesday. Mine "
    "owner, Carbonifera del Norte SA, closed pit pending federal inspection.",
    "Kabul, Afghanistan (Reuters) - Two boys, ages 9, 11, injured Sunday; landmine, Kandahar "
    "province, Maiwand district. Hospital officials confirmed. HALO Trust, MAG teams working "
    "nearby fields since March. Ministry spokesman Abdul Rahman: investigation under way.",
]
FRENCH = ("Le gouvernement a annoncé mardi que les stocks de mines antipersonnel seront détruits "
          "avant la fin de l'année, selon le ministre de la Défense, qui s'est exprimé devant les "
          "députés à Paris lors d'une séance consacrée au budget des armées et à la dépollution.")


@pytest.mark.parametrize("text", DENSE_ENGLISH)
def test_english_with_few_function_words_is_read(text):
    from treatywatch.ingest.files import detect_language, english_ratio

    assert english_ratio(text)[0] < 0.18  # the fast path alone would refuse it
    assert detect_language(text) == "en"


def test_other_languages_are_still_refused():
    from treatywatch.ingest.files import detect_language

    assert detect_language(FRENCH) == "und"
