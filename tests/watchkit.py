"""Shared pieces of the watch and alerts tests: the real CLI in a child process, feeds and
pages to serve from a local server, and a local server that can change its answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from email.utils import formatdate
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
