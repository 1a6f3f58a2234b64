"""Curriculum mapping: coverage, gaps, redundancy, recommendations, the sample course, Excel."""

from __future__ import annotations

import csv
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from fls_kit import CurriculumImportError, Framework
from fls_kit.cli import main
from fls_kit.curriculum import (
    SAMPLE_CURRICULUM,
    Curriculum,
    coverage_by_domain_level,
    coverage_matrix,
    export_curriculum,
    gaps,
    import_curriculum,
    load_sample_curriculum,
    read_curriculum,
    recommend_modules,
    redundancy,
    unmapped_modules,
    write_template,
)
from fls_kit.framework import BUNDLED, build_framework
from fls_kit.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
RANK = {"I": 1, "R": 2, "M": 3, "A": 4}


# -- a small case, worked by hand ----------------------------------------------------------------
@pytest.fixture(scope="module")
def mini() -> Framework:
    """Six statements: domain 1 (C, C, P) and domain 2 (C, P, E)."""
    levels = pd.DataFrame(
        {"name_nb": ["Kompetent", "Erfaren", "Ekspert"], "name_en": ["Competent", "Proficient",
         "Expert"]}, index=["C", "P", "E"],
    )  # fmt: skip
    domains = pd.DataFrame(
        {"parent": [None, None], "title_nb": ["Pasient", "Risiko"], "title_en": ["Pt", "Risk"]},
        index=["1", "2"],
    )
    ids = ["1.C1", "1.C2", "1.P1", "2.C1", "2.P1", "2.E1"]
    statements = pd.DataFrame(
        {
            "domain": [i.split(".")[0] for i in ids],
            "level": [i.split(".")[1][0] for i in ids],
            "number": [int(i[-1]) for i in ids],
            "text_nb": [f"Utsagn {i}" for i in ids],
            "text_en": [f"Statement {i}" for i in ids],
        },
        index=ids,
    )
    return build_framework({"id": "mini"}, levels, domains, statements)


# Shuffled on purpose: course order comes from `position`, not from the row order.
MODULES = pd.DataFrame(
    {
        "module_id": ["C", "A", "D", "B"],
        "course_id": ["k"] * 4,
        "title": ["Modul C", "Modul A", "Modul D", "Modul B"],
        "kind": ["Praksis", "E-læring", "Kursdag", "Kursdag"],
        "hours": [3.0, 1.0, 0.5, 2.0],
        "position": [2, 0, 3, 1],
    }
)
LINKS = pd.DataFrame(
    [
        ("A", "1.C1", "I"), ("A", "1.C2", "I"), ("A", "2.C1", "I"),
        ("B", "1.C1", "R"), ("B", "2.C1", "M"), ("B", "2.P1", "I"),
        ("C", "1.C1", "A"), ("C", "2.C1", "R"), ("C", "1.P1", "R"),
    ],
    columns=["module_id", "statement_id", "depth"],
)  # fmt: skip


def test_coverage_matrix_rows_in_framework_order_columns_in_course_order(mini: Framework) -> None:
    matrix = coverage_matrix(mini, MODULES, LINKS)
    assert list(matrix.columns) == ["A", "B", "C", "D"]
    assert list(matrix.index.names) == ["domain", "level", "id"]
    assert list(matrix.index.get_level_values("id")) == list(mini.statements.index)
    flat = matrix.droplevel(["domain", "level"])
    assert list(flat.loc["1.C1"]) == ["I", "R", "A", ""]
    assert list(flat.loc["2.C1"]) == ["I", "M", "R", ""]
    assert list(flat.loc["2.E1"]) == ["", "", "", ""]
    assert (flat["D"] == "").all()  # the unmapped module is a column of blanks


