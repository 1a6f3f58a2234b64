"""`fls-kit export moodle`, `fls-kit export case` and `fls-kit import framework`."""

from __future__ import annotations

from pathlib import Path

import click

from fls_kit._i18n import t
from fls_kit.cli._common import export_group, import_group, lang_option, settings

_FRAMEWORK = click.option(
    "--framework",
    "framework_source",
    default=None,
    help="Annet rammeverk (fil eller mappe). Standard: innstillingen «framework».",
)
_OUT = click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Filen som skal skrives.",
)


@export_group.command(name="moodle")
@_OUT
@lang_option
@_FRAMEWORK
@click.option(
    "--no-translation",
    is_flag=True,
    default=False,
    help="Bare ett språk i beskrivelsene (uten oversettelsen i kursiv).",
)
def export_moodle(
    out: Path, lang: str | None, framework_source: str | None, no_translation: bool
) -> None:
    """Rammeverket som Moodle-CSV for kompetanser.

    I Moodle: Nettstedsadministrasjon > Kompetanser > Importer kompetanserammeverk, med
    skilletegn komma og tegnkoding UTF-8.
    """
    from fls_kit.framework import load_framework
    from fls_kit.interop import write_moodle

    conf = settings(lang=lang, framework=framework_source)
    fw = load_framework(conf.framework or None, lang=conf.lang)
    write_moodle(fw, out, lang=conf.lang, translation=not no_translation)
    click.echo(t("interop.written", conf.lang, file=out, count=len(fw), lang=conf.lang))


@export_group.command(name="case")
@_OUT
@lang_option
@_FRAMEWORK
@click.option(
    "--base-uri",
    default=None,
    metavar="URL",
    help="Grunnadresse for uri-feltene (standard: urn:uuid:<identifikator>).",
)
def export_case(
    out: Path, lang: str | None, framework_source: str | None, base_uri: str | None
) -> None:
    """Rammeverket som 1EdTech CASE 1.1-pakke (JSON). --lang en gir den engelske
    oversettelsen, koblet til den norske med isTranslationOf."""
    from fls_kit.framework import load_framework
    from fls_kit.interop import write_case

    conf = settings(lang=lang, framework=framework_source)
    fw = load_framework(conf.framework or None, lang=conf.lang)
    write_case(fw, out, conf.lang, base_uri=base_uri)
    click.echo(t("interop.written", conf.lang, file=out, count=len(fw), lang=conf.lang))


@import_group.command(name="framework")
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@lang_option
def import_framework(file: Path, lang: str | None) -> None:
    """Les og kontroller et rammeverk: Excel-/CSV-mal, Moodle-CSV eller CASE-JSON.

    Viser tittel og antall utsagn per kompetanseområde og nivå; feil vises med fil, rad og
    felt.
    """
    from fls_kit.framework import load_framework

    conf = settings(lang=lang)
    fw = load_framework(file, lang=conf.lang)
    levels = ", ".join(f"{code} {row['name']}" for code, row in fw.levels.iterrows())
    click.echo(
        t(
            "interop.summary",
            conf.lang,
            title=fw.title,
            count=len(fw),
            domains=len(fw.domain_codes()),
            levels=levels,
        )
    )
    click.echo(fw.counts().to_string())
    click.echo(t("interop.valid", conf.lang, file=file))
