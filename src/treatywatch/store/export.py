"""Bulk export of the store: articles' metadata, events and findings as Parquet, CSV or JSONL.

`export(db, out, fmt)` writes `articles.<ext>`, `events.<ext>` and `findings.<ext>` into the
folder `out`, streaming rows in chunks so that memory stays flat however big the store is.
Evidence lists are JSON strings in Parquet and CSV, lists of objects in JSONL.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from treatywatch.errors import TreatywatchError
from treatywatch.store.db import Database
from treatywatch.store.tables import ArticleRow, EventRow, FindingRow, StoryMember

FORMATS = ("parquet", "csv", "jsonl")
CHUNK = 5000

ARTICLE_COLUMNS = [
    ("id", "int"), ("content_hash", "str"), ("url", "str"), ("title", "str"), ("outlet", "str"),
    ("language", "str"), ("published", "date"), ("source", "str"), ("relevant", "bool"),
    ("n_events", "int"), ("n_findings", "int"), ("story_id", "int"), ("run_id", "int"),
    ("ingested_at", "datetime"),
]
EVENT_COLUMNS = [
    ("id", "int"), ("article_id", "int"), ("idx", "int"), ("act", "str"), ("modality", "str"),
    ("weapon", "str"), ("treaty", "str"), ("actor", "str"), ("actor_name", "str"),
    ("counterpart", "str"), ("location", "str"), ("when", "date"), ("speaker", "str"),
    ("confidence", "float"), ("background", "bool"), ("evidence", "json"),
    ("when_precision", "str"), ("killed", "int"), ("injured", "int"), ("rules", "json"),
    ("civilians", "int"), ("children", "int"), ("device", "str"),
]
FINDING_COLUMNS = [
    ("id", "int"), ("article_id", "int"), ("event_id", "int"), ("treaty", "str"),
    ("state", "str"), ("kind", "str"), ("modality", "str"), ("treaty_article", "str"),
    ("explanation", "str"), ("evidence", "json"), ("rule", "str"), ("rule_version", "str"),
    ("judged_on", "date"), ("date_basis", "str"), ("on_date", "date"),
    ("status", "str"), ("confidence", "float"), ("review_reasons", "json"),
    ("created_at", "datetime"), ("run_id", "int"),
    ("review_verdict", "str"), ("reviewed_at", "datetime"), ("as_found", "json"),
    ("retired_at", "datetime"),
]


class ExportError(TreatywatchError):
    pass


def _articles(db: Database) -> Iterator[dict[str, Any]]:
    q = select(ArticleRow, StoryMember.story_id).outerjoin(
        StoryMember, StoryMember.article_id == ArticleRow.id
    ).order_by(ArticleRow.id).execution_options(yield_per=CHUNK)
    with db.session() as s:
        for a, story_id in s.execute(q):
            yield {
                "id": a.id, "content_hash": a.content_hash, "url": a.url, "title": a.title,
                "outlet": a.outlet, "language": a.language, "published": a.published,
                "source": a.source, "relevant": a.relevant, "n_events": a.n_events,
                "n_findings": a.n_findings, "story_id": story_id, "run_id": a.run_id,
                "ingested_at": a.ingested_at,
            }


def _events(db: Database) -> Iterator[dict[str, Any]]:
    q = select(EventRow).order_by(EventRow.id).execution_options(yield_per=CHUNK)
    with db.session() as s:
        for e in s.execute(q).scalars():
            yield {
                "id": e.id, "article_id": e.article_id, "idx": e.idx, "act": e.act,
                "modality": e.modality, "weapon": e.weapon, "treaty": e.treaty,
                "actor": e.actor, "actor_name": e.actor_name, "counterpart": e.counterpart,
                "location": e.location, "when": e.event_date, "speaker": e.speaker,
                "confidence": e.confidence, "background": e.background,
                "evidence": e.evidence or [], "when_precision": e.when_precision,
                "killed": e.killed, "injured": e.injured, "rules": e.rules or [],
                "civilians": e.civilians, "children": e.children, "device": e.device,
            }


def _findings(db: Database) -> Iterator[dict[str, Any]]:
    q = select(FindingRow).order_by(FindingRow.id).execution_options(yield_per=CHUNK)
    with db.session() as s:
        for f in s.execute(q).scalars():
            yield {
                "id": f.id, "article_id": f.article_id, "event_id": f.event_id,
                "treaty": f.treaty, "state": f.state, "kind": f.kind, "modality": f.modality,
                "treaty_article": f.treaty_article, "explanation": f.explanation,
                "evidence": f.evidence or [], "rule": f.rule, "rule_version": f.rule_version,
                "judged_on": f.judged_on, "date_basis": f.date_basis, "on_date": f.on_date,
                "status": f.status, "confidence": f.confidence,
                "review_reasons": f.review_reasons or [],
                "created_at": f.created_at, "run_id": f.run_id,
                "review_verdict": f.review_verdict, "reviewed_at": f.reviewed_at,
                "as_found": f.as_found or {}, "retired_at": f.retired_at,
            }


def _text(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "json":
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _write_jsonl(rows, columns, path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(
                {c: (row[c] if k == "json" else _text(row[c], k)) for c, k in columns},
                ensure_ascii=False) + "\n")
            n += 1
    return n


def _write_csv(rows, columns, path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([c for c, _ in columns])
        for row in rows:
            writer.writerow(["" if row[c] is None else _text(row[c], k) for c, k in columns])
            n += 1
    return n


def _write_parquet(rows, columns, path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"int": pa.int64(), "str": pa.string(), "json": pa.string(), "bool": pa.bool_(),
             "float": pa.float64(), "date": pa.date32(),
             "datetime": pa.timestamp("us", tz="UTC")}
    schema = pa.schema([(c, types[k]) for c, k in columns])
    n = 0
    with pq.ParquetWriter(path, schema) as out:
        chunk: list[dict[str, Any]] = []

        def flush() -> None:
            data = {
                c: [(_text(r[c], k) if k == "json" else r[c]) for r in chunk] for c, k in columns
            }
            for c, k in columns:
                if k == "datetime":
                    data[c] = [v if v is None or v.tzinfo else v.replace(tzinfo=_utc())
                               for v in data[c]]
            out.write_table(pa.table(data, schema=schema))
            chunk.clear()

        for row in rows:
            chunk.append(row)
            n += 1
            if len(chunk) >= CHUNK:
                flush()
        if chunk or n == 0:
            flush()
    return n


def _utc():
    from datetime import UTC

    return UTC


def export(db: Database, out: str | Path, fmt: str) -> dict[str, dict[str, Any]]:
    """Write the three tables into folder `out`; returns {table: {path, rows}}."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file: give a folder for the export (it is created)")
    out.mkdir(parents=True, exist_ok=True)
    write = {"parquet": _write_parquet, "csv": _write_csv, "jsonl": _write_jsonl}[fmt]
    result = {}
    for name, rows, columns in (
        ("articles", _articles(db), ARTICLE_COLUMNS),
        ("events", _events(db), EVENT_COLUMNS),
        ("findings", _findings(db), FINDING_COLUMNS),
    ):
        path = out / f"{name}.{fmt}"
        result[name] = {"path": str(path), "rows": write(rows, columns, path)}
    return result
