"""Atom feeds of new findings: all, per state, per treaty."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from treatywatch.report import data
from treatywatch.report.filters import act_label, bare_explanation, kind_label
from treatywatch.web.feeds import Entry, atom
from treatywatch.web.links import base_url
from treatywatch.web.params import StateP, TreatyP
from treatywatch.web.store import Db

router = APIRouter(prefix="/feeds", tags=["feeds"])
ATOM_TYPE = "application/atom+xml; charset=utf-8"
FEED_SIZE = 50
ATOM_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/atom+xml": {}}, "description": "An Atom 1.0 feed"},
}


def _entry(base: str, f: dict[str, Any]) -> Entry:
    name = data.state_label(f["state"])
    where = f" Art. {f['treaty_article']}" if f.get("treaty_article") else ""
    event = act_label(f.get("event_act")) if f.get("event_act") else "the event"
    modality = f" ({event}: {f['modality']})" if f.get("modality") else ""  # the event's
    review = "Needs review — " if f.get("status") == "needs_review" else ""
    if f.get("review"):
        review = f"{f['review']['verdict'].capitalize()} by an analyst — "
    title = f"{review}{kind_label(f['kind'])}: {name}, {f['treaty'].upper()}{where}{modality}"
    quotes = " ".join(f"“{e.get('text', '')}”" for e in f.get("evidence") or [])
    source = f" Source: {f['article_title']}." if f.get("article_title") else ""
    created = f.get("created_at") or f.get("on_date") or "1970-01-01"
    page = f"{base}/articles/{f['article_id']}"
    return Entry(
        id=f"{base}/findings/{f['id']}",  # the finding's own page
        title=title,
        updated=datetime.fromisoformat(max(created, (f.get("review") or {}).get("at") or "")),
        link=page,
        summary=f"{bare_explanation(f)} {quotes}{source}".strip(),
        categories=tuple(
            x for x in (f["treaty"], f["state"], f["kind"], f.get("modality"), f.get("status"),
                        f"reviewed:{f['review']['verdict']}" if f.get("review") else None)
            if x
        ),
    )


def _feed(request: Request, db: Any, title: str, alternate: str, **filters: str) -> Response:
    from treatywatch.store import queries

    base = base_url(request)
    found = queries.latest_findings(db, FEED_SIZE, **filters)
    here = base + request.url.path
    body = atom(here, title, here, base + alternate,
                [_entry(base, f) for f in found])
    return Response(body, media_type=ATOM_TYPE)


@router.get("/findings.atom", summary="New findings, all states and treaties",
            response_class=Response, responses=ATOM_RESPONSE)
def all_findings(request: Request, db: Db) -> Response:
    return _feed(request, db, "treatywatch: new findings", "/findings")


@router.get("/state/{state}.atom", summary="New findings about one state",
            response_class=Response, responses=ATOM_RESPONSE)
def state_findings(request: Request, db: Db, state: StateP) -> Response:
    iso3, name = data.resolve(state)
    return _feed(request, db, f"treatywatch: new findings about {name}", f"/states/{iso3}",
                 state=iso3)


@router.get("/treaty/{treaty}.atom", summary="New findings under one treaty",
            response_class=Response, responses=ATOM_RESPONSE)
def treaty_findings(request: Request, db: Db, treaty: TreatyP) -> Response:
    chosen = data.treaty_of(treaty)
    name = data.short_name(chosen)
    return _feed(request, db, f"treatywatch: new findings under the {name}",
                 f"/treaties/{chosen.value}", treaty=chosen.value)
