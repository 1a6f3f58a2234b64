"""Edge cases of `fls_kit.privacy` that mutation testing showed no test pinned down."""

from __future__ import annotations

import pandas as pd

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
