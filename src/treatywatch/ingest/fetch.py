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

Errors are `FetchError` (a `BadInput`): the runner records them as failures and goes on.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from treatywatch import __version__
from treatywatch.errors import BadInput

log = logging.getLogger(__name__)

PROJECT_URL = "https://github.com/treatywatch/treatywatch"
USER_AGENT = f"treatywatch/{__version__} (+{PROJECT_URL})"


class FetchError(BadInput):
    """A URL that could not be fetched safely (refused address, too big, too slow, HTTP error)."""


@dataclass(frozen=True)
class FetchPolicy:
    allow_private: bool = False
    max_bytes: int = 5 * 1024 * 1024
    timeout: float = 20.0  # seconds per connect / read
    deadline: float = 60.0  # seconds for the whole fetch, redirects included
    max_redirects: int = 5
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
        bad = [a for a in addresses if not is_public(a)]
        if bad:
            raise FetchError(
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


def fetch(url: str, policy: FetchPolicy | None = None, *, client: httpx.Client | None = None
          ) -> Fetched:
    """GET `url` under `policy`; raises FetchError when it cannot be fetched safely."""
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
            for address in addresses:  # the checked addresses only, each in turn
                request = client.build_request(
                    "GET", current if literal else _pinned(current, address),
                    headers={"Host": host_header, "User-Agent": policy.user_agent,
                             "Accept": policy.accept},
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
                    raise FetchError(f"{current}: HTTP {response.status_code}")
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
                    body=b"".join(chunks), redirects=redirects,
                )
            finally:
                response.close()
    finally:
        if own:
            client.close()
