"""Login and logout, the review queue, finding and event permalinks, and the review API.

Writes need an analyst (a session or an API token); the audit trail needs an admin. Every
refusal is the one JSON error shape (errors.py); every form post checks its CSRF token.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from treatywatch.accounts import authenticate, end_session, require, start_session
from treatywatch.errors import BadInput, TreatywatchError
from treatywatch.review import audit, reviews
from treatywatch.review import views as rviews
from treatywatch.web import auth
from treatywatch.web.auth import Who
from treatywatch.web.params import KindQ, SinceQ, StateQ, TreatyQ, UntilQ
from treatywatch.web.store import Db

api = APIRouter(prefix="/api/v1", tags=["review"])
pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

FindingP = Annotated[int, Path(ge=1, le=2**62, description="Finding id")]
EventP = Annotated[int, Path(ge=1, le=2**62, description="Event id")]
MAX_BODY = 64 * 1024
AMEND_FIELDS = ("state", "modality", "treaty_article", "actor", "counterpart", "location",
                "weapon")


class TooMany(TreatywatchError):
    http_status = 429
    hint = "Wait a few minutes before trying to log in again."


async def _json_body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise BadInput(f"the request body is too large: at most {MAX_BODY} bytes")
    try:
        body = json.loads(raw or b"null")
    except ValueError as exc:
        raise BadInput(f"the request body is not JSON: {exc}") from exc
    if not isinstance(body, dict):
        raise BadInput('send a JSON object: {"verdict": "confirmed", "reason": "..."}')
    return body


def _changes(body: dict[str, Any]) -> Any:
    """Corrections given as {"changes": {...}} or as top-level fields of the body."""
    changes = body.get("changes")
    top = {k: body[k] for k in AMEND_FIELDS if k in body}
    if changes is None:
        return top
    return {**changes, **top} if isinstance(changes, dict) else changes


# --- the JSON API --------------------------------------------------------------------------


@api.get("/findings/{finding_id}", summary="A finding with its reviews and history")
def finding(db: Db, finding_id: FindingP) -> dict[str, Any]:
    context = rviews.finding_page(db, finding_id)
    return {k: v for k, v in context.items() if k not in ("verdicts", "modalities")}


@api.get("/events/{event_id}", summary="An event with its findings, reviews and history")
def event(db: Db, event_id: EventP) -> dict[str, Any]:
    context = rviews.event_page(db, event_id)
    return {k: v for k, v in context.items() if k not in ("verdicts", "modalities")}


@api.post("/findings/{finding_id}/review", status_code=201,
          summary="Confirm, reject or amend a finding, with a reason (analyst)")
async def review_finding(request: Request, db: Db, who: Who, finding_id: FindingP
                         ) -> dict[str, Any]:
    require(who, "analyst", "reviewing a finding")
    auth.check_json_write(request, who)
    body = await _json_body(request)
    return reviews.review_finding(db, who, finding_id, body.get("verdict"), body.get("reason"),
                                  _changes(body))


@api.post("/events/{event_id}/review", status_code=201,
          summary="Confirm, reject or amend an event; its findings follow (analyst)")
async def review_event(request: Request, db: Db, who: Who, event_id: EventP) -> dict[str, Any]:
    require(who, "analyst", "reviewing an event")
    auth.check_json_write(request, who)
    body = await _json_body(request)
    return reviews.review_event(db, who, event_id, body.get("verdict"), body.get("reason"),
                                _changes(body))


@api.get("/queue", summary="Unreviewed findings, most serious and weakest first")
def queue(db: Db, state: StateQ = None, treaty: TreatyQ = None, kind: KindQ = None,
          since: SinceQ = None, until: UntilQ = None) -> dict[str, Any]:
    context = rviews.queue_page(db, state=state, treaty=treaty, kind=kind, since=since,
                                until=until)
    context.pop("choices")
    return context


@api.get("/audit", summary="The audit trail (admin)")
def audit_trail(db: Db, who: Who, since: SinceQ = None,
                user: Annotated[str | None, Query(max_length=64)] = None,
                target: Annotated[str | None, Query(max_length=64)] = None) -> dict[str, Any]:
    require(who, "admin", "reading the audit trail")
    return {"entries": audit.entries(db, since=since, user=user, target=target)}


# --- pages ---------------------------------------------------------------------------------


def _local(target: str | None, default: str) -> str:
    """Only a path on this site: never an open redirect."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return default


