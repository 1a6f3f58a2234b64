"""fls-kit: the FFN Secondary Fragility Fracture Prevention Competency Framework in Jupyter."""

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
from fls_kit.framework import Framework, Statement, load_framework

__version__ = "0.1.0"

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