def test_coverage_by_domain_level_worked_by_hand(mini: Framework) -> None:
    table = coverage_by_domain_level(mini, LINKS)
    # domain 1 has no Expert statement: no row for it
    assert [(str(d), str(lv)) for d, lv in table.index] == [
        ("1", "C"), ("1", "P"), ("2", "C"), ("2", "P"), ("2", "E")
    ]  # fmt: skip
    got = {
        (str(d), str(lv)): (r.n_statements, r.n_covered, r.share_covered, r.highest_depth,
                            r.n_I, r.n_R, r.n_M, r.n_A)
        for (d, lv), r in zip(table.index, table.itertuples(), strict=True)
    }  # fmt: skip
    assert got == {
        ("1", "C"): (2, 2, 1.0, "A", 1, 0, 0, 1),  # 1.C1 reaches A, 1.C2 only I
        ("1", "P"): (1, 1, 1.0, "R", 0, 1, 0, 0),
        ("2", "C"): (1, 1, 1.0, "M", 0, 0, 1, 0),
        ("2", "P"): (1, 1, 1.0, "I", 1, 0, 0, 0),
        ("2", "E"): (1, 0, 0.0, "", 0, 0, 0, 0),
    }
    assert table.loc[("1", "C"), "domain_title"] == "Pasient"


def test_gaps_uncovered_then_introduced_only(mini: Framework) -> None:
    table = gaps(mini, LINKS)
    assert list(zip(table["statement_id"], table["gap"].astype(str), strict=True)) == [
        ("2.E1", "uncovered"), ("1.C2", "introduced_only"), ("2.P1", "introduced_only")
    ]  # fmt: skip
    assert list(table["modules"]) == [[], ["A"], ["B"]]


def test_redundancy_and_threshold(mini: Framework) -> None:
    table = redundancy(LINKS, threshold=3, fw=mini)
    assert list(table["statement_id"]) == ["1.C1", "2.C1"]
    assert list(table["n_modules"]) == [3, 3]
    assert table.iloc[0]["modules"] == ["A", "B", "C"]
    assert table.iloc[0]["depths"] == ["I", "R", "A"]
    assert redundancy(LINKS, threshold=4).empty
    everything = redundancy(LINKS, threshold=1)
    assert list(everything["statement_id"]) == ["1.C1", "2.C1", "1.C2", "1.P1", "2.P1"]


def test_unmapped_modules(mini: Framework) -> None:
    assert list(unmapped_modules(MODULES, LINKS)["module_id"]) == ["D"]
    assert list(unmapped_modules(MODULES, LINKS.iloc[:0])["module_id"]) == ["A", "B", "C", "D"]


def test_links_outside_the_framework_are_ignored(mini: Framework) -> None:
    extra = pd.concat(
        [LINKS, pd.DataFrame([("A", "9.C9", "R")], columns=LINKS.columns)], ignore_index=True
    )
    assert coverage_by_domain_level(mini, extra).equals(coverage_by_domain_level(mini, LINKS))


T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)


def _ratings(rows: list[tuple[str, str, str, str, int | None, int]]) -> pd.DataFrame:
    """(learner, statement, occasion, rater, value or None = not relevant, minutes after T0)."""
    return pd.DataFrame(
        {
            "learner_id": [r[0] for r in rows],
            "statement_id": [r[1] for r in rows],
            "occasion": [r[2] for r in rows],
            "rater": [r[3] for r in rows],
            "value": pd.array([r[4] for r in rows], dtype="Int64"),
            "not_relevant": [r[4] is None for r in rows],
            "note": [""] * len(rows),
            "recorded_at": [T0 + timedelta(minutes=r[5]) for r in rows],
        }
    )


RATINGS = _ratings(
    [
        # L1: before the course, then after it (the latest occasion)
        ("L1", "1.C1", "før", "self", 0, 0), ("L1", "2.C1", "før", "self", 2, 0),
        ("L1", "1.C1", "etter", "self", 2, 100), ("L1", "1.C2", "etter", "self", 0, 100),
        ("L1", "1.P1", "etter", "self", 1, 100), ("L1", "2.C1", "etter", "self", 0, 100),
        ("L1", "2.P1", "etter", "self", 0, 100), ("L1", "2.E1", "etter", "self", None, 100),
        # L2: only before
        ("L2", "1.C1", "før", "self", 1, 5), ("L2", "2.C1", "før", "self", 0, 5),
        ("L2", "1.P1", "før", "self", 2, 5),
        # L3: after; an assessor later finds 2.C1 met
        ("L3", "2.C1", "etter", "self", 0, 100), ("L3", "1.P1", "etter", "self", 0, 100),
        ("L3", "1.C1", "etter", "self", None, 100),
        ("L3", "2.C1", "etter", "Ingrid Haugen", 2, 200),
    ]
)  # fmt: skip
OCCASIONS = pd.DataFrame({"occasion": ["før", "etter"], "position": [0, 1]})


