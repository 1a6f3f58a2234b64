"""Settings: defaults, then `fls-kit.toml` in the working folder, then FLS_KIT_* variables,
then command-line flags. Each value remembers where it came from (`fls-kit config show`).

Example fls-kit.toml:

    store = "sqlite:///kurs-2026.sqlite"
    lang = "nb"
    min_group_size = 5
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fls_kit._i18n import LANGS, t
from fls_kit.errors import ConfigError
from fls_kit.privacy import DEFAULT_MIN_GROUP_SIZE

CONFIG_FILE = "fls-kit.toml"
ENV_PREFIX = "FLS_KIT_"


def _lang(value: Any) -> str:
    if value not in LANGS:
        raise ValueError(f"{'/'.join(LANGS)}")
    return str(value)


def _positive_int(value: Any) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(">= 0")
    return number


def _text(value: Any) -> str:
    return str(value)


def _rule(value: Any) -> str:
    # Checked here so a typo in fls-kit.toml fails at start-up, not half-way through a batch.
    from fls_kit.scoring import AttainmentRule

    try:
        return str(AttainmentRule.parse(str(value)))
    except ConfigError as exc:
        raise ValueError(str(exc)) from None


@dataclass(frozen=True)
class Option:
    default: Any
    parse: Callable[[Any], Any]
    help_nb: str


OPTIONS: dict[str, Option] = {
    "store": Option("sqlite:///fls-kit.sqlite", _text, "Hvor vurderinger lagres (URL)"),
    "lang": Option("nb", _lang, "Språk: nb eller en"),
    "framework": Option("", _text, "Rammeverk (tom = FFN-rammeverket som følger med)"),
    "min_group_size": Option(
        DEFAULT_MIN_GROUP_SIZE, _positive_int, "Minste gruppestørrelse som vises i oversikter"
    ),
    "attainment_rule": Option("all", _rule, "Regel for oppnådd nivå: all eller share:0.8"),
    "workers": Option(0, _positive_int, "Parallelle rapporter (0 = antall kjerner)"),
    "report_timeout": Option(300, _positive_int, "Maks sekunder per rapport"),
}


@dataclass(frozen=True)
class Settings:
    """The settings in force, and for each the place it came from."""

    values: Mapping[str, Any]
    sources: Mapping[str, str]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def rows(self) -> list[tuple[str, Any, str]]:
        return [(k, self.values[k], self.sources[k]) for k in OPTIONS]


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    cwd: Path | None = None,
    environ: Mapping[str, str] | None = None,
    override_source: str = "flag",
) -> Settings:
    """Settings from defaults < fls-kit.toml < FLS_KIT_* < `overrides` (None values skipped)."""
    folder = cwd or Path.cwd()
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {k: o.default for k, o in OPTIONS.items()}
    sources: dict[str, str] = dict.fromkeys(OPTIONS, "default")

    path = folder / CONFIG_FILE
    if path.is_file():
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(t("config.bad_toml", "nb", file=path, reason=exc)) from None
        data = data.get("fls-kit", data)  # allow a [fls-kit] table or top-level keys
        for key, raw in data.items():
            if key not in OPTIONS:
                known = ", ".join(OPTIONS)
                raise ConfigError(t("config.unknown_key", "nb", file=path, key=key, known=known))
            values[key] = _parse(key, raw, str(path))
            sources[key] = str(path.name)

    for key in OPTIONS:
        name = ENV_PREFIX + key.upper()
        if name in env:
            values[key] = _parse(key, env[name], name)
            sources[key] = name

    for key, raw in (overrides or {}).items():
        if raw is None:
            continue
        if key not in OPTIONS:
            raise ConfigError(f"unknown setting {key!r}")
        flag = f"--{key.replace('_', '-')}"
        values[key] = _parse(key, raw, flag)
        sources[key] = flag if override_source == "flag" else override_source
    return Settings(values, sources)


def _parse(key: str, raw: Any, source: str) -> Any:
    try:
        return OPTIONS[key].parse(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            t("config.bad_value", "nb", source=source, value=raw, key=key, reason=exc)
        ) from None
