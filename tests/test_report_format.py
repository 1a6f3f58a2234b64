"""How the reports write numbers, dates, ratings and the attainment rule, in both languages."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from fls_kit import Framework
from fls_kit.reports._html import Fmt, change_text, rule_text
from fls_kit.scales import DEFAULT_SCALE
from fls_kit.scoring import AttainmentRule


def test_hours_use_a_decimal_comma_in_norwegian(fw: Framework) -> None:
    assert Fmt("nb", fw).hours(1.5) == "1,5"
    assert Fmt("en", fw).hours(1.5) == "1.5"
    assert Fmt("nb", fw).hours(2.0) == "2"


def test_dates_in_words_and_missing_dates_blank(fw: Framework) -> None:
    nb, en = Fmt("nb", fw), Fmt("en", fw)
    assert nb.date(date(2026, 3, 2)) == "2. mars 2026"
    assert en.date(pd.Timestamp("2026-03-02 09:15", tz="UTC")) == "2 March 2026"
    assert nb.date(None) == ""
    assert nb.date(float("nan")) == ""
    assert nb.date(pd.NaT) == ""  # an occasion with no date


def test_ratings_without_a_scale_are_the_plain_value(fw: Framework) -> None:
    f = Fmt("nb", fw)
    assert f.rating(2) == "2"
    assert f.rating(None) == ""
    assert f.rating(pd.NA) == ""


def test_ratings_with_the_scale_are_its_labels(fw: Framework) -> None:
    nb, en = Fmt("nb", fw, DEFAULT_SCALE), Fmt("en", fw, DEFAULT_SCALE)
    assert nb.rating(2) == "Oppfylt"
    assert en.rating(0) == "Not yet"
    assert nb.rating(None) == "Ikke vurdert"
    assert nb.rating(None, not_relevant=True) == "Ikke relevant for min rolle"
    assert en.rating(1, not_relevant=True) == DEFAULT_SCALE.label(None, "en", not_relevant=True)
    assert nb.met == "Oppfylt"
    assert Fmt("nb", fw).met == ""


def test_the_rule_in_words(fw: Framework) -> None:
    nb, en = Fmt("nb", fw, DEFAULT_SCALE), Fmt("en", fw, DEFAULT_SCALE)
    assert rule_text(nb, AttainmentRule.parse("all")).startswith(
        "Et nivå er nådd når alle relevante utsagn"
    )
    assert "«Oppfylt»" in rule_text(nb, AttainmentRule.parse("all"))
    share = rule_text(nb, AttainmentRule.parse("share:0.8"))
    assert share.startswith("Et nivå er nådd når minst 80\u00a0% av de relevante utsagnene")
    assert "«Oppfylt»" in share
    assert rule_text(en, AttainmentRule.parse("share:0.8")).startswith(
        "A level is reached when at least 80% of the relevant statements"
    )


def test_change_in_words(fw: Framework) -> None:
    nb = Fmt("nb", fw)
    assert change_text(nb, 2) == "↑ 2 nivå opp"
    assert change_text(nb, -1) == "↓ 1 nivå ned"
    assert change_text(nb, 0) == "uendret"


def test_numbers_are_signed_with_decimal_comma_and_minus_sign_in_norwegian(fw: Framework) -> None:
    nb, en = Fmt("nb", fw), Fmt("en", fw)
    assert nb.num(0.5) == "+0,5"
    assert nb.num(-1.25, 2) == "−1,25"  # U+2212, not a hyphen
    assert en.num(0.5) == "+0.5"
    assert en.num(-1.25, 2) == "-1.25"
    # With no decimals: a plain whole number, no plus sign.
    assert nb.num(2.6, 0) == "3"
    assert nb.num(-2.6, 0) == "−3"
    assert en.num(3.0, 0) == "3"
    assert nb.num(None) == "–"
    assert nb.num(float("nan")) == "–"


def test_dates_given_as_text_or_numpy_are_written_in_words(fw: Framework) -> None:
    nb, en = Fmt("nb", fw), Fmt("en", fw)
    assert en.date("2026-12-31") == "31 December 2026"
    assert nb.date("2026-12-31") == "31. desember 2026"
    assert en.date(np.datetime64("2026-01-05")) == "5 January 2026"
    assert nb.date(np.datetime64("2026-01-05")) == "5. januar 2026"
    assert en.date(np.datetime64("NaT")) == ""
    assert en.date(pd.NA) == ""


def test_every_rating_label_in_both_languages(fw: Framework) -> None:
    nb, en = Fmt("nb", fw, DEFAULT_SCALE), Fmt("en", fw, DEFAULT_SCALE)
    assert [nb.rating(v) for v in (0, 1, 2, 2.0)] == ["Ikke ennå", "Delvis", "Oppfylt", "Oppfylt"]
    assert [en.rating(v) for v in (0, 1, 2, 2.0)] == ["Not yet", "Partly", "Met", "Met"]
    for missing in (None, float("nan"), np.nan, pd.NA):  # unrated
        assert nb.rating(missing) == "Ikke vurdert"
        assert en.rating(missing) == "Not rated"
    assert nb.rating(float("nan"), not_relevant=True) == "Ikke relevant for min rolle"
    assert en.rating(None, not_relevant=True) == "Not relevant to my role"
    assert en.rating(2, not_relevant=True) == "Not relevant to my role"
    assert Fmt("en", fw).rating(float("nan")) == ""
    assert Fmt("en", fw).rating(1.0) == "1.0"


def test_shares_are_whole_percent_with_a_non_breaking_space_in_norwegian(fw: Framework) -> None:
    nb, en = Fmt("nb", fw), Fmt("en", fw)
    assert nb.pct(0.8) == "80\u00a0%"
    assert nb.pct(0.125) == "12\u00a0%"
    assert en.pct(0.8) == "80%"
    assert en.pct(1) == "100%"
    assert nb.pct(None) == "–"
    assert en.pct(float("nan")) == "–"


def test_levels_and_domains_by_name_in_the_frameworks_language(
    fw: Framework, fw_en: Framework
) -> None:
    nb, en = Fmt("nb", fw), Fmt("en", fw_en)
    assert nb.level("P") == "Erfaren"
    assert en.level("P") == "Proficient"
    assert nb.level("-") == "Ikke nådd Kompetent ennå"  # not yet the first level
    assert en.level("-") == "Not yet Competent"
    assert nb.domain("3.1") == "3.1 Livsstilsendring"
    assert en.domain("3.1") == "3.1 Lifestyle change"
