"""Benchmark: score 10,000 learners x 88 statements x 2 occasions (goal: well under 2 s).

Run with `make bench` or `.venv/bin/python benchmarks/scoring.py`. Prints the median of 3 runs
for each step and PASS/FAIL against the goal; always exits 0 (speed is never a unit test).
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from fls_kit import load_framework, scoring

GOAL_SECONDS = 2.0
LEARNERS = 10_000
OCCASIONS = ("før", "etter")
RUNS = 3


def synthetic_ratings(n_learners: int, statement_ids: list[str], seed: int = 20260) -> pd.DataFrame:
    """Self-ratings for every learner, statement and occasion; 5 % not relevant, 3 % unrated."""
    rng = np.random.default_rng(seed)
    n_s = len(statement_ids)
    learner = np.repeat(np.array([f"D{i:05d}" for i in range(n_learners)]), n_s)
    statement = np.tile(np.array(statement_ids), n_learners)
    frames = []
    for step, occasion in enumerate(OCCASIONS):
        value = np.minimum(rng.integers(0, 3, len(learner)) + step, 2)  # "etter" a bit better
        not_relevant = rng.random(len(learner)) < 0.05
        frame = pd.DataFrame(
            {
                "learner_id": learner,
                "statement_id": statement,
                "occasion": occasion,
                "rater": "self",
                "value": pd.array(value, dtype="Int64"),
                "not_relevant": not_relevant,
                "note": "",
                "recorded_at": pd.Timestamp("2026-03-01", tz="UTC"),
            }
        )
        frame["value"] = frame["value"].mask(not_relevant)
        frames.append(frame.loc[rng.random(len(frame)) >= 0.03])  # some left unrated
    return pd.concat(frames, ignore_index=True)


def median_seconds(step: Callable[[], object]) -> tuple[float, float]:
    """Median wall-clock seconds (perf_counter) and median CPU seconds of this process."""
    wall, cpu = [], []
    for _ in range(RUNS):
        start, start_cpu = time.perf_counter(), time.process_time()
        step()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main() -> int:
    fw = load_framework()
    ratings = synthetic_ratings(LEARNERS, fw.ids)
    print(f"{len(ratings):,} ratings: {LEARNERS:,} learners x {len(fw)} statements x 2 occasions")
    print(f"median of {RUNS} runs; goal: prepare + all steps < {GOAL_SECONDS:.1f} s wall clock")
    prepared = scoring.prepare(ratings, fw)
    steps: dict[str, Callable[[], object]] = {
        "prepare": lambda: scoring.prepare(ratings, fw),
        "profile": lambda: scoring.profile(prepared, fw),
        "profile_wide": lambda: scoring.profile_wide(prepared, fw),
        "attained_levels": lambda: scoring.attained_levels(prepared, fw),
        "cohort_statements": lambda: scoring.cohort_statements(prepared, fw),
        "cohort_domains": lambda: scoring.cohort_domains(prepared, fw),
        "cohort_attainment": lambda: scoring.cohort_attainment(prepared, fw),
    }
    unprepared: dict[str, Callable[[], object]] = {
        "profile": lambda: scoring.profile(ratings, fw),
        "attained_levels": lambda: scoring.attained_levels(ratings, fw),
        "cohort_domains": lambda: scoring.cohort_domains(ratings, fw),
    }
    print(f"  {'step':<24} {'wall':>8} {'cpu':>8}")
    total = total_cpu = 0.0
    for name, step in steps.items():
        wall, cpu = median_seconds(step)
        total, total_cpu = total + wall, total_cpu + cpu
        print(f"  {name:<24} {wall:7.3f}s {cpu:7.3f}s")
    verdict = "PASS" if total < GOAL_SECONDS else "FAIL"
    print(
        f"  {'total':<24} {total:7.3f}s {total_cpu:7.3f}s   goal < {GOAL_SECONDS:.1f} s: {verdict}"
    )
    print("  each straight from the DataFrame (no prepare):")
    for name, step in unprepared.items():
        wall, cpu = median_seconds(step)
        print(f"  {name:<24} {wall:7.3f}s {cpu:7.3f}s")
    load = os.getloadavg()[0]
    cores = os.cpu_count() or 1
    if load > cores:
        print(f"  note: load average {load:.1f} on {cores} cores; wall times include waiting")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
