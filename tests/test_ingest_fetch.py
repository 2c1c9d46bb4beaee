"""Safe fetching: refused addresses, redirects checked, bounds on size, time and redirects."""

from __future__ import annotations

import pytest

from tests.storekit import LocalServer, html_route, page_html, slow_route
from treatywatch.ingest import fetch as fetchmod
from treatywatch.ingest.fetch import FetchError, FetchPolicy, fetch, is_public

OPEN = FetchPolicy(allow_private=True, timeout=2.0, deadline=5.0)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/",
    "http://192.168.1.1/", "http://[::1]/", "http://localhost/", "http://0.0.0.0/",
    "http://172.16.0.5/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/",
])
def test_default_policy_refuses_non_public_addresses(url):
    with pytest.raises(FetchError, match="non-public address"):
        fetch(url)


def test_is_public():
    assert is_public("93.184.215.14") and is_public("2606:4700::1111")
    assert not any(is_public(a) for a in ("127.0.0.1", "10.0.0.1", "169.254.1.1", "100.64.0.1",
                                          "224.0.0.1", "240.0.0.1", "::1", "fc00::1"))


def test_other_schemes_refused():
    for url in ("file:///etc/passwd", "ftp://example.org/x", "gopher://x/"):
        with pytest.raises(FetchError, match="only http and https"):
            fetch(url, OPEN)


def test_fetches_with_allow_private_and_a_clear_user_agent():
    with LocalServer({"/a": html_route(page_html("T", "Body text."))}) as srv:
        got = fetch(f"{srv.base}/a", OPEN)
        assert got.status == 200 and b"Body text." in got.body
        agent = srv.requests[0][1]["User-Agent"]
        assert agent.startswith("treatywatch/") and "(+http" in agent
        with pytest.raises(FetchError, match="non-public address"):
            fetch(f"{srv.base}/a")  # the default refuses the same server


def test_follows_redirects_and_bounds_them():
    routes = {
        "/start": (302, {"Location": "/end"}, b""),
        "/end": html_route("<p>arrived</p>"),
        "/loop": (301, {"Location": "/loop"}, b""),
    }
    with LocalServer(routes) as srv:
        got = fetch(f"{srv.base}/start", OPEN)
        assert got.url == f"{srv.base}/end" and got.redirects == [f"{srv.base}/start"]
        with pytest.raises(FetchError, match="more than 5 redirects"):
            fetch(f"{srv.base}/loop", OPEN)


def test_redirect_targets_are_checked_too(monkeypatch):
    """A public page redirecting into the private network is refused at the redirect."""
    monkeypatch.setattr(fetchmod, "is_public", lambda a: a == "127.0.0.1")
    routes = {"/jump": (302, {"Location": "http://10.0.0.1/admin"}, b"")}
    with LocalServer(routes) as srv:
        with pytest.raises(FetchError, match=r"10\.0\.0\.1.*non-public"):
            fetch(f"{srv.base}/jump", FetchPolicy(timeout=2))
        assert [p for p, _ in srv.requests] == ["/jump"]


def test_size_and_time_bounds():
    big = b"<p>" + b"x" * 50_000 + b"</p>"
    routes = {
        "/big": (200, {"Content-Type": "text/html"}, big),
        "/slow": slow_route(3.0),
        "/gone": (404, {"Content-Type": "text/plain"}, b"no"),
    }
    policy = FetchPolicy(allow_private=True, max_bytes=10_000, timeout=1.0)
    with LocalServer(routes) as srv:
        with pytest.raises(FetchError, match="byte limit"):
            fetch(f"{srv.base}/big", policy)
        with pytest.raises(FetchError, match="timed out"):
            fetch(f"{srv.base}/slow", policy)
        with pytest.raises(FetchError, match="HTTP 404"):
            fetch(f"{srv.base}/gone", policy)


def _self_signed(tmp_path):
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    done = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
         "-out", str(cert), "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost"], capture_output=True, timeout=60)
    if done.returncode != 0:
        pytest.skip(f"openssl cannot make a certificate: {done.stderr[-200:]!r}")
    return key, cert


def test_https_goes_to_the_checked_address_with_the_name_in_sni_and_host(tmp_path):
    """The connection is pinned to the resolved address; TLS still verifies the host name."""
    import ssl

    import httpx

    key, cert = _self_signed(tmp_path)
    with LocalServer({"/a": html_route("<p>over TLS</p>")}) as srv:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        srv.httpd.socket = context.wrap_socket(srv.httpd.socket, server_side=True)
        port = srv.httpd.server_address[1]
        client_ctx = ssl.create_default_context(cafile=str(cert))
        with httpx.Client(verify=client_ctx, follow_redirects=False, trust_env=False) as client:
            got = fetch(f"https://localhost:{port}/a", OPEN, client=client)
            assert got.status == 200 and b"over TLS" in got.body
            assert srv.requests[-1][1]["Host"] == f"localhost:{port}"
            # the certificate names localhost, not 127.0.0.1: asking for the IP must fail
            with pytest.raises(FetchError, match="cannot"):
                fetch(f"https://127.0.0.1:{port}/a", OPEN, client=client)
