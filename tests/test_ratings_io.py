"""Rating imports and exports: every layout and encoding, all-or-nothing, round trips, CLI."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from fls_kit.cli import main
from fls_kit.errors import RatingsImportError
from fls_kit.framework import Framework
from fls_kit.ratings import (
    ImportResult,
    ParsedRatings,
    export_ratings,
    import_ratings,
    read_ratings_file,
)
from fls_kit.ratings._import import parse_time
from fls_kit.store import RATING_COLUMNS, Store, open_store

DATA = Path(__file__).parent / "data" / "ratings"
OSLO = ZoneInfo("Europe/Oslo")


def read(store: Store, path: Path, **kw: object) -> ParsedRatings:
    return read_ratings_file(path, scale=store.scale, framework=store.framework, **kw)  # type: ignore[arg-type]


def problems(exc: pytest.ExceptionInfo[RatingsImportError]) -> list[tuple[int | None, str]]:
    return [(p.row, p.message_key) for p in exc.value.problems]


def oslo(text: str) -> pd.Timestamp:
    return pd.Timestamp(datetime.fromisoformat(text).replace(tzinfo=OSLO)).tz_convert("UTC")


def comparable(frame: pd.DataFrame, *, times: bool = True) -> pd.DataFrame:
    columns = RATING_COLUMNS if times else RATING_COLUMNS[:-1]
    out = frame[columns].sort_values(["learner_id", "occasion", "rater", "statement_id"])
    return out.reset_index(drop=True)


# -- long files, three encodings -----------------------------------------------------------
def test_long_csv_reads_codes_labels_and_not_relevant(store: Store) -> None:
    parsed = read(store, DATA / "long.csv")
    assert parsed.layout == "long"
    assert parsed.rows_read == 10  # the empty trailing rows are not rows
    r = parsed.ratings.set_index(["learner_id", "statement_id", "occasion"])
    assert r.loc[("d01", "1.C1", "før"), "value"] == 2  # "Oppfylt"
    assert r.loc[("d02", "2.C1", "før"), "value"] == 2  # "  met  "
    assert r.loc[("d02", "2.C2", "før"), "value"] == 2  # "2,0"
    assert r.loc[("d02", "3.3.P8", "før"), "value"] == 1  # "partly"
    assert r.loc[("d02", "2.C1", "etter"), "value"] == 0  # "Ikke ennå"
    nr = r.loc[("d01", "1.P1", "før")]
    assert nr["value"] is pd.NA
    assert bool(nr["not_relevant"])
    assert nr["note"] == "Jobber ikke med undervisning"
    assert r.loc[("d01", "1.C2", "etter"), "rater"] == "Kari Veileder"
    assert r.loc[("d01", "1.C2", "før"), "rater"] == "self"
    # Times without a zone are Norwegian time; both ISO and dd.mm.yyyy are read.
    assert r.loc[("d01", "1.C1", "før"), "recorded_at"] == oslo("2026-03-02 09:15")
    assert r.loc[("d02", "2.C1", "før"), "recorded_at"] == oslo("2026-03-02 09:20")
    assert r.loc[("d01", "1.C1", "etter"), "recorded_at"] == oslo("2026-04-20 15:00")  # summer
    assert r.loc[("d02", "6.E9", "etter"), "recorded_at"] is pd.NaT
    names = dict(zip(parsed.learners["learner_id"], parsed.learners["name"], strict=True))
    assert names == {"d01": "Åse Ødegård", "d02": "Bjørn Ærø"}


@pytest.mark.parametrize("name", ["long_bom.csv", "long_cp1252.csv"])
def test_bom_cp1252_and_norwegian_headers_read_the_same(store: Store, name: str) -> None:
    expected = read(store, DATA / "long.csv")
    parsed = read(store, DATA / name)
    pd.testing.assert_frame_equal(parsed.ratings, expected.ratings)
    pd.testing.assert_frame_equal(parsed.learners, expected.learners)


def test_utf16_from_excel_unicode_text(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    text = (DATA / "long.csv").read_text(encoding="utf-8").replace(",", "\t")
    path.write_text(text.replace('"2\t0"', "2,0"), encoding="utf-16")
    assert len(read(store, path).ratings) == 10


def test_long_xlsx_with_numbers_and_dates(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "long.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Deltaker ID", "Utsagn", "Verdi", "Tidspunkt", "Anledning"])
    ws.append([1001, "1.C1", 2, datetime(2026, 3, 2, 9, 15), "Før kurset"])
    ws.append([1001.0, "1_C2", 1.0, None, "Etter"])
    ws.append([None, None, None, None, None])
    book.save(path)
    parsed = read(store, path)
    assert list(parsed.ratings["learner_id"]) == ["1001", "1001"]
    assert list(parsed.ratings["statement_id"]) == ["1.C1", "1.C2"]
    assert list(parsed.ratings["value"]) == [2, 1]
    assert list(parsed.ratings["occasion"]) == ["før", "etter"]
    assert parsed.ratings["recorded_at"].iloc[0] == oslo("2026-03-02 09:15")


# -- wide files and Nettskjema ---------------------------------------------------------------
def test_wide_csv_one_row_per_learner(store: Store) -> None:
    parsed = read(store, DATA / "wide.csv", occasion="før")
    assert parsed.layout == "wide"
    assert parsed.ignored == ["E-post"]
    assert parsed.blank == 1 + 5  # d02 left 1.C2 empty, d03 answered nothing
    assert set(parsed.learners["learner_id"]) == {"d01", "d02"}
    d01 = parsed.ratings[parsed.ratings["learner_id"] == "d01"].set_index("statement_id")
    assert list(d01.index) == ["1.C1", "1.C2", "2.C1", "2.C2", "3.3.P8"]
    assert bool(d01.loc["2.C2", "not_relevant"])
    assert set(parsed.ratings["occasion"]) == {"før"}
    assert set(parsed.ratings["row"]) == {2, 3}


def test_wide_xlsx_and_lenient_statement_headers(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "wide.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Ark1"
    headers = ["learner_id", "name", "1_C1", "q_1_C2", "2C1", "3_3_P8", "6.E9 Leder forskning"]
    ws.append(headers)
    ws.append(["d01", "Åse", 2, 1, 0, "Ikke relevant for min rolle", 2])
    book.save(path)
    parsed = read(store, path, occasion="etter", rater="Kari")
    assert parsed.statement_columns == {
        "1_C1": "1.C1", "q_1_C2": "1.C2", "2C1": "2.C1", "3_3_P8": "3.3.P8",
        "6.E9 Leder forskning": "6.E9",
    }  # fmt: skip
    assert list(parsed.ratings["value"].astype(object).fillna(-1)) == [2, 1, 0, -1, 2]
    assert set(parsed.ratings["rater"]) == {"Kari"}


def test_nettskjema_export(store: Store) -> None:
    parsed = read(store, DATA / "nettskjema.csv", occasion="før")
    assert parsed.layout == "nettskjema"
    assert parsed.rows_read == 4
    assert parsed.blank == 1
    assert parsed.ignored == ["arbeidssted", "Andre kommentarer"]
    assert set(parsed.ratings["learner_id"]) == {"28451093", "28451187", "28451190", "28451302"}
    first = parsed.ratings[parsed.ratings["learner_id"] == "28451093"].set_index("statement_id")
    assert first["recorded_at"].iloc[0] == oslo("2026-03-02 09:14:05")
    assert first.loc["1.C2", "value"] == 1  # the header 1_C2
    assert first.loc["2.C1", "value"] == 0  # the header q_2_C1
    assert bool(first.loc["2.C2", "not_relevant"])
    assert "Øystein Måløy" in set(parsed.learners["name"])


def test_nettskjema_with_a_mapping_file_and_a_learner_column(store: Store) -> None:
    parsed = read(
        store, DATA / "nettskjema_coded.csv", occasion="etter", mapping=DATA / "mapping.csv"
    )
    assert parsed.statement_columns == {
        "kunnskap_01": "1.C1", "kunnskap_02": "1.C2", "risiko_01": "2.C1",
    }  # fmt: skip
    assert set(parsed.ratings["learner_id"]) == {"d01", "d02"}  # «deltaker», not $submission_id
    assert parsed.ratings["recorded_at"].iloc[0] == oslo("2026-04-20 14:02")
    with pytest.raises(RatingsImportError) as exc:
        read(store, DATA / "nettskjema_coded.csv", occasion="etter")
    assert problems(exc) == [(1, "ratings.no_statement_columns")]


def test_a_bad_mapping_file_is_reported_with_the_ratings_file(store: Store, tmp_path: Path) -> None:
    mapping = tmp_path / "kobling.csv"
    mapping.write_text("kode;utsagn\nkunnskap_01;1.C1\nkunnskap_01;1.C2\nrisiko_01;9.Z9\n")
    with pytest.raises(RatingsImportError) as exc:
        read(store, DATA / "nettskjema_coded.csv", occasion="etter", mapping=mapping)
    found = [(p.file, p.row, p.message_key) for p in exc.value.problems]
    assert found == [
        ("kobling.csv", 3, "ratings.mapping_duplicate"),
        ("kobling.csv", 4, "ratings.unknown_statement"),
    ]


# -- occasion and rater options ----------------------------------------------------------------
def test_occasion_and_rater_options_fill_empty_cells_only(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "fill.csv"
    path.write_text(
        "learner_id,statement_id,value,occasion,rater\n"
        "d01,1.C1,2,,\nd01,1.C2,2,etter,Kari\nd01,2.C1,1,før,selv\n"
    )
    parsed = read(store, path, occasion="oppfølging", rater="Ola")
    assert list(parsed.ratings["occasion"]) == ["oppfølging", "etter", "før"]
    assert list(parsed.ratings["rater"]) == ["Ola", "Kari", "self"]


def test_without_any_occasion_there_is_one_clear_problem(store: Store) -> None:
    with pytest.raises(RatingsImportError) as exc:
        read(store, DATA / "wide.csv")
    assert problems(exc) == [(1, "ratings.no_occasion")]
    assert "--occasion" in str(exc.value)


# -- all problems at once, nothing stored ------------------------------------------------------
def test_bad_file_lists_every_bad_row_and_stores_nothing(store: Store) -> None:
    with pytest.raises(RatingsImportError) as exc:
        import_ratings(store, DATA / "bad.csv", create_learners=True)
    assert problems(exc) == [
        (3, "ratings.unknown_statement"),
        (4, "ratings.bad_value"),
        (5, "ratings.missing_learner"),
        (6, "ratings.bad_value"),
        (7, "ratings.bad_time"),
        (8, "ratings.missing_occasion"),
        (9, "ratings.extra_cells"),
        (10, "ratings.duplicate"),
    ]
    by_row = {p.row: p for p in exc.value.problems}
    assert (by_row[3].field, by_row[3].value) == ("statement_id", "9.C1")
    assert (by_row[6].field, by_row[6].value) == ("value", "Kanskje")
    assert by_row[10].params["first_row"] == 2
    text = exc.value.text("en")
    assert "row 6" in text
    assert "“Kanskje” is not a valid rating (use 0 Not yet, 1 Partly, 2 Met" in text
    assert store.ratings(history=True).empty
    assert store.learners().empty


@pytest.mark.parametrize("written_before_failure", [0, 3])
def test_a_write_that_fails_half_way_leaves_the_store_as_it_was(
    any_store: Store, monkeypatch: pytest.MonkeyPatch, written_before_failure: int
) -> None:
    """Fault injection: the database write dies after part of the batch (a full disk, a lost
    connection). The new learners and every rating of the file are gone with it."""
    from fls_kit.store import _rating_rows

    import_ratings(any_store, DATA / "long.csv", create_learners=True)
    learners, history = any_store.learners(), any_store.ratings(history=True)
    insert = _rating_rows.insert

    def dies_half_way(conn: object, rows: pd.DataFrame) -> None:
        insert(conn, rows.iloc[:written_before_failure])  # type: ignore[arg-type]
        raise OSError("disk full")

    monkeypatch.setattr(_rating_rows, "insert", dies_half_way)
    with pytest.raises(OSError, match="disk full"):
        import_ratings(any_store, DATA / "nettskjema.csv", occasion="før", create_learners=True)

    pd.testing.assert_frame_equal(any_store.learners(), learners)
    pd.testing.assert_frame_equal(any_store.ratings(history=True), history)
    monkeypatch.undo()  # the same file imports in full once the disk has room again
    result = import_ratings(
        any_store, DATA / "nettskjema.csv", occasion="før", create_learners=True
    )
    assert result.written > written_before_failure
    assert len(any_store.ratings(history=True)) == len(history) + result.written


def test_value_outside_a_custom_scale(store: Store, tmp_path: Path) -> None:
    from fls_kit.scales import Scale, ScaleItem

    store.set_scale(
        Scale("fire", tuple(ScaleItem(v, f"n{v}", f"e{v}", met=v >= 3) for v in (1, 2, 3, 4)))
    )
    path = tmp_path / "four.csv"
    path.write_text("learner_id,statement_id,occasion,value\nd01,1.C1,før,4\nd01,1.C2,før,0\n")
    with pytest.raises(RatingsImportError) as exc:
        read(store, path)
    assert problems(exc) == [(3, "ratings.bad_value")]


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (b"", "ratings.empty"),
        (b"\n\n  \n", "ratings.empty"),
        (b"learner_id,statement_id,occasion,value\n", "ratings.no_ratings"),
        (b"learner_id,statement_id,occasion,value\nd1,1.C1,f\xf8r,\n", "ratings.no_ratings"),
        (b"a,b,c\n1,2,3\n", "ratings.unknown_format"),
        (b"statement_id,value\n1.C1,2\n", "ratings.missing_column"),
        (b"learner_id,1.C1,1.C1\nd1,2,2\n", "ratings.duplicate_column"),
        (b"learner_id,1.C9\nd1,2\n", "ratings.unknown_statement_column"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "ratings.old_excel"),
        (b"PK\x03\x04not really a zip", "ratings.unreadable"),
        (b"learner_id,1.C1\nd1\x00,2\n", "ratings.unreadable"),
        (b"\x81\x8d\x8f\x90\x9d\xff\xfe", "ratings.encoding"),
    ],
)
def test_broken_files_are_clear_errors(
    store: Store, tmp_path: Path, content: bytes, key: str
) -> None:
    path = tmp_path / "fil.csv"
    path.write_bytes(content)
    with pytest.raises(RatingsImportError) as exc:
        read(store, path, occasion="før")
    assert key in [p.message_key for p in exc.value.problems]


def test_a_missing_file(store: Store, tmp_path: Path) -> None:
    with pytest.raises(RatingsImportError) as exc:
        read(store, tmp_path / "finnes-ikke.csv")
    assert problems(exc) == [(None, "ratings.not_found")]


def test_too_long_ids_are_refused_before_the_database_sees_them(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "long_ids.csv"
    path.write_text(f"learner_id,statement_id,occasion,value\n{'x' * 201},1.C1,før,2\n")
    with pytest.raises(RatingsImportError) as exc:
        read(store, path)
    assert problems(exc) == [(2, "ratings.too_long")]


def test_the_same_rating_twice_in_a_file_must_agree(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text(
        "learner_id,statement_id,occasion,value\n"
        "d1,1.C1,før,2\nd1,1.C1,før,Oppfylt\nd1,1.C1,før,1\nd1,1.C1,etter,1\n"
    )
    with pytest.raises(RatingsImportError) as exc:
        read(store, path)
    assert problems(exc) == [(4, "ratings.duplicate")]
    assert exc.value.problems[0].params["first_row"] == 2


def test_a_learner_with_two_names_is_a_problem(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text(
        "learner_id,navn,statement_id,occasion,value\n"
        "d1,Åse,1.C1,før,2\nd1,Åse,1.C2,før,2\nd1,Åsa,2.C1,før,2\n"
    )
    with pytest.raises(RatingsImportError) as exc:
        read(store, path)
    assert problems(exc) == [(4, "ratings.conflicting_name")]


# -- importing into the store ------------------------------------------------------------------
def test_unknown_learners_are_errors_unless_created(store: Store) -> None:
    with pytest.raises(RatingsImportError) as exc:
        import_ratings(store, DATA / "long.csv")
    assert [(p.row, p.value) for p in exc.value.problems] == [(2, "d01"), (5, "d02")]
    assert "--create-learners" in str(exc.value)
    assert store.learners().empty
    result = import_ratings(store, DATA / "long.csv", create_learners=True)
    assert result == ImportResult(10, 10, 0, 2, "long", ())
    assert store.learner("d01")["name"] == "Åse Ødegård"


def test_created_learners_without_a_name_get_their_id(store: Store) -> None:
    result = import_ratings(store, DATA / "nettskjema_coded.csv", occasion="etter",
                            mapping=DATA / "mapping.csv", create_learners=True)  # fmt: skip
    assert result.learners_created == 2
    assert store.learner("d02")["name"] == "d02"


def test_existing_learners_are_not_renamed(store: Store) -> None:
    store.add_learner("d01", "Åse Ø.", cohort="vår")
    import_ratings(store, DATA / "long.csv", create_learners=True)
    assert store.learner("d01")["name"] == "Åse Ø."
    assert store.learner("d01")["cohort"] == "vår"


@pytest.mark.parametrize(
    ("name", "kw"),
    [
        ("long.csv", {}),
        ("long_cp1252.csv", {}),
        ("wide.csv", {"occasion": "før"}),
        ("nettskjema.csv", {"occasion": "før"}),
        ("nettskjema_coded.csv", {"occasion": "etter", "mapping": DATA / "mapping.csv"}),
    ],
)
def test_importing_the_same_file_twice_writes_nothing_new(
    any_store: Store, name: str, kw: dict[str, object]
) -> None:
    first = import_ratings(any_store, DATA / name, create_learners=True, **kw)  # type: ignore[arg-type]
    assert first.written > 0
    before = any_store.ratings(history=True)
    again = import_ratings(any_store, DATA / name, create_learners=True, **kw)  # type: ignore[arg-type]
    assert again.written == 0
    assert again.skipped == first.written + first.skipped
    assert again.learners_created == 0
    pd.testing.assert_frame_equal(any_store.ratings(history=True), before)


def test_a_changed_file_adds_history(store: Store, tmp_path: Path) -> None:
    import_ratings(store, DATA / "wide.csv", occasion="før", create_learners=True)
    changed = tmp_path / "wide2.csv"
    changed.write_text(
        (DATA / "wide.csv")
        .read_text(encoding="utf-8")
        .replace("d01;Åse Ødegård;2;1;0", "d01;Åse Ødegård;2;2;0"),
        encoding="utf-8",
    )
    result = import_ratings(store, changed, occasion="før")
    assert result.written == 1
    history = store.ratings(learner_id="d01", history=True)
    assert list(history[history["statement_id"] == "1.C2"]["value"]) == [1, 2]


# -- exports -----------------------------------------------------------------------------------
@pytest.fixture
def filled(store: Store) -> Store:
    import_ratings(store, DATA / "long.csv", create_learners=True)
    import_ratings(store, DATA / "nettskjema.csv", occasion="før", create_learners=True)
    store.record_rating("d01", "1.C1", "før", 1, note="Endret etter samtale")  # some history
    return store


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_long_export_re_imports_to_the_same_ratings(
    filled: Store, fw: Framework, tmp_path: Path, fmt: str, lang: str
) -> None:
    path = tmp_path / f"ut.{fmt}"
    rows = export_ratings(filled, path, fmt=fmt, lang=lang)
    assert rows == len(filled.ratings())
    assert import_ratings(filled, path).written == 0  # into the same store: nothing new
    with open_store("sqlite://", framework=fw) as fresh:
        import_ratings(fresh, path, create_learners=True)
        pd.testing.assert_frame_equal(comparable(fresh.ratings()), comparable(filled.ratings()))
        assert fresh.learner("d01")["name"] == "Åse Ødegård"


def test_history_export_re_imports_to_the_same_history(
    filled: Store, fw: Framework, tmp_path: Path
) -> None:
    path = tmp_path / "historikk.csv"
    export_ratings(filled, path, history=True)
    assert import_ratings(filled, path).written == 0
    with open_store("sqlite://", framework=fw) as fresh:
        import_ratings(fresh, path, create_learners=True)
        expected = filled.ratings(history=True)
        got = fresh.ratings(history=True)
        key = [*RATING_COLUMNS[:4], "recorded_at"]
        pd.testing.assert_frame_equal(
            got.sort_values(key).reset_index(drop=True)[RATING_COLUMNS],
            expected.sort_values(key).reset_index(drop=True)[RATING_COLUMNS],
        )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_wide_export_re_imports_to_the_same_ratings(
    filled: Store, fw: Framework, tmp_path: Path, fmt: str
) -> None:
    path = tmp_path / f"bred.{fmt}"
    rows = export_ratings(filled, path, fmt=fmt, wide=True)
    current = filled.ratings()
    assert rows == len(current[["learner_id", "occasion", "rater"]].drop_duplicates())
    result = import_ratings(filled, path)
    assert result.written == 0  # notes are not in a wide file, and are kept
    with open_store("sqlite://", framework=fw) as fresh:
        import_ratings(fresh, path, create_learners=True)
        got = comparable(fresh.ratings(), times=False).drop(columns="note")
        want = comparable(current, times=False).drop(columns="note")
        pd.testing.assert_frame_equal(got, want)


def test_long_export_columns_and_labels(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "ut.csv"
    export_ratings(filled, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(frame.columns) == [
        "deltaker_id", "navn", "utsagn", "utsagnstekst", "anledning", "vurderer", "verdi",
        "verditekst", "notat", "tidspunkt",
    ]  # fmt: skip
    row = frame[(frame["deltaker_id"] == "d01") & (frame["utsagn"] == "1.P1")].iloc[0]
    assert row["verdi"] == "ikke relevant"
    assert row["verditekst"] == "Ikke relevant for min rolle"
    assert row["utsagnstekst"].startswith("Planlegger og gjennomfører utdanning")
    assert row["tidspunkt"] == "2026-03-02 09:15:00+01:00"
    # før comes before etter for each learner
    d01 = frame[frame["deltaker_id"] == "d01"]["anledning"].tolist()
    assert d01 == sorted(d01, key=["før", "etter"].index)


def test_xlsx_export_has_a_frozen_bold_header_and_readable_widths(
    filled: Store, tmp_path: Path
) -> None:
    path = tmp_path / "ut.xlsx"
    export_ratings(filled, path, lang="en")
    ws = openpyxl.load_workbook(path).active
    assert ws is not None
    assert ws.title == "Ratings"
    assert ws.freeze_panes == "B2"
    assert ws["A1"].value == "learner_id"
    assert ws["A1"].font.b
    widths = {c: ws.column_dimensions[c].width for c in "ABCD"}
    assert all(6 <= w <= 60 for w in widths.values())
    assert widths["D"] > widths["A"]  # the statement text is wider than the id
    wide = tmp_path / "bred.xlsx"
    export_ratings(filled, wide, wide=True)
    assert openpyxl.load_workbook(wide).active.freeze_panes == "E2"  # type: ignore[union-attr]


def test_export_of_an_empty_store(store: Store, tmp_path: Path) -> None:
    assert export_ratings(store, tmp_path / "tom.xlsx") == 0
    assert export_ratings(store, tmp_path / "tom.csv", wide=True) == 0
    with pytest.raises(ValueError, match="wide"):
        export_ratings(store, tmp_path / "x.csv", wide=True, history=True)


# -- the command line --------------------------------------------------------------------------
def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_cli_import_and_export(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kurs.sqlite'}"
    code, out = run("import", "ratings", str(DATA / "long.csv"), "--store", url)
    assert code == 1
    assert "ukjent deltaker «d01»" in out
    code, out = run(
        "import", "ratings", str(DATA / "long.csv"), "--create-learners", "--store", url
    )
    assert code == 0
    assert "10 rader lest, 10 vurderinger lagret" in out
    assert "2 nye deltakere" in out
    code, out = run(
        "import", "ratings", str(DATA / "nettskjema_coded.csv"), "--occasion", "etter",
        "--mapping", str(DATA / "mapping.csv"), "--rater", "self", "--store", url,
    )  # fmt: skip
    assert code == 0, out
    assert "Ignorerte kolonner: annet" in out
    code, out = run("export", "ratings", "--format", "xlsx", "--wide", "--out",
                    str(tmp_path / "bred.xlsx"), "--store", url)  # fmt: skip
    assert code == 0
    assert "skrevet til" in out
    assert (tmp_path / "bred.xlsx").exists()
    code, out = run("export", "ratings", "--wide", "--history", "--out", "x.csv", "--store", url)
    assert code == 2


def test_cli_lists_every_problem_and_stores_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kurs.sqlite'}"
    code, out = run("import", "ratings", str(DATA / "bad.csv"), "--create-learners",
                    "--store", url, "--lang", "en")  # fmt: skip
    assert code == 1
    assert "8 problem(s) in bad.csv" in out
    for row in range(3, 11):
        assert f"row {row}" in out
    assert "Traceback" not in out
    with open_store(url) as st:
        assert st.ratings(history=True).empty
    code, out = run("import", "ratings", str(tmp_path / "nei.csv"), "--store", url)
    assert code == 1
    assert "finnes ikke" in out


# -- found by mutation testing -----------------------------------------------------------------
def test_rows_without_a_learner_id_are_each_named_once(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "uten_id.csv"
    path.write_text(
        "learner_id,navn,statement_id,occasion,value\n,Åse,1.C1,før,2\n,Bjørn,1.C2,før,2\n"
    )
    with pytest.raises(RatingsImportError) as exc:
        read(store, path)
    # Two different names without an id are not "one learner with two names".
    assert problems(exc) == [(2, "ratings.missing_learner"), (3, "ratings.missing_learner")]


def test_without_any_occasion_conflicting_rows_are_named_too(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "uten_anledning.csv"
    path.write_text("learner_id,statement_id,value\nd1,1.C1,2\nd1,1.C1,1\n")
    with pytest.raises(RatingsImportError) as exc:
        read(store, path)
    assert problems(exc) == [(1, "ratings.no_occasion"), (3, "ratings.duplicate")]
    assert exc.value.problems[1].params["first_row"] == 2


def test_an_unknown_learner_is_named_with_the_files_own_column(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "ukjent.csv"
    path.write_text("Deltaker ID,Utsagn,Anledning,Verdi\nd09,1.C1,før,2\n")
    with pytest.raises(RatingsImportError) as exc:
        import_ratings(store, path)
    (problem,) = exc.value.problems
    assert (problem.row, problem.field, problem.value) == (2, "Deltaker ID", "d09")


def test_a_file_without_notes_keeps_the_notes_of_unchanged_ratings_only(
    store: Store, tmp_path: Path
) -> None:
    import_ratings(store, DATA / "long.csv", create_learners=True)
    path = tmp_path / "uten_notat.csv"
    path.write_text(
        "learner_id,statement_id,occasion,rater,value,recorded_at\n"
        "d01,1.P1,før,self,Ikke relevant for min rolle,2026-03-02 09:15\n"  # unchanged
        "d02,3.3.P8,før,self,2,2026-03-05 10:00\n"  # a new value, not relevant as before
        "d01,1.C2,etter,Kari Veileder,Ikke relevant for min rolle,2026-04-21 08:00\n"  # now n/a
    )
    result = import_ratings(store, path)
    assert (result.written, result.skipped) == (2, 1)
    notes = store.ratings().set_index(["learner_id", "statement_id", "occasion"])["note"]
    assert notes[("d01", "1.P1", "før")] == "Jobber ikke med undervisning"  # kept
    assert notes[("d02", "3.3.P8", "før")] == ""  # a changed rating does not inherit the note
    assert notes[("d01", "1.C2", "etter")] == ""


# -- times, statements and whitespace, cell by cell -----------------------------------------
@pytest.fixture
def far_from_utc() -> Iterator[None]:
    """The machine's own time zone is neither UTC nor Norwegian: it must not show through."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TZ", "America/Los_Angeles")
        time.tzset()
        yield
    time.tzset()


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("2026-03-02T10:15:00+01:00", "2026-03-02T09:15:00+00:00"),
        ("2026-03-02 10:15Z", "2026-03-02T10:15:00+00:00"),
        ("2026-03-02 10:15", "2026-03-02T09:15:00+00:00"),  # no zone: Norwegian winter time
        ("2026-07-02 10:15", "2026-07-02T08:15:00+00:00"),  # … and summer time
        ("02.03.2026 10:15:30", "2026-03-02T09:15:30+00:00"),
        ("02.03.2026 10:15", "2026-03-02T09:15:00+00:00"),
        ("02.03.2026", "2026-03-01T23:00:00+00:00"),
        ("02/03/2026 10:15:30", "2026-03-02T09:15:30+00:00"),
        ("02/03/2026 10:15", "2026-03-02T09:15:00+00:00"),
        ("02/03/2026", "2026-03-01T23:00:00+00:00"),
        ("02.03.26 10:15", "2026-03-02T09:15:00+00:00"),
        ("02.03.26", "2026-03-01T23:00:00+00:00"),
        ("1900-01-01 01:00", "1900-01-01T00:00:00+00:00"),  # the earliest time kept
        ("2200-01-01T00:00:00+00:00", "2200-01-01T00:00:00+00:00"),  # the latest
    ],
)
def test_parse_time_reads_what_people_write_as_utc(far_from_utc: None, text: str, utc: str) -> None:
    stamp = parse_time(text)
    assert stamp is not None
    assert stamp.isoformat() == utc
    assert stamp.tzinfo is UTC


