"""The bundled FFN framework: complete, word for word the source, in framework order."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from seed_text import SEED, read_domain_titles, read_seed

from fls_kit import Framework, load_framework
from fls_kit.framework import build_framework

# (Competent, Proficient, Expert) per domain, counted in the source PDF.
EXPECTED_COUNTS = {
    "1": (2, 4, 4),
    "2": (6, 5, 4),
    "3.1": (3, 1, 1),
    "3.2": (1, 2, 2),
    "3.3": (7, 8, 2),
    "4": (5, 3, 2),
    "5": (1, 4, 1),
    "6": (3, 8, 9),
}
needs_seed = pytest.mark.skipif(
    not SEED.exists(), reason=f"source text not found at {SEED} (../shared/seed is absent)"
)


def test_counts_per_domain_and_level(fw: Framework) -> None:
    counts = fw.counts()
    assert list(counts.index) == list(EXPECTED_COUNTS)
    assert list(counts.columns) == ["C", "P", "E", "Sum"]
    for domain, expected in EXPECTED_COUNTS.items():
        assert tuple(counts.loc[domain, ["C", "P", "E"]]) == expected, domain
        assert counts.loc[domain, "Sum"] == sum(expected)
    assert len(fw) == 88
    assert counts["Sum"].sum() == 88


def test_ids_follow_the_rule_and_count_from_one(fw: Framework) -> None:
    st = fw.statements
    for sid, row in st.iterrows():
        assert re.fullmatch(r"\d+(\.\d+)?\.[CPE]\d+", str(sid)), sid
        assert sid == f"{row['domain']}.{row['level']}{row['number']}"
    for (domain, level), group in st.groupby(["domain", "level"], observed=True):
        assert sorted(group["number"]) == list(range(1, len(group) + 1)), (domain, level)
    assert st.index.is_unique


@needs_seed
def test_every_norwegian_text_equals_the_source(fw: Framework) -> None:
    seed = read_seed()
    assert list(seed) == list(fw.statements.index)  # same statements, same order
    for sid, (domain, text) in seed.items():
        assert fw[sid].domain == domain
        assert fw[sid].text_nb == text, sid


@needs_seed
def test_domain_titles_equal_the_source(fw: Framework) -> None:
    titles = read_domain_titles()
    assert titles == dict(fw.domains["title_nb"])


@pytest.mark.parametrize(
    ("sid", "text"),
    [
        ("6.P3", "Leder kvalitetsforbedringsprosessen"),
        (
            "6.P2",
            "Utarbeider en kvalitetsforbedringsprosess i samarbeid med primær- og "
            "spesialisthelsetjenesten",
        ),
        ("5.P2", "Tolker DXA-kontroller for å identifisere klinisk relevante endringer"),
        ("1.C2", "Søker råd fra erfarne klinikere ved tvil om pasienten er samtykkekompetent"),
    ],
)
def test_exact_texts(fw: Framework, sid: str, text: str) -> None:
    assert fw[sid].text_nb == text


def test_pdf_line_break_artefacts_are_resolved(fw: Framework) -> None:
    assert "primær- og spesialisthelsetjenesten" in fw["6.P2"].text_nb
    assert "DXA-kontroller" in fw["5.P2"].text_nb
    assert "regionale/nasjonale" in fw["1.E1"].text_nb
    for sid, text in fw.statements["text_nb"].items():
        assert "/ " not in text, sid
        assert " -" not in text, sid
        assert "  " not in text, sid
        assert text == text.strip(), sid
        assert not re.search(r"ings-p", text), sid  # "kvalitetsforbedrings-prosessen"


def test_levels_are_an_ordered_categorical(fw: Framework) -> None:
    level = fw.statements["level"]
    assert isinstance(level.dtype, pd.CategoricalDtype)
    assert level.cat.ordered
    assert list(level.cat.categories) == ["C", "P", "E"]
    assert (level.min(), level.max()) == ("C", "E")
    assert list(fw.levels.index) == ["C", "P", "E"]
    assert list(fw.levels["name_nb"]) == ["Kompetent", "Erfaren", "Ekspert"]
    assert list(fw.levels["name_en"]) == ["Competent", "Proficient", "Expert"]


def test_sorting_follows_the_framework_not_the_alphabet(fw: Framework) -> None:
    st = fw.statements
    shuffled = st.sample(frac=1, random_state=7)
    again = shuffled.sort_values(["domain", "level", "number"])
    assert list(again.index) == list(st.index)
    order = list(st["domain"].cat.categories)
    assert order.index("3.2") < order.index("3.3") < order.index("4")
    # Within a domain, Expert comes after Proficient although "E" < "P" alphabetically.
    assert list(st.loc[st["domain"] == "1", "level"].drop_duplicates()) == ["C", "P", "E"]


def test_numbers_sort_as_numbers() -> None:
    """Domain 10 after 9 and statement C10 after C9: no lexical traps."""
    codes = [str(n) for n in range(1, 11)]
    levels = pd.DataFrame(
        {"name_nb": ["Kompetent"], "name_en": ["Competent"]}, index=pd.Index(["C"])
    )
    domains = pd.DataFrame(
        {"parent": None, "title_nb": codes, "title_en": codes}, index=pd.Index(codes)
    )
    ids = [f"{d}.C{n}" for d in ("10", "9", "2") for n in (10, 9, 1)]
    statements = pd.DataFrame(
        {
            "domain": [i.split(".")[0] for i in ids],
            "level": "C",
            "number": [int(i.rsplit("C", 1)[1]) for i in ids],
            "text_nb": ids,
            "text_en": "",
        },
        index=pd.Index(ids),
    )
    fw = build_framework({"title_nb": "Test"}, levels, domains, statements)
    assert fw.ids == ["2.C1", "2.C9", "2.C10", "9.C1", "9.C9", "9.C10", "10.C1", "10.C9", "10.C10"]
    assert list(fw.counts().index) == ["2", "9", "10"]


def test_english_is_complete_and_marked_unofficial(fw: Framework) -> None:
    assert (fw.statements["text_en"].str.len() > 0).all()
    assert (fw.domains["title_en"].str.len() > 0).all()
    assert "unofficial" in fw.meta["english_translation"].lower()
    assert fw.meta["language"] == "nb"
    assert fw.meta["translator"] == "FFN Norge"


def test_lookup_by_id(fw: Framework) -> None:
    st = fw["2.C3"]
    assert (st.id, st.domain, st.level, st.number) == ("2.C3", "2", "C", 3)
    assert st.text == st.text_nb == fw.statements.at["2.C3", "text_nb"]
    assert st.domain_title == "Identifisering og bruddrisikovurdering"
    assert st.level_name == "Kompetent"
    assert str(st).startswith("2.C3 ")
    assert "2.C3" in fw
    assert "2.C99" not in fw
    with pytest.raises(KeyError, match=r"2\.C99"):
        fw["2.C99"]
    with pytest.raises(KeyError):
        fw["foo"]


def test_filter_by_parent_domain_gives_its_subdomains(fw: Framework) -> None:
    three = fw.filter(domain="3")
    assert len(three) == 27
    assert set(three["domain"].astype(str)) == {"3.1", "3.2", "3.3"}
    assert len(fw.filter(domain="3.3")) == 17
    assert fw.domain_codes("3") == ["3.1", "3.2", "3.3"]
    with pytest.raises(KeyError):
        fw.filter(domain="9")


@pytest.mark.parametrize("level", ["E", "Ekspert", "expert", "EKSPERT"])
def test_filter_by_level_name_in_either_language(fw: Framework, level: str) -> None:
    expert = fw.filter(level=level)
    assert len(expert) == sum(e for _, _, e in EXPECTED_COUNTS.values())
    assert set(expert["level"].astype(str)) == {"E"}


def test_filter_by_domain_and_level(fw: Framework) -> None:
    rows = fw.filter(domain="6", level=["P", "Ekspert"])
    assert len(rows) == 8 + 9
    with pytest.raises(KeyError):
        fw.filter(level="Mester")


def test_search_ignores_case(fw: Framework) -> None:
    upper = fw.search("FRAX")
    assert len(upper) > 0
    assert list(upper.index) == list(fw.search("frax").index) == list(fw.search("Frax").index)
    assert all("frax" in t.lower() for t in upper["text_nb"])


def test_search_ignores_accents(fw: Framework) -> None:
    plain = fw.search("fallforebygging")
    assert len(plain) > 0
    assert list(fw.search("fallforébygging").index) == list(plain.index)
    assert list(fw.search("FALLFORÈBYGGING").index) == list(plain.index)


def test_search_finds_every_word_in_any_order(fw: Framework) -> None:
    hits = fw.search("pårørende pasient")
    assert len(hits) > 0
    for text in hits["text_nb"] + " " + hits["text_en"]:
        assert "pårørende" in text.lower()
        assert "pasient" in text.lower() or "patient" in text.lower()


def test_search_keeps_norwegian_letters_distinct() -> None:
    """«bor» (lives) must not find «bør» (should): ø is a letter, not an accented o."""
    levels = pd.DataFrame({"name_nb": ["Kompetent"], "name_en": [""]}, index=pd.Index(["C"]))
    domains = pd.DataFrame(
        {"parent": [None], "title_nb": ["Test"], "title_en": [""]}, index=pd.Index(["1"])
    )
    texts = ["Pasienten bør ha oppfølging", "Pasienten bor alene", "Går på ski", "Gar i bånd"]
    ids = [f"1.C{n}" for n in range(1, len(texts) + 1)]
    statements = pd.DataFrame(
        {"domain": "1", "level": "C", "number": range(1, 5), "text_nb": texts, "text_en": ""},
        index=pd.Index(ids),
    )
    fw = build_framework({"title_nb": "Test"}, levels, domains, statements)
    assert list(fw.search("bor").index) == ["1.C2"]
    assert list(fw.search("bør").index) == ["1.C1"]
    assert list(fw.search("BØR").index) == ["1.C1"]
    assert list(fw.search("går").index) == ["1.C3"]
    assert list(fw.search("gar").index) == ["1.C4"]


def test_search_reads_digraphs_as_norwegian_letters(fw: Framework) -> None:
    with_letters = fw.search("følger")
    assert len(with_letters) > 0
    assert list(fw.search("foelger").index) == list(with_letters.index)
    relatives = fw.search("pårørende")
    assert len(relatives) > 0
    assert list(fw.search("paaroerende").index) == list(relatives.index)
    assert list(fw.search("PAARØRENDE").index) == list(relatives.index)


def test_search_matches_ids_and_english(fw: Framework) -> None:
    assert "3.3.P8" in fw.search("3.3.P8").index
    assert list(fw.search("capacity to consent").index) == ["1.C2"]
    assert fw.search("ingen slike ord her").empty


def test_english_framework(fw_en: Framework, fw: Framework) -> None:
    assert fw_en.lang == "en"
    assert fw_en.title == fw.meta["title_en"]
    assert fw.title == fw.meta["title_nb"]
    assert (fw_en.statements["text"] == fw_en.statements["text_en"]).all()
    assert (fw.statements["text"] == fw.statements["text_nb"]).all()
    assert fw_en["4.C1"].domain_title == "Falls prevention"
    assert fw_en["4.C1"].level_name == "Competent"
    assert fw_en.domains.at["3", "title"] == "Bone health and osteoporosis management"
    assert list(fw_en.levels["name"]) == ["Competent", "Proficient", "Expert"]
    assert fw.in_language("en").statements["text"].equals(fw_en.statements["text"])
    with pytest.raises(ValueError, match="lang"):
        load_framework(lang="de")


def test_loading_again_gives_the_same_framework(fw: Framework) -> None:
    """Loading is cheap enough to repeat (the 100 ms goal is checked by
    benchmarks/framework_load.py, not here: timing asserts make flaky tests)."""
    for _ in range(3):
        again = load_framework()
        assert again.statements.equals(fw.statements)
        assert again.domains.equals(fw.domains)


def test_load_from_folder_and_toml(fw: Framework) -> None:
    from fls_kit.framework import BUNDLED

    assert load_framework(BUNDLED).statements.equals(fw.statements)
    assert load_framework(BUNDLED / "framework.toml").statements.equals(fw.statements)
