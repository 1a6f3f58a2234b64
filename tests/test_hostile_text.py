"""Hostile text in every field a user types, through every HTML renderer, without a kernel.

A learner's id, name, workplace and role, a note, a cohort, an assessor's name, an occasion's id
and label, a course's and a module's id, title and kind, the labels of the store's own rating
scale, and everything in an educator's own framework folder (its title, level names, domain
titles, statement ids and texts), and the report names, file names and errors of the batch
index page: each holds markup or a spreadsheet formula. The learner, cohort and curriculum
report sections, the index page, the cohort dashboard, the curriculum mapper and the assessment
form must show it as text: the raw tag never appears, its escaped form does.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from fls_kit import Framework, load_framework
from fls_kit.framework import BUNDLED
from fls_kit.reports import _cohort_sections as cs
from fls_kit.reports import _learner_sections as ls
from fls_kit.reports import sections as public
from fls_kit.reports._plan import write_index
from fls_kit.scales import Scale, ScaleItem
from fls_kit.store import open_store
from fls_kit.widgets import AssessmentForm, CohortDashboard, CurriculumMapper

SCRIPT = "<script>alert(1)</script>"
BOLD = "<b>x</b>"
FORMULA = "=1+1"
COHORT = f"Kull {BOLD}"
ASSESSOR = f"Veileder {SCRIPT}"
NOTE = f"Notat {SCRIPT} {FORMULA}"
COURSE = f"Kurs {SCRIPT}"
MODULE = f"Modul {BOLD}"
MODULE_ID = f"m1 {BOLD}"
KIND = f"forelesning {SCRIPT}"
LEARNER = f"h0 {BOLD}"  # the learner id is shown in the report's header
NEWCOMER = f"ny {BOLD}"  # a learner with no ratings yet
AFTER = f"oppfølging {BOLD}"  # an occasion id of the educator's own (the dashboard shows it)
OCCASIONS = ["før", AFTER]
RAW = (SCRIPT, BOLD)
ESCAPED = ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;x&lt;/b&gt;")
E_SCRIPT, E_BOLD = ESCAPED
# The store's own rating scale: its labels are shown as ratings and in «met» sentences.
SCALE = Scale(
    id="egen",
    items=(
        ScaleItem(0, f"Ikke ennå {BOLD}", f"Not yet {BOLD}"),
        ScaleItem(1, "Delvis", "Partly"),
        ScaleItem(2, f"Oppfylt {SCRIPT}", f"Met {SCRIPT}", met=True),
    ),
    not_relevant_nb=f"Ikke relevant {BOLD}",
)


def assert_shown_as_text(html: str, *wanted: str) -> None:
    for raw in RAW:
        assert raw not in html
    for text in wanted:
        assert text in html, text


@pytest.fixture(scope="module")
def evil_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled framework as an educator's own framework folder, with markup in its title,
    every level name and domain title, and every statement id and text."""
    folder = tmp_path_factory.mktemp("framework") / "egen"
    shutil.copytree(BUNDLED, folder)
    spec = folder / "framework.toml"

    def hostile(m: re.Match[str]) -> str:
        return f'{m[1]} = "{m[2]} {BOLD if m[1].startswith("name") else SCRIPT}"'

    pattern = r'^((?:title|name)_(?:nb|en)) = "(.*)"$'
    spec.write_text(re.sub(pattern, hostile, spec.read_text("utf-8"), flags=re.M), "utf-8")
    table = pd.read_csv(folder / "statements.csv", dtype=str, keep_default_na=False)
    table["id"] = table["id"] + BOLD
    for column in ("text_nb", "text_en"):
        table[column] = table[column] + f" {SCRIPT}"
    table.to_csv(folder / "statements.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def evil(evil_dir: Path) -> Framework:
    return load_framework(evil_dir)


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory, evil: Framework) -> str:
    """Six learners in a hostile cohort (over the minimum group of 5) rated at two hostile
    occasions, with an assessor, notes and the store's own scale; a learner with no ratings;
    a course with a hostile module that introduces one statement, leaves two uncovered and
    covers the rest."""
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'store.sqlite'}"
    sids = list(evil.statements.index)
    with open_store(url, framework=evil) as st:
        st.set_scale(SCALE)
        st.add_occasion("før", label=f"Før {BOLD}", date=date(2025, 1, 6), position=1)
        st.add_occasion(AFTER, label=f"Oppfølging {SCRIPT}", date=date(2025, 3, 3), position=2)
        rows = []
        for i in range(6):
            lid = LEARNER if i == 0 else f"h{i}"
            st.add_learner(lid, f"{SCRIPT} {BOLD} {FORMULA} {i}", cohort=COHORT,
                           workplace=f"Sykehus {BOLD}", role=f"Rolle {SCRIPT}")  # fmt: skip
            for k, sid in enumerate(sids):
                for shift, occasion in enumerate(OCCASIONS):
                    rows.append((lid, sid, occasion, "self", (i + k + shift) % 3, NOTE))
                    rows.append((lid, sid, occasion, ASSESSOR, (i * k + shift) % 3, NOTE))
        st.add_learner(NEWCOMER, f"Ny {SCRIPT}")
        columns = ["learner_id", "statement_id", "occasion", "rater", "value", "note"]
        st.record_ratings(pd.DataFrame(rows, columns=columns))
        st.add_course("k1", COURSE, description=f"Om {SCRIPT}")
        st.add_module(MODULE_ID, "k1", MODULE, kind=KIND, hours=2)
        st.set_links(MODULE_ID, {sid: "I" if n == 0 else "M" for n, sid in enumerate(sids)
                                 if n not in (1, 2)})  # fmt: skip
    return url


