"""What a report reads from the store, and nothing more.

A learner report gets that learner's row and ratings, the course (modules and links, which are
no one's personal data) and the cohort's *aggregates* (`cohort_summary`), already suppressed
below the minimum group size. The batch runner computes the summary once per cohort and hands
it to every notebook as a parameter, so a report kernel never holds another learner's rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd

from fls_kit import privacy, scoring
from fls_kit._i18n import t
from fls_kit.framework import Framework, load_framework
from fls_kit.scales import Scale
from fls_kit.store import KNOWN_OCCASIONS, Store, open_store

SELF = "self"


def framework_for(framework: str, lang: str) -> Framework:
    """The framework a report uses: "" = the bundled FFN framework."""
    return load_framework(framework or None, lang=lang)


def known_occasions(store: Store, wanted: list[str]) -> pd.DataFrame:
    """The wanted occasions that the store knows, in the order asked for."""
    occ = store.occasions()
    occ = occ.loc[occ["occasion"].isin(wanted)].set_index("occasion")
    return occ.reindex([o for o in wanted if o in occ.index]).reset_index()


def _labels(occasions: pd.DataFrame, lang: str) -> dict[str, str]:
    """Occasion -> label; the store's own Norwegian labels of før/etter in the report's language."""
    out = {}
    for occasion, label in zip(occasions["occasion"], occasions["label"], strict=True):
        text = str(label) if isinstance(label, str) and label else str(occasion)
        default = KNOWN_OCCASIONS.get(str(occasion), ("",))[0]
        if lang != "nb" and text == default:
            text = t(f"form.occasion.{occasion}", lang)
        out[str(occasion)] = text
    return out


@dataclass
class LearnerData:
    """One learner's report inputs. Properties compute the scoring views on first use."""

    learner: dict[str, Any]
    ratings: pd.DataFrame
    occasions: pd.DataFrame  # occasion, label, date, position: the occasions asked for
    fw: Framework
    scale: Scale
    lang: str
    rule: scoring.AttainmentRule
    min_group_size: int
    modules: pd.DataFrame
    links: pd.DataFrame
    cohort: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.learner.get("name") or self.learner["learner_id"])

    def label(self, occasion: str) -> str:
        return _labels(self.occasions, self.lang).get(occasion, occasion)

    @cached_property
    def self_ratings(self) -> pd.DataFrame:
        rows = self.ratings
        keep = (rows["rater"] == SELF) & rows["occasion"].isin(self.occasions["occasion"])
        return rows.loc[keep]

    @cached_property
    def rated(self) -> list[str]:
        """The asked-for occasions this learner has self-rated, in order."""
        present = set(self.self_ratings["occasion"])
        return [o for o in self.occasions["occasion"] if o in present]

    @property
    def latest(self) -> str | None:
        return self.rated[-1] if self.rated else None

    @cached_property
    def attained(self) -> pd.DataFrame:
        return scoring.attained_levels(self.self_ratings, self.fw, self.rule, self.scale)

    @cached_property
    def wide(self) -> pd.DataFrame:
        return scoring.profile_wide(self.self_ratings, self.fw, self.scale)

    @cached_property
    def level_by(self) -> dict[tuple[str, str], str]:
        """(occasion, domain) -> attained level code ("-", "C", ...)."""
        a = self.attained
        return {
            (str(o), str(dm)): str(v)
            for o, dm, v in zip(a["occasion"], a["domain"], a["attained"], strict=True)
        }

    @cached_property
    def counts_by(self) -> dict[tuple[str, str, str], tuple[int, int, int]]:
        """(occasion, domain, level) -> (met, relevant, rated with a value)."""
        w = self.wide
        valued = w[[f"n_{v}" for v in self.scale.values]].sum(axis=1)
        return {
            (str(o), str(dm), str(lv)): (int(m), int(r), int(v))
            for o, dm, lv, m, r, v in zip(
                w["occasion"],
                w["domain"],
                w["level"],
                w["n_met"],
                w["n_relevant"],
                valued,
                strict=True,
            )
        }

    @cached_property
    def assessors(self) -> list[str]:
        rows = self.ratings.loc[self.ratings["occasion"].isin(self.occasions["occasion"])]
        return sorted(set(rows["rater"]) - {SELF})


def load_learner(
    store_url: str | None,
    learner_id: str,
    *,
    occasions: list[str],
    lang: str = "nb",
    framework: str = "",
    min_group_size: int = privacy.DEFAULT_MIN_GROUP_SIZE,
    attainment_rule: str = "all",
    cohort: dict[str, Any] | None = None,
) -> LearnerData:
    """Read one learner's report inputs from the store at `store_url`.

    `cohort` is the cohort summary the batch runner computed; without it (a notebook run by
    hand) it is computed here, and only the suppressed aggregates are kept.
    """
    fw = framework_for(framework, lang)
    with open_store(store_url, framework=fw) as store:
        learner = store.learner(learner_id)
        ratings = store.ratings(learner_id=learner_id)
        occ = known_occasions(store, list(occasions))
        if cohort is None:
            cohort = cohort_summary(
                store, learner.get("cohort"), list(occasions), fw,
                min_group_size=min_group_size, rule=attainment_rule,
            )  # fmt: skip
        data = LearnerData(
            learner=learner, ratings=ratings, occasions=occ, fw=fw, scale=store.scale,
            lang=lang, rule=scoring.AttainmentRule.parse(attainment_rule),
            min_group_size=min_group_size, modules=store.modules(), links=store.links(),
            cohort=cohort,
        )  # fmt: skip
    return data


