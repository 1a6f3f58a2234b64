"""`fls-kit export excel`: the results workbook (cohort levels, statements, every rating)."""

from __future__ import annotations

from pathlib import Path

import click

from fls_kit._i18n import t
from fls_kit.cli._common import export_group, lang_option, settings, store_option


@export_group.command(name="excel")
@click.option(
    "--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="Excel-filen som skal skrives (.xlsx).",
)  # fmt: skip
@click.option("--cohort", default=None, metavar="KULL", help="Bare deltakerne i dette kullet.")
@click.option(
    "--occasion",
    default=None,
    metavar="ANLEDNING",
    help="Bare denne anledningen (f.eks. før). Standard: «Kohort» viser den siste, de andre "
    "arkene alle.",
)
@click.option("--per-learner", is_flag=True, help="Også ett ark per deltaker.")
@lang_option
@store_option
def export_excel(
    out: Path,
    cohort: str | None,
    occasion: str | None,
    per_learner: bool,
    lang: str | None,
    store: str | None,
) -> None:
    """Resultatene som Excel-arbeidsbok: nivå per deltaker og kompetanseområde («Kohort»),
    andeler per utsagn («Utsagn») og alle vurderinger («Vurderinger»).

    Grupper mindre enn innstillingen min_group_size (5) vises ikke i «Utsagn».
    """
    from fls_kit.framework import load_framework
    from fls_kit.results import ResultsInput, write_results_workbook
    from fls_kit.store import open_store

    conf = settings(store=store, lang=lang)
    fw = load_framework(conf.framework or None)
    with open_store(conf.store, framework=fw) as st:
        data = ResultsInput.from_store(st, cohort, conf.lang)
        path = write_results_workbook(
            data, out, occasion=occasion, lang=conf.lang, per_learner=per_learner,
            min_group_size=conf.min_group_size, rule=conf.attainment_rule,
        )  # fmt: skip
    ratings = data.ratings
    if occasion is not None:
        ratings = ratings.loc[ratings["occasion"] == occasion]
    click.echo(
        t("excel.written", conf.lang, file=path, learners=len(data.learners),
          ratings=len(ratings))
    )  # fmt: skip