def _rec(table: pd.DataFrame) -> list[tuple[str, int, list[str], int, int]]:
    return [
        (r.module_id, r.n_gaps_covered, list(r.statements), r.n_learners, r.score)
        for r in table.itertuples()
    ]


def test_recommend_for_one_learner(mini: Framework) -> None:
    # L1 after the course: unmet 1.C2, 1.P1, 2.C1, 2.P1 (2.E1 is not relevant, 1.C1 is met).
    # At depth R or deeper: C covers 1.P1 and 2.C1, B covers 2.C1, A only introduces.
    got = recommend_modules(mini, MODULES, LINKS, RATINGS, learner_id="L1", occasions=OCCASIONS)
    assert _rec(got) == [("C", 2, ["1.P1", "2.C1"], 1, 2), ("B", 1, ["2.C1"], 1, 1)]
    assert list(got["title"]) == ["Modul C", "Modul B"]
    # Counting introductions too, all three modules cover two gaps: course order breaks the tie.
    low = recommend_modules(
        mini, MODULES, LINKS, RATINGS, learner_id="L1", occasions=OCCASIONS, min_depth="I"
    )
    assert _rec(low) == [
        ("A", 2, ["1.C2", "2.C1"], 1, 2), ("B", 2, ["2.C1", "2.P1"], 1, 2),
        ("C", 2, ["1.P1", "2.C1"], 1, 2),
    ]  # fmt: skip
    # An earlier occasion on request: before the course only 1.C1 was unmet.
    before = recommend_modules(mini, MODULES, LINKS, RATINGS, learner_id="L1", occasion="før")
    assert _rec(before) == [("B", 1, ["1.C1"], 1, 1), ("C", 1, ["1.C1"], 1, 1)]


def test_recommend_for_the_cohort_weights_by_learners(mini: Framework) -> None:
    # Unmet (self, each learner's latest occasion): 1.C1 L2; 2.C1 L1 L2 L3; 1.P1 L1 L3;
    # 1.C2 L1; 2.P1 L1. C covers 1.C1+2.C1+1.P1 = 1+3+2; B covers 1.C1+2.C1 = 1+3.
    got = recommend_modules(mini, MODULES, LINKS, RATINGS, occasions=OCCASIONS)
    assert _rec(got) == [
        ("C", 3, ["1.C1", "1.P1", "2.C1"], 3, 6), ("B", 2, ["1.C1", "2.C1"], 3, 4)
    ]  # fmt: skip
    # Every rater, latest wins: the assessor met L3 on 2.C1, so 2.C1 counts for two learners.
    anyone = recommend_modules(mini, MODULES, LINKS, RATINGS, occasions=OCCASIONS, rater=None)
    assert _rec(anyone) == [
        ("C", 3, ["1.C1", "1.P1", "2.C1"], 3, 5), ("B", 2, ["1.C1", "2.C1"], 2, 3)
    ]  # fmt: skip


def test_latest_occasion_without_an_occasion_table_is_the_latest_rated(mini: Framework) -> None:
    # L4 typed in "etter" first and "før" afterwards: by position "etter" is the latest,
    # by time "før" is.
    late = _ratings([("L4", "1.P1", "etter", "self", 0, 0), ("L4", "2.C1", "før", "self", 0, 50)])
    by_position = recommend_modules(mini, MODULES, LINKS, late, occasions=OCCASIONS)
    by_time = recommend_modules(mini, MODULES, LINKS, late)
    assert _rec(by_position) == [("C", 1, ["1.P1"], 1, 1)]
    assert _rec(by_time) == [("B", 1, ["2.C1"], 1, 1), ("C", 1, ["2.C1"], 1, 1)]


