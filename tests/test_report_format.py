"""How the reports write numbers, dates, ratings and the attainment rule, in both languages."""

from __future__ import annotations

from datetime import date

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
