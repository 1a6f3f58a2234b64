"""What the reliability tests run in child processes. Spawned children import this module by
name, so it holds only plain functions and imports fls-kit lazily."""

from __future__ import annotations

import csv
import random
import time
from pathlib import Path
from typing import Any


def write_long_csv(
    path: Path, learners: list[str], statements: list[str], occasions: list[str], seed: int
) -> int:
    """A long ratings file with names, notes and times; returns the number of ratings."""
    rng = random.Random(seed)
    count = 0
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["learner_id", "navn", "statement_id", "occasion", "value", "note",
                      "recorded_at"])  # fmt: skip
        for o, occasion in enumerate(occasions):
            for learner in learners:
                stamp = f"2026-0{3 + o}-0{1 + rng.randrange(9)} 1{rng.randrange(10)}:00"
                for sid in statements:
                    value = rng.choice(["0", "1", "2", "Oppfylt", "Delvis", "ikke relevant"])
                    note = "Øvd på avdelingen" if rng.random() < 0.05 else ""
                    out.writerow(
                        [learner, f"Deltaker {learner}", sid, occasion, value, note, stamp]
                    )
                    count += 1
    return count


def import_file(url: str, path: str, barrier: Any, results: Any) -> None:
    """Import `path` once every sibling process is ready; report how many rows were written."""
    from fls_kit.ratings import import_ratings
    from fls_kit.store import open_store

    with open_store(url) as store:
        barrier.wait(timeout=120)
        result = import_ratings(store, path, create_learners=True)
    results.put((path, result.written))


def import_and_hang(url: str, path: str, flag: str) -> None:
    """Import `path` but stop inside the transaction, after every row is inserted and before the
    commit: the parent kills this process there."""
    from fls_kit.ratings import import_ratings
    from fls_kit.store import _rating_rows as _rating_rows
    from fls_kit.store import open_store

    insert = _rating_rows.insert

    def insert_then_wait(conn: Any, rows: Any) -> None:
        insert(conn, rows)
        Path(flag).write_text(str(len(rows)))
        time.sleep(300)

    _rating_rows.insert = insert_then_wait
    with open_store(url) as store:
        import_ratings(store, path, create_learners=True)


def import_plain(url: str, path: str, flag: str) -> None:
    """Import `path`, writing `flag` once the store is open (the file is about to be read)."""
    from fls_kit.ratings import import_ratings
    from fls_kit.store import open_store

    with open_store(url) as store:
        Path(flag).write_text("open")
        import_ratings(store, path, create_learners=True)
