"""Write the store's ratings to CSV or XLSX, in a shape `import_ratings` reads back.

Long: one row per rating, with the learner's name, the statement's text and the value's label
beside the codes. Wide: one row per learner × occasion × rater, one column per statement.
CSV files are `;`-separated UTF-8 with a byte order mark, which Norwegian Excel opens as is.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pandas as pd

from fls_kit._files import atomic_path
from fls_kit._i18n import t

if TYPE_CHECKING:
    from fls_kit.store import Store

OSLO = ZoneInfo("Europe/Oslo")
# The columns of each form; their headers are `ratings.export.col.<name>` in the catalogue,
# which the importer reads back in either language.
LONG_COLUMNS = ("learner_id", "name", "statement_id", "text", "occasion", "rater", "value",
                "label", "note", "recorded_at")  # fmt: skip
WIDE_COLUMNS = ("learner_id", "name", "occasion", "rater")


def headers(columns: tuple[str, ...], lang: str) -> list[str]:
    """The header row of an export in `lang` (nb or en)."""
    return [t(f"ratings.export.col.{c}", lang) for c in columns]


def export_ratings(
    store: Store,
    path: str | Path,
    *,
    fmt: str | None = None,
    wide: bool = False,
    lang: str = "nb",
    history: bool = False,
) -> int:
    """Write the ratings to `path` (fmt "csv" or "xlsx"; default from the suffix, else csv).

    Returns the number of data rows written. `history=True` (long only) includes every earlier
    rating as well as the current ones.
    """
    path = Path(path)
    fmt = fmt or ("xlsx" if path.suffix.lower() == ".xlsx" else "csv")
    if fmt not in ("csv", "xlsx"):
        raise ValueError(f"unknown format {fmt!r} (csv or xlsx)")
    if wide and history:
        raise ValueError("a wide export holds the current ratings only")
    lang = "en" if lang == "en" else "nb"
    ratings = store.ratings(history=history)
    frame = _wide(store, ratings, lang) if wide else _long(store, ratings, lang)
    with atomic_path(path) as partial:  # a failed export leaves no half file
        if fmt == "csv":
            frame.to_csv(partial, sep=";", index=False, encoding="utf-8-sig")
        else:
            sheet = t("ratings.export.sheet", lang)
            _write_xlsx(frame, partial, sheet, frozen_columns=4 if wide else 1)
    return len(frame)


def _occasion_order(store: Store) -> dict[str, int]:
    return {o: i for i, o in enumerate(store.occasions()["occasion"])}


def _cells(ratings: pd.DataFrame, lang: str) -> list[object]:
    """The value column: the code, or the words for "not relevant"."""
    values = ratings["value"].tolist()
    flags = ratings["not_relevant"].tolist()
    words = t("ratings.export.not_relevant", lang)  # short; the importer reads both languages
    return [words if nr else int(v) for v, nr in zip(values, flags, strict=True)]


def _long(store: Store, ratings: pd.DataFrame, lang: str) -> pd.DataFrame:
    names = store.learners().set_index("learner_id")["name"]
    texts = store.framework.statements[f"text_{lang}"]
    scale = store.scale
    labels = [
        scale.label(None if nr else int(v), lang, not_relevant=nr)
        for v, nr in zip(ratings["value"], ratings["not_relevant"], strict=True)
    ]
    stamps = ratings["recorded_at"].dt.tz_convert(OSLO)
    frame = pd.DataFrame(
        {
            "learner_id": ratings["learner_id"],
            "name": ratings["learner_id"].map(names),
            "statement_id": ratings["statement_id"],
            "text": ratings["statement_id"].map(texts),
            "occasion": ratings["occasion"],
            "rater": ratings["rater"],
            "value": _cells(ratings, lang),
            "label": labels,
            "note": ratings["note"],
            "recorded_at": [t.isoformat(sep=" ") for t in stamps],
        },
        dtype=object,
    )
    order = _occasion_order(store)
    frame = frame.assign(_o=frame["occasion"].map(order)).sort_values(
        ["learner_id", "_o", "rater"], kind="stable"
    )
    frame = frame.drop(columns="_o")
    frame = frame.where(frame.notna(), None)
    frame.columns = pd.Index(headers(LONG_COLUMNS, lang))
    return frame.reset_index(drop=True)


def _wide(store: Store, ratings: pd.DataFrame, lang: str) -> pd.DataFrame:
    ids = list(store.framework.statements.index)
    names = store.learners().set_index("learner_id")["name"]
    key = ["learner_id", "occasion", "rater"]
    cells = ratings.assign(cell=pd.Series(_cells(ratings, lang), index=ratings.index, dtype=object))
    if cells.empty:
        table = pd.DataFrame(columns=[*key, *ids])
    else:
        table = cells.pivot(index=key, columns="statement_id", values="cell").reset_index()
        table = table.reindex(columns=[*key, *ids])
    order = _occasion_order(store)
    table = table.assign(_o=table["occasion"].map(order)).sort_values(
        ["learner_id", "_o", "rater"], kind="stable"
    )
    table.insert(1, "name", table["learner_id"].map(names))
    table = table.drop(columns="_o").astype(object)
    table = table.where(table.notna(), None)
    table.columns = pd.Index([*headers(WIDE_COLUMNS, lang), *ids])
    return table.reset_index(drop=True)


def _write_xlsx(frame: pd.DataFrame, path: Path, sheet: str, *, frozen_columns: int) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    ws.freeze_panes = f"{get_column_letter(frozen_columns + 1)}2"
    sample = frame.head(500)
    for i, header in enumerate(frame.columns, start=1):
        longest = max([len(str(header)), *(len(str(v)) for v in sample[header] if v is not None)])
        ws.column_dimensions[get_column_letter(i)].width = min(max(longest + 2, 6), 60)
    bold = Font(bold=True)
    head = []
    for header in frame.columns:
        cell = WriteOnlyCell(ws, value=str(header))
        cell.font = bold
        head.append(cell)
    ws.append(head)
    for row in frame.itertuples(index=False):
        ws.append([None if v is None or v is pd.NA else v for v in row])
    book.save(path)
