"""`fls-kit export curriculum` and `fls-kit import curriculum`: the course map as a workbook."""

from __future__ import annotations

from pathlib import Path

import click

from fls_kit._i18n import t
from fls_kit.cli._common import export_group, import_group, lang_option, settings, store_option


@export_group.command(name="curriculum")
@click.option(
    "--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="Excel-filen som skal skrives (.xlsx).",
)  # fmt: skip
@click.option(
    "--course", default=None, metavar="ID", help="Kurs-id (trengs når lageret har flere kurs)."
)
@click.option("--template", is_flag=True, help="Skriv en tom mal i stedet for et lagret kurs.")
@store_option
@lang_option
def export_curriculum_cmd(
    out: Path, course: str | None, template: bool, store: str | None, lang: str | None
) -> None:
    """Skriv et kurskart (moduler og kartlegging) til en Excel-fil."""
    from fls_kit.curriculum import export_curriculum, write_template
    from fls_kit.framework import load_framework
    from fls_kit.store import open_store

    conf = settings(store=store, lang=lang)
    fw = load_framework(conf.framework or None)
    if template:
        path = write_template(out, fw)
        click.echo(t("curriculum.cli.template", conf.lang, path=path))
        return
    with open_store(conf.store, framework=fw) as st:
        path = export_curriculum(st, out, course)
    click.echo(t("curriculum.cli.exported", conf.lang, path=path))


@import_group.command(name="curriculum")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--course", default=None, metavar="ID", help="Bruk denne kurs-id-en (ellers arket «Kurs»)."
)
@store_option
@lang_option
def import_curriculum_cmd(
    file: Path, course: str | None, store: str | None, lang: str | None
) -> None:
    """Les inn et utfylt kurskart (Excel). Ved feil lagres ingenting."""
    from fls_kit.curriculum import import_curriculum
    from fls_kit.framework import load_framework
    from fls_kit.store import open_store

    conf = settings(store=store, lang=lang)
    fw = load_framework(conf.framework or None)
    with open_store(conf.store, framework=fw) as st:
        cur = import_curriculum(st, file, course_id=course)
    click.echo(
        t("curriculum.cli.imported", conf.lang, title=cur.title, course=cur.course_id,
          modules=len(cur.modules), links=len(cur.links))
    )  # fmt: skip
