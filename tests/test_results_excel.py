"""The results workbook: its tables hold what scoring says, and the file is laid out for people."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from fls_kit import Framework, scoring
from fls_kit.cli import main
from fls_kit.config import ENV_PREFIX, OPTIONS
from fls_kit.demo import demo_frames
from fls_kit.errors import StoreError
from fls_kit.results import ResultsInput, results_tables, write_results_workbook
from fls_kit.results._sheet import safe_sheet_name
from fls_kit.store import Store

DOMAINS = ["1", "2", "3.1", "3.2", "3.3", "4", "5", "6"]


@pytest.fixture(autouse=True)
def clean_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No fls-kit.toml or FLS_KIT_* variable changes the defaults (min_group_size 5, rule all)."""
    for key in OPTIONS:
        monkeypatch.delenv(ENV_PREFIX + key.upper(), raising=False)
    monkeypatch.chdir(tmp_path)


def level_names(attained: pd.DataFrame, fw: Framework) -> dict[tuple[str, str], str]:
    names = {"-": "–", **dict(zip(fw.levels.index, fw.levels["name"], strict=True))}
    return {
        (str(r.learner_id), str(r.domain)): names[str(r.attained)]
        for r in attained.itertuples(index=False)
    }


@pytest.mark.parametrize("occasion", [None, "før"])
def test_cohort_sheet_holds_the_attained_levels(
    demo_store: Store, fw: Framework, occasion: str | None
) -> None:
    tables = results_tables(demo_store, occasion=occasion)
    assert list(tables)[:3] == ["Kohort", "Utsagn", "Vurderinger"]
    cohort = tables["Kohort"]
    assert cohort.shape == (40, 3 + len(DOMAINS))
    assert list(cohort.columns[:3]) == ["Deltaker-id", "Navn", "Arbeidssted"]
    assert [c.split()[0] for c in cohort.columns[3:]] == DOMAINS
    learners = demo_store.learners()
    assert list(cohort["Navn"]) == list(learners["name"])

    shown = occasion or "etter"  # by default the latest occasion
    own = demo_store.ratings(occasion=shown, rater="self")
    expected = level_names(scoring.attained_levels(own, fw), fw)
    for _, row in cohort.iterrows():
        for header, code in zip(cohort.columns[3:], DOMAINS, strict=True):
            assert row[header] == expected[(row["Deltaker-id"], code)], (row["Deltaker-id"], code)
    # The demo cohort spreads over every level, so a wrong mapping could not hide.
    assert {"–", "Kompetent", "Erfaren", "Ekspert"} <= set(cohort.iloc[:, 3:].stack())


@pytest.mark.parametrize("statement_id", ["1.C1", "6.E9"])
def test_statement_shares_match_a_count_by_hand(demo_store: Store, statement_id: str) -> None:
    table = results_tables(demo_store)["Utsagn"]
    row = table.loc[(table["Utsagn-id"] == statement_id) & (table["Anledning"] == "etter")]
    assert len(row) == 1
    got = row.iloc[0]

    own = demo_store.ratings(occasion="etter", rater="self")
    rows = own.loc[own["statement_id"] == statement_id]
    valued = rows.loc[~rows["not_relevant"]]
    n = len(valued)
    assert got["Antall med verdi"] == n
    assert got["Oppfylt (andel)"] == pytest.approx((valued["value"] == 2).sum() / n)
    assert got["Delvis (andel)"] == pytest.approx((valued["value"] == 1).sum() / n)
    assert got["Ikke ennå (andel)"] == pytest.approx((valued["value"] == 0).sum() / n)
    assert got["Ikke relevant (antall)"] == rows["not_relevant"].sum()
    assert got["Merknad"] is None
    if statement_id == "6.E9":  # an expert statement some learners find not relevant
        assert got["Ikke relevant (antall)"] > 0


def test_statement_sheet_covers_every_statement_and_occasion(
    demo_store: Store, fw: Framework
) -> None:
    table = results_tables(demo_store)["Utsagn"]
    assert len(table) == 2 * len(fw)
    assert list(table["Utsagn-id"].iloc[:4]) == ["1.C1", "1.C1", "1.C2", "1.C2"]
    assert list(table["Anledning"].iloc[:2]) == ["før", "etter"]  # in the order they happen
    only = results_tables(demo_store, occasion="før")["Utsagn"]
    assert set(only["Anledning"]) == {"før"}


@pytest.fixture
def small_cohort(store: Store) -> Store:
    """Four learners in a cohort of their own, and the demo's ratings for them."""
    learners, ratings = demo_frames(n_learners=4, framework=store.framework)
    store.add_learners(learners.assign(cohort="Liten gruppe"))
    store.record_ratings(ratings)
    return store


