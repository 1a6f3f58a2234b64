"""Frameworks from spreadsheets: the template round-trips, and bad files give every problem at
once (file, sheet, row, field), never a traceback."""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fls_kit import Framework, FrameworkError, load_framework
from fls_kit.framework import STATEMENT_ID
from fls_kit.framework._template import SHEET_GUIDE, TEMPLATE, write_framework_template

HEADER = ["id", "domain", "level", "text_nb", "text_en"]


def workbook(
    path: Path,
    statements: Sequence[Sequence[object]],
    *,
    header: Sequence[object] = HEADER,
    domains: Sequence[Sequence[object]] | None = (("1", "", "Pasient og publikum"),),
    levels: Sequence[Sequence[object]] | None = None,
    levels_header: Sequence[object] = ("code", "name_nb", "name_en"),
) -> Path:
    """A small framework workbook; `None` leaves a sheet out."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Utsagn"
    ws.append(list(header))
    for row in statements:
        ws.append(list(row))
    if domains is not None:
        dom = wb.create_sheet("Kompetanseområder")
        dom.append(["code", "parent", "title_nb"])
        for row in domains:
            dom.append(list(row))
    if levels is not None:
        lev = wb.create_sheet("Nivåer")
        lev.append(list(levels_header))
        for row in levels:
            lev.append(list(row))
    wb.save(path)
    return path


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hei.txt", "ikke en arbeidsbok")
    return buffer.getvalue()


ZIP_WITHOUT_WORKBOOK = _zip_without_workbook()


def problems_of(path: Path, lang: str = "nb") -> FrameworkError:
    with pytest.raises(FrameworkError) as info:
        load_framework(path, lang=lang)
    return info.value


# --- the template ---------------------------------------------------------------------------


def test_ffn_framework_round_trips_through_the_template(fw: Framework, tmp_path: Path) -> None:
    path = write_framework_template(tmp_path / "ffn.xlsx", fw)
    back = load_framework(path)
    columns = ["domain", "level", "number", "text_nb", "text_en"]
    assert back.ids == fw.ids
    assert back.statements[columns].astype(str).equals(fw.statements[columns].astype(str))
    assert back.domains[["parent", "title_nb", "title_en"]].equals(
        fw.domains[["parent", "title_nb", "title_en"]]
    )
    assert back.levels.equals(fw.levels)
    assert back.counts().equals(fw.counts())
    for key in ("id", "title_nb", "title_en", "publisher", "date", "translator"):
        assert back.meta[key] == fw.meta[key]


def test_english_round_trip(fw_en: Framework, tmp_path: Path) -> None:
    path = write_framework_template(tmp_path / "ffn.xlsx", fw_en)
    back = load_framework(path, lang="en")
    assert back.statements["text"].equals(fw_en.statements["text"])
    assert back.title == fw_en.title


def test_shipped_template_loads_and_matches_the_generator(tmp_path: Path) -> None:
    assert TEMPLATE.exists(), "run: python -m fls_kit.framework._template"
    shipped = openpyxl.load_workbook(TEMPLATE)
    fresh = openpyxl.load_workbook(write_framework_template(tmp_path / "mal.xlsx"))
    assert shipped.sheetnames == fresh.sheetnames
    assert shipped.sheetnames == [SHEET_GUIDE, "Om", "Nivåer", "Kompetanseområder", "Utsagn"]
    for name in shipped.sheetnames[1:]:
        headers = [c.value for c in shipped[name][1]]
        assert headers == [c.value for c in fresh[name][1]], name

    fw = load_framework(TEMPLATE)
    assert fw.ids == ["1.C1", "1.P1"]
    assert list(fw.levels.index) == ["C", "P", "E"]
    assert list(fw.levels["name_nb"]) == ["Kompetent", "Erfaren", "Ekspert"]
    assert fw.meta["title_nb"].startswith("Eksempel")


def test_template_helps_the_person_filling_it_in() -> None:
    wb = openpyxl.load_workbook(TEMPLATE)
    guide = "\n".join(str(c.value) for c in wb[SHEET_GUIDE]["A"] if c.value)
    assert "{kompetanse}.{nivå}{nummer}" in guide
    for sheet in ("Om", "Nivåer", "Kompetanseområder", "Utsagn"):
        assert sheet in guide
    statements = wb["Utsagn"]
    assert [c.value for c in statements[1]] == HEADER
    assert all(c.font.bold for c in statements[1])
    assert statements.freeze_panes == "A2"
    assert statements.column_dimensions["D"].width >= 60  # room for the statement text
    rules = {str(dv.sqref).split(":")[0]: dv for dv in statements.data_validations.dataValidation}
    assert rules["C2"].type == "list"
    assert "Nivåer" in str(rules["C2"].formula1)
    assert "Kompetanseområder" in str(rules["B2"].formula1)
    om = wb["Om"]
    assert [c.value for c in om[1]][:2] == ["felt", "verdi"]


# --- other spreadsheets -----------------------------------------------------------------------


def test_statements_csv_loads(tmp_path: Path) -> None:
    path = tmp_path / "utsagn.csv"
    path.write_text(
        "id,domain,level,text_nb,text_en,domain_title_nb\n"
        '1.C1,1,C,"Informerer pasienter, pårørende og publikum",Informs,Pasient og publikum\n'
        "1.C2,1,c,Søker råd,Seeks advice,\n"
        '2.E1,2,E,"Leder arbeidet,\nover to linjer",Leads,Identifisering\n',
        encoding="utf-8",
    )
    fw = load_framework(path)
    assert fw.ids == ["1.C1", "1.C2", "2.E1"]
    assert fw["1.C1"].text == "Informerer pasienter, pårørende og publikum"
    assert fw["1.C2"].level == "C"  # lower-case level accepted
    assert fw["2.E1"].text_nb == "Leder arbeidet,\nover to linjer"
    assert fw["2.E1"].domain_title == "Identifisering"
    assert fw.meta["title_nb"] == "utsagn"


def test_windows_1252_csv_with_semicolons_and_norwegian_headers(tmp_path: Path) -> None:
    """What Excel on a Norwegian Windows PC saves as «CSV (semikolondelt)»."""
    path = tmp_path / "rammeverk.csv"
    text = "ID;Kompetanse;Nivå;Tekst\r\n1.C1;1;C;Forklarer pårørende hvorfor brudd følges opp\r\n"
    path.write_bytes(text.encode("cp1252"))
    fw = load_framework(path)
    assert fw["1.C1"].text_nb == "Forklarer pårørende hvorfor brudd følges opp"


def test_utf8_bom_csv(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_text("id;domain;level;text_nb\n1.C1;1;C;Følger opp\n", encoding="utf-8-sig")
    assert load_framework(path)["1.C1"].text_nb == "Følger opp"


def test_utf16_csv_excels_unicode_text(tmp_path: Path) -> None:
    """Excel's «Unicode-tekst» is UTF-16 with a BOM; the ratings importer reads it the same way."""
    path = tmp_path / "unicode.csv"
    path.write_text("id;domain;level;text_nb\n1.C1;1;C;Følger opp\n", encoding="utf-16")
    assert load_framework(path)["1.C1"].text_nb == "Følger opp"


