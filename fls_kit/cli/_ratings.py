"""`fls-kit import ratings` and `fls-kit export ratings`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from fls_kit._i18n import t
from fls_kit.cli._common import export_group, import_group, lang_option, settings, store_option

if TYPE_CHECKING:
    from fls_kit.config import Settings
    from fls_kit.store import Store


def _open(conf: Settings) -> Store:
    from fls_kit.framework import load_framework
    from fls_kit.store import open_store

    framework = load_framework(conf.framework) if conf.framework else None
    return open_store(conf.store, framework=framework)


@import_group.command(name="ratings")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--occasion", default=None, help="Anledning (f.eks. før eller etter) for rader uten.")
@click.option("--rater", default=None, help="Vurderer for rader uten (standard: self).")
@click.option(
    "--create-learners", is_flag=True,
    help="Legg inn ukjente deltakere (navn fra kolonnen «navn», ellers id-en).",
)  # fmt: skip
@click.option(
    "--mapping", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Koblingsfil (CSV: code,statement_id) fra skjemakoder til utsagn.",
)  # fmt: skip
@store_option
@lang_option
def import_ratings_command(
    file: Path, occasion: str | None, rater: str | None, create_learners: bool,
    mapping: Path | None, store: str | None, lang: str | None,
) -> None:  # fmt: skip
    """Les inn vurderinger fra CSV eller XLSX (lang, bred eller Nettskjema-eksport).

    Alt eller ingenting: finnes det feil i filen, lagres ingenting, og alle feilene vises.
    Samme fil to ganger lagrer ingenting nytt.
    """
    from fls_kit.ratings import import_ratings

    conf = settings(store=store, lang=lang)
    with _open(conf) as st:
        result = import_ratings(
            st, file, occasion=occasion, rater=rater, create_learners=create_learners,
            mapping=mapping, lang=conf.lang,
        )  # fmt: skip
    if result.ignored:
        click.echo(t("ratings.columns_ignored", conf.lang, columns=", ".join(result.ignored)))
    click.echo(
        t("ratings.summary", conf.lang, file=file.name, rows=result.rows_read,
          written=result.written, skipped=result.skipped, created=result.learners_created)
    )  # fmt: skip


@export_group.command(name="ratings")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx"]), default=None,
    help="Filformat (standard: ut fra filnavnet, ellers csv).",
)  # fmt: skip
@click.option("--wide", is_flag=True, help="Én rad per deltaker, én kolonne per utsagn.")
@click.option("--history", is_flag=True, help="Ta med tidligere vurderinger (bare lang form).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@store_option
@lang_option
def export_ratings_command(
    fmt: str | None, wide: bool, history: bool, out: Path, store: str | None, lang: str | None
) -> None:
    """Skriv vurderingene til CSV eller Excel (kan leses inn igjen)."""
    from fls_kit.ratings import export_ratings

    conf = settings(store=store, lang=lang)
    if wide and history:
        raise click.UsageError(t("cli.history_needs_long", conf.lang))
    with _open(conf) as st:
        count = export_ratings(st, out, fmt=fmt, wide=wide, lang=conf.lang, history=history)
    click.echo(t("ratings.exported", conf.lang, count=count, file=out))
