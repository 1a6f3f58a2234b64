"""The `fls-kit` command: a thin layer over the library. Each job's commands live in their own
module; importing them here registers them on `main`."""

from fls_kit.cli import (  # noqa: F401  (registers commands)
    _app,
    _curriculum,
    _demo,
    _excel,
    _framework,
    _init,
    _interop,
    _ratings,
    _reports,
)
from fls_kit.cli._common import main

__all__ = ["main"]
