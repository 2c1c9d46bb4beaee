"""HEAD and OPTIONS for every route, and an `Allow` header on every 405.

FastAPI routes declared with GET answer only GET; `curl -I` and uptime monitors send HEAD, and
clients probe with OPTIONS. This ASGI middleware answers HEAD as the GET would be answered, less
the body, and OPTIONS with 204 and the methods the path takes.
"""

from __future__ import annotations

from typing import Any

from starlette.routing import Match

ALWAYS = ("HEAD", "OPTIONS")


def allowed_methods(routes: list[Any], scope: dict[str, Any]) -> list[str]:
    """The methods some route takes at this path (empty when no route has the path)."""
    methods: set[str] = set()
    probe = {**scope, "method": "GET"}
    for route in routes:
        match, _ = route.matches(probe)
        if match is Match.NONE:
            continue
        methods |= set(getattr(route, "methods", None) or {"GET"})
    if not methods:
        return []
    if "GET" in methods:
        methods.update(ALWAYS)
    methods.add("OPTIONS")
    return sorted(methods)


def allow_header(routes: list[Any], scope: dict[str, Any], read_only: bool) -> str:
    methods = allowed_methods(routes, scope) or ["GET", *ALWAYS]
    if read_only:
        methods = [m for m in methods if m in ("GET", *ALWAYS)]
    return ", ".join(methods)


class HeadAndOptions:
    """Pure ASGI: HEAD runs the GET and drops the body; OPTIONS says what the path allows."""

    def __init__(self, app, routes: Any, read_only: bool) -> None:
        self.app = app
        self.routes = routes  # a callable giving the app's routes (they are added after us)
        self.read_only = read_only

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] not in ALWAYS:
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            routes = self.routes()
            if allowed_methods(routes, scope):
                await self._options(send, allow_header(routes, scope, self.read_only))
                return
            await self.app({**scope, "method": "GET"}, receive, send)  # the 404 a GET gets
            return
        await self.app({**scope, "method": "GET"}, receive, _without_body(send))

    @staticmethod
    async def _options(send, allow: str) -> None:
        await send({"type": "http.response.start", "status": 204,
                    "headers": [(b"allow", allow.encode("latin-1"))]})
        await send({"type": "http.response.body", "body": b""})


def _without_body(send):
    async def sender(message) -> None:
        if message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)
    return sender
