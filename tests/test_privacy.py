"""One privacy policy: no view shows a figure computed over fewer than `min_group_size` people.

Every view of the cohort runs on the same store, which holds a cohort of six ("Stor") of whom
only three rated themselves `etter` (a 3-learner occasion), a second assessor who rated only
three of the six, and a cohort of three ("Liten"). Each view is asked for the figures it shows
about those small groups: with `min_group_size=5` every one must be hidden («–», NaN, None or
left out), and with `min_group_size=3` the same view must show some, so the test can fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from fls_kit import Framework, privacy, scoring
from fls_kit.reports import _cohort_sections as cs
from fls_kit.reports import _learner_sections as ls
from fls_kit.reports._data import CohortData, LearnerData, cohort_summary, known_occasions
from fls_kit.results import results_tables
from fls_kit.store import Store, open_store
from fls_kit.widgets import CohortDashboard

OCCASIONS = ["før", "etter"]
SMALL_ASSESSOR = "Ingrid Haugen"


# -- privacy.py itself, by hand -----------------------------------------------------------------
def test_the_boundary_is_shown_and_one_below_is_hidden() -> None:
    assert privacy.DEFAULT_MIN_GROUP_SIZE == 5
    assert not privacy.is_too_small(5, 5)  # n == min_group_size: shown
    assert privacy.is_too_small(4, 5)  # n == min_group_size - 1: hidden
    assert privacy.is_too_small(0, 5)
    assert not privacy.is_too_small(1, 1)
    assert not privacy.is_too_small(0, 0)  # 0 hides nothing
    assert privacy.too_small([3, 4, 5, 6, None], 5).tolist() == [True, True, False, False, True]


def test_suppress_keeps_the_row_and_hides_its_figures() -> None:
    frame = pd.DataFrame(
        {
            "group": ["a", "b", "c"],
            "n_learners": [4, 5, 12],
            "share": [0.25, 0.4, 0.5],
            "count": [1, 2, 6],
            "label": ["x", "y", "z"],
        }
    )
    out = privacy.suppress(frame, ["share", "count", "label"], min_group_size=5)
    assert out["group"].tolist() == ["a", "b", "c"]  # no row is dropped
    assert out["n_learners"].tolist() == [4, 5, 12]  # the group size stays visible
    assert out["suppressed"].tolist() == [True, False, False]
    assert np.isnan(out.at[0, "share"])
    assert out.at[1, "share"] == 0.4
    assert out["count"].dtype == "Int64"
    assert out["count"].isna().tolist() == [True, False, False]
    assert out.at[0, "label"] is None
    assert out.at[2, "label"] == "z"
    assert frame["share"].notna().all()  # the input is left alone
    # A row hidden before stays hidden.
    again = privacy.suppress(out.assign(n_learners=[9, 9, 9]), ["share"], min_group_size=5)
    assert again["suppressed"].tolist() == [True, False, False]


def test_group_sizes_count_people_not_rows() -> None:
    rows = pd.DataFrame({"assessor": ["P", "P", "P", "I"], "learner_id": ["a", "a", "b", "c"]})
    assert privacy.group_size(rows) == 3
    assert privacy.group_sizes(rows, "assessor").to_dict() == {"P": 2, "I": 1}


# -- one store for every view -------------------------------------------------------------------
def _rows(fw: Framework, learners: list[str], occasion: str, rater: str, shift: int) -> list[Any]:
    return [
        (lid, sid, occasion, rater, (i + k + shift) % 3)
        for i, lid in enumerate(learners)
        for k, sid in enumerate(fw.statements.index)
    ]


@pytest.fixture(scope="module")
def shared(fw: Framework) -> Iterator[Store]:
    """Stor: 6 learners before, 3 of them after; Liten: 3 learners; a small assessor; a course."""
    with open_store("sqlite://", framework=fw) as st:
        big = [f"S{i}" for i in range(6)]
        small = [f"L{i}" for i in range(3)]
        for lid in big:
            st.add_learner(lid, f"Deltaker {lid}", cohort="Stor")
        for lid in small:
            st.add_learner(lid, f"Deltaker {lid}", cohort="Liten")
        rows = [
            *_rows(fw, big, "før", "self", 0),
            *_rows(fw, big[:3], "etter", "self", 1),  # the 3-learner occasion
            *_rows(fw, big, "før", "Per Solheim", 2),
            *_rows(fw, big[3:], "før", SMALL_ASSESSOR, 1),  # an assessor of three learners
            *_rows(fw, small, "før", "self", 0),
            *_rows(fw, small, "etter", "self", 1),
        ]
        columns = ["learner_id", "statement_id", "occasion", "rater", "value"]
        st.record_ratings(pd.DataFrame(rows, columns=columns))
        st.add_course("K1", "FLS-kurs")
        ids = list(fw.statements.index)
        for m in range(3):
            st.add_module(f"M{m}", "K1", f"Modul {m}", kind="workshop")
            st.set_links(f"M{m}", {sid: "M" for sid in ids[m::3]})
        yield st


# -- what each view shows about the small groups ------------------------------------------------
def _shown(value: Any) -> bool:
    """True when `value` is a figure a reader can see (not missing, not «–», has a digit)."""
    if value is None:
        return False
    if isinstance(value, float | np.floating) and np.isnan(value):
        return False
    if value is pd.NA:
        return False
    if isinstance(value, str):
        return value.strip() != privacy.HIDDEN and any(c.isdigit() for c in value)
    return True


def _table(html: str | Markup) -> list[dict[str, str]]:
    """The rows of the first table in `html`, header -> cell text."""
    soup = BeautifulSoup(str(html), "html.parser")
    table = soup.find("table")
    if table is None:
        return []
    headers = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    if not headers:
        headers = [th.get_text(" ", strip=True) for th in table.find("tr").find_all("th")]
    out = []
    for tr in table.select("tbody tr"):
        cells = [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
        out.append(dict(zip(headers, cells, strict=False)))
    return out


def _alts(html: str | Markup) -> list[str]:
    soup = BeautifulSoup(str(html), "html.parser")
    return [str(img.get("alt", "")) for img in soup.find_all("img")]


def _scoring(name: str) -> Callable[[Store, Framework, int], list[Any]]:
    def view(st: Store, fw: Framework, m: int) -> list[Any]:
        figures: list[Any] = []
        for cohort in ("Stor", "Liten"):
            ratings = st.ratings(cohort=cohort)
            table = getattr(scoring, name)(ratings, fw, min_group_size=m)
            small = table.loc[(table["occasion"] == "etter") | (cohort == "Liten")]
            cols = [c for c in ("share_met", "share_partly", "mean_value", "count", "share")
                    if c in small.columns]  # fmt: skip
            figures += small[cols].to_numpy(dtype=object).reshape(-1).tolist()
        return figures

    return view


def _summary(st: Store, fw: Framework, m: int) -> list[Any]:
    figures: list[Any] = []
    for cohort, occasions in (("Stor", ["etter"]), ("Liten", OCCASIONS)):
        c = cohort_summary(st, cohort, OCCASIONS, fw, min_group_size=m)
        for occ in occasions:
            figures += list(c["share_met"].get(occ, {}).values())
            for dist in c["levels"].get(occ, {}).values():
                figures += list((dist or {}).values())
    return figures


def _learner(st: Store, fw: Framework, lid: str, cohort: str, m: int) -> LearnerData:
    return LearnerData(
        learner=st.learner(lid), ratings=st.ratings(learner_id=lid),
        occasions=known_occasions(st, OCCASIONS), fw=fw, scale=st.scale, lang="nb",
        rule=scoring.AttainmentRule.parse("all"), min_group_size=m, modules=st.modules(),
        links=st.links(), cohort=cohort_summary(st, cohort, OCCASIONS, fw, min_group_size=m),
    )  # fmt: skip


def _learner_cohort(st: Store, fw: Framework, m: int) -> list[Any]:
    figures: list[Any] = []
    for lid, cohort in (("S0", "Stor"), ("L0", "Liten")):  # both latest at `etter`
        for row in _table(ls.learner_cohort(_learner(st, fw, lid, cohort, m))):
            figures += [row.get("Kullet", ""), row.get("Nådd nivå i kullet", "")]
    return figures


def _cohort_data(st: Store, fw: Framework, cohort: str, m: int) -> CohortData:
    return CohortData(
        cohort=cohort, ratings=st.ratings(cohort=cohort), occasions=known_occasions(st, OCCASIONS),
        fw=fw, scale=st.scale, lang="nb", rule=scoring.AttainmentRule.parse("all"),
        min_group_size=m, modules=st.modules(), links=st.links(),
    )  # fmt: skip


def _cohort_report(section: str) -> Callable[[Store, Framework, int], list[Any]]:
    """The figures a cohort-report section shows about `etter` in Stor, and about Liten."""

    def view(st: Store, fw: Framework, m: int) -> list[Any]:
        figures: list[Any] = []
        for cohort in ("Stor", "Liten"):
            c = _cohort_data(st, fw, cohort, m)
            html = getattr(cs, f"cohort_{section}")(c)
            whole = cohort == "Liten"
            if section == "attainment":  # one chart per occasion; its alt text holds the shares
                alts = [a for a in _alts(html) if whole or c.label("etter") in a]
                figures += [a if "%" in a else None for a in alts]  # "1 Title: –" is hidden
                continue
            for row in _table(html):
                if section == "met":
                    figures += [v for k, v in row.items() if whole or k == c.label("etter")]
                    figures = [v for v in figures if "%" in v or v == privacy.HIDDEN]
                elif section == "agreement":
                    if whole or row.get("Vurderer") == SMALL_ASSESSOR:
                        figures += list(row.values())[2:]  # pairs, exact, difference, kappa
                else:  # weakest and recommendations are about the latest occasion: `etter`
                    figures += [row.get("Oppfylt", ""), row.get("Deltakere", "")]
        return figures

    return view


def _dashboard(st: Store, fw: Framework, m: int) -> list[Any]:
    dash = CohortDashboard(st, fw, min_group_size=m)
    figures: list[Any] = []

    def tables(*parts: str) -> None:
        for part in parts:
            for row in _table(getattr(dash, part).value):
                figures.extend(v for k, v in row.items() if k not in ("Utsagn", ""))

    dash.cohort.value = "Stor"
    dash.baseline.value = "før"
    dash.occasion.value = "etter"  # three learners
    figures.append("1 figure" if dash._png else None)
    tables("weakest", "change")
    dash.occasion.value = "før"  # six learners, but one assessor of three
    dash.baseline.value = None
    for row in _table(dash.agreement.value):
        if row["Vurderer"] == SMALL_ASSESSOR:
            figures += [v for k, v in row.items() if k != "Vurderer"]
    dash.cohort.value = "Liten"
    for occ in OCCASIONS:
        dash.occasion.value = occ
        figures.append("1 figure" if dash._png else None)
        tables("weakest", "agreement")
    dash.baseline.value = "før"
    dash.occasion.value = "etter"
    tables("change")
    return figures


def _workbook(st: Store, fw: Framework, m: int) -> list[Any]:
    figures: list[Any] = []
    for cohort in ("Stor", "Liten"):
        sheet = results_tables(st, cohort=cohort, min_group_size=m, rule="all")["Utsagn"]
        small = sheet.loc[(sheet["Anledning"] == "etter") | (cohort == "Liten")]
        shares = [c for c in sheet.columns if c.endswith("(andel)") or c.endswith("(antall)")]
        figures += small[shares].to_numpy(dtype=object).reshape(-1).tolist()
    return figures


VIEWS: dict[str, Callable[[Store, Framework, int], list[Any]]] = {
    "scoring.cohort_statements": _scoring("cohort_statements"),
    "scoring.cohort_domains": _scoring("cohort_domains"),
    "scoring.cohort_attainment": _scoring("cohort_attainment"),
    "scoring.weakest_statements": _scoring("weakest_statements"),
    "reports.cohort_summary": _summary,
    "learner report: cohort comparison": _learner_cohort,
    "cohort report: attainment": _cohort_report("attainment"),
    "cohort report: share met": _cohort_report("met"),
    "cohort report: weakest statements": _cohort_report("weakest"),
    "cohort report: agreement": _cohort_report("agreement"),
    "cohort report: modules that help most": _cohort_report("recommendations"),
    "cohort dashboard": _dashboard,
    "results workbook": _workbook,
}


@pytest.mark.parametrize("view", list(VIEWS))
def test_no_view_shows_a_figure_about_fewer_than_min_group_size(
    shared: Store, fw: Framework, view: str
) -> None:
    hidden = [x for x in VIEWS[view](shared, fw, 5) if _shown(x)]
    assert hidden == [], f"{view} shows figures about a group smaller than 5: {hidden[:5]}"
    # The same view with a minimum of 3 shows them: the check above looks at the right place.
    assert any(_shown(x) for x in VIEWS[view](shared, fw, 3)), f"{view} shows nothing at 3"
