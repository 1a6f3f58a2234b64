"""Benchmark: import 100,000 ratings from a long CSV into a fresh SQLite file store.

    .venv/bin/python benchmarks/import_ratings.py [--learners 570]

570 learners × 88 statements × 2 occasions = 100,320 ratings. Goal: under 10 seconds for the
whole import (read, check, write). Prints PASS or FAIL and always exits 0.
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from pathlib import Path

from fls_kit import load_framework
from fls_kit.ratings import import_ratings
from fls_kit.store import open_store

GOAL = 10.0
VALUES = ["0", "1", "2", "Oppfylt", "Delvis", "Ikke ennå", "ikke relevant"]


def write_file(path: Path, learners: int, ids: list[str]) -> int:
    rng = random.Random(2026)
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["learner_id", "navn", "statement_id", "occasion", "value", "recorded_at"])
        for occasion, day in (("før", "2026-03-02"), ("etter", "2026-04-20")):
            for i in range(learners):
                stamp = f"{day} {9 + i % 8:02d}:{i % 60:02d}"
                for sid in ids:
                    out.writerow([f"D{i:04d}", f"Deltaker {i}", sid, occasion,
                                  rng.choice(VALUES), stamp])  # fmt: skip
                    rows += 1
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=570)
    args = parser.parse_args()
    fw = load_framework()
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "vurderinger.csv"
        rows = write_file(csv_path, args.learners, fw.ids)
        url = f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        with open_store(url, framework=fw) as store:
            start = time.perf_counter()
            result = import_ratings(store, csv_path, create_learners=True)
            first = time.perf_counter() - start
            start = time.perf_counter()
            again = import_ratings(store, csv_path)
            second = time.perf_counter() - start
    assert result.written == rows, (result, rows)
    assert again.written == 0, again
    verdict = "PASS" if first < GOAL else "FAIL"
    print(f"import of {rows:,} ratings ({args.learners} learners): {first:.2f} s "
          f"(goal < {GOAL:.0f} s) {verdict}")  # fmt: skip
    print(f"re-import of the same file (writes nothing): {second:.2f} s")


if __name__ == "__main__":
    main()