def test_recommend_without_ratings_is_empty(mini: Framework) -> None:
    got = recommend_modules(mini, MODULES, LINKS, RATINGS.iloc[:0])
    assert got.empty
    assert list(got.columns)[:5] == ["module_id", "title", "kind", "n_gaps_covered", "statements"]


# -- the sample curriculum, checked against the data file with plain Python -----------------------
def _raw_sample() -> tuple[dict[str, Any], dict[str, tuple[str, str]]]:
    with SAMPLE_CURRICULUM.open("rb") as fh:
        spec = tomllib.load(fh)
    with (BUNDLED / "statements.csv").open(encoding="utf-8") as fh:
        statements = {r["id"]: (r["domain"], r["level"]) for r in csv.DictReader(fh)}
    return spec, statements


def test_sample_coverage_matches_the_data_file(store: Store) -> None:
    spec, statements = _raw_sample()
    best: dict[str, int] = {}
    for module in spec["modules"]:
        for code, rank in RANK.items():
            for sid in module.get(code, []):
                best[sid] = max(best.get(sid, 0), rank)
    expected: dict[tuple[str, str], list[int]] = {}
    for sid, key in statements.items():
        cell = expected.setdefault(key, [0, 0, 0])
        cell[0] += 1
        cell[1] += sid in best
        cell[2] = max(cell[2], best.get(sid, 0))
    load_sample_curriculum(store)
    table = coverage_by_domain_level(store.framework, store.links())
    names = {0: "", **{r: c for c, r in RANK.items()}}
    got = {
        (str(d), str(lv)): [r.n_statements, r.n_covered, r.highest_depth]
        for (d, lv), r in zip(table.index, table.itertuples(), strict=True)
    }
    assert got == {k: [v[0], v[1], names[v[2]]] for k, v in expected.items()}
    assert sum(v[1] for v in expected.values()) == int(table["n_covered"].sum())


def test_sample_course_is_plausible(store: Store) -> None:
    spec, statements = _raw_sample()
    cur = load_sample_curriculum(store)
    modules = spec["modules"]
    assert 10 <= len(store.modules()) == len(modules) <= 15
    assert {m["kind"] for m in modules} == {"Kursdag", "E-læring", "Hospitering", "Praksis"}
    covered = {sid for m in modules for c in RANK for sid in m.get(c, [])}
    share = {
        level: sum(sid in covered for sid, (_d, lv) in statements.items() if lv == level)
        / sum(lv == level for _d, lv in statements.values())
        for level in "CPE"
    }
    assert share["C"] > 0.8 > share["P"] > share["E"]  # most C, fewer P, few E
    only_i = {
        sid for sid in covered
        if all(sid not in m.get(c, []) for m in modules for c in "RMA")
    }  # fmt: skip
    table = gaps(store.framework, store.links())
    assert set(table.loc[table["gap"] == "introduced_only", "statement_id"]) == only_i
    assert set(table.loc[table["gap"] == "uncovered", "statement_id"]) == set(statements) - covered
    assert {"1.C2", "2.C5", "3.3.C6"} <= set(statements) - covered  # real gaps at level C
    assert list(unmapped_modules(cur.modules, cur.links)["module_id"]) == [
        m["id"] for m in modules if not any(m.get(c) for c in RANK)
    ]
    n_modules: dict[str, int] = {}
    for m in modules:
        for c in RANK:
            for sid in m.get(c, []):
                n_modules[sid] = n_modules.get(sid, 0) + 1
    heavy = redundancy(cur.links, threshold=3, fw=store.framework)
    assert dict(zip(heavy["statement_id"], heavy["n_modules"], strict=True)) == {
        s: n for s, n in n_modules.items() if n >= 3
    }


def test_loading_the_sample_twice_replaces_it(store: Store) -> None:
    load_sample_curriculum(store)
    first = store.links()
    load_sample_curriculum(store)
    assert store.links().equals(first)
    assert len(store.courses()) == 1


