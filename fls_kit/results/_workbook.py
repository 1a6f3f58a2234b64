"""The results workbook: where a cohort stands, statement by statement, and every rating.

    write_results_workbook(store, "resultater.xlsx")                  # the latest occasion
    write_results_workbook(store, "før.xlsx", occasion="før", per_learner=True, lang="en")
    tables = results_tables(store, cohort="FLS-kurs Bergen vår 2026")  # sheet name -> DataFrame

Sheets (nb / en):
- «Kohort» / "Cohort": one row per learner, the attained level per competency domain at one
  occasion (the given one, else the latest with ratings), from the self-assessment, coloured
  by level;
- «Utsagn» / "Statements": per statement and occasion, how many learners gave a value, the
  shares met / partly / not yet, and how many said not relevant. Figures from groups smaller
  than `min_group_size` are hidden («–», «skjult (<5)») so nobody can be singled out;
- «Vurderinger» / "Ratings": every current rating (self and assessors);
- with `per_learner`, one sheet per learner: the self-assessment per statement and occasion.

Without `occasion`, «Utsagn», «Vurderinger» and the learner sheets cover every occasion;
with it, every sheet covers that occasion only. `results_tables` gives the tables, exactly
as the cells show them. They are built in `fls_kit.results._tables` (pure pandas over what
the store returns, `ResultsInput`) and laid out by `fls_kit.results._sheet` (openpyxl).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from fls_kit._i18n import LANGS
from fls_kit.config import load_settings
from fls_kit.results._sheet import ResultsSheet, write_workbook
from fls_kit.results._tables import ResultsInput, build_sheets
from fls_kit.scoring import AttainmentRule
from fls_kit.store import Store

__all__ = ["ResultsInput", "build_sheets", "results_tables", "write_results_workbook"]
PathLike = str | os.PathLike[str]


def write_results_workbook(
    store: Store | ResultsInput,
    path: PathLike,
    *,
    cohort: str | None = None,
    occasion: str | None = None,
    lang: str = "nb",
    per_learner: bool = False,
    min_group_size: int | None = None,
    rule: AttainmentRule | str | None = None,
) -> Path:
    """Write the results workbook to `path` (see the module text); returns the path.

    `store`: a Store, or a `ResultsInput` already read from one (then leave out `cohort`).
    `min_group_size` and `rule` default to the settings `min_group_size` (5) and
    `attainment_rule` ("all"). Raises StoreError for an unknown cohort or occasion.
    """
    sheets = _sheets(store, cohort, occasion, lang, per_learner, min_group_size, rule)
    title = "fls-kit: " + ("resultater" if lang == "nb" else "results")
    return write_workbook(Path(path), sheets, title=title + (f" – {cohort}" if cohort else ""))


def results_tables(
    store: Store | ResultsInput,
    *,
    cohort: str | None = None,
    occasion: str | None = None,
    lang: str = "nb",
    per_learner: bool = False,
    min_group_size: int | None = None,
    rule: AttainmentRule | str | None = None,
) -> dict[str, pd.DataFrame]:
    """The workbook's tables, sheet name -> DataFrame, in sheet order (nothing is written)."""
    sheets = _sheets(store, cohort, occasion, lang, per_learner, min_group_size, rule)
    return {s.name: s.frame for s in sheets}


def _sheets(
    store: Store | ResultsInput,
    cohort: str | None,
    occasion: str | None,
    lang: str,
    per_learner: bool,
    min_group_size: int | None,
    rule: AttainmentRule | str | None,
) -> list[ResultsSheet]:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    if min_group_size is None or rule is None:
        conf = load_settings()
        min_group_size = conf.min_group_size if min_group_size is None else min_group_size
        rule = conf.attainment_rule if rule is None else rule
    if isinstance(store, ResultsInput):
        if cohort is not None and cohort != store.cohort:
            raise ValueError("choose the cohort when making the ResultsInput")
        data = store
    else:
        data = ResultsInput.from_store(store, cohort, lang)
    return build_sheets(
        data, occasion=occasion, lang=lang, per_learner=per_learner,
        min_group_size=min_group_size, rule=AttainmentRule.parse(rule),
    )  # fmt: skip
