"""The library's public surface is explicit: each public module says what it exports in
`__all__`, every exported name exists, and every public function it defines is exported."""

from __future__ import annotations

import importlib
import inspect

import pytest

PUBLIC = ["treatywatch.treaties", "treatywatch.pipeline", "treatywatch.store.queries",
          "treatywatch.dates"]


@pytest.mark.parametrize("name", PUBLIC)
def test_module_declares_its_exports_and_each_exists(name):
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported, f"{name} has no __all__"
    assert len(set(exported)) == len(exported), f"{name}.__all__ repeats a name"
    missing = [n for n in exported if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ names what it does not define: {missing}"


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_function_defined_here_is_exported(name):
    module = importlib.import_module(name)
    defined = {
        n for n, obj in vars(module).items()
        if not n.startswith("_") and inspect.isfunction(obj) and obj.__module__ == name
    }
    left_out = sorted(defined - set(module.__all__))
    assert not left_out, f"{name} leaves out {left_out}"