def test_groups_below_the_minimum_are_hidden(small_cohort: Store) -> None:
    table = results_tables(small_cohort, cohort="Liten gruppe")["Utsagn"]
    shares = ["Oppfylt (andel)", "Delvis (andel)", "Ikke ennå (andel)", "Ikke relevant (antall)"]
    assert (table[shares] == "–").all().all()
    assert (table["Merknad"] == "skjult (<5)").all()
    counts = set(table["Antall med verdi"])  # counts stay visible, values do not
    assert 4 in counts
    assert counts <= set(range(5))
    # The learners themselves are still listed by name in «Kohort» and «Vurderinger».
    tables = results_tables(small_cohort, cohort="Liten gruppe")
    assert len(tables["Kohort"]) == 4

    shown = results_tables(small_cohort, cohort="Liten gruppe", min_group_size=4)["Utsagn"]
    full = shown["Antall med verdi"] == 4  # a statement some found not relevant: fewer values
    assert full.sum() > 100
    assert (~full).sum() > 0
    assert shown.loc[full, "Merknad"].isna().all()
    assert pd.to_numeric(shown.loc[full, "Oppfylt (andel)"]).between(0, 1).all()
    assert (shown.loc[~full, "Merknad"] == "skjult (<4)").all()
    en = results_tables(small_cohort, lang="en")["Statements"]
    assert (en["Remark"] == "hidden (<5)").all()


def test_ratings_sheet_lists_every_current_rating(demo_store: Store) -> None:
    table = results_tables(demo_store)["Vurderinger"]
    ratings = demo_store.ratings()
    assert len(table) == len(ratings)
    assert set(table["Vurderer"]) == {"self", "Ingrid Haugen", "Per Solheim"}
    nr = table.loc[table["Ikke relevant"]]
    assert len(nr) == ratings["not_relevant"].sum() > 0
    assert nr["Verdi"].isna().all()
    assert set(nr["Vurdering"]) == {"Ikke relevant for min rolle"}
    assert set(table.loc[table["Verdi"] == 2, "Vurdering"]) == {"Oppfylt"}
    assert table["Registrert (norsk tid)"].dt.tz is None
    first = ratings.loc[ratings["occasion"] == "før"].iloc[0]  # 2 March: before summer time
    match = table.loc[
        (table["Deltaker-id"] == first["learner_id"])
        & (table["Utsagn-id"] == first["statement_id"])
        & (table["Anledning"] == first["occasion"])
        & (table["Vurderer"] == first["rater"])
    ]
    oslo = first["recorded_at"].tz_convert("Europe/Oslo").tz_localize(None)
    assert match["Registrert (norsk tid)"].iloc[0] == oslo
    assert oslo.hour == first["recorded_at"].hour + 1  # March: CET, one hour ahead of UTC


