"""The assessment form, driven from Python as a browser would drive it: set values, click, then
read the store back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

from fls_kit import Framework
from fls_kit.store import Store
from fls_kit.widgets import AssessmentForm
from fls_kit.widgets._assessment_form import NOT_RELEVANT

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def kari(store: Store) -> Store:
    store.add_learner("kari", "Kari Nordmann", cohort="Bergen")
    return store


def current(store: Store, **filters: str) -> dict[str, tuple[object, bool, str]]:
    frame = store.ratings(**filters)
    return {
        r["statement_id"]: (None if r["value"] is None or r["not_relevant"] else int(r["value"]),
                            bool(r["not_relevant"]), r["note"])
        for r in frame.to_dict("records")
    }  # fmt: skip


def test_every_statement_has_a_row_grouped_by_domain(kari: Store, fw: Framework) -> None:
    form = AssessmentForm(kari, learner_id="kari")
    assert list(form.rows) == list(fw.statements.index)
    assert len(form.accordion.children) == len(fw.domain_codes())
    assert form.accordion.titles[0] == "1 Pasient og publikum (0/10)"
    labels = [label for label, _ in form.rows["1.C1"].value_toggle.options]
    assert labels == ["Ikke ennå", "Delvis", "Oppfylt", "Ikke relevant for min rolle"]
    assert form.progress.value == "0 av 88 vurdert"


def test_a_click_is_stored_at_once_and_shown_as_saved(kari: Store) -> None:
    form = AssessmentForm(kari, learner_id="kari", occasion="før")
    row = form.rows["2.C3"]
    row.value_toggle.value = 2
    assert current(kari) == {"2.C3": (2, False, "")}
    assert kari.ratings()["rater"].tolist() == ["self"]
    assert kari.ratings()["occasion"].tolist() == ["før"]
    assert row.status.value.startswith("✓ Lagret ")
    row.value_toggle.value = 1  # a changed answer is a new current rating; history keeps both
    assert current(kari) == {"2.C3": (1, False, "")}
    assert len(kari.ratings(history=True)) == 2


def test_progress_counts_rated_statements_per_form_and_domain(kari: Store) -> None:
    form = AssessmentForm(kari, learner_id="kari")
    for sid in ["1.C1", "1.C2", "1.P1", "2.C1"]:
        form.rows[sid].value_toggle.value = 0
    form.rows["6.E9"].value_toggle.value = NOT_RELEVANT
    assert form.progress.value == "5 av 88 vurdert"
    assert form.progress_bar.value == 5
    assert form.accordion.titles[0].endswith("(3/10)")
    assert form.accordion.titles[1].endswith("(1/15)")


def test_not_relevant_is_stored_as_not_relevant_not_as_a_value(kari: Store) -> None:
    form = AssessmentForm(kari, learner_id="kari")
    form.rows["6.E9"].value_toggle.value = NOT_RELEVANT
    frame = kari.ratings()
    assert frame["not_relevant"].tolist() == [True]
    assert frame["value"].isna().all()


def test_note_is_saved_with_the_answer(kari: Store) -> None:
    form = AssessmentForm(kari, learner_id="kari")
    row = form.rows["1.C1"]
    row.note.value = "Holdt internundervisning"  # no answer yet: nothing to attach it to
    assert kari.ratings().empty
    assert row.status.value == "Velg et svar for å lagre notatet"
    row.value_toggle.value = 2
    assert current(kari) == {"1.C1": (2, False, "Holdt internundervisning")}
    row.note.value = "Holdt internundervisning for sengeposten"
    assert current(kari)["1.C1"][2] == "Holdt internundervisning for sengeposten"


def test_a_new_form_resumes_from_the_store(kari: Store) -> None:
    first = AssessmentForm(kari, learner_id="kari", occasion="etter")
    first.rows["1.C1"].value_toggle.value = 2
    first.rows["1.C1"].note.value = "Bevis"
    first.rows["3.3.P8"].value_toggle.value = NOT_RELEVANT
    del first  # the browser is closed

    again = AssessmentForm(kari, learner_id="kari", occasion="etter")
    assert again.rows["1.C1"].value_toggle.value == 2
    assert again.rows["1.C1"].note.value == "Bevis"
    assert again.rows["1.C1"].status.value.startswith("✓ Lagret")
    assert again.rows["3.3.P8"].value_toggle.value == NOT_RELEVANT
    assert again.rows["1.C2"].value_toggle.value is None
    assert again.progress.value == "2 av 88 vurdert"
    assert len(kari.ratings(history=True)) == 3  # loading wrote nothing

    other_occasion = AssessmentForm(kari, learner_id="kari", occasion="før")
    assert other_occasion.n_rated == 0


def test_switching_learner_shows_that_learners_answers(kari: Store) -> None:
    kari.add_learner("ola", "Ola Nordmann")
    form = AssessmentForm(kari, learner_id="kari")
    form.rows["1.C1"].value_toggle.value = 2
    form.learner.value = "ola"
    assert form.rows["1.C1"].value_toggle.value is None
    form.rows["1.C1"].value_toggle.value = 0
    form.learner.value = "kari"
    assert form.rows["1.C1"].value_toggle.value == 2
    assert current(kari, learner_id="ola") == {"1.C1": (0, False, "")}


def test_assessor_mode_writes_the_assessors_name_as_rater(kari: Store) -> None:
    AssessmentForm(kari, learner_id="kari").rows["1.C1"].value_toggle.value = 2
    form = AssessmentForm(kari, mode="assessor", learner_id="kari")
    assert form.assessor.layout.display != "none"
    assert form.rows["1.C1"].value_toggle.disabled  # no name yet: nothing can be saved
    form.assessor.value = "Ingrid Haugen"
    assert form.rows["1.C1"].value_toggle.value is None  # the self-rating is not theirs
    form.rows["1.C1"].value_toggle.value = 1
    assert current(kari, rater="Ingrid Haugen") == {"1.C1": (1, False, "")}
    assert current(kari, rater="self") == {"1.C1": (2, False, "")}
    assert "Ingrid Haugen" in form.summary.value


def test_language_switch_relabels_everything_and_keeps_answers(kari: Store) -> None:
    form = AssessmentForm(kari, learner_id="kari")
    form.rows["1.C1"].value_toggle.value = 1
    form.language.value = "en"
    row = form.rows["1.C1"]
    assert [label for label, _ in row.value_toggle.options] == [
        "Not yet", "Partly", "Met", "Not relevant to my role",
    ]  # fmt: skip
    assert row.value_toggle.value == 1
    assert "Informs patients" in row.text.value
    assert row.status.value.startswith("✓ Saved ")
    assert form.progress.value == "1 of 88 rated"
    assert form.accordion.titles[0] == "1 Patient and public (1/10)"
    assert form.occasion.label == "Before the course"
    assert len(kari.ratings(history=True)) == 1  # relabelling saved nothing
    form.language.value = "nb"
    assert form.progress.value == "1 av 88 vurdert"


def test_learner_names_are_escaped(store: Store) -> None:
    store.add_learner("x1", "<script>alert(1)</script>")
    form = AssessmentForm(store, learner_id="x1")
    assert "<script>" not in form.summary.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in form.summary.value
    form.add_learner("<img src=x onerror=alert(2)>")
    assert "<img" not in form.learner_message.value
    assert "&lt;img" in form.learner_message.value


def test_new_learner_and_occasion_from_the_form(store: Store) -> None:
    form = AssessmentForm(store)
    assert form.learner_id is None
    assert form.rows["1.C1"].value_toggle.disabled
    form.new_name.value = "Åse Ås"
    form.add_learner_button.click()
    assert form.learner_id == "åse-ås"
    assert store.learner("åse-ås")["name"] == "Åse Ås"
    form.new_occasion.value = "oppfølging"
    form.add_occasion_button.click()
    form.rows["5.C1"].value_toggle.value = 2
    assert current(store, occasion="oppfølging") == {"5.C1": (2, False, "")}


def test_participant_mode_lists_nobody_and_resumes_with_name_and_code(kari: Store) -> None:
    form = AssessmentForm(kari, list_learners=False)
    assert form.learner.options == ()
    assert "Kari" not in repr(form.learner.options)
    form.new_name.value = "Per Hansen"
    form.add_learner_button.click()
    code = form.learner_id
    assert code is not None
    assert len(code) == 6
    assert code in form.learner_message.value
    form.rows["1.C1"].value_toggle.value = 2

    stranger = AssessmentForm(kari, list_learners=False)
    assert stranger.add_learner("Kari Olsen", code) is None  # someone else's code
    assert stranger.learner_id is None
    assert stranger.add_learner("per hansen", code) == code  # same person, next day
    assert stranger.rows["1.C1"].value_toggle.value == 2
    assert [v for _, v in stranger.learner.options] == [code]


def test_form_on_the_demo_store_resumes_demo_ratings(demo_store: Store) -> None:
    form = AssessmentForm(demo_store, learner_id="D001", occasion="etter")
    assert form.n_rated == 88  # the demo learner answered everything
    assessor = AssessmentForm(demo_store, mode="assessor", learner_id="D001", occasion="etter",
                              assessor_name="Ingrid Haugen")  # fmt: skip
    assert assessor.n_rated == 88
    assert assessor.rater == "Ingrid Haugen"


@pytest.mark.slow
def test_notebook_03_shows_the_form(
    demo_store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs = run_notebook("03_kartlegging.ipynb", demo_store_url, tmp_path, monkeypatch)
    widgets = [
        o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
    ]
    assert len(widgets) == 1


def run_notebook(
    name: str, store_url: str, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> list[dict[str, Any]]:
    """Execute notebooks/`name` headless against `store_url`; return every output.

    Fails on an error or on anything written to stderr (a warning a user would see).
    """
    path = ROOT / "notebooks" / name
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "stored outputs"
    monkeypatch.setenv("FLS_KIT_STORE", store_url)  # the kernel inherits the environment
    client = NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    problems = [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"]
    assert not problems, problems
    return outputs
