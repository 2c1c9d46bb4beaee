"""A finding POSTed to a webhook: a JSON body signed with the alert's secret.

Headers: `X-Treatywatch-Event: finding`, `X-Treatywatch-Delivery: <id>` (the same id on every
retry, so that a receiver can drop repeats), and `X-Treatywatch-Signature: sha256=<hex>`, the
HMAC-SHA256 of the exact body bytes under the secret. The address checks of `ingest.fetch`
apply (no private addresses unless the alert allows them); redirects are not followed.
"""

from __future__ import annotations

import hashlib
import hmac
import json

from treatywatch.ingest.fetch import FetchPolicy, fetch

SIGNATURE_HEADER = "X-Treatywatch-Signature"


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, signature: str) -> bool:
    """What a receiver does (in constant time)."""
    return hmac.compare_digest(sign(secret, body), signature or "")


def body_of(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()


def post(url: str, secret: str, payload: dict, delivery_id: int, *,
         allow_private: bool = False, timeout: float = 10.0) -> int:
    """POST the payload; returns the HTTP status (raises FetchError / HTTPFailure)."""
    body = body_of(payload)
    policy = FetchPolicy(allow_private=allow_private, timeout=timeout, deadline=3 * timeout,
                         max_bytes=64 * 1024, accept="application/json,*/*;q=0.5")
    answer = fetch(url, policy, method="POST", content=body, headers={
        "Content-Type": "application/json",
        "X-Treatywatch-Event": "finding",
        "X-Treatywatch-Delivery": str(delivery_id),
        SIGNATURE_HEADER: sign(secret, body),
    })
    return answer.status
