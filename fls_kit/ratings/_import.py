"""Import and export ratings: long, wide and Nettskjema files, as CSV or XLSX.

    result = import_ratings(store, "svar-før.csv", occasion="før", create_learners=True)
    export_ratings(store, "vurderinger.xlsx", fmt="xlsx", wide=True)

An import is all or nothing. The whole file is read and checked first; every problem (row as a
spreadsheet shows it, column, value, why) is reported at once in a `RatingsImportError`; only a
clean file is written, in one transaction. Importing the same file again writes nothing.

`occasion` and `rater` fill in: they apply to files without that column and to rows whose cell
is empty; a value in the file wins. Times without a time zone are read as Norwegian time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from fls_kit._i18n import PerLang
from fls_kit._text import fold
from fls_kit.errors import Problem, RatingsImportError, collect
from fls_kit.framework import Framework
from fls_kit.ratings import _formats as rf
from fls_kit.ratings._export import export_ratings
from fls_kit.scales import Scale
from fls_kit.store import RATING_COLUMNS, Store

__all__ = ["ImportResult", "ParsedRatings", "export_ratings", "import_ratings", "read_ratings_file"]

OSLO = ZoneInfo("Europe/Oslo")
TIME_FORMATS = ("%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y", "%d/%m/%Y %H:%M:%S",
                "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d.%m.%y %H:%M", "%d.%m.%y")  # fmt: skip
OCCASION_WORDS = {"før": "før", "før kurset": "før", "foer": "før", "for": "før", "before": "før",
                  "pre": "før", "etter": "etter", "etter kurset": "etter", "after": "etter",
                  "post": "etter"}  # fmt: skip
SELF_WORDS = {"self", "selv", "egenvurdering", "self-assessment", "self assessment", "meg selv"}
# A rating from before 1900 or after 2200 is a typing error.
EARLIEST, LATEST = datetime(1900, 1, 1, tzinfo=UTC), datetime(2200, 1, 1, tzinfo=UTC)
MAX_LENGTH = {"learner_id": 200, "occasion": 100, "rater": 200}  # the store's column sizes


@dataclass(frozen=True)
class ParsedRatings:
    """A rating file, read and checked: what an import would store."""

    file: str
    layout: str  # "long", "wide" or "nettskjema"
    ratings: pd.DataFrame  # the tidy rating columns, plus `row` (where it is in the file)
    learners: pd.DataFrame  # learner_id, name ("" when the file gives none), row
    rows_read: int  # data rows in the file
    blank: int  # answers left empty (not ratings)
    statement_columns: dict[str, str] = field(default_factory=dict)  # header -> statement
    fields: dict[str, str] = field(default_factory=dict)  # column -> header as in the file
    ignored: list[str] = field(default_factory=list)  # headers that were not used


@dataclass(frozen=True)
class ImportResult:
    rows_read: int
    written: int  # new rating rows stored
    skipped: int  # answers not stored: blank, or equal to the rating already stored
    learners_created: int
    layout: str = ""  # "long", "wide" or "nettskjema"
    ignored: tuple[str, ...] = ()  # columns of the file that were not used


def read_ratings_file(
    path: str | Path,
    *,
    scale: Scale,
    framework: Framework,
    occasion: str | None = None,
    rater: str | None = None,
    mapping: str | Path | Mapping[str, str] | None = None,
    lang: str = "nb",
) -> ParsedRatings:
    """Read and check a ratings file; RatingsImportError lists every problem found."""
    path = Path(path)
    ids = set(framework.statements.index)
    problems: list[Problem] = []
    codes = _mapping(mapping, ids, problems)
    table = rf.read_table(path, problems)
    cells = rf.to_cells(table, ids, codes, problems) if table is not None else None
    if table is None or cells is None:
        collect(problems, RatingsImportError, lang)  # nothing more can be read
        raise AssertionError("a file that cannot be read always has a problem")
    checker = _Checker(table, cells, scale, ids, codes, lang)
    ratings, learners, blank = checker.run(occasion, rater)
    # Problems of the mapping file first, then the rows of the ratings file in order.
    found = [*problems, *checker.problems]
    found.sort(key=lambda p: (p.file == path.name, p.row or 0))
    collect(found, RatingsImportError, lang)
    if ratings.empty:
        collect([rf.problem(path.name, "ratings.no_ratings")], RatingsImportError, lang)
    return ParsedRatings(
        path.name, cells.layout, ratings, learners, len(table.rows), blank,
        cells.statement_columns, cells.fields, cells.ignored,
    )  # fmt: skip


def import_ratings(
    store: Store,
    path: str | Path,
    *,
    occasion: str | None = None,
    rater: str | None = None,
    create_learners: bool = False,
    mapping: str | Path | Mapping[str, str] | None = None,
    lang: str = "nb",
) -> ImportResult:
    """Read, check and store a ratings file in one transaction: all of it, or nothing."""
    parsed = read_ratings_file(
        path, scale=store.scale, framework=store.framework, occasion=occasion, rater=rater,
        mapping=mapping, lang=lang,
    )  # fmt: skip
    known = set(store.learners()["learner_id"])
    new = parsed.learners[~parsed.learners["learner_id"].isin(known)]
    if not new.empty and not create_learners:
        problems = [
            rf.problem(parsed.file, "ratings.unknown_learner", row=int(row), value=learner,
                       field=parsed.fields.get("learner_id"))
            for learner, row in zip(new["learner_id"].tolist(), new["row"].tolist(), strict=True)
        ]  # fmt: skip
        collect(problems, RatingsImportError, lang)
    names = new["name"].where(new["name"] != "", new["learner_id"])
    people = pd.DataFrame({"learner_id": new["learner_id"], "name": names})
    ratings = parsed.ratings.drop(columns="row")
    if "note" not in parsed.fields:
        ratings = _keep_notes(ratings, store.ratings())
    with store.transaction() as conn:
        created = store.add_learners(people, conn) if not people.empty else 0
        written = store.record_ratings(ratings, conn)
    skipped = len(parsed.ratings) + parsed.blank - written
    return ImportResult(
        parsed.rows_read, written, skipped, created, parsed.layout, tuple(parsed.ignored)
    )


def _keep_notes(ratings: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """A file without notes says nothing about them: an unchanged rating keeps its note."""
    key = ["learner_id", "statement_id", "occasion", "rater"]
    stored = current[[*key, "value", "not_relevant", "note"]].rename(
        columns={"value": "_v", "not_relevant": "_nr", "note": "_note"}
    )
    both = ratings.merge(stored, on=key, how="left")
    equal = (both["not_relevant"] == both["_nr"]) & (
        both["not_relevant"] | (both["value"] == both["_v"]).fillna(False)
    )
    same = equal.fillna(False).astype(bool).to_numpy()
    out = ratings.copy()
    out.loc[same, "note"] = both.loc[same, "_note"].to_numpy()
    return out


def _mapping(
    mapping: str | Path | Mapping[str, str] | None, ids: set[str], problems: list[Problem]
) -> dict[str, str]:
    if mapping is None:
        return {}
    if isinstance(mapping, Mapping):
        return dict(mapping)
    return rf.read_mapping(Path(mapping), ids, problems)


def parse_time(text: str) -> datetime | None:
    """A time as people write it, in UTC; naive times are Norwegian local time."""
    try:
        stamp: datetime | None = datetime.fromisoformat(text)
    except ValueError:
        stamp = None
        for fmt in TIME_FORMATS:
            try:
                stamp = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if stamp is None:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=OSLO)
    try:
        stamp = stamp.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    return stamp if EARLIEST <= stamp <= LATEST else None


class _Checker:
    """Turns a table's cells into clean ratings, collecting a Problem for every bad cell."""

    def __init__(
        self, table: rf.Table, cells: rf.Cells, scale: Scale, ids: set[str],
        codes: Mapping[str, str], lang: str,
    ) -> None:  # fmt: skip
        self.table, self.cells, self.scale, self.ids = table, cells, scale, ids
        self.lang = lang
        self.resolve = rf.statement_resolver(ids, codes)
        self.problems: list[Problem] = []

    def add(
        self, key: str, rows: pd.Series, column: str | pd.Series, values: pd.Series, **params: Any
    ) -> None:
        columns = column.tolist() if isinstance(column, pd.Series) else [column] * len(rows)
        for row, value, name in zip(rows.tolist(), values.tolist(), columns, strict=True):
            self.problems.append(
                Problem(self.table.file, key, dict(params), sheet=self.table.sheet, row=int(row),
                        field=str(name), value=value)
            )  # fmt: skip

    def field(self, name: str) -> str:
        return self.cells.fields.get(name, name)

    def run(
        self, occasion: str | None, rater: str | None
    ) -> tuple[pd.DataFrame, pd.DataFrame, int]:
        f = self.cells.frame
        blank = f["value"] == ""
        f = f[~blank].reset_index(drop=True)
        if f.empty:  # nothing answered: no ratings, and nothing to check
            empty = pd.DataFrame({c: pd.Series(dtype=object) for c in ["row", *RATING_COLUMNS]})
            people = pd.DataFrame(
                {c: pd.Series(dtype=object) for c in ["learner_id", "name", "row"]}
            )
            return empty, people, int(blank.sum())
        out = pd.DataFrame({"row": f["row"]})
        out["learner_id"] = self._learner(f)
        out["statement_id"] = self._statement(f)
        out["value"], out["not_relevant"] = self._value(f)
        out["occasion"] = self._text(f, "occasion", occasion, OCCASION_WORDS.get)
        selfish = {fold(w): "self" for w in SELF_WORDS}
        out["rater"] = self._text(f, "rater", rater or "self", selfish.get)
        out["note"] = f.get("note", "")
        out["recorded_at"] = self._time(f)
        learners = self._learners(f)
        bad_rows = {p.row for p in self.problems}
        self._duplicates(out[~out["row"].isin(bad_rows)])
        unique = {(p.message_key, p.row, p.field, str(p.value)): p for p in self.problems}
        self.problems = sorted(unique.values(), key=lambda p: p.row or 0)
        out = out[["row", *RATING_COLUMNS]]
        text = ["learner_id", "statement_id", "occasion", "rater", "note"]
        out = out.astype(dict.fromkeys(text, "str")).astype({"row": int})  # as Store.ratings()
        learners = learners.astype({"learner_id": "str", "name": "str", "row": int})
        return out, learners, int(blank.sum())

    def _learner(self, f: pd.DataFrame) -> pd.Series:
        ids = f["learner_id"]
        self.add("ratings.missing_learner", f["row"][ids == ""], self.field("learner_id"),
                 ids[ids == ""])  # fmt: skip
        self._length(f, ids, "learner_id")
        return ids

    def _length(self, f: pd.DataFrame, values: pd.Series, name: str) -> None:
        long = values.str.len() > MAX_LENGTH[name]
        self.add("ratings.too_long", f["row"][long], self.field(name), values[long],
                 max=MAX_LENGTH[name])  # fmt: skip

    def _statement(self, f: pd.DataFrame) -> pd.Series:
        if self.cells.layout != "long":
            return f["statement_id"]
        raw = f["statement_id"]
        resolved = raw.map({v: self.resolve(v) if v else None for v in raw.unique()})
        bad = ~resolved.isin(self.ids)
        missing = bad & (raw == "")
        column = self.field("statement_id")
        self.add("ratings.missing_statement", f["row"][missing], column, raw[missing])
        self.add("ratings.unknown_statement", f["row"][bad & ~missing], column, raw[bad & ~missing])
        return resolved

    def _value(self, f: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
        def parse(text: str) -> tuple[int | None, bool] | None:
            try:
                return self.scale.parse(text)
            except ValueError:
                return None

        parsed = f["value"].map({v: parse(v) for v in f["value"].unique()})
        bad = parsed.isna()
        self.add("ratings.bad_value", f["row"][bad], f["value_field"][bad], f["value"][bad],
                 allowed=PerLang(self.scale.describe("nb"), self.scale.describe("en")),
                 nr=PerLang(self.scale.not_relevant_nb, self.scale.not_relevant_en))  # fmt: skip
        good = parsed.where(~bad, None)
        value = good.map(lambda p: None if p is None else p[0]).astype("Int64")
        flag = good.map(lambda p: bool(p and p[1])).astype(bool)
        return value, flag

    def _text(self, f: pd.DataFrame, name: str, fill: str | None, normal: Any) -> pd.Series:
        if name in f:
            values = f[name].where(f[name] != "", fill or "")
        elif fill:
            values = pd.Series(fill, index=f.index, dtype=object)
        else:
            self.problems.append(
                Problem(self.table.file, "ratings.no_occasion", sheet=self.table.sheet,
                        row=self.table.header_row)
            )  # fmt: skip
            return pd.Series("", index=f.index, dtype=object)
        values = values.map({v: normal(fold(v)) or v for v in values.unique()})
        missing = values == ""
        self.add(f"ratings.missing_{name}", f["row"][missing], self.field(name), values[missing])
        self._length(f, values, name)
        return values

    def _time(self, f: pd.DataFrame) -> pd.Series:
        if "recorded_at" not in f:
            return pd.Series(pd.NaT, index=f.index, dtype="datetime64[us, UTC]")
        raw = f["recorded_at"]
        parsed = raw.map({v: parse_time(v) if v else None for v in raw.unique()})
        bad = parsed.isna() & (raw != "")
        self.add("ratings.bad_time", f["row"][bad], self.field("recorded_at"), raw[bad])
        stamps = pd.to_datetime(parsed.where(~bad, None), utc=True)
        return stamps.astype("datetime64[us, UTC]")

    def _learners(self, f: pd.DataFrame) -> pd.DataFrame:
        names = f["learner_name"] if "learner_name" in f else pd.Series("", index=f.index)
        frame = pd.DataFrame({"learner_id": f["learner_id"], "name": names, "row": f["row"]})
        frame = frame[frame["learner_id"] != ""]
        named = frame[frame["name"] != ""].drop_duplicates(["learner_id", "name"])
        first = named.drop_duplicates("learner_id").set_index("learner_id")
        clash = named[named.duplicated("learner_id")]
        firsts = first.to_dict("index")
        for r in clash.to_dict("records"):
            earlier = firsts[r["learner_id"]]
            self.problems.append(
                Problem(self.table.file, "ratings.conflicting_name", sheet=self.table.sheet,
                        row=int(r["row"]), field=self.field("learner_name"), value=r["name"],
                        params={"learner": r["learner_id"], "first": earlier["name"],
                                "first_row": int(earlier["row"])})
            )  # fmt: skip
        people = frame.drop_duplicates("learner_id")[["learner_id", "row"]]
        known = {k: str(v["name"]) for k, v in firsts.items()}
        people["name"] = [known.get(i, "") for i in people["learner_id"]]
        return people[["learner_id", "name", "row"]].reset_index(drop=True)

    def _duplicates(self, out: pd.DataFrame) -> None:
        """Two rows for the same rating (same time, or both without one) must agree."""
        key = ["learner_id", "statement_id", "occasion", "rater", "recorded_at"]
        same = out[out.duplicated(key, keep=False)]
        if same.empty:
            return
        value = same["value"].astype("Int64").fillna(-1).astype("int64").astype(str)
        content = value + "|" + same["not_relevant"].astype(str) + "|" + same["note"].astype(str)
        groups = [same[k] for k in key]
        first = content.groupby(groups, sort=False, dropna=False).transform("first")
        first_row = same["row"].groupby(groups, sort=False, dropna=False).transform("first")
        differs = content != first
        for row, earlier in zip(same["row"][differs], first_row[differs], strict=True):
            self.add("ratings.duplicate", pd.Series([row]), self.field("value"),
                     pd.Series([None]), first_row=int(earlier))  # fmt: skip
