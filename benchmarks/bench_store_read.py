"""How fast the web app reads a big store: a generated store of about a million articles, then
sequential requests to every page and API call, p50/p95/max per route.

    nice -n 10 .venv/bin/python benchmarks/bench_store_read.py [--db PATH|URL] [--articles N]
        [--requests 30] [--reuse] [--build-only] [--json FILE]

The store is built FAST, by bulk inserts straight into the store's tables (not the pipeline):
`--articles` articles (default 1,000,000), 9% as many events and 10% as many findings, about 6%
of the articles relevant (with text; 1% of those long, ~20,000 characters), states weighted
like real news (UKR, RUS, MMR, ...), dates over 20 years, stories of 2-5 copies. On SQLite the
build runs with the journal off and synchronous off (a benchmark file only); on PostgreSQL it
uses COPY (use the tw_latency database). With `--reuse` a store already built with the same
`--articles` (its articles count) is measured as it is.

Requests go through the real app in process (FastAPI's TestClient: routing, validation,
templates, the store), one at a time, after one warm-up request per route: wall-clock p50,
p95 and max, and the median CPU time this process spent on a request (`cpu ms`, from
time.process_time(): on a loaded machine the figure that waits least on other processes; on
PostgreSQL the server's own CPU is not in it). A download is a streamed file: its requests are
sent to the app as ASGI calls (not through TestClient, which waits for the whole body), and
`first ms` is the median time to its first bytes. Printed with the store's size, the backend, the
code's schema revision and the machine's load (os.getloadavg()) before and after. Not part of
the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

# States weighted like the news about mines and cluster munitions (a share of the findings).
STATE_WEIGHTS = {
    "UKR": 22, "RUS": 12, "MMR": 8, "AFG": 5, "SYR": 5, "YEM": 4, "COL": 4, "KHM": 3, "IRQ": 3,
    "THA": 3, "LBY": 2, "BIH": 2, "AZE": 2, "ARM": 2, "LAO": 2, "VNM": 2, "SDN": 2, "SSD": 1,
    "MLI": 1, "NGA": 1, "SOM": 1, "PAK": 1, "IND": 1, "ISR": 1, "LBN": 1, "USA": 1, "CHN": 1,
    "POL": 1, "LTU": 1, "LVA": 1, "EST": 1, "FIN": 1, "KOR": 1, "PRK": 1, "IRN": 1, "TUR": 1,
    "ETH": 1, "ERI": 1, "ZWE": 1, "AGO": 1, "MOZ": 1, "SRB": 1, "HRV": 1, "GEO": 1, "TJK": 1,
}
KINDS = {"non_party_act": 30, "prohibited_act": 20, "progress": 25, "non_state_use": 15,
         "deadline_missed": 8, "withdrawal": 2}
ACTS = {"use": 30, "casualty": 20, "clear": 15, "transfer": 6, "stockpile": 5, "produce": 4,
        "destroy_stockpile": 5, "acquire": 3, "ratify": 2, "accede": 1, "sign": 1,
        "withdraw": 2, "assist": 4, "develop": 1, "retain": 1}
MODALITIES = {"occurred": 55, "alleged": 20, "announced": 10, "denied": 5, "ongoing": 5,
              "negated": 3, "hypothetical": 2}
WEAPONS = {"ap_mine": 40, "mine": 20, "cluster_munition": 25, "av_mine": 5, "erw": 5,
           "improvised_mine": 4, "naval_mine": 1}
COMMON = ["mines", "landmine", "cluster", "munitions", "army", "forces", "demining", "war",
          "border", "attack", "civilians", "treaty", "ottawa", "convention", "field"]
RARE_WORD = "quillwort"  # in a handful of articles only
FIRST_DAY = date(2006, 1, 1)
DAYS = 20 * 365
SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"


def _weighted(rng: random.Random, table: dict[str, int], k: int) -> list[str]:
    return rng.choices(list(table), weights=list(table.values()), k=k)


class Words:
    """A Zipf-like vocabulary of made-up words with the common news words at its head."""

    def __init__(self, rng: random.Random, head: list[str], size: int = 6000) -> None:
        letters = "bcdfghklmnprstvz"
        vowels = "aeiou"
        made = {"".join(rng.choice(letters) + rng.choice(vowels) for _ in range(rng.randint(2, 4)))
                for _ in range(size)}
        self.words = head + sorted(made - set(COMMON))
        self.cum = []
        total = 0.0
        for rank in range(1, len(self.words) + 1):
            total += 1.0 / rank
            self.cum.append(total)
        self.rng = rng

    def take(self, n: int) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self.cum, k=n))


def _day(rng: random.Random) -> date:
    # More news in recent years: the square root skews days towards the end of the range.
    return FIRST_DAY + timedelta(days=int(DAYS * rng.random() ** 0.6))


def generate(n_articles: int, seed: int = 14):
    """Rows for articles, events, findings, stories and story members, as plain values."""
    rng = random.Random(seed)
    words = Words(rng, COMMON)  # the news about mines
    general = Words(random.Random(seed + 1), [])  # every other article
    states = _weighted(rng, STATE_WEIGHTS, n_articles // 10 + 10)
    n_events, n_findings = int(n_articles * 0.09), int(n_articles * 0.10)
    relevant = sorted(rng.sample(range(1, n_articles + 1), max(1, int(n_articles * 0.06))))
    relevant_set = set(relevant)
    rare = set(rng.sample(relevant, min(5, len(relevant))))
    now = datetime(2026, 12, 1, tzinfo=UTC)
    published = {}
    articles = []
    for aid in range(1, n_articles + 1):
        day = _day(rng)
        published[aid] = day
        title = general.take(rng.randint(5, 10)).capitalize()
        text = None
        if aid in relevant_set:
            title = words.take(rng.randint(5, 10)).capitalize()
            size = 3000 if rng.random() < 0.01 else rng.randint(60, 200)
            text = words.take(size) + (f" {RARE_WORD}" if aid in rare else "")
        articles.append((aid, f"{aid:064x}", f"https://news{aid % 500}.example/{aid}", title,
                         f"outlet {aid % 500}", "en", day, text, None, aid in relevant_set,
                         0, 0, None, now - timedelta(days=rng.randint(0, 900)), None))
    events = []
    event_article = []
    for eid in range(1, n_events + 1):
        aid = relevant[(eid * 7919) % len(relevant)]
        act = _weighted(rng, ACTS, 1)[0]
        actor = states[eid % len(states)]
        location = states[(eid * 31) % len(states)] if rng.random() < 0.5 else None
        counterpart = states[(eid * 17) % len(states)] if act == "transfer" else None
        day = published[aid] - timedelta(days=rng.randint(0, 30)) if rng.random() < 0.8 else None
        casualty = act == "casualty"
        evidence = json.dumps([{"text": words.take(12), "start": 0, "end": 60}])
        events.append((eid, aid, eid, act, _weighted(rng, MODALITIES, 1)[0],
                       _weighted(rng, WEAPONS, 1)[0], None, actor, None, counterpart, location,
                       day, None, round(rng.random(), 2), rng.random() < 0.1, evidence, "[]",
                       "day" if day else None, rng.randint(0, 5) if casualty else None,
                       rng.randint(0, 8) if casualty else None, None, None, None, None, None,
                       day or published[aid]))
        event_article.append((eid, aid, actor, day))
    findings = []
    for fid in range(1, n_findings + 1):
        eid, aid, actor, day = event_article[(fid * 104729) % len(event_article)]
        on = day or published[aid]
        verdict = "confirmed" if rng.random() < 0.03 else None
        findings.append((fid, aid, eid, "apmbc" if rng.random() < 0.7 else "ccm", actor,
                         _weighted(rng, KINDS, 1)[0], _weighted(rng, MODALITIES, 1)[0],
                         rng.choice(["1", "1(a)", "4", "5", None]), words.take(20),
                         json.dumps([{"text": words.take(15), "start": 0, "end": 80}]),
                         "apmbc.prohibited_act.v2", "v2", day, "event date" if day else "published",
                         on, "needs_review" if rng.random() < 0.15 else "asserted",
                         round(rng.random(), 2), "[]",
                         datetime.combine(on, datetime.min.time(), UTC) + timedelta(days=1),
                         None, verdict, now if verdict else None, None, None))
    stories, members = [], []
    i, sid = 0, 0
    while i < len(relevant) - 5:
        size = rng.randint(2, 5) if rng.random() < 0.4 else 1
        if size > 1:
            sid += 1
            stories.append((sid, articles[relevant[i] - 1][3], relevant[i], now))
            members.extend((relevant[i + j], sid, 0.9) for j in range(size))
        i += size
    return {"articles": articles, "events": events, "findings": findings, "stories": stories,
            "story_members": members}


COLUMNS = {
    "articles": ("id content_hash url title outlet language published text source relevant "
                 "n_events n_findings run_id ingested_at decoding"),
    "events": ("id article_id idx act modality weapon treaty actor actor_name counterpart "
               "location event_date speaker confidence background evidence rules "
               "when_precision killed injured civilians children device review_verdict as_found "
               "day"),
    "findings": ("id article_id event_id treaty state kind modality treaty_article explanation "
                 "evidence rule rule_version judged_on date_basis on_date status confidence "
                 "review_reasons created_at run_id review_verdict reviewed_at as_found "
                 "retired_at"),
    "stories": "id title first_article_id created_at",
    "story_members": "article_id story_id similarity",
}


def _sqlite_value(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).strftime(SQLITE_TIME)
    if isinstance(value, date):
        return value.isoformat()
    return value


def load_sqlite(path: str, rows: dict) -> None:
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-200000")
    conn.execute("BEGIN")
    for table, cols in COLUMNS.items():
        names = cols.split()
        sql = (f"INSERT INTO {table} ({', '.join(names)}) "
               f"VALUES ({', '.join('?' * len(names))})")
        conn.executemany(sql, ([_sqlite_value(v) for v in row] for row in rows[table]))
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()


def load_postgres(url: str, rows: dict) -> None:
    import psycopg

    plain = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain) as conn, conn.cursor() as cur:
        for table, cols in COLUMNS.items():
            with cur.copy(f"COPY {table} ({', '.join(cols.split())}) FROM STDIN") as copy:
                for row in rows[table]:
                    copy.write_row(row)
            if table != "story_members":
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            f"(SELECT max(id) FROM {table}))")
        conn.commit()
        conn.autocommit = True
        cur.execute("VACUUM ANALYZE")


def _articles_in(url: str) -> int | None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
    except Exception:
        return None
    finally:
        engine.dispose()


def build(url: str, n_articles: int) -> float:
    """Set the store up at this code's head revision and fill it; returns seconds taken."""
    from treatywatch.store import upgrade

    started = time.perf_counter()
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        for suffix in ("", "-wal", "-shm"):
            Path(path + suffix).unlink(missing_ok=True)
    else:
        from tests.storekit import reset_postgres

        reset_postgres(url)
    upgrade(url)
    rows = generate(n_articles)
    generated = time.perf_counter()
    print(f"generated in {generated - started:.0f} s", flush=True)
    (load_sqlite(url.removeprefix("sqlite:///"), rows) if url.startswith("sqlite")
     else load_postgres(url, rows))
    return time.perf_counter() - started


