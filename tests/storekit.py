"""Shared pieces of the store and ingest tests: a database on SQLite and (when
TREATYWATCH_TEST_POSTGRES_URL is set) PostgreSQL, a stand-in analyser for tests that are about
storage only, article writers, and a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from treatywatch.model import (
    Act,
    Analysis,
    Article,
    Event,
    Evidence,
    Finding,
    FindingKind,
    Modality,
    Treaty,
    Weapon,
)

PG_ENV = "TREATYWATCH_TEST_POSTGRES_URL"

BACKENDS = [
    "sqlite",
    pytest.param("postgres", marks=[
        pytest.mark.postgres,
        pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"{PG_ENV} not set"),
    ]),
]


def reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


def migrated(target: str | Path) -> str:
    """The URL of `target` (a path or URL) with the schema brought up to date."""
    from treatywatch.store import resolve_url, upgrade

    url = resolve_url(target)
    upgrade(url)
    return url


def fresh_url(backend: str, tmp_path: Path) -> str:
    """An empty database of that backend: a new SQLite file, or the test PostgreSQL emptied."""
    if backend == "sqlite":
        return str(tmp_path / "store.db")
    url = os.environ[PG_ENV]
    reset_postgres(url)
    return url


# --- articles --------------------------------------------------------------------------------

FILLER = (
    "The city council met on Tuesday to discuss the budget for the coming year, and the mayor "
    "said that the roads and the schools would get more money than they had in the past. "
)
MINES = (
    "The government of the United States said it would send anti-personnel mines to Ukraine, "
    "officials said, and the decision was criticised by campaigners in Geneva. "
)


def article_record(i: int, *, mines: bool = False, outlet: str = "Daily Example",
                   published: str = "2024-11-20") -> dict:
    body = (MINES if mines else "") + f"Report number {i} was filed from the capital. " + FILLER * 3
    return {"title": f"Report {i}" + (" on mines" if mines else ""), "text": body,
            "published": published, "url": f"https://news.example.org/{i}", "outlet": outlet}


def write_jsonl(path: Path, records: list[dict | str]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write((rec if isinstance(rec, str) else json.dumps(rec)) + "\n")
    return path


def page_html(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    return (f"<!doctype html><html><head><title>{title}</title>"
            f'<meta property="og:site_name" content="Example Wire"></head><body>'
            f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
            f"<footer>Copyright</footer></body></html>")


# --- a stand-in analyser (storage tests only) ------------------------------------------------


def evidence(article: Article, sentence: str) -> Evidence:
    """The evidence span of `sentence`, which the article's text must contain."""
    start = article.text.index(sentence)
    return Evidence(sentence, start, start + len(sentence))



def stub_analyze(article: Article) -> Analysis:
    """Deterministic: an article saying 'anti-personnel mines' yields a US->UKR transfer event
    and a finding for each side. Used only where the test is about storing, not reading."""
    analysis = Analysis(article=article)
    if "anti-personnel mines" not in article.text:
        return analysis
    ev = evidence(article, "anti-personnel mines")
    analysis.events = [Event(Act.TRANSFER, Modality.ANNOUNCED, Weapon.AP_MINE, actor="USA",
                             counterpart="UKR", evidence=[ev])]
    analysis.findings = [
        Finding(Treaty.APMBC, "UKR", FindingKind.PROHIBITED_ACT, Modality.ANNOUNCED,
                "Ukraine would acquire anti-personnel mines.", article="1.1.b", evidence=[ev],
                rule="apmbc.prohibited_act.v1", judged_on=article.published or date(2024, 11, 20),
                date_basis="publication date", event_index=0),
        Finding(Treaty.APMBC, "USA", FindingKind.NON_PARTY_ACT, Modality.ANNOUNCED,
                "The United States is not a party.", article="1.1.b", evidence=[ev],
                rule="apmbc.non_party_act.v1", judged_on=article.published or date(2024, 11, 20),
                date_basis="publication date", event_index=0),
    ]
    return analysis


# --- killing a run mid-way -------------------------------------------------------------------


def kill_when(child: subprocess.Popen, ready: Callable[[], bool], *, timeout: float,
              poll: float = 0.05) -> None:
    """Wait until `ready()` (at most `timeout` seconds), then SIGKILL `child`; fail if the child
    ended first. The child is killed whatever happens."""
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and child.poll() is None:
            if ready():
                break
            time.sleep(poll)
        if child.poll() is not None:
            errors = child.stderr.read().decode()[-2000:] if child.stderr else ""
            raise AssertionError(f"the child ended before it could be killed: {errors}")
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()


# --- a local HTTP server ---------------------------------------------------------------------

Route = tuple[int, dict[str, str], bytes] | Callable[[], tuple[int, dict[str, str], bytes]]


class LocalServer:
    """Serves `routes` {path: (status, headers, body) or a callable} on 127.0.0.1."""

    def __init__(self, routes: dict[str, Route]):
        self.routes = routes
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                if route is None:
                    status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found"
                else:
                    status, headers, body = route() if callable(route) else route
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    if "Content-Length" not in headers:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def html_route(html: str) -> Route:
    return (200, {"Content-Type": "text/html; charset=utf-8"}, html.encode())


def slow_route(seconds: float, body: bytes = b"<html></html>") -> Route:
    def route():
        time.sleep(seconds)
        return (200, {"Content-Type": "text/html"}, body)
    return route
