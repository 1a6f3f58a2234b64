"""Lay the results tables out as an Excel workbook (the openpyxl side of fls_kit.results._workbook).

Every sheet is one table with its header in row 1 (bold, frozen, with an autofilter), so the
workbook reads back with `pandas.read_excel` or any spreadsheet. A few explaining lines (the
legend, the occasion) sit to the right of the table, after an empty column.

The workbook is streamed (openpyxl write-only mode): memory stays flat for large cohorts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from fls_kit._files import atomic_path

MAX_SHEET_NAME = 31  # Excel's limit, in UTF-16 code units
MAX_ROWS = 1_048_576  # rows in an Excel sheet, the header included
MAX_TEXT = 32_767  # characters in one cell
# A write-only worksheet: openpyxl's type stubs lack the attributes it copies from Worksheet.
Sheet = Any
_BAD_IN_NAME = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")

_BOLD = Font(bold=True)
_WHITE = Font(color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="top")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_CENTER = Alignment(horizontal="center", vertical="center")
PERCENT = "0%"
DATETIME = "yyyy-mm-dd hh:mm"
WRAP_WIDTH = 60
LINE_HEIGHT = 15  # points per line of 11 pt text


@dataclass(frozen=True)
class Note:
    """A line beside the table; with `swatch`, a cell coloured like the table's cells first."""

    text: str
    swatch: str | None = None
    bold: bool = False


@dataclass(frozen=True)
class ResultsSheet:
    """One sheet: its table (exactly what the cells show) and how to lay it out."""

    name: str
    kind: str  # "cohort", "statements", "ratings" or "learner"
    frame: pd.DataFrame
    wrap: tuple[str, ...] = ()  # long text: fixed width, wrapped
    percent: tuple[str, ...] = ()  # shares 0..1 shown as percentages
    coloured: tuple[str, ...] = ()  # cells filled with `fills[cell text]`
    fills: Mapping[str, str] = field(default_factory=dict)  # cell text -> RGB hex
    freeze_cols: int = 0  # columns kept visible when scrolling sideways
    notes: tuple[Note, ...] = ()
    print_notes: bool = True  # False: the print area is the table alone


def safe_sheet_name(text: str, taken: set[str], fallback: str = "Ark") -> str:
    """`text` as a sheet name Excel accepts, unique (ignoring case) among `taken`.

    Excel refuses []:*?/\\, names longer than 31 characters, names that start or end with an
    apostrophe, and "History"; it compares names without regard to case. `taken` holds the
    casefolded names already used and gets the new one added.
    """
    base = " ".join(_BAD_IN_NAME.sub("-", text).split()).strip("'").strip()
    if not base:
        base = fallback
    if base.casefold() == "history":
        base += "-"
    name = _fit(base, MAX_SHEET_NAME) or fallback
    number = 2
    while name.casefold() in taken:
        suffix = f" ({number})"
        name = (_fit(base, MAX_SHEET_NAME - len(suffix)) or fallback) + suffix
        number += 1
    taken.add(name.casefold())
    return name


def _fit(text: str, limit: int) -> str:
    # Excel counts UTF-16 code units: an emoji takes two of the 31.
    while len(text.encode("utf-16-le")) // 2 > limit:
        text = text[:-1]
    return text.rstrip().rstrip("'").rstrip()


