"""`BatchOptions`: what a batch of reports was asked for, before anything is checked.

A plain frozen value (no heavy imports: `fls_kit.reports` hands it out lazily). The `render_*`
functions build one from their keyword arguments; `_plan.prepare(options)` checks it against
the settings (fls-kit.toml, FLS_KIT_* variables) and makes the `Plan` a batch runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["BatchOptions"]


@dataclass(frozen=True)
class BatchOptions:
    """The options of one batch of reports; None means "the setting" (fls-kit.toml, env).

    `template`: the papermill notebook (None: the report's bundled template). `formats`:
    "html", "pdf", "html,pdf" or a sequence of them. `workers`: parallel reports (0 = one per
    core). `timeout`: seconds per report. `scheduler`: a Dask scheduler address, or None for
    this machine. `progress`: a progress bar on stderr. `force`: remake unchanged reports.
    """

    store: str | None = None
    out_dir: str | Path = "rapporter"
    formats: str | Sequence[str] = ("html",)
    lang: str | None = None
    framework: str | None = None
    min_group_size: int | None = None
    workers: int | None = None
    timeout: int | None = None
    scheduler: str | None = None
    template: str | Path | None = None
    progress: bool = False
    force: bool = False
