"""The warm kernel runs learner after learner: nothing of one may reach the next.

A special template first reports what it can see of earlier reports (a variable, a pandas
option, a matplotlib rcParam, the working folder, an environment variable, open figures, a
module-level cache in fls_kit), then renders the real learner report, then leaves all of those
changed behind it. Every report of a batch run in one kernel must see a clean kernel, and
must hold no other learner's name, id or notes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from fls_kit.demo import create_demo_store
from fls_kit.reports import LEARNER_TEMPLATE, render_learner_reports
from fls_kit.reports._files import safe_stem
from fls_kit.store import open_store

pytestmark = pytest.mark.slow

PROBE = """
import json, os, sys
import matplotlib as mpl
import pandas as pd
import fls_kit.reports._html as _html
seen = {
    "leftover": "left_behind" in globals(),
    "max_rows": pd.get_option("display.max_rows"),
    "linewidth": float(mpl.rcParams["lines.linewidth"]),
    "cwd": os.getcwd(),
    "env": os.environ.get("FLS_TEST_LEFTOVER"),
    "figures": len(sys.modules["matplotlib.pyplot"].get_fignums())
    if "matplotlib.pyplot" in sys.modules else 0,
    "cached": _html.cached_probe.cache_info().currsize
    if hasattr(_html, "cached_probe") else 0,
    "kernel": os.getpid(),
}
rc.show("<pre id='seen'>" + json.dumps(seen) + "</pre>")  # the template's `sections as rc`
"""

LITTER = """
import functools, os, tempfile
import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import fls_kit.reports._html as _html
left_behind = learner_id
pd.set_option("display.max_rows", 3)
mpl.rcParams["lines.linewidth"] = 7.0
os.chdir(tempfile.gettempdir())
os.environ["FLS_TEST_LEFTOVER"] = learner_id
plt.figure()
if not hasattr(_html, "cached_probe"):
    _html.cached_probe = functools.lru_cache(maxsize=None)(lambda key: key)
    _html.cached_probe.__module__ = "fls_kit.reports._html"
_html.cached_probe(learner_id)
"""


def _template(tmp_path: Path) -> Path:
    nb = nbformat.read(LEARNER_TEMPLATE, as_version=4)
    setup = 2  # markdown, parameters, setup, then the report's sections
    nb.cells.insert(setup + 1, nbformat.v4.new_code_cell(PROBE))
    nb.cells.append(nbformat.v4.new_code_cell(LITTER))
    path = tmp_path / "isolation.ipynb"
    nbformat.write(nb, path)
    return path


def test_each_report_starts_in_a_clean_kernel(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    with create_demo_store(url, n_learners=5) as st:
        learners = st.learners()
        for learner_id in learners["learner_id"]:  # a note only this learner wrote, on the
            # first statement of the lowest level, so it heads the development areas
            st.record_rating(learner_id, "1.C1", "etter", 0, note=f"Hemmelig notat {learner_id}")
    out = tmp_path / "out"
    result = render_learner_reports(url, out_dir=out, template=_template(tmp_path), workers=1)
    assert result.ok, result.summary()
    assert len(result.peak_kib) == 1  # one process, so one warm kernel for all five

    seen = {}
    pages = {}
    for learner_id in learners["learner_id"]:
        html = (out / f"{safe_stem(learner_id)}.html").read_text(encoding="utf-8")
        pages[learner_id] = html
        found = re.search(r"<pre id='seen'>(.*?)</pre>", html)
        assert found, learner_id
        seen[learner_id] = json.loads(found.group(1).replace("&quot;", '"'))

    first = seen[learners["learner_id"].iloc[0]]
    assert len({s["kernel"] for s in seen.values()}) == 1  # really the same kernel
    for learner_id, state in seen.items():
        assert state["leftover"] is False, learner_id
        assert state["max_rows"] == 60, learner_id  # pandas' default
        assert state["linewidth"] == 1.5, learner_id  # matplotlib's default
        assert state["cwd"] == first["cwd"], learner_id
        assert state["env"] is None, learner_id
        assert state["figures"] == 0, learner_id
        assert state["cached"] == 0, learner_id

    for learner_id, html in pages.items():
        own = learners.set_index("learner_id").at[learner_id, "name"]
        assert own in html
        assert f"Hemmelig notat {learner_id}" in html
        for other in learners.itertuples():
            if other.learner_id == learner_id:
                continue
            assert other.name not in html, (learner_id, other.name)
            assert other.learner_id not in html, (learner_id, other.learner_id)
            assert f"Hemmelig notat {other.learner_id}" not in html


def test_a_report_that_kills_its_kernel_does_not_take_the_next_one_down(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    create_demo_store(url, n_learners=3).close()
    nb = nbformat.read(LEARNER_TEMPLATE, as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell(
        'import os\nif learner_id == "D001":\n    os._exit(1)'
    ))  # fmt: skip
    nb.cells.insert(4, nbformat.v4.new_code_cell(
        'import time\nif learner_id == "D002":\n    time.sleep(60)'
    ))  # fmt: skip
    template = tmp_path / "crash.ipynb"
    nbformat.write(nb, template)
    result = render_learner_reports(
        url, out_dir=tmp_path / "out", template=template, workers=1, timeout=8
    )
    status = {r.key: r for r in result.reports}
    assert status["D001"].status == "failed"
    assert "stoppet uventet" in status["D001"].error
    assert status["D002"].status == "failed"
    assert "tidsavbrudd" in status["D002"].error
    assert status["D002"].cell == 4
    assert status["D003"].status == "ok"  # a fresh kernel took over
    with open_store(url) as st:
        assert len(st.learners()) == 3


def test_parallel_workers_each_keep_their_own_kernel(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    create_demo_store(url, n_learners=4).close()
    nb = nbformat.read(LEARNER_TEMPLATE, as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell(PROBE))
    template = tmp_path / "probe.ipynb"
    nbformat.write(nb, template)
    out = tmp_path / "out"
    result = render_learner_reports(url, out_dir=out, template=template, workers=2)
    assert result.ok, result.summary()
    kernels = set()
    for learner_id in ("D001", "D002", "D003", "D004"):
        html = (out / f"{safe_stem(learner_id)}.html").read_text(encoding="utf-8")
        found = re.search(r"<pre id='seen'>(.*?)</pre>", html)
        assert found, learner_id
        kernels.add(json.loads(found.group(1).replace("&quot;", '"'))["kernel"])
    # One warm kernel per worker process that made reports, not one per report.
    assert len(kernels) == len(result.peak_kib) < 4
