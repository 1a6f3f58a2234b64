"""Scoring: every expected figure below is worked out by hand from the ratings written in the test.

The small framework used here:

    domain 1:  1.C1 1.C2 | 1.P1 1.P2 | 1.E1
    domain 2:  2.C1      | (no P)    | 2.E1 2.E2
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fls_kit import ConfigError, Framework
from fls_kit import scoring as sc
from fls_kit.framework import build_framework
from fls_kit.scales import DEFAULT_SCALE, Scale, ScaleItem
from fls_kit.scoring import _grid
from fls_kit.store import Store

NR = "NR"  # not relevant, in the compact notation of `rate`


def make_framework() -> Framework:
    levels = pd.DataFrame(
        {
            "name_nb": ["Kompetent", "Erfaren", "Ekspert"],
            "name_en": ["Competent", "Proficient", "Expert"],
        },
        index=["C", "P", "E"],
    )
    domains = pd.DataFrame(
        {"parent": [None, None], "title_nb": ["Første", "Andre"], "title_en": ["First", "Second"]},
        index=["1", "2"],
    )
    ids = ["1.C1", "1.C2", "1.P1", "1.P2", "1.E1", "2.C1", "2.E1", "2.E2"]
    statements = pd.DataFrame(
        {
            "domain": [i.split(".")[0] for i in ids],
            "level": [i.split(".")[1][0] for i in ids],
            "number": [int(i[-1]) for i in ids],
            "text_nb": [f"utsagn {i}" for i in ids],
            "text_en": [f"statement {i}" for i in ids],
        },
        index=ids,
    )
    return build_framework({"id": "test"}, levels, domains, statements)


SMALL = make_framework()


def rate(learner: str, occasion: str, spec: str, rater: str = "self") -> list[dict[str, object]]:
    """Rows from "1.C1=2 1.C2=NR ..."; statements not named are unrated (no row)."""
    rows = []
    for item in spec.split():
        statement, raw = item.split("=")
        nr = raw == NR
        rows.append(
            {
                "learner_id": learner,
                "statement_id": statement,
                "occasion": occasion,
                "rater": rater,
                "value": None if nr else int(raw),
                "not_relevant": nr,
            }
        )
    return rows


def frame(*groups: list[dict[str, object]]) -> pd.DataFrame:
    """A ratings frame with the dtypes `Store.ratings()` gives."""
    rows = [row for group in groups for row in group]
    columns = ["learner_id", "statement_id", "occasion", "rater", "value", "not_relevant"]
    out = pd.DataFrame(rows, columns=columns)
    for col in ["learner_id", "statement_id", "occasion", "rater"]:
        out[col] = out[col].astype("str")
    out["value"] = out["value"].astype("Int64")
    out["not_relevant"] = out["not_relevant"].astype(bool)
    out["note"] = ""
    out["recorded_at"] = pd.Timestamp("2026-03-01", tz="UTC")
    return out


def levels_of(result: pd.DataFrame) -> dict[tuple[str, str], str]:
    return {(r.learner_id, str(r.domain)): str(r.attained) for r in result.itertuples()}


# --- AttainmentRule ------------------------------------------------------------------------


def test_rule_parses_the_config_strings() -> None:
    assert sc.AttainmentRule.parse("all") == sc.AttainmentRule(1.0)
    assert sc.AttainmentRule.parse("share:0.8").share == 0.8
    assert sc.AttainmentRule.parse(" Share:80% ").share == 0.8
    assert str(sc.AttainmentRule.parse("share:0.8")) == "share:0.8"
    assert str(sc.AttainmentRule.parse("all")) == "all"


@pytest.mark.parametrize("text", ["most", "share:", "share:0", "share:1.5", "share:abc", ""])
def test_rule_rejects_bad_strings_with_a_norwegian_message(text: str) -> None:
    with pytest.raises(ConfigError, match="regel for oppnådd nivå"):
        sc.AttainmentRule.parse(text)


# --- profile -------------------------------------------------------------------------------


def test_profile_wide_counts_values_not_relevant_and_unrated() -> None:
    ratings = frame(rate("L1", "før", "1.C1=2 1.C2=NR 1.P1=1"))
    wide = sc.profile_wide(ratings, SMALL).set_index(["domain", "level"])
    # 1 learner x the five domain x level cells that hold statements (2.P has none)
    assert len(wide) == 5
    c1 = wide.loc[("1", "C")]
    assert (c1["n_statements"], c1["n_2"], c1["n_not_relevant"], c1["n_unrated"]) == (2, 1, 1, 0)
    assert (c1["n_met"], c1["n_relevant"], c1["share_met_of_relevant"]) == (1, 1, 1.0)
    p1 = wide.loc[("1", "P")]
    assert (p1["n_1"], p1["n_unrated"], p1["share_unrated"], p1["share_met_of_relevant"]) == (
        1,
        1,
        0.5,
        0.0,
    )
    c2 = wide.loc[("2", "C")]
    assert (c2["n_unrated"], c2["share_unrated"]) == (1, 1.0)


def test_profile_long_has_one_row_per_outcome_and_shares_sum_to_one() -> None:
    ratings = frame(rate("L1", "før", "1.C1=2 1.C2=NR 1.P1=1"), rate("L2", "før", "2.E1=0"))
    long = sc.profile(ratings, SMALL)
    assert list(long["outcome"].cat.categories) == ["0", "1", "2", "not_relevant", "unrated"]
    assert len(long) == 2 * 5 * 5
    sums = long.groupby(["learner_id", "domain", "level"], observed=True)["share"].sum()
    assert np.allclose(sums, 1.0)
    row = long.query("learner_id == 'L1' and domain == '1' and level == 'C'")
    assert dict(zip(row["outcome"].astype(str), row["count"], strict=True)) == {
        "0": 0,
        "1": 0,
        "2": 1,
        "not_relevant": 1,
        "unrated": 0,
    }


def test_profile_covers_the_bundled_framework(fw: Framework) -> None:
    ratings = frame(rate("L1", "før", " ".join(f"{i}=2" for i in fw.ids)))
    wide = sc.profile_wide(ratings, fw)
    assert wide["n_statements"].sum() == len(fw) == 88
    assert (wide["share_2"] == 1.0).all()
    levels = sc.attained_levels(ratings, fw)
    assert len(levels) == 8
    assert (levels["attained"] == "E").all()


# --- attained_levels -----------------------------------------------------------------------

COHORT = frame(
    rate("L1", "før", "1.C1=2 1.C2=2 1.P1=2 1.P2=2 1.E1=2"),
    rate("L2", "før", "1.C1=2 1.C2=NR 1.P1=2 1.P2=1 1.E1=2"),
    rate("L3", "før", "1.P1=2 1.P2=2 1.E1=2 1.C1=2"),  # 1.C2 unrated
    rate("L4", "før", "1.C1=NR 1.C2=NR 1.P1=2 1.P2=2 1.E1=1 2.C1=2 2.E1=2 2.E2=2"),
    rate("L5", "før", "1.C1=NR 1.C2=NR 1.P1=NR 1.P2=NR 1.E1=NR 2.C1=2 2.E1=2 2.E2=0"),
    rate("L6", "før", "1.C1=2 1.C2=2 1.P1=2 1.P2=2 1.E1=0"),
    rate("L7", "før", "1.C1=2 1.C2=1 1.P1=2 1.P2=2 1.E1=2"),
)


def test_attained_levels_rule_all() -> None:
    result = sc.attained_levels(COHORT, SMALL)
    assert list(result.columns) == ["learner_id", "occasion", "rater", "domain", "attained"]
    assert list(result["attained"].cat.categories) == ["-", "C", "P", "E"]
    got = levels_of(result)
    assert got[("L1", "1")] == "E"  # everything met
    assert got[("L1", "2")] == "-"  # nothing rated: unrated blocks
    assert got[("L2", "1")] == "C"  # 1.C2 not relevant does not block; 1.P2 "Delvis" stops P
    assert got[("L3", "1")] == "-"  # 1.C2 unrated blocks, even with P and E met
    assert got[("L4", "1")] == "P"  # all of C not relevant: skipped, P passes, E not met
    assert got[("L4", "2")] == "E"  # domain 2 has no P statements: skipped
    assert got[("L5", "1")] == "-"  # everything not relevant: no met statement, not Kompetent
    assert got[("L5", "2")] == "C"
    assert got[("L6", "1")] == "P"
    assert got[("L7", "1")] == "-"


def test_attained_levels_rule_share_08() -> None:
    got = levels_of(sc.attained_levels(COHORT, SMALL, rule="share:0.8"))
    assert got[("L6", "1")] == "E"  # 4 of 5 met at E and below: exactly 80 %
    assert got[("L2", "1")] == "C"  # at P: 2 of 3 relevant met (67 %)
    assert got[("L7", "1")] == "-"  # C: 1 of 2 (50 %) fails, so E (4 of 5) does not count
    assert got[("L3", "1")] == "-"  # C: 1 of 2 (unrated 1.C2 counts as not met)
    assert got[("L4", "1")] == "P"  # C skipped; P: 2 of 2; E: 2 of 3 (67 %)
    assert got[("L5", "2")] == "C"  # E: 2 of 3 (67 %)


def test_share_rule_compares_exact_fractions(fw: Framework) -> None:
    # Domain 1 of the FFN framework: 2 C, 4 P and 4 E statements. Met: all C and P, one E,
    # so 7 of 10 at E and below. 0.7 x 10 is 7.000000000000001 in floating point; the rule
    # must still count 7 of 10 as 70 %.
    spec = "1.C1=2 1.C2=2 1.P1=2 1.P2=2 1.P3=2 1.P4=2 1.E1=2 1.E2=0 1.E3=1 1.E4=0"
    ratings = frame(rate("L1", "før", spec))
    assert levels_of(sc.attained_levels(ratings, fw, rule="share:0.7"))[("L1", "1")] == "E"
    assert levels_of(sc.attained_levels(ratings, fw, rule="share:0.71"))[("L1", "1")] == "P"


def test_attained_levels_keep_occasions_and_raters_apart() -> None:
    ratings = frame(
        rate("L1", "før", "2.C1=0"),
        rate("L1", "etter", "2.C1=2"),
        rate("L1", "etter", "2.C1=2 2.E1=2 2.E2=2", rater="Kari"),
    )
    result = sc.attained_levels(ratings, SMALL).query("domain == '2'")
    got = {(r.occasion, r.rater): str(r.attained) for r in result.itertuples()}
    assert got == {("etter", "Kari"): "E", ("etter", "self"): "C", ("før", "self"): "-"}


# --- change --------------------------------------------------------------------------------


def test_change_per_statement_and_domain() -> None:
    ratings = frame(
        rate("L1", "før", "1.C1=1 1.C2=0 1.P1=NR"),
        rate("L1", "etter", "1.C1=2 1.C2=2 1.P1=2 1.P2=2"),
    )
    result = sc.change(ratings, SMALL)
    rows = result.statements.set_index("statement_id")
    assert list(rows.index) == ["1.C1", "1.C2", "1.P1", "1.P2"]  # framework order
    assert rows.loc["1.C1", ["before", "after", "difference"]].tolist() == [1, 2, 1]
    assert rows.loc["1.C2", "difference"] == 2
    assert rows.loc["1.P1", "before"] is pd.NA
    assert rows.loc["1.P1", "before_not_relevant"]
    assert rows.loc["1.P1", "difference"] is pd.NA
    assert rows.loc["1.P2", "before"] is pd.NA
    assert not rows.loc["1.P2", "before_not_relevant"]

    d1 = result.domains.set_index("domain").loc["1"]
    assert (d1["mean_before"], d1["mean_after"], d1["mean_difference"]) == (0.5, 2.0, 1.5)
    assert (d1["met_before"], d1["met_after"]) == (0, 4)
    # after: C and P all met, 1.E1 unrated blocks E
    assert (d1["attained_before"], d1["attained_after"], d1["level_change"]) == ("-", "P", 2)
    d2 = result.domains.set_index("domain").loc["2"]
    assert math.isnan(d2["mean_before"])
    assert d2["level_change"] == 0


def test_change_with_only_one_occasion_present() -> None:
    ratings = frame(rate("L1", "før", "1.C1=2 1.C2=2"), rate("L2", "før", "1.C1=0"))
    result = sc.change(ratings, SMALL, before="før", after="etter")
    assert len(result.statements) == 3
    assert result.statements["after"].isna().all()
    assert result.statements["difference"].isna().all()
    domains = result.domains.set_index(["learner_id", "domain"])
    assert domains.loc[("L1", "1"), "attained_before"] == "C"
    assert domains["attained_after"].isna().all()  # not measured, which is not "-"
    assert domains["level_change"].isna().all()
    assert domains["mean_after"].isna().all()


def test_change_with_neither_occasion_gives_empty_frames() -> None:
    result = sc.change(frame(rate("L1", "midt", "1.C1=2")), SMALL)
    assert result.statements.empty
    assert result.domains.empty
    assert "level_change" in result.domains.columns


# --- agreement -----------------------------------------------------------------------------

# (self, Kari): (2,2) (2,1) (1,1) (0,1) (2,2) (1,0)
AGREEMENT = frame(
    rate("L1", "før", "1.C1=2 1.C2=2 1.P1=NR 1.P2=1"),
    rate("L1", "før", "1.C1=2 1.C2=1 1.P1=2", rater="Kari"),
    rate("L2", "før", "1.C1=1 1.C2=0"),
    rate("L2", "før", "1.C1=1 1.C2=1", rater="Kari"),
    rate("L3", "før", "1.C1=2 1.C2=1"),
    rate("L3", "før", "1.C1=2 1.C2=0", rater="Kari"),
    rate("L3", "før", "1.C1=0", rater="Ola"),
)


def test_agreement_pairs_only_ratings_with_values_on_both_sides() -> None:
    pairs = sc.agreement_pairs(AGREEMENT, assessor="Kari")
    assert len(pairs) == 6  # 1.P1 (self: not relevant) and 1.P2 (no assessor) left out
    assert pairs["difference"].tolist() == [0, 1, 0, -1, 0, 1]
    assert set(sc.agreement_pairs(AGREEMENT)["assessor"]) == {"Kari", "Ola"}


def test_agreement_hand_computed_kappa() -> None:
    # Observed weighted disagreement (linear): three pairs one step apart = 3 x 0.5 / 6 = 0.25.
    # Marginals self (0,1,2) = 1/6, 2/6, 3/6; Kari = 1/6, 3/6, 2/6 -> expected = 14/36.
    # kappa = 1 - 0.25 / (14/36) = 5/14. Quadratic: 1 - 0.125 / (9.5/36) = 10/19.
    row = sc.agreement(AGREEMENT, "Kari").iloc[0]
    assert row["n_pairs"] == 6
    assert row["exact_share"] == pytest.approx(0.5)
    assert row["mean_difference"] == pytest.approx(1 / 6)
    assert row["kappa"] == pytest.approx(5 / 14)
    quadratic = sc.agreement(AGREEMENT, "Kari", weights="quadratic").iloc[0]
    assert quadratic["kappa"] == pytest.approx(10 / 19)


def test_agreement_by_learner_and_by_assessor() -> None:
    per_learner = sc.agreement(AGREEMENT, "Kari", by=["learner_id"]).set_index("learner_id")
    assert per_learner.loc["L1", "n_pairs"] == 2
    assert per_learner.loc["L1", "exact_share"] == 0.5
    assert per_learner.loc["L1", "mean_difference"] == 0.5
    per_assessor = sc.agreement(AGREEMENT, by=["assessor"]).set_index("assessor")
    assert per_assessor.loc["Ola", "n_pairs"] == 1
    assert per_assessor.loc["Ola", "mean_difference"] == 2.0
    assert per_assessor.loc["Ola", "kappa"] == 0.0  # 2 vs 0: as bad as chance, 1 - 1/1
    same = frame(rate("L1", "før", "1.C1=2 1.C2=2"), rate("L1", "før", "1.C1=2", rater="Kari"))
    assert math.isnan(sc.agreement(same).iloc[0]["kappa"])  # everyone in one category


def test_agreement_without_assessor_rows() -> None:
    self_only = frame(rate("L1", "før", "1.C1=2 1.C2=1"))
    assert sc.agreement_pairs(self_only).empty
    row = sc.agreement(self_only).iloc[0]
    assert row["n_pairs"] == 0
    assert math.isnan(row["exact_share"])
    assert math.isnan(row["kappa"])
    by = sc.agreement(self_only, by=["assessor"])
    assert by.empty
    assert "kappa" in by.columns


# --- cohort aggregates and suppression -----------------------------------------------------

# 1.C1 rated by 5 learners (2, 2, 1, 0, 2); 1.C2 by 4 (C5 said not relevant): 2, 1, 1, 0.
FIVE = frame(
    rate("C1", "før", "1.C1=2 1.C2=2"),
    rate("C2", "før", "1.C1=2 1.C2=1"),
    rate("C3", "før", "1.C1=1 1.C2=1"),
    rate("C4", "før", "1.C1=0 1.C2=0"),
    rate("C5", "før", "1.C1=2 1.C2=NR"),
    rate("C1", "før", "1.C1=0 1.C2=0", rater="Kari"),  # not counted: self-ratings by default
)


def test_cohort_statements_suppresses_below_min_group_size_at_the_boundary() -> None:
    table = sc.cohort_statements(FIVE, SMALL, min_group_size=5).set_index("statement_id")
    assert list(table.index) == SMALL.ids  # every statement, framework order
    c1 = table.loc["1.C1"]
    assert (c1["n_learners"], c1["suppressed"]) == (5, False)
    assert c1["share_met"] == pytest.approx(0.6)
    assert c1["share_partly"] == pytest.approx(0.2)
    assert c1["mean_value"] == pytest.approx(1.4)
    c2 = table.loc["1.C2"]
    assert (c2["n_learners"], c2["suppressed"]) == (4, True)
    assert c2[["share_met", "share_partly", "mean_value"]].isna().all()
    assert table.loc["2.E1", "n_learners"] == 0
    assert table.loc["2.E1", "suppressed"]

    four = sc.cohort_statements(FIVE, SMALL, min_group_size=4).set_index("statement_id")
    assert not four.loc["1.C2", "suppressed"]
    assert four.loc["1.C2", "mean_value"] == pytest.approx(1.0)


def test_cohort_statements_per_occasion_and_rater() -> None:
    ratings = pd.concat([FIVE, frame(*[rate(f"C{i}", "etter", "1.C1=2") for i in range(1, 6)])])
    table = sc.cohort_statements(ratings, SMALL, min_group_size=5)
    etter = table.query("occasion == 'etter'").set_index("statement_id")
    assert etter.loc["1.C1", "share_met"] == 1.0
    assert etter.loc["1.C2", "n_learners"] == 0
    kari = sc.cohort_statements(FIVE, SMALL, rater="Kari", min_group_size=1)
    assert kari.set_index("statement_id").loc["1.C1", "mean_value"] == 0.0


def test_cohort_domains_pools_statements_of_a_cell() -> None:
    table = sc.cohort_domains(FIVE, SMALL, min_group_size=5).set_index(["domain", "level"])
    c = table.loc[("1", "C")]
    # 9 values: 2 2 1 0 2 and 2 1 1 0 -> met 4/9, partly 3/9, mean 11/9
    assert (c["n_learners"], c["n_ratings"], c["suppressed"]) == (5, 9, False)
    assert c["share_met"] == pytest.approx(4 / 9)
    assert c["share_partly"] == pytest.approx(3 / 9)
    assert c["mean_value"] == pytest.approx(11 / 9)
    assert table.loc[("1", "P"), "suppressed"]  # nobody rated it
    assert len(table) == 5  # domain x level cells that hold statements
    six = sc.cohort_domains(FIVE, SMALL, min_group_size=6)
    assert six["share_met"].isna().all()
    assert six["suppressed"].all()


def test_cohort_attainment_counts_learners_per_level() -> None:
    table = sc.cohort_attainment(FIVE, SMALL, min_group_size=5)
    d1 = table.query("domain == '1'").set_index("attained")
    # C1 and C5 (1.C2 not relevant) are Kompetent; C2, C3, C4 are not
    assert d1["count"].tolist() == [3, 2, 0, 0]
    assert d1["share"].tolist() == [0.6, 0.4, 0.0, 0.0]
    assert (d1["n_learners"] == 5).all()
    assert not d1["suppressed"].any()
    small = sc.cohort_attainment(FIVE.query("learner_id != 'C5'"), SMALL, min_group_size=5)
    assert small["suppressed"].all()
    assert small["count"].isna().all()
    assert small["share"].isna().all()


def test_weakest_statements_skip_suppressed_rows() -> None:
    weakest = sc.weakest_statements(FIVE, SMALL, min_group_size=4)
    assert weakest["statement_id"].tolist() == ["1.C2", "1.C1"]  # 25 % met, then 60 %
    assert sc.weakest_statements(FIVE, SMALL, min_group_size=5)["statement_id"].tolist() == ["1.C1"]
    assert len(sc.weakest_statements(FIVE, SMALL, n=1, min_group_size=4)) == 1


# --- one learner: development areas and strengths ------------------------------------------

ONE = frame(rate("L1", "før", "1.C1=2 1.C2=NR 1.P1=2 1.P2=1 1.E1=0 2.C1=1 2.E2=2"))


def test_development_areas_lowest_level_first_then_framework_order() -> None:
    areas = sc.development_areas(ONE, SMALL)
    assert areas["statement_id"].tolist() == ["2.C1", "1.P2", "1.E1"]
    assert areas["value"].tolist() == [1, 1, 0]
    with_unrated = sc.development_areas(ONE, SMALL, include_unrated=True)
    assert with_unrated["statement_id"].tolist() == ["2.C1", "1.P2", "1.E1", "2.E1"]
    assert sc.development_areas(ONE, SMALL, n=1)["statement_id"].tolist() == ["2.C1"]


def test_strengths_highest_level_first() -> None:
    assert sc.strengths(ONE, SMALL)["statement_id"].tolist() == ["2.E2", "1.P1", "1.C1"]
    assert sc.strengths(ONE, SMALL, n=2)["statement_id"].tolist() == ["2.E2", "1.P1"]


def test_statement_status_of_every_statement() -> None:
    status = sc.statement_status(ONE, SMALL).set_index("statement_id")["status"]
    assert status.to_dict() == {
        "1.C1": "met",
        "1.C2": "not_relevant",
        "1.P1": "met",
        "1.P2": "not_met",
        "1.E1": "not_met",
        "2.C1": "not_met",
        "2.E1": "unrated",
        "2.E2": "met",
    }


def test_one_learner_functions_ask_for_learner_and_occasion_when_ambiguous() -> None:
    two = pd.concat([ONE, frame(rate("L2", "før", "1.C1=2"), rate("L1", "etter", "1.C1=2"))])
    with pytest.raises(ValueError, match="learner_id"):
        sc.development_areas(two, SMALL)
    with pytest.raises(ValueError, match="occasion"):
        sc.development_areas(two, SMALL, learner_id="L1")
    areas = sc.development_areas(two, SMALL, learner_id="L1", occasion="før")
    assert areas["statement_id"].tolist() == ["2.C1", "1.P2", "1.E1"]


# --- input checks, prepared ratings, the Store's frame -------------------------------------


def test_bad_input_is_refused() -> None:
    duplicated = frame(rate("L1", "før", "1.C1=2 1.C1=1"))
    with pytest.raises(ValueError, match="current ratings"):
        sc.attained_levels(duplicated, SMALL)
    with pytest.raises(ValueError, match="not on the scale"):
        sc.profile(frame(rate("L1", "før", "1.C1=3")), SMALL)
    with pytest.raises(ValueError, match="lacks the column"):
        sc.profile(frame(rate("L1", "før", "1.C1=2")).drop(columns="rater"), SMALL)


def test_unknown_statements_are_ignored_and_empty_ratings_give_empty_frames() -> None:
    ratings = frame(rate("L1", "før", "1.C1=2 9.C1=2"))
    assert sc.profile_wide(ratings, SMALL)["n_2"].sum() == 1
    empty = frame()
    assert sc.profile(empty, SMALL).empty
    assert list(sc.attained_levels(empty, SMALL).columns)[-1] == "attained"
    assert sc.cohort_domains(empty, SMALL).empty
    assert sc.development_areas(empty, SMALL).empty


def test_prepared_ratings_give_the_same_results(fw: Framework) -> None:
    ratings = pd.concat([COHORT, AGREEMENT, frame(rate("L1", "etter", "1.C1=1 2.C1=2"))])
    ratings = ratings.drop_duplicates(["learner_id", "statement_id", "occasion", "rater"])
    prepared = sc.prepare(ratings, SMALL)
    for function in (sc.profile, sc.profile_wide, sc.attained_levels):
        pd.testing.assert_frame_equal(function(prepared, SMALL), function(ratings, SMALL))
    for function in (sc.cohort_statements, sc.cohort_domains, sc.cohort_attainment):
        pd.testing.assert_frame_equal(
            function(prepared, SMALL, min_group_size=2), function(ratings, SMALL, min_group_size=2)
        )
    for part in ("statements", "domains"):
        pd.testing.assert_frame_equal(
            getattr(sc.change(prepared, SMALL), part), getattr(sc.change(ratings, SMALL), part)
        )
    with pytest.raises(ValueError, match="prepare"):
        sc.profile(prepared, fw)  # prepared for another framework


def test_scores_the_frame_the_store_returns(store: Store, fw: Framework) -> None:
    store.add_learner("a1", "Ada")
    store.add_occasion("før")
    store.record_rating("a1", "3.1.C1", "før", 2)
    store.record_rating("a1", "3.1.C2", "før", None, not_relevant=True)
    store.record_rating("a1", "3.1.C3", "før", 2)
    store.record_rating("a1", "3.1.P1", "før", 1)
    levels = levels_of(sc.attained_levels(store.ratings(), fw))
    assert levels[("a1", "3.1")] == "C"
    assert levels[("a1", "1")] == "-"


# --- properties ----------------------------------------------------------------------------

OUTCOMES = st.sampled_from([None, NR, 0, 1, 2])  # None = unrated


def reference_level(outcomes: dict[str, object], domain: str, share: float) -> str:
    """The rule as docs/scoring.md words it, written plainly, one level at a time."""
    attained = "-"
    relevant = met = 0
    for level in ["C", "P", "E"]:
        here = [o for sid, o in outcomes.items() if sid.startswith(f"{domain}.{level}")]
        relevant_here = [o for o in here if o != NR]
        if not relevant_here:
            continue  # skipped: neither awarded nor blocking
        relevant += len(relevant_here)
        met += sum(1 for o in relevant_here if o == 2)
        if met < share * relevant - 1e-9:
            break
        attained = level
    return attained


def spec_of(outcomes: dict[str, object]) -> str:
    return " ".join(f"{sid}={o}" for sid, o in outcomes.items() if o is not None)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    outcomes=st.fixed_dictionaries(dict.fromkeys(SMALL.ids, OUTCOMES)),
    rule=st.sampled_from(["all", "share:0.8", "share:0.5"]),
    data=st.data(),
)
def test_attainment_matches_the_plain_rule_and_never_drops_when_a_rating_rises(
    outcomes: dict[str, object], rule: str, data: st.DataObject
) -> None:
    share = sc.AttainmentRule.parse(rule).share
    spec = spec_of(outcomes) or "1.C1=NR"
    if spec == "1.C1=NR":
        outcomes = {**outcomes, "1.C1": NR}
    got = levels_of(sc.attained_levels(frame(rate("L", "før", spec)), SMALL, rule=rule))
    for domain in ("1", "2"):
        assert got[("L", domain)] == reference_level(outcomes, domain, share)

    raisable = [sid for sid, o in outcomes.items() if o is None or (o != NR and o != 2)]
    if raisable:
        sid = data.draw(st.sampled_from(raisable))
        old = outcomes[sid]
        floor = -1 if old is None else int(str(old))
        new = data.draw(st.integers(min_value=floor + 1, max_value=2))
        raised = frame(rate("L", "før", spec_of({**outcomes, sid: new})))
        after = levels_of(sc.attained_levels(raised, SMALL, rule=rule))
        order = ["-", "C", "P", "E"]
        for domain in ("1", "2"):
            assert order.index(after[("L", domain)]) >= order.index(got[("L", domain)])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cohort=st.lists(
        st.fixed_dictionaries(dict.fromkeys(SMALL.ids, OUTCOMES)), min_size=1, max_size=9
    ),
    min_group_size=st.integers(min_value=1, max_value=7),
)
def test_suppression_never_reveals_a_group_smaller_than_the_minimum(
    cohort: list[dict[str, object]], min_group_size: int
) -> None:
    ratings = frame(*[rate(f"L{i}", "før", spec_of(o) or "1.C1=NR") for i, o in enumerate(cohort)])
    valued = ratings.loc[ratings["value"].notna()]
    by_statement = valued.groupby("statement_id")["learner_id"].nunique()
    table = sc.cohort_statements(ratings, SMALL, min_group_size=min_group_size)
    for row in table.itertuples():
        n = int(by_statement.get(row.statement_id, 0))
        assert row.n_learners == n
        assert row.suppressed == (n < min_group_size)
        if n < min_group_size:
            assert math.isnan(row.share_met)
            assert math.isnan(row.mean_value)

    domains = sc.cohort_domains(ratings, SMALL, min_group_size=min_group_size)
    shown = domains.loc[domains["share_met"].notna()]
    assert (shown["n_learners"] >= min_group_size).all()
    attained = sc.cohort_attainment(ratings, SMALL, min_group_size=min_group_size)
    shown = attained.loc[attained["count"].notna()]
    assert (shown["n_learners"] >= min_group_size).all()
    assert len(shown) == 0 or shown["n_learners"].iloc[0] == len(cohort)


# --- edge cases worked by hand: change, one learner, scales, row order ---------------------


def test_change_keeps_a_learner_seen_only_after_and_a_domain_with_one_value() -> None:
    ratings = frame(
        rate("L1", "før", "2.C1=1"),
        rate("L1", "etter", "2.C1=2 2.E1=2 2.E2=2"),
        rate("L2", "etter", "1.C1=2 1.C2=2"),  # no før: the before side is NA, not "-"
    )
    result = sc.change(ratings, SMALL)
    d = result.domains
    assert list(d.columns) == [
        "learner_id", "rater", "domain", "mean_before", "mean_after", "mean_difference",
        "met_before", "met_after", "attained_before", "attained_after", "level_change",
    ]  # fmt: skip
    assert d.index.tolist() == [0, 1, 2, 3]
    assert [(r.learner_id, r.rater, str(r.domain)) for r in d.itertuples()] == [
        ("L1", "self", "1"),
        ("L1", "self", "2"),
        ("L2", "self", "1"),
        ("L2", "self", "2"),
    ]
    # L1 domain 2 before: one value (1), so its mean is 1.0; after 2, 2, 2
    np.testing.assert_array_equal(d["mean_before"], [np.nan, 1.0, np.nan, np.nan])
    np.testing.assert_array_equal(d["mean_after"], [np.nan, 2.0, 2.0, np.nan])
    np.testing.assert_array_equal(d["mean_difference"], [np.nan, 1.0, np.nan, np.nan])
    assert d["met_before"].tolist() == [0, 0, pd.NA, pd.NA]
    assert d["met_after"].tolist() == [0, 3, 2, 0]
    assert d["attained_before"].isna().tolist() == [False, False, True, True]
    assert d["attained_before"].iloc[:2].tolist() == ["-", "-"]
    # L2 after: 1.C1 and 1.C2 met, 1.P1 and 1.P2 unrated -> C; domain 2 unrated -> "-"
    assert d["attained_after"].tolist() == ["-", "E", "C", "-"]
    assert d["level_change"].dtype == "Int64"
    assert d["level_change"].tolist() == [0, 3, pd.NA, pd.NA]  # "-" -> E is three levels

    s = result.statements
    assert list(s.columns) == [
        "learner_id", "rater", "statement_id", "domain", "level", "before", "after",
        "difference", "before_not_relevant", "after_not_relevant",
    ]  # fmt: skip
    assert s.index.tolist() == [0, 1, 2, 3, 4]
    assert s["statement_id"].tolist() == ["2.C1", "2.E1", "2.E2", "1.C1", "1.C2"]
    assert s["difference"].tolist() == [1, pd.NA, pd.NA, pd.NA, pd.NA]


def test_strengths_and_development_areas_read_the_chosen_rater() -> None:
    ratings = frame(
        rate("L1", "før", "1.C1=2 2.E2=2 1.P1=0"),
        rate("L1", "før", "1.C1=2 1.P1=2 2.C1=0", rater="Kari"),
    )
    kari = sc.strengths(ratings, SMALL, rater="Kari")
    assert kari["statement_id"].tolist() == ["1.P1", "1.C1"]  # P before C; not self's 2.E2
    assert sc.strengths(ratings, SMALL)["statement_id"].tolist() == ["2.E2", "1.C1"]
    areas = sc.development_areas(ratings, SMALL, rater="Kari")
    assert areas["statement_id"].tolist() == ["2.C1"]


def test_a_scale_that_starts_at_one() -> None:
    four = Scale(
        "likert-4",
        tuple(ScaleItem(v, f"v{v}", f"v{v}", met=v == 4) for v in (1, 2, 3, 4)),
    )
    ratings = frame(rate("L1", "før", "1.C1=4 1.C2=4 1.P1=1 1.P2=3 2.C1=NR"))
    wide = sc.profile_wide(ratings, SMALL, four).set_index(["domain", "level"])
    c = wide.loc[("1", "C")]
    assert (c["n_1"], c["n_2"], c["n_3"], c["n_4"], c["n_met"]) == (0, 0, 0, 2, 2)
    p = wide.loc[("1", "P")]
    assert (p["n_1"], p["n_2"], p["n_3"], p["n_4"], p["n_met"]) == (1, 0, 1, 0, 0)
    assert levels_of(sc.attained_levels(ratings, SMALL, scale=four)) == {
        ("L1", "1"): "C",
        ("L1", "2"): "-",
    }
    with pytest.raises(ValueError, match=r"values \[0.0\] are not on the scale likert-4"):
        sc.profile(frame(rate("L1", "før", "1.C1=0")), SMALL, four)


def test_a_scale_with_too_many_values_is_refused() -> None:
    def scale(n: int) -> Scale:
        return Scale(
            "huge", tuple(ScaleItem(v, f"v{v}", f"v{v}", met=v == n - 1) for v in range(n))
        )

    assert len(sc.profile(frame(rate("L1", "før", "1.C1=2")), SMALL, scale(125))) > 0
    with pytest.raises(ValueError, match=r"^scales with more than 125 values are not supported$"):
        sc.profile(frame(rate("L1", "før", "1.C1=2")), SMALL, scale(126))


def test_duplicate_rows_are_refused_with_a_message_naming_the_keys() -> None:
    duplicated = frame(rate("L1", "før", "2.C1=2 2.C1=2"))
    message = (
        r"^ratings has several rows for the same learner, statement, occasion and rater; "
        r"pass the current ratings only \(Store\.ratings\(\) without history=True\)$"
    )
    with pytest.raises(ValueError, match=message):
        sc.profile(duplicated, SMALL)


def test_row_order_of_the_results_does_not_depend_on_the_order_of_the_ratings() -> None:
    everything = " ".join(f"{i}=2" for i in SMALL.ids)
    nothing = " ".join(f"{i}=0" for i in SMALL.ids)
    # L2 before L1, each in one run of rows (the fast path of factorize), and interleaved
    runs = frame(rate("L2", "før", everything), rate("L1", "før", nothing))
    mixed = runs.iloc[[i // 2 + (i % 2) * 8 for i in range(16)]].reset_index(drop=True)
    assert mixed["learner_id"].tolist()[:4] == ["L2", "L1", "L2", "L1"]
    expected = [("L1", "1", "-"), ("L1", "2", "-"), ("L2", "1", "E"), ("L2", "2", "E")]
    for ratings in (runs, mixed):
        result = sc.attained_levels(ratings, SMALL)
        assert [(r.learner_id, str(r.domain), str(r.attained)) for r in result.itertuples()] == (
            expected
        )


def test_keys_that_are_not_text_are_labelled_as_their_str() -> None:
    ratings = frame(rate("L1", "x", "2.C1=2"))
    ratings["occasion"] = pd.Timestamp("2026-03-01")
    result = sc.attained_levels(ratings, SMALL)
    assert result["occasion"].tolist() == ["2026-03-01 00:00:00"] * 2


def test_attained_codes_are_integers_also_without_levels() -> None:
    codes = _grid.attained_codes(np.zeros((2, 3, 0, 5), dtype=np.int64), DEFAULT_SCALE, Fraction(1))
    assert codes.dtype == np.int64
    assert codes.tolist() == [[0, 0, 0], [0, 0, 0]]


# --- edge cases of the outcome codes, the grid's keys and the one-learner and cohort views ---


def test_a_blank_row_is_unrated_and_a_value_marked_not_relevant_is_not_relevant() -> None:
    ratings = frame(rate("L1", "før", "1.C1=2 1.C2=1 1.P1=0"))
    ratings.loc[ratings["statement_id"] == "1.C2", "value"] = pd.NA  # a row with nothing in it
    ratings.loc[ratings["statement_id"] == "1.P1", "not_relevant"] = True  # the mark wins
    wide = sc.profile_wide(ratings, SMALL).set_index(["domain", "level"])
    columns = ["n_0", "n_1", "n_2", "n_not_relevant", "n_unrated", "n_met", "n_relevant"]
    assert wide.loc[("1", "C"), columns].tolist() == [0, 0, 1, 0, 1, 1, 2]
    assert wide.loc[("1", "P"), columns].tolist() == [0, 0, 0, 1, 1, 0, 1]
    status = sc.statement_status(ratings, SMALL).set_index("statement_id")
    assert status.loc[["1.C1", "1.C2", "1.P1"], "status"].tolist() == [
        "met",
        "unrated",
        "not_relevant",
    ]
    assert status.loc[["1.C1", "1.C2", "1.P1"], "value"].tolist() == [2, pd.NA, pd.NA]
    assert levels_of(sc.attained_levels(ratings, SMALL))[("L1", "1")] == "-"  # 1.C2 blocks


def test_a_missing_not_relevant_mark_means_not_marked() -> None:
    ratings = frame(rate("L1", "før", "1.C1=2 1.C2=1 1.P1=NR 1.P2=0"))
    ratings.loc[ratings["statement_id"] == "1.P2", "value"] = pd.NA
    ratings["not_relevant"] = pd.Series([None, np.nan, True, None], dtype=object)
    wide = sc.profile_wide(ratings, SMALL).set_index(["domain", "level"])
    columns = ["n_0", "n_1", "n_2", "n_not_relevant", "n_unrated", "n_met", "n_relevant"]
    assert wide.loc[("1", "C"), columns].tolist() == [0, 1, 1, 0, 0, 1, 2]
    assert wide.loc[("1", "P"), columns].tolist() == [0, 0, 0, 1, 1, 0, 1]
    assert wide.loc[("1", "E"), columns].tolist() == [0, 0, 0, 0, 1, 0, 1]
    status = sc.statement_status(ratings, SMALL)
    assert status["status"].tolist() == [
        "met", "not_met", "not_relevant", "unrated", "unrated", "unrated", "unrated", "unrated",
    ]  # fmt: skip
    statements = sc.change(ratings, SMALL).statements.set_index("statement_id")
    assert statements["before"].tolist() == [2, 1, pd.NA, pd.NA]
    assert statements["before_not_relevant"].tolist() == [False, False, True, False]


def test_a_scale_with_a_single_value() -> None:
    done = Scale("done", (ScaleItem(1, "Gjort", "Done", met=True),))
    ratings = frame(rate("L1", "før", "1.C1=1 1.C2=NR 1.P1=1"))
    wide = sc.profile_wide(ratings, SMALL, done).set_index(["domain", "level"])
    columns = ["n_1", "n_not_relevant", "n_unrated", "n_met", "n_relevant"]
    assert wide.loc[("1", "C"), columns].tolist() == [1, 1, 0, 1, 1]
    assert wide.loc[("1", "P"), columns].tolist() == [1, 0, 1, 1, 2]
    assert wide.loc[("2", "E"), columns].tolist() == [0, 0, 2, 0, 2]
    assert levels_of(sc.attained_levels(ratings, SMALL, scale=done)) == {
        ("L1", "1"): "C",  # 1.P2 unrated blocks P
        ("L1", "2"): "-",
    }
    assert sc.statement_status(ratings, SMALL, scale=done)["status"].tolist()[:3] == [
        "met",
        "not_relevant",
        "met",
    ]
    with pytest.raises(ValueError, match=r"^values \[0\.0\] are not on the scale done \(\[1\]\)$"):
        sc.profile(frame(rate("L1", "før", "1.C1=0")), SMALL, done)


def test_values_off_a_scale_with_gaps_are_named_in_the_message() -> None:
    gappy = Scale("gappy", tuple(ScaleItem(v, f"v{v}", f"v{v}", met=v == 5) for v in (1, 3, 5)))
    assert _grid.value_index(np.array([5.0, 1.0, 3.0]), gappy).tolist() == [2, 0, 1]
    message = r"^values \[0\.0, 1\.5, 2\.0, 6\.0\] are not on the scale gappy \(\[1, 3, 5\]\)$"
    with pytest.raises(ValueError, match=message):
        _grid.value_index(np.array([2.0, 0.0, 6.0, 1.5, 3.0]), gappy)
    fractional = frame(rate("L1", "før", "1.C1=2"))
    fractional["value"] = [1.5]
    with pytest.raises(
        ValueError, match=r"^values \[1\.5\] are not on the scale fls-kit-3 \(\[0, 1, 2\]\)$"
    ):
        sc.profile(fractional, SMALL)


def test_missing_columns_and_missing_keys_are_named() -> None:
    message = (
        r"^ratings lacks the column\(s\) \['rater', 'value'\]; expected \['learner_id', "
        r"'statement_id', 'occasion', 'rater', 'value', 'not_relevant'\]$"
    )
    with pytest.raises(ValueError, match=message):
        sc.profile(frame(rate("L1", "før", "1.C1=2")).drop(columns=["rater", "value"]), SMALL)
    for spec in ("1.C1=2 1.C2=1 1.P1=2", " ".join(f"{i}=2" for i in SMALL.ids)):
        ratings = frame(rate("L1", "før", spec), rate("L2", "før", spec))
        ratings["learner_id"] = ratings["learner_id"].astype(object)
        ratings.loc[len(ratings) - 1, "learner_id"] = None  # in a run of L2 rows, and alone
        with pytest.raises(ValueError, match=r"^ratings has rows without learner_id$"):
            sc.profile(ratings, SMALL)
        ratings.loc[:, "learner_id"] = "L1"
        ratings["rater"] = ratings["rater"].astype(object)
        ratings.loc[0, "rater"] = None
        with pytest.raises(ValueError, match=r"^ratings has rows without rater$"):
            sc.profile(ratings, SMALL)


def test_grid_rows_are_the_sorted_learner_occasion_rater_keys_seen() -> None:
    ratings = frame(
        rate("L2", "før", "1.C1=2", rater="Ola"),
        rate("L1", "etter", "1.C2=1"),
        rate("L1", "før", "2.E2=0", rater="Kari"),
        rate("L2", "etter", "1.C1=NR"),
    )
    grid = _grid.build_grid(ratings, SMALL, DEFAULT_SCALE)
    assert list(grid.keys.itertuples(index=False, name=None)) == [
        ("L1", "etter", "self"),
        ("L1", "før", "Kari"),
        ("L2", "etter", "self"),
        ("L2", "før", "Ola"),
    ]
    # codes: 0..2 the value's position, 3 not relevant, 4 unrated; statements in framework order
    assert grid.codes.tolist() == [
        [4, 1, 4, 4, 4, 4, 4, 4],
        [4, 4, 4, 4, 4, 4, 4, 0],
        [3, 4, 4, 4, 4, 4, 4, 4],
        [2, 4, 4, 4, 4, 4, 4, 4],
    ]
    codes, occasions = grid.occasions()
    assert codes.tolist() == [0, 1, 0, 1]
    assert occasions.tolist() == ["etter", "før"]
    kari = grid.select(np.array([False, True, False, False]))
    assert kari.keys.to_dict("list") == {
        "learner_id": ["L1"],
        "occasion": ["før"],
        "rater": ["Kari"],
    }
    assert kari.codes.tolist() == [[4, 4, 4, 4, 4, 4, 4, 0]]


def test_both_ways_of_numbering_the_grid_rows_agree() -> None:
    combined = np.array([7, 3, 7, 0], dtype=np.int64)
    for space in (8, 50_000_000, 50_000_001, 10**12):  # a presence table, then hashing
        codes, uniq = _grid._dense(combined, space)
        assert codes.tolist() == [2, 1, 2, 0]
        assert uniq.tolist() == [0, 3, 7]
        assert codes.dtype == np.int64
        assert uniq.dtype == np.int64


def test_layout_places_each_statement_in_its_domain_and_level_cell() -> None:
    layout = _grid.Layout.of(SMALL)
    assert (layout.n_domains, layout.n_levels) == (2, 3)
    assert layout.stmt_domain.tolist() == [0, 0, 0, 0, 0, 1, 1, 1]
    assert layout.stmt_level.tolist() == [0, 0, 1, 1, 2, 0, 2, 2]
    assert layout.n_statements.tolist() == [[2, 2, 1], [1, 0, 2]]
    d, lv = layout.cells()
    assert (d.tolist(), lv.tolist()) == ([0, 0, 0, 1, 1], [0, 1, 2, 0, 2])
    columns = layout.statement_columns(np.array([5, 0, 7]))
    assert list(columns["domain"]) == ["2", "1", "2"]
    assert list(columns["level"]) == ["C", "C", "E"]


def test_rule_edge_cases() -> None:
    with pytest.raises(ValueError, match=r"^share must be in \(0, 1\], not 0$"):
        sc.AttainmentRule(0)
    with pytest.raises(ValueError, match=r"^share must be in \(0, 1\], not 1\.01$"):
        sc.AttainmentRule(1.01)
    assert sc.AttainmentRule(1).share == 1
    assert sc.AttainmentRule.parse("ALLE") == sc.AttainmentRule()
    assert sc.AttainmentRule.parse("andel:0,75").share == 0.75
    assert sc.AttainmentRule.parse("share: 80 %").share == 0.8
    rule = sc.AttainmentRule(0.5)
    assert sc.AttainmentRule.parse(rule) is rule
    assert sc.AttainmentRule(0.8).fraction == Fraction(4, 5)
    assert sc.AttainmentRule(2 / 3).fraction == Fraction(2, 3)
    assert str(sc.AttainmentRule(0.75)) == "share:0.75"
    with pytest.raises(ValueError, match=r"^weights must be 'linear' or 'quadratic', not 'cubic'$"):
        sc.agreement(AGREEMENT, weights="cubic")


def test_agreement_pairs_columns_and_order() -> None:
    ratings = frame(
        rate("L2", "før", "1.C1=1"),
        rate("L1", "før", "1.C2=1 1.C1=2"),
        rate("L1", "før", "1.C2=2 1.C1=0", rater="Ola"),
        rate("L1", "før", "1.C1=1 1.C2=NR", rater="Kari"),
        rate("L2", "før", "1.C1=2", rater="Kari"),
    )
    pairs = sc.agreement_pairs(ratings)
    assert list(pairs.columns) == [
        "learner_id", "statement_id", "occasion", "assessor",
        "self_value", "assessor_value", "difference",
    ]  # fmt: skip
    assert pairs.index.tolist() == [0, 1, 2, 3]
    assert [tuple(r) for r in pairs.astype(str).itertuples(index=False)] == [
        ("L1", "1.C1", "før", "Kari", "2", "1", "1"),
        ("L1", "1.C1", "før", "Ola", "2", "0", "2"),
        ("L1", "1.C2", "før", "Ola", "1", "2", "-1"),
        ("L2", "1.C1", "før", "Kari", "1", "2", "-1"),
    ]
    assert sc.agreement_pairs(ratings, assessor="Ola")["assessor_value"].tolist() == [0, 2]


def test_statement_status_for_a_chosen_learner_rater_and_occasion() -> None:
    ratings = frame(
        rate("L1", "før", "1.C1=2 1.C2=NR"),
        rate("L1", "etter", "1.C1=0 2.E2=2"),
        rate("L2", "før", "1.C1=1"),
        rate("L1", "før", "1.C1=1 1.P1=2", rater="Kari"),
    )
    mine = sc.statement_status(ratings, SMALL, learner_id="L1", occasion="etter")
    assert list(mine.columns) == ["statement_id", "domain", "level", "text", "value", "status"]
    assert mine["statement_id"].tolist() == SMALL.ids
    assert mine["value"].tolist() == [0, *[pd.NA] * 6, 2]
    assert mine["status"].tolist() == ["not_met", *["unrated"] * 6, "met"]
    assert list(mine["status"].cat.categories) == ["met", "not_met", "not_relevant", "unrated"]
    kari = sc.statement_status(ratings, SMALL, learner_id="L1", rater="Kari")  # one occasion
    assert kari["status"].tolist()[:3] == ["not_met", "unrated", "met"]
    nobody = sc.statement_status(ratings, SMALL, learner_id="L9")
    assert (nobody["status"] == "unrated").all()
    assert nobody["value"].isna().all()
    twice = frame(rate("L1", "før", "1.C1=2"), rate("L1", "før", "1.C1=1"))
    message = r"^several ratings of one statement: pass the current ratings only$"
    with pytest.raises(ValueError, match=message):
        sc.statement_status(twice, SMALL)
    with pytest.raises(
        ValueError, match=r"^values \[3\.0\] are not on the scale fls-kit-3 \(\[0, 1, 2\]\)$"
    ):
        sc.statement_status(frame(rate("L1", "før", "1.C1=3")), SMALL)


def test_cohort_statements_for_a_chosen_rater() -> None:
    ratings = pd.concat([FIVE, frame(rate("C2", "før", "1.C1=1 1.C2=2", rater="Kari"))])
    kari = sc.cohort_statements(ratings, SMALL, rater="Kari", min_group_size=2)
    assert list(kari.columns) == [
        "occasion", "statement_id", "domain", "level",
        "n_learners", "share_met", "share_partly", "mean_value", "suppressed",
    ]  # fmt: skip
    assert kari["statement_id"].tolist() == SMALL.ids
    assert (kari["occasion"] == "før").all()
    assert list(kari["domain"]) == ["1"] * 5 + ["2"] * 3
    assert list(kari["level"]) == ["C", "C", "P", "P", "E", "C", "E", "E"]
    assert kari["n_learners"].tolist() == [2, 2, 0, 0, 0, 0, 0, 0]
    # 1.C1: C1 0 and C2 1 -> none met, half partly, mean 0.5; 1.C2: 0 and 2
    assert kari.loc[0, ["share_met", "share_partly", "mean_value"]].tolist() == [0.0, 0.5, 0.5]
    assert kari.loc[1, ["share_met", "share_partly", "mean_value"]].tolist() == [0.5, 0.0, 1.0]
    assert kari["suppressed"].tolist() == [False, False, *[True] * 6]
    assert sc.cohort_statements(FIVE, SMALL, rater="Ola").empty  # no such rater: no occasions


def test_weakest_statements_ties_occasions_and_rater() -> None:
    ratings = frame(
        rate("A", "før", "1.C1=2 1.C2=2 1.P1=1 1.P2=2 1.E1=0 2.C1=NR"),
        rate("B", "før", "1.C1=0 1.C2=0 1.P1=0 1.P2=1 1.E1=0 2.C1=NR"),
        rate("A", "etter", "1.C1=2 1.C2=1"),
        rate("A", "før", "1.C1=2 1.P2=0", rater="Kari"),
    )
    weakest = sc.weakest_statements(ratings, SMALL, min_group_size=1)
    # etter before før (sorted); share met, then mean, then framework order (1.C1 and 1.C2 tie)
    assert list(zip(weakest["occasion"], weakest["statement_id"], strict=True)) == [
        ("etter", "1.C2"), ("etter", "1.C1"),
        ("før", "1.E1"), ("før", "1.P1"), ("før", "1.C1"), ("før", "1.C2"), ("før", "1.P2"),
    ]  # fmt: skip
    assert weakest.index.tolist() == list(range(7))
    two = sc.weakest_statements(ratings, SMALL, n=2, min_group_size=1)
    assert two["statement_id"].tolist() == ["1.C2", "1.C1", "1.E1", "1.P1"]
    assert sc.weakest_statements(ratings, SMALL, min_group_size=2)[
        "occasion"
    ].unique().tolist() == ["før"]
    kari = sc.weakest_statements(ratings, SMALL, rater="Kari", min_group_size=1)
    assert kari["statement_id"].tolist() == ["1.P2", "1.C1"]


def test_profile_wide_share_met_of_relevant_is_nan_when_nothing_is_relevant() -> None:
    ratings = frame(rate("L1", "før", "2.C1=NR 2.E1=2 2.E2=1"))
    wide = sc.profile_wide(ratings, SMALL).set_index(["domain", "level"])
    c = wide.loc[("2", "C")]
    assert (c["n_relevant"], c["share_not_relevant"]) == (0, 1.0)
    assert math.isnan(c["share_met_of_relevant"])
    e = wide.loc[("2", "E")]
    assert (e["share_1"], e["share_2"], e["share_met_of_relevant"]) == (0.5, 0.5, 0.5)


def test_prepared_ratings_refuse_another_framework_or_scale(fw: Framework) -> None:
    prepared = sc.prepare(frame(rate("L1", "før", "1.C1=2")), SMALL)
    four = Scale(
        "likert-4", tuple(ScaleItem(v, f"v{v}", f"v{v}", met=v == 4) for v in (1, 2, 3, 4))
    )
    message = r"^prepared for another framework or scale: prepare\(\) again$"
    with pytest.raises(ValueError, match=message):
        sc.profile(prepared, fw)
    with pytest.raises(ValueError, match=message):
        sc.profile(prepared, SMALL, four)
    assert sc.profile_wide(prepared, SMALL)["n_2"].tolist() == [1, 0, 0, 0, 0]
