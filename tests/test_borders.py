"""The house's borders: each room imports only the rooms upstream of it.

The store keeps what ingest reads but does not read (no ingest code in it); reports are written
from the store and the registry, not from the web app.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "treatywatch"
FORBIDDEN = {
    "store": ("treatywatch.ingest", "treatywatch.web", "treatywatch.report"),
    "report": ("treatywatch.web", "treatywatch.ingest"),
    "treaties": ("treatywatch.extract", "treatywatch.store", "treatywatch.web"),
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


@pytest.mark.parametrize("room", sorted(FORBIDDEN))
def test_room_does_not_import_downstream_code(room):
    bad = [
        (str(path.relative_to(PACKAGE)), name)
        for path in sorted((PACKAGE / room).rglob("*.py"))
        for name in _imports(path)
        if name.startswith(FORBIDDEN[room])
    ]
    assert bad == []