def _number(value: Any) -> float | None:
    """A JSON- and papermill-safe number: NaN becomes None."""
    if value is None or pd.isna(value):
        return None
    number = float(value)
    return None if math.isnan(number) else round(number, 6)


def cohort_summary(
    store: Store,
    cohort: str | None,
    occasions: list[str],
    fw: Framework,
    *,
    min_group_size: int = privacy.DEFAULT_MIN_GROUP_SIZE,
    rule: str = "all",
    ratings: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """The cohort's anonymous aggregates for learner reports (plain, JSON-safe values).

    {"cohort", "n_learners", "n_by_occasion": {occasion: n}, "min_group_size", "suppressed",
    "share_met": {occasion: {domain: share|None}}, "levels": {occasion: {domain: {"-": share,
    "C": share, ...}|None}}}. Everything computed over fewer than `min_group_size` learners is
    None (`fls_kit.privacy`).
    """
    if ratings is None:
        ratings = store.ratings(cohort=cohort) if cohort else store.ratings()
    rows = ratings.loc[(ratings["rater"] == SELF) & ratings["occasion"].isin(occasions)]
    n = privacy.group_size(rows)
    by_occasion = privacy.group_sizes(rows, "occasion")
    out: dict[str, Any] = {
        "cohort": cohort or "",
        "n_learners": n,
        "n_by_occasion": {str(o): int(k) for o, k in by_occasion.items()},
        "min_group_size": int(min_group_size),
        "suppressed": privacy.is_too_small(n, min_group_size),
        "share_met": {},
        "levels": {},
    }
    if out["suppressed"] or rows.empty:
        return out
    cells = scoring.cohort_domains(rows, fw, min_group_size=min_group_size, scale=store.scale)
    for (occasion, domain), group in cells.groupby(["occasion", "domain"], observed=True):
        share: float | None = None
        if not group["suppressed"].any() and group["n_ratings"].sum() > 0:
            met = (group["share_met"] * group["n_ratings"]).sum()
            share = _number(met / group["n_ratings"].sum())
        out["share_met"].setdefault(str(occasion), {})[str(domain)] = share
    attained = scoring.cohort_attainment(
        rows, fw, rule=rule, min_group_size=min_group_size, scale=store.scale
    )
    for (occasion, domain), group in attained.groupby(["occasion", "domain"], observed=True):
        shares = None
        if not group["suppressed"].any():
            shares = {str(a): _number(s) for a, s in zip(group["attained"], group["share"],
                                                          strict=True)}  # fmt: skip
        out["levels"].setdefault(str(occasion), {})[str(domain)] = shares
    return out


@dataclass
class CohortData:
    """The cohort report's inputs: ratings of the cohort (never shown row by row)."""

    cohort: str
    ratings: pd.DataFrame
    occasions: pd.DataFrame
    fw: Framework
    scale: Scale
    lang: str
    rule: scoring.AttainmentRule
    min_group_size: int
    modules: pd.DataFrame
    links: pd.DataFrame

    @cached_property
    def self_ratings(self) -> pd.DataFrame:
        keep = (self.ratings["rater"] == SELF) & self.ratings["occasion"].isin(
            self.occasions["occasion"]
        )
        return self.ratings.loc[keep]

    @cached_property
    def n_learners(self) -> int:
        return privacy.group_size(self.self_ratings)

    @property
    def too_small(self) -> bool:
        return privacy.is_too_small(self.n_learners, self.min_group_size)

    def too_small_at(self, occasion: str) -> bool:
        """True when fewer than `min_group_size` learners rated themselves at `occasion`."""
        rows = self.self_ratings.loc[self.self_ratings["occasion"] == occasion]
        return privacy.is_too_small(privacy.group_size(rows), self.min_group_size)

    @cached_property
    def rated(self) -> list[str]:
        present = set(self.self_ratings["occasion"])
        return [o for o in self.occasions["occasion"] if o in present]

    def label(self, occasion: str) -> str:
        return _labels(self.occasions, self.lang).get(occasion, occasion)


def load_cohort(
    store_url: str | None,
    cohort: str = "",
    *,
    occasions: list[str],
    lang: str = "nb",
    framework: str = "",
    min_group_size: int = privacy.DEFAULT_MIN_GROUP_SIZE,
    attainment_rule: str = "all",
) -> CohortData:
    """The cohort report's inputs; `cohort=""` means every learner in the store."""
    fw = framework_for(framework, lang)
    with open_store(store_url, framework=fw) as store:
        ratings = store.ratings(cohort=cohort) if cohort else store.ratings()
        return CohortData(
            cohort=cohort, ratings=ratings, occasions=known_occasions(store, list(occasions)),
            fw=fw, scale=store.scale, lang=lang,
            rule=scoring.AttainmentRule.parse(attainment_rule), min_group_size=min_group_size,
            modules=store.modules(), links=store.links(),
        )  # fmt: skip


@dataclass
class CurriculumData:
    course_id: str
    title: str
    description: str
    modules: pd.DataFrame
    links: pd.DataFrame
    fw: Framework
    lang: str


def load_curriculum(
    store_url: str | None, course: str = "", *, lang: str = "nb", framework: str = ""
) -> CurriculumData:
    """One course from the store (`course=""`: the only course, or every course together)."""
    from fls_kit.curriculum import Curriculum

    fw = framework_for(framework, lang)
    with open_store(store_url, framework=fw) as store:
        courses = store.courses()
        if course or len(courses) == 1:
            cur = Curriculum.from_store(store, course or None)
            return CurriculumData(
                cur.course_id, cur.title, cur.description, cur.modules, cur.links, fw, lang
            )
        titles = ", ".join(str(t) for t in courses["title"])
        return CurriculumData("", titles, "", store.modules(), store.links(), fw, lang)
