"""`fls-kit demo`: a fresh demo store with a synthetic cohort, and the main job on it."""

from __future__ import annotations

from pathlib import Path

import click

from fls_kit._i18n import t
from fls_kit.cli._common import main, settings


@main.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build/demo"),
    show_default=True,
    help="Mappe for demo-lageret og rapportene.",
)
@click.option("--store", default=None, metavar="URL", help="Lager (standard: OUT/demo.sqlite).")
@click.option(
    "--seed", default=2025, show_default=True, help="Tilfeldig frø: samme frø, samme data."
)
@click.option("--learners", "n_learners", default=40, show_default=True, help="Antall deltakere.")
@click.option(
    "--reports/--no-reports", default=True, show_default=True,
    help="Lag rapportene (deltakere, kull, kurskart) i OUT/rapporter.",
)  # fmt: skip
@click.option("--format", "formats", default="html,pdf", show_default=True, metavar="html,pdf")
@click.option("--workers", type=int, default=None, metavar="N", help="Rapporter samtidig.")
def demo(
    out_dir: Path, store: str | None, seed: int, n_learners: int, reports: bool, formats: str,
    workers: int | None,
) -> None:  # fmt: skip
    """Lag et nytt demo-lager med et oppdiktet kurs og rapportene for det.

    Omtrent 40 deltakere med vurderinger før og etter kurset, noen vurdert av veileder.
    """
    from fls_kit.demo import create_demo_store

    out_dir.mkdir(parents=True, exist_ok=True)
    if store is None:
        db = out_dir / "demo.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)  # a demo always starts afresh
        store = f"sqlite:///{db}"
    conf = settings(store=store)
    with create_demo_store(conf.store, seed=seed, n_learners=n_learners) as st:
        n = len(st.learners())
        ratings = len(st.ratings())
        fw = st.framework
    click.echo(t("cli.demo.store", conf.lang, store=conf.store))
    contents = t("cli.demo.contents", conf.lang, n=n, ratings=ratings, statements=len(fw),
                 title=fw.title)  # fmt: skip
    click.echo(f"  {contents}")
    if reports:
        from fls_kit.cli._reports import demo_reports

        demo_reports(conf.store, out_dir / "rapporter", formats=formats, workers=workers)
    click.echo(t("demo.next", conf.lang))
