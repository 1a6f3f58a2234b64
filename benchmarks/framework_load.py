"""How long `load_framework()` takes, against the goal of 100 ms.

Run: .venv/bin/python benchmarks/framework_load.py [repeats]

Prints the median of several loads (the first load is shown apart; imports are not counted)
and PASS or FAIL. Always exits 0: timings depend on the machine, so this informs, not gates.
"""

from __future__ import annotations

import statistics
import sys
import time

from fls_kit import load_framework

GOAL_MS = 100.0


def main(argv: list[str]) -> int:
    repeats = int(argv[0]) if argv else 20
    start = time.perf_counter()
    load_framework()  # the first load also reads files from disk into the OS cache
    first = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fw = load_framework()
        times.append((time.perf_counter() - start) * 1000)
    median = statistics.median(times)
    verdict = "PASS" if median <= GOAL_MS else "FAIL"
    print(
        f"load_framework(): median {median:.1f} ms over {repeats} loads "
        f"(min {min(times):.1f}, max {max(times):.1f}, first {first:.1f}; "
        f"{len(fw)} statements); "
        f"goal {GOAL_MS:.0f} ms: {verdict}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
