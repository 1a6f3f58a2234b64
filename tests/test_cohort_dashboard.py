"""The cohort dashboard over the demo cohort and over small groups that must stay hidden."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from test_assessment_form import run_notebook

from fls_kit import Framework
from fls_kit.store import Store
from fls_kit.widgets import CohortDashboard

PNG = b"\x89PNG"


def fill(store: Store, fw: Framework, cohort: str, n: int, *, assessor: str | None = None) -> None:
    """`n` learners in `cohort` who rated every statement before (0/1) and after (1/2)."""
    rows = []
    for i in range(n):
        lid = f"{cohort[:3]}{i}"
        store.add_learner(lid, f"Deltaker {cohort} {i}", cohort=cohort)
        for k, sid in enumerate(fw.statements.index):
            rows.append((lid, sid, "før", "self", (i + k) % 2))
            rows.append((lid, sid, "etter", "self", 1 + (i + k) % 2))
            if assessor:
                rows.append((lid, sid, "etter", assessor, 1 + (i * k) % 2))
    frame = pd.DataFrame(rows, columns=["learner_id", "statement_id", "occasion", "rater", "value"])
    store.record_ratings(frame)


@pytest.fixture
def groups(store: Store, fw: Framework) -> Store:
    fill(store, fw, "Liten", 4, assessor="Ingrid Haugen")
    fill(store, fw, "Stor", 6, assessor="Per Solheim")
    return store


def test_demo_cohort_shows_every_part(demo_store: Store) -> None:
    dash = CohortDashboard(demo_store)
    assert "40 deltakere" in dash.summary.value
    assert dash.suppressed == {
        "group": False, "attained": False, "weakest": False, "change": False, "agreement": False,
    }  # fmt: skip
    (figure,) = dash.attained_out.outputs
    assert figure["data"]["image/png"]  # the stacked bars, as a PNG
    assert "<table" in dash.weakest.value
    assert "Oppfylt" in dash.weakest.value
    assert "Gikk opp minst ett nivå" in dash.change.value
    assert "Alle" in dash.agreement.value
    weakest = dash.weakest_table()
    assert len(weakest) == 10
    assert weakest["Oppfylt"].str.endswith("%").all()
    change = dash.change_table()
    assert change is not None
    assert len(change) == 8


def test_the_small_group_note_speaks_english_in_an_english_dashboard(groups: Store) -> None:
    dash = CohortDashboard(groups, min_group_size=5, lang="en")
    dash.cohort.value = "Liten"
    note = "Not shown: the group has 4 learner(s)."
    assert note in dash.attained_note.value
    assert note in dash.weakest.value
    assert "Vises ikke" not in dash.attained_note.value + dash.weakest.value


def test_a_cohort_of_four_is_suppressed_with_a_norwegian_note(groups: Store) -> None:
    dash = CohortDashboard(groups, min_group_size=5)
    dash.cohort.value = "Liten"
    assert "4 deltakere" in dash.summary.value
    assert all(dash.suppressed.values())
    note = "Vises ikke: gruppen har 4 deltaker(e)"
    assert note in dash.attained_note.value
    assert dash.attained_out.outputs == ()
    assert note in dash.weakest.value
    assert "<table" not in dash.weakest.value
    assert note in dash.change.value
    assert "<table" not in dash.change.value
    assert note in dash.agreement.value
    assert "1.C1" not in dash.weakest.value + dash.change.value + dash.agreement.value
    assert dash.attainment_figure() is None
    assert dash.change_table() is None
    assert dash.agreement_table() is None
    assert note in dash.section("attained").data

    dash.cohort.value = "Stor"  # six learners: shown
    assert not dash.suppressed["attained"]
    assert dash.attained_out.outputs[0]["data"]["image/png"]
    assert dash.section("attained").data.startswith(PNG)


def test_all_learners_together_are_shown_but_a_small_assessor_is_not(groups: Store) -> None:
    dash = CohortDashboard(groups, min_group_size=5)
    assert not dash.suppressed["attained"]
    table = dash.agreement_table()
    assert table is not None
    # Per Solheim assessed six learners, Ingrid Haugen four: her figures would single them out.
    # Her row stays (fls_kit.privacy: a too-small row is kept and shown as «–», with a note).
    rows = table.set_index("Vurderer")
    assert rows.index.tolist() == ["Ingrid Haugen", "Per Solheim", "Alle"]
    assert (rows.loc["Ingrid Haugen"] == "–").all()
    assert rows.loc["Per Solheim", "Par"] != "–"
    assert "færre enn 5 deltakere: vises ikke" in dash.agreement.value


def test_min_group_size_comes_from_the_settings(
    groups: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLS_KIT_MIN_GROUP_SIZE", "3")
    dash = CohortDashboard(groups)
    assert dash.min_group_size == 3
    dash.cohort.value = "Liten"
    assert not any(dash.suppressed.values())


def test_assessor_view_and_english(demo_store: Store) -> None:
    dash = CohortDashboard(demo_store, lang="en")
    assert next(label for label, _ in dash.rater.options) == "Self-assessment"
    dash.rater.value = "Ingrid Haugen"
    assert "Assessor: Ingrid Haugen" in dash.summary.value
    assert "learners with ratings" in dash.summary.value
    assert "Met" in dash.weakest.value
    dash.baseline.value = None
    assert dash.change.value == ""
    assert dash.change_table() is None


def test_empty_store_says_there_is_nothing_yet(store: Store) -> None:
    dash = CohortDashboard(store)
    assert "Ingen vurderinger" in dash.attained_note.value
    assert "Ingen vurderinger" in dash.weakest.value


@pytest.mark.slow
def test_notebook_04_reads_well_headless(
    demo_store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs = run_notebook("04_kohortoversikt.ipynb", demo_store_url, tmp_path, monkeypatch)
    data = [o.get("data", {}) for o in outputs]
    assert any("application/vnd.jupyter.widget-view+json" in d for d in data)
    assert sum("image/png" in d for d in data) == 1  # the static figure
    html = "\n".join(d.get("text/html", "") for d in data)
    assert html.count("<table") == 3  # weakest, change, agreement
    assert "Vises ikke" not in html
