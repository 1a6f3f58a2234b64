"""notebooks/01_rammeverket.ipynb: shipped without outputs, runs top to bottom, and reads well
when executed headless (tables and a chart, not only widgets)."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "01_rammeverket.ipynb"


def test_notebook_is_stored_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    markdown = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "ikke* offisiell" in markdown  # English is an unofficial translation


def _outputs(cell: nbformat.NotebookNode) -> str:
    texts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            texts.append(out.text)
        for kind in ("text/plain", "text/html", "text/markdown"):
            texts.append(out.get("data", {}).get(kind, ""))
    return "\n".join(texts)


@pytest.mark.slow
def test_notebook_runs_headless(monkeypatch: pytest.MonkeyPatch) -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # Which Python runs the kernel: it must be this environment's, with this fls_kit.
    nb.cells.append(nbformat.v4.new_code_cell("import sys; print(sys.prefix)"))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell

    outputs = [out for cell in nb.cells for out in cell.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    stderr = [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert not stderr, stderr  # no warnings shown to the educator

    counts = next(c for c in nb.cells if "antall" in c.metadata.get("tags", []))
    assert "88" in _outputs(counts)
    assert "Tjenesteutvikling, forbedring og ledelse" in _outputs(counts)

    kinds = {kind for o in outputs for kind in o.get("data", {})}
    assert "image/png" in kinds  # the chart
    assert "application/vnd.jupyter.widget-view+json" in kinds  # the search box
    everything = "\n".join(_outputs(c) for c in nb.cells)
    assert "Leder utviklingen av ulike typer pasient- og pårørendeinformasjon" in everything

    assert _outputs(nb.cells[-1]).strip() == sys.prefix
