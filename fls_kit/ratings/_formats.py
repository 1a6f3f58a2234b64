"""Reading rating files: bytes to a table of text cells, and a table to one cell per rating.

Three layouts are recognised from the header row, whatever the file type:

* long: one row per rating (`learner_id`, `statement_id`, `value` …);
* wide: one row per learner, one column per statement (`1.C1`, `1_C1`, `q_1_C1` …);
* Nettskjema: a wide CSV export with `$submission_id` and `$created` columns.

Everything here collects `Problem`s instead of raising, so the caller can report them all.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pandas as pd

from fls_kit._i18n import PerLang
from fls_kit._text import csv_delimiter, decode_text, fold
from fls_kit.errors import Problem

# Canonical column -> header spellings (folded, spaces and hyphens read as "_").
ALIASES: dict[str, tuple[str, ...]] = {
    "learner_id": ("learner_id", "learner", "deltaker_id", "deltakerid", "deltaker",
                   "deltakar_id", "participant_id", "participant"),
    "learner_name": ("learner_name", "navn", "name", "deltakernavn", "deltaker_navn",
                     "fullt_navn", "full_name", "namn"),
    "statement_id": ("statement_id", "utsagn", "utsagn_id", "utsagnsid", "statement_code"),
    "value": ("value", "verdi", "vurdering", "rating", "svar"),
    "occasion": ("occasion", "anledning", "måling", "runde"),
    "rater": ("rater", "vurderer", "vurdert_av", "assessor", "rated_by"),
    "note": ("note", "notat", "merknad", "kommentar", "comment", "begrunnelse", "evidence"),
    "recorded_at": ("recorded_at", "tidspunkt", "dato", "date", "timestamp", "registrert"),
}  # fmt: skip
HEADER_TO_FIELD = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
ROW_FIELDS = ("learner_id", "learner_name", "occasion", "rater", "recorded_at")
NETTSKJEMA_ID, NETTSKJEMA_CREATED = "$submission_id", "$created"
# `1.C1`, `1_C1`, `1C1`, `q_1_C1`, `3_3_P8`, and a question text that starts with one.
STATEMENT_LABEL = re.compile(
    r"^(?:q[\s._-]?)?(?P<domain>\d{1,3}(?:[._]\d{1,3})*)[\s._-]?(?P<level>[a-z])[\s._-]?(?P<n>\d{1,4})"
    r"(?=$|[\s:)\]])"
)
MAX_CELL = 1_000_000  # characters in one CSV field


@dataclass
class Table:
    """The cells of one sheet as stripped text, with the row numbers a spreadsheet shows."""

    file: str
    header: list[str]
    header_row: int
    rows: list[list[str]]
    row_numbers: list[int]
    sheet: str | None = None


@dataclass
class Cells:
    """One row per answer found in a table, before any checking."""

    layout: str  # "long", "wide" or "nettskjema"
    frame: pd.DataFrame  # row, learner_id, learner_name, statement, value, value_field, ...
    fields: dict[str, str]  # canonical column -> the header as written in the file
    statement_columns: dict[str, str] = field(default_factory=dict)  # header -> statement id
    ignored: list[str] = field(default_factory=list)


def header_key(text: str) -> str:
    return re.sub(r"[\s-]+", "_", fold(text))


def problem(file: str, key: str, **kw: Any) -> Problem:
    return Problem(file=file, message_key=key, **kw)


# -- bytes to table --------------------------------------------------------------------------
def read_table(path: Path, problems: list[Problem]) -> Table | None:
    """The first sheet (or a sheet called Vurderinger/Ratings) of an XLSX file, or a CSV."""
    name = path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problems.append(problem(name, "ratings.not_found"))
        return None
    except OSError as exc:
        problems.append(problem(name, "ratings.unreadable", params={"reason": exc.strerror}))
        return None
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(name, data, problems)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        problems.append(problem(name, "ratings.old_excel"))
        return None
    text = decode_text(data)
    if text is None:
        problems.append(problem(name, "ratings.encoding"))
        return None
    return _read_csv(name, text, problems)


def _read_csv(name: str, text: str, problems: list[Problem]) -> Table | None:
    if "\x00" in text:
        reason = PerLang("binærfil?", "binary file?")
        problems.append(problem(name, "ratings.unreadable", params={"reason": reason}))
        return None
    csv.field_size_limit(MAX_CELL)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text)))
    except csv.Error as exc:
        problems.append(problem(name, "ratings.unreadable", params={"reason": str(exc)}))
        return None
    return _table(name, [[c.strip() for c in r] for r in records], problems)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return str(value).strip()


def _read_xlsx(name: str, data: bytes, problems: list[Problem]) -> Table | None:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheets = {fold(ws.title): ws for ws in book.worksheets}
            ws = sheets.get("vurderinger") or sheets.get("ratings") or book.worksheets[0]
            records = [[_cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
            title = ws.title
        finally:
            book.close()
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, OSError) as exc:
        reason = str(exc) or type(exc).__name__
        problems.append(problem(name, "ratings.unreadable", params={"reason": reason}))
        return None
    table = _table(name, records, problems)
    if table is not None:
        table.sheet = title
    return table


def _table(name: str, records: list[list[str]], problems: list[Problem]) -> Table | None:
    start = next((i for i, r in enumerate(records) if any(r)), None)
    if start is None:
        problems.append(problem(name, "ratings.empty"))
        return None
    header = records[start]
    while header and not header[-1]:
        header.pop()
    width = len(header)
    rows, numbers = [], []
    for i in range(start + 1, len(records)):
        cells = records[i]
        if not any(cells):
            continue  # blank and trailing rows
        if len(cells) > width and any(cells[width:]):
            count = max(j for j, c in enumerate(cells) if c) + 1
            problems.append(
                problem(name, "ratings.extra_cells", row=i + 1,
                        params={"count": count, "expected": width})
            )  # fmt: skip
            continue
        rows.append((cells + [""] * width)[:width])
        numbers.append(i + 1)
    return Table(name, header, start + 1, rows, numbers)


# -- statements and mapping files ------------------------------------------------------------
def statement_resolver(
    ids: Collection[str], mapping: Mapping[str, str] | None = None
) -> Callable[[str], str | None]:
    """label -> statement id (maybe one the framework lacks), or None if it is no statement."""
    by_fold = {fold(i): i for i in ids}
    codes = {fold(k): v for k, v in (mapping or {}).items()}

    def resolve(label: str) -> str | None:
        key = fold(label)
        if key in codes:
            return codes[key]
        if key in by_fold:
            return by_fold[key]
        match = STATEMENT_LABEL.match(key)
        if match is None:
            return None
        domain = match["domain"].replace("_", ".")
        candidate = f"{domain}.{match['level'].upper()}{int(match['n'])}"
        return by_fold.get(fold(candidate), candidate)

    return resolve


def read_mapping(path: Path, ids: Collection[str], problems: list[Problem]) -> dict[str, str]:
    """A mapping file (CSV or XLSX with columns code, statement_id): form code -> statement."""
    table = read_table(path, problems)
    if table is None:
        return {}
    keys = [header_key(h) for h in table.header]
    code = next(
        (i for i, k in enumerate(keys) if k in {"code", "kode", "question", "spørsmål"}), None
    )
    target = next((i for i, k in enumerate(keys) if HEADER_TO_FIELD.get(k) == "statement_id"), None)
    if code is None or target is None:
        problems.append(problem(path.name, "ratings.mapping_columns", row=table.header_row))
        return {}
    resolve = statement_resolver(ids)
    out: dict[str, str] = {}
    first: dict[str, int] = {}
    field_name = table.header[target]
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        key, raw = row[code], row[target]
        if not key and not raw:
            continue
        sid = resolve(raw) if raw else None
        if sid is None or sid not in ids:
            problems.append(
                problem(path.name, "ratings.unknown_statement", row=number, field=field_name,
                        value=raw)
            )  # fmt: skip
        elif fold(key) in first:
            problems.append(
                problem(path.name, "ratings.mapping_duplicate", row=number,
                        field=table.header[code], value=key,
                        params={"first_row": first[fold(key)]})
            )  # fmt: skip
        else:
            first[fold(key)] = number
            out[key] = sid
    return out


# -- table to cells --------------------------------------------------------------------------
def to_cells(
    table: Table, ids: Collection[str], mapping: Mapping[str, str] | None,
    problems: list[Problem],
) -> Cells | None:  # fmt: skip
    """Find the layout from the header and give one row per answer (blank answers included)."""
    name, keys = table.file, [header_key(h) for h in table.header]
    before = len(problems)
    canon: dict[str, int] = {}
    for i, key in enumerate(keys):
        target = HEADER_TO_FIELD.get(key)
        if target is None:
            continue
        if target in canon:
            first = table.header[canon[target]]
            problems.append(
                problem(name, "ratings.duplicate_column", row=table.header_row,
                        field=table.header[i], value=table.header[i], params={"first": first})
            )  # fmt: skip
            continue
        canon[target] = i
    nettskjema = {k: i for i, k in enumerate(keys) if k in (NETTSKJEMA_ID, NETTSKJEMA_CREATED)}
    if "statement_id" in canon and not nettskjema:
        return _long(table, canon, problems)
    resolve = statement_resolver(ids, mapping)
    statements: dict[int, str] = {}
    seen: dict[str, int] = {}
    ignored: list[str] = []
    for i, header in enumerate(table.header):
        if i in canon.values() or i in nettskjema.values() or not header:
            continue
        sid = resolve(header)
        if sid is None:
            ignored.append(header)
        elif sid not in ids:
            problems.append(
                problem(name, "ratings.unknown_statement_column", row=table.header_row,
                        field=header, value=header, params={"statement": sid})
            )  # fmt: skip
        elif sid in seen:
            problems.append(
                problem(name, "ratings.duplicate_column", row=table.header_row, field=header,
                        value=sid, params={"first": table.header[seen[sid]]})
            )  # fmt: skip
        else:
            seen[sid] = i
            statements[i] = sid
    if nettskjema:
        if "learner_id" not in canon and NETTSKJEMA_ID in nettskjema:
            canon["learner_id"] = nettskjema[NETTSKJEMA_ID]
        if "recorded_at" not in canon and NETTSKJEMA_CREATED in nettskjema:
            canon["recorded_at"] = nettskjema[NETTSKJEMA_CREATED]
        ignored = [h for h in ignored if not h.startswith("$")]
    if not statements and "learner_id" not in canon:
        long_cols = ", ".join(("learner_id", "statement_id", "value"))
        problems.append(
            problem(name, "ratings.unknown_format", row=table.header_row,
                    params={"long": long_cols, "wide": "learner_id"})
        )  # fmt: skip
        return None
    if "learner_id" not in canon:
        problems.append(_missing_column(name, table.header_row, "learner_id"))
    if not statements and len(problems) == before:
        problems.append(problem(name, "ratings.no_statement_columns", row=table.header_row))
    if "learner_id" not in canon or not statements:
        return None
    return _wide(table, canon, statements, "nettskjema" if nettskjema else "wide", ignored)


def _missing_column(file: str, row: int, column: str) -> Problem:
    aliases = ", ".join(ALIASES[column][1:4])
    return problem(file, "ratings.missing_column", row=row, field=column,
                   params={"column": column, "aliases": aliases})  # fmt: skip


def _long(table: Table, canon: dict[str, int], problems: list[Problem]) -> Cells | None:
    missing = [c for c in ("learner_id", "value") if c not in canon]
    for column in missing:
        problems.append(_missing_column(table.file, table.header_row, column))
    if missing:
        return None
    columns = {name: [r[i] for r in table.rows] for name, i in canon.items()}
    frame = pd.DataFrame({"row": table.row_numbers, **columns}, dtype=object)
    frame["row"] = frame["row"].astype(int)
    frame["value_field"] = table.header[canon["value"]]
    fields = {name: table.header[i] for name, i in canon.items()}
    ignored = [h for i, h in enumerate(table.header) if h and i not in canon.values()]
    return Cells("long", frame, fields, ignored=ignored)


def _wide(
    table: Table, canon: dict[str, int], statements: dict[int, str], layout: str,
    ignored: list[str],
) -> Cells:  # fmt: skip
    per_row = {name: [r[i] for r in table.rows] for name, i in canon.items() if name in ROW_FIELDS}
    base = pd.DataFrame({"row": table.row_numbers, **per_row}, dtype=object)
    parts = []
    for i, sid in statements.items():
        part = base.copy()
        part["statement_id"] = sid
        part["value"] = [r[i] for r in table.rows]
        part["value_field"] = table.header[i]
        parts.append(part)
    frame = pd.concat(parts, ignore_index=True)
    frame["row"] = frame["row"].astype(int)
    order = {sid: n for n, sid in enumerate(statements.values())}
    frame = frame.assign(_o=frame["statement_id"].map(order)).sort_values(["row", "_o"])
    frame = frame.drop(columns="_o").reset_index(drop=True)
    fields = {name: table.header[i] for name, i in canon.items() if name in ROW_FIELDS}
    ignored += [table.header[i] for name, i in canon.items() if name not in ROW_FIELDS]
    columns = {table.header[i]: sid for i, sid in statements.items()}
    return Cells(layout, frame, fields, statement_columns=columns, ignored=ignored)
