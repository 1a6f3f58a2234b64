"""Shared machinery of the report content: the jinja2 environment and the formatter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd
from markupsafe import Markup

from fls_kit import scoring
from fls_kit._i18n import t

TEMPLATES = Path(__file__).resolve().parent / "_templates"
ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,  # names, notes and titles are data: always escaped
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
MONTHS_NB = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
             "september", "oktober", "november", "desember"]  # fmt: skip


class Fmt:
    """Numbers, dates, levels and texts in the report's language."""

    def __init__(self, lang: str, fw: Any, scale: Any = None) -> None:
        self.lang = lang
        self.fw = fw
        self.scale = scale

    def t(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)

    def pct(self, share: float | None) -> str:
        if share is None or pd.isna(share):
            return "–"
        return f"{share:.0%}".replace("%", "\u00a0%") if self.lang == "nb" else f"{share:.0%}"

    def num(self, value: float | None, digits: int = 1) -> str:
        if value is None or pd.isna(value):
            return "–"
        text = f"{value:+.{digits}f}" if digits else f"{value:.0f}"
        return text.replace(".", ",").replace("-", "−") if self.lang == "nb" else text

    def hours(self, value: float) -> str:
        text = f"{value:g}"
        return text.replace(".", ",") if self.lang == "nb" else text

    def date(self, value: Any) -> str:
        # pd.NaT is a datetime too, so pd.isna comes first for it.
        if value is None or value is pd.NaT or (not isinstance(value, date) and pd.isna(value)):
            return ""
        day = pd.Timestamp(value).date()
        if self.lang == "nb":
            return f"{day.day}. {MONTHS_NB[day.month - 1]} {day.year}"
        return f"{day.day} {day.strftime('%B')} {day.year}"

    def level(self, code: str) -> str:
        """A level's name; "-" (not yet the first level) in words."""
        if code in self.fw.levels.index:
            return str(self.fw.levels.at[code, "name"])
        first = str(self.fw.levels["name"].iloc[0])
        return self.t("report.level.none", first=first)

    def domain(self, code: str) -> str:
        return f"{code} {self.fw.domains.at[code, 'title']}"

    def rating(self, value: Any, not_relevant: bool = False) -> str:
        if self.scale is None:
            return "" if value is None or pd.isna(value) else str(value)
        if not_relevant:
            return str(self.scale.label(None, self.lang, not_relevant=True))
        if value is None or pd.isna(value):
            return self.t("report.level.no_data")
        return str(self.scale.label(int(value), self.lang))

    @property
    def met(self) -> str:
        """The name of the scale's "met" value («Oppfylt»)."""
        return str(self.scale.label(self.scale.met_values[0], self.lang)) if self.scale else ""


def macro(template: str, name: str) -> Callable[..., Markup]:
    macro: Callable[..., Markup] = getattr(ENV.get_template(template).module, name)
    return macro


def fmt_for(d: Any) -> Fmt:
    """The formatter for a report's data (anything with lang, fw and scale)."""
    return Fmt(d.lang, d.fw, d.scale)


def rule_text(f: Fmt, rule: scoring.AttainmentRule) -> str:
    if rule.share >= 1:
        return f.t("report.rule.all", met=f.met)
    return f.t("report.rule.share", met=f.met, share=f.pct(rule.share))


def change_text(f: Fmt, steps: int) -> str:
    """ "↑ 1 nivå opp", "↓ 2 nivå ned" or "uendret"."""
    if steps > 0:
        return f.t("report.change.up", n=steps)
    if steps < 0:
        return f.t("report.change.down", n=-steps)
    return f.t("report.change.same")