def routes(article_id: int) -> list[tuple[str, str]]:
    """(name, path) of every page and API call measured."""
    return [
        ("home", "/"), ("map", "/api/v1/map"), ("status", "/api/v1/status/UKR"),
        ("findings", "/api/v1/findings"), ("findings page 50", "/api/v1/findings?page=50"),
        ("findings state=UKR", "/api/v1/findings?state=UKR"),
        ("findings treaty=ccm", "/api/v1/findings?treaty=ccm"),
        ("findings kind", "/api/v1/findings?kind=prohibited_act"),
        ("findings dates", "/api/v1/findings?since=2015-01-01&until=2016-12-31"),
        ("findings UKR+ccm+kind", "/api/v1/findings?state=UKR&treaty=ccm&kind=prohibited_act"),
        ("findings page", "/findings?state=UKR"),
        ("api state UKR", "/api/v1/states/UKR"), ("state page UKR", "/states/UKR"),
        ("events", "/api/v1/events"), ("events state=UKR", "/api/v1/events?state=UKR"),
        ("events act=use", "/api/v1/events?act=use"),
        ("events treaty=ccm", "/api/v1/events?treaty=ccm"),
        ("events dates", "/api/v1/events?since=2015-01-01&until=2016-12-31"),
        ("events page", "/events?state=RUS"),
        ("search common", "/api/v1/search?q=mines"),
        ("search rare", f"/api/v1/search?q={RARE_WORD}"),
        ("search page", "/search?q=landmine"),
        ("article api", f"/api/v1/articles/{article_id}"),
        ("article page", f"/articles/{article_id}"),
        ("feed findings", "/feeds/findings.atom"), ("feed state UKR", "/feeds/state/UKR.atom"),
        ("feed treaty apmbc", "/feeds/treaty/apmbc.atom"),
        ("deadlines", "/api/v1/deadlines"), ("incidents", "/api/v1/incidents"),
        ("incidents page", "/incidents"),
        ("download findings.csv", "/findings.csv?state=UKR"),
        ("review queue", "/api/v1/queue"),
    ]