def test_ratings_beyond_one_sheet_continue_on_the_next(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fls_kit.results._tables as tables_module

    monkeypatch.setattr(tables_module, "MAX_ROWS", 1001)  # Excel's is 1,048,576
    tables = results_tables(demo_store, occasion="før")
    parts = [name for name in tables if name.startswith("Vurderinger")]
    assert parts == ["Vurderinger", "Vurderinger (2)", "Vurderinger (3)", "Vurderinger (4)"]
    assert [len(tables[p]) for p in parts] == [1000, 1000, 1000, 40 * 88 - 3000]


def test_unknown_cohort_or_occasion_says_what_exists(demo_store: Store) -> None:
    with pytest.raises(StoreError, match="FLS-kurs Bergen vår 2026"):
        results_tables(demo_store, cohort="Tromsø")
    with pytest.raises(StoreError, match="før, etter"):
        results_tables(demo_store, occasion="midtveis")


def test_an_empty_store_gives_empty_tables(store: Store) -> None:
    tables = results_tables(store, per_learner=True)
    assert [len(t) for t in tables.values()] == [0, 0, 0]


def test_workbook_layout(demo_store: Store, tmp_path: Path) -> None:
    bergen = "FLS-kurs Bergen vår 2026"
    path = write_results_workbook(demo_store, tmp_path / "resultater.xlsx", cohort=bergen)
    wb = load_workbook(path)
    assert wb.sheetnames == ["Kohort", "Utsagn", "Vurderinger"]
    for ws in wb.worksheets:
        assert ws["A1"].font.b
        assert ws.auto_filter.ref is not None
        assert ws.auto_filter.ref.startswith("A1:")
        assert ws.freeze_panes is not None
        assert ws.freeze_panes.endswith("2")
        assert all(ws.column_dimensions[c].width >= 6 for c in "ABC")

    kohort = wb["Kohort"]
    fills = {}
    for row in kohort.iter_rows(min_row=2, max_row=23, min_col=4, max_col=11):
        for cell in row:
            fills.setdefault(cell.value, set()).add(cell.fill.fgColor.rgb)
    assert {k: len(v) for k, v in fills.items()} == dict.fromkeys(fills, 1)  # one colour per level
    assert len({c for v in fills.values() for c in v}) == 4
    legend = [c.value for row in kohort.iter_rows(max_col=20) for c in row]
    assert "Forklaring" in legend
    assert any("etter" in str(v) for v in legend)

    utsagn = wb["Utsagn"]
    assert utsagn["D1"].value == "Utsagn"
    assert utsagn["D2"].alignment.wrap_text
    assert utsagn["G2"].number_format == "0%"
    assert isinstance(utsagn["G2"].value, float)
    ratings = wb["Vurderinger"]
    assert isinstance(ratings["K2"].value, datetime)
    assert ratings["K2"].value.tzinfo is None
    assert ratings.max_row == len(demo_store.ratings(cohort=bergen)) + 1


def test_english_workbook(demo_store: Store, tmp_path: Path) -> None:
    path = write_results_workbook(demo_store, tmp_path / "results.xlsx", lang="en", occasion="før")
    wb = load_workbook(path, read_only=True)
    assert wb.sheetnames == ["Cohort", "Statements", "Ratings"]
    header = [c.value for c in next(wb["Cohort"].iter_rows(max_row=1, max_col=4))]
    assert header == ["Learner id", "Name", "Workplace", "1 Patient and public"]
    row = [c.value for c in next(wb["Ratings"].iter_rows(min_row=2, max_row=2))]
    assert row[7] in {"Not yet", "Partly", "Met", "Not relevant to my role"}
    wb.close()


NASTY = [
    ("L1", "Ola [Nordmann]: *?/\\ test"),
    ("L2", "'Kari'"),
    ("L3-bergen-vaar-2026-deltaker-0001", "Anne"),
    ("L3-bergen-vaar-2026-deltaker-0002", "Anne"),
    ("L5", '=HYPERLINK("http://x")'),
    ("L6", "Ærlig \x07Øyvind 🦴🦴🦴🦴🦴🦴🦴🦴🦴🦴"),
]


def test_learner_sheets_have_safe_unique_names(store: Store, tmp_path: Path) -> None:
    learners = pd.DataFrame(
        [{"learner_id": lid, "name": name, "cohort": "K"} for lid, name in NASTY]
    )
    store.add_learners(learners)
    store.record_rating("L5", "1.C1", "før", 2, note="=1+2")
    path = write_results_workbook(store, tmp_path / "navn.xlsx", per_learner=True)
    wb = load_workbook(path)
    names = wb.sheetnames
    assert len(names) == 3 + len(NASTY)
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        assert len(name.encode("utf-16-le")) // 2 <= 31
        assert not set(name) & set("[]:*?/\\\x07")
        assert not name.startswith("'")
        assert not name.endswith("'")
    assert names[3].startswith("L1 Ola -Nordmann-")
    # Ids that agree in their first 31 characters still give two sheets.
    assert names[5] == "L3-bergen-vaar-2026-deltaker-00"
    assert names[6] == "L3-bergen-vaar-2026-deltake (2)"
    formula = wb["Vurderinger"]["B2"]  # L5's rating: the name must stay text
    assert formula.value == '=HYPERLINK("http://x")'
    assert formula.data_type == "s"
    assert wb["Vurderinger"]["J2"].value == "=1+2"
    emoji = wb[next(n for n in names if n.startswith("L6"))]
    first_row = [str(c.value) for c in emoji[1] if c.value is not None]
    assert "Ærlig Øyvind 🦴🦴🦴🦴🦴🦴🦴🦴🦴🦴 (L6)" in first_row  # control character dropped


def test_safe_sheet_name_rules() -> None:
    taken = {"kohort"}
    assert safe_sheet_name("Kohort", taken) == "Kohort (2)"
    assert safe_sheet_name("KOHORT", taken) == "KOHORT (3)"
    assert safe_sheet_name("History", taken) == "History-"
    assert safe_sheet_name("  ''  ", taken) == "Ark"
    long = safe_sheet_name("x" * 40, taken)
    assert long == "x" * 31
    assert safe_sheet_name("x" * 40, taken) == "x" * 27 + " (2)"


def test_results_input_builds_without_a_store(demo_store: Store, tmp_path: Path) -> None:
    data = ResultsInput.from_store(demo_store, "FLS-kurs Oslo vår 2026")
    tables = results_tables(data, per_learner=True)
    assert len(tables) == 3 + 18
    assert set(tables["Vurderinger"]["Deltaker-id"]) == set(data.learners["learner_id"])


def test_cli_writes_the_workbook(demo_store_url: str, tmp_path: Path) -> None:
    out = tmp_path / "ut" / "resultater.xlsx"
    args = ["export", "excel", "--out", str(out), "--store", demo_store_url, "--per-learner",
            "--cohort", "FLS-kurs Oslo vår 2026", "--occasion", "før"]  # fmt: skip
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "18 deltakere" in result.output
    wb = load_workbook(out, read_only=True)
    assert len(wb.sheetnames) == 3 + 18
    wb.close()
    bad = CliRunner().invoke(main, [*args[:6], "--occasion", "midtveis"])
    assert bad.exit_code == 1
    assert "ukjent anledning «midtveis»" in bad.output
