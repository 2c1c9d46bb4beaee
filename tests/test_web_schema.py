"""Requests generated from the OpenAPI spec (schemathesis): no server error, one error shape.

Driven with hypothesis directly (schemathesis's pytest plugin does not run under this pytest),
a few examples per operation so the test stays quick.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings

EXAMPLES = 8


def _check(case, seen: list[int]) -> None:
    response = case.call()
    seen.append(response.status_code)
    where = f"{case.method} {case.formatted_path} {case.query}"
    assert response.status_code < 500, f"{where}: {response.text}"
    if response.status_code >= 400:
        body = response.json()
        assert set(body["error"]) == {"status", "message", "hint"}, where
        assert body["error"]["status"] == response.status_code, where


def test_api_never_fails_with_a_server_error(store_url):
    from treatywatch.web import create_app

    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(store_url))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    seen: list[int] = []
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case) -> None:
            _check(case, seen)

        run()
    assert len(seen) >= 2 * len(operations)  # the strategies did generate requests
    assert 200 in seen and any(400 <= s < 500 for s in seen)
