"""The tables of the results workbook, built from what the store returns (no file I/O).

Each sheet is a `ResultsSheet`: the table exactly as the cells show it, plus layout hints for
the writer in `fls_kit.results._sheet`. The public face is `fls_kit.results._workbook`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from fls_kit import privacy, scoring
from fls_kit._i18n import t
from fls_kit._palette import LEVEL_COLOURS
from fls_kit.errors import StoreError
from fls_kit.framework import Framework
from fls_kit.results._sheet import MAX_ROWS, Note, ResultsSheet, safe_sheet_name
from fls_kit.scales import Scale
from fls_kit.scoring import SELF, AttainmentRule
from fls_kit.store import Store

LOCAL_TIME = "Europe/Oslo"  # recorded_at is stored in UTC; educators read Norwegian time
NOT_YET = "–"  # shown for "not yet Kompetent", and for hidden figures
# Same calm sequential palette as the cohort dashboard (grey, then light to dark blue): it
# stays distinct for colour-blind readers and in greyscale, and the cells also carry the name.
NOT_YET_COLOUR = LEVEL_COLOURS[0].lstrip("#").upper()
# The shared level blues, with two in between for frameworks with more than three levels.
BLUES = ["C6DBEF", *(c.lstrip("#").upper() for c in LEVEL_COLOURS[1:3]), "2171B5",
         LEVEL_COLOURS[3].lstrip("#").upper()]  # fmt: skip


def _h(key: str, lang: str, **params: object) -> str:
    """A column header: `excel.col.<key>` in the catalogue."""
    return t(f"excel.col.{key}", lang, **params)


@dataclass(frozen=True)
class ResultsInput:
    """What the workbook is built from: the store's tables for one cohort (or everyone)."""

    fw: Framework
    scale: Scale
    learners: pd.DataFrame  # Store.learners()
    ratings: pd.DataFrame  # Store.ratings(): current ratings, every rater and occasion
    occasions: pd.DataFrame  # Store.occasions(): in the order they happen
    cohort: str | None = None

    @classmethod
    def from_store(cls, store: Store, cohort: str | None = None, lang: str = "nb") -> ResultsInput:
        if cohort is not None and cohort not in store.cohorts():
            known = ", ".join(store.cohorts()) or "–"
            raise StoreError("excel.unknown_cohort", lang=lang, cohort=cohort, known=known)
        return cls(
            store.framework, store.scale, store.learners(cohort), store.ratings(cohort=cohort),
            store.occasions(), cohort,
        )  # fmt: skip


def build_sheets(
    data: ResultsInput,
    *,
    occasion: str | None = None,
    lang: str = "nb",
    per_learner: bool = False,
    min_group_size: int = privacy.DEFAULT_MIN_GROUP_SIZE,
    rule: AttainmentRule | str = "all",
) -> list[ResultsSheet]:
    """The sheets, tables and layout hints, from `data` (pure: no store, no file)."""
    rule = AttainmentRule.parse(rule)
    known = [str(o) for o in data.occasions["occasion"]]
    if occasion is not None and occasion not in known:
        raise StoreError(
            "excel.unknown_occasion", lang=lang, occasion=occasion, known=", ".join(known) or "–"
        )
    rated = set(data.ratings["occasion"])
    shown = [occasion] if occasion is not None else [o for o in known if o in rated]
    shown += sorted(rated - set(known)) if occasion is None else []
    latest = shown[-1] if shown else None
    fw = data.fw if data.fw.lang == lang else data.fw.in_language(lang)
    ratings = data.ratings.loc[data.ratings["occasion"].isin(shown)]
    own = ratings.loc[ratings["rater"] == SELF]
    fills = _level_fills(fw)
    taken: set[str] = set()

    def name(kind: str) -> str:
        return safe_sheet_name(t(f"excel.sheet.{kind}", lang), taken)

    sheets = [
        _cohort_sheet(name("cohort"), data, fw, own, latest, lang, rule, fills),
        _statement_sheet(name("statements"), data, fw, own, shown, lang, min_group_size),
    ]
    everything = _ratings_table(data, fw, ratings, known, lang)
    base = name("ratings")
    for start in range(0, max(len(everything), 1), MAX_ROWS - 1):
        part = everything.iloc[start : start + MAX_ROWS - 1].reset_index(drop=True)
        title = base if start == 0 else safe_sheet_name(base, taken)
        sheets.append(ResultsSheet(title, "ratings", part, freeze_cols=2))
    if per_learner:
        for _, learner in data.learners.iterrows():
            sheets.append(
                _learner_sheet(learner, fw, own, shown, latest, lang, rule, fills, taken, data)
            )
    return sheets


