"""`pipeline.analyze_articles` (one spaCy pipe for a batch) gives exactly what
`analyze_article` gives one article at a time: the `analyze --json` line of every article."""

from __future__ import annotations

import json
import random
import re
from datetime import date
from pathlib import Path

import pytest

import treatywatch.extract.nlp as nlp_module
from treatywatch.ingest.files import read_article
from treatywatch.model import Article
from treatywatch.pipeline import analyze_article, analyze_articles

HERE = Path(__file__).parent
SEED = HERE.resolve().parents[1] / "shared" / "seed"  # ../shared/seed of the checkout


def _json(analysis) -> str:
    return json.dumps(analysis.to_json(), ensure_ascii=False)  # as `analyze --json` writes it


def _project_articles() -> list[Article]:
    paths = sorted((HERE / "articles").iterdir())
    if SEED.is_dir():
        paths += sorted(SEED.iterdir())
    return [read_article(p) for p in paths if p.suffix in (".txt", ".html", ".json")]


def _generated(articles: list[Article], n: int, seed: int = 3) -> list[Article]:
    """Articles made of the project articles' sentences, shuffled between them, under
    headlines in sentence, title and lower case, some dated, some repeated word for word."""
    rng = random.Random(seed)
    sentences = [s for a in articles for s in re.split(r"(?<=[.!?])\s+", a.text or "") if s]
    titles = [a.title for a in articles if a.title]
    out: list[Article] = []
    for i in range(n):
        if out and rng.random() < 0.05:
            out.append(Article(title=out[-1].title, text=out[-1].text, published=out[-1].published))
            continue
        title = rng.choice(titles)
        shape = rng.random()
        if shape < 0.3:
            title = title.title()
        elif shape < 0.45:
            title = title.lower()
        paras = [
            " ".join(rng.sample(sentences, rng.randint(1, 4))) for _ in range(rng.randint(1, 4))
        ]
        published = date(2024, rng.randint(1, 12), rng.randint(1, 28)) if i % 3 else None
        out.append(Article(title=title, text="\n\n".join(paras), published=published))
    return out


class _CountingNlp:
    def __init__(self, nlp):
        self.nlp, self.calls = nlp, []

    def pipe(self, texts, **kwargs):
        texts = list(texts)
        self.calls.append(texts)
        return self.nlp.pipe(texts, **kwargs)


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    project = _project_articles()
    assert any(a.title and "Siem Reap" in (a.text or "") for a in project)  # the seed is in
    return project + _generated(project, 300)


def test_batch_analyses_are_those_of_one_at_a_time(articles, monkeypatch):
    one_by_one = [_json(analyze_article(a, as_of=date(2025, 1, 1))) for a in articles]
    assert sum('"events": []' not in line for line in one_by_one) > 50  # extraction ran
    counting = _CountingNlp(nlp_module.get_nlp())
    monkeypatch.setattr(nlp_module, "get_nlp", lambda: counting)
    batched = analyze_articles(articles, as_of=date(2025, 1, 1))
    assert not [r for r in batched if isinstance(r, Exception)]
    assert [_json(r) for r in batched] == one_by_one
    # one pipe over the batch; after it only the headlines given again with "does" + verb
    assert len(counting.calls[0]) > len(articles)
    assert all(len(c) == 1 and " does " in c[0] for c in counting.calls[1:])


def test_one_failing_article_does_not_stop_the_batch(articles, monkeypatch):
    import treatywatch.pipeline as pipeline

    real = pipeline._analyze
    bad = articles[0]

    def failing(article, *args):
        if article is bad:
            raise ValueError("odd article")
        return real(article, *args)

    monkeypatch.setattr(pipeline, "_analyze", failing)
    results = analyze_articles(articles[:6])
    assert isinstance(results[0], ValueError)
    assert [_json(r) for r in results[1:]] == [_json(analyze_article(a)) for a in articles[1:6]]


def test_a_batch_spacy_cannot_parse_falls_back_to_one_at_a_time(articles, monkeypatch):
    def broken(texts, batch_size=0):
        raise RuntimeError("no batch")

    monkeypatch.setattr(nlp_module, "prefetch", broken)
    results = analyze_articles(articles[:6])
    assert [_json(r) for r in results] == [_json(analyze_article(a)) for a in articles[:6]]