def _relevant_article(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(
                "SELECT article_id FROM findings ORDER BY article_id LIMIT 1 OFFSET 100"
            )).scalar_one()
    finally:
        engine.dispose()


def _streamed(app, path: str) -> tuple[float, float]:
    """(ms to the first bytes of the body, ms to its end) of one GET through the ASGI app."""
    import anyio

    route, _, query = path.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.4"},
             "http_version": "1.1", "method": "GET", "scheme": "http", "path": route,
             "raw_path": route.encode(), "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"testserver")], "server": ("testserver", 80),
             "client": ("127.0.0.1", 50000)}
    marks: dict[str, float] = {}
    requested = False

    async def receive():
        nonlocal requested
        if requested:
            await anyio.sleep_forever()
        requested = True
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start" and message["status"] != 200:
            raise SystemExit(f"{path}: HTTP {message['status']}")
        if message["type"] == "http.response.body" and message.get("body"):
            marks.setdefault("first", time.perf_counter())

    async def call():
        marks["start"] = time.perf_counter()
        await app(scope, receive, send)
        marks["end"] = time.perf_counter()

    anyio.run(call)
    return ((marks.get("first", marks["end"]) - marks["start"]) * 1000,
            (marks["end"] - marks["start"]) * 1000)


def measure(url: str, n: int, only: list[str] | None = None) -> list[dict]:
    from fastapi.testclient import TestClient

    from treatywatch.web import create_app

    results = []
    with TestClient(create_app(url)) as client:
        for name, path in routes(_relevant_article(url)):
            if only and not any(o in name for o in only):
                continue
            first = client.get(path)
            if first.status_code != 200:
                raise SystemExit(f"{path}: HTTP {first.status_code}: {first.text[:200]}")
            times, cpu, firsts = [], [], []
            for _ in range(n):
                started, used = time.perf_counter(), time.process_time()
                if name.startswith("download"):
                    to_first, _total = _streamed(client.app, path)
                    firsts.append(to_first)
                else:
                    client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - used) * 1000)
            times.sort()
            results.append({"route": name, "path": path, "bytes": len(first.content),
                            "p50": statistics.median(times),
                            "p95": times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)],
                            "max": times[-1], "cpu_p50": statistics.median(cpu),
                            "first_p50": statistics.median(firsts) if firsts else None})
            r = results[-1]
            shown = f"{r['first_p50']:8.1f}" if firsts else f"{'-':>8}"
            print(f"{name:24} {r['p50']:8.1f} {r['p95']:8.1f} {r['max']:8.1f} "
                  f"{r['cpu_p50']:8.1f} {shown} {r['bytes'] / 1024:8.0f}  {path}", flush=True)
    return results


