"""The warm report kernel's reset, in-process: what one report changes is gone for the next.

`fls_kit.reports._kernel_state` runs inside the warm kernel (see test_report_isolation.py for
the slow end-to-end check). Its `snapshot()`/`restore()` are plain functions, so here they run
in the test process: change each thing a report could change, restore, and check it is back.
"""

from __future__ import annotations

import functools
import gc
import os
import random
import sys
import types
import warnings
from collections.abc import Iterator
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest

from fls_kit.reports import _kernel_state as ks


@pytest.fixture
def snapshot_taken() -> Iterator[None]:
    """Each test calls `snapshot()` itself (pytest changes the environment between setup and
    call); afterwards the module's saved state, the frozen gc and the process are put back."""
    saved = dict(ks._SAVED)
    cwd = Path.cwd()
    environ = dict(os.environ)
    path = list(sys.path)
    with warnings.catch_warnings():
        try:
            yield
        finally:
            gc.unfreeze()
            os.chdir(cwd)
            os.environ.clear()
            os.environ.update(environ)
            sys.path[:] = path
            ks._SAVED.clear()
            ks._SAVED.update(saved)
            warnings.simplefilter("ignore")
            pd.reset_option("all")
            mpl.rcdefaults()


@pytest.mark.usefixtures("snapshot_taken")
def test_restore_puts_back_folder_environment_and_path(tmp_path: Path) -> None:
    ks.snapshot()
    cwd, environ, path = Path.cwd(), dict(os.environ), list(sys.path)
    os.chdir(tmp_path)
    os.environ["FLS_KIT_LEFT_BY_REPORT"] = "1"
    os.environ.pop("PATH", None)
    sys.path.insert(0, str(tmp_path))

    ks.restore()

    assert Path.cwd() == cwd
    assert dict(os.environ) == environ
    assert "FLS_KIT_LEFT_BY_REPORT" not in os.environ
    assert sys.path == path


@pytest.mark.usefixtures("snapshot_taken")
def test_restore_leaves_an_unchanged_environment_alone() -> None:
    ks.snapshot()
    environ = os.environ.copy()
    ks.restore()
    assert dict(os.environ) == dict(environ)


@pytest.mark.usefixtures("snapshot_taken")
def test_restore_puts_back_warning_filters() -> None:
    ks.snapshot()
    filters = list(warnings.filters)
    warnings.simplefilter("ignore")
    warnings.filterwarnings("error", message="left by a report")
    ks.restore()
    assert warnings.filters == filters


@pytest.mark.usefixtures("snapshot_taken")
def test_restore_puts_back_pandas_options_and_matplotlib() -> None:
    ks.snapshot()
    import matplotlib.pyplot as plt

    width = mpl.rcParams["lines.linewidth"]
    pd.set_option("display.max_rows", 3)
    pd.set_option("display.precision", 1)
    mpl.rcParams["lines.linewidth"] = width + 7
    mpl.rcParams["axes.titlesize"] = 31
    plt.figure()
    plt.figure()

    ks.restore()

    assert pd.get_option("display.max_rows") == 60
    assert pd.get_option("display.precision") == 6
    assert mpl.rcParams["lines.linewidth"] == width
    assert mpl.rcParams["axes.titlesize"] != 31
    assert plt.get_fignums() == []


@pytest.mark.usefixtures("snapshot_taken")
def test_restore_puts_back_the_random_generators() -> None:
    ks.snapshot()
    expected = random.random(), float(np.random.random())  # what the next report would draw
    ks.restore()
    random.seed(99)
    np.random.seed(99)
    random.random()

    ks.restore()

    assert (random.random(), float(np.random.random())) == expected


@pytest.mark.usefixtures("snapshot_taken")
def test_restore_empties_fls_kit_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    ks.snapshot()
    calls: list[str] = []
    probe = _module("fls_kit._probe", calls)
    monkeypatch.setitem(sys.modules, "fls_kit._probe", probe)
    probe.cached(1)
    assert probe.cached.cache_info().currsize == 1

    ks.restore()

    assert probe.cached.cache_info().currsize == 0
    assert calls == ["fls_kit._probe"]


def _module(name: str, calls: list[str]) -> types.ModuleType:
    """A module holding a `functools.cache` function and a `_clear_caches()` hook."""
    module = types.ModuleType(name)

    @functools.cache
    def cached(x: int) -> int:
        return x

    cached.__module__ = name
    module.cached = cached  # type: ignore[attr-defined]
    module._clear_caches = lambda: calls.append(name)  # type: ignore[attr-defined]
    return module


def test_clear_caches_counts_only_fls_kit_modules_and_their_own_caches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    ours = _module("fls_kit._probe", calls)
    # A cache imported from elsewhere belongs to its own module: not cleared through this one.
    foreign = _module("elsewhere", calls)
    ours.borrowed = foreign.cached  # type: ignore[attr-defined]
    lookalike = _module("fls_kitchen", calls)
    for module in (ours, foreign, lookalike):
        module.cached(1)  # type: ignore[attr-defined]
    before = ks.clear_caches()

    for module in (ours, foreign, lookalike):
        monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(sys.modules, "fls_kit._absent", None)  # a failed import leaves None

    assert ks.clear_caches() - before == 2  # the hook and the cache of fls_kit._probe
    assert calls == ["fls_kit._probe"]
    assert ours.cached.cache_info().currsize == 0  # type: ignore[attr-defined]
    assert foreign.cached.cache_info().currsize == 1
    assert lookalike.cached.cache_info().currsize == 1


def test_clear_caches_counts_from_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    only = {"fls_kit._probe": _module("fls_kit._probe", calls)}
    with monkeypatch.context() as m:
        m.setattr(sys, "modules", only)  # no import happens inside clear_caches()
        counted = ks.clear_caches()
    assert counted == 2
    m2 = {"elsewhere": _module("elsewhere", calls)}
    with monkeypatch.context() as m:
        m.setattr(sys, "modules", m2)
        assert ks.clear_caches() == 0


def test_clear_caches_handles_the_package_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    before = ks.clear_caches()
    monkeypatch.setitem(sys.modules, "fls_kit", _module("fls_kit", calls))
    assert ks.clear_caches() - before >= 1
    assert calls == ["fls_kit"]


def test_restore_before_snapshot_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ks, "_SAVED", {})
    with pytest.raises(RuntimeError, match=r"^snapshot\(\) must run before restore\(\)$"):
        ks.restore()