def _page(request: Request, template: str, context: dict[str, Any], status: int = 200,
          api_url: str | None = None) -> HTMLResponse:
    context["api_url"] = api_url
    context["csrf"] = getattr(request.state, "csrf", None)
    return request.app.state.templates.TemplateResponse(request, template, context,
                                                        status_code=status)


@pages.get("/login")
def login_form(request: Request, next: Annotated[str | None, Query(max_length=500)] = None):
    return _login_page(request, _local(next, "/queue"), None, 200)


def _login_page(request: Request, next_: str, message: str | None, status: int) -> HTMLResponse:
    token = auth.login_token(request)
    page = _page(request, "login.html", {"next": next_, "message": message, "login_csrf": token},
                 status)
    auth.set_login_cookie(request, page, token)
    return page


@pages.post("/login")
async def login(request: Request, db: Db):
    form = await request.form()
    auth.check_form(request, form)
    name = str(form.get("name") or "")[:64]
    password = str(form.get("password") or "")
    next_ = _local(str(form.get("next") or ""), "/queue")
    limiter = request.app.state.login_limiter
    keys = (f"ip:{request.client.host if request.client else '?'}", f"name:{name.lower()}")
    wait = limiter.retry_after(*keys)
    if wait:
        raise TooMany(f"too many failed logins: try again in {wait} seconds")
    who = authenticate(db, name, password)
    if who is None:
        limiter.failed(*keys)
        return _login_page(request, next_, "Wrong name or password, or the account is "
                           "disabled.", 401)
    limiter.succeeded(*keys)
    cookie, _ = start_session(db, who)
    redirect = RedirectResponse(next_, status_code=303)
    auth.set_session(request, redirect, cookie)
    return redirect


@pages.post("/logout")
async def logout(request: Request, db: Db):
    form = await request.form()
    auth.check_form(request, form)
    end_session(db, request.cookies.get(auth.SESSION_COOKIE))
    redirect = RedirectResponse("/", status_code=303)
    redirect.delete_cookie(auth.SESSION_COOKIE, path="/")
    return redirect


@pages.get("/queue")
def queue_page(request: Request, db: Db, state: StateQ = None, treaty: TreatyQ = None,
               kind: KindQ = None, since: SinceQ = None, until: UntilQ = None):
    context = rviews.queue_page(db, state=state, treaty=treaty, kind=kind, since=since,
                                until=until)
    return _page(request, "queue.html", context, api_url="/api/v1/queue")


@pages.get("/findings/{finding_id}")
def finding_page(request: Request, db: Db, finding_id: FindingP):
    return _page(request, "finding.html", rviews.finding_page(db, finding_id),
                 api_url=f"/api/v1/findings/{finding_id}")


@pages.get("/events/{event_id}")
def event_page(request: Request, db: Db, event_id: EventP):
    return _page(request, "event.html", rviews.event_page(db, event_id),
                 api_url=f"/api/v1/events/{event_id}")


def _form_changes(form) -> dict[str, str]:
    return {k: str(form[k]).strip() for k in AMEND_FIELDS if str(form.get(k) or "").strip()}


@pages.post("/findings/{finding_id}/review")
async def review_finding_form(request: Request, db: Db, who: Who, finding_id: FindingP):
    require(who, "analyst", "reviewing")
    form = await request.form()
    auth.check_form(request, form)
    verdict = form.get("verdict")
    changes = _form_changes(form) if verdict == "amended" else {}
    reviews.review_finding(db, who, finding_id, verdict, form.get("reason"), changes)
    target = _local(str(form.get("next") or ""), f"/findings/{finding_id}")
    return RedirectResponse(target, status_code=303)


@pages.post("/events/{event_id}/review")
async def review_event_form(request: Request, db: Db, who: Who, event_id: EventP):
    require(who, "analyst", "reviewing")
    form = await request.form()
    auth.check_form(request, form)
    verdict = form.get("verdict")
    changes = _form_changes(form) if verdict == "amended" else {}
    reviews.review_event(db, who, event_id, verdict, form.get("reason"), changes)
    return RedirectResponse(f"/events/{event_id}", status_code=303)
