"""The public API of report notebooks: `fls_kit.reports.sections`.

Notebooks (the shipped report templates, the educator notebooks, and so any copy an educator
makes) import only public modules; every name of `sections.__all__` is documented in its
docstring; the helpers for an educator's own section escape what they are given; and the worked
example of docs/reports.md ("Your own section") runs as written.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from click.testing import CliRunner
from markupsafe import Markup

from fls_kit.reports import sections

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted([*(ROOT / "templates").rglob("*.ipynb"), *(ROOT / "notebooks").glob("*.ipynb")])
DOCS = ROOT / "docs" / "reports.md"
EVIL_NOTE = "<img src=x onerror=alert(1)> glemte <b>alt</b>"


def _is_private(module: str) -> bool:
    """fls_kit._x, fls_kit.pkg._x (and anything below them)."""
    parts = module.split(".")
    return parts[0] == "fls_kit" and any(p.startswith("_") for p in parts[1:])


def private_imports(code: str) -> list[str]:
    """The private fls_kit modules (or names of them) that `code` imports."""
    # IPython magics and shell lines are not Python: blank them out, keep the line numbers.
    lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in code.splitlines()]
    found = []
    for node in ast.walk(ast.parse("\n".join(lines))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if _is_private(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            found += [m for m in targets if _is_private(m)][:1]
        elif isinstance(node, ast.Call) and ast.unparse(node.func) in {
            "importlib.import_module", "import_module", "__import__",
        }:  # fmt: skip
            arg = node.args[0] if node.args else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found += [arg.value] if _is_private(arg.value) else []
    return found


def test_the_checker_finds_every_way_of_importing_a_private_module() -> None:
    assert private_imports("from fls_kit import _report_content as rc") == [
        "fls_kit._report_content"
    ]
    assert private_imports("import fls_kit.reports._html as h") == ["fls_kit.reports._html"]
    assert private_imports("from fls_kit.reports._data import load_learner") == [
        "fls_kit.reports._data"
    ]
    assert private_imports("from fls_kit.reports import _learner_sections") == [
        "fls_kit.reports._learner_sections"
    ]
    assert private_imports("import importlib\nimportlib.import_module('fls_kit._i18n')") == [
        "fls_kit._i18n"
    ]
    assert private_imports("%matplotlib inline\nfrom fls_kit._i18n import t") == ["fls_kit._i18n"]
    public = "from fls_kit.reports import sections as rc\nfrom fls_kit.store import open_store"
    assert private_imports(public + "\nimport pandas._libs\nfrom . import _x") == []


def test_notebooks_import_only_public_modules() -> None:
    assert len(NOTEBOOKS) >= 7  # the three report templates and the educator notebooks
    offenders = []
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                for module in private_imports(cell.source):
                    offenders.append(f"{path.relative_to(ROOT)} cell {index}: {module}")
    assert offenders == []


def test_report_templates_use_the_sections_module() -> None:
    for name in ("learner", "cohort", "curriculum"):
        nb = nbformat.read(ROOT / "templates" / "reports" / f"{name}.ipynb", as_version=4)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        assert "from fls_kit.reports import sections as rc" in code, name


def test_every_public_name_of_sections_exists_and_is_documented() -> None:
    doc = sections.__doc__ or ""
    assert sorted(sections.__all__) == sorted(set(sections.__all__))
    missing = [name for name in sections.__all__ if f"`{name}" not in doc]
    assert missing == []
    for name in sections.__all__:
        assert hasattr(sections, name), name
    # Every public function the module defines itself is in __all__.
    here = sections.__name__
    own = [
        n for n, v in vars(sections).items()
        if callable(v) and not n.startswith("_") and getattr(v, "__module__", "") == here
    ]  # fmt: skip
    assert set(own) <= set(sections.__all__)


def test_sections_is_reachable_from_the_lazy_registry() -> None:
    import fls_kit.reports as reports

    assert reports.sections is sections
    assert "sections" in dir(reports)
    assert "BatchOptions" in reports.__all__
    options = reports.BatchOptions(formats="html,pdf", workers=2)
    with pytest.raises(AttributeError):
        options.workers = 3  # type: ignore[misc]  # frozen


def test_section_and_table_escape_user_text() -> None:
    frame = pd.DataFrame({"Utsagn <i>": ["<script>x</script>", None], "Antall": [3, None]})
    html = sections.section(
        "Mine <notater> & mer", "Ola & <Kari>", sections.table(frame, caption="<b>c</b>")
    )
    assert isinstance(html, Markup)
    for raw in ("<script>", "<notater>", "<Kari>", "<i>", "<b>"):
        assert raw not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert '<h2 id="fls-mine-notater-mer-h">Mine &lt;notater&gt; &amp; mer</h2>' in html
    assert "<p>Ola &amp; &lt;Kari&gt;</p>" in html
    assert '<th scope="col">Utsagn &lt;i&gt;</th>' in html
    assert '<th scope="col" class="fls-num">Antall</th>' in html
    assert "<caption>&lt;b&gt;c&lt;/b&gt;</caption>" in html
    assert html.count("<td>–</td>") == 1
    assert '<td class="fls-num">–</td>' in html
    kept = sections.section("x", Markup("<p class='mine'>trusted</p>"), key="Egen del")
    assert "<p class='mine'>trusted</p>" in kept
    assert 'class="fls-section fls-egen-del"' in kept
    assert sections.escape("<b>") == "&lt;b&gt;"


def test_learner_statements_hold_only_this_learners_ratings(demo_store_url: str) -> None:
    report = sections.load_learner(demo_store_url, "D001", occasions=["før", "etter"])
    rows = sections.learner_statements(report)
    assert not rows.empty
    assert {"statement_id", "text", "value", "rating", "note", "level", "domain"} <= set(rows)
    assert rows["statement_id"].is_unique
    own = report.self_ratings
    latest = own.loc[own["occasion"] == report.latest]
    assert set(rows["statement_id"]) == set(latest["statement_id"])
    before = sections.learner_statements(report, "før")
    assert set(before["statement_id"]) == set(own.loc[own["occasion"] == "før", "statement_id"])


def docs_example_cell() -> str:
    """The cell of docs/reports.md's worked example, exactly as printed there."""
    text = DOCS.read_text(encoding="utf-8")
    found = re.search(r"<!-- own-section-cell[^>]*-->\s*```python\n(.*?)```", text, re.S)
    assert found, "docs/reports.md: the own-section example is gone"
    return found.group(1)