def test_learner_report_sections_escape_every_field(url: str, evil_dir: Path) -> None:
    data = public.load_learner(url, LEARNER, occasions=OCCASIONS, min_group_size=5,
                           framework=str(evil_dir))  # fmt: skip
    page = ls.render_learner_page(data)
    assert_shown_as_text(page, *ESCAPED, "=1+1")
    for section in ls.LEARNER_SECTIONS:
        assert_shown_as_text(str(section(data)))
    assert f"h0 {E_BOLD}" in str(ls.learner_header(data))
    assert f"{E_SCRIPT} {E_BOLD}" in str(ls.learner_header(data))
    assert f"Sykehus {E_BOLD}" in str(ls.learner_header(data))
    assert f"Oppfølging {E_SCRIPT}" in str(ls.learner_change(data))
    assert f"Modul {E_BOLD}" in str(ls.learner_recommendations(data))
    assert f"forelesning {E_SCRIPT}" in str(ls.learner_recommendations(data))
    assert f"Veileder {E_SCRIPT}" in str(ls.learner_assessor(data))
    assert f"Kull {E_BOLD}" in str(ls.learner_cohort(data))
    assert f"Kompetent {E_BOLD}" in str(ls.learner_levels(data))
    assert f"Oppfylt {E_SCRIPT}" in str(ls.learner_strengths(data))
    notes = str(ls.learner_strengths(data)) + str(ls.learner_development(data))
    assert f"Notat {E_SCRIPT} =1+1" in notes


def test_a_learner_without_ratings_is_escaped_too(url: str, evil_dir: Path) -> None:
    """The empty report: "no ratings at Før <b>x</b>", "nothing Oppfylt <script> yet"."""
    data = public.load_learner(url, NEWCOMER, occasions=OCCASIONS, min_group_size=5,
                           framework=str(evil_dir))  # fmt: skip
    assert not data.rated
    for section in ls.LEARNER_SECTIONS:
        assert_shown_as_text(str(section(data)))
    assert f"Før {E_BOLD}" in str(ls.learner_header(data))
    assert f"Oppfylt {E_SCRIPT}" in str(ls.learner_strengths(data))


def test_cohort_and_curriculum_sections_escape_every_field(url: str, evil_dir: Path) -> None:
    data = public.load_cohort(url, COHORT, occasions=OCCASIONS, min_group_size=5,
                          framework=str(evil_dir))  # fmt: skip
    sections = [
        cs.cohort_header, cs.cohort_attainment, cs.cohort_met, cs.cohort_weakest,
        cs.cohort_agreement, cs.cohort_recommendations, cs.cohort_note,
    ]  # fmt: skip
    html = "".join(str(section(data)) for section in sections)
    assert_shown_as_text(html, f"Kull {E_BOLD}", f"Veileder {E_SCRIPT}", f"Oppfølging {E_SCRIPT}")
    assert f"Modul {E_BOLD}" in str(cs.cohort_recommendations(data))
    assert f"Kompetent {E_BOLD}" in str(cs.cohort_met(data))

    course = public.load_curriculum(url, "k1", framework=str(evil_dir))
    parts = [
        cs.curriculum_header,
        cs.curriculum_coverage,
        cs.curriculum_gaps,
        cs.curriculum_modules,
        cs.curriculum_note,
    ]
    html = "".join(str(section(course)) for section in parts)
    assert_shown_as_text(html, f"Kurs {E_SCRIPT}", f"Modul {E_BOLD}", f"Om {E_SCRIPT}")
    gaps = str(cs.curriculum_gaps(course))
    assert f"Modul {E_BOLD}" in gaps  # the module that only introduces a statement
    assert f".C1{E_BOLD}" in gaps  # a statement id


