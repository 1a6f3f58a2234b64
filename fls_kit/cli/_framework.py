"""`fls-kit framework` and `fls-kit config show`."""

from __future__ import annotations

import json

import click

from fls_kit._i18n import t
from fls_kit.cli._common import lang_option, main, settings, store_option

COLUMNS = ["domain", "level", "text"]


@main.command()
@lang_option
@click.option("--domain", default=None, help="Kompetanseområde, f.eks. 2 eller 3.3.")
@click.option("--level", default=None, help="Nivå: C, P eller E (eller navnet).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    help="Utdataformat.",
)
@click.option("--framework", "framework_source", default=None, help="Annet rammeverk (fil).")
def framework(
    lang: str | None,
    domain: str | None,
    level: str | None,
    fmt: str,
    framework_source: str | None,
) -> None:
    """Vis kompetanseutsagnene i rammeverket."""
    from fls_kit.framework import load_framework

    conf = settings(lang=lang, framework=framework_source)
    fw = load_framework(conf.framework or None, lang=conf.lang)
    # Say which codes exist: the user typed a code that is not one of them.
    if domain is not None and domain not in fw.domains.index:
        known = ", ".join(fw.domains.index)
        raise click.BadParameter(
            t("cli.unknown_domain", conf.lang, value=domain, known=known), param_hint="--domain"
        )
    try:
        rows = fw.filter(domain=domain, level=level)
    except KeyError:
        known = ", ".join(f"{c} ({name})" for c, name in fw.levels["name"].items())
        raise click.BadParameter(
            t("cli.unknown_level", conf.lang, value=level, known=known), param_hint="--level"
        ) from None
    table = rows[COLUMNS].astype(str)
    if fmt == "csv":
        click.echo(table.to_csv(), nl=False)
    elif fmt == "json":
        records = [{"id": i, **r} for i, r in table.to_dict(orient="index").items()]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        for sid, row in table.iterrows():
            click.echo(f"{sid:<8} {row['text']}")
        click.echo("\n" + t("cli.framework.count", conf.lang, n=len(table), title=fw.title))


@main.group(name="config")
def config_group() -> None:
    """Innstillinger."""


@config_group.command(name="show")
@store_option
@lang_option
def config_show(store: str | None, lang: str | None) -> None:
    """Vis innstillingene som gjelder, og hvor hver av dem kommer fra."""
    from fls_kit.config import OPTIONS

    conf = settings(store=store, lang=lang)
    width = max(len(k) for k in OPTIONS)
    for key, value, source in conf.rows():
        click.echo(f"{key:<{width}}  {value!s:<32}  ({source})")
