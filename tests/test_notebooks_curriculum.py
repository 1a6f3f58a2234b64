"""notebooks/02_kurskartlegging.ipynb: shipped without outputs, and runs from top to bottom."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from openpyxl import load_workbook

from fls_kit import Framework
from fls_kit.curriculum import load_sample_curriculum
from fls_kit.store import open_store

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "02_kurskartlegging.ipynb"


def test_notebook_is_stored_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert "STORE = None" in tagged[0].source


def _run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store_url: str | None
) -> tuple[str, set[str]]:
    """Execute a copy of the notebook in `tmp_path`: (every output as one text, mime types)."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    if store_url is not None:  # as papermill does: a cell after the tagged one
        at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
        nb.cells.insert(at + 1, nbformat.v4.new_code_cell(f"STORE = {store_url!r}"))
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the demo store's temp folder, for the kernel
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    texts, kinds = [], set()
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.output_type != "error", out
            if out.output_type == "stream":
                texts.append(out.text)
            kinds |= set(out.get("data", {}))
            for kind in ("text/markdown", "text/html", "text/plain"):
                texts.append(out.get("data", {}).get(kind, ""))
    return "\n".join(texts), kinds


@pytest.mark.slow
def test_notebook_runs_on_a_fresh_demo_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sorted(p.name for p in NOTEBOOK.parent.iterdir())
    text, kinds = _run(tmp_path, monkeypatch, None)
    assert "15 moduler, 103 koblinger" in text
    assert "36 utsagn er ikke dekket, 16 er bare introdusert" in text
    assert {"image/png", "application/vnd.jupyter.widget-view+json"} <= kinds
    assert "Kursevaluering og veien videre" in text  # the unmapped module
    assert "Deltakere hjulpet" in text  # recommendations for the synthetic cohort
    assert (tmp_path / "kurskart.xlsx").is_file()
    assert load_workbook(tmp_path / "kurskart.xlsx").sheetnames == [
        "Kurs",
        "Moduler",
        "Kartlegging",
    ]
    assert sorted(p.name for p in NOTEBOOK.parent.iterdir()) == before


@pytest.mark.slow
def test_notebook_explains_when_there_are_no_ratings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fw: Framework
) -> None:
    url = f"sqlite:///{tmp_path / 'kurs.sqlite'}"
    with open_store(url, framework=fw) as st:
        load_sample_curriculum(st)
    text, _kinds = _run(tmp_path, monkeypatch, url)
    assert "Lageret har ingen vurderinger ennå" in text
    assert "Deltakere hjulpet" not in text
    assert "FLS-grunnkurs 2026" in text
