"""Benchmark: per-learner reports, three ways, on the same demo learners in one run.

1. Naive: for each learner, the `papermill` command (a new kernel per report, papermill's own
   engine) and then `jupyter nbconvert --to html --no-input`. Slow, so it runs on the first
   NAIVE learners only (default 8); its figure is per report.
2. fls-kit's batch (`render_learner_reports`, HTML): warm kernels, one per worker process, on
   all 40 learners, start-up of the workers and kernels included; with the default number of
   workers (one per core) and with one worker.
3. No kernel at all: the same report content built by calling `fls_kit.reports._learner_sections`
   directly in this process (data, scoring, charts, HTML), no papermill, no nbconvert.

Prints seconds per report, the ratios, and the peak memory per worker (worker process plus its
kernel). Targets: the batch >= 12x faster per report than naive, and within 3x of no kernel.
Always exits 0: timings inform, they do not gate.

Run: .venv/bin/python benchmarks/reports.py [--naive 8] [--learners 40]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fls_kit.demo import create_demo_store
from fls_kit.reports import LEARNER_TEMPLATE, render_learner_reports
from fls_kit.reports import _learner_sections as rc
from fls_kit.reports._data import cohort_summary, framework_for, load_learner
from fls_kit.reports._job import NBCONVERT_TEMPLATES
from fls_kit.reports._run import default_workers
from fls_kit.store import open_store

BIN = Path(sys.executable).parent
OCCASIONS = ["før", "etter"]


def naive(url: str, ids: list[str], folder: Path) -> float:
    """Seconds per report: papermill CLI + nbconvert CLI, one learner at a time."""
    folder.mkdir()
    start = time.perf_counter()
    for learner_id in ids:
        executed = folder / f"{learner_id}.ipynb"
        subprocess.run(
            [str(BIN / "papermill"), str(LEARNER_TEMPLATE), str(executed), "-p", "learner_id",
             learner_id, "-p", "store_url", url, "--no-progress-bar", "--log-level", "ERROR"],
            check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
            check=True, capture_output=True,
        )  # fmt: skip
    return (time.perf_counter() - start) / len(ids)


def batch(url: str, folder: Path, workers: int) -> tuple[float, dict[int, int]]:
    """Seconds per report for the whole batch (wall clock), and peak KiB per worker."""
    start = time.perf_counter()
    result = render_learner_reports(url, out_dir=folder, formats="html", workers=workers,
                                    force=True)  # fmt: skip
    seconds = time.perf_counter() - start
    if not result.ok:
        print(result.summary())
    return seconds / len(result.reports), result.peak_kib


def no_kernel(url: str, ids: list[str], folder: Path) -> float:
    """Seconds per report: the content functions called directly, one learner at a time."""
    folder.mkdir()
    css = (NBCONVERT_TEMPLATES / "fls_report" / "static" / "report.css").read_text("utf-8")
    fw = framework_for("", "nb")
    with open_store(url, framework=fw) as st:
        learners = st.learners().set_index("learner_id")
        summaries = {
            c: cohort_summary(st, c, OCCASIONS, fw) for c in learners["cohort"].unique()
        }  # as the batch does: once per cohort, outside the per-report work
    rc.warm_up()
    start = time.perf_counter()
    for learner_id in ids:
        data = load_learner(url, learner_id, occasions=OCCASIONS,
                               cohort=summaries[learners.at[learner_id, "cohort"]])  # fmt: skip
        (folder / f"{learner_id}.html").write_text(rc.render_learner_page(data, css), "utf-8")
    return (time.perf_counter() - start) / len(ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--naive", type=int, default=8, help="learners for the naive loop")
    parser.add_argument("--learners", type=int, default=40)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fls-bench-reports-"))
    try:
        url = f"sqlite:///{work / 'demo.sqlite'}"
        with create_demo_store(url, n_learners=args.learners) as st:
            ids = [str(i) for i in st.learners()["learner_id"]]
        cores = default_workers()
        print(f"{len(ids)} demo learners, {cores} cores, load average "
              f"{os.getloadavg()[0]:.1f} at the start")  # fmt: skip

        t_naive = naive(url, ids[: args.naive], work / "naive")
        t_batch, peaks = batch(url, work / "batch", 0)
        t_one, _ = batch(url, work / "batch1", 1)
        t_none = no_kernel(url, ids, work / "nokernel")

        rows = [
            (f"naive: papermill + nbconvert CLI ({args.naive} learners)", t_naive),
            (f"fls-kit batch, {cores} workers ({len(ids)} learners)", t_batch),
            (f"fls-kit batch, 1 worker ({len(ids)} learners)", t_one),
            (f"no kernel: the report sections rendered directly ({len(ids)} learners)", t_none),
        ]
        print(f"\n{'way':<58} {'s/report':>9}")
        for name, seconds in rows:
            print(f"{name:<58} {seconds:>9.3f}")
        print(f"\nnaive / batch       {t_naive / t_batch:6.1f}x   (target >= 12x) "
              f"{'PASS' if t_naive / t_batch >= 12 else 'FAIL'}")  # fmt: skip
        print(f"batch / no kernel   {t_batch / t_none:6.2f}x   (target <= 3x) "
              f"{'PASS' if t_batch / t_none <= 3 else 'FAIL'}")  # fmt: skip
        print(f"naive / 1 worker    {t_naive / t_one:6.1f}x   "
              f"1 worker / no kernel {t_one / t_none:.2f}x (same number of cores)")  # fmt: skip
        for pid, kib in sorted(peaks.items()):
            print(f"peak memory, worker {pid} + its kernel: {kib / 1024:.0f} MiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