def test_bad_curriculum_file_lists_every_problem(tmp_path: Path, fw: Framework) -> None:
    bad = tmp_path / "kurs.toml"
    bad.write_text(
        '[course]\nid = "k"\n\n'
        '[[modules]]\nid = "M1"\ntitle = "En"\nI = ["1.C1", "9.C9"]\nR = ["1.C1"]\n\n'
        '[[modules]]\nid = "M1"\ntitle = ""\nhours = -1\nX = ["1.C2"]\n',
        encoding="utf-8",
    )
    with pytest.raises(CurriculumImportError) as err:
        read_curriculum(bad, fw)
    keys = [p.message_key for p in err.value.problems]
    assert keys == [
        "curriculum.missing_field",  # course.title
        "curriculum.unknown_statement",
        "curriculum.duplicate_link",
        "curriculum.unknown_key",
        "curriculum.duplicate_module_entry",
        "curriculum.missing_field",
        "curriculum.bad_hours",
    ]
    assert "9.C9" in str(err.value)


# -- Excel ----------------------------------------------------------------------------------------
def _snapshot(store: Store) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return store.courses(), store.modules(), store.links()


def _same(a: tuple[pd.DataFrame, ...], b: tuple[pd.DataFrame, ...]) -> bool:
    return all(x.equals(y) for x, y in zip(a, b, strict=True))


def _find(ws: Worksheet, statement_id: str, module_id: str) -> str:
    """The cell of `statement_id` x `module_id` in the sheet «Kartlegging»."""
    row = next(c.row for c in ws["A"] if c.value == statement_id)
    col = next(c.column_letter for c in ws[3] if c.value == module_id)
    return f"{col}{row}"


def test_export_then_import_gives_the_same_map(store: Store, fw: Framework, tmp_path: Path) -> None:
    load_sample_curriculum(store)
    path = export_curriculum(store, tmp_path / "kurskart.xlsx")
    with open_store("sqlite://", framework=fw) as other:
        cur = import_curriculum(other, path)
        assert _same(_snapshot(store), _snapshot(other))
    assert cur.course_id == "fls-grunnkurs-2026"
    assert len(cur.modules) == 15


def test_workbook_is_what_an_educator_expects(store: Store, tmp_path: Path) -> None:
    load_sample_curriculum(store)
    wb = load_workbook(export_curriculum(store, tmp_path / "k.xlsx"))
    assert wb.sheetnames == ["Kurs", "Moduler", "Kartlegging"]
    ws = wb["Kartlegging"]
    assert ws.freeze_panes == "C4"
    assert ws["C2"].value == "Osteoporose og lavenergibrudd – grunnkunnskap"
    assert ws["C3"].value == "EL1"
    assert ws["B4"].value == "1 Pasient og publikum"  # domain header
    assert ws["B5"].value == "Kompetent (C)"  # level sub-header
    assert (ws["A6"].value, ws[_find(ws, "1.C1", "EL1")].value) == ("1.C1", "I")
    assert ws["B6"].alignment.wrap_text
    (rule,) = ws.data_validations.dataValidation
    assert rule.formula1 == '"I,R,M,A"'
    assert "C4" in rule.sqref
    assert "I = Introdusert" in ws["B1"].value
    assert "A = Vurdert" in ws["B1"].value
    modules = wb["Moduler"]
    assert [c.value for c in modules[1]] == ["Modul-id", "Tittel", "Type", "Timer"]
    assert [c.value for c in modules[2]] == [
        "EL1", "Osteoporose og lavenergibrudd – grunnkunnskap", "E-læring", 2.0
    ]  # fmt: skip
    legend = [wb["Kurs"].cell(r, 2).value for r in range(10, 14)]
    assert legend == ["Introdusert", "Forsterket", "Mestret", "Vurdert"]


def test_hand_edits_are_imported(store: Store, tmp_path: Path) -> None:
    load_sample_curriculum(store)
    path = export_curriculum(store, tmp_path / "k.xlsx")
    wb = load_workbook(path)
    ws = wb["Kartlegging"]
    ws[_find(ws, "2.C5", "K1-2")] = "m"  # lower case
    ws[_find(ws, "1.C1", "EL1")] = "Forsterket"  # the Norwegian label
    ws[_find(ws, "2.C6", "EL1")] = None  # removed
    wb["Moduler"]["D3"] = "1,5"  # typed as text with a decimal comma
    wb.save(path)
    import_curriculum(store, path)
    links = store.links().set_index(["module_id", "statement_id"])["depth"]
    assert links[("K1-2", "2.C5")] == "M"
    assert links[("EL1", "1.C1")] == "R"
    assert ("EL1", "2.C6") not in links.index
    assert store.modules().set_index("module_id").at["EL2", "hours"] == 1.5