def _level_fills(fw: Framework) -> dict[str, str]:
    names = list(fw.levels["name"])
    picks = np.linspace(1, len(BLUES) - 1, num=len(names)).round().astype(int)
    if len(names) == 3:
        picks = np.array([1, 2, 4])
    return {NOT_YET: NOT_YET_COLOUR, **{n: BLUES[i] for n, i in zip(names, picks, strict=True)}}


def _shown_levels(attained: pd.Series, fw: Framework) -> pd.Series:
    """Attained level codes ("-", "C", ...) as the cells show them ("–", "Kompetent", ...)."""
    names = {scoring.NOT_YET: NOT_YET, **dict(zip(fw.levels.index, fw.levels["name"], strict=True))}
    return attained.astype(str).map(names)


def _attained_wide(own: pd.DataFrame, data: ResultsInput, fw: Framework, occasion: str | None,
                   rule: AttainmentRule) -> pd.DataFrame:  # fmt: skip
    """learner_id x domain code -> shown level, for `occasion` (empty without one)."""
    domains = [str(d) for d in fw.statements["domain"].cat.categories]
    rows = own.loc[own["occasion"] == occasion]
    attained = scoring.attained_levels(rows, data.fw, rule, data.scale)
    attained = attained.assign(domain=attained["domain"].astype(str),
                               shown=_shown_levels(attained["attained"], fw))  # fmt: skip
    wide = attained.pivot(index="learner_id", columns="domain", values="shown")
    return wide.reindex(columns=domains)


def _domain_header(fw: Framework, code: str) -> str:
    return f"{code} {fw.domains.loc[code, 'title']!s}"


def _legend(fw: Framework, fills: dict[str, str], lang: str) -> list[Note]:
    first = str(fw.levels["name"].iloc[0])
    notes = [Note(t("excel.legend", lang), bold=True)]
    for level in fw.levels["name"]:
        notes.append(Note(t("excel.legend_level", lang, level=level), swatch=str(level)))
    notes.append(Note(t("excel.legend_not_yet", lang, level=first), swatch=NOT_YET))
    notes.append(Note(t("excel.legend_blank", lang)))
    return notes


def _cohort_sheet(
    title: str,
    data: ResultsInput,
    fw: Framework,
    own: pd.DataFrame,
    occasion: str | None,
    lang: str,
    rule: AttainmentRule,
    fills: dict[str, str],
) -> ResultsSheet:
    wide = _attained_wide(own, data, fw, occasion, rule)
    people = data.learners
    table = pd.DataFrame(
        {
            _h("learner_id", lang): people["learner_id"].astype(str),
            _h("name", lang): people["name"].astype(str),
            _h("workplace", lang): people["workplace"].astype(object),
        }
    ).reset_index(drop=True)
    domain_headers = []
    for code in wide.columns:
        header = _domain_header(fw, str(code))
        domain_headers.append(header)
        table[header] = wide[code].reindex(people["learner_id"]).to_numpy(dtype=object)
    table = table.astype(object).where(table.notna(), None)
    notes = [Note(t("excel.occasion", lang, occasion=_occasion_text(data, occasion, lang)))]
    if data.cohort:
        notes.append(Note(t("excel.cohort", lang, cohort=data.cohort)))
    notes.append(Note(_rule_text(rule, lang)))
    notes += [Note(""), *_legend(fw, fills, lang)]
    return ResultsSheet(title, "cohort", table, coloured=tuple(domain_headers), fills=fills,
                        freeze_cols=2, notes=tuple(notes))  # fmt: skip


