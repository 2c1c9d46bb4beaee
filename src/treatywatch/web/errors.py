"""One error shape for every failure the web app reports.

JSON: `{"error": {"status": 404, "message": "...", "hint": "..." | null}}`. Pages that a browser
asked for get the same fields in an HTML page.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from treatywatch.errors import TreatywatchError, UnknownState

log = logging.getLogger(__name__)


class NotFound(TreatywatchError):
    http_status = 404


def error_body(status: int, message: str, hint: str | None = None) -> dict[str, Any]:
    return {"error": {"status": status, "message": message, "hint": hint}}


def _wants_html(request: Request) -> bool:
    path = request.url.path
    if path.startswith(("/api/", "/feeds/", "/static/")) or path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


wants_html = _wants_html  # for the auth middleware


def _respond(request: Request, status: int, message: str, hint: str | None,
             headers: dict[str, str] | None = None) -> Response:
    body = error_body(status, message, hint)
    if _wants_html(request):
        templates = request.app.state.templates
        return templates.TemplateResponse(
            request, "error.html", {"error": body["error"]}, status_code=status, headers=headers
        )
    return JSONResponse(body, status_code=status, headers=headers)


def _hint(exc: TreatywatchError) -> str | None:
    if isinstance(exc, UnknownState):
        return "Use an ISO 3166 alpha-3 code (UKR) or a name (Ukraine); see /api/v1/states."
    return getattr(exc, "hint", None)


async def on_treatywatch_error(request: Request, exc: TreatywatchError) -> Response:
    status = getattr(exc, "http_status", 400)
    if status >= 500:
        log.error("store error on %s: %s", request.url.path, exc)
    return _respond(request, status, str(exc), _hint(exc))


async def on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
    message = exc.detail if isinstance(exc.detail, str) else "request failed"
    hints = {404: "See / for the pages and /docs for the API.", 405: "This app is read-only."}
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        from treatywatch.web.methods import allow_header

        headers["Allow"] = allow_header(request.app.router.routes, request.scope, False)
    return _respond(request, exc.status_code, message, hints.get(exc.status_code),
                    headers or None)


async def on_validation_error(request: Request, exc: RequestValidationError) -> Response:
    problems = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
        problems.append(f"{where}: {err.get('msg', 'invalid')}")
    message = "invalid request — " + "; ".join(problems)
    return _respond(request, 422, message, "Dates are YYYY-MM-DD; see /docs for parameters.")


async def on_unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s", request.url.path)
    return _respond(request, 500, "internal error", "This is a bug; the log has the details.")


def install(app) -> None:
    app.add_exception_handler(TreatywatchError, on_treatywatch_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(Exception, on_unexpected)