def test_broken_workbook_lists_every_problem_and_stores_nothing(
    store: Store, tmp_path: Path
) -> None:
    load_sample_curriculum(store)
    path = export_curriculum(store, tmp_path / "k.xlsx")
    before = _snapshot(store)
    wb = load_workbook(path)
    ws = wb["Kartlegging"]
    bad_depth = _find(ws, "2.C5", "K1-2")
    ws[bad_depth] = "X"
    bad_row = next(c.row for c in ws["A"] if c.value == "2.C6")
    ws[f"A{bad_row}"] = "2.C66"
    spare = ws.cell(3, 3 + 15)  # the first empty module column after the 15 modules
    ws.cell(2, spare.column, "Ny modul uten id")
    ws.cell(next(c.row for c in ws["A"] if c.value == "2.C1"), spare.column, "I")
    modules = wb["Moduler"]
    modules["A5"] = "EL1"  # K1-1's row now repeats EL1
    modules["D6"] = "to timer"
    wb.save(path)

    with pytest.raises(CurriculumImportError) as err:
        import_curriculum(store, path)
    found = {(p.sheet, p.cell, p.message_key, p.value) for p in err.value.problems}
    assert found == {
        ("Moduler", "A5", "curriculum.duplicate_module", "EL1"),
        ("Moduler", "D6", "curriculum.bad_hours", "to timer"),
        ("Kartlegging", "F3", "curriculum.module_not_listed", "K1-1"),  # its row was overwritten
        ("Kartlegging", f"{spare.column_letter}3", "curriculum.module_no_id", None),
        ("Kartlegging", f"A{bad_row}", "curriculum.unknown_statement", "2.C66"),
        ("Kartlegging", bad_depth, "curriculum.unknown_depth", "X"),
    }
    text = str(err.value)
    assert f"ark «Kartlegging», celle {bad_depth}: ukjent dybde «X»" in text
    assert "6 problem(er) i k.xlsx" in text
    assert _same(before, _snapshot(store))


def test_missing_sheet_is_reported_with_the_other_problems(store: Store, tmp_path: Path) -> None:
    load_sample_curriculum(store)
    path = export_curriculum(store, tmp_path / "k.xlsx")
    before = _snapshot(store)
    wb = load_workbook(path)
    del wb["Moduler"]
    ws = wb["Kartlegging"]
    ws[_find(ws, "1.C1", "EL1")] = "Q"
    wb.save(path)
    with pytest.raises(CurriculumImportError) as err:
        import_curriculum(store, path)
    assert [(p.sheet, p.message_key) for p in err.value.problems] == [
        ("Moduler", "curriculum.missing_sheet"), ("Kartlegging", "curriculum.unknown_depth")
    ]  # fmt: skip
    assert _same(before, _snapshot(store))


def test_module_ids_belong_to_one_course(store: Store, tmp_path: Path) -> None:
    load_sample_curriculum(store)
    path = export_curriculum(store, tmp_path / "k.xlsx")
    before = _snapshot(store)
    wb = load_workbook(path)
    wb["Kurs"]["B4"] = "et-annet-kurs"
    wb.save(path)
    with pytest.raises(CurriculumImportError) as err:
        import_curriculum(store, path)
    assert len(err.value.problems) == 15
    assert err.value.problems[0].cell == "A2"
    assert "brukes allerede i kurset «fls-grunnkurs-2026»" in str(err.value)
    assert _same(before, _snapshot(store))


