"""The small-group rule: no figure about fewer than `min_group_size` people is ever shown.

This is the one place that knows the rule. Every view of the cohort (the scoring aggregates,
the learner report's comparison with the cohort, the cohort report, the cohort dashboard, the
results workbook) asks this module instead of comparing with `min_group_size` itself.

The rule in plain words:

- A figure (a share, a mean, a count of learners per level, an agreement figure, the number
  of learners a module would help) is computed over a group of people: the learners who gave
  a value, the learners rated at an occasion, the learners an assessor rated. When that group
  has fewer than `min_group_size` people, the figure is hidden. With the default 5, a group of
  5 is shown and a group of 4 is hidden. A `min_group_size` of 0 or 1 hides nothing.
- The size of the group itself stays visible ("4 learners"): it says nothing about how anyone
  was rated, and without it a reader cannot tell hidden from missing.

One behaviour for a group that is too small, everywhere: **the row stays, its figures are
replaced by «–», and a note says why** («færre enn 5 deltakere: vises ikke»). In a DataFrame
the row keeps its keys and its group size, the figures are NaN / <NA>, and the boolean column
`suppressed` is True. We keep the row rather than drop it because a missing row cannot be told
apart from "no ratings", and a reader who sees «–» with the note knows the group exists and
why its figures are not there. Two consequences follow from the same rule:

- A *ranking* (the weakest statements, the modules that help most) cannot rank a hidden
  figure, so hidden rows take no place in it.
- When the whole group a view is about is too small (a cohort of 3, an occasion with 3
  learners), every figure in the view is hidden, so the view shows the note instead of a table
  full of «–».

Pure functions over plain numbers and pandas objects; no I/O. pandas and numpy are imported
when a function needs them, so that the settings (which use `DEFAULT_MIN_GROUP_SIZE`) stay
cheap to import.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

__all__ = [
    "DEFAULT_MIN_GROUP_SIZE", "HIDDEN", "SUPPRESSED", "group_size", "group_sizes",
    "is_too_small", "suppress", "too_small",
]  # fmt: skip

DEFAULT_MIN_GROUP_SIZE = 5
"""The smallest group whose figures are shown (setting `min_group_size`)."""

HIDDEN = "–"
"""What a hidden figure looks like in a report, a table cell or the workbook."""

SUPPRESSED = "suppressed"
"""The boolean column `suppress` adds: True where the row's figures are hidden."""

PERSON = "learner_id"


def is_too_small(n: int, min_group_size: int = DEFAULT_MIN_GROUP_SIZE) -> bool:
    """True when figures over a group of `n` people must be hidden (`n < min_group_size`).

    >>> is_too_small(4, 5), is_too_small(5, 5), is_too_small(0, 1)
    (True, False, True)
    """
    return int(n) < int(min_group_size)


def too_small(sizes: Any, min_group_size: int = DEFAULT_MIN_GROUP_SIZE) -> npt.NDArray[np.bool_]:
    """`is_too_small` for many groups at once: a boolean array, one per group size.

    `sizes` is anything array-like (a list, a numpy array, a pandas Series); missing sizes
    count as 0 people, so they are too small unless `min_group_size` is 0.
    """
    import numpy as np
    import pandas as pd

    n = pd.to_numeric(pd.Series(np.ravel(sizes)), errors="coerce").fillna(0)
    return n.to_numpy(dtype=np.float64) < int(min_group_size)


def suppress(
    frame: pd.DataFrame,
    figures: Sequence[str],
    *,
    size: str = "n_learners",
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
) -> pd.DataFrame:
    """A copy of `frame` with the `figures` of every too-small row hidden.

    `size` names the column holding the number of people each row's figures are computed
    from. Rows where that is under `min_group_size` keep their other columns (keys and the
    group size) but their `figures` become missing: NaN for floats, <NA> for integers (the
    column becomes the nullable Int64), None for text. The column `suppressed` says which rows
    were hidden; a `suppressed` column already in `frame` is kept (a row hidden before stays
    hidden).
    """
    import pandas as pd

    out = frame.copy()
    hidden = pd.Series(too_small(out[size], min_group_size), index=out.index)
    if SUPPRESSED in out.columns:
        marks = out[SUPPRESSED].map(_marked)
        hidden = hidden | marks.fillna(False).astype(bool)
    for column in figures:
        values = out[column]
        if pd.api.types.is_bool_dtype(values):
            values = values.astype("boolean")
        elif pd.api.types.is_integer_dtype(values):
            values = values.astype("Int64")
        elif not pd.api.types.is_numeric_dtype(values):
            values = values.astype(object)
        masked = values.mask(hidden)
        out[column] = masked.where(~hidden, None) if masked.dtype == object else masked
    out[SUPPRESSED] = hidden.to_numpy(dtype=bool)
    return out


def _marked(value: Any) -> Any:
    """A mark of a `suppressed` column read from text: "False", "0" or "" is not True."""
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "0", "")
    return value


def group_size(rows: pd.DataFrame, *, person: str = PERSON) -> int:
    """The number of different people in `rows` (by default: distinct `learner_id`)."""
    return int(rows[person].nunique())


def group_sizes(rows: pd.DataFrame, by: str | Sequence[str], *, person: str = PERSON) -> pd.Series:
    """The number of different people per group of `rows`, e.g. learners per assessor."""
    keys = [by] if isinstance(by, str) else list(by)
    return rows.groupby(keys, observed=True, sort=False)[person].nunique()
