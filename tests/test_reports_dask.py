"""The same learner batch on a Dask cluster (`--scheduler tcp://HOST:PORT`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from fls_kit.cli import main
from fls_kit.demo import create_demo_store
from fls_kit.reports import render_learner_reports
from fls_kit.reports._files import safe_stem

pytestmark = pytest.mark.slow


def test_batch_runs_on_a_local_dask_cluster(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    with create_demo_store(url, n_learners=4) as st:
        names = dict(zip(st.learners()["learner_id"], st.learners()["name"], strict=True))
    out = tmp_path / "out"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", processes=True,
        dashboard_address=None,
    ) as cluster:  # fmt: skip
        result = render_learner_reports(url, out_dir=out, scheduler=cluster.scheduler_address)
        assert result.ok, result.summary()
        assert [r.status for r in result.reports] == ["ok"] * 4
        assert len(result.peak_kib) == 2  # both workers made reports, each with its kernel
        for learner_id, name in names.items():
            html = (out / f"{safe_stem(learner_id)}.html").read_text(encoding="utf-8")
            assert f"Kompetanserapport for {name}" in html

        # The command line takes the same route; nothing changed, so nothing is redone.
        run = CliRunner().invoke(main, [
            "reports", "learners", "--store", url, "--out", str(out), "--format", "html",
            "--scheduler", cluster.scheduler_address,
        ])  # fmt: skip
        assert run.exit_code == 0, run.output
        assert "0 laget, 4 uendret" in run.output
