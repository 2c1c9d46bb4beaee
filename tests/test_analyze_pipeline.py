"""The pipeline: the prefilter decides whether extraction runs at all."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import treatywatch.extract as extract
from treatywatch.ingest.files import read_article
from treatywatch.model import Act, Event, Evidence, Modality, Weapon
from treatywatch.pipeline import analyze_article

ARTICLES = Path(__file__).parent / "articles"


@pytest.mark.parametrize(
    "name",
    [
        "t02-coal-mine-blast.txt",
        "t03-gold-mine-collapse.txt",
        "t04-data-mining.txt",
        "t05-bitcoin-miners.txt",
        "t08-missile-strikes.txt",
    ],
)
def test_prefilter_rejected_articles_never_reach_extraction(monkeypatch, name):
    def boom(article):
        raise AssertionError("extraction ran on a rejected article")

    monkeypatch.setattr(extract, "extract_events", boom, raising=False)
    analysis = analyze_article(read_article(ARTICLES / name))
    assert analysis.events == [] and analysis.findings == []


def test_relevant_article_is_extracted_and_assessed(monkeypatch):
    article = read_article(ARTICLES / "t09-myanmar-amnesty.txt")
    article.published = date(2024, 7, 17)
    event = Event(
        Act.USE,
        Modality.ALLEGED,
        Weapon.AP_MINE,
        actor="MMR",
        location="MMR",
        evidence=[Evidence("x", 0, 1)],
    )
    monkeypatch.setattr(extract, "extract_events", lambda a, **kw: [event], raising=False)
    analysis = analyze_article(article)
    assert analysis.events == [event]
    assert [(f.state, f.kind.value) for f in analysis.findings] == [("MMR", "non_party_act")]
    assert "text" not in analysis.to_json()["article"]


def test_the_prefilter_scans_an_article_once(monkeypatch):
    from treatywatch.extract import prefilter

    calls = []
    real = prefilter.scan

    def counting(text):
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(prefilter, "scan", counting)
    monkeypatch.setattr(extract, "scan", counting)
    article = read_article(ARTICLES / "t09-myanmar-amnesty.txt")
    analysis = analyze_article(article)
    assert analysis.events  # a relevant article, read through
    assert len(calls) == 1
