"""The curriculum mapper, driven in Python as an educator would drive it with the mouse."""

from __future__ import annotations

import pytest

from fls_kit.curriculum import load_sample_curriculum
from fls_kit.store import Store
from fls_kit.widgets import CurriculumMapper


@pytest.fixture
def mapper(store: Store) -> CurriculumMapper:
    load_sample_curriculum(store)
    return CurriculumMapper(store)


def _stored(store: Store) -> dict[tuple[str, str], str]:
    links = store.links()
    return {
        (m, s): d
        for m, s, d in zip(links["module_id"], links["statement_id"], links["depth"], strict=True)
    }


def test_opens_on_the_first_module_with_its_stored_depths(mapper: CurriculumMapper) -> None:
    assert mapper.course.value == "fls-grunnkurs-2026"
    assert mapper.module.value == "EL1"
    assert mapper.toggles["1.C1"].value == "I"
    assert mapper.toggles["1.C2"].value == ""
    assert len(mapper.toggles) == 88
    assert mapper.status.value == "Alt er lagret"
    assert mapper.save_button.disabled
    assert (
        mapper.toggles["1.C1"].tooltips[1] == "Introdusert: Temaet blir presentert for første gang"
    )


def test_edits_survive_switching_module_and_are_counted(
    mapper: CurriculumMapper, store: Store
) -> None:
    before = _stored(store)
    mapper.toggles["1.C2"].value = "I"
    assert mapper.status.value == "1 endring ikke lagret"
    assert mapper.save_button.button_style == "warning"
    mapper.module.value = "K1-2"
    assert mapper.toggles["1.C2"].value == ""  # K1-2 does not cover it
    assert mapper.toggles["2.C2"].value == "R"
    mapper.toggles["2.C2"].value = "M"
    mapper.toggles["2.P3"].value = ""  # remove a link
    assert mapper.status.value == "3 endringer ikke lagret"
    mapper.module.value = "EL1"
    assert mapper.toggles["1.C2"].value == "I"  # the draft is still there
    mapper.module.value = "K1-2"
    assert (mapper.toggles["2.C2"].value, mapper.toggles["2.P3"].value) == ("M", "")
    assert _stored(store) == before  # nothing written before «Lagre»
    # Setting a depth back to what is stored is not a change.
    mapper.toggles["2.C2"].value = "R"
    assert mapper.status.value == "2 endringer ikke lagret"


def test_save_writes_every_changed_module(mapper: CurriculumMapper, store: Store) -> None:
    mapper.toggles["1.C2"].value = "I"
    mapper.module.value = "HOSP"
    mapper.toggles["2.C5"].value = "R"
    mapper.toggles["2.C1"].value = ""
    mapper.save_button.click()
    stored = _stored(store)
    assert stored[("EL1", "1.C2")] == "I"
    assert stored[("HOSP", "2.C5")] == "R"
    assert ("HOSP", "2.C1") not in stored
    assert mapper.status.value == "Lagret (3 endringer)"
    assert mapper.save_button.disabled
    fresh = CurriculumMapper(store)
    fresh.module.value = "HOSP"
    assert fresh.toggles["2.C5"].value == "R"


def test_summary_and_heatmap_follow_the_toggles(mapper: CurriculumMapper) -> None:
    # 1.C2 is one of two Kompetent statements in domain 1; only 1.C1 is covered.
    assert "1/2 (50%)" in mapper.summary.value
    assert "52 av 88 utsagn dekket" in mapper.summary.value
    mapper.toggles["1.C2"].value = "A"
    assert "2/2 (100%)" in mapper.summary.value
    assert "53 av 88 utsagn dekket" in mapper.summary.value
    assert mapper.heatmap.value.count(">A</td>") == 10  # 9 in VURD, plus this one
    mapper.toggles["1.C2"].value = ""
    assert "1/2 (50%)" in mapper.summary.value
    assert mapper.accordion.titles[0] == "1 Pasient og publikum · 1 i modulen"


def test_search_and_filters_hide_rows(mapper: CurriculumMapper) -> None:
    mapper.domain_filter.value = "4"
    shown = [sid for sid, row in mapper.rows.items() if row.layout.display != "none"]
    assert shown == ["4.C1", "4.C2", "4.C3", "4.C4", "4.C5", "4.P1", "4.P2", "4.P3", "4.E1", "4.E2"]
    mapper.level_filter.value = "E"
    assert mapper.shown.value == "Viser 2 av 88 utsagn"
    mapper.domain_filter.value = ""
    mapper.level_filter.value = ""
    mapper.search.value = "FRAX"
    assert [s for s, r in mapper.rows.items() if r.layout.display != "none"] == ["2.C2"]


def test_empty_store_says_what_to_do(store: Store) -> None:
    mapper = CurriculumMapper(store)
    assert mapper.module.value is None
    assert "Ingen kurs i lageret" in mapper.summary.value
    assert mapper.toggles["1.C1"].disabled


def test_english_labels(store: Store) -> None:
    load_sample_curriculum(store)
    mapper = CurriculumMapper(store, lang="en")
    mapper.toggles["1.C2"].value = "I"
    assert mapper.status.value == "1 unsaved change"
    assert mapper.save_button.description == "Save"