def _size(url: str) -> str:
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        return f"{path.stat().st_size / 2**20:.0f} MiB file"
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
    engine.dispose()
    return f"{size / 2**20:.0f} MiB database"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="SQLite path or PostgreSQL URL (default: a temp file)")
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=30, help="requests per route")
    parser.add_argument("--reuse", action="store_true", help="measure an existing store")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--only", action="append", help="routes whose name contains this")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from treatywatch.store import resolve_url
    from treatywatch.store.db import current_revision, make_engine

    db = args.db or str(Path(tempfile.gettempdir()) / f"tw-read-{args.articles}.db")
    url = resolve_url(db)
    if args.reuse and _articles_in(url) == args.articles:
        print(f"reusing {db}: {args.articles} articles")
    else:
        print(f"building {db} with {args.articles} articles ...", flush=True)
        print(f"built in {build(url, args.articles):.0f} s", flush=True)
    if args.build_only:
        return 0
    engine = make_engine(url)
    revision = current_revision(engine)
    engine.dispose()
    from treatywatch.store import open_database, queries

    with open_database(url) as store:
        counts = queries.totals(store)
    load_before = os.getloadavg()
    print(f"backend {url.split(':')[0]}, schema {revision}, {_size(url)}: "
          f"{counts['articles']} articles, {counts['events']} events, "
          f"{counts['findings']} findings, {counts['stories']} stories; "
          f"{args.requests} sequential requests per route (TestClient, in process), "
          f"after one warm-up; load {load_before[0]:.2f}")
    print(f"{'route':24} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu ms':>8} "
          f"{'first ms':>8} {'KiB':>8}  path")
    results = measure(url, args.requests, args.only)
    load_after = os.getloadavg()
    print(f"load average (1 min) before {load_before[0]:.2f}, after {load_after[0]:.2f}; "
          f"{os.cpu_count()} CPUs")
    if args.json:
        Path(args.json).write_text(json.dumps(
            {"db": url.split(":")[0], "schema": revision, "counts": counts, "size": _size(url),
             "load": [load_before[0], load_after[0]], "routes": results}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
