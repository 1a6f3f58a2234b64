"""Shared pieces of the `fls-kit` command: the groups, common options and error handling."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from fls_kit._i18n import t
from fls_kit.config import Settings, load_settings
from fls_kit.errors import FlsKitError, InputError

F = TypeVar("F", bound=Callable[..., Any])


class FlsGroup(click.Group):
    """A click group that turns our errors into a clear message and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as exc:
            click.echo(exc.text(ctx.meta.get("fls_lang", "nb")), err=True)
            ctx.exit(1)
        except FlsKitError as exc:
            lang = ctx.meta.get("fls_lang", "nb")
            click.echo(t("cli.error", lang, message=exc.text(lang)), err=True)
            ctx.exit(1)


def store_option(func: F) -> F:
    """`--store URL`: the one name every command that touches stored data uses."""
    return click.option(
        "--store",
        "store",
        metavar="URL",
        default=None,
        help="Lager (f.eks. sqlite:///kurs.sqlite eller postgresql://…). "
        "Standard: innstillingen «store».",
    )(func)


def lang_option(func: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["nb", "en"]),
        default=None,
        help="Språk / language (nb eller en).",
    )(func)


def settings(**flags: Any) -> Settings:
    """The settings in force for this command, with its flags applied last."""
    resolved = load_settings(flags)
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.find_root().meta["fls_lang"] = resolved.lang
    return resolved


@click.group(cls=FlsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fls-kit")
def main() -> None:
    """fls-kit: kompetanserammeverket for beinskjørhetsteam (FLS) i Jupyter.

    Kartlegging, kurskartlegging og rapporter per deltaker.
    """


@main.group(name="import", cls=FlsGroup)
def import_group() -> None:
    """Les inn data (vurderinger, kurskart, rammeverk)."""


@main.group(name="export", cls=FlsGroup)
def export_group() -> None:
    """Skriv ut data (CSV, Excel, Moodle, CASE)."""
