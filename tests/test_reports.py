"""Per-learner, cohort and curriculum reports: what an educator and a learner would notice.

Escaping of names and notes (HTML and PDF), safe file names for any learner id, atomic
writes, one failing report not stopping the batch, reruns that skip unchanged reports, the
index page, and a PDF that renders. Batches run in this process (workers=1) to keep the
number of kernels down; tests/test_report_isolation.py covers the warm kernel itself.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner
from conftest import require

from fls_kit._files import atomic_write
from fls_kit.cli import main
from fls_kit.demo import create_demo_store
from fls_kit.errors import ConfigError
from fls_kit.reports import (
    LEARNER_TEMPLATE,
    render_cohort_report,
    render_curriculum_report,
    render_learner_reports,
)
from fls_kit.reports._files import inside, safe_stem
from fls_kit.store import open_store

EVIL_NAME = '<script>alert("x")</script>'
EVIL_NOTE = "<img src=x onerror=alert(1)> bevis"
NASTY_IDS = [
    "../x",
    "a b",
    "æøå",
    "x" * 300,
    "CON",
    "!!!",
    "lpt1",
    "Ola",
    "ola",
    "..",
    "/etc/passwd",
]


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Six demo learners, plus one with a hostile name and note, and learners with nasty ids."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reports') / 'store.sqlite'}"
    with create_demo_store(url, n_learners=6) as st:
        st.add_learner("EVIL", EVIL_NAME, cohort="FLS-kurs Bergen vår 2026")
        st.record_rating("EVIL", "1.C1", "før", 2, note=EVIL_NOTE)
        st.record_rating("EVIL", "1.C2", "før", 1)
        for i, nasty in enumerate(NASTY_IDS):
            st.add_learner(nasty, f"Nasty {i}")
            st.record_rating(nasty, "1.C1", "før", 1)
    return url


def test_safe_stems_are_plain_unique_and_short() -> None:
    stems = [safe_stem(key) for key in [*NASTY_IDS, "", " ", "\x00", "Åse Ødegård"]]
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) for s in stems), stems
    assert len(set(stems)) == len(stems)  # "Ola" and "ola", "../x" and "x" differ
    assert max(len(s) for s in stems) <= 40 + 1 + 8 + 2
    assert safe_stem("CON").startswith("con-x-")
    assert safe_stem("lpt1").startswith("lpt1-x-")
    assert safe_stem("!!!").startswith("x-")  # empty after cleaning
    assert safe_stem("Åse Ødegård").startswith("aase-oedegaard-")
    with pytest.raises(ValueError, match="plain file name"):
        inside(Path("/tmp"), "../x.html")


def test_atomic_write_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "rapport.html"
    atomic_write(target, b"old report")

    def crash(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", crash)  # the crash comes after half the bytes are out
    with pytest.raises(OSError, match="No space"):
        atomic_write(target, b"new report " * 10_000)
    assert target.read_bytes() == b"old report"  # the old version, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.html"]  # no temp file left


@pytest.mark.slow
def test_names_and_notes_are_escaped_in_html_and_pdf(store_url: str, tmp_path: Path) -> None:
    if not shutil.which("pdftotext"):
        require("pdftotext (poppler-utils) is not installed")
    result = render_learner_reports(
        store_url, ["EVIL"], out_dir=tmp_path, formats="html,pdf", workers=1
    )
    assert result.ok, result.summary()
    html = (tmp_path / f"{safe_stem('EVIL')}.html").read_text(encoding="utf-8")
    assert EVIL_NAME not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(" in html  # shown as text, in the heading and the title
    assert re.search(r"<title>[^<]*&lt;script&gt;", html)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    text = subprocess.run(
        ["pdftotext", str(tmp_path / f"{safe_stem('EVIL')}.pdf"), "-"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert EVIL_NAME in text  # the reader sees the name as typed, not a script
    assert "<img src=x onerror=alert(1)>" in text
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert EVIL_NAME not in index
    assert "&lt;script&gt;" in index


@pytest.mark.slow
def test_nasty_ids_stay_inside_the_out_folder(store_url: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = render_learner_reports(store_url, NASTY_IDS, out_dir=out, workers=1)
    assert result.ok, result.summary()
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # nothing written beside it
    written = sorted(p.name for p in out.rglob("*"))
    assert all(p.parent == out for p in out.rglob("*"))
    html = [n for n in written if n.endswith(".html") and n != "index.html"]
    assert len(html) == len(NASTY_IDS)
    assert all(re.fullmatch(r"[a-z0-9-]+\.html", n) for n in html)
    assert not Path("/etc/passwd.html").exists()


def _failing_template(tmp_path: Path, learner_id: str) -> tuple[Path, int]:
    nb = nbformat.read(LEARNER_TEMPLATE, as_version=4)
    cell = nbformat.v4.new_code_cell(
        f'if learner_id == "{learner_id}":\n    raise RuntimeError("kaputt for denne")'
    )
    index = 4
    nb.cells.insert(index, cell)
    path = tmp_path / "failing.ipynb"
    nbformat.write(nb, path)
    return path, index


@pytest.mark.slow
def test_one_failing_report_does_not_stop_the_others(store_url: str, tmp_path: Path) -> None:
    template, cell = _failing_template(tmp_path, "D002")
    out = tmp_path / "out"
    args = ["reports", "learners", "--store", store_url, "--out", str(out), "--format",
            "html", "--workers", "1", "--template", str(template)]  # fmt: skip
    for learner in ("D001", "D002", "D003"):
        args += ["--learner", learner]
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 1, run.output
    assert "2 laget" in run.output
    assert "1 feilet" in run.output
    table = run.output.split("Disse rapportene feilet:")[1]
    assert re.search(rf"D002\s+{cell}\s+RuntimeError: kaputt for denne", table), table
    assert (out / f"{safe_stem('D001')}.html").exists()
    assert (out / f"{safe_stem('D003')}.html").exists()
    assert not (out / f"{safe_stem('D002')}.html").exists()
    manifest = json.loads((out / ".fls-reports.json").read_text())
    failed = manifest["reports"][safe_stem("D002")]
    assert failed["status"] == "failed"
    assert failed["cell"] == cell
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Feilet: RuntimeError: kaputt for denne" in index


@pytest.mark.slow
def test_rerun_skips_unchanged_reports(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    create_demo_store(url, n_learners=3).close()
    out = tmp_path / "out"
    first = render_learner_reports(url, out_dir=out, workers=1)
    assert [r.status for r in first.reports] == ["ok"] * 3
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.html") if p.name != "index.html"}

    second = render_learner_reports(url, out_dir=out, workers=1)
    assert [r.status for r in second.reports] == ["skipped"] * 3
    assert {n: (out / n).stat().st_mtime_ns for n in stamps} == stamps

    with open_store(url) as st:
        st.record_rating("D002", "1.C1", "etter", 0, note="ny vurdering")
    (out / f"{safe_stem('D003')}.html").unlink()  # a deleted report is made again too
    third = render_learner_reports(url, out_dir=out, workers=1)
    assert {r.key: r.status for r in third.reports} == {
        "D001": "skipped", "D002": "ok", "D003": "ok",
    }  # fmt: skip

    forced = render_learner_reports(url, ["D001"], out_dir=out, workers=1, force=True)
    assert [r.status for r in forced.reports] == ["ok"]


@pytest.mark.slow
def test_index_links_every_report_and_pdf_renders(store_url: str, tmp_path: Path) -> None:
    if not shutil.which("pdftoppm"):
        require("pdftoppm (poppler-utils) is not installed")
    learners = render_learner_reports(
        store_url, ["D001", "D004"], out_dir=tmp_path, formats="html,pdf", workers=1
    )
    cohort = render_cohort_report(store_url, out_dir=tmp_path, formats="pdf")
    course = render_curriculum_report(store_url, out_dir=tmp_path, formats="html")
    assert learners.ok
    assert cohort.ok
    assert course.ok
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="([^"]+)"', index))
    files = {p.name for p in tmp_path.iterdir() if p.suffix in {".html", ".pdf"}} - {"index.html"}
    assert links == files
    assert len(files) == 2 * 2 + 1 + 1
    assert '<html lang="nb">' in index
    assert 'font-family: "DejaVu Sans"' in index  # the stylesheet is not escaped like data
    pdf = tmp_path / f"{safe_stem('D001')}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    page = next(tmp_path.glob("page*.png"))
    assert page.stat().st_size > 5_000  # a page with content, not a blank one
    artifacts = Path(__file__).resolve().parents[1] / "test-artifacts" / "reports"
    artifacts.mkdir(parents=True, exist_ok=True)
    shutil.copy(page, artifacts / "learner-page1.png")


@pytest.mark.slow
def test_english_report(store_url: str, tmp_path: Path) -> None:
    result = render_learner_reports(store_url, ["D001"], out_dir=tmp_path, lang="en", workers=1)
    assert result.ok, result.summary()
    html = (tmp_path / f"{safe_stem('D001')}.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    assert "Competency report for" in html
    assert "Development areas" in html
    assert "Kompetanserapport" not in html


def test_parameters_are_checked_before_anything_runs(store_url: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(ConfigError, match="ukjente deltakere: 'NOBODY'"):
        render_learner_reports(store_url, ["D001", "NOBODY"], out_dir=out)
    assert not any(out.glob("*.html"))
    with pytest.raises(ConfigError, match="ukjent format «docx»"):
        render_learner_reports(store_url, ["D001"], out_dir=out, formats="html,docx")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigError, match="kan ikke skrive til mappen"):
        render_learner_reports(store_url, ["D001"], out_dir=blocker / "sub")
    with pytest.raises(ConfigError, match="ukjente kartlegginger: midtveis"):
        render_learner_reports(store_url, ["D001"], out_dir=out, occasions=["før", "midtveis"])
    run = CliRunner().invoke(
        main, ["reports", "learners", "--store", store_url, "--out", str(out), "--learner", "X?"]
    )
    assert run.exit_code == 1
    assert "ukjente deltakere: 'X?'" in run.output
    assert not any(out.glob("*.html"))
