"""Write the framework spreadsheet template, templates/rammeverk-mal.xlsx.

`write_framework_template(path)` writes an empty template (the FFN levels and two example
rows); `write_framework_template(path, fw)` writes `fw` filled in, e.g. as the starting point of a
translation or a local adaptation. `fls_kit.framework._sheet` reads both back.

Regenerate the shipped template with `python -m fls_kit.framework._template`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from fls_kit._resources import resource
from fls_kit.framework._sheet import (
    DEFAULT_LEVELS,
    SHEET_DOMAINS,
    SHEET_LEVELS,
    SHEET_META,
    SHEET_STATEMENTS,
)

if TYPE_CHECKING:
    from fls_kit.framework._model import Framework

SHEET_GUIDE = "Veiledning"
TEMPLATE = resource("templates", "rammeverk-mal.xlsx")

# Sheet -> (header, column width, kept as text?) for each column. Codes are text so that
# Excel keeps "3.10" as typed instead of turning it into the number 3.1.
COLUMNS: dict[str, list[tuple[str, int, bool]]] = {
    SHEET_META: [("felt", 22, True), ("verdi", 60, False), ("forklaring", 60, False)],
    SHEET_LEVELS: [("code", 8, True), ("name_nb", 20, False), ("name_en", 20, False)],
    SHEET_DOMAINS: [
        ("code", 8, True),
        ("parent", 10, True),
        ("title_nb", 50, False),
        ("title_en", 50, False),
    ],
    SHEET_STATEMENTS: [
        ("id", 10, True),
        ("domain", 10, True),
        ("level", 8, True),
        ("text_nb", 80, False),
        ("text_en", 80, False),
    ],
}
# «Om»: the fields a framework usually has, with what each one is for.
META_FIELDS: list[tuple[str, str]] = [
    ("id", "Kort navn uten mellomrom, f.eks. ffn-sffp-2025"),
    ("title_nb", "Tittel på norsk"),
    ("title_en", "Tittel på engelsk (kan stå tom)"),
    ("publisher", "Hvem som har utgitt rammeverket"),
    ("date", "Dato eller år, f.eks. 2025-05"),
    ("language", "Språket i text_nb: nb (bokmål) eller nn (nynorsk)"),
    ("translator", "Hvem som har oversatt (kan stå tom)"),
    ("source", "Hvor rammeverket kommer fra (dokument, lenke)"),
    ("version", "Versjon, f.eks. 1.0"),
]
EXAMPLE_META = {
    "id": "mitt-rammeverk",
    "title_nb": "Eksempel: mitt kompetanserammeverk",
    "title_en": "Example: my competency framework",
    "language": "nb",
    "version": "1.0",
}
EXAMPLE_DOMAINS = [["1", "", "Eksempel: Pasient og publikum", "Example: Patient and public"]]
EXAMPLE_STATEMENTS = [
    [
        "1.C1",
        "1",
        "C",
        "Eksempel (slett eller erstatt): Forklarer pasienter og pårørende hva osteoporose er",
        "Example (delete or replace): Explains to patients and relatives what osteoporosis is",
    ],
    [
        "1.P1",
        "1",
        "P",
        "Eksempel (slett eller erstatt): Lærer opp kolleger i å gi pasientinformasjon",
        "Example (delete or replace): Trains colleagues in giving patient information",
    ],
]
GUIDE = [
    ("Mal for kompetanserammeverk i fls-kit", "title"),
    (
        "Med denne malen kan du lese inn et annet kompetanserammeverk, en oversettelse eller en "
        "lokal tilpasning av FFN-rammeverket. Fyll ut arkene under, lagre som .xlsx og les inn "
        "filen med fls-kit (se nederst).",
        "",
    ),
    ("Arkene", "heading"),
    (
        "Om: opplysninger om rammeverket. Kolonnen «felt» er navnet på opplysningen, «verdi» er "
        "innholdet. «forklaring» er bare hjelpetekst og leses ikke inn.",
        "",
    ),
    (
        "Nivåer: nivåene i rammeverket, fra lavest til høyest. code = én stor bokstav (C, P, E), "
        "name_nb = navn på norsk (Kompetent, Erfaren, Ekspert), name_en = navn på engelsk.",
        "",
    ),
    (
        "Kompetanseområder: code = nummeret på området (1, 2, 3.1 ...), parent = området det "
        "hører under (f.eks. 3 for 3.1; tom for hovedområder), title_nb = tittel på norsk, "
        "title_en = tittel på engelsk.",
        "",
    ),
    (
        "Utsagn: ett kompetanseutsagn per rad. id = utsagnets id (se regelen under), domain = "
        "kompetanseområdet (må finnes i arket «Kompetanseområder»), level = nivået (velg fra "
        "listen; må finnes i arket «Nivåer»), text_nb = teksten på norsk (må fylles ut), "
        "text_en = teksten på engelsk (kan stå tom).",
        "",
    ),
    ("Regelen for id", "heading"),
    (
        "id = {kompetanse}.{nivå}{nummer}, for eksempel 1.C1, 3.3.P8 og 6.E9. Nummeret teller "
        "fra 1 innenfor hvert kompetanseområde og nivå. Utsagn 1.P1 må altså stå med domain 1 "
        "og level P.",
        "",
    ),
    ("Tips", "heading"),
    (
        "Radene «Eksempel» viser hvordan utfylte rader ser ut. Slett eller erstatt dem. "
        "Tomme rader hoppes over. Kolonnenavn kan også skrives på norsk (kompetanse, nivå, tekst).",
        "",
    ),
    (
        "Finner fls-kit feil, får du alle på én gang, med ark, rad og felt, så du kan rette hele "
        "filen før du prøver igjen.",
        "",
    ),
    ("Lese inn filen", "heading"),
    ("På kommandolinjen:  fls-kit framework --framework mitt-rammeverk.xlsx", ""),
    (
        "I Jupyter:  from fls_kit import load_framework;  "
        'fw = load_framework("mitt-rammeverk.xlsx")',
        "",
    ),
]
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="305496")
WRAP = Alignment(wrap_text=True, vertical="top")
# Room for rows the user adds below the data: the drop-down lists reach this far.
SPARE_ROWS = 1000


def write_framework_template(path: str | Path, framework: Framework | None = None) -> Path:
    """Write the framework spreadsheet template to `path` (an .xlsx file) and return the path.

    Without `framework`: an empty template with the FFN levels and two example rows.
    With one: that framework, filled in.
    """
    path = Path(path)
    wb = Workbook()
    guide = wb.active
    assert guide is not None  # a new workbook always has one sheet
    guide.title = SHEET_GUIDE
    _write_guide(guide)

    if framework is None:
        meta_rows = [[k, EXAMPLE_META.get(k, ""), hint] for k, hint in META_FIELDS]
        level_rows = _rows(DEFAULT_LEVELS, ["name_nb", "name_en"])
        domain_rows = EXAMPLE_DOMAINS
        statement_rows = EXAMPLE_STATEMENTS
    else:
        meta_rows = _meta_rows(framework.meta)
        level_rows = _rows(framework.levels, ["name_nb", "name_en"])
        domain_rows = _rows(framework.domains, ["parent", "title_nb", "title_en"])
        statement_rows = _rows(framework.statements, ["domain", "level", "text_nb", "text_en"])

    _write_table(wb.create_sheet(SHEET_META), SHEET_META, meta_rows)
    _write_table(wb.create_sheet(SHEET_LEVELS), SHEET_LEVELS, level_rows)
    _write_table(wb.create_sheet(SHEET_DOMAINS), SHEET_DOMAINS, domain_rows)
    statements = wb.create_sheet(SHEET_STATEMENTS)
    _write_table(statements, SHEET_STATEMENTS, statement_rows)
    _add_dropdowns(statements, len(statement_rows))

    wb.properties.creator = "fls-kit"
    wb.properties.title = "Mal for kompetanserammeverk"
    # A fixed date keeps the regenerated template free of needless changes.
    fixed = datetime(2025, 5, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _rows(frame: Any, columns: Sequence[str]) -> list[list[str]]:
    """Index first, then `columns`, every cell as text (None and NaN as empty)."""
    out = []
    for index, row in frame[list(columns)].iterrows():
        out.append([str(index), *("" if _empty(row[c]) else str(row[c]) for c in columns)])
    return out


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # NaN


def _meta_rows(meta: dict[str, Any]) -> list[list[str]]:
    hints = dict(META_FIELDS)
    keys = [k for k, _ in META_FIELDS if k in meta]
    keys += [k for k in meta if k not in hints and isinstance(meta[k], str | int | float)]
    return [[k, str(meta[k]), hints.get(k, "")] for k in keys]


def _write_guide(ws: Worksheet) -> None:
    ws.column_dimensions["A"].width = 110
    for text, kind in GUIDE:
        if kind == "heading":
            ws.append([None])  # a blank line before each heading reads better
        ws.append([text])
        cell = ws.cell(row=ws.max_row, column=1)
        cell.alignment = WRAP
        if kind == "title":
            cell.font = Font(bold=True, size=14)
        elif kind == "heading":
            cell.font = Font(bold=True)


def _write_table(ws: Worksheet, sheet: str, rows: Sequence[Sequence[str]]) -> None:
    columns = COLUMNS[sheet]
    ws.append([name for name, _, _ in columns])
    for row in rows:
        ws.append(list(row))
    for col, (_, width, as_text) in enumerate(columns, start=1):
        letter = get_column_letter(col)
        dim = ws.column_dimensions[letter]
        dim.width = width
        # The column style covers rows the user adds; written cells get the same explicitly.
        if as_text:
            dim.number_format = "@"
        elif width >= 50:
            dim.alignment = WRAP
        header = ws.cell(row=1, column=col)
        header.font = HEADER_FONT
        header.fill = HEADER_FILL
        for r in range(2, len(rows) + 2):
            cell = ws.cell(row=r, column=col)
            if as_text:
                cell.number_format = "@"
            elif width >= 50:
                cell.alignment = WRAP
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(rows) + 1, 2)}"


def _add_dropdowns(ws: Worksheet, n_rows: int) -> None:
    """Level and domain as drop-down lists drawn from the «Nivåer» and «Kompetanseområder»
    sheets, so codes the user adds there appear in the lists too."""
    # Formulas in the file carry no leading "=" (Excel writes them so).
    last = n_rows + SPARE_ROWS + 1
    names = [name for name, _, _ in COLUMNS[SHEET_STATEMENTS]]
    level_col = get_column_letter(names.index("level") + 1)
    domain_col = get_column_letter(names.index("domain") + 1)
    level = DataValidation(
        type="list",
        formula1=f"'{SHEET_LEVELS}'!$A$2:$A$27",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ukjent nivå",
        error=f"Velg et nivå fra listen (arket «{SHEET_LEVELS}»).",
        promptTitle="Nivå",
        prompt="Velg nivå, f.eks. C (Kompetent), P (Erfaren) eller E (Ekspert).",
        showInputMessage=True,
    )
    level.add(f"{level_col}2:{level_col}{last}")
    domain = DataValidation(
        type="list",
        formula1=f"'{SHEET_DOMAINS}'!$A$2:$A$200",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ukjent kompetanseområde",
        error=f"Velg et kompetanseområde fra listen (arket «{SHEET_DOMAINS}»).",
    )
    domain.add(f"{domain_col}2:{domain_col}{last}")
    ws.add_data_validation(level)
    ws.add_data_validation(domain)


def main(argv: Sequence[str] | None = None) -> int:
    """Write the empty template to templates/rammeverk-mal.xlsx (or the path given)."""
    args = list(sys.argv[1:] if argv is None else argv)
    target = Path(args[0]) if args else TEMPLATE
    print(write_framework_template(target))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
