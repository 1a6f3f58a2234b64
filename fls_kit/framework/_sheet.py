"""Read and validate a framework from a spreadsheet that follows templates/rammeverk-mal.xlsx.

Sheets (XLSX): «Utsagn» (statements, required), «Kompetanseområder» (domains), «Nivåer»
(levels, default Kompetent/Erfaren/Ekspert) and «Om» (metadata). A CSV file holds the statements
sheet alone. Headers may be English or Norwegian. Every problem is collected before anything is
raised, so the user sees the whole list at once.
"""

from __future__ import annotations

import csv
import importlib
import io
import re
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from fls_kit._text import csv_delimiter, decode_text, fold
from fls_kit.errors import FrameworkError, Problem, collect
from fls_kit.framework._model import STATEMENT_ID, Framework, build_framework

SHEET_STATEMENTS = "Utsagn"
SHEET_DOMAINS = "Kompetanseområder"
SHEET_LEVELS = "Nivåer"
SHEET_META = "Om"

# Header aliases (folded) -> canonical column.
ALIASES = {
    "id": "id",
    "domain": "domain",
    "kompetanse": "domain",
    "kompetanseområde": "domain",
    "level": "level",
    "nivå": "level",
    "text_nb": "text_nb",
    "tekst_nb": "text_nb",
    "tekst": "text_nb",
    "text_en": "text_en",
    "tekst_en": "text_en",
    "code": "code",
    "kode": "code",
    "parent": "parent",
    "overordnet": "parent",
    "title_nb": "title_nb",
    "tittel_nb": "title_nb",
    "tittel": "title_nb",
    "title_en": "title_en",
    "tittel_en": "title_en",
    "name_nb": "name_nb",
    "navn_nb": "name_nb",
    "navn": "name_nb",
    "name_en": "name_en",
    "navn_en": "name_en",
    "domain_title_nb": "domain_title_nb",
    "domain_title_en": "domain_title_en",
    "key": "key",
    "felt": "key",
    "value": "value",
    "verdi": "value",
}
STATEMENT_COLUMNS = ("id", "domain", "level", "text_nb")
DEFAULT_LEVELS = pd.DataFrame(
    {
        "name_nb": ["Kompetent", "Erfaren", "Ekspert"],
        "name_en": ["Competent", "Proficient", "Expert"],
    },
    index=pd.Index(["C", "P", "E"], name="code"),
)
# Codes must fit the statement id `{domain}.{level}{n}`, or no id could ever match them.
LEVEL_CODE = re.compile(r"^[A-Z]$")
DOMAIN_CODE = re.compile(r"^[0-9]+(\.[0-9]+)*$")


# The interchange readers live in `fls_kit.interop`, which builds on this package. This registry
# names them instead of importing them, so that the dependency stays one-way (interop ->
# framework) and `fls_kit.framework` never imports what imports it.
INTERCHANGE_READERS: dict[str, tuple[str, str]] = {
    "case": ("fls_kit.interop", "read_case"),
    "moodle": ("fls_kit.interop", "read_moodle"),
}


def interchange_reader(kind: str) -> Callable[..., Framework]:
    """The reader registered for an interchange format ("case" or "moodle")."""
    module, name = INTERCHANGE_READERS[kind]
    reader: Callable[..., Framework] = getattr(importlib.import_module(module), name)
    return reader


