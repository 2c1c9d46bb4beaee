"""Every listing page's rows as a file: `/findings.csv`, `/events.json`, `/deadlines.csv`,
`/search.json`... with the page's own filters (its query string), all matching rows (up to
`views.MAX_ROWS`), not one page of them.

A file is streamed: the findings and events are read in chunks (`CHUNK` rows first, then
`LATER` at a time) and each chunk is sent as soon as it is written, so the first bytes leave
after one small chunk, not after all 10,000 rows (a bad filter is still refused with its error
before anything is sent: the first chunk is read before the response starts). A JSON file ends
with its `total`, the rows it holds."""

from __future__ import annotations

import csv
import functools
import inspect
import io
import json
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response, StreamingResponse

from treatywatch.report.filters import bare_explanation
from treatywatch.web import views
from treatywatch.web.params import (
    ActQ,
    KindQ,
    ModalityQ,
    OnQ,
    ReviewQ,
    SearchQ,
    SinceQ,
    StateQ,
    TreatyQ,
    UntilQ,
    WeaponQ,
)
from treatywatch.web.store import Db

router = APIRouter(include_in_schema=False)
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}

FINDING_COLUMNS = [
    "id", "on_date", "on_precision", "date_basis", "treaty", "state", "kind", "treaty_article",
    "event_act", "modality", "status", "confidence", "explanation", "evidence", "article_id",
    "article_title", "article_outlet", "article_url", "article_published", "outlets",
]
EVENT_COLUMNS = [
    "id", "when", "when_precision", "article_published", "act", "weapon", "modality", "actor",
    "actor_name", "counterpart", "location", "killed", "injured", "civilians", "children",
    "device", "speaker", "evidence", "article_id", "article_title", "article_url",
]
DEADLINE_COLUMNS = [
    "list", "treaty", "iso3", "name", "article", "obligation", "original_deadline",
    "current_deadline", "state", "completed_date", "days_late", "note", "sources",
]
SEARCH_COLUMNS = ["id", "published", "title", "outlet", "url", "source", "snippet"]
CHUNK = 500  # rows read and sent first; then LATER rows at a time (fewer reads in all)
LATER = 2000


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(v.get("text", "") if isinstance(v, dict) else str(v) for v in value)
    text = str(value)
    # a spreadsheet must not run article text as a formula
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_lines(rows: list[dict[str, Any]], columns: list[str], header: bool) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if header:
        writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def _json_rows(rows: list[dict[str, Any]], first: bool) -> str:
    return "".join(("\n" if first and i == 0 else ",\n")
                   + json.dumps(row, ensure_ascii=False, default=str) for i, row in enumerate(rows))


def _body(fmt: str, chunks: Iterator[list[dict[str, Any]]], columns: list[str],
          params: dict[str, Any]) -> Iterator[str]:
    total = 0
    if fmt == "json":
        yield '{"params": ' + json.dumps(params, ensure_ascii=False, default=str) + ', "rows": ['
    for rows in chunks:
        yield (_csv_lines(rows, columns, header=total == 0) if fmt == "csv"
               else _json_rows(rows, first=total == 0))
        total += len(rows)
    if fmt == "csv" and total == 0:
        yield _csv_lines([], columns, header=True)
    if fmt == "json":
        yield f"\n], \"total\": {total}}}\n"


def _file(name: str, fmt: str, chunks: Iterator[list[dict[str, Any]]], columns: list[str],
          params: dict[str, Any]) -> Response:
    stamp = date.today().isoformat()
    return StreamingResponse(_body(fmt, chunks, columns, params), media_type=FORMATS[fmt],
                             headers={"Content-Disposition":
                                      f'attachment; filename="treatywatch-{name}-{stamp}.{fmt}"'})


def _chunks(read: Callable[[int, int], dict[str, Any]], key: str
            ) -> tuple[dict[str, Any], Iterator[list[dict[str, Any]]]]:
    """(the first chunk's context, every chunk's rows): `read(offset, limit)` is a listing of
    views; the first chunk is read now (so its errors come before the response), the others as
    they are sent, until a chunk comes back short or `views.MAX_ROWS` rows are read."""
    first = read(0, min(CHUNK, views.MAX_ROWS))

    def rest() -> Iterator[list[dict[str, Any]]]:
        rows, asked, sent = first[key], min(CHUNK, views.MAX_ROWS), 0
        while rows:
            yield rows
            sent += len(rows)
            if len(rows) < asked or sent >= views.MAX_ROWS:
                return
            asked = min(LATER, views.MAX_ROWS - sent)
            rows = read(sent, asked)[key]

    return first, rest()


def build_route(build: Callable[..., Response], fmt: str) -> Callable[..., Response]:
    """`build` with its first parameter (the format) fixed: FastAPI reads the rest."""

    @functools.wraps(build)
    def route(*args: Any, **kwargs: Any) -> Response:
        return build(fmt, *args, **kwargs)

    sig = inspect.signature(build)
    route.__signature__ = sig.replace(parameters=list(sig.parameters.values())[1:])
    return route


def findings_file(fmt: str, db: Db, state: StateQ = None, treaty: TreatyQ = None,
                  kind: KindQ = None, modality: ModalityQ = None, status: ReviewQ = None,
                  since: SinceQ = None, until: UntilQ = None) -> Response:
    def read(offset: int, limit: int) -> dict[str, Any]:
        return views.findings(db, state=state, treaty=treaty, kind=kind, modality=modality,
                              status=status, since=since, until=until, page=1,
                              per_page=limit, offset=offset)

    context, chunks = _chunks(read, "findings")
    if fmt == "csv":
        chunks = ([{**f, "explanation": bare_explanation(f)} for f in rows] for rows in chunks)
    return _file("findings", fmt, chunks, FINDING_COLUMNS, context["params"])


def events_file(fmt: str, db: Db, state: StateQ = None, treaty: TreatyQ = None,
                act: ActQ = None, weapon: WeaponQ = None, modality: ModalityQ = None,
                since: SinceQ = None, until: UntilQ = None) -> Response:
    def read(offset: int, limit: int) -> dict[str, Any]:
        return views.events(db, state=state, treaty=treaty, act=act, weapon=weapon,
                            modality=modality, since=since, until=until, page=1,
                            per_page=limit, offset=offset)

    context, chunks = _chunks(read, "events")
    return _file("events", fmt, chunks, EVENT_COLUMNS, context["params"])


def deadlines_file(fmt: str, treaty: TreatyQ = None, on: OnQ = None) -> Response:
    context = views.deadlines(treaty, on)
    rows = [{**d, "list": part} for part in ("missed", "unconfirmed", "upcoming")
            for d in context[part]]
    params = {"treaty": context["treaty"], "on": context["on"], "horizon": context["horizon"]}
    return _file("deadlines", fmt, iter([rows]), DEADLINE_COLUMNS, params)


def search_file(fmt: str, db: Db, q: SearchQ = "") -> Response:
    # one chunk: a search ranks its candidates afresh on every read (the store keeps no order)
    context = views.search(db, q, 1, per_page=views.MAX_ROWS)
    return _file("search", fmt, iter([context["results"]]), SEARCH_COLUMNS, {"q": context["q"]})


for _path, _build in (("/findings", findings_file), ("/events", events_file),
                      ("/deadlines", deadlines_file), ("/search", search_file)):
    for _fmt in FORMATS:
        router.add_api_route(f"{_path}.{_fmt}", build_route(_build, _fmt), methods=["GET"])
