"""The web app: `create_app()` wires the store, templates, security headers and routes."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.base import BaseHTTPMiddleware

from treatywatch import __version__ as VERSION  # noqa: N812
from treatywatch.report import filters
from treatywatch.web import errors
from treatywatch.web.methods import HeadAndOptions, allow_header
from treatywatch.web.store import open_store

log = logging.getLogger(__name__)
HERE = Path(__file__).parent

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
SESSION_PATHS = {"/login", "/logout"}  # a read-only server still lets people log in and out


class SecurityHeaders(BaseHTTPMiddleware):
    """CSP without inline script, no sniffing, no framing; refuses writes when read-only."""

    def __init__(self, app, read_only: bool) -> None:
        super().__init__(app)
        self.read_only = read_only

    async def dispatch(self, request: Request, call_next) -> Response:
        if (self.read_only and request.method not in SAFE_METHODS
                and request.url.path not in SESSION_PATHS):
            body = errors.error_body(
                405, f"{request.method} not allowed: this server is read-only",
                "Start it with read_only=False to allow changes.",
            )
            allow = allow_header(request.app.router.routes, request.scope, True)
            response: Response = JSONResponse(body, status_code=405, headers={"Allow": allow})
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        return response


class DropEmptyParams:
    """Forms send every field, filled or not: `?kind=&since=` means no filter, not a bad value."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if v.strip()]
            if len(kept) != len(pairs):
                scope = {**scope, "query_string": urlencode(kept).encode("latin-1")}
        await self.app(scope, receive, send)


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.autoescape = True  # every template, whatever its name
    filters.install(templates.env)
    return templates


def create_app(db_url: str | None = None, read_only: bool = True,
               private: bool = False, base_url: str | None = None) -> FastAPI:
    """The dashboard and its JSON API over the store at `db_url` (default: the store's default).

    `read_only` refuses every write but logging in and out; `private` asks a login (or an API
    token) for every page. `base_url` (e.g. https://treatywatch.example.org) is where absolute
    links point (feeds); by default the address the server is bound to, never the request's
    Host header.
    """
    from treatywatch.accounts.ratelimit import LoginLimiter
    from treatywatch.web import api, auth, docs, downloads, feedroutes, pages, reviewroutes

    store = open_store(db_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()  # the store's connections go with the app

    app = FastAPI(
        lifespan=lifespan,
        title="treatywatch",
        version=VERSION,
        description="Where states stand in the Mine Ban Convention and the Convention on "
        "Cluster Munitions, and what the news says they did. Every page has a JSON twin here.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.db = store  # writes are refused by SecurityHeaders when read_only
    app.state.templates = _templates()
    app.state.base_url = base_url.rstrip("/") if base_url else None
    app.state.writable, app.state.private = not read_only, private
    app.state.login_limiter = LoginLimiter()
    app.add_middleware(HeadAndOptions, routes=lambda: app.router.routes, read_only=read_only)
    app.add_middleware(auth.Identify, private=private)
    app.add_middleware(DropEmptyParams)
    app.add_middleware(SecurityHeaders, read_only=read_only)
    errors.install(app)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(reviewroutes.api)
    app.include_router(api.router)
    app.include_router(reviewroutes.pages)
    app.include_router(pages.router)
    app.include_router(downloads.router)
    app.include_router(feedroutes.router)
    app.include_router(docs.router)
    return app
