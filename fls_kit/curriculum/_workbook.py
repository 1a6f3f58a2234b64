"""The curriculum workbook: export a course to Excel, fill it in by hand, import it back.

    export_curriculum(store, "kurskart.xlsx", "fls-grunnkurs-2026")
    import_curriculum(store, "kurskart.xlsx")      # all problems at once; nothing stored on error
    write_template("kurskart-mal.xlsx")            # the empty template, as in templates/

The layout is described in fls_kit.curriculum._sheet and, for educators, in docs/curriculum.md.
Regenerate the shipped template with `python -m fls_kit.curriculum._workbook`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fls_kit._text import fold
from fls_kit.curriculum._coverage import LINK_COLUMNS, MODULE_COLUMNS, Curriculum, _ordered
from fls_kit.curriculum._sheet import (
    COURSE_LABELS,
    FIRST_MODULE_COL,
    MODULE_HEADERS,
    SHEET_COURSE,
    SHEET_MAP,
    SHEET_MODULES,
    SHEETS,
    TEMPLATE,
    write_workbook,
)
from fls_kit.errors import CurriculumImportError, Problem, collect
from fls_kit.framework import Framework, load_framework
from fls_kit.scales import parse_depth
from fls_kit.store import Store

__all__ = ["TEMPLATE", "export_curriculum", "import_curriculum", "read_workbook", "write_template"]
PathLike = str | os.PathLike[str]


def export_curriculum(
    source: Store | Curriculum,
    path: PathLike,
    course_id: str | None = None,
    *,
    fw: Framework | None = None,
) -> Path:
    """Write a course (from a store, or a `Curriculum`) to a workbook; returns the path.

    `course_id` may be left out when the store holds a single course.
    """
    if isinstance(source, Curriculum):
        cur = source
        fw = fw if fw is not None else load_framework()
    else:
        cur = Curriculum.from_store(source, course_id)
        fw = fw if fw is not None else source.framework
    course = {"course_id": cur.course_id, "title": cur.title, "description": cur.description}
    return write_workbook(Path(path), fw, course, _ordered(cur.modules), cur.links)


def write_template(path: PathLike = TEMPLATE, fw: Framework | None = None) -> Path:
    """Write the empty workbook: every statement, blank module columns, nothing filled in."""
    fw = fw if fw is not None else load_framework()
    empty = pd.DataFrame(columns=MODULE_COLUMNS)
    return write_workbook(Path(path), fw, {}, empty, pd.DataFrame(columns=LINK_COLUMNS), spare=0)


def import_curriculum(store: Store, path: PathLike, *, course_id: str | None = None) -> Curriculum:
    """Read a filled-in workbook and store the course (replacing it if it is there).

    Every problem (sheet, cell, value) is reported at once in a CurriculumImportError, and then
    nothing is stored. `course_id` overrides the one in the sheet «Kurs».
    """
    cur, cells = read_workbook(path, store.framework, course_id=course_id)
    modules = store.modules()
    owner = dict(zip(modules["module_id"].astype(str), modules["course_id"].astype(str),
                     strict=True))  # fmt: skip
    problems = [
        Problem(Path(path).name, "curriculum.module_in_other_course", {"course": owner[mid]},
                sheet=SHEET_MODULES, cell=cells[mid], value=mid)
        for mid in cur.modules["module_id"]
        if owner.get(mid, cur.course_id) != cur.course_id
    ]  # fmt: skip
    collect(problems, CurriculumImportError)
    cur.save(store)
    return cur


def _text(value: object) -> str:
    """A cell as text: None -> "", 2.0 -> "2", everything stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _sheet(wb: Any, name: str) -> Worksheet | None:
    for title in wb.sheetnames:
        if fold(title) == fold(name):
            ws: Worksheet = wb[title]
            return ws
    return None


def read_workbook(
    path: PathLike, fw: Framework, *, course_id: str | None = None
) -> tuple[Curriculum, dict[str, str]]:
    """(curriculum, module id -> its cell in «Moduler») from a workbook; stores nothing.

    Raises CurriculumImportError listing every problem with sheet, cell and value.
    """
    name = Path(path).name
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # a broken file raises many types (zipfile, XML, KeyError...)
        reason = str(exc) or type(exc).__name__
        raise CurriculumImportError(
            [Problem(name, "curriculum.unreadable", {"reason": reason})]
        ) from None
    problems: list[Problem] = []
    sheets = {s: _sheet(wb, s) for s in SHEETS}
    for sheet, ws in sheets.items():
        if ws is None and not (sheet == SHEET_COURSE and course_id):
            problems.append(
                Problem(name, "curriculum.missing_sheet", {"sheet": sheet}, sheet=sheet)
            )
    course = _read_course(sheets[SHEET_COURSE], name, problems)
    if course_id:
        course["course_id"] = course_id
    cells: dict[str, str] = {}
    modules = _read_modules(sheets[SHEET_MODULES], name, problems, cells)
    known = None if sheets[SHEET_MODULES] is None else set(cells)
    links = _read_map(sheets[SHEET_MAP], fw, name, problems, known)
    collect(problems, CurriculumImportError)
    cid = course["course_id"]
    frame = pd.DataFrame(modules, columns=MODULE_COLUMNS).assign(course_id=cid)
    cur = Curriculum(
        cid, course["title"] or cid, course["description"], frame,
        pd.DataFrame(links, columns=LINK_COLUMNS),
    )  # fmt: skip
    return cur, cells


