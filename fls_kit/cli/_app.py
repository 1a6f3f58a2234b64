"""`fls-kit app`: the participant app (the assessment notebook in Voilà, no code shown)."""

from __future__ import annotations

from pathlib import Path

import click

from fls_kit._i18n import t
from fls_kit.cli._common import lang_option, main, settings, store_option


@main.command()
@store_option
@lang_option
@click.option("--port", default=8866, show_default=True, help="Porten appen lytter på.")
@click.option(
    "--ip",
    default="127.0.0.1",
    show_default=True,
    help="Adressen appen lytter på. Bruk 0.0.0.0 for å slippe inn deltakere på samme nettverk.",
)
@click.option("--no-browser", is_flag=True, help="Ikke åpne nettleseren på denne maskinen.")
@click.option(
    "--notebook",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Notatboken som vises (standard: notebooks/03_kartlegging.ipynb).",
)
def app(
    store: str | None,
    lang: str | None,
    port: int,
    ip: str,
    no_browser: bool,
    notebook: Path | None,
) -> None:
    """Start deltakerappen: kartleggingsskjemaet i nettleseren, uten kode.

    Hver deltaker får sin egen økt og ser bare sine egne svar. Stopp med Ctrl+C.
    """
    from fls_kit.app import NOTEBOOK, check_store, participant_url, run_app

    conf = settings(store=store, lang=lang)
    check_store(str(conf.store))
    click.echo(t("cli.app.store", conf.lang, store=conf.store))
    click.echo(t("cli.app.open", conf.lang, url=participant_url(ip, port)))
    code = run_app(
        port=port,
        ip=ip,
        browser=not no_browser,
        notebook=notebook or NOTEBOOK,
        settings=conf,
    )
    raise SystemExit(code)
