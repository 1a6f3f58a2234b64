"""Reports from papermill notebook templates: one per learner, one per cohort, one per course.

    from fls_kit.reports import render_learner_reports
    result = render_learner_reports("sqlite:///kurs.sqlite", out_dir="rapporter",
                                    formats=("html", "pdf"))
    print(result.summary())

The report notebooks themselves live in `templates/reports/`; what they import is the public
`fls_kit.reports.sections` module (`from fls_kit.reports import sections`; see
docs/reports.md, "Your own section"). `BatchOptions` is the value the `render_*` functions
build from their keyword arguments before checking them.

This `__init__` is a lazy registry: it imports nothing until a name is asked for, because
papermill imports it while loading its engine entry point (`fls_kit.reports:WarmEngine`), and
`import papermill` must stay light. `_PUBLIC` maps every public name to the private module
that holds it; `sections` is a public submodule, imported (with pandas) only when asked for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fls_kit.reports import sections
    from fls_kit.reports._options import BatchOptions
    from fls_kit.reports._papermill_engine import WarmEngine
    from fls_kit.reports._plan import BatchResult, ReportStatus
    from fls_kit.reports._render import (
        COHORT_TEMPLATE,
        CURRICULUM_TEMPLATE,
        LEARNER_TEMPLATE,
        render_cohort_report,
        render_curriculum_report,
        render_learner_reports,
    )

_PUBLIC = {
    "BatchOptions": "fls_kit.reports._options",
    "BatchResult": "fls_kit.reports._plan",
    "ReportStatus": "fls_kit.reports._plan",
    "COHORT_TEMPLATE": "fls_kit.reports._render",
    "CURRICULUM_TEMPLATE": "fls_kit.reports._render",
    "LEARNER_TEMPLATE": "fls_kit.reports._render",
    "render_cohort_report": "fls_kit.reports._render",
    "render_curriculum_report": "fls_kit.reports._render",
    "render_learner_reports": "fls_kit.reports._render",
    "WarmEngine": "fls_kit.reports._papermill_engine",
    "sections": "fls_kit.reports.sections",  # a submodule: the notebooks' API
}

__all__ = [
    "COHORT_TEMPLATE", "CURRICULUM_TEMPLATE", "LEARNER_TEMPLATE", "BatchOptions", "BatchResult",
    "ReportStatus", "WarmEngine", "render_cohort_report", "render_curriculum_report",
    "render_learner_reports", "sections",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name == "WarmEngine":
        # papermill first: importing it loads this entry point, which must find papermill's
        # `Engine` already defined (see `_papermill_engine`).
        importlib.import_module("papermill.engines")
    if module == f"{__name__}.{name}":
        return importlib.import_module(module)  # a submodule (`sections`)
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC])