# --- bad files --------------------------------------------------------------------------------


def test_malformed_workbook_lists_every_problem(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "feil.xlsx",
        [
            ["1.C1", "1", "C", "Riktig rad"],
            ["1.C1", "1", "C", "Samme id to ganger"],
            ["1.X1", "1", "X", "Ukjent nivå"],
            ["9.C1", "9", "C", "Ukjent kompetanseområde"],
            ["1.C2", "", "C", "Kompetanseområde mangler"],
            ["1.C3", "1", "C", ""],
            ["1.P1", "1", "C", "P-id i en C-rad"],
        ],
        levels=[["C", "Kompetent"], ["P", "Erfaren"], ["E", "Ekspert"]],
        levels_header=["code", "name_en"],  # name_nb is missing
    )
    error = problems_of(path)
    found = {(p.sheet, p.row, p.field, p.message_key) for p in error.problems}
    assert found == {
        ("Nivåer", 1, "name_nb", "framework.missing_column"),
        ("Utsagn", 3, "id", "framework.duplicate_id"),
        ("Utsagn", 4, "level", "framework.unknown_level"),
        ("Utsagn", 5, "domain", "framework.unknown_domain"),
        ("Utsagn", 6, "domain", "framework.missing_domain"),
        ("Utsagn", 7, "text_nb", "framework.empty_text"),
        ("Utsagn", 8, "id", "framework.id_mismatch"),
    }
    assert all(p.file == "feil.xlsx" for p in error.problems)
    assert len(error.problems) == 7

    text = str(error)
    assert text.startswith("7 problem(er) i feil.xlsx")
    assert "ark «Utsagn», rad 3, felt «id»: id-en «1.C1» finnes allerede i rad 2" in text
    assert "ukjent nivå «X»" in text
    assert "ukjent kompetanseområde «9»" in text
    assert "(ventet 1.C1)" in text
    assert "Traceback" not in text

    english = problems_of(path, lang="en")
    assert str(english).startswith("7 problem(s) in feil.xlsx")
    assert "sheet “Utsagn”, row 3, field “id”: the id “1.C1” is already used in row 2" in str(
        english
    )
    assert "unknown level “X”" in english.text("en")
    assert error.text("en") == english.text("en")  # the language is chosen when shown, too