def test_unreadable_file(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "ikke-excel.xlsx"
    path.write_text("dette er ikke et regneark", encoding="utf-8")
    with pytest.raises(CurriculumImportError) as err:
        import_curriculum(store, path)
    assert err.value.problems[0].message_key == "curriculum.unreadable"


def test_filled_in_template_imports(store: Store, tmp_path: Path) -> None:
    path = write_template(tmp_path / "mal.xlsx")
    wb = load_workbook(path)
    wb["Kurs"]["B4"] = "mitt-kurs"
    wb["Kurs"]["B5"] = "Mitt kurs"
    wb["Moduler"].append(["M1", "Første kursdag", "Kursdag", 6])
    ws = wb["Kartlegging"]
    ws["D2"], ws["D3"] = "Første kursdag", "M1"  # any column will do, not only the first
    row = next(c.row for c in ws["A"] if c.value == "4.C1")
    ws[f"D{row}"] = "I"
    wb.save(path)
    cur = import_curriculum(store, path)
    assert (cur.course_id, cur.title) == ("mitt-kurs", "Mitt kurs")
    assert store.links().values.tolist() == [["M1", "4.C1", "I"]]


def test_shipped_template_matches_the_generator(tmp_path: Path) -> None:
    def structure(path: Path) -> list[object]:
        wb = load_workbook(path)
        out: list[object] = [wb.sheetnames]
        for ws in wb.worksheets:
            out.append([[c.value for c in row] for row in ws.iter_rows()])
            out.append(ws.freeze_panes)
            out.append(
                sorted(
                    (str(v.sqref), v.type, v.formula1) for v in ws.data_validations.dataValidation
                )
            )
            out.append({k: d.width for k, d in ws.column_dimensions.items()})
            out.append(sorted(str(r.sqref) for r in ws.conditional_formatting))
        return out

    shipped = ROOT / "templates" / "kurskart-mal.xlsx"
    assert shipped.is_file(), "run: python -m fls_kit.curriculum._workbook"
    fresh = write_template(tmp_path / "mal.xlsx")
    assert structure(shipped) == structure(fresh), (
        "regenerate: python -m fls_kit.curriculum._workbook"
    )


def test_curriculum_from_frames_exports_without_a_store(fw: Framework, tmp_path: Path) -> None:
    cur = read_curriculum(SAMPLE_CURRICULUM, fw)
    path = export_curriculum(cur, tmp_path / "k.xlsx", fw=fw)
    with open_store("sqlite://", framework=fw) as st:
        back = import_curriculum(st, path)
        assert back.links.sort_values(["module_id", "statement_id"]).values.tolist() == (
            cur.links.sort_values(["module_id", "statement_id"]).values.tolist()
        )
        assert isinstance(Curriculum.from_store(st), Curriculum)


# -- command line ---------------------------------------------------------------------------------
def test_cli_export_and_import(
    tmp_path: Path, fw: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    source, target = f"sqlite:///{tmp_path / 'a.sqlite'}", f"sqlite:///{tmp_path / 'b.sqlite'}"
    with open_store(source, framework=fw) as st:
        load_sample_curriculum(st)
    runner = CliRunner()
    out = runner.invoke(main, ["export", "curriculum", "--out", "k.xlsx", "--store", source])
    assert out.exit_code == 0, out.output
    assert "k.xlsx" in out.output
    out = runner.invoke(main, ["import", "curriculum", "k.xlsx", "--store", target])
    assert out.exit_code == 0, out.output
    assert "15 moduler, 103 koblinger" in out.output
    with open_store(target, framework=fw) as st:
        assert len(st.links()) == 103
    wb = load_workbook(tmp_path / "k.xlsx")
    wb["Kartlegging"]["C6"] = "Z"
    wb.save(tmp_path / "k.xlsx")
    out = runner.invoke(main, ["import", "curriculum", "k.xlsx", "--store", target])
    assert out.exit_code == 1
    assert "ark «Kartlegging», celle C6: ukjent dybde «Z»" in out.output
    out = runner.invoke(main, ["export", "curriculum", "--out", "mal.xlsx", "--template"])
    assert out.exit_code == 0, out.output
    assert load_workbook(tmp_path / "mal.xlsx").sheetnames == ["Kurs", "Moduler", "Kartlegging"]