def write_workbook(path: Path, sheets: Sequence[ResultsSheet], *, title: str = "") -> Path:
    """Write `sheets` to `path` (replaced whole: a reader never sees a half-written file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook(write_only=True)
    wb.properties.creator = "fls-kit"
    wb.properties.title = title
    for sheet in sheets:
        _write_sheet(wb.create_sheet(sheet.name), sheet)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def _write_sheet(ws: Sheet, sheet: ResultsSheet) -> None:
    frame = sheet.frame
    columns = [str(c) for c in frame.columns]
    n_cols = len(columns)
    if len(frame) + 1 > MAX_ROWS:
        raise ValueError(f"{len(frame)} rows do not fit in one sheet")
    widths = _widths(frame, sheet)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    note_col = n_cols + 2
    if sheet.notes:
        ws.column_dimensions[get_column_letter(note_col)].width = 14
        ws.column_dimensions[get_column_letter(note_col + 1)].width = 50
    lines = max(
        (math.ceil(len(h) / max(w - 1, 1)) for h, w in zip(columns, widths, strict=True)),
        default=1,
    )
    ws.row_dimensions[1].height = LINE_HEIGHT * min(max(lines, 1), 5)
    ws.freeze_panes = f"{get_column_letter(sheet.freeze_cols + 1)}2"
    last = get_column_letter(max(n_cols, 1))
    ws.auto_filter.ref = f"A1:{last}{len(frame) + 1}"
    # Printed: landscape, as wide as the page, the header on every page.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "1:1"
    if sheet.notes and not sheet.print_notes:
        ws.print_area = f"A1:{last}{len(frame) + 1}"

    notes = iter(sheet.notes)
    header = [_styled(ws, h, font=_BOLD, fill=_HEADER_FILL, align=_HEADER_ALIGN) for h in columns]
    ws.append(header + _note_cells(ws, next(notes, None), sheet, 1))
    for number, (row, lines) in enumerate(_rows(ws, frame, sheet, widths), start=2):
        # Neither Excel nor LibreOffice grows a row for wrapped text on opening: set it.
        if lines > 1:
            ws.row_dimensions[number].height = LINE_HEIGHT * lines
        ws.append(row + _note_cells(ws, next(notes, None), sheet, 1))
    for note in notes:  # more notes than table rows
        ws.append(_note_cells(ws, note, sheet, n_cols + 1))


def _rows(
    ws: Sheet, frame: pd.DataFrame, sheet: ResultsSheet, widths: Sequence[float]
) -> Iterator[tuple[list[Any], int]]:
    """The cells of each table row, and how many lines its wrapped text takes."""
    names = [str(c) for c in frame.columns]
    wrap = {i for i, c in enumerate(names) if c in sheet.wrap}
    percent = {i for i, c in enumerate(names) if c in sheet.percent}
    coloured = {i for i, c in enumerate(names) if c in sheet.coloured}
    dates = {i for i, c in enumerate(names) if pd.api.types.is_datetime64_any_dtype(frame[c])}
    for values in frame.itertuples(index=False, name=None):
        row: list[Any] = []
        lines = max((_lines(values[i], widths[i]) for i in wrap), default=1)
        for i, raw in enumerate(values):
            value = cell_value(raw)
            if i in coloured and isinstance(value, str) and value in sheet.fills:
                colour = sheet.fills[value]
                row.append(
                    _styled(ws, value, fill=_fill(colour), font=_font(colour), align=_CENTER)
                )
            elif i in wrap:
                row.append(_styled(ws, value, align=_WRAP))
            elif i in percent and isinstance(value, float):
                row.append(_styled(ws, value, number_format=PERCENT, align=_TOP))
            elif i in dates and isinstance(value, datetime):
                row.append(_styled(ws, value, number_format=DATETIME, align=_TOP))
            elif wrap or (isinstance(value, str) and value.startswith("=")):
                # Top-aligned beside wrapped text; "=…" stays text, never a formula.
                row.append(_styled(ws, value, align=_TOP))
            else:
                row.append(value)
        yield row, lines


def _note_cells(ws: Sheet, note: Note | None, sheet: ResultsSheet, pad: int) -> list[Any]:
    """The cells of one note line, after `pad` empty cells."""
    if note is None:
        return []
    cells: list[Any] = [None] * pad
    if note.swatch is not None:
        colour = sheet.fills.get(note.swatch)
        fill = _fill(colour) if colour else None
        font = _font(colour) if colour else None
        cells.append(_styled(ws, note.swatch, fill=fill, font=font, align=_CENTER))
        cells.append(_styled(ws, note.text))
    else:
        cells.append(_styled(ws, note.text, font=_BOLD if note.bold else None))
    return cells


def cell_value(raw: Any) -> Any:
    """What goes into a cell: None for missing, plain Python numbers, naive datetimes, and text
    without the control characters an .xlsx file cannot hold."""
    if raw is None or raw is pd.NA or raw is pd.NaT:
        return None
    if isinstance(raw, np.generic):
        raw = raw.item()
    if isinstance(raw, float) and math.isnan(raw):
        return None
    if isinstance(raw, pd.Timestamp):
        return raw.to_pydatetime()
    if isinstance(raw, str):
        return ILLEGAL_CHARACTERS_RE.sub("", raw)[:MAX_TEXT]
    return raw


def _styled(
    ws: Sheet,
    value: Any,
    *,
    font: Font | None = None,
    fill: PatternFill | None = None,
    align: Alignment | None = None,
    number_format: str | None = None,
) -> Cell:
    cell: Cell = WriteOnlyCell(ws, value=cell_value(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"  # a name or note starting with "=" stays text
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if align is not None:
        cell.alignment = align
    if number_format is not None:
        cell.number_format = number_format
    return cell


def _lines(value: Any, width: float) -> int:
    """About how many lines `value` takes when wrapped in a column `width` characters wide."""
    text = cell_value(value)
    if not isinstance(text, str) or not text:
        return 1
    per_line = max(width * 1.05, 1)  # the width unit is a digit; average letters are narrower
    return sum(max(math.ceil(len(part) / per_line), 1) for part in text.split("\n"))


def _fill(colour: str) -> PatternFill:
    return PatternFill("solid", fgColor=colour)


def _font(colour: str) -> Font | None:
    """White text on dark fills, so the level name stays readable."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return _WHITE if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.35 else None


def _widths(frame: pd.DataFrame, sheet: ResultsSheet) -> list[float]:
    """Column widths from the header and (a sample of) the values, within readable bounds."""
    sample = frame.head(2000)
    widths = []
    for col in frame.columns:
        name = str(col)
        if name in sheet.wrap:
            widths.append(float(WRAP_WIDTH))
            continue
        if pd.api.types.is_datetime64_any_dtype(frame[col]):
            longest = 16
        elif name in sheet.percent:
            longest = 6
        else:
            longest = max((len(str(cell_value(v) or "")) for v in sample[col]), default=0)
        widths.append(float(min(max(longest, min(len(name), 18), 6) + 2, 45)))
    return widths
