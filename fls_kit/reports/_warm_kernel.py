"""A papermill engine that keeps one warm kernel per process and resets it between reports.

papermill's own engine (`NBClientEngine`) starts a kernel for every notebook: one to three
seconds of start-up and imports (pandas, matplotlib, fls_kit) before the first cell runs. For a
batch of 40 learner reports that is most of the time spent. `WarmEngine` starts the kernel
once per process, imports what reports need, and then runs notebook after notebook in it.

Isolation between learners: before every notebook the kernel runs `%reset -f` and
`fls_kit.reports._kernel_state.restore()` (working folder, environment, pandas options, matplotlib
rcParams and figures, random state, fls_kit caches). A notebook that times out or kills its
kernel gets the kernel restarted, so the next report starts clean. The kernel keeps its input
history in memory only, so no learner's data lands in ~/.ipython.

Registered with papermill under the name "fls_warm" through the `papermill.engine` entry point
in pyproject.toml:

    papermill.execute_notebook(template, None, parameters, engine_name="fls_warm",
                               report_timeout=300)

This module holds the kernel only and imports nothing of papermill; the papermill `Engine`
that runs notebooks in it is `fls_kit.reports._papermill_engine.WarmEngine`.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import queue
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

__all__ = ["ENGINE_NAME", "WarmKernel", "kernel_pids", "shutdown_all", "warm_kernel"]

T = TypeVar("T")
ENGINE_NAME = "fls_warm"
# Imported once when a kernel starts, so that no report pays for them.
WARM_IMPORTS = (
    "numpy",
    "pandas",
    "matplotlib",
    "matplotlib.figure",
    "matplotlib.backends.backend_svg",
    "IPython.display",
    "fls_kit.store._store",
    "fls_kit.scoring._rules",
    "fls_kit.curriculum._coverage",
    "fls_kit.reports._learner_sections",
    "fls_kit.reports.sections",  # what the report notebooks import
)
PRELUDE = f"""
import importlib as _importlib
for _name in {WARM_IMPORTS!r}:
    try:
        _importlib.import_module(_name)
    except ImportError:
        pass
try:
    _importlib.import_module("fls_kit.reports._learner_sections").warm_up()
except Exception:
    pass
