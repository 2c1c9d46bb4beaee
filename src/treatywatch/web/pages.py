"""The HTML pages. Each renders the same dict as its JSON twin (see api.py)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup

from treatywatch.report.profile import chart, country_profile
from treatywatch.web import views, worldmap
from treatywatch.web.params import (
    ActQ,
    ArticleP,
    KindQ,
    ModalityQ,
    OnQ,
    PageQ,
    ReviewQ,
    SearchQ,
    SinceQ,
    StateP,
    StateQ,
    TreatyP,
    TreatyQ,
    UntilQ,
    WeaponQ,
)
from treatywatch.web.store import Db

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
LISTINGS = ("/findings", "/events", "/deadlines", "/search")


def _with_query(request: Request, path: str) -> str:
    """`path` with the request's own query string, if it has one."""
    query = urlencode(request.query_params.multi_items())
    return path + (f"?{query}" if query else "")


def _render(request: Request, template: str, context: dict[str, Any], api: str) -> HTMLResponse:
    context["api_url"] = _with_query(request, api)
    listing = request.url.path.rstrip("/")
    if listing in LISTINGS:  # the same rows as files, with the same filters
        query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "page"])
        context["downloads"] = {fmt: f"{listing}.{fmt}" + (f"?{query}" if query else "")
                                for fmt in ("csv", "json")}
    return request.app.state.templates.TemplateResponse(request, template, context)


def _shapes(statuses: dict[str, dict[str, str]]) -> list[dict[str, Any]]:
    result = []
    for shape in worldmap.shapes():
        entry = statuses.get(shape.iso3 or "", {"status": "not_party", "label": "not party"})
        result.append({"iso3": shape.iso3, "name": shape.name, "path": shape.path, **entry})
    return result


@router.get("/")
def home(request: Request, db: Db, treaty: TreatyQ = None, on: OnQ = None):
    context = views.home(db, treaty, on)
    context.update(shapes=_shapes(context["statuses"]), width=worldmap.WIDTH,
                   height=worldmap.HEIGHT)
    return _render(request, "home.html", context, "/api/v1/map")


@router.get("/states/{state}")
def state(request: Request, db: Db, state: StateP, treaty: TreatyQ = None, on: OnQ = None):
    context = country_profile(db, state, treaty, on, rows=views.PER_PAGE)
    if context["state"]["iso3"] != state:  # a name or lower-case code: one address per state
        target = _with_query(request, f"/states/{context['state']['iso3']}")
        return RedirectResponse(target, status_code=307)
    context["chart_svg"] = Markup(chart(context))  # built with ElementTree: escaped
    return _render(request, "state.html", context, f"/api/v1/states/{state}")


@router.get("/findings")
def findings(request: Request, db: Db, state: StateQ = None, treaty: TreatyQ = None,
             kind: KindQ = None,
             modality: ModalityQ = None, status: ReviewQ = None, since: SinceQ = None,
             until: UntilQ = None,
             page: PageQ = 1):
    context = views.findings(db, state=state, treaty=treaty, kind=kind, modality=modality,
                             status=status, since=since, until=until, page=page)
    return _render(request, "findings.html", context, "/api/v1/findings")


@router.get("/events")
def events(request: Request, db: Db, state: StateQ = None, treaty: TreatyQ = None,
           act: ActQ = None, weapon: WeaponQ = None, modality: ModalityQ = None,
           since: SinceQ = None, until: UntilQ = None, page: PageQ = 1):
    context = views.events(db, state=state, treaty=treaty, act=act, weapon=weapon,
                           modality=modality, since=since, until=until, page=page)
    return _render(request, "events.html", context, "/api/v1/events")


@router.get("/incidents")
def incidents(request: Request, db: Db, treaty: TreatyQ = None, on: OnQ = None,
              act: ActQ = None, weapon: WeaponQ = None, modality: ModalityQ = None,
              since: SinceQ = None, until: UntilQ = None):
    from treatywatch.web.incidents import incident_map

    context = incident_map(db, treaty=treaty, on=on, act=act, weapon=weapon,
                           modality=modality, since=since, until=until)
    context.update(shapes=_shapes(context["statuses"]), width=worldmap.WIDTH,
                   height=worldmap.HEIGHT)
    return _render(request, "incidents.html", context, "/api/v1/incidents")


@router.get("/articles/{article_id}")
def article(request: Request, db: Db, article_id: ArticleP):
    context = views.article(db, article_id)
    context["paragraphs"] = context.pop("_paragraphs")
    return _render(request, "article.html", context, f"/api/v1/articles/{article_id}")


@router.get("/deadlines")
def deadlines(request: Request, treaty: TreatyQ = None, on: OnQ = None):
    return _render(request, "deadlines.html", views.deadlines(treaty, on), "/api/v1/deadlines")


@router.get("/treaties/{treaty}")
def treaty(request: Request, treaty: TreatyP, on: OnQ = None):
    context = views.treaty(treaty, on)
    return _render(request, "treaty.html", context, f"/api/v1/treaties/{context['treaty']}")


@router.get("/search")
def search(request: Request, db: Db, q: SearchQ = "", page: PageQ = 1):
    return _render(request, "search.html", views.search(db, q, page), "/api/v1/search")
