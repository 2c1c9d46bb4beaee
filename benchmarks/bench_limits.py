"""How close ingest comes to its limits: (a) the screening path against a bare scan, (b) the
whole stream against a "limit pipeline". The (a) and (b) of issue 14; bench_scale.py has (c)
and (d).

    .venv/bin/python benchmarks/bench_limits.py [--articles 20000] [--workdir DIR] [--json OUT]

(a) A stream of only irrelevant articles (bench_ingest's generator with the mine articles
    left out: economy, sport, weather, politics and coal/gold/data-mining news), as JSONL and
    as WARC.gz. Times reading it through ingest's own screening path
    (`runner.read_batches` with the prefilter: decompression, record parsing, the prefilter on
    the raw record, no analysis, no store) against a bare Aho-Corasick scan of the same
    (decompressed) bytes with the prefilter's vocabulary (`bench_ingest.bare_scan`). Goal:
    screening rate >= 0.7 x the scan's.
(b) The mixed stream (about 1% about mines): the whole ingest into a fresh SQLite store
    (`runner.ingest`, the model loaded beforehand) against a limit pipeline that scans every
    byte once (the bare scan) and runs spaCy's small pipeline (`extract.nlp.get_nlp().pipe`)
    over exactly the sentences the prefilter keeps (`extract.select_sentences`) of the
    articles it finds relevant, and nothing else. Goal: ingest rate >= 0.7 x the limit's.

Each is timed in wall-clock seconds and in CPU seconds of this process (`time.process_time`):
on a machine busy with other work the wall-clock ratios move from run to run; the CPU ratios
(`cpu_ratio_*`) much less.

Nothing here is part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_ingest  # noqa: E402  (the stream generator, the writers, the bare scan)


def write_irrelevant(workdir: Path, n: int) -> tuple[Path, Path, int]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    jsonl, warc = workdir / "irrelevant.jsonl", workdir / "irrelevant.warc.gz"
    count = 0
    with jsonl.open("w", encoding="utf-8") as jf, warc.open("wb") as wf:
        writer = WARCWriter(wf, gzip=True)
        for rec, about in bench_ingest.make_articles(n, seed=5):
            if about:
                continue
            clean = {k: v for k, v in rec.items() if not k.startswith("_")}
            jf.write(json.dumps(clean) + "\n")
            bench_ingest._write_response(writer, clean["url"], bench_ingest.page(clean),
                                         StatusAndHeaders)
            count += 1
    return jsonl, warc, count


def screening(path: Path) -> tuple[float, int, int, float]:
    """Seconds to read `path` through ingest's screening path; inputs seen, screened out; CPU
    seconds."""
    from treatywatch.runner import prefilter_screen, read_batches

    started, cpu = time.perf_counter(), time.process_time()
    seen = dropped = 0
    for batch in read_batches([str(path)], None, prefilter_screen(), 200):
        seen += len(batch)
        dropped += sum(item.skipped for item in batch)
    return time.perf_counter() - started, seen, dropped, time.process_time() - cpu


def limit_nlp_seconds(path: Path) -> tuple[float, int, int, float]:
    """Seconds of spaCy over exactly the sentences the prefilter keeps, of the relevant
    articles of `path` (read beforehand, untimed); articles and sentences parsed; CPU
    seconds."""
    from treatywatch.extract import scan_article, select_sentences
    from treatywatch.extract.nlp import get_nlp
    from treatywatch.ingest.sources import iter_items

    texts: list[str] = []
    articles = 0
    for item in iter_items([str(path)]):
        if item.article is None:
            continue
        body, head = scan_article(item.article)
        if not (body.relevant or head.relevant):
            continue
        articles += 1
        spans, chosen = select_sentences(item.article.text, body)
        texts += [item.article.title] + [item.article.text[spans[i][0]:spans[i][1]]
                                         for i in chosen]
    nlp = get_nlp()
    started, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - started, articles, len(texts), time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="tw-bench-limits-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results: dict = {"articles": args.articles}

    from treatywatch.runner import PipelineAnalyzer, _warm

    _warm(PipelineAnalyzer())  # the model loaded outside every timing
    ijsonl, iwarc, n_irrelevant = write_irrelevant(workdir, args.articles)
    for label, path in (("jsonl", ijsonl), ("warc_gz", iwarc)):
        scan_s, _, scan_cpu = bench_ingest.bare_scan(path, with_cpu=True)
        screen_s, seen, dropped, screen_cpu = screening(path)
        results[f"a_{label}"] = {
            "articles": n_irrelevant, "seen": seen, "screened_out": dropped,
            "scan_s": round(scan_s, 3), "screening_s": round(screen_s, 3),
            "ratio_screening_to_scan": round(scan_s / screen_s, 3),
            "scan_cpu_s": round(scan_cpu, 3), "screening_cpu_s": round(screen_cpu, 3),
            "cpu_ratio_screening_to_scan": round(scan_cpu / screen_cpu, 3)}
        print(f"(a) {label}", json.dumps(results[f"a_{label}"]), flush=True)

    jsonl, warc, mines = bench_ingest.write_inputs(workdir, args.articles)
    for label, path in (("jsonl", jsonl), ("warc_gz", warc)):
        scan_s, _, scan_cpu = bench_ingest.bare_scan(path, with_cpu=True)
        nlp_s, relevant, sentences, nlp_cpu = limit_nlp_seconds(path)
        run = bench_ingest.ingest_file(path, workdir, f"limits_{label}")
        limit_s, limit_cpu = scan_s + nlp_s, scan_cpu + nlp_cpu
        results[f"b_{label}"] = {
            "articles": args.articles, "about_mines": mines, "ingest_s": run["seconds"],
            "limit_s": round(limit_s, 3), "limit_scan_s": round(scan_s, 3),
            "limit_spacy_s": round(nlp_s, 3), "limit_relevant": relevant,
            "limit_sentences": sentences, "ingest_relevant": run["relevant"],
            "ratio_ingest_to_limit": round(limit_s / run["seconds"], 3),
            "ingest_cpu_s": run["cpu_s"], "limit_cpu_s": round(limit_cpu, 3),
            "cpu_ratio_ingest_to_limit": round(limit_cpu / run["cpu_s"], 3)}
        print(f"(b) {label}", json.dumps(results[f"b_{label}"]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
