"""Vectorised machinery behind `fls_kit.scoring._rules`: the ratings as a dense grid.

Every (learner, occasion, rater) that has at least one rating becomes a row of the grid, every
framework statement a column, and each cell holds an outcome code:

    0 .. k-1   the position of the value on the scale (k = number of scale values)
    k          not relevant
    k + 1      unrated (no row, or a row without a value that is not marked not relevant)

Counting outcomes per domain x level is then one `np.bincount` over the grid; that is what makes
10,000 learners x 88 statements x 2 occasions take a fraction of a second of CPU time.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from fls_kit import privacy
from fls_kit.framework import Framework
from fls_kit.scales import Scale

KEYS = ["learner_id", "occasion", "rater"]
REQUIRED = ["learner_id", "statement_id", "occasion", "rater", "value", "not_relevant"]

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def check_columns(ratings: pd.DataFrame) -> None:
    missing = [c for c in REQUIRED if c not in ratings.columns]
    if missing:
        raise ValueError(f"ratings lacks the column(s) {missing}; expected {REQUIRED}")


@dataclass(frozen=True)
class Layout:
    """Where each statement sits: its domain and level codes, and the domain x level cells."""

    domain_dtype: pd.CategoricalDtype
    level_dtype: pd.CategoricalDtype
    stmt_domain: IntArray  # per statement (framework order): domain code
    stmt_level: IntArray  # per statement: level code
    n_statements: IntArray  # (D, L): statements per domain x level

    @property
    def n_domains(self) -> int:
        return len(self.domain_dtype.categories)

    @property
    def n_levels(self) -> int:
        return len(self.level_dtype.categories)

    @classmethod
    def of(cls, fw: Framework) -> Layout:
        st = fw.statements
        domain = np.asarray(st["domain"].cat.codes, dtype=np.int64)
        level = np.asarray(st["level"].cat.codes, dtype=np.int64)
        n_d = len(st["domain"].cat.categories)
        n_l = len(st["level"].cat.categories)
        n = np.bincount(domain * n_l + level, minlength=n_d * n_l).reshape(n_d, n_l)
        dtypes = (
            cast(pd.CategoricalDtype, st["domain"].dtype),
            cast(pd.CategoricalDtype, st["level"].dtype),
        )
        return cls(*dtypes, domain, level, n)

    def statement_columns(self, positions: IntArray) -> dict[str, pd.Categorical]:
        """`domain` and `level` categoricals for statements at these framework positions."""
        return {
            "domain": categorical(self.stmt_domain[positions], self.domain_dtype),
            "level": categorical(self.stmt_level[positions], self.level_dtype),
        }

    def cells(self) -> tuple[IntArray, IntArray]:
        """Domain and level codes of the domain x level cells that hold statements."""
        d, lv = np.nonzero(self.n_statements)
        return d.astype(np.int64), lv.astype(np.int64)


@dataclass(frozen=True)
class Grid:
    keys: pd.DataFrame  # G rows: learner_id, occasion, rater (sorted)
    codes: npt.NDArray[np.int8]  # (G, S) outcome codes, statements in framework order
    scale: Scale
    layout: Layout

    @property
    def k(self) -> int:
        return len(self.scale.values)

    def select(self, mask: BoolArray) -> Grid:
        """The grid of the rows (learner, occasion, rater) where `mask` is True."""
        keys = self.keys.loc[mask].reset_index(drop=True)
        return Grid(keys, self.codes[mask], self.scale, self.layout)

    def occasions(self) -> tuple[IntArray, pd.Index]:
        """Occasion code of each row, and the occasions (sorted)."""
        codes, uniq = pd.factorize(self.keys["occasion"], sort=True)
        return codes.astype(np.int64), pd.Index(uniq, dtype="str")


def build_grid(ratings: pd.DataFrame, fw: Framework, scale: Scale) -> Grid:
    """The grid of `ratings`; rows for statements outside `fw` are ignored."""
    check_columns(ratings)
    layout = Layout.of(fw)
    k = len(scale.values)
    if k + 2 > np.iinfo(np.int8).max:  # codes are int8, with two codes of their own
        raise ValueError(
            f"scales with more than {np.iinfo(np.int8).max - 2} values are not supported"
        )
    statement_ids = ratings["statement_id"].to_numpy(dtype=object)
    s_all = pd.Index(fw.statements.index, dtype="str").get_indexer(statement_ids)
    keep = s_all >= 0
    everything = bool(keep.all())
    rows = ratings if everything else ratings.loc[keep]
    s = s_all if everything else s_all[keep]

    key_codes: list[IntArray] = []
    uniques: list[pd.Index] = []
    for col in KEYS:
        codes, uniq = factorize(rows[col], col)
        key_codes.append(codes)
        uniques.append(uniq)
    n_o, n_r = len(uniques[1]), len(uniques[2])
    combined = (key_codes[0] * n_o + key_codes[1]) * n_r + key_codes[2]
    g, g_uniq = _dense(combined, len(uniques[0]) * n_o * n_r)
    keys = pd.DataFrame(
        {
            "learner_id": uniques[0].take(g_uniq // (n_o * n_r)),
            "occasion": uniques[1].take(g_uniq // n_r % n_o),
            "rater": uniques[2].take(g_uniq % n_r),
        }
    )

    n_g, n_s = len(keys), len(fw.statements)
    flat = g * n_s + s
    if len(flat) and np.bincount(flat, minlength=n_g * n_s).max() > 1:
        raise ValueError(
            "ratings has several rows for the same learner, statement, occasion and rater; "
            "pass the current ratings only (Store.ratings() without history=True)"
        )
    grid = np.full((n_g, n_s), k + 1, dtype=np.int8)
    grid.reshape(-1)[flat] = _outcome_codes(rows, scale)
    return Grid(keys, grid, scale, layout)


def factorize(column: pd.Series, name: str) -> tuple[IntArray, pd.Index]:
    """Sorted codes and uniques of a text column, fast when equal values come in runs.

    Store output is grouped by learner (and often by occasion and rater); factorizing one
    value per run instead of per row is what keeps 1.7 million ratings fast.
    """
    values = column.to_numpy(dtype=object)
    n = len(values)
    head = np.ones(n, dtype=bool)
    sample = min(n, 4096)
    if sample > 1 and np.count_nonzero(values[1:sample] != values[: sample - 1]) < sample // 8:
        np.not_equal(values[1:], values[:-1], out=head[1:])
        starts = np.flatnonzero(head)
        run_codes, uniq = pd.factorize(values[starts], sort=True)
        codes = np.repeat(run_codes, np.diff(np.append(starts, n)))
    else:
        codes, uniq = pd.factorize(values, sort=True)
    if n and codes.min() < 0:
        raise ValueError(f"ratings has rows without {name}")
    return codes.astype(np.int64, copy=False), pd.Index(uniq, dtype="str")


def _dense(combined: IntArray, space: int) -> tuple[IntArray, IntArray]:
    """Codes 0..G-1 for the distinct values of `combined` (in sorted order) and those values."""
    if space <= 50_000_000:  # a presence table is faster than hashing
        present = np.bincount(combined, minlength=space) > 0
        remap = np.cumsum(present) - 1
        return remap[combined], np.flatnonzero(present).astype(np.int64)
    codes, uniq = pd.factorize(combined, sort=True)
    return codes.astype(np.int64), np.asarray(uniq, dtype=np.int64)


def _outcome_codes(rows: pd.DataFrame, scale: Scale) -> npt.NDArray[np.int8]:
    k = len(scale.values)
    nr = rows["not_relevant"].fillna(False).to_numpy(dtype=bool)
    value = pd.to_numeric(rows["value"]).to_numpy(dtype="float64", na_value=np.nan)
    has_value = ~np.isnan(value) & ~nr
    idx = value_index(np.where(has_value, value, scale.values[0]), scale)
    return np.where(has_value, idx, np.where(nr, k, k + 1)).astype(np.int8)


def value_index(values: npt.NDArray[np.float64], scale: Scale) -> IntArray:
    """Position on the scale of each value; ValueError naming any value not on the scale."""
    scale_values = np.asarray(scale.values, dtype=np.int64)
    low = int(scale_values.min())
    lookup = np.full(int(scale_values.max()) - low + 1, -1, dtype=np.int64)
    lookup[scale_values - low] = np.arange(len(scale_values))
    pos = values - low
    ok = (pos >= 0) & (pos < len(lookup)) & (pos == np.floor(pos))
    idx = lookup[np.where(ok, pos, 0).astype(np.int64)]
    bad = ~ok | (idx < 0)
    if bad.any():
        found = sorted({float(x) for x in values[bad]})
        raise ValueError(f"values {found} are not on the scale {scale.id} ({scale.values})")
    return idx


def cell_counts(grid: Grid) -> IntArray:
    """(G, D, L, k + 2) counts of each outcome per learner row, domain and level."""
    lay = grid.layout
    n_g = len(grid.keys)
    n_out = grid.k + 2
    n_dl = lay.n_domains * lay.n_levels
    dl = lay.stmt_domain * lay.n_levels + lay.stmt_level
    idx = (np.arange(n_g, dtype=np.int64)[:, None] * n_dl + dl[None, :]) * n_out + grid.codes
    counts = np.bincount(idx.reshape(-1), minlength=n_g * n_dl * n_out)
    return counts.reshape(n_g, lay.n_domains, lay.n_levels, n_out)


def met_mask(scale: Scale) -> BoolArray:
    return np.array([v in scale.met_values for v in scale.values], dtype=bool)


def partly_mask(scale: Scale) -> BoolArray:
    """Values above the lowest that are not met ("Delvis" on the default scale)."""
    low = min(scale.values)
    met = met_mask(scale)
    return np.array([v != low for v in scale.values], dtype=bool) & ~met


def attained_codes(counts: IntArray, scale: Scale, share: Fraction) -> IntArray:
    """(G, D) attained level: 0 = not yet Competent, i = the i-th level (1-based).

    See `AttainmentRule`: a level with no relevant statements is skipped; any other level
    passes when met >= share x relevant over it and all levels below; the attained level is
    the highest non-skipped level that passes together with every non-skipped level below it.
    """
    k = len(scale.values)
    relevant = counts[..., :k].sum(-1) + counts[..., k + 1]  # unrated is relevant, not met
    met = counts[..., :k][..., met_mask(scale)].sum(-1)
    cum_rel = np.cumsum(relevant, axis=2)
    cum_met = np.cumsum(met, axis=2)
    skipped = relevant == 0
    passes = cum_met * share.denominator >= cum_rel * share.numerator
    prefix_ok = np.logical_and.accumulate(passes | skipped, axis=2)
    candidate = prefix_ok & ~skipped
    n_l = counts.shape[2]
    if n_l == 0:
        return np.zeros(counts.shape[:2], dtype=np.int64)
    highest = n_l - np.argmax(candidate[..., ::-1], axis=2)
    return np.where(candidate.any(axis=2), highest, 0).astype(np.int64)


def value_sums(counts: IntArray, scale: Scale) -> tuple[IntArray, npt.NDArray[np.float64]]:
    """From (..., k + 2) outcome counts: how many values were given, and their sum."""
    k = len(scale.values)
    n = counts[..., :k].sum(-1)
    total = (counts[..., :k] * np.asarray(scale.values, dtype=np.float64)).sum(-1)
    return n, total


def expand_keys(keys: pd.DataFrame, repeat: int) -> pd.DataFrame:
    """Each key row `repeat` times in a row, with a clean RangeIndex."""
    return keys.take(np.repeat(np.arange(len(keys)), repeat)).reset_index(drop=True)


def categorical(codes: IntArray, dtype: pd.CategoricalDtype) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, dtype=dtype)


def sum_by(group: IntArray, n_groups: int, array: IntArray) -> IntArray:
    """Sum of the rows (axis 0) of `array` per group code."""
    out = np.zeros((n_groups, *array.shape[1:]), dtype=array.dtype)
    np.add.at(out, group, array)
    return out


def summarise(
    frame: pd.DataFrame,
    counts: IntArray,
    n_learners: IntArray,
    min_group_size: int,
    scale: Scale,
) -> pd.DataFrame:
    """Add n_learners, share_met, share_partly, mean_value, suppressed from (rows, k) counts.

    Suppression (`fls_kit.privacy.suppress`) hides every figure computed from the values of a
    group smaller than `min_group_size`, so nobody in a small group can be singled out.
    """
    n = counts.sum(1)
    values = np.asarray(scale.values, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        denominator = np.where(n == 0, np.nan, n)
        frame["n_learners"] = n_learners
        frame["share_met"] = counts[:, met_mask(scale)].sum(1) / denominator
        frame["share_partly"] = counts[:, partly_mask(scale)].sum(1) / denominator
        frame["mean_value"] = (counts * values).sum(1) / denominator
    return privacy.suppress(frame, FIGURES, size="n_learners", min_group_size=min_group_size)


FIGURES = ("share_met", "share_partly", "mean_value")
"""The figures of a cohort row that `summarise` hides for a small group."""


def weighted_kappa(observed: npt.NDArray[np.float64], weights: str) -> npt.NDArray[np.float64]:
    """Cohen's weighted kappa per group from (groups, k, k) agreement tables; NaN if undefined.

    kappa = 1 - sum(w * p_observed) / sum(w * p_expected), w = |i - j| / (k - 1) ("linear")
    or its square ("quadratic"); expected = product of the two raters' marginal shares.
    """
    k = observed.shape[1]
    steps = np.abs(np.subtract.outer(np.arange(k), np.arange(k))) / max(k - 1, 1)
    w = steps if weights == "linear" else steps**2
    n = observed.sum(axis=(1, 2))
    with np.errstate(invalid="ignore", divide="ignore"):
        p = observed / n[:, None, None]
        expected = p.sum(2)[:, :, None] * p.sum(1)[:, None, :]
        disagree = (w * expected).sum(axis=(1, 2))
        kappa = 1 - (w * p).sum(axis=(1, 2)) / disagree
    return np.where((n > 0) & (disagree > 0), kappa, np.nan)