@pytest.mark.parametrize(
    "text",
    ["", "i går", "2026-13-01", "31.02.2026", "1900-01-01 00:59", "2200-01-01T00:00:01+00:00",
     "9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00"],
)  # fmt: skip
def test_parse_time_gives_none_for_no_time_or_one_out_of_range(text: str) -> None:
    assert parse_time(text) is None


def test_times_in_a_file_are_norwegian_and_a_bad_one_is_named(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "times.csv"
    path.write_text(
        "Deltaker;Utsagn;Anledning;Verdi;Tidspunkt\n"
        "d1;1.C1;før;2;02.03.2026 10:15\nd1;1.C2;før;1;\nd1;2.C1;før;0;i morgen\n",
        encoding="utf-8",
    )
    with pytest.raises(RatingsImportError) as exc:
        read(store, path)
    (bad,) = exc.value.problems
    assert (bad.row, bad.message_key, bad.field, bad.value) == (
        4,
        "ratings.bad_time",
        "Tidspunkt",
        "i morgen",
    )
    path.write_text(path.read_text(encoding="utf-8").replace("i morgen", "2026-03-02T10:15+00:00"))
    at = read(store, path).ratings["recorded_at"].tolist()
    assert at[0] == pd.Timestamp("2026-03-02 09:15", tz="UTC")
    assert at[1] is pd.NaT
    assert at[2] == pd.Timestamp("2026-03-02 10:15", tz="UTC")


def test_a_blank_statement_is_missing_and_an_unknown_one_is_named(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "statements.csv"
    path.write_text(
        "Deltaker;Utsagn;Anledning;Verdi\nd1;;før;2\nd1;9.C9;før;1\nd1;1.C1;før;2\nd1;;før;\n",
        encoding="utf-8",
    )
    with pytest.raises(RatingsImportError) as exc:
        read(store, path)
    assert [(p.row, p.message_key, p.field, p.value) for p in exc.value.problems] == [
        (2, "ratings.missing_statement", "Utsagn", ""),
        (3, "ratings.unknown_statement", "Utsagn", "9.C9"),
    ]
    text = exc.value.text("en")
    assert "row 2, field “Utsagn”: the statement is missing" in text
    assert "row 3, field “Utsagn”: unknown statement “9.C9”" in text


def test_spaces_around_ids_and_words_are_not_part_of_them(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "spaces.csv"
    path.write_text(
        "learner_id,statement_id,occasion,rater,value\n d2 , 1.C2 , Etter kurset ,  ,1\n",
        encoding="utf-8",
    )
    (row,) = read(store, path).ratings.to_dict("records")
    assert (row["learner_id"], row["statement_id"], row["occasion"], row["rater"]) == (
        "d2",
        "1.C2",
        "etter",
        "self",
    )
    assert (row["value"], row["not_relevant"], row["note"], row["row"]) == (1, False, "", 2)


def test_re_importing_a_file_with_times_and_notes_writes_nothing(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "history.csv"
    path.write_text(
        "learner_id,statement_id,occasion,value,recorded_at,note\n"
        "d1,1.C1,før,0,01.03.2026 10:00,først\n"
        "d1,1.C1,før,2,02.03.2026 10:00,\n"
        "d1,1.C2,før,Ikke relevant,02.03.2026 10:00,\n",
        encoding="utf-8",
    )
    first = import_ratings(store, path, create_learners=True)
    assert (first.rows_read, first.written, first.skipped, first.learners_created) == (3, 3, 0, 1)
    again = import_ratings(store, path)
    assert (again.rows_read, again.written, again.skipped, again.learners_created) == (3, 0, 3, 0)
    history = store.ratings(history=True)
    assert history["value"].tolist()[:2] == [0, 2]
    assert history["note"].tolist() == ["først", "", ""]
