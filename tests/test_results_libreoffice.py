"""A real spreadsheet program reads the results workbook: LibreOffice converts every sheet to
CSV, and the values match the tables the workbook was written from."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from conftest import require

from fls_kit.results import results_tables, write_results_workbook
from fls_kit.store import Store

pytestmark = pytest.mark.slow

COHORT = "FLS-kurs Oslo vår 2026"
# Comma, double quote, UTF-8 (76), from line 1, raw values (not "as shown"), and -1: every
# sheet to its own file <name>-<sheet>.csv (LibreOffice 7.2 and later).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
TIMEOUT = 600


def soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    require("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-calc-nogui")
    raise AssertionError("unreachable")


def version(program: str) -> tuple[int, int]:
    out = subprocess.run(
        [program, "--version"], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    match = re.search(r"(\d+)\.(\d+)", out)
    assert match, out
    return int(match.group(1)), int(match.group(2))


def convert(program: str, workbook: Path, tmp: Path) -> Path:
    out = tmp / "csv"
    profile = (tmp / "lo-profile").as_uri()  # a fresh profile: no clash with a running office
    args = [program, "--headless", "--norestore", f"-env:UserInstallation={profile}",
            "--convert-to", CSV_FILTER, "--outdir", str(out), str(workbook)]  # fmt: skip
    done = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert done.returncode == 0, done.stderr
    return out


def same(expected: object, got: str) -> bool:
    """Does LibreOffice's CSV text `got` show the table value `expected`?"""
    if expected is None or (not isinstance(expected, str) and pd.isna(expected)):  # type: ignore[arg-type]
        return got == ""
    if isinstance(expected, bool):
        return got == ("TRUE" if expected else "FALSE")
    if isinstance(expected, int | float):
        number = float(got[:-1]) / 100 if got.endswith("%") else float(got)
        return abs(number - float(expected)) < 1e-9
    if isinstance(expected, datetime):
        return datetime.fromisoformat(got) == expected
    return got == str(expected)


def test_libreoffice_reads_every_sheet(demo_store: Store, tmp_path: Path) -> None:
    program = soffice()
    if version(program) < (7, 2):
        require("LibreOffice 7.2 or later (CSV export of every sheet)")
    options = {"cohort": COHORT, "per_learner": True}
    path = write_results_workbook(demo_store, tmp_path / "resultater.xlsx", **options)
    tables = results_tables(demo_store, **options)
    assert len(tables) == 3 + 18
    out = convert(program, path, tmp_path)

    for sheet, table in tables.items():
        file = out / f"resultater-{sheet}.csv"
        assert file.exists(), sorted(p.name for p in out.iterdir())
        with file.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        width = len(table.columns)
        assert rows[0][:width] == list(table.columns), sheet
        assert len(rows) >= len(table) + 1
        for i, values in enumerate(table.itertuples(index=False, name=None)):
            got = (rows[i + 1] + [""] * width)[:width]
            for column, want, text in zip(table.columns, values, got, strict=True):
                value = want.to_pydatetime() if isinstance(want, pd.Timestamp) else want
                assert same(value, text), (sheet, i + 2, column, want, text)
        for extra in rows[len(table) + 1 :]:  # lines beside the table only: the legend
            assert not any(extra[:width]), (sheet, extra)

    kohort = (out / "resultater-Kohort.csv").read_text(encoding="utf-8")
    assert "Forklaring" in kohort
    assert "Kompetent" in kohort
    ratings = (out / "resultater-Vurderinger.csv").read_text(encoding="utf-8")
    assert "Ikke relevant for min rolle" in ratings
    assert "før" in ratings
    assert any("ø" in name or "å" in name for name in tables["Kohort"]["Navn"])
