"""Where the files that ship with fls-kit live: framework data, templates and notebooks.

The repository's top-level `data/`, `templates/` and `notebooks/` are the source of truth. The
wheel carries them inside the package as `fls_kit/_bundled/<kind>/` (hatchling's
`force-include`, see pyproject.toml); a checkout and an editable install have no `_bundled`
folder and use the repository's own folders. Every module asks here, so both find the same files.
"""

from __future__ import annotations

import functools
from importlib.resources import files
from pathlib import Path
from typing import Literal

__all__ = ["Kind", "resource"]

Kind = Literal["data", "templates", "notebooks"]
KINDS: tuple[Kind, ...] = ("data", "templates", "notebooks")


@functools.cache
def _base(kind: Kind) -> Path:
    if kind not in KINDS:
        raise ValueError(f"unknown resource kind {kind!r}; one of {', '.join(KINDS)}")
    package = Path(str(files("fls_kit")))
    bundled = package / "_bundled" / kind
    if bundled.is_dir():
        return bundled
    return package.parent / kind


def resource(kind: Kind, *parts: str) -> Path:
    """The path of a shipped file or folder: `resource("templates", "reports", "learner.ipynb")`."""
    return _base(kind).joinpath(*parts)
