"""Scoring: profiles, level attainment, change between occasions, agreement, cohort aggregates.

Pure pandas/numpy functions over the tidy ratings DataFrame (`Store.ratings()`: learner_id,
statement_id, occasion, rater, value, not_relevant, ...) and a `Framework`. No I/O. Ratings for
statements outside the framework are ignored. A learner "takes part" in an occasion for a rater
when there is at least one rating row for them; every framework statement without a row is then
*unrated*. Outputs are tidy frames with `domain` and `level` as the framework's ordered
categoricals. The rules are explained for educators in docs/scoring.md.

Every function takes the ratings DataFrame, or `prepare(ratings, fw)` once when you call
several functions on the same large frame (it checks and lays out the ratings only once).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeAlias

import numpy as np
import pandas as pd

from fls_kit import privacy
from fls_kit._i18n import t
from fls_kit.errors import ConfigError
from fls_kit.framework import Framework
from fls_kit.privacy import DEFAULT_MIN_GROUP_SIZE
from fls_kit.scales import DEFAULT_SCALE, Scale
from fls_kit.scoring import _grid as _s

NOT_YET = "-"
"""The attained-level code for "not yet Kompetent" (ikke nådd Kompetent ennå)."""

OUTCOME_NOT_RELEVANT = "not_relevant"
OUTCOME_UNRATED = "unrated"
SELF = "self"
STATUSES = ("met", "not_met", OUTCOME_NOT_RELEVANT, OUTCOME_UNRATED)


@dataclass(frozen=True)
class AttainmentRule:
    """When a learner has reached a level (Kompetent, Erfaren, Ekspert) in a competency domain.

    Norsk: Et nivå er nådd i et kompetanseområde når alle *relevante* utsagn på nivået og alle
    nivåene under er oppfylt (regel «all»), eller minst en andel av dem (regel «share:0.8» =
    minst 80 %). Utsagn merket «ikke relevant for min rolle» teller verken for eller mot.
    Utsagn som ikke er vurdert, teller som ikke oppfylt. Et nivå der ingen utsagn er relevante,
    hoppes over: det gis ikke, og det stopper ikke nivåene over. Høyeste nådde nivå er det
    høyeste nivået som består sammen med alle (ikke overhoppede) nivåer under seg. Man må ha
    minst ett oppfylt utsagn for å være Kompetent.

    English: a level is attained in a domain when every *relevant* statement at that level and
    at every level below is met (rule "all"), or at least a share of them (rule "share:0.8" = at
    least 80 %). Statements rated not relevant neither count nor block. Unrated statements
    count as not met (they block). A level with no relevant statements is skipped: it is not
    awarded, and it does not stop the levels above it. The attained level is the highest level
    that passes together with every non-skipped level below it. At least one met statement is
    needed to be Kompetent.

    `share` is compared exactly as a fraction (0.8 = 4/5): 4 of 5 passes, 7 of 9 does not.
    """

    share: float = 1.0

    def __post_init__(self) -> None:
        if not 0 < self.share <= 1:
            raise ValueError(f"share must be in (0, 1], not {self.share}")

    @classmethod
    def parse(cls, text: str | AttainmentRule) -> AttainmentRule:
        """The rule for the setting `attainment_rule`: "all" or "share:0.8" (also "share:80%")."""
        if isinstance(text, AttainmentRule):
            return text
        raw = str(text).strip().lower()
        if raw in {"all", "alle"}:
            return cls()
        name, _, number = raw.partition(":")
        if name in {"share", "andel"} and number:
            try:
                value = number.strip().replace(",", ".")
                share = float(value[:-1]) / 100 if value.endswith("%") else float(value)
                return cls(share)
            except ValueError:
                pass
        raise ConfigError(t("scoring.bad_rule", "nb", value=text))

    @property
    def fraction(self) -> Fraction:
        return Fraction(self.share).limit_denominator(1000)

    def __str__(self) -> str:
        return "all" if self.share == 1 else f"share:{self.share:g}"


@dataclass(frozen=True)
class PreparedRatings:
    """Ratings checked and laid out once, to pass to several scoring functions (the fast path).

    Make one with `prepare(ratings, fw, scale)`; pass the same `fw` and `scale` to the functions.
    """

    ratings: pd.DataFrame
    fw: Framework
    scale: Scale
    grid: _s.Grid


Ratings: TypeAlias = pd.DataFrame | PreparedRatings


def prepare(ratings: pd.DataFrame, fw: Framework, scale: Scale = DEFAULT_SCALE) -> PreparedRatings:
    """Check `ratings` once (columns, values on the scale, one current rating per cell).

    Raises ValueError for missing columns, values not on `scale`, or several rows for one
    learner, statement, occasion and rater (pass current ratings, not the history).
    """
    return PreparedRatings(ratings, fw, scale, _s.build_grid(ratings, fw, scale))


def _grid(ratings: Ratings, fw: Framework, scale: Scale) -> _s.Grid:
    if isinstance(ratings, PreparedRatings):
        if ratings.fw.ids != fw.ids or ratings.scale != scale:
            raise ValueError("prepared for another framework or scale: prepare() again")
        return ratings.grid
    return _s.build_grid(ratings, fw, scale)


def _frame(ratings: Ratings) -> pd.DataFrame:
    frame = ratings.ratings if isinstance(ratings, PreparedRatings) else ratings
    _s.check_columns(frame)
    return frame


def _rater_grid(ratings: Ratings, fw: Framework, scale: Scale, rater: str) -> _s.Grid:
    grid = _grid(ratings, fw, scale)
    return grid.select((grid.keys["rater"] == rater).to_numpy())


# --- Profiles ------------------------------------------------------------------------------


def profile_wide(ratings: Ratings, fw: Framework, scale: Scale = DEFAULT_SCALE) -> pd.DataFrame:
    """One row per learner x occasion x rater x domain x level (cells with statements only).

    Columns: the keys, `n_statements`, `n_<value>` for each scale value (n_0, n_1, n_2),
    `n_not_relevant`, `n_unrated`, `n_met`, `n_relevant` (= n_statements - n_not_relevant;
    unrated counts as relevant), `share_<value>`, `share_not_relevant`, `share_unrated` (of
    n_statements; they sum to 1) and `share_met_of_relevant` (NaN when nothing is relevant).
    """
    grid = _grid(ratings, fw, scale)
    frame, c, n = _cells(grid)
    k = grid.k
    names = _outcomes(scale)
    frame["n_statements"] = n
    for i, name in enumerate(names):
        frame[f"n_{name}"] = c[:, i]
    n_met = c[:, :k][:, _s.met_mask(scale)].sum(1)
    n_relevant = n - c[:, k]
    frame["n_met"] = n_met
    frame["n_relevant"] = n_relevant
    for i, name in enumerate(names):
        frame[f"share_{name}"] = c[:, i] / n
    frame["share_met_of_relevant"] = n_met / np.where(n_relevant > 0, n_relevant, np.nan)
    return frame


def profile(ratings: Ratings, fw: Framework, scale: Scale = DEFAULT_SCALE) -> pd.DataFrame:
    """Tidy profile: one row per learner x occasion x rater x domain x level x outcome.

    `outcome` is an ordered categorical: each scale value as text ("0", "1", "2"), then
    "not_relevant" and "unrated". `count` is the number of statements with that outcome,
    `share` = count / statements in the cell. `profile_wide` has one column per outcome.
    """
    cells, c, n = _cells(_grid(ratings, fw, scale))
    names = _outcomes(scale)
    n_out = len(names)
    frame = cells.take(np.repeat(np.arange(len(cells)), n_out)).reset_index(drop=True)
    outcome = np.tile(np.arange(n_out, dtype=np.int64), len(cells))
    frame["outcome"] = _s.categorical(outcome, pd.CategoricalDtype(names, ordered=True))
    frame["count"] = c.reshape(-1)
    frame["share"] = c.reshape(-1) / np.repeat(n, n_out)
    return frame


def _outcomes(scale: Scale) -> list[str]:
    return [str(v) for v in scale.values] + [OUTCOME_NOT_RELEVANT, OUTCOME_UNRATED]


def _cells(grid: _s.Grid) -> tuple[pd.DataFrame, _s.IntArray, _s.IntArray]:
    """Key frame per (grid row x domain-level cell), its outcome counts, statements per cell."""
    lay = grid.layout
    d, lv = lay.cells()
    counts = _s.cell_counts(grid)[:, d, lv, :]
    frame = _s.expand_keys(grid.keys, len(d))
    n_g = len(grid.keys)
    frame["domain"] = _s.categorical(np.tile(d, n_g), lay.domain_dtype)
    frame["level"] = _s.categorical(np.tile(lv, n_g), lay.level_dtype)
    return frame, counts.reshape(-1, grid.k + 2), np.tile(lay.n_statements[d, lv], n_g)


# --- Level attainment ----------------------------------------------------------------------


def attained_dtype(fw: Framework) -> pd.CategoricalDtype:
    """Ordered categories of attained levels: "-" (not yet Kompetent), then C < P < E."""
    return pd.CategoricalDtype([NOT_YET, *fw.level_codes()], ordered=True)


def attained_levels(
    ratings: Ratings,
    fw: Framework,
    rule: AttainmentRule | str = "all",
    scale: Scale = DEFAULT_SCALE,
) -> pd.DataFrame:
    """The attained level per learner x occasion x rater x domain, under `rule`.

    Columns learner_id, occasion, rater, domain, `attained`: an ordered categorical over
    ["-", "C", "P", "E"] (see `attained_dtype`), never NA; "-" = not yet Kompetent. Compare
    with `>=` (`frame["attained"] >= "P"`) or use `.cat.codes` (0 = "-", 1 = C, ...). Wide:
    `frame.pivot(index=["learner_id", "occasion", "rater"], columns="domain", values="attained")`.
    """
    return _attained_frame(_grid(ratings, fw, scale), fw, AttainmentRule.parse(rule))


def _attained_frame(grid: _s.Grid, fw: Framework, rule: AttainmentRule) -> pd.DataFrame:
    codes = _s.attained_codes(_s.cell_counts(grid), grid.scale, rule.fraction)
    n_d = grid.layout.n_domains
    frame = _s.expand_keys(grid.keys, n_d)
    frame["domain"] = _s.categorical(
        np.tile(np.arange(n_d), len(grid.keys)), grid.layout.domain_dtype
    )
    frame["attained"] = _s.categorical(codes.reshape(-1), attained_dtype(fw))
    return frame


# --- Change between occasions --------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """What changed between two occasions (e.g. før -> etter a workshop), per rater.

    `statements`: learner_id, rater, statement_id, domain, level, `before`, `after` (Int64, NA
    when not relevant or not rated), `difference` (after - before, NA unless both have a value),
    `before_not_relevant`, `after_not_relevant`. One row per statement rated at either occasion.

    `domains`: learner_id, rater, domain, `mean_before`, `mean_after`, `mean_difference` (mean
    value of the rated relevant statements; NaN when none), `met_before`, `met_after` (number of
    met statements), `attained_before`, `attained_after` (as in `attained_levels`; NA when the
    learner has no ratings at that occasion) and `level_change` (levels gained, Int64; NA when an
    occasion is missing). One row per domain for each learner and rater seen at either occasion.
    """

    statements: pd.DataFrame
    domains: pd.DataFrame


def change(
    ratings: Ratings,
    fw: Framework,
    before: str = "før",
    after: str = "etter",
    *,
    rule: AttainmentRule | str = "all",
    scale: Scale = DEFAULT_SCALE,
) -> Change:
    """Change per statement and per domain from occasion `before` to `after` (see `Change`).

    Works when only one of the occasions is present: the other side is then NA.
    """
    rule = AttainmentRule.parse(rule)
    frame = _frame(ratings)
    frame = frame.loc[frame["occasion"].isin([before, after])]
    if isinstance(ratings, PreparedRatings):
        grid = _grid(ratings, fw, scale)
        grid = grid.select(grid.keys["occasion"].isin([before, after]).to_numpy())
    else:
        grid = _s.build_grid(frame, fw, scale)
    domains = _domain_change(grid, fw, before, after, rule)
    return Change(_statement_change(frame, fw, before, after), domains)


def _statement_change(frame: pd.DataFrame, fw: Framework, before: str, after: str) -> pd.DataFrame:
    keys = ["learner_id", "rater", "statement_id"]
    frame = frame.loc[frame["statement_id"].isin(fw.statements.index)]
    sides = []
    for occasion, name in ((before, "before"), (after, "after")):
        side = frame.loc[frame["occasion"] == occasion, [*keys, "value", "not_relevant"]]
        nr = side["not_relevant"].fillna(False).astype(bool)
        side = side.assign(value=side["value"].astype("Int64").mask(nr), not_relevant=nr)
        sides.append(side.rename(columns={"value": name, "not_relevant": f"{name}_not_relevant"}))
    out = sides[0].merge(sides[1], on=keys, how="outer")
    for name in ("before", "after"):
        out[f"{name}_not_relevant"] = out[f"{name}_not_relevant"].fillna(False).astype(bool)
        out[name] = out[name].astype("Int64")
    out["difference"] = out["after"] - out["before"]
    position = pd.Index(fw.statements.index).get_indexer(out["statement_id"])
    out = out.assign(_pos=position, **_s.Layout.of(fw).statement_columns(position))
    out = out.sort_values(["learner_id", "rater", "_pos"], kind="stable")
    columns = [*keys, "domain", "level", "before", "after", "difference"]
    return out[[*columns, "before_not_relevant", "after_not_relevant"]].reset_index(drop=True)


def _domain_change(
    grid: _s.Grid, fw: Framework, before: str, after: str, rule: AttainmentRule
) -> pd.DataFrame:
    per_domain = _s.cell_counts(grid).sum(axis=2)
    n, total = _s.value_sums(per_domain, grid.scale)
    table = _attained_frame(grid, fw, rule)
    table["mean"] = (total / np.where(n > 0, n, np.nan)).reshape(-1)
    met = per_domain[..., : grid.k][..., _s.met_mask(grid.scale)].sum(-1)
    table["met"] = met.reshape(-1)
    keys = ["learner_id", "rater", "domain"]
    sides = [
        table.loc[table["occasion"] == occ].drop(columns="occasion").set_index(keys)
        for occ in (before, after)
    ]
    out = sides[0].add_suffix("_before").join(sides[1].add_suffix("_after"), how="outer")
    # Its mutants are equivalent: pandas ignores `kind` when it sorts on several columns (and
    # these keys are unique), and the old index that `drop=False` keeps is not returned below.
    # pragma: no mutate start
    out = out.reset_index().sort_values(keys, kind="stable").reset_index(drop=True)
    # pragma: no mutate end
    for name in ("before", "after"):
        out[f"attained_{name}"] = out[f"attained_{name}"].astype(attained_dtype(fw))
        out[f"met_{name}"] = out[f"met_{name}"].astype("Int64")
    out["mean_difference"] = out["mean_after"] - out["mean_before"]
    step_b = out["attained_before"].cat.codes.astype("Int64")
    step_a = out["attained_after"].cat.codes.astype("Int64")
    out["level_change"] = (step_a - step_b).mask((step_a < 0) | (step_b < 0))
    order = ["mean_before", "mean_after", "mean_difference", "met_before", "met_after"]
    return out[[*keys, *order, "attained_before", "attained_after", "level_change"]]


# --- Self-assessment against an assessor ---------------------------------------------------


def agreement_pairs(ratings: Ratings, assessor: str | None = None) -> pd.DataFrame:
    """Self-rating next to an assessor's rating of the same learner, statement and occasion.

    `assessor=None` pairs the self-rating with every rater other than "self". Only ratings with
    a value on both sides pair up (not relevant and unrated are left out). Columns learner_id,
    statement_id, occasion, assessor, self_value, assessor_value, difference (self - assessor).
    """
    frame = _frame(ratings)
    keys = ["learner_id", "statement_id", "occasion"]
    valued = frame["value"].notna() & ~frame["not_relevant"].fillna(False).astype(bool)
    own = frame.loc[valued & (frame["rater"] == SELF), [*keys, "value"]]
    other = frame["rater"] != SELF if assessor is None else frame["rater"] == assessor
    theirs = frame.loc[valued & other, [*keys, "rater", "value"]]
    pairs = own.rename(columns={"value": "self_value"}).merge(
        theirs.rename(columns={"rater": "assessor", "value": "assessor_value"}), on=keys
    )
    for col in ("self_value", "assessor_value"):
        pairs[col] = pairs[col].astype("Int64")
    pairs["difference"] = pairs["self_value"] - pairs["assessor_value"]
    pairs = pairs.sort_values([*keys, "assessor"], kind="stable").reset_index(drop=True)
    return pairs[[*keys, "assessor", "self_value", "assessor_value", "difference"]]


def agreement(
    ratings: Ratings,
    assessor: str | None = None,
    *,
    by: Sequence[str] = (),
    weights: str = "linear",
    scale: Scale = DEFAULT_SCALE,
) -> pd.DataFrame:
    """How well self-assessment agrees with the assessor(s), over `agreement_pairs`.

    One row per group of `by` (pair columns, e.g. ["assessor"] or ["learner_id"]; by default a
    single row over all pairs) with `n_pairs`, `exact_share` (same value), `mean_difference`
    (self - assessor; above 0 = learners rate themselves higher) and `kappa`: Cohen's weighted
    kappa, `weights` "linear" or "quadratic", over the scale's categories (NaN when undefined:
    no pairs, or both raters always in one category).
    """
    if weights not in {"linear", "quadratic"}:
        raise ValueError(f"weights must be 'linear' or 'quadratic', not {weights!r}")
    pairs = agreement_pairs(ratings, assessor)
    if by:
        grouped = pairs.groupby(list(by), sort=True, observed=True)
        group = grouped.ngroup().to_numpy(np.int64)
        out = grouped.size().index.to_frame(index=False)
    else:
        group = np.zeros(len(pairs), dtype=np.int64)
        out = pd.DataFrame(index=range(1))
    n_groups, k = len(out), len(scale.values)
    i = _s.value_index(pairs["self_value"].to_numpy("float64"), scale)
    j = _s.value_index(pairs["assessor_value"].to_numpy("float64"), scale)
    observed = np.bincount((group * k + i) * k + j, minlength=n_groups * k * k)
    observed = observed.reshape(n_groups, k, k)
    n = observed.sum(axis=(1, 2))
    diff = pairs["difference"].to_numpy("float64")
    safe_n = np.where(n > 0, n, np.nan)
    out["n_pairs"] = n
    out["exact_share"] = np.trace(observed, axis1=1, axis2=2) / safe_n
    out["mean_difference"] = np.bincount(group, diff, minlength=n_groups) / safe_n
    out["kappa"] = _s.weighted_kappa(observed.astype(np.float64), weights)
    return out


# --- Cohort aggregates (with small-group suppression) --------------------------------------


def cohort_statements(
    ratings: Ratings,
    fw: Framework,
    *,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    rater: str = SELF,
    scale: Scale = DEFAULT_SCALE,
) -> pd.DataFrame:
    """The cohort per occasion x statement (every framework statement, framework order).

    `n_learners`: learners who gave the statement a value (not relevant and unrated left out);
    `share_met`, `share_partly` (values above the lowest that are not met: "Delvis"),
    `mean_value`. Rows with fewer than `min_group_size` learners are `suppressed`: their shares
    and mean are NaN so nobody can be singled out (n_learners stays visible).
    """
    grid = _rater_grid(ratings, fw, scale, rater)
    occ, occasions = grid.occasions()
    n_occ, n_s, n_out = len(occasions), len(fw.statements), grid.k + 2
    idx = (occ[:, None] * n_s + np.arange(n_s)) * n_out + grid.codes
    counts = np.bincount(idx.reshape(-1), minlength=n_occ * n_s * n_out)
    counts = counts.reshape(-1, n_out)[:, : grid.k]
    positions = np.tile(np.arange(n_s, dtype=np.int64), n_occ)
    frame = pd.DataFrame(
        {
            "occasion": occasions.take(np.repeat(np.arange(n_occ), n_s)),
            "statement_id": pd.Index(fw.statements.index, dtype="str").take(positions),
        }
    )
    frame = frame.assign(**grid.layout.statement_columns(positions))
    return _s.summarise(frame, counts, counts.sum(1), min_group_size, scale)


def cohort_domains(
    ratings: Ratings,
    fw: Framework,
    *,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    rater: str = SELF,
    scale: Scale = DEFAULT_SCALE,
) -> pd.DataFrame:
    """The cohort per occasion x domain x level, pooled over the statements of each cell.

    `n_learners`: learners with at least one value in the cell; `n_ratings`: values given;
    `share_met`, `share_partly` and `mean_value` over those values. Cells with fewer than
    `min_group_size` learners are `suppressed` (NaN), as in `cohort_statements`.
    """
    grid = _rater_grid(ratings, fw, scale, rater)
    lay = grid.layout
    occ, occasions = grid.occasions()
    d, lv = lay.cells()
    per_learner = _s.cell_counts(grid)[:, d, lv, : grid.k]  # (G, cells, k)
    counts = _s.sum_by(occ, len(occasions), per_learner).reshape(-1, grid.k)
    present = (per_learner.sum(-1) > 0).astype(np.int64)
    learners = _s.sum_by(occ, len(occasions), present).reshape(-1)
    frame = pd.DataFrame({"occasion": occasions.take(np.repeat(np.arange(len(occasions)), len(d)))})
    frame["domain"] = _s.categorical(np.tile(d, len(occasions)), lay.domain_dtype)
    frame["level"] = _s.categorical(np.tile(lv, len(occasions)), lay.level_dtype)
    frame["n_ratings"] = counts.sum(1)
    return _s.summarise(frame, counts, learners, min_group_size, scale)


def cohort_attainment(
    ratings: Ratings,
    fw: Framework,
    *,
    rule: AttainmentRule | str = "all",
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    rater: str = SELF,
    scale: Scale = DEFAULT_SCALE,
) -> pd.DataFrame:
    """How many learners have attained each level, per occasion x domain x attained level.

    `n_learners`: learners with ratings at that occasion (the group); `count` and `share` of
    them whose attained level (see `attained_levels`) is this one. When the group is smaller
    than `min_group_size`, count and share are NA and `suppressed` is True.
    """
    grid = _rater_grid(ratings, fw, scale, rater)
    codes = _s.attained_codes(_s.cell_counts(grid), scale, AttainmentRule.parse(rule).fraction)
    occ, occasions = grid.occasions()
    n_occ, n_d, n_lv = len(occasions), grid.layout.n_domains, grid.layout.n_levels + 1
    idx = (occ[:, None] * n_d + np.arange(n_d)) * n_lv + codes
    counts = np.bincount(idx.reshape(-1), minlength=n_occ * n_d * n_lv)
    group = np.repeat(np.bincount(occ, minlength=n_occ), n_d * n_lv)
    cells = np.arange(n_occ * n_d * n_lv)
    frame = pd.DataFrame({"occasion": occasions.take(cells // (n_d * n_lv))})
    frame["domain"] = _s.categorical(cells // n_lv % n_d, grid.layout.domain_dtype)
    frame["attained"] = _s.categorical(cells % n_lv, attained_dtype(fw))
    frame["n_learners"] = group
    frame["count"] = pd.Series(counts, dtype="Int64")
    frame["share"] = counts / np.maximum(group, 1)
    return privacy.suppress(frame, ["count", "share"], min_group_size=min_group_size)


def weakest_statements(
    ratings: Ratings,
    fw: Framework,
    *,
    n: int = 10,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    rater: str = SELF,
    scale: Scale = DEFAULT_SCALE,
) -> pd.DataFrame:
    """The `n` statements with the lowest share met in the cohort, per occasion.

    Rows of `cohort_statements` (suppressed and unrated rows left out), sorted by share_met,
    then mean_value, then framework order.
    """
    table = cohort_statements(ratings, fw, min_group_size=min_group_size, rater=rater, scale=scale)
    table = table.loc[~table["suppressed"] & table["share_met"].notna()]
    table = table.sort_values(["occasion", "share_met", "mean_value"], kind="stable")
    return table.groupby("occasion", sort=False).head(n).reset_index(drop=True)


# --- One learner: strengths and what to work on next ---------------------------------------


def statement_status(
    ratings: Ratings,
    fw: Framework,
    *,
    learner_id: str | None = None,
    occasion: str | None = None,
    rater: str = SELF,
    scale: Scale = DEFAULT_SCALE,
) -> pd.DataFrame:
    """One learner's ratings over every framework statement, in framework order.

    `ratings` must hold one learner, or pass `learner_id`; `occasion` may be left out when only
    one occasion is present. Columns statement_id, domain, level, text, value (Int64),
    `status`: categorical "met", "not_met", "not_relevant" or "unrated".
    """
    rows = _frame(ratings)
    rows = rows.loc[rows["rater"] == rater]
    if learner_id is not None:
        rows = rows.loc[rows["learner_id"] == learner_id]
    learners = sorted(rows["learner_id"].unique())
    if len(learners) > 1:
        raise ValueError(f"ratings for several learners {learners[:5]}: pass learner_id")
    if occasion is None:
        found = sorted(rows["occasion"].unique())
        if len(found) > 1:
            raise ValueError(f"ratings from several occasions {found}: pass occasion")
        occasion = found[0] if found else ""
    rows = rows.loc[rows["occasion"] == occasion]
    if rows["statement_id"].duplicated().any():
        raise ValueError("several ratings of one statement: pass the current ratings only")
    rows = rows.set_index("statement_id")
    out = fw.statements[["domain", "level", "text"]].copy()
    nr = rows["not_relevant"].reindex(out.index).fillna(False).astype(bool)
    out["value"] = rows["value"].reindex(out.index).astype("Int64").mask(nr)
    _s.value_index(out["value"].dropna().to_numpy("float64"), scale)  # raises if off the scale
    met = out["value"].isin(scale.met_values).fillna(False).astype(bool)
    status = np.select([met, out["value"].notna(), nr], list(STATUSES[:3]), OUTCOME_UNRATED)
    out["status"] = pd.Categorical(status, categories=list(STATUSES))
    out.index.name = "statement_id"
    return out.reset_index()


def development_areas(
    ratings: Ratings,
    fw: Framework,
    *,
    learner_id: str | None = None,
    occasion: str | None = None,
    rater: str = SELF,
    n: int | None = None,
    include_unrated: bool = False,
    scale: Scale = DEFAULT_SCALE,
) -> pd.DataFrame:
    """What one learner should work on next: relevant statements not yet met.

    Lowest level first (so the level not yet reached comes before the levels above it), then
    framework order; the first `n` (all when None). Unrated statements are left out unless
    `include_unrated`. Columns as in `statement_status`.
    """
    table = statement_status(
        ratings, fw, learner_id=learner_id, occasion=occasion, rater=rater, scale=scale
    )
    wanted = ["not_met", OUTCOME_UNRATED] if include_unrated else ["not_met"]
    table = table.loc[table["status"].isin(wanted)].sort_values("level", kind="stable")
    return table.head(len(table) if n is None else n).reset_index(drop=True)


def strengths(
    ratings: Ratings,
    fw: Framework,
    *,
    learner_id: str | None = None,
    occasion: str | None = None,
    rater: str = SELF,
    n: int | None = None,
    scale: Scale = DEFAULT_SCALE,
) -> pd.DataFrame:
    """One learner's met statements, highest level first, then framework order (first `n`)."""
    table = statement_status(
        ratings, fw, learner_id=learner_id, occasion=occasion, rater=rater, scale=scale
    )
    table = table.loc[table["status"] == "met"]
    table = table.sort_values("level", ascending=False, kind="stable")
    return table.head(len(table) if n is None else n).reset_index(drop=True)