def read_framework_file(path: Path, *, lang: str = "nb") -> Framework:
    """Read a framework spreadsheet or interchange file; raise FrameworkError on any problem."""
    suffix = path.suffix.lower()
    name = path.name
    if not path.is_file():
        collect([_problem(name, "framework.not_found")], FrameworkError, lang)
    if path.stat().st_size == 0:
        collect([_problem(name, "framework.empty_file")], FrameworkError, lang)
    if suffix == ".json":
        return interchange_reader("case")(path, lang=lang)
    if suffix == ".csv":
        text = _read_text(path, lang)
        if text.lstrip('"').lower().startswith("parent id number"):  # older Moodle: "id"
            return interchange_reader("moodle")(path, lang=lang)
        sheets = {SHEET_STATEMENTS: _parse_csv(text, name, lang)}
    elif suffix in {".xlsx", ".xlsm"}:
        sheets = _read_xlsx(path, lang)
    else:
        collect([_problem(name, "framework.unsupported", value=suffix)], FrameworkError, lang)
    return validate_sheets(sheets, file=name, lang=lang, source=str(path))


def _problem(file: str, key: str, **kw: Any) -> Problem:
    fields = {k: kw.pop(k) for k in ("sheet", "row", "field", "value") if k in kw}
    return Problem(file=file, message_key=key, params=kw, **fields)


def _unreadable(file: str, exc: BaseException, lang: str) -> None:
    reason = str(exc).strip() or type(exc).__name__
    collect([_problem(file, "framework.unreadable", reason=reason)], FrameworkError, lang)


