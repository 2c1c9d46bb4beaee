"""Sources -> shards: the units of work of `ingest --engine dask`, in reading order.

Each WARC/WARC.gz and JSONL(.gz) file is a shard; a feed file or a URL is one too; the loose
files of a folder (text, HTML, JSON articles) come in shards of up to `LOOSE_PER_SHARD`
consecutive files; `@LIST` names sources, each listed in turn. The order of the shards, and of
the inputs inside each, is the order a single-process `ingest` reads them in (folders walked in
name order, hidden names skipped), and a shard's inputs are named exactly as that run names
them. A shard's key is its inputs' names, sizes and modification times: a file that changed
is a new shard.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from treatywatch.ingest.sources import is_url, kind_of

LOOSE_PER_SHARD = 200


@dataclass(frozen=True)
class Shard:
    """One task's inputs: sources as `ingest` takes them, read in order."""

    sources: tuple[str, ...]
    key: str

    @property
    def name(self) -> str:
        first = self.sources[0]
        return first if len(self.sources) == 1 else f"{first} (+{len(self.sources) - 1} files)"


def _stamp(source: str) -> str:
    try:
        st = os.stat(source)
    except OSError:
        return f"{source}\x00-"
    return f"{source}\x00{st.st_size}\x00{st.st_mtime_ns}"


def _shard(sources: list[str]) -> Shard:
    digest = hashlib.sha256("\x01".join(_stamp(s) for s in sources).encode()).hexdigest()
    return Shard(tuple(sources), digest)


def _folder_files(folder: Path) -> Iterator[str]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield str(Path(root) / name)


def _units(source: str, depth: int = 0) -> Iterator[tuple[str, bool]]:
    """(source, is a loose file) for every unit of work under `source`, in reading order."""
    if is_url(source):
        yield source, False
        return
    if source.startswith("@"):
        try:
            lines = Path(source[1:]).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            yield source, False  # the task reports it, as a single-process run does
            return
        for line in lines:
            line = line.strip()
            if line and not line.startswith("#") and depth < 8:
                yield from _units(line, depth + 1)
        return
    path = Path(source)
    if path.is_dir():
        for name in _folder_files(path):
            yield name, kind_of(Path(name)) == "file"
    else:
        yield source, path.is_file() and kind_of(path) == "file"


def list_shards(sources: Iterable[str], loose_per_shard: int = LOOSE_PER_SHARD) -> list[Shard]:
    """The shards of `sources`, in reading order (see module docstring)."""
    shards: list[Shard] = []
    loose: list[str] = []
    for source in sources:
        for unit, is_loose in _units(str(source)):
            if is_loose:
                loose.append(unit)
                if len(loose) >= loose_per_shard:
                    shards.append(_shard(loose))
                    loose = []
                continue
            if loose:
                shards.append(_shard(loose))
                loose = []
            shards.append(_shard([unit]))
    if loose:
        shards.append(_shard(loose))
    return shards
