"""The JSON API, /api/v1/...: every page's data, same names, same filters."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter

from treatywatch.report import data
from treatywatch.report.profile import country_profile
from treatywatch.web import views
from treatywatch.web.params import (
    ActQ,
    ArticleP,
    KindQ,
    ModalityQ,
    OnQ,
    PageQ,
    PerPageQ,
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

router = APIRouter(prefix="/api/v1", tags=["api"])
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "Not found: {\"error\": {\"status\", \"message\", \"hint\"}}"},
    422: {"description": "Invalid parameter, same error shape"},
}


def _public(context: dict[str, Any]) -> dict[str, Any]:
    """Drop the page-only keys (those starting with '_')."""
    return {k: v for k, v in context.items() if not k.startswith("_")}


@router.get("/map", summary="Home: every state's status on a day, counts, latest findings")
def map_(db: Db, treaty: TreatyQ = None, on: OnQ = None) -> dict[str, Any]:
    return _public(views.home(db, treaty, on))


@router.get("/states", summary="Every known state: ISO3 code and name")
def states() -> dict[str, Any]:
    from treatywatch.places.names import all_states

    return {"states": [{"iso3": k, "name": v} for k, v in all_states().items()]}


@router.get("/states/{state}", summary="A state's file: status, deadlines, the newest findings "
            "and events (a page of each, with their totals), stories", responses=ERRORS)
def state(db: Db, state: StateP, treaty: TreatyQ = None, on: OnQ = None
          ) -> dict[str, Any]:
    return country_profile(db, state, treaty, on, rows=views.PER_PAGE)


@router.get("/findings", summary="Findings, filtered and paged", responses=ERRORS)
def findings(db: Db, state: StateQ = None, treaty: TreatyQ = None, kind: KindQ = None,
             modality: ModalityQ = None, status: ReviewQ = None, since: SinceQ = None,
             until: UntilQ = None,
             page: PageQ = 1, per_page: PerPageQ = views.PER_PAGE
             ) -> dict[str, Any]:
    context = views.findings(db, state=state, treaty=treaty, kind=kind, modality=modality,
                             status=status, since=since, until=until, page=page, per_page=per_page)
    context.pop("choices")
    return context


@router.get("/events", summary="Events in the news, filtered and paged", responses=ERRORS)
def events(db: Db, state: StateQ = None, treaty: TreatyQ = None, act: ActQ = None,
           weapon: WeaponQ = None, modality: ModalityQ = None, since: SinceQ = None,
           until: UntilQ = None, page: PageQ = 1, per_page: PerPageQ = views.PER_PAGE
           ) -> dict[str, Any]:
    context = views.events(db, state=state, treaty=treaty, act=act, weapon=weapon,
                           modality=modality, since=since, until=until, page=page,
                           per_page=per_page)
    context.pop("choices")
    return context


@router.get("/incidents", summary="The incident map: events placed by state and town, with "
            "the states' status on the day", responses=ERRORS)
def incidents(db: Db, treaty: TreatyQ = None, on: OnQ = None, act: ActQ = None,
              weapon: WeaponQ = None, modality: ModalityQ = None, since: SinceQ = None,
              until: UntilQ = None) -> dict[str, Any]:
    from treatywatch.web.incidents import incident_map

    context = incident_map(db, treaty=treaty, on=on, act=act, weapon=weapon,
                           modality=modality, since=since, until=until)
    context.pop("choices")
    context.pop("statuses")
    return context


@router.get("/articles/{article_id}", summary="An article with its events, evidence spans and "
            "findings", responses=ERRORS)
def article(db: Db, article_id: ArticleP) -> dict[str, Any]:
    return _public(views.article(db, article_id))


@router.get("/deadlines", summary="Deadlines missed, and those due in the next twelve months")
def deadlines(treaty: TreatyQ = None, on: OnQ = None) -> dict[str, Any]:
    context = views.deadlines(treaty, on)
    context.pop("treaties")
    return context


@router.get("/treaties/{treaty}", summary="A treaty's obligations and counts", responses=ERRORS)
def treaty(treaty: TreatyP, on: OnQ = None) -> dict[str, Any]:
    return views.treaty(treaty, on)


@router.get("/status/{state}", summary="A state's status in a treaty on a day", responses=ERRORS)
def status(state: StateP, treaty: TreatyQ = None, on: OnQ = None) -> dict[str, Any]:
    iso3, _ = data.resolve(state)
    return data.status(iso3, data.treaty_of(treaty), on or date.today())


@router.get("/search", summary="Full-text search over stored articles")
def search(db: Db, q: SearchQ = "", page: PageQ = 1) -> dict[str, Any]:
    return views.search(db, q, page)
