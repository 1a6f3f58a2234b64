"""Hostile text in every field a user types, through every HTML renderer, without a kernel.

A learner's name, a note, a cohort, an assessor's name, an occasion's label, a course's and a
module's title: each holds markup or a spreadsheet formula. The learner and cohort report
sections, the curriculum report sections, the cohort dashboard and the curriculum mapper must
show it as text: the raw tag never appears, its escaped form does.
"""

from __future__ import annotations

import pandas as pd
import pytest

from fls_kit import Framework
from fls_kit.reports import _cohort_sections as cs
from fls_kit.reports import _learner_sections as ls
from fls_kit.store import open_store
from fls_kit.widgets import CohortDashboard, CurriculumMapper

SCRIPT = "<script>alert(1)</script>"
BOLD = "<b>x</b>"
FORMULA = "=1+1"
COHORT = f"Kull {BOLD}"
ASSESSOR = f"Veileder {SCRIPT}"
NOTE = f"Notat {SCRIPT} {FORMULA}"
COURSE = f"Kurs {SCRIPT}"
MODULE = f"Modul {BOLD}"
RAW = (SCRIPT, BOLD)
ESCAPED = ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;x&lt;/b&gt;")


def assert_shown_as_text(html: str, *wanted: str) -> None:
    for raw in RAW:
        assert raw not in html
    for text in wanted:
        assert text in html, text


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory, fw: Framework) -> str:
    """Six learners in a hostile cohort (over the minimum group of 5), with an assessor, notes,
    a hostile occasion label and a course with a hostile module covering weak statements."""
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'store.sqlite'}"
    sids = list(fw.statements.index)
    with open_store(url, framework=fw) as st:
        st.add_occasion("før", label=f"Før {BOLD}", position=1)
        rows = []
        for i in range(6):
            lid = f"h{i}"
            st.add_learner(lid, f"{SCRIPT} {BOLD} {FORMULA} {i}", cohort=COHORT)
            for k, sid in enumerate(sids):
                rows.append((lid, sid, "før", "self", (i + k) % 3, NOTE))
                rows.append((lid, sid, "før", ASSESSOR, (i * k) % 3, NOTE))
        columns = ["learner_id", "statement_id", "occasion", "rater", "value", "note"]
        st.record_ratings(pd.DataFrame(rows, columns=columns))
        st.add_course("k1", COURSE, description=f"Om {SCRIPT}")
        st.add_module("m1", "k1", MODULE, kind="forelesning", hours=2)
        st.set_links("m1", {sid: "M" for sid in sids})
    return url


def test_learner_report_sections_escape_every_field(url: str) -> None:
    data = ls.load_learner(url, "h0", occasions=["før"], min_group_size=5)
    page = ls.render_learner_page(data)
    assert_shown_as_text(page, *ESCAPED, "=1+1")
    for section in ls.LEARNER_SECTIONS:
        assert_shown_as_text(str(section(data)))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;x" in str(ls.learner_header(data))
    assert "Modul &lt;b&gt;x&lt;/b&gt;" in str(ls.learner_recommendations(data))
    assert "Veileder &lt;script&gt;" in str(ls.learner_assessor(data))
    assert "Kull &lt;b&gt;x&lt;/b&gt;" in str(ls.learner_cohort(data))
    notes = str(ls.learner_strengths(data)) + str(ls.learner_development(data))
    assert "Notat &lt;script&gt;alert(1)&lt;/script&gt; =1+1" in notes


def test_cohort_and_curriculum_sections_escape_every_field(url: str) -> None:
    data = ls.load_cohort(url, COHORT, occasions=["før"], min_group_size=5)
    sections = [
        cs.cohort_header, cs.cohort_attainment, cs.cohort_met, cs.cohort_weakest,
        cs.cohort_agreement, cs.cohort_recommendations,
    ]  # fmt: skip
    html = "".join(str(section(data)) for section in sections)
    assert_shown_as_text(html, "Kull &lt;b&gt;x&lt;/b&gt;", "Veileder &lt;script&gt;")
    assert "Modul &lt;b&gt;x&lt;/b&gt;" in str(cs.cohort_recommendations(data))

    course = ls.load_curriculum(url, "k1")
    parts = [
        cs.curriculum_header,
        cs.curriculum_coverage,
        cs.curriculum_gaps,
        cs.curriculum_modules,
    ]
    html = "".join(str(section(course)) for section in parts)
    assert_shown_as_text(html, "Kurs &lt;script&gt;", "Modul &lt;b&gt;x&lt;/b&gt;")


def test_cohort_dashboard_escapes_cohort_and_assessor(url: str, fw: Framework) -> None:
    with open_store(url, framework=fw) as st:
        dash = CohortDashboard(st, min_group_size=5)
        dash.cohort.value = COHORT
        dash.rater.value = ASSESSOR
        html = "".join(
            [dash.summary.value, dash.weakest.value, dash.change.value, dash.agreement.value]
        )
        assert_shown_as_text(html, "Veileder &lt;script&gt;alert(1)&lt;/script&gt;")
        dash.rater.value = "self"
        assert_shown_as_text(dash.agreement.value, "Veileder &lt;script&gt;")


def test_curriculum_mapper_escapes_course_and_module_titles(url: str, fw: Framework) -> None:
    with open_store(url, framework=fw) as st:
        mapper = CurriculumMapper(st)
        html = mapper.module_info.value + mapper.summary.value + mapper.heatmap.value
        assert_shown_as_text(html, "Modul &lt;b&gt;x&lt;/b&gt;")
        assert "Modul &lt;b&gt;x&lt;/b&gt;" in mapper.heatmap.value  # the column's tooltip


def test_hostile_text_in_a_path_a_tooltip_is_still_an_attribute(url: str, fw: Framework) -> None:
    """A quote in a title cannot end the attribute it is shown in."""
    with open_store(url, framework=fw) as st:
        st.add_module("m2", "k1", 'Modul " onmouseover="alert(1)', hours=1)
        st.set_links("m2", {fw.statements.index[0]: "R"})
        mapper = CurriculumMapper(st)
        assert 'onmouseover="alert(1)' not in mapper.heatmap.value
        assert "&quot; onmouseover=&quot;alert(1)" in mapper.heatmap.value


def test_the_fixture_is_real(url: str) -> None:
    """The hostile store holds what the tests above expect (not an empty cohort)."""
    data = ls.load_learner(url, "h0", occasions=["før"], min_group_size=5)
    assert data.cohort is not None
    assert not data.cohort.get("suppressed", True)


def hostile_framework(fw: Framework) -> Framework:
    """The framework with markup in every domain title, level name and statement text (an
    educator's own framework workbook is user text too)."""
    import dataclasses

    return dataclasses.replace(
        fw,
        domains=fw.domains.assign(title=fw.domains["title"].astype(str) + f" {SCRIPT}"),
        levels=fw.levels.assign(name=fw.levels["name"].astype(str) + f" {BOLD}"),
        statements=fw.statements.assign(text=fw.statements["text"].astype(str) + f" {SCRIPT}"),
    )


def test_framework_text_is_escaped_in_the_widgets(url: str, fw: Framework) -> None:
    evil = hostile_framework(fw)
    with open_store(url, framework=fw) as st:
        mapper = CurriculumMapper(st, evil)
        html = mapper.summary.value + mapper.heatmap.value
        html += "".join(header.value for header in mapper.level_headers.values())
        assert_shown_as_text(html, *ESCAPED)
        (label, _toggle) = mapper.rows[fw.statements.index[0]].children
        assert_shown_as_text(label.value, ESCAPED[0])