def _occasion_text(data: ResultsInput, occasion: str | None, lang: str) -> str:
    if occasion is None:
        return t("excel.no_ratings", lang)
    found = data.occasions.loc[data.occasions["occasion"] == occasion, "label"]
    label = str(found.iloc[0]) if len(found) and pd.notna(found.iloc[0]) else occasion
    return occasion if label == occasion else f"{label} ({occasion})"


def _rule_text(rule: AttainmentRule, lang: str) -> str:
    if rule.share == 1:
        return t("excel.rule_all", lang)
    return t("excel.rule_share", lang, percent=f"{rule.share * 100:g}")


def _statement_sheet(
    title: str,
    data: ResultsInput,
    fw: Framework,
    own: pd.DataFrame,
    occasions: Sequence[str],
    lang: str,
    min_group_size: int,
) -> ResultsSheet:
    scale = data.scale
    summary = scoring.cohort_statements(own, data.fw, min_group_size=min_group_size,
                                        scale=scale)  # fmt: skip
    keys = ["occasion", "statement_id"]
    lowest = min(scale.values)
    valued = own.loc[own["value"].notna() & ~own["not_relevant"]]
    not_yet = valued.loc[valued["value"] == lowest].groupby(keys).size()
    n_nr = own.loc[own["not_relevant"]].groupby(keys).size()
    group = privacy.group_sizes(own, "occasion")
    summary = summary.set_index(keys)
    hidden = t("excel.hidden", lang, min=min_group_size)
    domains = {str(d): _domain_header(fw, str(d)) for d in fw.statements["domain"].cat.categories}
    rows = []
    for sid in fw.statements.index:
        st = fw.statements.loc[sid]
        for occ in occasions:
            if (occ, sid) not in summary.index:
                continue
            s = summary.loc[(occ, sid)]
            n = int(s["n_learners"])
            small = privacy.is_too_small(int(group.get(occ, 0)), min_group_size)
            shares: list[object]
            if bool(s["suppressed"]):
                shares = [privacy.HIDDEN] * 3
            elif n == 0:
                shares = [None] * 3
            else:
                low = 0.0 if lowest in scale.met_values else not_yet.get((occ, sid), 0) / n
                shares = [float(s["share_met"]), float(s["share_partly"]), low]
            rows.append(
                [sid, domains[str(st["domain"])], str(st["level_name"]), str(st["text"]), occ, n,
                 *shares,
                 privacy.HIDDEN if small else int(n_nr.get((occ, sid), 0)),
                 hidden if bool(s["suppressed"]) else None]
            )  # fmt: skip
    met, partly, low_label = _share_labels(scale, lang)
    share_cols = [_h("share", lang, label=x) for x in (met, partly, low_label)]
    columns = [_h(k, lang) for k in ("statement_id", "domain", "level", "text", "occasion", "n")]
    columns += [*share_cols, _h("not_relevant_count", lang), _h("remark", lang)]
    table = pd.DataFrame(rows, columns=columns, dtype=object)
    notes = (Note(t("excel.suppression", lang, min=min_group_size)),
             Note(t("excel.statement_counts", lang)))  # fmt: skip
    return ResultsSheet(title, "statements", table, wrap=(_h("text", lang),),
                        percent=tuple(share_cols), freeze_cols=1, notes=notes,
                        print_notes=False)  # fmt: skip


def _share_labels(scale: Scale, lang: str) -> tuple[str, str, str]:
    """Names of the met, partly and lowest values ("Oppfylt", "Delvis", "Ikke ennå")."""
    labels = scale.labels(lang)
    lowest = min(scale.values)
    met = [labels[v] for v in scale.values if v in scale.met_values]
    partly = [labels[v] for v in scale.values if v not in scale.met_values and v != lowest]
    return "/".join(met), "/".join(partly) or "–", labels[lowest]


