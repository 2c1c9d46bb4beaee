"""Ingest benchmark: throughput against a bare Aho-Corasick scan, and memory on a big WARC.

    .venv/bin/python benchmarks/bench_ingest.py [--articles 20000] [--big-warc-mb 500]
                                                [--workdir DIR] [--skip-big] [--json OUT]

1. Generates a mixed stream of N articles (about 1% about landmines or cluster munitions,
   about 2% wire copies of another article), written as JSONL and as WARC.gz (HTML pages).
2. Times a bare Aho-Corasick scan (the prefilter's own vocabulary, pyahocorasick, lower-cased
   text) over the same bytes, in the same run.
3. Ingests each file into a fresh SQLite store through the real pipeline
   (`treatywatch.runner.ingest` -> `pipeline.analyze_article` -> store) and reports
   articles/second and the ratio to the scan (goal >= 0.5); then again with an empty
   analysis in place of the pipeline (`*_without_nlp`), to show what reading, screening and
   storing cost without the language processing of the relevant articles.
4. Writes a WARC of at least --big-warc-mb MB (pages of ~90 KB, the size of real news pages)
   and ingests it in a child process, sampling its resident memory every 0.5 s: peak and
   the curve (goal: flat, under 1 GB).

Nothing here is part of the test suite.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

STATES = ["Myanmar", "Russia", "Ukraine", "Cambodia", "Colombia", "Yemen", "Syria", "Angola",
          "Afghanistan", "Iraq", "Finland", "Poland", "Lithuania", "Sri Lanka", "Mali"]
MINE_SENTENCES = [
    "Human rights groups said the army of {a} laid anti-personnel mines near villages on the "
    "border with {b} last month.",
    "The government of {a} announced that it had destroyed its remaining stockpile of "
    "anti-personnel landmines.",
    "Officials in {a} said deminers had cleared more than {n} landmines from farmland this year.",
    "A farmer was killed by a landmine in {a} on {d}, local officials said.",
    "{a} said it would withdraw from the Mine Ban Convention, citing the threat from {b}.",
    "Campaigners accused {a} of using cluster munitions in attacks on towns in {b}.",
]
TOPICS = {
    "economy": ["The central bank of {a} raised its main interest rate by {n} basis points on "
                "{d}.", "Exports from {a} grew for the {n}th month in a row, the ministry said.",
                "Shares in the largest lender rose after it reported a profit of {n} million."],
    "sport": ["The national team of {a} won {n} to one in the qualifier played on {d}.",
              "The coach said that the players had trained hard for the match against {b}.",
              "Fans gathered in the capital of {a} to celebrate the victory late into the night."],
    "weather": ["Heavy rain flooded roads in the north of {a} and {n} people were moved to "
                "safety.", "Forecasters said the storm would reach the coast of {b} by {d}.",
                "Farmers in {a} said the drought had cut the harvest by {n} per cent."],
    "politics": ["The parliament of {a} passed the budget by {n} votes to 120 on {d}.",
                 "The president of {a} met the prime minister of {b} to discuss trade and "
                 "energy.", "Opposition leaders in {a} called for early elections this year."],
    "mining": ["The coal mine in the east of {a} will close after {n} years, the company said.",
               "Gold mining output in {b} rose sharply, and the mine owners expect more in "
               "{d}.", "Data mining tools help banks in {a} find fraud, a report said."],
}
FILL = ("It was not clear what would happen next, and officials said that more details would "
        "be given in the coming days. ")


def _sentence(rng: random.Random, template: str) -> str:
    a, b = rng.sample(STATES, 2)
    return template.format(a=a, b=b, n=rng.randint(2, 9000),
                           d=f"{rng.randint(1, 28)} {rng.choice(['March', 'June', 'October'])}")


def make_articles(n: int, seed: int = 7):
    """Yields (record, about_mines) for a mixed stream of n articles."""
    rng = random.Random(seed)
    recent: list[dict] = []
    for i in range(n):
        if recent and rng.random() < 0.02:  # a wire copy in another outlet
            src = rng.choice(recent)
            rec = dict(src, outlet=f"Outlet {rng.randint(1, 400)}",
                       url=f"https://outlet{i}.example.com/news/{i}",
                       text=src["text"] + " " + _sentence(rng, rng.choice(TOPICS["economy"])))
            yield rec, src["_mines"]
            continue
        about_mines = rng.random() < 0.01
        topic = rng.choice(list(TOPICS))
        sentences = [_sentence(rng, rng.choice(TOPICS[topic])) for _ in range(rng.randint(8, 16))]
        if about_mines:
            for _ in range(rng.randint(1, 3)):
                sentences.insert(rng.randint(0, 3), _sentence(rng, rng.choice(MINE_SENTENCES)))
        text = " ".join(s + (" " + FILL if rng.random() < 0.3 else "") for s in sentences)
        title = sentences[0][:80]
        rec = {"title": title, "text": text,
               "published": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
               "url": f"https://news{i % 50}.example.org/{topic}/{i}",
               "outlet": f"Outlet {rng.randint(1, 400)}", "_mines": about_mines}
        recent = (recent + [rec])[-50:]
        yield rec, about_mines


def page(rec: dict, pad: int = 0) -> bytes:
    paras = "".join(f"<p>{p.strip()}.</p>" for p in rec["text"].split(". ") if p.strip())
    boiler = ""
    if pad:
        chunk = ("<li><a href='/section/{0}'>Section {0} headlines and more</a></li>"
                 "<!-- tracking {0} --><script>var t{0}=1;</script>")
        need, parts, k = pad, [], 0
        while need > 0:
            piece = chunk.format(k)
            parts.append(piece)
            need -= len(piece)
            k += 1
        boiler = "<nav><ul>" + "".join(parts) + "</ul></nav>"
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{rec['title']}</title>"
            f"<meta property='og:site_name' content='{rec['outlet']}'>"
            f"<meta property='article:published_time' content='{rec['published']}'></head>"
            f"<body>{boiler}<article><h1>{rec['title']}</h1>{paras}</article>"
            f"<footer>(c) {rec['outlet']}</footer></body></html>").encode()


def write_inputs(workdir: Path, n: int) -> tuple[Path, Path, int]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    jsonl, warc = workdir / "stream.jsonl", workdir / "stream.warc.gz"
    mines = 0
    with jsonl.open("w", encoding="utf-8") as jf, warc.open("wb") as wf:
        writer = WARCWriter(wf, gzip=True)
        for rec, about in make_articles(n):
            mines += about
            clean = {k: v for k, v in rec.items() if not k.startswith("_")}
            jf.write(json.dumps(clean) + "\n")
            _write_response(writer, clean["url"], page(clean), StatusAndHeaders)
    return jsonl, warc, mines


def _write_response(writer, url, body, status_and_headers) -> None:
    headers = status_and_headers("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                 protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                  http_headers=headers))


def write_big_warc(path: Path, megabytes: int) -> tuple[int, int]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    target = megabytes * 1024 * 1024
    pages = 0
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        for rec, _ in make_articles(10**9, seed=11):
            clean = {k: v for k, v in rec.items() if not k.startswith("_")}
            _write_response(writer, clean["url"], page(clean, pad=88_000), StatusAndHeaders)
            pages += 1
            if fh.tell() >= target:
                break
    return pages, path.stat().st_size


def bare_scan(path: Path, with_cpu: bool = False) -> tuple:
    """Seconds for one lower-casing + Aho-Corasick pass over the file's (decompressed) bytes,
    with the prefilter's vocabulary; and the number of hits (and, `with_cpu`, the CPU seconds
    of the pass: what a busy machine does not inflate)."""
    import ahocorasick

    from treatywatch.extract.lexicon import load_lexicon

    automaton = ahocorasick.Automaton()
    for form in load_lexicon().terms:
        automaton.add_word(form, form)
    automaton.make_automaton()
    opener = gzip.open if path.name.endswith(".gz") else open
    started, cpu = time.perf_counter(), time.process_time()
    hits = 0
    with opener(path, "rb") as fh:
        while True:
            block = fh.read(8 * 1024 * 1024)
            if not block:
                break
            text = block.decode("utf-8", errors="replace").lower()
            for _ in automaton.iter(text):
                hits += 1
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return (seconds, hits, cpu) if with_cpu else (seconds, hits)


def ingest_file(path: Path, workdir: Path, label: str, nlp: bool = True, workers: int = 1
                ) -> dict:
    """Ingest into a fresh SQLite store. `nlp=False` replaces the analysis by an empty one
    (everything else the same), to show what the reading, screening and storing cost alone."""
    from treatywatch.model import Analysis
    from treatywatch.runner import ingest
    from treatywatch.store import open_database, resolve_url, upgrade

    db_path = workdir / f"{label}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    upgrade(resolve_url(str(db_path)))
    with open_database(str(db_path)) as database:
        started, cpu = time.perf_counter(), time.process_time()
        progress = ingest(database, [str(path)], analyze=None if nlp else Analysis,
                          workers=workers if nlp else 1)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": round(seconds, 2), "cpu_s": round(cpu, 2), "seen": progress.seen,
            "stored": progress.stored,
            "relevant": progress.relevant, "events": progress.events,
            "findings": progress.findings, "failures": progress.failures,
            "articles_per_s": round(progress.seen / seconds, 1)}


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


CHILD = """
import sys, resource, time
sys.path.insert(0, sys.argv[3])
from treatywatch.runner import ingest
from treatywatch.store import open_database, resolve_url, upgrade
upgrade(resolve_url(sys.argv[2]))
with open_database(sys.argv[2]) as db:
    t = time.perf_counter()
    p = ingest(db, [sys.argv[1]], keep_all=sys.argv[4] == "1")
    print(p.seen, p.stored, p.relevant, p.failures, time.perf_counter() - t,
          resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def big_warc_memory(path: Path, workdir: Path, keep_all: bool = False) -> dict:
    db_path = workdir / "big.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(db_path),
                              str(ROOT / "src"), "1" if keep_all else "0"],
                             stdout=subprocess.PIPE, text=True)
    samples: list[tuple[float, float]] = []
    started = time.perf_counter()

    def sample():
        while child.poll() is None:
            samples.append((time.perf_counter() - started, _rss_mb(child.pid)))
            time.sleep(0.5)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    out, _ = child.communicate()
    thread.join()
    seen, stored, relevant, failures, seconds, maxrss = out.split()
    rss = [r for _, r in samples if r > 0]
    quarter = max(1, len(rss) // 4)
    return {"pages": int(seen), "stored": int(stored), "relevant": int(relevant),
            "failures": int(failures), "seconds": round(float(seconds), 1),
            "pages_per_s": round(int(seen) / float(seconds), 1),
            "peak_rss_mb": round(float(maxrss), 1),
            "rss_mb_by_quarter": [round(max(rss[i:i + quarter]), 1)
                                  for i in range(0, len(rss), quarter)][:4] if rss else []}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--big-warc-mb", type=int, default=500)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--skip-big", action="store_true")
    parser.add_argument("--workers", type=int, default=1,
                        help="Also time ingest with this many analysis processes.")
    parser.add_argument("--big-only", action="store_true", help="Only the big-WARC memory run.")
    parser.add_argument("--big-keep-all", action="store_true",
                        help="Big WARC with --keep-all: every page through trafilatura.")
    parser.add_argument("--json", type=Path, default=None, help="Also write the figures here.")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="tw-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results: dict = {"articles": args.articles, "workdir": str(workdir)}

    if args.big_only:
        args.articles = 0
    t = time.perf_counter()
    jsonl, warc, mines = write_inputs(workdir, args.articles)
    results["generated"] = {"seconds": round(time.perf_counter() - t, 1), "about_mines": mines,
                            "jsonl_mb": round(jsonl.stat().st_size / 2**20, 1),
                            "warc_gz_mb": round(warc.stat().st_size / 2**20, 1)}
    print(json.dumps(results["generated"]), flush=True)

    from treatywatch.ingest.files import article_from_record
    from treatywatch.pipeline import analyze_article

    t = time.perf_counter()  # load the models once, outside the timings
    analyze_article(article_from_record({"title": "warm-up", "text": MINE_SENTENCES[0].format(
        a="Myanmar", b="Thailand", n=1, d="1 March") + " " + FILL * 3}))
    results["model_load_s"] = round(time.perf_counter() - t, 1)

    for label, path in (() if args.big_only else (("jsonl", jsonl), ("warc_gz", warc))):
        scan_s, hits = bare_scan(path)
        scan_rate = args.articles / scan_s
        variants = [("", True, 1), ("_without_nlp", False, 1)]
        if args.workers > 1:
            variants.insert(1, (f"_{args.workers}_workers", True, args.workers))
        for suffix, nlp, workers in variants:
            run = ingest_file(path, workdir, label + suffix, nlp=nlp, workers=workers)
            run.update(scan_seconds=round(scan_s, 3), scan_hits=hits,
                       scan_articles_per_s=round(scan_rate, 1),
                       ratio_to_scan=round(run["articles_per_s"] / scan_rate, 4))
            results[label + suffix] = run
            print(label + suffix, json.dumps(run), flush=True)

    if not args.skip_big:
        big = workdir / "big.warc"
        t = time.perf_counter()
        pages, size = write_big_warc(big, args.big_warc_mb)
        print(f"big WARC: {pages} pages, {size / 2**20:.0f} MB "
              f"({time.perf_counter() - t:.0f} s to write)", flush=True)
        mem = big_warc_memory(big, workdir, keep_all=args.big_keep_all)
        mem["keep_all"] = args.big_keep_all
        mem["warc_mb"] = round(size / 2**20, 1)
        results["big_warc"] = mem
        print("big_warc", json.dumps(mem), flush=True)
        big.unlink()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