@pytest.mark.slow
def test_the_docs_example_section_appears_escaped_in_the_report(tmp_path: Path) -> None:
    from fls_kit.cli import main
    from fls_kit.demo import create_demo_store
    from fls_kit.reports import LEARNER_TEMPLATE
    from fls_kit.reports._files import safe_stem

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    with create_demo_store(url, n_learners=5) as st:
        # The first statement, rated lowest at the latest assessment: first of the three.
        st.record_rating("D001", "1.C1", "etter", 0, note=EVIL_NOTE)
    # The educator's steps: copy the template, add a cell before the closing note, run it.
    nb = nbformat.read(LEARNER_TEMPLATE, as_version=4)
    nb.cells.insert(len(nb.cells) - 1, nbformat.v4.new_code_cell(docs_example_cell()))
    template = tmp_path / "min-mal.ipynb"
    nbformat.write(nb, template)
    out = tmp_path / "rapporter"
    run = CliRunner().invoke(main, [
        "reports", "learners", "--template", str(template), "--store", url, "--out", str(out),
        "--learner", "D001", "--format", "html", "--workers", "1",
    ])  # fmt: skip
    assert run.exit_code == 0, run.output
    html = (out / f"{safe_stem('D001')}.html").read_text(encoding="utf-8")
    found = re.search(r'<section class="fls-section fls-mine-notater-fra-kurset".*?</section>',
                      html, re.S)  # fmt: skip
    assert found, "the educator's section is not in the report"
    own = found.group(0)
    assert '<h2 id="fls-mine-notater-fra-kurset-h">Mine notater fra kurset</h2>' in own
    assert own.count("<tr>") == 1 + 3  # the header row and three statements
    assert "1.C1" in own
    assert "&lt;img src=x onerror=alert(1)&gt; glemte &lt;b&gt;alt&lt;/b&gt;" in own
    assert "<img src=x" not in html
    assert "<b>alt</b>" not in html
    # The section comes before the closing note, after the report's own sections.
    mine = html.index('class="fls-section fls-mine-notater-fra-kurset"')
    assert html.index('class="fls-section fls-development"') < mine
    assert mine < html.index('<aside class="fls-note">')
