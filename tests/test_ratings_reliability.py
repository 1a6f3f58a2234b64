"""Imports under stress: concurrent writers, a killed process, and malformed files.

Concurrency and crash tests use a SQLite file, the default store, and real processes.
"""

from __future__ import annotations

import csv
import io
import multiprocessing
import os
import shutil
import signal
import sqlite3
import string
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
import ratings_workers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fls_kit.errors import RatingsImportError
from fls_kit.framework import Framework
from fls_kit.ratings import import_ratings, read_ratings_file
from fls_kit.scales import DEFAULT_SCALE
from fls_kit.store import RATING_COLUMNS, Store, open_store

pytestmark = pytest.mark.slow
SPAWN = multiprocessing.get_context("spawn")


def snapshot(url: str, fw: Framework) -> tuple[pd.DataFrame, pd.DataFrame]:
    with open_store(url, framework=fw) as st:
        return st.ratings(history=True), st.learners()


def sorted_ratings(frame: pd.DataFrame) -> pd.DataFrame:
    key = ["learner_id", "statement_id", "occasion", "rater", "recorded_at"]
    frame = frame[RATING_COLUMNS].astype({"recorded_at": "datetime64[ns, UTC]"})
    return frame.sort_values(key).reset_index(drop=True)


def wait_for(check: Callable[[], bool], timeout: float, what: str) -> None:
    end = time.monotonic() + timeout
    while not check():
        if time.monotonic() > end:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


# -- four processes at once ------------------------------------------------------------------
def test_four_processes_importing_at_once_lose_nothing(tmp_path: Path, fw: Framework) -> None:
    url = f"sqlite:///{tmp_path / 'kurs.sqlite'}"
    open_store(url, framework=fw).close()
    shared = [f"S{i:02d}" for i in range(30)]  # every file creates these learners too
    files = []
    for k in range(4):
        path = tmp_path / f"fil{k}.csv"
        own = [f"P{k}-{i:02d}" for i in range(15)]
        ratings_workers.write_long_csv(path, shared + own, fw.ids, [f"økt{k}"], seed=k)
        files.append(str(path))
    barrier, results = SPAWN.Barrier(4), SPAWN.Queue()
    procs = [
        SPAWN.Process(target=ratings_workers.import_file, args=(url, f, barrier, results))
        for f in files
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=300)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    written = dict(results.get(timeout=5) for _ in procs)
    expected = pd.concat(
        [read_ratings_file(f, scale=DEFAULT_SCALE, framework=fw).ratings for f in files]
    )
    assert sum(written.values()) == len(expected) == 4 * 45 * len(fw.ids)
    history, learners = snapshot(url, fw)
    pd.testing.assert_frame_equal(sorted_ratings(history), sorted_ratings(expected))
    assert len(learners) == 30 + 4 * 15


# -- a process killed in the middle of an import ---------------------------------------------
@pytest.fixture
def big_import(tmp_path: Path, fw: Framework) -> tuple[str, Path, Path]:
    """A store with some ratings already, and a big file (about 50,000 ratings) for it."""
    url = f"sqlite:///{tmp_path / 'kurs.sqlite'}"
    small = tmp_path / "small.csv"
    ratings_workers.write_long_csv(small, ["A01", "A02"], fw.ids[:20], ["før"], seed=1)
    with open_store(url, framework=fw) as st:
        import_ratings(st, small, create_learners=True)
    big = tmp_path / "big.csv"
    learners = [f"B{i:03d}" for i in range(285)]
    ratings_workers.write_long_csv(big, ["A01", *learners], fw.ids, ["før", "etter"], seed=2)
    return url, big, tmp_path / "kurs.sqlite"


def test_killed_inside_the_transaction_leaves_the_store_as_it_was(
    big_import: tuple[str, Path, Path], tmp_path: Path, fw: Framework
) -> None:
    url, big, db = big_import
    before = snapshot(url, fw)
    flag = tmp_path / "inserted"
    child = SPAWN.Process(target=ratings_workers.import_and_hang, args=(url, str(big), str(flag)))
    child.start()
    try:
        wait_for(flag.exists, 180, "the child to insert its rows")
        assert int(flag.read_text()) > 50_000  # every row was inserted, none committed
    finally:
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join(timeout=30)
    assert child.exitcode == -signal.SIGKILL
    after = snapshot(url, fw)
    pd.testing.assert_frame_equal(after[0], before[0])
    pd.testing.assert_frame_equal(after[1], before[1])
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # The lock died with the process: the same import now goes through, in full.
    with open_store(url, framework=fw) as st:
        result = import_ratings(st, big, create_learners=True)
    assert result.learners_created == 285
    assert len(snapshot(url, fw)[0]) == len(before[0]) + result.written


@pytest.mark.parametrize("delay", [0.0, 0.8, 2.0, 4.0])
def test_killed_at_any_moment_the_import_is_all_or_nothing(
    big_import: tuple[str, Path, Path], tmp_path: Path, fw: Framework, delay: float
) -> None:
    url, big, db = big_import
    before = snapshot(url, fw)
    full = read_ratings_file(big, scale=DEFAULT_SCALE, framework=fw).ratings
    flag = tmp_path / "opened"
    child = SPAWN.Process(target=ratings_workers.import_plain, args=(url, str(big), str(flag)))
    child.start()
    wait_for(lambda: flag.exists() or child.exitcode is not None, 120, "the child to start")
    time.sleep(delay)
    assert child.pid is not None
    os.kill(child.pid, signal.SIGKILL)
    child.join(timeout=30)
    history, learners = snapshot(url, fw)
    if len(history) == len(before[0]):
        pd.testing.assert_frame_equal(history, before[0])
        pd.testing.assert_frame_equal(learners, before[1])
    else:  # the commit came first: then all of it is there
        assert len(learners) == len(before[1]) + 285
        got = history.merge(before[0], how="left", indicator=True)
        new = got[got["_merge"] == "left_only"].drop(columns="_merge")
        assert len(new) == len(history) - len(before[0])
        assert set(new["learner_id"]) <= set(full["learner_id"])
        with open_store(url, framework=fw) as st:
            assert import_ratings(st, big).written == 0  # nothing of the file is missing
    shutil.copy(db, tmp_path / "check.sqlite")
    with sqlite3.connect(tmp_path / "check.sqlite") as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)


