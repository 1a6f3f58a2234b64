"""The competency framework as pandas DataFrames: `Framework`, `Statement`, `build_framework`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from fls_kit._i18n import LANGS
from fls_kit._text import fold, query_variants

STATEMENT_ID = re.compile(r"^(?P<domain>\d+(?:\.\d+)*)\.(?P<level>[A-Z])(?P<number>\d+)$")


@dataclass(frozen=True)
class Statement:
    """One competency statement, e.g. `fw["2.C3"]`."""

    id: str
    domain: str
    level: str
    number: int
    text: str
    text_nb: str
    text_en: str
    domain_title: str
    level_name: str

    def __str__(self) -> str:
        return f"{self.id} {self.text}"


@dataclass
class Framework:
    """A competency framework: levels, domains and statements, in framework order.

    `statements` has the statement id as index and `domain` and `level` as ordered
    categoricals, so sorting and grouping follow the framework, not the alphabet.
    """

    meta: dict[str, Any]
    levels: pd.DataFrame
    domains: pd.DataFrame
    statements: pd.DataFrame
    lang: str = "nb"
    source: str = ""
    _folded: pd.Series = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._folded = (
            self.statements.index.to_series()
            + " "
            + self.statements["text_nb"]
            + " "
            + self.statements["text_en"]
        ).map(fold)

    @property
    def title(self) -> str:
        return str(self.meta.get(f"title_{self.lang}") or self.meta.get("title_nb", ""))

    @property
    def ids(self) -> list[str]:
        return list(self.statements.index)

    def __len__(self) -> int:
        return len(self.statements)

    def __contains__(self, statement_id: object) -> bool:
        return statement_id in self.statements.index

    def __getitem__(self, statement_id: str) -> Statement:
        if statement_id not in self.statements.index:
            raise KeyError(f"unknown statement {statement_id!r}")
        row = self.statements.loc[statement_id]
        return Statement(
            id=statement_id,
            domain=str(row["domain"]),
            level=str(row["level"]),
            number=int(str(row["number"])),
            text=str(row["text"]),
            text_nb=str(row["text_nb"]),
            text_en=str(row["text_en"]),
            domain_title=str(row["domain_title"]),
            level_name=str(row["level_name"]),
        )

    def domain_codes(self, domain: str | None = None) -> list[str]:
        """Domains that hold statements; `domain="3"` gives 3.1, 3.2 and 3.3."""
        codes = [str(c) for c in self.statements["domain"].cat.categories]
        if domain is None:
            return codes
        if domain not in self.domains.index:
            raise KeyError(f"unknown domain {domain!r}")
        return [c for c in codes if c == domain or c.startswith(f"{domain}.")]

    def level_codes(self, level: str | Iterable[str] | None = None) -> list[str]:
        """Level codes; accepts codes or names in either language ("E", "Ekspert", "expert")."""
        codes = [str(c) for c in self.levels.index]
        if level is None:
            return codes
        wanted = [level] if isinstance(level, str) else list(level)
        out = []
        for item in wanted:
            key = fold(item)
            match = [
                c
                for c in codes
                if key
                in {
                    fold(c),
                    fold(str(self.levels.at[c, "name_nb"])),
                    fold(str(self.levels.at[c, "name_en"])),
                }
            ]
            if not match:
                raise KeyError(f"unknown level {item!r}")
            out.extend(match)
        return [c for c in codes if c in out]

    def filter(
        self,
        domain: str | None = None,
        level: str | Iterable[str] | None = None,
    ) -> pd.DataFrame:
        """The statements of one domain (with its subdomains) and/or one or more levels."""
        mask = pd.Series(True, index=self.statements.index)
        if domain is not None:
            mask &= self.statements["domain"].isin(self.domain_codes(domain))
        if level is not None:
            mask &= self.statements["level"].isin(self.level_codes(level))
        return self.statements[mask]

    def search(self, query: str) -> pd.DataFrame:
        """Statements whose id or text (nb or en) holds every word of `query`.

        Case and accents are ignored; æ, ø and å are letters of their own, and may be typed
        as ae, oe and aa.
        """
        variants = query_variants(query)
        mask = pd.Series(False, index=self.statements.index)
        for variant in variants:
            words = variant.split()
            hit = pd.Series(True, index=self.statements.index)
            for word in words:
                hit &= self._folded.str.contains(word, regex=False)
            mask |= hit
        return self.statements[mask]

    def counts(self) -> pd.DataFrame:
        """Number of statements per domain (rows) and level (columns), with totals."""
        table = pd.crosstab(self.statements["domain"], self.statements["level"], dropna=False)
        table.columns = table.columns.astype(str)
        table.index = table.index.astype(str)
        table["Sum"] = table.sum(axis=1)
        return table

    def in_language(self, lang: str) -> Framework:
        """The same framework with `text`, titles and names in `lang`."""
        return build_framework(
            self.meta, self.levels, self.domains, self.statements, lang=lang, source=self.source
        )


def build_framework(
    meta: dict[str, Any],
    levels: pd.DataFrame,
    domains: pd.DataFrame,
    statements: pd.DataFrame,
    *,
    lang: str = "nb",
    source: str = "",
) -> Framework:
    """Assemble a Framework from validated tables: add categoricals and `lang` columns."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    levels = levels[["name_nb", "name_en"]].copy()
    levels["name"] = _pick(levels, "name", lang)
    levels.index.name = "level"

    domains = domains[["parent", "title_nb", "title_en"]].copy()
    domains["title"] = _pick(domains, "title", lang)
    domains.index.name = "domain"

    st = statements[["domain", "level", "number", "text_nb", "text_en"]].copy()
    st.index.name = "id"
    used = [d for d in domains.index if d in set(st["domain"])]
    st["domain"] = pd.Categorical(st["domain"], categories=used, ordered=True)
    st["level"] = pd.Categorical(st["level"], categories=list(levels.index), ordered=True)
    st["number"] = st["number"].astype(int)
    st["text"] = _pick(st, "text", lang)
    st["domain_title"] = st["domain"].map(domains["title"]).astype(str)
    st["level_name"] = st["level"].map(levels["name"]).astype(str)
    domains["n_statements"] = (
        st["domain"].astype(str).value_counts().reindex(domains.index, fill_value=0)
    )
    st = st.sort_values(["domain", "level", "number"], kind="stable")
    return Framework(dict(meta), levels, domains, st, lang=lang, source=source)


def _pick(frame: pd.DataFrame, stem: str, lang: str) -> pd.Series:
    """The `lang` column of `stem`, falling back to Norwegian where it is empty."""
    chosen = frame[f"{stem}_{lang}"].fillna("").astype(str)
    fallback = frame[f"{stem}_nb"].fillna("").astype(str)
    return chosen.where(chosen.str.len() > 0, fallback)
