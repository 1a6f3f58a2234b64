"""Moodle competency framework CSV (tool_lpimportcsv): what Moodle needs, and the round trip."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest
from click.testing import CliRunner

from fls_kit import Framework, FrameworkError, load_framework
from fls_kit.cli import main
from fls_kit.framework import build_framework
from fls_kit.interop._moodle import TAXONOMY_TERMS, read_moodle, write_moodle
from fls_kit.scales import DEFAULT_SCALE

HEADER_LINE = (
    '"Parent ID number","ID number","Short name",Description,"Description format",'
    '"Scale values","Scale configuration","Rule type (optional)","Rule outcome (optional)",'
    '"Rule config (optional)","Cross-referenced competency ID numbers",'
    '"Exported ID (optional)","Is framework",Taxonomy'
)


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.fixture
def exported(fw: Framework, tmp_path: Path) -> Path:
    return write_moodle(fw, tmp_path / "ffn.csv")


def assert_same_framework(a: Framework, b: Framework) -> None:
    pdt.assert_frame_equal(a.statements, b.statements)
    pdt.assert_frame_equal(a.domains, b.domains)
    pdt.assert_frame_equal(a.levels, b.levels)


def test_header_is_exactly_moodles(exported: Path) -> None:
    assert exported.read_text(encoding="utf-8").split("\n", 1)[0] == HEADER_LINE


def test_one_framework_row_with_a_scale_moodle_accepts(exported: Path) -> None:
    rows = rows_of(exported)[1:]
    frameworks = [r for r in rows if r[12] == "1"]
    assert len(frameworks) == 1
    assert all(r[12] == "" for r in rows if r is not frameworks[0])
    row = frameworks[0]
    assert row[0] == ""
    assert row[5] == "Ikke ennå,Delvis,Oppfylt"
    config = json.loads(row[6])
    assert "scaleid" in config[0]
    items = config[1:]
    assert [i["id"] for i in items] == [1, 2, 3]
    assert [i["id"] for i in items if i["scaledefault"]] == [1]
    # "Oppfylt" (met) is the proficient grade, as the toolkit's own scoring counts it.
    assert [i["id"] for i in items if i["proficient"]] == [3]


def test_every_row_has_fourteen_columns_and_html_format(exported: Path) -> None:
    rows = rows_of(exported)
    assert {len(r) for r in rows} == {14}
    assert {r[4] for r in rows[1:]} == {"1"}


def test_id_numbers_are_unique_and_short_enough(exported: Path, fw: Framework) -> None:
    rows = rows_of(exported)[1:]
    ids = [r[1] for r in rows]
    assert len(ids) == len(set(ids)) == 1 + len(fw.domains) + len(fw)
    assert max(len(i) for i in ids) <= 100
    assert max(len(r[2]) for r in rows) <= 100
    assert "ffn-sffp-2025/3.3.P8" in ids


def test_parents_exist_and_come_first(exported: Path) -> None:
    rows = rows_of(exported)[1:]
    seen: set[str] = set()
    parent_of = {}
    for row in rows[1:]:
        parent, idnumber = row[0], row[1]
        assert parent == "" or parent in seen, f"{idnumber} comes before its parent {parent}"
        seen.add(idnumber)
        parent_of[idnumber.rsplit("/", 1)[-1]] = parent.rsplit("/", 1)[-1] if parent else None
    # Top-level domains hang under the framework (empty parent), subdomains under domain 3,
    # statements under their own domain.
    assert parent_of["1"] is None
    assert parent_of["3"] is None
    assert [c for c, p in parent_of.items() if p == "3"] == ["3.1", "3.2", "3.3"]
    assert parent_of["3.3.P8"] == "3.3"
    assert parent_of["6.E9"] == "6"


def test_taxonomy_has_one_moodle_term_per_depth(exported: Path) -> None:
    terms = rows_of(exported)[1][13].split(",")
    assert set(terms) <= set(TAXONOMY_TERMS)
    assert len(terms) == 3  # domain 3 > 3.1 > 3.1.C1
    assert terms[0] == "domain"


def test_round_trip_gives_the_same_framework(exported: Path, fw: Framework) -> None:
    back = read_moodle(exported)
    assert_same_framework(fw, back)
    assert back.meta["id"] == "ffn-sffp-2025"
    assert back.title == fw.title


def test_load_framework_recognises_moodle_csv(exported: Path, fw: Framework) -> None:
    assert_same_framework(fw, load_framework(exported))


def test_english_export_leads_with_english(fw: Framework, tmp_path: Path) -> None:
    path = write_moodle(fw, tmp_path / "en.csv", lang="en")
    rows = {r[1]: r for r in rows_of(path)[1:]}
    row = rows["ffn-sffp-2025/1.C1"]
    assert row[2].startswith("1.C1 Informs patients")
    assert row[3].startswith('<p lang="en">Informs patients')
    assert rows_of(path)[1][5] == "Not yet,Partly,Met"
    assert_same_framework(fw, read_moodle(path))


def test_single_language_export_keeps_structure(fw: Framework, tmp_path: Path) -> None:
    path = write_moodle(fw, tmp_path / "nb.csv", translation=False)
    assert 'lang="en"' not in path.read_text(encoding="utf-8")
    back = read_moodle(path)
    pdt.assert_series_equal(back.statements["text_nb"], fw.statements["text_nb"])
    pdt.assert_series_equal(back.statements["level"], fw.statements["level"])
    assert (back.statements["text_en"] == "").all()


def test_awkward_characters_survive(tmp_path: Path) -> None:
    text = 'Bruker «ord», "sitat", <tagg> & back\\slash\tog mer'
    fw = build_framework(
        {"id": "test fw\\1", "title_nb": "Prøve, med komma", "language": "nb"},
        pd.DataFrame({"name_nb": ["Kompetent"], "name_en": ["Competent"]}, index=pd.Index(["C"])),
        pd.DataFrame(
            {"parent": [None], "title_nb": ["Område, én"], "title_en": [""]}, index=pd.Index(["1"])
        ),
        pd.DataFrame(
            {
                "domain": ["1"],
                "level": ["C"],
                "number": [1],
                "text_nb": [text],
                "text_en": ["x" * 300],
            },
            index=pd.Index(["1.C1"]),
        ),
    )
    path = write_moodle(fw, tmp_path / "odd.csv")
    raw = path.read_text(encoding="utf-8")
    assert "\\" not in raw  # PHP's fgetcsv treats a backslash as an escape character
    rows = rows_of(path)
    assert all(len(r[2]) <= 100 for r in rows[1:])
    assert_same_framework(fw, read_moodle(path))


def test_scale_follows_the_scale_given(fw: Framework, tmp_path: Path) -> None:
    path = write_moodle(fw, tmp_path / "s.csv", scale=DEFAULT_SCALE, lang="en")
    assert rows_of(path)[1][5] == ",".join(DEFAULT_SCALE.labels("en").values())


# --- bad files ---------------------------------------------------------------------------


def rewrite(source: Path, target: Path, edit: dict[int, dict[int, str]]) -> Path:
    rows = rows_of(source)
    for rownum, cells in edit.items():
        for col, value in cells.items():
            rows[rownum - 1][col] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    target.write_text(buf.getvalue(), encoding="utf-8")
    return target


def problems_of(path: Path) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(FrameworkError) as info:
        read_moodle(path)
    assert {p.file for p in info.value.problems} == {path.name}
    return [(p.row, p.field, p.message_key) for p in info.value.problems]


def test_missing_columns(exported: Path, tmp_path: Path) -> None:
    bad = tmp_path / "short.csv"
    lines = [",".join(r[:12]) for r in rows_of(exported)[:3]]
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = problems_of(bad)
    assert (1, "Is framework", "interop.moodle_missing_column") in found
    assert (1, "Taxonomy", "interop.moodle_missing_column") in found


def test_unknown_parent_and_duplicate_id(exported: Path, tmp_path: Path) -> None:
    bad = rewrite(
        exported,
        tmp_path / "bad.csv",
        {
            4: {0: "ffn-sffp-2025/9"},  # 1.C1 under a domain that is not there
            6: {1: "ffn-sffp-2025/1.C1"},  # 1.P1 given 1.C1's id number
        },
    )
    found = problems_of(bad)
    assert (4, "Parent ID number", "framework.unknown_parent") in found
    assert (6, "ID number", "framework.duplicate_id") in found


def test_statement_in_the_wrong_domain(exported: Path, tmp_path: Path) -> None:
    bad = rewrite(exported, tmp_path / "bad.csv", {4: {0: "ffn-sffp-2025/2"}})
    assert problems_of(bad) == [(4, "ID number", "framework.id_mismatch")]


def test_no_framework_row_and_bad_scale(exported: Path, tmp_path: Path) -> None:
    none = rewrite(exported, tmp_path / "none.csv", {2: {12: ""}})
    assert (None, "Is framework", "interop.moodle_no_framework") in problems_of(none)
    config = '[{"scaleid":"1"},{"id":1,"scaledefault":1,"proficient":0}]'
    scale = rewrite(exported, tmp_path / "scale.csv", {2: {6: config}})
    assert problems_of(scale) == [(2, "Scale configuration", "interop.moodle_scale_marks")]
    broken = rewrite(exported, tmp_path / "json.csv", {2: {6: "[{scaleid"}})
    assert problems_of(broken) == [(2, "Scale configuration", "interop.moodle_scale_json")]


def test_ragged_row_and_empty_text(exported: Path, tmp_path: Path) -> None:
    lines = exported.read_text(encoding="utf-8").split("\n")
    lines[3] += ",extra"
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("\n".join(lines), encoding="utf-8")
    assert problems_of(ragged) == [(4, None, "interop.moodle_row_columns")]
    empty = rewrite(exported, tmp_path / "empty.csv", {4: {2: "", 3: ""}})
    assert (4, "Description", "framework.empty_text") in problems_of(empty)


def test_not_utf8(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.csv"
    bad.write_bytes(HEADER_LINE.encode() + "\n,x,Ø,,1,,,,,,,,1,\n".encode("latin-1"))
    assert problems_of(bad) == [(None, None, "framework.unreadable")]


# --- command line ------------------------------------------------------------------------


def test_cli_export_and_import(tmp_path: Path, fw: Framework) -> None:
    runner = CliRunner()
    out = tmp_path / "moodle.csv"
    result = runner.invoke(main, ["export", "moodle", "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith(HEADER_LINE)
    result = runner.invoke(main, ["import", "framework", str(out)])
    assert result.exit_code == 0, result.output
    assert "88" in result.output
    assert fw.title in result.output
    assert "3.3" in result.output
    assert "Kompetent" in result.output


def test_cli_reports_problems_without_traceback(exported: Path, tmp_path: Path) -> None:
    bad = rewrite(exported, tmp_path / "bad.csv", {4: {0: "ffn-sffp-2025/9"}})
    result = CliRunner().invoke(main, ["import", "framework", str(bad), "--lang", "en"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "row 4" in result.output
    assert "ffn-sffp-2025/9" in result.output
