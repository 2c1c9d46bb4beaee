"""Who is asking: a bearer token or a session cookie, resolved once per request; CSRF checks;
the --private mode that asks a login for everything.

Sessions: cookie `tw_session` (HttpOnly, SameSite=Lax, Secure over HTTPS) holding a random
value whose SHA-256 the store keeps with the session's CSRF token. A form carries that token in
its `csrf` field; a JSON write made with the cookie (not a token) carries it in `X-CSRF-Token`.
The login form, before any session, is protected by a double-submit cookie `tw_csrf`.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.middleware.base import BaseHTTPMiddleware

from treatywatch.accounts import Principal, Unauthorized, principal_for_session
from treatywatch.accounts import principal_for_token as token_principal
from treatywatch.accounts.secrets_ import new_secret
from treatywatch.errors import TreatywatchError
from treatywatch.web import errors

SESSION_COOKIE = "tw_session"
LOGIN_CSRF_COOKIE = "tw_csrf"
OPEN_PREFIX = "/static/"  # with /login, reachable without a login in --private mode


class CsrfRefused(TreatywatchError):
    http_status = 403
    hint = "Reload the page and send the form again (its CSRF token is missing or stale)."


def _resolve(request: Request) -> tuple[Principal | None, str | None]:
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, value = header.partition(" ")
        principal = token_principal(request.app.state.db.get(), value.strip()) \
            if scheme.lower() == "bearer" else None
        if principal is None:
            raise Unauthorized("the API token is invalid, revoked, or its user is disabled")
        return principal, None
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        found = principal_for_session(request.app.state.db.get(), cookie)
        if found is not None:
            return found
    return None, None


def _is_open(path: str) -> bool:
    return path == "/login" or path.startswith(OPEN_PREFIX)


class Identify(BaseHTTPMiddleware):
    """Sets request.state.principal and .csrf; in private mode, no principal, no page."""

    def __init__(self, app, private: bool) -> None:
        super().__init__(app)
        self.private = private

    async def dispatch(self, request: Request, call_next) -> Response:
        try:
            principal, csrf = await run_in_threadpool(_resolve, request)  # the store blocks
        except TreatywatchError as exc:
            status = getattr(exc, "http_status", 400)
            return JSONResponse(errors.error_body(status, str(exc), getattr(exc, "hint", None)),
                                status_code=status)
        request.state.principal, request.state.csrf = principal, csrf
        if self.private and principal is None and not _is_open(request.url.path):
            if errors.wants_html(request) and request.method == "GET":
                return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
            exc = Unauthorized("this server is private: log in or send an API token")
            return JSONResponse(errors.error_body(401, str(exc), exc.hint), status_code=401)
        return await call_next(request)


def principal(request: Request) -> Principal | None:
    return getattr(request.state, "principal", None)


Who = Annotated[Principal | None, Depends(principal)]


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def check_form(request: Request, form: Any) -> None:
    """A form post must carry the session's CSRF token (or, to log in, the login cookie's)."""
    sent = form.get("csrf") if form is not None else None
    expected = getattr(request.state, "csrf", None) or request.cookies.get(LOGIN_CSRF_COOKIE)
    if not _same(sent, expected):
        raise CsrfRefused("the form was refused: its CSRF token is missing or does not match")


def check_json_write(request: Request, who: Principal | None) -> None:
    """A JSON write made with the session cookie must repeat the CSRF token in a header."""
    if who is not None and who.via == "session" and not _same(
            request.headers.get("x-csrf-token"), getattr(request.state, "csrf", None)):
        raise CsrfRefused("a write with the session cookie needs its X-CSRF-Token header")


def login_token(request: Request) -> str:
    """The login form's token: the `tw_csrf` cookie's value, or a new one."""
    value = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
    return value if 20 <= len(value) <= 100 else new_secret()


def set_login_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/login")


def set_session(request: Request, response: Response, cookie: str) -> None:
    response.set_cookie(SESSION_COOKIE, cookie, httponly=True, samesite="lax",
                        secure=request.url.scheme == "https", path="/", max_age=12 * 3600)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
