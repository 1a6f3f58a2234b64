"""Snapshot tests of the learner report's HTML, section by section (great_tables style).

The demo cohort is deterministic, so a change in a snapshot is a change a learner would see in
their report: review the diff, then accept it with `FLS_KIT_UPDATE_SNAPSHOTS=1 pytest
tests/test_report_snapshots.py`. Charts are left out: their SVG depends on the matplotlib version.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from markupsafe import Markup

from fls_kit.reports import _learner_sections as rc
from fls_kit.reports._data import LearnerData, load_learner

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("FLS_KIT_UPDATE_SNAPSHOTS") == "1"
SECTIONS: dict[str, Callable[[LearnerData], Markup]] = {
    "header": rc.learner_header,
    "levels": rc.learner_levels,
    "strengths": rc.learner_strengths,
    "development": rc.learner_development,
    "change": rc.learner_change,
    "assessor": rc.learner_assessor,
    "recommendations": rc.learner_recommendations,
    "cohort": rc.learner_cohort,
}


@pytest.fixture(scope="module", params=["nb", "en"])
def learner_d001(request: pytest.FixtureRequest, demo_store_url: str) -> LearnerData:
    # D001 has self ratings before and after, an assessor's ratings and a cohort of 22.
    return load_learner(demo_store_url, "D001", occasions=["før", "etter"], lang=request.param)


@pytest.mark.parametrize("section", list(SECTIONS))
def test_learner_section_matches_snapshot(learner_d001: LearnerData, section: str) -> None:
    html = str(SECTIONS[section](learner_d001))
    path = SNAPSHOTS / f"learner-D001-{learner_d001.lang}-{section}.html"
    if UPDATE or not path.exists():
        path.write_text(html, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"new snapshot written to {path.name}: review it and run again")
    assert html == path.read_text(encoding="utf-8"), (
        f"{path.name} changed; review, then FLS_KIT_UPDATE_SNAPSHOTS=1 to accept"
    )
