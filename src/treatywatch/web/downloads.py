"""Every listing page's rows as a file: `/findings.csv`, `/events.json`, `/deadlines.csv`,
`/search.json`... with the page's own filters (its query string), all matching rows (up to
`views.MAX_ROWS`), not one page of them."""

from __future__ import annotations

import csv
import functools
import inspect
import io
import json
from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

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


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(v.get("text", "") if isinstance(v, dict) else str(v) for v in value)
    text = str(value)
    # a spreadsheet must not run article text as a formula
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def _file(name: str, fmt: str, rows: list[dict[str, Any]], columns: list[str],
          params: dict[str, Any]) -> Response:
    if fmt == "csv":
        body = _csv(rows, columns)
    else:
        body = json.dumps({"params": params, "total": len(rows), "rows": rows},
                          ensure_ascii=False, indent=1, default=str)
    stamp = date.today().isoformat()
    return Response(body, media_type=FORMATS[fmt], headers={
        "Content-Disposition": f'attachment; filename="treatywatch-{name}-{stamp}.{fmt}"'})


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
    context = views.findings(db, state=state, treaty=treaty, kind=kind, modality=modality,
                             status=status, since=since, until=until, page=1,
                             per_page=views.MAX_ROWS)
    rows = [{**f, "explanation": bare_explanation(f)} if fmt == "csv" else f
            for f in context["findings"]]
    return _file("findings", fmt, rows, FINDING_COLUMNS, context["params"])


def events_file(fmt: str, db: Db, state: StateQ = None, treaty: TreatyQ = None,
                act: ActQ = None, weapon: WeaponQ = None, modality: ModalityQ = None,
                since: SinceQ = None, until: UntilQ = None) -> Response:
    context = views.events(db, state=state, treaty=treaty, act=act, weapon=weapon,
                           modality=modality, since=since, until=until, page=1,
                           per_page=views.MAX_ROWS)
    return _file("events", fmt, context["events"], EVENT_COLUMNS, context["params"])


def deadlines_file(fmt: str, treaty: TreatyQ = None, on: OnQ = None) -> Response:
    context = views.deadlines(treaty, on)
    rows = [{**d, "list": part} for part in ("missed", "unconfirmed", "upcoming")
            for d in context[part]]
    params = {"treaty": context["treaty"], "on": context["on"], "horizon": context["horizon"]}
    return _file("deadlines", fmt, rows, DEADLINE_COLUMNS, params)


def search_file(fmt: str, db: Db, q: SearchQ = "") -> Response:
    context = views.search(db, q, 1, per_page=views.MAX_ROWS)
    return _file("search", fmt, context["results"], SEARCH_COLUMNS, {"q": context["q"]})


for _path, _build in (("/findings", findings_file), ("/events", events_file),
                      ("/deadlines", deadlines_file), ("/search", search_file)):
    for _fmt in FORMATS:
        router.add_api_route(f"{_path}.{_fmt}", build_route(_build, _fmt), methods=["GET"])
