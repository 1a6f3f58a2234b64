"""Accessibility of the HTML reports: axe-core in headless Chromium, no serious or critical
violations. axe-core comes from the npm registry (.ci/run installs it into build/node; or set
FLS_KIT_AXE_JS to an axe.min.js); Chromium is Debian's, driven by Playwright.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import require

from fls_kit.demo import create_demo_store
from fls_kit.reports import (
    render_cohort_report,
    render_curriculum_report,
    render_learner_reports,
)
from fls_kit.reports._files import safe_stem

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
AXE_PLACES = [ROOT / "build" / "node" / "node_modules" / "axe-core" / "axe.min.js"]


def axe_source() -> str:
    candidates = [Path(p) for p in [os.environ.get("FLS_KIT_AXE_JS", "")] if p] + AXE_PLACES
    for path in candidates:
        if path.is_file():
            return path.read_text(encoding="utf-8")
    require("axe-core is not installed (npm install --no-save --prefix build/node axe-core@4)")
    raise AssertionError("unreachable")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A learner report in each language, the cohort report and the curriculum report."""
    folder = tmp_path_factory.mktemp("a11y")
    url = f"sqlite:///{folder / 'store.sqlite'}"
    create_demo_store(url, n_learners=8).close()
    out = folder / "out"
    results = [
        render_learner_reports(url, ["D001"], out_dir=out, workers=1),
        render_learner_reports(url, ["D002"], out_dir=out / "en", lang="en", workers=1),
        render_cohort_report(url, out_dir=out),
        render_curriculum_report(url, out_dir=out),
    ]
    assert all(r.ok for r in results), [r.summary() for r in results]
    return {
        "learner": out / f"{safe_stem('D001')}.html",
        "learner_en": out / "en" / f"{safe_stem('D002')}.html",
        "cohort": results[2].reports[0].files[0],
        "curriculum": results[3].reports[0].files[0],
        "index": out / "index.html",
    }


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        require("no Chromium at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.mark.parametrize("name", ["learner", "learner_en", "cohort", "curriculum", "index"])
def test_no_serious_accessibility_violations(
    name: str, reports: dict[str, Path], browser: Any
) -> None:
    axe = axe_source()
    page = browser.new_page()
    try:
        page.goto(reports[name].as_uri())
        page.add_script_tag(content=axe)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    finally:
        page.close()
    bad = [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["html"][:120] for n in v["nodes"][:3]]}
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]  # fmt: skip
    assert not bad, json.dumps(bad, indent=1, ensure_ascii=False)
    # Landmarks and a proper outline, which axe only reports as "moderate".
    html = reports[name].read_text(encoding="utf-8")
    assert "<main" in html
    assert html.count("<h1") == 1
    assert "<title>" in html