import fls_kit.reports._kernel_state as _fls_state
_fls_state.snapshot()
del _importlib, _name, _fls_state
"""
RESET = """%reset -f
import fls_kit.reports._kernel_state as _fls_state
_fls_state.restore()
del _fls_state
"""
KERNEL_ARGS = ["--HistoryManager.hist_file=:memory:"]


class KernelSetupError(RuntimeError):
    """The warm kernel could not be started, warmed up or reset."""


class WarmKernel:
    """One kernel, kept running, driven from one thread of its own.

    The kernel client's sockets belong to the asyncio loop of the thread that made them, so
    every call that touches the kernel runs on this object's thread, whichever thread asks
    (the main thread, a Dask worker thread, ...). The thread is a daemon so that the kernel
    can still be shut down from an atexit handler.
    """

    def __init__(self, kernel_name: str = "python3", *, startup_timeout: int = 60) -> None:
        self.kernel_name = kernel_name or "python3"
        self.startup_timeout = startup_timeout
        self.km: AsyncKernelManager | None = None
        self.kc: Any = None
        self.reports = 0
        self.restarts = 0
        # The kernel works in a folder of its own: a report that writes relative paths
        # cannot touch the user's folders, and `restore()` returns here.
        self.workdir = tempfile.mkdtemp(prefix="fls-kernel-")
        self._jobs: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]] | None]
        self._jobs = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._serve, name="fls-warm-kernel", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while (job := self._jobs.get()) is not None:
            func, future = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(func())
            except BaseException as exc:
                future.set_exception(exc)
        # run_sync made an event loop for this thread; close it with the thread.
        loop = asyncio.get_event_loop_policy().get_event_loop()
        if not loop.is_closed():
            loop.close()

    def call(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `func` on the kernel's own thread and wait for it."""
        if threading.current_thread() is self._thread:
            return func(*args, **kwargs)
        if not self._thread.is_alive():
            raise KernelSetupError("the report kernel has been closed")
        future: Future[T] = Future()
        self._jobs.put((lambda: func(*args, **kwargs), future))
        return future.result()

    # -- everything below runs on the kernel thread ----------------------------------------
    def start(self) -> None:
        run_sync(self._async_start)()

    async def _async_start(self) -> None:
        # Unix sockets in the kernel's own folder: no TCP port open on the machine.
        km = AsyncKernelManager(
            kernel_name=self.kernel_name, transport="ipc", ip=str(Path(self.workdir, "kernel")),
            connection_file=str(Path(self.workdir, "connection.json")),
        )  # fmt: skip
        env = dict(os.environ)
        env["MPLBACKEND"] = "agg"  # charts are drawn to files, never to a screen
        await km.start_kernel(cwd=self.workdir, env=env, extra_arguments=KERNEL_ARGS)
        kc = km.client()
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=self.startup_timeout)
        except RuntimeError as exc:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)
            raise KernelSetupError(f"the report kernel did not start: {exc}") from exc
        kc.allow_stdin = False
        self.km, self.kc = km, kc
        await self._async_run(PRELUDE, self.startup_timeout)

    def reset(self, timeout: float = 60) -> None:
        run_sync(self._async_run)(RESET, timeout)

    async def _async_run(self, code: str, timeout: float) -> None:
        """Run `code` silently; raise KernelSetupError when it fails."""
        kc = self.kc
        msg_id = kc.execute(code, silent=True, store_history=False, allow_stdin=False)
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise KernelSetupError("the report kernel did not answer in time")
            reply = await kc.get_shell_msg(timeout=remaining)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        content = reply["content"]
        if content.get("status") != "ok":
            raise KernelSetupError(
                f"preparing the report kernel failed: {content.get('ename')}: "
                f"{content.get('evalue')}"
            )

    def restart(self) -> None:
        """A fresh kernel process (after a timeout or a crash), warmed up again."""
        self.restarts += 1
        self.shutdown_kernel()
        self.start()

    def shutdown_kernel(self) -> None:
        run_sync(self._async_shutdown)()

    async def _async_shutdown(self) -> None:
        if self.kc is not None:
            self.kc.stop_channels()
            self.kc = None
        if self.km is not None:
            try:
                if await self.km.is_alive():
                    await self.km.shutdown_kernel(now=True)
            finally:
                await self.km.cleanup_resources()
                self.km = None

    def pid(self) -> int | None:
        provisioner = getattr(self.km, "provisioner", None)
        process = getattr(provisioner, "process", None)
        pid = getattr(process, "pid", None)
        return pid if isinstance(pid, int) else None

    def close(self) -> None:
        """Stop the kernel and the thread, and remove the kernel's folder."""
        try:
            if self._thread.is_alive():
                self.call(self.shutdown_kernel)
        finally:
            self._jobs.put(None)
            shutil.rmtree(self.workdir, ignore_errors=True)


_KERNELS: dict[str, WarmKernel] = {}
_LOCK = threading.Lock()


def warm_kernel(kernel_name: str = "python3", *, startup_timeout: int = 60) -> WarmKernel:
    """This process's warm kernel for `kernel_name`, started on first use."""
    name = kernel_name or "python3"
    with _LOCK:
        kernel = _KERNELS.get(name)
        if kernel is None:
            kernel = WarmKernel(name, startup_timeout=startup_timeout)
            try:
                kernel.call(kernel.start)
            except BaseException:
                kernel.close()
                raise
            _KERNELS[name] = kernel
        return kernel


def shutdown_all() -> None:
    """Stop every warm kernel of this process (at exit, or when a Dask worker closes)."""
    with _LOCK:
        kernels = list(_KERNELS.values())
        _KERNELS.clear()
    for kernel in kernels:
        kernel.close()


def kernel_pids() -> list[int]:
    """Process ids of this process's warm kernels (for memory figures)."""
    return [pid for k in list(_KERNELS.values()) if (pid := k.pid()) is not None]


def _forget_after_fork() -> None:
    # A forked child must not drive its parent's kernel: it starts its own on first use.
    _KERNELS.clear()


atexit.register(shutdown_all)
os.register_at_fork(after_in_child=_forget_after_fork)
