"""The papermill engine "fls_warm": papermill's side of the warm kernel (`_warm_kernel`).

papermill loads its engine entry points while it is itself being imported, so the entry point
names `fls_kit.reports:WarmEngine`: the package's lazy registry imports papermill first and
this module second, whichever of the two a program imports first.
"""

from __future__ import annotations

import math
import time
from typing import Any

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import Engine
from papermill.utils import merge_kwargs, remove_args

from fls_kit.reports._warm_kernel import ENGINE_NAME, WarmKernel, warm_kernel


class _DeadlineClient(PapermillNotebookClient):  # type: ignore[misc]
    """papermill's client with one deadline for the whole notebook instead of one per cell."""

    def __init__(self, nb_man: Any, *, deadline: float | None = None, **kw: Any) -> None:
        super().__init__(nb_man, **kw)
        self._deadline = deadline
        self.cell_index: int | None = None

    def execute_cell(self, cell: Any, cell_index: int, *args: Any, **kwargs: Any) -> Any:
        self.cell_index = cell_index  # so that a timeout can say which cell it was
        return super().execute_cell(cell, cell_index, *args, **kwargs)

    def _get_timeout(self, cell: Any) -> int | None:
        if self._deadline is None:
            return super()._get_timeout(cell)  # type: ignore[no-any-return]
        return max(1, math.ceil(self._deadline - time.monotonic()))


class WarmEngine(Engine):  # type: ignore[misc]
    """papermill engine "fls_warm": run the notebook in this process's warm kernel.

    Extra keyword: `report_timeout` (seconds for the whole notebook; None = no limit). On a
    timeout the kernel is restarted and `nbclient.exceptions.CellTimeoutError` is raised; when
    the kernel dies it is restarted and `DeadKernelError` is raised.
    """

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man: Any,
        kernel_name: str,
        log_output: bool = False,
        stdout_file: Any = None,
        stderr_file: Any = None,
        start_timeout: int = 60,
        execution_timeout: int | None = None,
        report_timeout: float | None = None,
        **kwargs: Any,
    ) -> Any:
        kernel = warm_kernel(kernel_name, startup_timeout=start_timeout)
        deadline = time.monotonic() + report_timeout if report_timeout else None
        # The same argument handling as papermill's NBClientEngine.
        kwargs = remove_args(["input_path"], **kwargs)
        safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
        final_kwargs = merge_kwargs(
            safe_kwargs,
            timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
            startup_timeout=start_timeout,
            kernel_name=kernel.kernel_name,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
            interrupt_on_timeout=False,
        )
        return kernel.call(_run, kernel, nb_man, deadline, final_kwargs)


def _run(kernel: WarmKernel, nb_man: Any, deadline: float | None, kw: dict[str, Any]) -> Any:
    """Reset the kernel, then run the notebook in it (on the kernel's thread)."""
    kernel.reset()
    client = _DeadlineClient(nb_man, km=kernel.km, deadline=deadline, **kw)
    client.kc = kernel.kc  # reuse the open channels: no new client per report
    try:
        result = client.execute(cleanup_kc=False)
    except (CellTimeoutError, DeadKernelError) as exc:
        exc.cell_index = client.cell_index  # type: ignore[union-attr]
        kernel.restart()  # the old kernel may still be busy, or is gone
        raise
    kernel.reports += 1
    return result


def register() -> None:
    """Register the engine with papermill when the entry point is not installed (a checkout
    used without `pip install -e .`)."""
    from papermill.engines import papermill_engines

    if ENGINE_NAME not in papermill_engines._engines:
        papermill_engines.register(ENGINE_NAME, WarmEngine)
