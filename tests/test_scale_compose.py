"""The docker-compose example of docs/scale.md is valid YAML and names what it must: the
scheduler the workers and the ingest join, PostgreSQL, the archive mounted where the client and
the workers see it. (Parsed only: no Docker engine runs here, so it was never started.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

DOC = Path(__file__).resolve().parents[1] / "docs" / "scale.md"


def _compose() -> dict:
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 1, "docs/scale.md should hold one yaml block, the compose example"
    return yaml.safe_load(blocks[0])


def test_the_compose_example_parses_and_wires_the_services():
    compose = _compose()
    services = compose["services"]
    assert set(services) == {"db", "scheduler", "worker", "ingest"}
    assert services["db"]["image"].startswith("postgres:")
    scheduler = services["scheduler"]["command"]
    port = re.search(r"--port (\d+)", scheduler).group(1)
    assert f"tcp://scheduler:{port}" in services["worker"]["command"]
    assert f"--scheduler tcp://scheduler:{port}" in services["ingest"]["command"]
    assert "--nthreads 1" in services["worker"]["command"]  # the analysis holds the GIL
    url = services["ingest"]["environment"]["TREATYWATCH_DATABASE_URL"]
    assert url.startswith("postgresql+psycopg://") and "@db/" in url
    env = services["db"]["environment"]
    assert f"{env['POSTGRES_USER']}:{env['POSTGRES_PASSWORD']}@db/{env['POSTGRES_DB']}" in url
    mounts = {s: [v.split(":")[1] for v in services[s].get("volumes", [])]
              for s in ("worker", "ingest")}
    assert "/archive" in mounts["worker"] and "/archive" in mounts["ingest"]
    assert "/archive" in services["ingest"]["command"]
    named = {v.split(":")[0] for v in services["db"]["volumes"]}
    assert named <= set(compose["volumes"])
    for name, service in services.items():
        for dep in service.get("depends_on", []):
            assert dep in services, f"{name} depends on an unknown service {dep}"