def test_row_numbers_count_blank_rows(tmp_path: Path) -> None:
    path = workbook(tmp_path / "hull.xlsx", [["1.C1", "1", "C", "a"], [], [], ["1.C2", "1", "C"]])
    (problem,) = problems_of(path).problems
    assert (problem.row, problem.field) == (5, "text_nb")


def test_missing_statement_column_does_not_hide_other_problems(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "kolonne.xlsx",
        [["1.C1", "1", "Q"], ["1.C1", "1", "C"]],
        header=["id", "domain", "level"],
    )
    found = {(p.row, p.field, p.message_key) for p in problems_of(path).problems}
    assert found == {
        (1, "text_nb", "framework.missing_column"),
        (2, "level", "framework.unknown_level"),
        (3, "id", "framework.duplicate_id"),
    }


def test_bad_levels_and_domains_sheets(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "koder.xlsx",
        [["1.C1", "1", "C", "a"]],
        domains=[["1", "", "En"], ["1", "", "En igjen"], ["A", "", "Bokstav"], ["2.1", "7", "X"]],
        levels=[["C", "Kompetent"], ["C", "Igjen"], ["PP", "To bokstaver"]],
    )
    found = {(p.sheet, p.row, p.message_key) for p in problems_of(path).problems}
    assert found == {
        ("Kompetanseområder", 3, "framework.duplicate_domain"),
        ("Kompetanseområder", 4, "framework.bad_domain_code"),
        ("Kompetanseområder", 5, "framework.unknown_parent"),
        ("Nivåer", 3, "framework.duplicate_level"),
        ("Nivåer", 4, "framework.bad_level_code"),
    }


def test_problems_as_a_table(tmp_path: Path) -> None:
    path = workbook(tmp_path / "t.xlsx", [["1.C1", "1", "X", "a"]])
    frame = problems_of(path).to_frame()
    assert list(frame["row"]) == [2]
    assert "ukjent nivå" in frame["problem"].iloc[0]


