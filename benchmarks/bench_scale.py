"""Dask engine benchmark: (c) 2 workers against 1 on the same machine, with identical results;
(d) the resident memory of a worker reading a big WARC.

    .venv/bin/python benchmarks/bench_scale.py [--articles 8000] [--shards 8]
                                               [--big-warc-mb 1024] [--skip-big] [--json OUT]

(c) Writes a mixed stream of N articles (bench_ingest's generator: about 1% about mines, about
    2% wire copies) as --shards WARC.gz shards. Ingests it into fresh SQLite stores: once with
    the single-process engine (`runner.ingest`), then with `ingest_dask` on a local cluster of
    1 worker and of 2 workers (processes, one thread each). Each cluster is started and its
    workers' models loaded before the clock starts (`client.run` of a warm-up analysis), so the
    time is the reading, screening, analysis and storing of the stream, the client (the one
    SQLite writer) included. Prints seconds, articles/s, the ratio 2 workers / 1 worker, and
    whether the three stores are identical (the canonical dump of tests/scalekit.py:
    articles, events, findings, stories, failures; ids, runs and times left out).
(d) Writes a WARC of at least --big-warc-mb MB (pages of ~90 KB) and ingests it as one shard
    on a local cluster of 1 worker process, sampling the worker's resident memory
    (/proc/PID/status VmRSS) every 0.5 s: peak, and the peak of each quarter of the run (flat
    means no growth with the size of the shard).

The wall-clock ratio of (c) needs idle cores: on a machine whose cores are busy with other
work, two workers get no more CPU than one. So (c) also prints a measure that does not depend
on idle cores: the CPU seconds each worker process spent on the run (`time.process_time` in
the worker, before and after, by `client.run`) and the client's (scheduler and the SQLite
writer), for 1 and for 2 workers. From them: `cpu_overhead` = the two workers' CPU seconds
together / the one worker's (1.0: splitting the work costs nothing extra), `balance` = the
busier worker's share / half (1.0: evenly split), and the implied speedup on 2 idle cores =
the one worker's CPU seconds / the busier worker's (with the parallel efficiency = that / 2),
the client's CPU seconds printed beside it (it runs beside the workers and needs a share of a
core of its own). The machine's core count and load average are printed with the figures.
Nothing here is part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_ingest  # noqa: E402  (the stream generator and the big WARC writer)


def write_shards(workdir: Path, n: int, shards: int) -> tuple[list[str], int]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder = workdir / "shards"
    folder.mkdir(parents=True, exist_ok=True)
    files = [(folder / f"part-{k:03d}.warc.gz").open("wb") for k in range(shards)]
    writers = [WARCWriter(fh, gzip=True) for fh in files]
    mines = 0
    per = -(-n // shards)
    for i, (rec, about) in enumerate(bench_ingest.make_articles(n)):
        mines += about
        clean = {k: v for k, v in rec.items() if not k.startswith("_")}
        bench_ingest._write_response(writers[i // per], clean["url"], bench_ingest.page(clean),
                                     StatusAndHeaders)
    for fh in files:
        fh.close()
    return [str(folder)], mines


def fresh_store(path: Path) -> str:
    from treatywatch.store import resolve_url, upgrade

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    url = resolve_url(str(path))
    upgrade(url)
    return url


def _warm() -> int:
    from treatywatch.runner import PipelineAnalyzer, _warm

    _warm(PipelineAnalyzer())
    return os.getpid()


def local_client(workers: int):
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None, host="127.0.0.1", silence_logs=40)
    client = Client(cluster)
    pids = client.run(_warm)  # the models loaded before the clock starts
    return cluster, client, sorted(pids.values())


def _cpu() -> float:
    """CPU seconds of this process so far (all its threads)."""
    return time.process_time()


def run_single(sources: list[str], url: str) -> dict:
    from treatywatch.runner import ingest
    from treatywatch.store import open_database

    _warm()
    with open_database(url) as db:
        started, cpu = time.perf_counter(), _cpu()
        p = ingest(db, sources)
        seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    return {"seconds": round(seconds, 2), "cpu_s": round(cpu, 2), "seen": p.seen,
            "relevant": p.relevant, "events": p.events, "findings": p.findings,
            "articles_per_s": round(p.seen / seconds)}


def run_dask(sources: list[str], url: str, workers: int) -> dict:
    from treatywatch.scale import ingest_dask
    from treatywatch.store import open_database

    cluster, client, _ = local_client(workers)
    try:
        with open_database(url) as db:
            before = client.run(_cpu)
            started, own = time.perf_counter(), _cpu()
            p = ingest_dask(db, sources, client=client)
            seconds, own = time.perf_counter() - started, _cpu() - own
            after = client.run(_cpu)
    finally:
        client.close()
        cluster.close()
    worker_cpu = sorted((after[w] - before[w] for w in after), reverse=True)
    return {"workers": workers, "seconds": round(seconds, 2), "seen": p.seen,
            "relevant": p.relevant, "events": p.events, "findings": p.findings,
            "shards": p.shards_done, "articles_per_s": round(p.seen / seconds),
            "worker_cpu_s": [round(c, 2) for c in worker_cpu], "client_cpu_s": round(own, 2)}


def cpu_measure(one: dict, two: dict) -> dict:
    """(c) without idle cores: what the CPU seconds of the runs imply (see the docstring)."""
    w1 = sum(one["worker_cpu_s"])
    w2 = two["worker_cpu_s"]
    implied = w1 / max(w2) if max(w2) > 0 else 0.0
    return {"one_worker_cpu_s": round(w1, 2), "two_workers_cpu_s": w2,
            "cpu_overhead": round(sum(w2) / w1, 3) if w1 else None,
            "balance": round(max(w2) / (sum(w2) / len(w2)), 3) if sum(w2) else None,
            "implied_speedup_on_idle_cores": round(implied, 2),
            "implied_parallel_efficiency": round(implied / len(w2), 3),
            "client_cpu_s": {"one_worker": one["client_cpu_s"],
                             "two_workers": two["client_cpu_s"]}}


def speedup(workdir: Path, n: int, shards: int) -> dict:
    from tests.scalekit import dump

    t = time.perf_counter()
    sources, mines = write_shards(workdir, n, shards)
    out: dict = {"articles": n, "about_mines": mines, "shards": shards,
                 "generated_s": round(time.perf_counter() - t, 1), "cores": os.cpu_count(),
                 "load_average_1m_before": round(os.getloadavg()[0], 2)}
    stores = {}
    stores["single"] = fresh_store(workdir / "single.db")
    out["single_process"] = run_single(sources, stores["single"])
    print("single_process", json.dumps(out["single_process"]), flush=True)
    for workers in (1, 2):
        stores[workers] = fresh_store(workdir / f"dask{workers}.db")
        out[f"dask_{workers}"] = run_dask(sources, stores[workers], workers)
        print(f"dask_{workers}", json.dumps(out[f"dask_{workers}"]), flush=True)
    out["ratio_2_to_1"] = round(out["dask_1"]["seconds"] / out["dask_2"]["seconds"], 2)
    out["cpu"] = cpu_measure(out["dask_1"], out["dask_2"])
    out["note"] = ("ratio_2_to_1 is wall-clock and needs idle cores; cpu.* does not (see "
                   "the docstring)")
    out["load_average_1m_after"] = round(os.getloadavg()[0], 2)
    reference = dump(stores["single"])
    out["identical_results"] = all(dump(stores[w]) == reference for w in (1, 2))
    return out


def worker_memory(workdir: Path, megabytes: int) -> dict:
    from treatywatch.scale import ingest_dask
    from treatywatch.store import open_database

    big = workdir / "big.warc"
    t = time.perf_counter()
    pages, size = bench_ingest.write_big_warc(big, megabytes)
    written = time.perf_counter() - t
    url = fresh_store(workdir / "big.db")
    cluster, client, (pid,) = local_client(1)
    samples: list[float] = []
    done = threading.Event()

    def sample():
        while not done.is_set():
            samples.append(bench_ingest._rss_mb(pid))
            time.sleep(0.5)

    before = bench_ingest._rss_mb(pid)
    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        with open_database(url) as db:
            started = time.perf_counter()
            p = ingest_dask(db, [str(big)], client=client)
            seconds = time.perf_counter() - started
    finally:
        done.set()
        thread.join()
        client.close()
        cluster.close()
        big.unlink()
    rss = [r for r in samples if r > 0]
    quarter = max(1, len(rss) // 4)
    return {"warc_mb": round(size / 2**20, 1), "pages": pages, "written_s": round(written, 1),
            "seen": p.seen, "relevant": p.relevant, "failures": p.failures,
            "seconds": round(seconds, 1), "pages_per_s": round(p.seen / seconds, 1),
            "worker_rss_mb_before": round(before, 1),
            "worker_peak_rss_mb": round(max(rss, default=0.0), 1),
            "worker_rss_mb_by_quarter": [round(max(rss[i:i + quarter]), 1)
                                         for i in range(0, len(rss), quarter)][:4]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=8000)
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--big-warc-mb", type=int, default=1024)
    parser.add_argument("--skip-big", action="store_true")
    parser.add_argument("--big-only", action="store_true")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None, help="Also write the figures here.")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="tw-bench-scale-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results: dict = {"workdir": str(workdir)}
    if not args.big_only:
        results["c_two_workers_vs_one"] = speedup(workdir, args.articles, args.shards)
        print("(c)", json.dumps(results["c_two_workers_vs_one"]), flush=True)
    if not args.skip_big:
        results["d_worker_memory"] = worker_memory(workdir, args.big_warc_mb)
        print("(d)", json.dumps(results["d_worker_memory"]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
