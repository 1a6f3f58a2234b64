"""Where reports run: in this process, in a pool of worker processes, or on a Dask cluster.

Each worker process keeps one warm kernel (`fls_kit.reports._warm_kernel`) for all the reports it is
given. Pool workers are forked from a forkserver that has already imported fls-kit, papermill
and nbconvert, and each starts its kernel as soon as it exists, so the kernels of all workers
start at the same time.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from fls_kit.reports._job import ReportJob, ReportOutcome, run_report, warm_up

OnDone = Callable[[ReportOutcome], None]


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_jobs(
    jobs: Sequence[ReportJob],
    *,
    workers: int,
    scheduler: str | None = None,
    on_done: OnDone | None = None,
) -> list[ReportOutcome]:
    """Run every job; outcomes in the order the jobs were given."""
    if not jobs:
        return []
    done: dict[int, ReportOutcome] = {}
    if scheduler:
        stream = _on_dask(jobs, scheduler)
    elif min(workers, len(jobs)) <= 1:
        stream = _here(jobs)
    else:
        stream = _in_pool(jobs, min(workers, len(jobs)))
    for index, outcome in stream:
        done[index] = outcome
        if on_done is not None:
            on_done(outcome)
    return [done[i] for i in range(len(jobs))]


def _here(jobs: Sequence[ReportJob]) -> Iterator[tuple[int, ReportOutcome]]:
    from fls_kit.reports import _warm_kernel

    try:
        for i, job in enumerate(jobs):
            yield i, run_report(job)
    finally:
        _warm_kernel.shutdown_all()


def _init_worker() -> None:
    from multiprocessing.util import Finalize

    from fls_kit.reports import _warm_kernel

    # Pool workers leave through os._exit, which skips atexit: stop the kernel explicitly.
    Finalize(None, _warm_kernel.shutdown_all, exitpriority=10)
    warm_up()


def _pool_context() -> Any:
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["fls_kit.reports._job", "papermill", "nbconvert", "pandas"])
    return ctx


def _in_pool(jobs: Sequence[ReportJob], workers: int) -> Iterator[tuple[int, ReportOutcome]]:
    with ProcessPoolExecutor(workers, mp_context=_pool_context(), initializer=_init_worker) as pool:
        pending: dict[Future[ReportOutcome], int] = {
            pool.submit(run_report, job): i for i, job in enumerate(jobs)
        }
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                i = pending.pop(future)
                yield i, _result(future, jobs[i])


def _result(future: Future[ReportOutcome], job: ReportJob) -> ReportOutcome:
    try:
        return future.result()
    except Exception as exc:  # the worker process itself died
        return ReportOutcome(job=job, status="failed", error=f"{type(exc).__name__}: {exc}")


def _on_dask(jobs: Sequence[ReportJob], scheduler: str) -> Iterator[tuple[int, ReportOutcome]]:
    from distributed import Client, as_completed

    from fls_kit.reports._dask import WarmKernelPlugin

    with Client(scheduler, set_as_default=False) as client:  # type: ignore[no-untyped-call]
        client.register_plugin(WarmKernelPlugin(), name="fls-kit-warm-kernel")
        futures = {
            client.submit(run_report, job, pure=False, key=f"fls-report-{job.stem}-{i}"): i
            for i, job in enumerate(jobs)
        }
        for future in as_completed(futures, loop=client.loop):  # type: ignore[no-untyped-call]
            i = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # the Dask worker died or the task was lost
                outcome = ReportOutcome(
                    job=jobs[i], status="failed", error=f"{type(exc).__name__}: {exc}"
                )
            yield i, outcome
