"""Absolute links: from the configured base URL, else the address the server is bound to.

The request's Host header is the client's to set; a feed or a link built from it could point
anywhere, so it is never used.
"""

from __future__ import annotations

from fastapi import Request


def base_url(request: Request) -> str:
    """`https://host[:port]` (no trailing slash) for links that leave the page."""
    configured = getattr(request.app.state, "base_url", None)
    if configured:
        return configured
    host, port = request.scope.get("server") or ("127.0.0.1", 8000)
    scheme = request.scope.get("scheme", "http")
    if ":" in str(host):
        host = f"[{host}]"  # an IPv6 address
    default = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}" + ("" if port in (None, default) else f":{port}")