def _read_course(ws: Worksheet | None, name: str, problems: list[Problem]) -> dict[str, str]:
    found = dict.fromkeys(COURSE_LABELS, "")
    if ws is None:
        return found
    where = {}
    labels = {fold(label): key for key, label in COURSE_LABELS.items()}
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 40), max_col=2):
        key = labels.get(fold(_text(row[0].value)))
        if key and len(row) > 1:
            found[key] = _text(row[1].value)
            where[key] = row[1].coordinate
    if not found["course_id"]:
        problems.append(
            Problem(name, "curriculum.missing_course_id", sheet=SHEET_COURSE,
                    cell=where.get("course_id"))
        )  # fmt: skip
    return found


def _hours(value: object) -> float | None:
    if value is None or _text(value) == "":
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    number = (
        float(value) if isinstance(value, int | float) else float(_text(value).replace(",", "."))
    )
    if number < 0 or number != number:
        raise ValueError(value)
    return number


def _read_modules(
    ws: Worksheet | None, name: str, problems: list[Problem], cells: dict[str, str]
) -> list[dict[str, Any]]:
    if ws is None:
        return []

    def problem(key: str, cell: str, value: object = None, **params: object) -> None:
        problems.append(Problem(name, key, params, sheet=SHEET_MODULES, cell=cell, value=value))

    header = [_text(c.value) for c in ws[1][: len(MODULE_HEADERS)]]
    if [fold(h) for h in header] != [fold(h) for h in MODULE_HEADERS]:
        problem("curriculum.bad_header", "A1", " | ".join(header),
                expected=" | ".join(MODULE_HEADERS))  # fmt: skip
    modules: list[dict[str, Any]] = []
    for r, row in enumerate(ws.iter_rows(min_row=2, max_col=4, values_only=True), start=2):
        mid, title, kind, hours = (list(row) + [None] * 4)[:4]
        if all(_text(v) == "" for v in (mid, title, kind, hours)):
            continue
        module_id = _text(mid)
        fresh = False
        if not module_id:
            problem("curriculum.missing_module_id", f"A{r}", title=_text(title))
        elif module_id in cells:
            problem("curriculum.duplicate_module", f"A{r}", module_id, first=cells[module_id])
        else:
            cells[module_id] = f"A{r}"
            fresh = True
        if not _text(title):
            problem("curriculum.missing_title", f"B{r}", module_id)
        try:
            number = _hours(hours)
        except ValueError:
            problem("curriculum.bad_hours", f"D{r}", hours)
            number = None
        if fresh:
            modules.append(
                {"module_id": module_id, "title": _text(title), "kind": _text(kind),
                 "hours": number, "position": len(modules)}
            )  # fmt: skip
    return modules


def _find_id_row(ws: Worksheet) -> int | None:
    for r in range(1, min(ws.max_row, 15) + 1):
        if fold(_text(ws.cell(r, 2).value)).startswith("modul-id"):
            return r
    return None


def _read_map(
    ws: Worksheet | None,
    fw: Framework,
    name: str,
    problems: list[Problem],
    known: set[str] | None,
) -> list[dict[str, str]]:
    if ws is None:
        return []

    def problem(key: str, cell: str | None, value: object = None, **params: object) -> None:
        problems.append(Problem(name, key, params, sheet=SHEET_MAP, cell=cell, value=value))

    id_row = _find_id_row(ws)
    if id_row is None:
        problem("curriculum.no_id_row", None)
        return []
    grid = [list(r) for r in ws.iter_rows(min_row=id_row + 1, values_only=True)]
    width = ws.max_column

    def at(r: int, c: int) -> str:  # r: sheet row, c: sheet column (1-based)
        row = grid[r - id_row - 1]
        return _text(row[c - 1]) if c - 1 < len(row) else ""

    last_row = id_row + len(grid)
    columns: dict[int, str] = {}  # sheet column -> module id, for usable columns
    first: dict[str, str] = {}
    for c in range(FIRST_MODULE_COL, width + 1):
        mid = _text(ws.cell(id_row, c).value)
        cell = f"{get_column_letter(c)}{id_row}"
        used = any(at(r, c) for r in range(id_row + 1, last_row + 1))
        if not mid:
            if used:
                title = _text(ws.cell(id_row - 1, c).value) if id_row > 1 else ""
                problem("curriculum.module_no_id", cell, title=title or "–")
            continue
        if mid in first:
            problem("curriculum.duplicate_column", cell, mid, first=first[mid])
            continue
        first[mid] = cell
        if known is not None and mid not in known:
            problem("curriculum.module_not_listed", cell, mid)
            continue
        columns[c] = mid
    links: list[dict[str, str]] = []
    seen: dict[str, str] = {}
    for r in range(id_row + 1, last_row + 1):
        sid = at(r, 1)
        values = {c: at(r, c) for c in range(FIRST_MODULE_COL, width + 1) if at(r, c)}
        ok = False
        if sid:
            if sid not in fw:
                problem("curriculum.unknown_statement", f"A{r}", sid)
            elif sid in seen:
                problem("curriculum.duplicate_statement", f"A{r}", sid, first=seen[sid])
            else:
                seen[sid] = f"A{r}"
                ok = True
        for c, raw in values.items():
            cell = f"{get_column_letter(c)}{r}"
            try:
                depth = parse_depth(raw)
            except ValueError:
                problem("curriculum.unknown_depth", cell, raw)
                continue
            if not sid:
                problem("curriculum.depth_without_statement", cell, raw)
            elif ok and c in columns:
                links.append({"module_id": columns[c], "statement_id": sid, "depth": depth})
    return links


if __name__ == "__main__":
    print(write_template())
