"""Runs *inside* a warm report kernel: remember a clean state once, put it back between reports.

`fls_kit.reports._warm_kernel` starts the kernel, imports this module and calls `snapshot()`
after the
warm-up imports; before every report it runs `%reset -f` and then `restore()`. What a report
changes in the places below is gone for the next learner:

- the user namespace (`%reset -f`: variables, imports, the Out cache);
- the working folder, environment variables, `sys.path` and warning filters;
- pandas options and matplotlib rcParams, and every open matplotlib figure;
- the random generators of `random` and numpy;
- module-level caches in fls_kit (every `functools.cache`/`lru_cache` in an fls_kit module,
  and any `_clear_caches()` a module defines).
"""

from __future__ import annotations

import gc
import os
import random
import sys
import warnings
from pathlib import Path
from typing import Any, cast

_SAVED: dict[str, Any] = {}


def snapshot() -> None:
    """Remember the state a fresh report should start from."""
    import matplotlib as mpl
    import numpy as np

    _SAVED.clear()
    _SAVED.update(
        cwd=str(Path.cwd()),
        environ=dict(os.environ),
        path=list(sys.path),
        filters=list(warnings.filters),
        rc=dict(mpl.rcParams),
        random=random.getstate(),
        np_random=np.random.get_state(),
    )
    # `%reset -f` ends with a full garbage collection; with pandas and matplotlib loaded that
    # costs a fifth of a second per report. Objects alive now (the warm-up imports) are moved
    # out of the collector's sight, so it only walks what reports create.
    gc.collect()
    gc.freeze()


def restore() -> None:
    """Put back the state `snapshot()` saw; the user namespace is reset by the caller."""
    if not _SAVED:
        raise RuntimeError("snapshot() must run before restore()")
    import matplotlib as mpl
    import numpy as np
    import pandas as pd

    os.chdir(_SAVED["cwd"])
    if dict(os.environ) != _SAVED["environ"]:
        os.environ.clear()
        os.environ.update(_SAVED["environ"])
    sys.path[:] = _SAVED["path"]
    cast(list[Any], warnings.filters)[:] = _SAVED["filters"]
    # Drop the "already warned once" caches, as the warnings module does on every change.
    warnings._filters_mutated()  # type: ignore[attr-defined]
    with warnings.catch_warnings():
        # Resetting "all" touches deprecated pandas options, which warn; that is no news here.
        warnings.simplefilter("ignore")
        pd.reset_option("all")
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close("all")
        mpl.rcParams.update(_SAVED["rc"])
    random.setstate(_SAVED["random"])
    np.random.set_state(_SAVED["np_random"])
    clear_caches()


def clear_caches() -> int:
    """Empty every module-level cache in fls_kit; return how many were cleared."""
    cleared = 0
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "fls_kit" or name.startswith("fls_kit.")):
            continue
        hook = getattr(module, "_clear_caches", None)
        if callable(hook):
            hook()
            cleared += 1
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__module__", None) == name:
                clear()
                cleared += 1
    return cleared
