"""Safe fetching of feeds and pages over HTTP(S).

- Only http and https.
- The host is resolved first and every address checked: loopback, private, link-local,
  reserved, multicast, unspecified and other non-global addresses are refused unless
  `allow_private`. The request then goes to the checked address itself (the host name is sent
  as Host and as TLS SNI), so a second DNS answer cannot swap in another address.
- Redirects are followed by hand, at most `max_redirects`, each target checked like the first.
- The body is read as a stream and cut off at `max_bytes`; connect/read timeouts and an overall
  deadline bound the time.
- A clear User-Agent names the tool, its version and where to read about it.
- Conditional GET: `headers` may carry If-None-Match / If-Modified-Since; a 304 answer comes
  back as a `Fetched` with status 304 and no body (`not_modified`). An HTTP error is an
  `HTTPFailure` with its status and the server's Retry-After (seconds), for back-off.
- `before(url)` is called before every request (redirects included): the watch service waits
  there for its per-host interval and checks robots.txt.
- `allow_networks` lets named private networks through while the rest stay refused.

Errors are `FetchError` (a `BadInput`): the runner records them as failures and goes on.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from treatywatch import __version__
from treatywatch.errors import BadInput

log = logging.getLogger(__name__)

PROJECT_URL = "https://github.com/treatywatch/treatywatch"
USER_AGENT = f"treatywatch/{__version__} (+{PROJECT_URL})"


class FetchError(BadInput):
    """A URL that could not be fetched safely (refused address, too big, too slow, HTTP error)."""

    transient = True  # worth trying again later (time-outs, connection errors, 5xx, 429)


class RefusedAddress(FetchError):
    """The URL, or a redirect's target, resolves to an address the policy refuses."""

    transient = False


