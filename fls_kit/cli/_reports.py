"""`fls-kit reports learners|cohort|curriculum`: HTML and PDF reports from the store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from fls_kit._i18n import t
from fls_kit.cli._common import FlsGroup, lang_option, main, settings, store_option

F = TypeVar("F", bound=Callable[..., Any])


@main.group(name="reports", cls=FlsGroup)
def reports_group() -> None:
    """Lag rapporter: én per deltaker, for kullet og for kurskartet (HTML og PDF)."""


def _common(func: F) -> F:
    options = [
        store_option,
        lang_option,
        click.option(
            "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
            default=Path("rapporter"), show_default=True,
            help="Mappe for rapportene (index.html lenker til alle).",
        ),
        click.option(
            "--format", "formats", default="html,pdf", show_default=True, metavar="html,pdf",
            help="Format: html, pdf eller begge.",
        ),
        click.option(
            "--workers", type=int, default=None, metavar="N",
            help="Rapporter som lages samtidig (0 = én per kjerne; standard: innstillingen).",
        ),
        click.option(
            "--timeout", type=click.IntRange(min=1), default=None, metavar="SEK",
            help="Maks sekunder per rapport (standard: innstillingen report_timeout).",
        ),
        click.option(
            "--scheduler", default=None, metavar="tcp://HOST:PORT",
            help="Kjør på en Dask-klynge i stedet for på denne maskinen.",
        ),
        click.option(
            "--force", is_flag=True, help="Lag rapportene på nytt selv om ingenting er endret."
        ),
        click.option(
            "--template", type=click.Path(dir_okay=False, path_type=Path), default=None,
            metavar="NOTEBOOK", help="Egen papermill-mal i stedet for den som følger med.",
        ),
    ]  # fmt: skip
    for option in reversed(options):
        func = option(func)
    return func


def _occasions(func: F) -> F:
    return click.option(
        "--occasion", "occasions", multiple=True, metavar="NAVN",
        help="Kartlegging som skal vises (kan gjentas; standard: alle).",
    )(func)  # fmt: skip


def _finish(result: Any, lang: str) -> None:
    """Print the summary; exit 1 when any report failed."""
    click.echo(result.summary(lang))
    if not result.ok:
        click.get_current_context().exit(1)


@reports_group.command("learners")
@click.option(
    "--learner", "learner_ids", multiple=True, metavar="ID",
    help="Bare denne deltakeren (kan gjentas; standard: alle).",
)  # fmt: skip
@_occasions
@_common
def learners(learner_ids: tuple[str, ...], occasions: tuple[str, ...], **kw: Any) -> None:
    """Én rapport per deltaker."""
    from fls_kit.reports import render_learner_reports

    conf = settings(store=kw.pop("store"), lang=kw.pop("lang"))
    result = render_learner_reports(
        conf.store, list(learner_ids) or None, occasions=list(occasions) or None,
        lang=conf.lang, progress=True, **kw,
    )  # fmt: skip
    _finish(result, conf.lang)


@reports_group.command("cohort")
@click.option("--cohort", default=None, metavar="NAVN", help="Kullet (standard: alle deltakere).")
@_occasions
@_common
def cohort(cohort: str | None, occasions: tuple[str, ...], **kw: Any) -> None:
    """Kullrapporten: bare anonyme tall, små grupper skjult."""
    from fls_kit.reports import render_cohort_report

    conf = settings(store=kw.pop("store"), lang=kw.pop("lang"))
    kw.pop("workers")
    result = render_cohort_report(
        conf.store, cohort, occasions=list(occasions) or None, lang=conf.lang, progress=True,
        **kw,
    )  # fmt: skip
    _finish(result, conf.lang)


@reports_group.command("curriculum")
@click.option("--course", default=None, metavar="ID", help="Kurset (standard: kurset i lageret).")
@_common
def curriculum(course: str | None, **kw: Any) -> None:
    """Kurskartet: dekning, hull og moduler."""
    from fls_kit.reports import render_curriculum_report

    conf = settings(store=kw.pop("store"), lang=kw.pop("lang"))
    kw.pop("workers")
    result = render_curriculum_report(conf.store, course, lang=conf.lang, progress=True, **kw)
    _finish(result, conf.lang)


def demo_reports(store: str, out_dir: Path, *, formats: str, workers: int | None) -> None:
    """`fls-kit demo`'s main job: every learner's report, each cohort's and the course's."""
    from fls_kit.reports import (
        render_cohort_report,
        render_curriculum_report,
        render_learner_reports,
    )
    from fls_kit.store import open_store

    conf = settings(store=store)
    with open_store(conf.store) as st:
        cohorts = st.cohorts()
    click.echo(t("cli.reports.folder", conf.lang, path=out_dir))
    results = [
        render_learner_reports(
            conf.store, out_dir=out_dir, formats=formats, workers=workers, progress=True
        )
    ]
    for name in cohorts:
        results.append(render_cohort_report(conf.store, name, out_dir=out_dir, formats=formats))
    results.append(render_curriculum_report(conf.store, out_dir=out_dir, formats=formats))
    failed = [r for res in results for r in res.failed]
    made = sum(len(res.made) for res in results)
    skipped = sum(len(res.skipped) for res in results)
    click.echo(t("reports.summary.done", conf.lang, ok=made, skipped=skipped, failed=len(failed)))
    for r in failed:
        click.echo(f"  {r.key}: {r.error}", err=True)
    index = results[-1].index
    click.echo(t("reports.summary.open", conf.lang, index=index))
    if failed:
        click.get_current_context().exit(1)