@pytest.mark.parametrize(
    ("name", "content", "key"),
    [
        ("tom.xlsx", b"", "framework.empty_file"),
        ("tom.csv", b"", "framework.empty_file"),
        ("egentlig-tekst.xlsx", b"id;domain\n1.C1;1\n", "framework.not_xlsx"),
        ("gammel.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "framework.not_xlsx"),
        ("avbrutt.xlsx", b"PK\x03\x04" + bytes(200), "framework.not_xlsx"),
        ("ødelagt.xlsx", ZIP_WITHOUT_WORKBOOK, "framework.unreadable"),
        ("notat.txt", b"hei", "framework.unsupported"),
        ("bare-overskrift.csv", b"id,domain,level,text_nb\n", "framework.no_statements"),
        ("binaer.csv", bytes(range(256)) * 4, "framework.missing_column"),
    ],
)
def test_unreadable_files_give_a_clear_error(
    tmp_path: Path, name: str, content: bytes, key: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    error = problems_of(path)
    assert key in {p.message_key for p in error.problems}
    assert name in str(error)
    assert "Traceback" not in str(error)


def test_missing_file_and_missing_sheet(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "finnes-ikke.xlsx").problems[0].message_key == (
        "framework.not_found"
    )
    wb = openpyxl.Workbook()
    assert wb.active is not None
    wb.active.title = "Ark1"
    wb.save(tmp_path / "uten-utsagn.xlsx")
    (problem,) = problems_of(tmp_path / "uten-utsagn.xlsx").problems
    assert (problem.message_key, problem.sheet) == ("framework.missing_sheet", "Utsagn")


def test_same_column_under_two_names(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "dobbel.xlsx",
        [["1.C1", "1", "C", "a", "b"]],
        header=["id", "domain", "level", "tekst", "text_nb"],
    )
    (problem,) = problems_of(path).problems
    assert (problem.message_key, problem.field, problem.row) == (
        "framework.duplicate_column",
        "text_nb",
        1,
    )


# --- property: junk never crashes -------------------------------------------------------------

junk_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
plausible = st.sampled_from(
    ["1", "2", "3.1", "C", "P", "E", "c", "X", "1.C1", "1.C2", "1.P1", "3.1.C1", " ", "", "ø"]
)
cell = st.one_of(
    st.none(),
    plausible,
    junk_text,
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
good_row = st.builds(
    lambda level, n, text: [f"1.{level}{n}", "1", level, text or "tekst"],
    st.sampled_from("CPE"),
    st.integers(1, 3),
    junk_text.map(str.strip),
)
junk_row = st.lists(cell, min_size=0, max_size=6)
headers = st.one_of(
    st.just(HEADER),
    st.lists(st.one_of(st.sampled_from([*HEADER, "tekst", "nivå", "kode"]), junk_text), max_size=6),
)


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    header=headers,
    rows=st.lists(st.one_of(good_row, junk_row), max_size=6),
)
def test_junk_cells_give_framework_error_or_a_valid_framework(
    tmp_path_factory: pytest.TempPathFactory,
    header: list[object],
    rows: list[list[object]],
) -> None:
    path = workbook(tmp_path_factory.mktemp("junk") / "junk.xlsx", rows, header=header)
    try:
        fw = load_framework(path)
    except FrameworkError as exc:
        # Either outcome is fine; pytest.raises cannot say "may raise".
        assert all(p.file == "junk.xlsx" for p in exc.problems)  # noqa: PT017
        exc.text("nb")
        exc.text("en")
    else:
        assert len(fw) > 0
        for sid, row in fw.statements.iterrows():
            assert STATEMENT_ID.match(str(sid))
            assert row["text_nb"]


@settings(max_examples=60, deadline=None, database=None)
@given(content=st.binary(max_size=300))
def test_junk_csv_bytes_never_crash(
    tmp_path_factory: pytest.TempPathFactory, content: bytes
) -> None:
    path = tmp_path_factory.mktemp("csv") / "junk.csv"
    path.write_bytes(content)
    # Either outcome is fine; anything but a FrameworkError fails the test.
    with contextlib.suppress(FrameworkError):
        load_framework(path)