class HTTPFailure(FetchError):
    """The server answered with an HTTP error status."""

    def __init__(self, message: str, status: int, retry_after: float | None = None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.transient = status in (408, 425, 429) or status >= 500


def retry_after_seconds(value: str | None, at: datetime | None = None) -> float | None:
    """A Retry-After header (delay-seconds or an HTTP-date) as seconds from `at` (>= 0)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (at or datetime.now(UTC))).total_seconds())


@dataclass(frozen=True)
class FetchPolicy:
    allow_private: bool = False
    max_bytes: int = 5 * 1024 * 1024
    timeout: float = 20.0  # seconds per connect / read
    deadline: float = 60.0  # seconds for the whole fetch, redirects included
    max_redirects: int = 5
    allow_networks: tuple[str, ...] = ()  # private networks let through (CIDR), the rest refused
    user_agent: str = USER_AGENT
    accept: str = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml," \
                  "application/xml;q=0.9,*/*;q=0.5"


@dataclass
class Fetched:
    url: str  # the final URL, after redirects
    status: int
    content_type: str
    body: bytes
    redirects: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # the final answer's, lower-case keys

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip("\"'")
        return None


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (
        ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_reserved
        or ip.is_multicast or ip.is_unspecified
    )


def _allowed(address: str, networks: tuple[str, ...]) -> bool:
    if not networks:
        return False
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip in ipaddress.ip_network(n, strict=False) for n in networks)


def resolve(host: str, port: int, policy: FetchPolicy, url: str) -> list[str]:
    """The addresses to connect to (in the resolver's order), after checking every one."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"{url}: cannot resolve host {host!r} ({exc.strerror})") from exc
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise FetchError(f"{url}: host {host!r} has no address")
    if not policy.allow_private:
        bad = [a for a in addresses
               if not is_public(a) and not _allowed(a, policy.allow_networks)]
        if bad:
            raise RefusedAddress(
                f"{url}: refused, {host} resolves to a non-public address ({bad[0]}); "
                "pass --allow-private to fetch from local or private networks"
            )
    return addresses


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _check_url(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    if not parts.hostname:
        raise FetchError(f"{url}: the URL has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(f"{url}: bad port ({exc})") from exc
    return parts.scheme, parts.hostname, port


def _pinned(url: str, address: str) -> str:
    """The URL with its host replaced by the checked address (port kept)."""
    parts = urlsplit(url)
    host = f"[{address}]" if ":" in address else address
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))


KEPT_HEADERS = ("etag", "last-modified", "cache-control", "retry-after", "expires")


def fetch(url: str, policy: FetchPolicy | None = None, *, client: httpx.Client | None = None,
          headers: dict[str, str] | None = None, method: str = "GET",
          content: bytes | None = None, before: Callable[[str], None] | None = None,
          ) -> Fetched:
    """GET (or `method`) `url` under `policy`; raises FetchError when it cannot be fetched
    safely. A POST is not redirected: a redirect answer is an error."""
    policy = policy or FetchPolicy()
    own = client is None
    client = client or httpx.Client(
        follow_redirects=False, timeout=httpx.Timeout(policy.timeout), trust_env=False
    )
    started = time.monotonic()
    redirects: list[str] = []
    current = url
    try:
        while True:
            scheme, host, port = _check_url(current)
            addresses = resolve(host, port, policy, current)
            literal = _is_ip(host)
            host_header = f"[{host}]" if ":" in host else host
            if urlsplit(current).port is not None:
                host_header = f"{host_header}:{port}"
            response, failure = None, None
            if before is not None:
                before(current)
            for address in addresses:  # the checked addresses only, each in turn
                request = client.build_request(
                    method, current if literal else _pinned(current, address),
                    headers={"Host": host_header, "User-Agent": policy.user_agent,
                             "Accept": policy.accept, **(headers or {})},
                    content=content,
                    extensions={"sni_hostname": host} if scheme == "https" and not literal
                    else {},
                )
                try:
                    response = client.send(request, stream=True)
                    break
                except httpx.ConnectError as exc:
                    failure = exc
                except httpx.TimeoutException as exc:
                    raise FetchError(f"{current}: timed out after {policy.timeout:g} s") from exc
                except httpx.HTTPError as exc:
                    raise FetchError(f"{current}: cannot fetch ({exc})") from exc
            if response is None:
                raise FetchError(f"{current}: cannot connect ({failure})") from failure
            try:
                kept = {k: response.headers[k] for k in KEPT_HEADERS if k in response.headers}
                if response.status_code == 304:
                    return Fetched(url=current, status=304,
                                   content_type=response.headers.get("content-type", ""),
                                   body=b"", redirects=redirects, headers=kept)
                if response.is_redirect and method != "GET":
                    raise FetchError(f"{current}: answered {method} with a redirect "
                                     f"(HTTP {response.status_code}); give the final URL")
                if response.is_redirect:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"{current}: redirect without a Location")
                    if len(redirects) >= policy.max_redirects:
                        raise FetchError(
                            f"{url}: more than {policy.max_redirects} redirects; "
                            f"stopped at {current}"
                        )
                    redirects.append(current)
                    current = urljoin(current, location)
                    continue
                if response.status_code >= 400:
                    wait = retry_after_seconds(response.headers.get("retry-after"))
                    raise HTTPFailure(
                        f"{current}: HTTP {response.status_code}"
                        + (f" (retry after {wait:g} s)" if wait is not None else ""),
                        response.status_code, wait)
                length = response.headers.get("content-length")
                if length and length.isdigit() and int(length) > policy.max_bytes:
                    raise FetchError(
                        f"{current}: {int(length)} bytes is over the {policy.max_bytes} byte limit"
                    )
                chunks: list[bytes] = []
                size = 0
                try:
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > policy.max_bytes:
                            raise FetchError(
                                f"{current}: body over the {policy.max_bytes} byte limit"
                            )
                        if time.monotonic() - started > policy.deadline:
                            raise FetchError(f"{current}: took longer than {policy.deadline:g} s")
                        chunks.append(chunk)
                except httpx.TimeoutException as exc:
                    raise FetchError(f"{current}: timed out after {policy.timeout:g} s") from exc
                except httpx.HTTPError as exc:
                    raise FetchError(f"{current}: cannot read the body ({exc})") from exc
                return Fetched(
                    url=current, status=response.status_code,
                    content_type=response.headers.get("content-type", ""),
                    body=b"".join(chunks), redirects=redirects, headers=kept,
                )
            finally:
                response.close()
    finally:
        if own:
            client.close()
