"""Shared pieces of the watch and alerts tests: the real CLI in a child process, feeds and
pages to serve from a local server, and a local server that can change its answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.storekit import MINES, migrated, page_html

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str, env: dict | None = None, check: bool = True, timeout: float = 120,
        ) -> subprocess.CompletedProcess:
    """`treatywatch ARGS` in a child process (the installed entry point's code path)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    full_env.pop("TREATYWATCH_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-m", "treatywatch", *args], capture_output=True,
                          text=True, env=full_env, timeout=timeout, stdin=subprocess.DEVNULL)
    if check and done.returncode != 0:
        raise AssertionError(f"treatywatch {' '.join(args)} exited {done.returncode}:\n"
                             f"{done.stdout}\n{done.stderr}")
    return done


def cli_json(*args: str, env: dict | None = None):
    return json.loads(cli(*args, env=env).stdout)


def store(tmp_path: Path) -> str:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = str(tmp_path / "watch.db")
    migrated(path)
    return path


def rss(entries: list[tuple[str, str]], title: str = "Example Wire") -> bytes:
    """An RSS 2.0 feed of (title, link) entries."""
    items = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Wed, 20 Nov 2024 10:00:00 GMT</pubDate></item>"
        for t, link in entries
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>https://example.org/</link>"
            f"<description>news</description>{items}</channel></rss>").encode()


def article_page(i: int, *, mines: bool = True) -> bytes:
    body = (MINES if mines else "") + (
        f"Report number {i} was filed from the capital on Wednesday. The city council met to "
        "discuss the budget for the coming year, and the mayor said that the roads and the "
        "schools would get more money than they had in the past. ") * 2
    return page_html(f"Report {i}", body).encode()


HTTP_DATE = formatdate(1732096800, usegmt=True)  # 20 Nov 2024 10:00 GMT


# --- a local web server whose answers can change between polls ------------------------------


class Request:
    def __init__(self, method: str, path: str, headers: dict, body: bytes):
        self.method, self.path, self.headers, self.body = method, path, headers, body

    def header(self, name: str) -> str | None:
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None


class _Quiet(ThreadingHTTPServer):
    def handle_error(self, request, client_address):  # a client that hung up: not news
        pass


class Web:
    """Routes {path: callable(Request) -> (status, headers, body)} on 127.0.0.1; every request
    is recorded in `requests` (method, path, headers, body)."""

    def __init__(self, routes: dict | None = None):
        self.routes: dict = dict(routes or {})
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = Request(self.command, self.path, dict(self.headers), body)
                with web.lock:
                    web.requests.append(request)
                    route = web.routes.get(self.path)
                if route is None:
                    status, headers, payload = 404, {"Content-Type": "text/plain"}, b"not found"
                else:
                    status, headers, payload = route(request)
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = _serve  # noqa: N815

            def log_message(self, *args):
                pass

        self.httpd = _Quiet(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def paths(self) -> list[str]:
        with self.lock:
            return [r.path for r in self.requests]

    def clear(self) -> None:
        with self.lock:
            self.requests.clear()

    def __enter__(self) -> Web:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def static(body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200,
           headers: dict | None = None):
    return lambda request: (status, {"Content-Type": content_type, **(headers or {})}, body)


class Conditional:
    """A resource with validators (an ETag, a Last-Modified, or both) that can be changed:
    answers 304 when the request's validators match the current version."""

    def __init__(self, body: bytes, *, etag: bool = True, last_modified: bool = True,
                 content_type: str = "application/rss+xml"):
        self.version = 1
        self.body = body
        self.use_etag, self.use_lm = etag, last_modified
        self.content_type = content_type

    def change(self, body: bytes) -> None:
        self.version += 1
        self.body = body

    @property
    def etag(self) -> str:
        return f'"v{self.version}"'

    @property
    def modified(self) -> str:
        return formatdate(1732096800 + 3600 * self.version, usegmt=True)

    def __call__(self, request: Request):
        headers = {"Content-Type": self.content_type}
        if self.use_etag:
            headers["ETag"] = self.etag
        if self.use_lm:
            headers["Last-Modified"] = self.modified
        inm, ims = request.header("If-None-Match"), request.header("If-Modified-Since")
        if (self.use_etag and inm == self.etag) or (
                not self.use_etag and self.use_lm and ims == self.modified):
            return 304, headers, b""
        return 200, headers, self.body