def _read_text(path: Path, lang: str) -> str:
    """UTF-16, UTF-8 (with or without BOM) or Windows-1252: what Excel saves as CSV."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        _unreadable(path.name, exc, lang)
        raise  # not reached: _unreadable raises
    # Bytes no encoding accepts still give a text, so the validation can name the bad cells.
    return decode_text(raw) or raw.decode("cp1252", errors="replace")


def _parse_csv(text: str, file: str, lang: str) -> pd.DataFrame:
    """Rows of a CSV text; the delimiter is whichever of , ; tab the header row uses most."""
    if not text.strip():
        return pd.DataFrame()
    delimiter = csv_delimiter(text)
    try:
        # newline="" keeps line breaks inside quoted cells (multi-line statements).
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        _unreadable(file, exc, lang)
    header, body = rows[0], rows[1:]
    body = [r + [""] * (len(header) - len(r)) for r in body]
    return pd.DataFrame([r[: len(header)] for r in body], columns=header, dtype=str)


def _read_xlsx(path: Path, lang: str) -> dict[str, pd.DataFrame]:
    if not zipfile.is_zipfile(path):  # e.g. an old .xls or a CSV renamed to .xlsx
        collect([_problem(path.name, "framework.not_xlsx")], FrameworkError, lang)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it drops; the user cannot act on that.
            warnings.simplefilter("ignore")
            frames = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False)
    except Exception as exc:  # a broken workbook raises many types (zipfile, XML, KeyError...)
        _unreadable(path.name, exc, lang)
    return {str(k): v for k, v in frames.items()}


def _canonical(frame: pd.DataFrame, file: str, sheet: str, problems: list[Problem]) -> pd.DataFrame:
    """Canonical column names, cells as stripped text, wholly empty rows dropped.

    The index keeps the row's position under the header, so `index + 2` is the row number
    the user sees in Excel, blank rows included.
    """
    frame = frame.rename(columns=lambda c: ALIASES.get(fold(str(c)), fold(str(c))))
    twice = frame.columns[frame.columns.duplicated()]
    for column in dict.fromkeys(twice):
        problems.append(
            _problem(file, "framework.duplicate_column", sheet=sheet, row=1, field=str(column))
        )
    frame = frame.loc[:, ~frame.columns.duplicated()]
    cells = pd.DataFrame(
        {str(c): frame[c].fillna("").astype(str).str.strip() for c in frame.columns},
        index=frame.index,
    )
    return cells[(cells != "").any(axis=1)] if len(cells.columns) else cells


def _rownum(index: Any) -> int:
    return int(index) + 2  # 1-based, after the header row


def validate_sheets(
    sheets: dict[str, pd.DataFrame], *, file: str, lang: str = "nb", source: str = ""
) -> Framework:
    """Check every sheet, collect every problem, then build the Framework."""
    problems: list[Problem] = []
    by_fold = {fold(k): v for k, v in sheets.items()}
    if fold(SHEET_STATEMENTS) not in by_fold:
        collect(
            [
                _problem(
                    file,
                    "framework.missing_sheet",
                    sheet=SHEET_STATEMENTS,
                    expected=SHEET_STATEMENTS,
                )
            ],
            FrameworkError,
            lang,
        )
    st = _canonical(by_fold[fold(SHEET_STATEMENTS)], file, SHEET_STATEMENTS, problems)
    has = {c: c in st.columns for c in STATEMENT_COLUMNS}
    for column in STATEMENT_COLUMNS:
        if not has[column]:
            problems.append(
                _problem(
                    file,
                    "framework.missing_column",
                    sheet=SHEET_STATEMENTS,
                    row=1,
                    field=column,
                    required=", ".join(STATEMENT_COLUMNS),
                )
            )
            st[column] = ""  # the other columns are still checked, row by row
    if "text_en" not in st:
        st["text_en"] = ""
    if st.empty and all(has.values()):
        problems.append(_problem(file, "framework.no_statements", sheet=SHEET_STATEMENTS))

    levels = _levels(by_fold, file, problems)
    domains, domain_sheet = _domains(by_fold, st, file, problems)
    meta = _meta(by_fold, file)

    seen: dict[str, int] = {}
    for index, row in st.iterrows():
        rownum = _rownum(index)
        sid, dom, lev, text = (str(row[c]) for c in STATEMENT_COLUMNS)
        lev = lev.upper()

        def add(key: str, fld: str, value: object, _r: int = rownum, **kw: Any) -> None:
            problems.append(
                _problem(file, key, sheet=SHEET_STATEMENTS, row=_r, field=fld, value=value, **kw)
            )

        if has["id"]:
            if not sid:
                add("framework.missing_id", "id", sid)
            elif sid in seen:
                add("framework.duplicate_id", "id", sid, first_row=seen[sid])
            else:
                seen[sid] = rownum
        level_ok = lev in levels.index
        if has["level"] and not lev:
            add("framework.missing_level", "level", lev)
        elif has["level"] and not level_ok:
            add("framework.unknown_level", "level", row["level"], allowed=", ".join(levels.index))
        if has["domain"] and not dom:
            add("framework.missing_domain", "domain", dom)
        elif has["domain"] and domain_sheet and dom not in domains.index:
            add("framework.unknown_domain", "domain", dom, domain_sheet=SHEET_DOMAINS)
        if has["text_nb"] and not text:
            add("framework.empty_text", "text_nb", text)
        if sid and dom and level_ok:
            match = STATEMENT_ID.match(sid)
            number = (match.group("number").lstrip("0") or "0") if match else "1"
            expected = f"{dom}.{lev}{number}"
            if not match or sid != expected:
                add(
                    "framework.id_mismatch",
                    "id",
                    sid,
                    domain=dom,
                    level=lev,
                    expected=expected,
                )
    collect(problems, FrameworkError, lang)

    st["level"] = st["level"].str.upper()
    st["number"] = st["id"].map(_number)
    st = st.set_index("id")
    return build_framework(meta, levels, domains, st, lang=lang, source=source)


def _number(statement_id: str) -> int:
    match = STATEMENT_ID.match(statement_id)
    assert match is not None  # every id was checked before
    return int(match.group("number"))


def _levels(sheets: dict[str, pd.DataFrame], file: str, problems: list[Problem]) -> pd.DataFrame:
    if fold(SHEET_LEVELS) not in sheets:
        return DEFAULT_LEVELS
    before = len(problems)
    frame = _canonical(sheets[fold(SHEET_LEVELS)], file, SHEET_LEVELS, problems)
    for column in ("code", "name_nb"):
        if column not in frame:
            problems.append(
                _problem(
                    file,
                    "framework.missing_column",
                    sheet=SHEET_LEVELS,
                    row=1,
                    field=column,
                    required="code, name_nb",
                )
            )
    if len(problems) > before:
        return DEFAULT_LEVELS
    if "name_en" not in frame:
        frame["name_en"] = ""
    frame["code"] = frame["code"].str.upper()
    seen: set[str] = set()
    for index, row in frame.iterrows():
        code = str(row["code"])
        key = ""
        if not LEVEL_CODE.match(code):
            key = "framework.bad_level_code"
        elif code in seen:
            key = "framework.duplicate_level"
        if key:
            problems.append(
                _problem(
                    file, key, sheet=SHEET_LEVELS, row=_rownum(index), field="code", value=code
                )
            )
        seen.add(code)
    if len(problems) > before:
        return DEFAULT_LEVELS
    return frame.set_index("code")[["name_nb", "name_en"]]


def _domains(
    sheets: dict[str, pd.DataFrame], st: pd.DataFrame, file: str, problems: list[Problem]
) -> tuple[pd.DataFrame, bool]:
    """The domains sheet if there is one; otherwise the domains the statements name."""
    if fold(SHEET_DOMAINS) not in sheets:
        codes = [d for d in dict.fromkeys(st["domain"]) if d]
        titles = {}
        for lang in ("nb", "en"):
            col = f"domain_title_{lang}"
            titles[lang] = (
                st[st[col] != ""].groupby("domain")[col].first() if col in st else pd.Series()
            )
        frame = pd.DataFrame(
            {
                "parent": [None] * len(codes),
                "title_nb": [titles["nb"].get(c, c) for c in codes],
                "title_en": [titles["en"].get(c, "") for c in codes],
            },
            index=pd.Index(codes, name="code"),
        )
        return frame, False
    before = len(problems)
    frame = _canonical(sheets[fold(SHEET_DOMAINS)], file, SHEET_DOMAINS, problems)
    for column in ("code", "title_nb"):
        if column not in frame:
            problems.append(
                _problem(
                    file,
                    "framework.missing_column",
                    sheet=SHEET_DOMAINS,
                    row=1,
                    field=column,
                    required="code, title_nb",
                )
            )
    if len(problems) > before:
        return pd.DataFrame(columns=["parent", "title_nb", "title_en"]), True
    for column in ("parent", "title_en"):
        if column not in frame:
            frame[column] = ""
    seen: set[str] = set()
    for index, row in frame.iterrows():
        code = str(row["code"])
        key = ""
        if not DOMAIN_CODE.match(code):
            key = "framework.bad_domain_code"
        elif code in seen:
            key = "framework.duplicate_domain"
        if key:
            problems.append(
                _problem(
                    file, key, sheet=SHEET_DOMAINS, row=_rownum(index), field="code", value=code
                )
            )
        seen.add(code)
    for index, row in frame.iterrows():
        if row["parent"] and row["parent"] not in seen:
            problems.append(
                _problem(
                    file,
                    "framework.unknown_parent",
                    sheet=SHEET_DOMAINS,
                    row=_rownum(index),
                    field="parent",
                    value=row["parent"],
                )
            )
    frame = frame.drop_duplicates("code").set_index("code")
    frame["parent"] = frame["parent"].astype(object).where(frame["parent"] != "", None)
    return frame[["parent", "title_nb", "title_en"]], True


def _meta(sheets: dict[str, pd.DataFrame], file: str) -> dict[str, Any]:
    meta: dict[str, Any] = {"title_nb": Path(file).stem, "language": "nb"}
    if fold(SHEET_META) in sheets:
        frame = _canonical(sheets[fold(SHEET_META)], file, SHEET_META, [])
        if {"key", "value"} <= set(frame.columns):
            # An empty value keeps the default (an empty title is no title).
            meta.update(
                {k: v for k, v in zip(frame["key"], frame["value"], strict=True) if k and v}
            )
    return meta
