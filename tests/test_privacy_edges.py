"""Edge cases of `fls_kit.privacy` that mutation testing showed no test pinned down."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from fls_kit import privacy


def test_suppress_keeps_rows_aligned_with_any_index() -> None:
    frame = pd.DataFrame({"n_learners": [7, 3], "share": [0.5, 0.25]}, index=[10, 20])
    out = privacy.suppress(frame, ["share"], min_group_size=5)
    assert list(out.index) == [10, 20]
    assert out.loc[10, "share"] == 0.5
    assert pd.isna(out.loc[20, "share"])
    assert out["suppressed"].tolist() == [False, True]


def test_suppress_keeps_rows_hidden_before_even_with_missing_marks() -> None:
    frame = pd.DataFrame(
        {"n_learners": [9, 9, 2], "share": [0.5, 0.6, 0.7], "suppressed": [True, None, None]}
    )
    out = privacy.suppress(frame, ["share"], min_group_size=5)
    assert out["suppressed"].tolist() == [True, False, True]
    assert out["share"].isna().tolist() == [True, False, True]


def test_group_sizes_by_several_keys_and_only_groups_that_occur() -> None:
    occasions = pd.Categorical(["før", "før", "etter", "før"], categories=["før", "etter", "x"])
    rows = pd.DataFrame(
        {
            "learner_id": ["a", "b", "a", "a"],
            "occasion": occasions,
            "rater": ["self", "self", "self", "Kari"],
        }
    )
    by_occasion = privacy.group_sizes(rows, "occasion")
    assert by_occasion.to_dict() == {"før": 2, "etter": 1}  # no row for the unused category
    both = privacy.group_sizes(rows, ["occasion", "rater"])
    assert both.to_dict() == {("før", "self"): 2, ("etter", "self"): 1, ("før", "Kari"): 1}


def test_group_sizes_come_in_the_order_the_groups_first_appear() -> None:
    rows = pd.DataFrame(
        {"assessor": ["Kari", "Anne", "Kari", "Berit"], "learner_id": ["a", "b", "c", "a"]}
    )
    sizes = privacy.group_sizes(rows, "assessor")
    assert list(sizes.items()) == [("Kari", 2), ("Anne", 1), ("Berit", 1)]  # not sorted by name


def test_suppress_reads_a_nullable_suppressed_column_with_missing_marks() -> None:
    # e.g. after convert_dtypes() and a left merge: True / <NA> / False in a "boolean" column
    marks = pd.array([True, pd.NA, False], dtype="boolean")
    frame = pd.DataFrame({"n_learners": [9, 9, 2], "share": [0.5, 0.6, 0.7], "suppressed": marks})
    out = privacy.suppress(frame, ["share"], min_group_size=5)
    assert out["suppressed"].tolist() == [True, False, True]
    assert out["share"].isna().tolist() == [True, False, True]


def test_too_small_reads_sizes_as_a_list_an_array_a_series_or_a_column() -> None:
    expected = [False, True, True, True, False]
    sizes = [7, 4, None, float("nan"), 5]
    for given in (sizes, np.array(sizes, dtype=float), pd.Series(sizes, dtype="Int64")):
        out = privacy.too_small(given, 5)
        assert out.dtype == np.bool_
        assert out.tolist() == expected
    column = pd.DataFrame({"n": sizes})[["n"]]  # a one-column frame: 2-d, flattened
    assert privacy.too_small(column, 5).tolist() == expected
    assert privacy.too_small(4, 5).tolist() == [True]  # a single size


def test_too_small_counts_a_size_that_is_not_a_number_as_no_one() -> None:
    sizes = pd.Series(["7", "x", "", None], dtype=object)  # e.g. a size column read as text
    assert privacy.too_small(sizes, 5).tolist() == [False, True, True, True]
    assert privacy.too_small(sizes, 0).tolist() == [False, False, False, False]
    assert privacy.too_small([0, None], 1).tolist() == [True, True]


def test_suppress_keeps_each_kind_of_figure_column_a_kind_that_can_be_missing() -> None:
    frame = pd.DataFrame(
        {
            "n_learners": [7, 3, 6],
            "met": [True, False, True],  # bool -> boolean
            "count": [4, 1, 2],  # int64 -> Int64
            "level": pd.array([2, 1, pd.NA], dtype="Int64"),
            "agreed": pd.array([pd.NA, True, False], dtype="boolean"),
            "share": [0.5, 0.25, np.nan],
            "name": ["Kari", "Anne", None],  # text -> object with None
            "note": pd.Series(["a", None, "c"], dtype=object),
        }
    )
    figures = ["met", "count", "level", "agreed", "share", "name", "note"]
    out = privacy.suppress(frame, figures, min_group_size=5)
    assert out["met"].dtype == "boolean"
    assert out["met"].tolist() == [True, pd.NA, True]
    assert out["count"].dtype == "Int64"
    assert out["count"].tolist() == [4, pd.NA, 2]
    assert out["level"].dtype == "Int64"
    assert out["level"].tolist() == [2, pd.NA, pd.NA]
    assert out["agreed"].dtype == "boolean"
    assert out["agreed"].tolist() == [pd.NA, pd.NA, False]
    assert out["share"].dtype == np.float64
    assert out["share"].isna().tolist() == [False, True, True]
    for column in ("name", "note"):
        assert out[column].dtype == object
    assert out["name"].tolist()[:2] == ["Kari", None]  # hidden: None
    assert pd.isna(out.loc[2, "name"])  # missing before (str dtype: NaN), shown as missing
    assert out["note"].tolist() == ["a", None, "c"]
    assert out["suppressed"].dtype == np.bool_
    assert out["suppressed"].tolist() == [False, True, False]
    assert out["n_learners"].tolist() == [7, 3, 6]  # the group size stays
    assert frame["met"].dtype == np.bool_  # the frame given is not changed


def test_suppress_with_nothing_hidden_still_gives_figures_a_missing_value() -> None:
    frame = pd.DataFrame({"n_learners": [3, 0], "met": [True, False], "count": [1, 0]})
    out = privacy.suppress(frame, ["met", "count"], min_group_size=0)  # 0 hides nothing
    assert out["met"].dtype == "boolean"
    assert out["met"].tolist() == [True, False]
    assert out["count"].dtype == "Int64"
    assert out["count"].tolist() == [1, 0]
    assert out["suppressed"].tolist() == [False, False]


@pytest.mark.parametrize(
    "marks",
    [
        pd.Series(["True", "False", " false ", "0", "", None, "ja"], dtype="str"),
        pd.Series(["True", "False", " false ", "0", "", None, "ja"], dtype=object),
    ],
    ids=["str", "object"],
)
def test_suppress_reads_marks_written_as_text(marks: pd.Series) -> None:
    # e.g. a table read back from a file as text: "False" is not a row hidden before
    frame = pd.DataFrame({"n_learners": [9] * 7, "share": [0.5] * 7, "suppressed": marks})
    out = privacy.suppress(frame, ["share"], min_group_size=5)
    hidden = [True, False, False, False, False, False, True]  # unknown text: hidden, to be safe
    assert out["suppressed"].dtype == np.bool_
    assert out["suppressed"].tolist() == hidden
    assert out["share"].isna().tolist() == hidden