def _ratings_table(
    data: ResultsInput, fw: Framework, ratings: pd.DataFrame, order: Sequence[str], lang: str
) -> pd.DataFrame:
    position = {o: i for i, o in enumerate(order)}
    stmt = {sid: i for i, sid in enumerate(fw.statements.index)}
    r = ratings.assign(
        _o=ratings["occasion"].map(position).fillna(len(position)),
        _r=(ratings["rater"] != SELF).astype(int),
        _s=ratings["statement_id"].map(stmt),
    ).sort_values(["learner_id", "_o", "occasion", "_r", "rater", "_s"], kind="stable")
    names = data.learners.set_index("learner_id")["name"]
    nr = r["not_relevant"].astype(bool)
    label = _rating_labels(r, data.scale, lang)
    recorded = r["recorded_at"].dt.tz_convert(LOCAL_TIME).dt.tz_localize(None)
    table = pd.DataFrame(
        {
            _h("learner_id", lang): r["learner_id"].astype(str),
            _h("name", lang): r["learner_id"].map(names).astype(object),
            _h("statement_id", lang): r["statement_id"].astype(str),
            _h("text", lang): r["statement_id"].map(fw.statements["text"]).astype(object),
            _h("occasion", lang): r["occasion"].astype(str),
            _h("rater", lang): r["rater"].astype(str),
            _h("value", lang): r["value"].astype("Int64").mask(nr),
            _h("label", lang): label.astype(str),
            _h("not_relevant", lang): nr,
            _h("note", lang): r["note"].astype(str),
            _h("recorded_at", lang): recorded.astype("datetime64[ns]"),
        }
    )
    return table.reset_index(drop=True)


def _learner_sheet(
    learner: pd.Series,
    fw: Framework,
    own: pd.DataFrame,
    occasions: Sequence[str],
    latest: str | None,
    lang: str,
    rule: AttainmentRule,
    fills: dict[str, str],
    taken: set[str],
    data: ResultsInput,
) -> ResultsSheet:
    lid, name = str(learner["learner_id"]), str(learner["name"])
    mine = own.loc[own["learner_id"] == lid]
    st = fw.statements
    table = pd.DataFrame(
        {
            _h("statement_id", lang): st.index.astype(str),
            _h("domain", lang): [_domain_header(fw, str(d)) for d in st["domain"]],
            _h("level", lang): st["level_name"].astype(str).to_numpy(),
            _h("text", lang): st["text"].astype(str).to_numpy(),
        }
    )
    for occ in occasions:
        rows = mine.loc[mine["occasion"] == occ].set_index("statement_id")
        shown = _rating_labels(rows, data.scale, lang).replace("", None)
        table[occ] = shown.reindex(st.index).astype(object).to_numpy()
    noted = mine.loc[mine["note"].str.strip() != ""]
    by_statement = (noted["occasion"] + ": " + noted["note"]).groupby(noted["statement_id"])
    table[_h("note", lang)] = by_statement.agg(" · ".join).reindex(st.index).to_numpy()
    notes = [Note(f"{name} ({lid})", bold=True)]
    workplace = learner["workplace"]
    if isinstance(workplace, str) and workplace:
        notes.append(Note(f"{_h('workplace', lang)}: {workplace}"))
    wide = _attained_wide(mine, data, fw, latest, rule)
    if latest is not None and lid in wide.index:
        notes += [Note(""), Note(t("excel.learner_levels", lang, occasion=latest), bold=True)]
        for code, level in wide.loc[lid].items():
            swatch = level if isinstance(level, str) else ""
            notes.append(Note(_domain_header(fw, str(code)), swatch=swatch))
    sheet = safe_sheet_name(f"{lid} {name}", taken, fallback=lid or t("excel.sheet.learner", lang))
    return ResultsSheet(sheet, "learner", table, wrap=(_h("text", lang),), freeze_cols=1,
                        fills=fills, notes=tuple(notes))  # fmt: skip


def _rating_labels(ratings: pd.DataFrame, scale: Scale, lang: str) -> pd.Series:
    """The scale label of each rating ("Oppfylt", …, «Ikke relevant for min rolle»; "" unrated)."""
    labels = scale.labels(lang)
    shown = ratings["value"].map(lambda v: labels.get(int(v), "") if pd.notna(v) else "")
    nr = ratings["not_relevant"].astype(bool)
    return shown.astype(object).where(~nr, scale.label(None, lang, not_relevant=True))