def test_the_index_page_shows_names_files_and_errors_as_text(tmp_path: Path) -> None:
    """index.html (`write_index`): report names, file names and error texts are data."""
    files = ['a"<i>.html', "r.<i>"]
    for name in files:
        (tmp_path / name).write_text("x", "utf-8")
    manifest = {
        "reports": {
            "a": {"kind": "learner", "label": f"{SCRIPT} {BOLD}", "status": "ok", "files": files},
            "b": {"kind": "cohort", "label": COHORT, "status": "failed", "files": [],
                  "error": f"KeyError: {SCRIPT}"},
        }
    }  # fmt: skip
    page = write_index(tmp_path, manifest, "nb").read_text("utf-8")
    assert_shown_as_text(page, f"{E_SCRIPT} {E_BOLD}", f"Kull {E_BOLD}", f"KeyError: {E_SCRIPT}")
    assert "<i>" not in page
    assert "<I>" not in page
    assert 'href="a&#34;&lt;i&gt;.html"' in page
    assert ">&lt;I&gt;</a>" in page


def test_cohort_dashboard_escapes_cohort_occasion_and_assessor(url: str, evil: Framework) -> None:
    with open_store(url, framework=evil) as st:
        dash = CohortDashboard(st, min_group_size=5)
        dash.cohort.value = COHORT
        dash.occasion.value = AFTER
        dash.baseline.value = "før"
        dash.rater.value = ASSESSOR
        parts = [dash.summary, dash.weakest, dash.change, dash.agreement, dash._change_heading]
        html = "".join(part.value for part in parts)
        assert_shown_as_text(html, f"Veileder {E_SCRIPT}", f"oppfølging {E_BOLD}")
        assert f"oppfølging {E_BOLD}" in dash._change_heading.value
        dash.rater.value = "self"
        assert_shown_as_text(dash.agreement.value, f"Veileder {E_SCRIPT}")


def test_curriculum_mapper_escapes_course_module_and_framework_text(
    url: str, evil: Framework
) -> None:
    with open_store(url, framework=evil) as st:
        mapper = CurriculumMapper(st)
        html = mapper.module_info.value + mapper.summary.value + mapper.heatmap.value
        html += "".join(header.value for header in mapper.level_headers.values())
        assert_shown_as_text(html, *ESCAPED, f"Kompetent {E_BOLD}")
        assert f"Modul {E_BOLD}" in mapper.heatmap.value  # the column's tooltip
        assert f"m1 {E_BOLD}" in mapper.heatmap.value  # the column's heading
        first = evil.statements.index[0]
        assert f"1.C1{E_BOLD}" in mapper.heatmap.value  # a row's heading
        (label, _toggle) = mapper.rows[first].children
        assert_shown_as_text(label.value, f"1.C1{E_BOLD}", E_SCRIPT)


def test_assessment_form_escapes_framework_text(url: str, evil: Framework) -> None:
    with open_store(url, framework=evil) as st:
        form = AssessmentForm(st, learner_id=LEARNER)
        html = form.title.value + form.intro.value + form.summary.value
        html += "".join(heading.value for heading in form._headings.values())
        html += "".join(row.text.value for row in form.rows.values())
        assert_shown_as_text(html, f"Kompetent {E_BOLD}", f"1.C1{E_BOLD}", E_SCRIPT)


def test_hostile_text_in_a_path_a_tooltip_is_still_an_attribute(url: str, evil: Framework) -> None:
    """A quote in a title cannot end the attribute it is shown in."""
    with open_store(url, framework=evil) as st:
        st.add_module("m2", "k1", 'Modul " onmouseover="alert(1)', hours=1)
        st.set_links("m2", {evil.statements.index[0]: "R"})
        mapper = CurriculumMapper(st)
        assert 'onmouseover="alert(1)' not in mapper.heatmap.value
        assert "&quot; onmouseover=&quot;alert(1)" in mapper.heatmap.value


def test_the_fixture_is_real(url: str, evil_dir: Path) -> None:
    """The hostile store holds what the tests above expect (not an empty cohort)."""
    data = public.load_learner(url, LEARNER, occasions=OCCASIONS, min_group_size=5,
                           framework=str(evil_dir))  # fmt: skip
    assert data.rated == OCCASIONS
    assert data.cohort is not None
    assert not data.cohort.get("suppressed", True)
