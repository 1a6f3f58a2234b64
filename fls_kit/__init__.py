"""fls-kit: the FFN Secondary Fragility Fracture Prevention Competency Framework in Jupyter.

    import fls_kit
    fw = fls_kit.load_framework()

The subsystems are subpackages: `framework`, `store`, `ratings`, `scoring`, `curriculum`,
`results`, `reports`, `app`, `widgets`, `interop`, `cli`; `privacy` holds the small-group rule.
This module re-exports the framework loader and the exception tree. The framework names are
loaded on first use (pandas is not light), so that `import fls_kit` stays cheap for papermill's
engine entry point and the command line.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from fls_kit.errors import (
    ConfigError,
    CurriculumImportError,
    FlsKitError,
    FrameworkError,
    InputError,
    Problem,
    RatingsImportError,
    ReportError,
    StoreError,
)

if TYPE_CHECKING:
    from fls_kit.framework import Framework, Statement, load_framework

__version__ = "0.1.0"

_LAZY = {"Framework", "Statement", "load_framework"}

__all__ = [
    "ConfigError",
    "CurriculumImportError",
    "FlsKitError",
    "Framework",
    "FrameworkError",
    "InputError",
    "Problem",
    "RatingsImportError",
    "ReportError",
    "Statement",
    "StoreError",
    "__version__",
    "load_framework",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module("fls_kit.framework"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
