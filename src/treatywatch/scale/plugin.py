"""A worker plugin that loads the model once, when each worker (or its restart) starts."""

from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin

from treatywatch.runner import Analyzer, _warm


class WarmModel(WorkerPlugin):
    name = "treatywatch-warm-model"

    def __init__(self, analyze: Analyzer) -> None:
        self.analyze = analyze

    def setup(self, worker) -> None:
        _warm(self.analyze)
