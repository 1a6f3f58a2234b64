"""Scoring: profiles, level attainment, change, agreement and cohort aggregates.

Pure functions over tidy rating DataFrames (the shape `Store.ratings()` returns); no I/O. The
rules are explained in plain words in `docs/scoring.md` and in each function's docstring.
"""

from fls_kit.scoring._rules import (
    NOT_YET,
    OUTCOME_NOT_RELEVANT,
    OUTCOME_UNRATED,
    SELF,
    STATUSES,
    AttainmentRule,
    Change,
    PreparedRatings,
    agreement,
    agreement_pairs,
    attained_dtype,
    attained_levels,
    change,
    cohort_attainment,
    cohort_domains,
    cohort_statements,
    development_areas,
    prepare,
    profile,
    profile_wide,
    statement_status,
    strengths,
    weakest_statements,
)

__all__ = [
    "NOT_YET", "OUTCOME_NOT_RELEVANT", "OUTCOME_UNRATED", "SELF", "STATUSES", "AttainmentRule",
    "Change", "PreparedRatings", "agreement", "agreement_pairs", "attained_dtype",
    "attained_levels", "change", "cohort_attainment", "cohort_domains", "cohort_statements",
    "development_areas", "prepare", "profile", "profile_wide", "statement_status", "strengths",
    "weakest_statements",
]  # fmt: skip
