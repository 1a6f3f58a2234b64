"""`fls-kit init DIR`: a working folder with the notebooks, settings and next steps."""

from __future__ import annotations

from pathlib import Path

import click

from fls_kit._i18n import t
from fls_kit.cli._common import lang_option, main, settings


@main.command(name="init")
@click.argument(
    "folder", type=click.Path(file_okay=False, path_type=Path), default=Path(), required=False
)
@click.option("--force", is_flag=True, help="Skriv over filer du har endret i mappen.")
@lang_option
def init(folder: Path, force: bool, lang: str | None) -> None:
    """Lag en arbeidsmappe: notatbøkene, fls-kit.toml og LES-MEG.md med neste steg.

    Filer du har endret, skrives aldri over uten --force. Å kjøre kommandoen på nytt er trygt.
    """
    from fls_kit.app import init_workspace

    conf = settings(lang=lang)
    result = init_workspace(folder, force=force, lang=conf.lang)
    if not result.changed and not result.kept:
        click.echo(t("init.noop", conf.lang, folder=folder))
        return
    click.echo(t("init.done", conf.lang, folder=folder))
    for name in result.made:
        click.echo(t("init.made", conf.lang, file=name))
    for name in result.replaced:
        click.echo(t("init.replaced", conf.lang, file=name))
    for name in result.kept:
        click.echo(t("init.kept", conf.lang, file=name))
    if result.unchanged:
        click.echo(t("init.unchanged", conf.lang, count=len(result.unchanged)))
    if folder.resolve() == Path.cwd().resolve():
        click.echo(t("init.next_here", conf.lang))
    else:
        click.echo(t("init.next", conf.lang, folder=folder))