# -- malformed files ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def shared_store(fw: Framework) -> Iterator[Store]:
    with open_store("sqlite://", framework=fw) as st:
        st.add_learner("d01", "Åse")
        yield st


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("malformed")


def try_import(store: Store, path: Path, **kw: Any) -> None:
    """Import must succeed or raise RatingsImportError; an error leaves the store unchanged."""
    before = store.ratings(history=True), store.learners()
    try:
        result = import_ratings(store, path, **kw)
    except RatingsImportError as exc:
        exc.text("nb")  # an InputError always holds at least one problem
        exc.text("en")
        pd.testing.assert_frame_equal(store.ratings(history=True), before[0])
        pd.testing.assert_frame_equal(store.learners(), before[1])
        return
    assert len(store.ratings(history=True)) == len(before[0]) + result.written
    assert len(store.learners()) == len(before[1]) + result.learners_created


MALFORMED = settings(
    max_examples=60, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)  # fmt: skip
SUFFIXES = st.sampled_from([".csv", ".xlsx", ".txt", ""])
KNOWN = [
    "learner_id", "deltaker_id", "navn", "statement_id", "utsagn", "value", "verdi", "occasion",
    "anledning", "rater", "note", "recorded_at", "tidspunkt", "1.C1", "2_C3", "q_1_C2", "9.C1",
    "3.3.P8", "$submission_id", "$created", "",
]  # fmt: skip
LIKELY = [
    "d01", "d02", "1.C1", "1_C1", "2.C3", "9.Z9", "Oppfylt", "met", "2", "2,0", "2.5", "3", "-1",
    "ikke relevant", "før", "etter", "", " ", "2026-03-02 10:00", "02.03.2026", "31.02.2026",
    "0001-01-01", "i går", "self", "NaN", "inf", "1e400", '"', ";", "\n",
]  # fmt: skip
CELLS = st.one_of(
    st.sampled_from(LIKELY),
    st.text(max_size=20),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.integers(min_value=150, max_value=3000).map(lambda n: "x" * n),  # too long for an id
)
HEADERS = st.lists(st.one_of(st.sampled_from(KNOWN), st.text(max_size=12)), max_size=9)
TABLES = st.tuples(HEADERS, st.lists(st.lists(CELLS, max_size=10), max_size=12))


@MALFORMED
@given(content=st.binary(max_size=3000), suffix=SUFFIXES, create=st.booleans())
def test_random_bytes(
    shared_store: Store, scratch: Path, content: bytes, suffix: str, create: bool
) -> None:
    path = scratch / f"bytes{suffix}"
    path.write_bytes(content)
    try_import(shared_store, path, occasion="før", create_learners=create)


@MALFORMED
@given(
    table=TABLES,
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    occasion=st.sampled_from([None, "før"]),
    create=st.booleans(),
)
def test_random_csv_tables(
    shared_store: Store, scratch: Path, table: tuple[list[str], list[list[str]]],
    delimiter: str, encoding: str, occasion: str | None, create: bool,
) -> None:  # fmt: skip
    header, rows = table
    buffer = io.StringIO()
    out = csv.writer(buffer, delimiter=delimiter)
    out.writerow(header)
    out.writerows(rows)
    path = scratch / "table.csv"
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    try_import(shared_store, path, occasion=occasion, create_learners=create)


XLSX_CELLS = st.one_of(
    st.sampled_from([*LIKELY[:-1], None]),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.text(alphabet=string.ascii_letters + "æøåÆØÅ .,;_-", max_size=15),
)


@MALFORMED
@given(
    header=HEADERS.map(lambda h: [x.replace("\x00", "") for x in h]),
    rows=st.lists(st.lists(XLSX_CELLS, max_size=10), max_size=10),
    create=st.booleans(),
)
def test_random_xlsx_sheets(
    shared_store: Store, scratch: Path, header: list[str], rows: list[list[object]], create: bool
) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    try:
        ws.append(header)
    except openpyxl.utils.exceptions.IllegalCharacterError:
        return  # openpyxl cannot write such a header, so no user can have it
    for row in rows:
        ws.append(row)
    path = scratch / "sheet.xlsx"
    book.save(path)
    try_import(shared_store, path, occasion="før", create_learners=create)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xef\xbb\xbf",
        b"learner_id,statement_id,occasion,value\n",
        b"learner_id,statement_id,occasion,value\n" + b"d01,1.C1,f\xc3\xb8r," + b"2" * 5000 + b"\n",
        b'learner_id,statement_id,occasion,value\nd01,1.C1,f\xc3\xb8r,"'
        + b"x" * 2_000_000
        + b'"\n',
        b'learner_id,statement_id,occasion,value\nd01,1.C1,"f\xc3\xb8r,2\n',  # unclosed quote
        b"learner_id;value\n" * 1000,
    ],
)
def test_empty_huge_and_broken_files(shared_store: Store, scratch: Path, content: bytes) -> None:
    path = scratch / "edge.csv"
    path.write_bytes(content)
    with pytest.raises(RatingsImportError):
        import_ratings(shared_store, path)
