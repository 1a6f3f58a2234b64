"""Write the curriculum workbook an educator fills in by hand (templates/kurskart-mal.xlsx).

Three sheets:
- «Kurs»: course id, title and description, the depth codes explained, and how to fill it in;
- «Moduler»: one row per module (modul-id, tittel, type, timer), in course order;
- «Kartlegging»: statements as rows, grouped by domain and level; modules as columns (title in
  row 2, id in row 3); each cell a depth code from a drop-down (I, R, M, A) or empty.

Module columns carry the module id as plain text, not a formula pointing into «Moduler»: a sort
in «Moduler» must never move a column's depths onto another module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from fls_kit._files import atomic_path
from fls_kit._resources import resource
from fls_kit.framework import Framework
from fls_kit.scales import DEPTHS

SHEET_COURSE = "Kurs"
SHEET_MODULES = "Moduler"
SHEET_MAP = "Kartlegging"
SHEETS = (SHEET_COURSE, SHEET_MODULES, SHEET_MAP)
COURSE_LABELS = {"course_id": "Kurs-id", "title": "Kurstittel", "description": "Beskrivelse"}
MODULE_HEADERS = ["Modul-id", "Tittel", "Type", "Timer"]
KINDS = ["Kursdag", "E-læring", "Hospitering", "Praksis"]
# «Kartlegging» layout: a legend line, module titles, module ids, then the statement rows.
TITLE_ROW, ID_ROW, FIRST_ROW = 2, 3, 4
FIRST_MODULE_COL = 3
ID_LABEL = "Modul-id →"
TEMPLATE_MODULES = 12  # empty module columns (and «Moduler» rows) in the blank template
SPARE_MODULES = 3  # empty columns after an exported course, for modules still to come
TEMPLATE = resource("templates", "kurskart-mal.xlsx")
# Same palette as fls_kit.curriculum._coverage.DEPTH_COLOURS, without the '#'.
FILLS = {"I": "D4E6F1", "R": "7FB3D5", "M": "2874A6", "A": "154360"}
WHITE_TEXT = {"M", "A"}

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_DOMAIN_FILL = PatternFill("solid", fgColor="1F3A5F")
_LEVEL_FILL = PatternFill("solid", fgColor="EEF1F5")
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(horizontal="center", vertical="center")
_THIN = Side(style="thin", color="B7C0CC")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
LEGEND = " · ".join(f"{d.code} = {d.label_nb}" for d in DEPTHS) + (
    ". La cellen stå tom når modulen ikke dekker utsagnet."
)
GUIDE = [
    "1. Skriv kurs-id (kort, uten mellomrom) og kurstittel over.",
    "2. I arket «Moduler»: én rad per modul i kursrekkefølge: modul-id, tittel, type og timer.",
    "3. I arket «Kartlegging»: skriv modul-id (rad 3) og tittel (rad 2) øverst i hver kolonne, "
    "samme id som i «Moduler».",
    "4. Velg dybde (I, R, M eller A) for hvert utsagn modulen dekker; la resten stå tomt.",
    "5. Les inn: fls-kit import curriculum FIL.xlsx (eller import_curriculum i Jupyter). "
    "Er noe galt, får du en liste med ark, celle og verdi, og ingenting blir lagret.",
]


def write_workbook(
    path: str | Path,
    fw: Framework,
    course: dict[str, str],
    modules: pd.DataFrame,
    links: pd.DataFrame,
    *,
    spare: int = SPARE_MODULES,
) -> Path:
    """Write the workbook for one course (`course`: course_id, title, description)."""
    path = Path(path)
    wb = Workbook()
    first = wb.active
    assert isinstance(first, Worksheet)
    _course_sheet(first, fw, course)
    rows = [{str(k): v for k, v in r.items()} for r in modules.to_dict("records")]
    _modules_sheet(wb.create_sheet(SHEET_MODULES), rows, spare)
    depth = {(str(r.module_id), str(r.statement_id)): str(r.depth) for r in links.itertuples()}
    _map_sheet(wb.create_sheet(SHEET_MAP), fw, rows, depth, spare)
    for ws in wb.worksheets:  # printable: landscape, as wide as one page
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    wb[SHEET_MAP].print_title_rows = f"{TITLE_ROW}:{ID_ROW}"
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:  # an open copy in Excel never sees half a workbook
        wb.save(tmp)
    return path


def _course_sheet(ws: Worksheet, fw: Framework, course: dict[str, str]) -> None:
    ws.title = SHEET_COURSE
    ws["A1"] = "Kurskart: kurs og moduler kartlagt mot kompetanserammeverket"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = f"Rammeverk: {fw.title} ({fw.meta.get('id', '')})"
    for row, (key, label) in enumerate(COURSE_LABELS.items(), start=4):
        ws.cell(row, 1, label).font = _BOLD
        cell = ws.cell(row, 2, course.get(key, ""))
        cell.alignment = _WRAP
        cell.number_format = "@"
        cell.border = _GRID
        ws.row_dimensions[row].height = 15 * (len(str(cell.value or "")) // 70 + 1)
    ws["A8"] = "Dybdekoder"
    ws["A8"].font = Font(bold=True, size=12)
    for col, header in enumerate(["Kode", "Dybde", "Forklaring"], start=1):
        cell = ws.cell(9, col, header)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
    for row, depth in enumerate(DEPTHS, start=10):
        code = ws.cell(row, 1, depth.code)
        code.fill = PatternFill("solid", fgColor=FILLS[depth.code])
        code.font = Font(bold=True, color="FFFFFF" if depth.code in WHITE_TEXT else "000000")
        code.alignment = _CENTER
        ws.cell(row, 2, depth.label_nb)
        ws.cell(row, 3, depth.help_nb).alignment = _WRAP
    ws["A15"] = "Slik fyller du ut"
    ws["A15"].font = Font(bold=True, size=12)
    for row, line in enumerate(GUIDE, start=16):
        ws.cell(row, 1, line)
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 60


def _modules_sheet(ws: Worksheet, rows: list[dict[str, Any]], spare: int) -> None:
    for col, (header, width) in enumerate(zip(MODULE_HEADERS, [14, 60, 16, 10], strict=True), 1):
        cell = ws.cell(1, col, header)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        ws.column_dimensions[get_column_letter(col)].width = width
    for r, module in enumerate(rows, start=2):
        hours = module.get("hours")
        values = [module["module_id"], module.get("title", ""), module.get("kind", "") or "",
                  None if hours is None or pd.isna(hours) else float(str(hours))]  # fmt: skip
        for col, value in enumerate(values, start=1):
            ws.cell(r, col, value)
    last = len(rows) + 1 + max(spare, 0 if rows else TEMPLATE_MODULES)
    for r in range(2, last + 1):
        ws.cell(r, 1).number_format = "@"  # ids stay text: "1.10" must not become 1.1
        ws.cell(r, 2).alignment = _WRAP
    kinds = DataValidation(
        type="list", formula1='"' + ",".join(KINDS) + '"', allow_blank=True,
        showErrorMessage=False, promptTitle="Type", prompt="Velg fra listen eller skriv selv.",
    )  # fmt: skip
    kinds.add(f"C2:C{last}")
    hours_rule = DataValidation(
        type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
        showErrorMessage=True, errorTitle="Timer", error="Skriv antall timer som et tall.",
    )  # fmt: skip
    hours_rule.add(f"D2:D{last}")
    ws.add_data_validation(kinds)
    ws.add_data_validation(hours_rule)
    ws.freeze_panes = "A2"


def _map_sheet(
    ws: Worksheet,
    fw: Framework,
    modules: list[dict[str, Any]],
    depth: dict[tuple[str, str], str],
    spare: int,
) -> None:
    n_cols = len(modules) + (spare if modules else TEMPLATE_MODULES)
    last_col = FIRST_MODULE_COL + n_cols - 1
    ws["A1"] = "Dybde:"
    ws["A1"].font = _BOLD
    ws["B1"] = LEGEND
    ws["B1"].alignment = _WRAP
    ws.row_dimensions[1].height = 30
    for col, text in ((1, "Id"), (2, "Kompetanseutsagn")):
        cell = ws.cell(TITLE_ROW, col, text)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="bottom")
    label = ws.cell(ID_ROW, 2, ID_LABEL)
    label.font = Font(italic=True)
    label.alignment = Alignment(horizontal="right")
    ws.cell(ID_ROW, 1).fill = _HEADER_FILL
    label.fill = _HEADER_FILL
    for k in range(n_cols):
        col = FIRST_MODULE_COL + k
        module = modules[k] if k < len(modules) else None
        title = ws.cell(TITLE_ROW, col, str(module["title"]) if module else None)
        title.font = _BOLD
        title.fill = _HEADER_FILL
        title.alignment = Alignment(wrap_text=True, vertical="bottom", horizontal="center")
        ident = ws.cell(ID_ROW, col, str(module["module_id"]) if module else None)
        ident.font = _BOLD
        ident.fill = _HEADER_FILL
        ident.alignment = _CENTER
        ident.number_format = "@"
        ws.column_dimensions[get_column_letter(col)].width = 16
    ws.row_dimensions[TITLE_ROW].height = 80
    ids = [str(m["module_id"]) for m in modules]
    row = FIRST_ROW
    st = fw.statements
    for domain in fw.domain_codes():
        in_domain = st.loc[st["domain"] == domain]
        if in_domain.empty:
            continue
        parent = fw.domains.at[domain, "parent"]
        heading = f"{domain} {fw.domains.at[domain, 'title']!s}"
        if parent:
            heading = f"{parent!s} {fw.domains.at[parent, 'title']!s} › {heading}"
        for col in range(1, last_col + 1):
            ws.cell(row, col).fill = _DOMAIN_FILL
        ws.cell(row, 2, heading).font = Font(bold=True, color="FFFFFF")
        row += 1
        for level in fw.level_codes():
            rows = in_domain.loc[in_domain["level"] == level]
            if rows.empty:
                continue
            for col in range(1, last_col + 1):
                ws.cell(row, col).fill = _LEVEL_FILL
            ws.cell(row, 2, f"{fw.levels.at[level, 'name']!s} ({level})").font = Font(italic=True)
            row += 1
            for sid, text in rows["text"].items():
                ws.cell(row, 1, str(sid)).alignment = Alignment(vertical="top")
                ws.cell(row, 1).number_format = "@"
                ws.cell(row, 2, str(text)).alignment = _WRAP
                # Excel does not grow rows for wrapped text it did not type itself.
                ws.row_dimensions[row].height = 15 * (len(str(text)) // 75 + 1)
                for k, mid in enumerate(ids):
                    code = depth.get((mid, str(sid)))
                    if code:
                        ws.cell(row, FIRST_MODULE_COL + k, code)
                for col in range(FIRST_MODULE_COL, last_col + 1):
                    box = ws.cell(row, col)
                    box.alignment = _CENTER
                    box.border = _GRID
                row += 1
    last_row = row - 1
    area = (
        f"{get_column_letter(FIRST_MODULE_COL)}{FIRST_ROW}:{get_column_letter(last_col)}{last_row}"
    )
    choice = DataValidation(
        type="list", formula1='"' + ",".join(d.code for d in DEPTHS) + '"', allow_blank=True,
        showErrorMessage=True, errorTitle="Ukjent dybde",
        error="Bruk I, R, M eller A (eller la cellen stå tom).",
        showInputMessage=True, promptTitle="Dybde",
        prompt=" · ".join(f"{d.code} {d.label_nb}" for d in DEPTHS),
    )  # fmt: skip
    choice.add(area)
    ws.add_data_validation(choice)
    for d in DEPTHS:
        colour = "FFFFFF" if d.code in WHITE_TEXT else "000000"
        ws.conditional_formatting.add(
            area,
            CellIsRule(  # type: ignore[no-untyped-call]
                operator="equal", formula=[f'"{d.code}"'],
                fill=PatternFill("solid", fgColor=FILLS[d.code], bgColor=FILLS[d.code]),
                font=Font(bold=True, color=colour),
            ),
        )  # fmt: skip
    ws.column_dimensions["A"].width = 9
    ws.column_dimensions["B"].width = 70
    ws.freeze_panes = ws.cell(FIRST_ROW, FIRST_MODULE_COL).coordinate
