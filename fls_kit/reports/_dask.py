"""Dask worker plugin: each Dask worker keeps one warm report kernel, stopped with the worker."""

from __future__ import annotations

import sys
from typing import Any

from distributed import WorkerPlugin


class WarmKernelPlugin(WorkerPlugin):
    """Start the report kernel when a worker joins; stop it when the worker closes."""

    name = "fls-kit-warm-kernel"

    def setup(self, worker: Any) -> None:
        # Started lazily by the first report: a worker that never gets one starts nothing.
        pass

    def teardown(self, worker: Any) -> None:
        # Only a worker that ran a report has a kernel (and has imported the engine).
        engine = sys.modules.get("fls_kit.reports._warm_kernel")
        if engine is not None:
            engine.shutdown_all()
