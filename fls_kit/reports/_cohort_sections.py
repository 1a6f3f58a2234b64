"""Sections of the cohort report and the curriculum report (see `_learner_sections`).

The cohort report shows aggregates only: every figure computed over fewer learners than the
minimum group size is replaced by "–", and no learner is named.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd
from markupsafe import Markup

from fls_kit import __version__, privacy, scoring
from fls_kit.curriculum import coverage_by_domain_level, gaps, recommend_modules
from fls_kit.reports._charts import Bar, data_uri, grouped_bars, stacked_bars
from fls_kit.reports._data import CohortData, CurriculumData
from fls_kit.reports._html import Fmt, fmt_for, macro, rule_text
from fls_kit.scales import DEPTH_BY_CODE, DEPTH_CODES

SHOWN = 10
AGREEMENT_FIGURES = ("n_pairs", "exact_share", "mean_difference", "kappa")


def cohort_header(c: CohortData) -> Markup:
    f = fmt_for(c)
    name = c.cohort or f.t("report.cohort_report.all")
    occasions = [
        f"{row['label']} ({f.date(row['date'])})" if f.date(row["date"]) else str(row["label"])
        for row in c.occasions.to_dict("records")
        if row["occasion"] in c.rated
    ]
    if c.too_small:
        intro = f.t("report.cohort_report.too_small", min=c.min_group_size)
    else:
        intro = f.t("report.cohort_report.intro", n=c.n_learners, min=c.min_group_size)
    return macro("cohort.html.j2", "header")(
        f=f, title=f.t("report.cohort_report.title", cohort=name), intro=intro,
        fields=[(f.t("report.field.occasions"), ", ".join(occasions) or "–")],
    )  # fmt: skip


def cohort_attainment(c: CohortData) -> Markup:
    f = fmt_for(c)
    figures = []
    if not c.too_small:
        table = scoring.cohort_attainment(
            c.self_ratings, c.fw, rule=c.rule, min_group_size=c.min_group_size, scale=c.scale
        )
        categories = list(scoring.attained_dtype(c.fw).categories)
        names = [f.level(str(k)) for k in categories]
        for occ in c.rated:
            rows, parts = [], []
            for code in c.fw.domain_codes():
                cell = table.loc[(table["occasion"] == occ) & (table["domain"] == code)]
                cell = cell.set_index(cell["attained"].astype(str))
                if cell["suppressed"].any():
                    shares: list[float | None] = [None] * len(categories)
                    parts.append(f"{f.domain(code)}: –")
                else:
                    values = cell["share"].reindex([str(k) for k in categories]).fillna(0.0)
                    shares = [float(v) for v in values.to_numpy(dtype=float)]
                    text = ", ".join(f"{n} {f.pct(s)}" for n, s in zip(names, shares, strict=True))
                    parts.append(f"{f.domain(code)}: {text}")
                rows.append((f.domain(code), shares))
            svg = stacked_bars(rows, names, f.pct)
            figures.append({
                "caption": f.t("report.attain.intro", occasion=c.label(occ)),
                "src": data_uri(svg),
                "alt": f.t("report.attain.alt", occasion=c.label(occ), parts="; ".join(parts)),
            })  # fmt: skip
    return macro("cohort.html.j2", "attainment")(
        f=f, figures=figures, rule=rule_text(f, c.rule), too_small=c.too_small
    )


def cohort_met(c: CohortData) -> Markup:
    f = fmt_for(c)
    rows: list[dict[str, Any]] = []
    if not c.too_small:
        table = scoring.cohort_domains(
            c.self_ratings, c.fw, min_group_size=c.min_group_size, scale=c.scale
        )
        for code in c.fw.domain_codes():
            for level in c.fw.level_codes():
                cell = table.loc[(table["domain"] == code) & (table["level"] == level)]
                if cell.empty:
                    continue
                shares = []
                for occ in c.rated:
                    row = cell.loc[cell["occasion"] == occ]
                    shares.append(f.pct(row["share_met"].iloc[0]) if len(row) else "–")
                rows.append({"domain": f.domain(code), "level": f.level(level), "shares": shares})
    return macro("cohort.html.j2", "met")(
        f=f, rows=rows, occasions=[c.label(o) for o in c.rated], too_small=c.too_small,
        intro=f.t("report.met.intro", met=f.met),
        note=f.t("report.suppressed", min=c.min_group_size),
    )  # fmt: skip


def cohort_weakest(c: CohortData) -> Markup:
    f = fmt_for(c)
    rows: list[dict[str, Any]] = []
    occ = c.rated[-1] if c.rated else None
    if occ and not c.too_small:
        table = scoring.weakest_statements(
            c.self_ratings.loc[c.self_ratings["occasion"] == occ], c.fw, n=SHOWN,
            min_group_size=c.min_group_size, scale=c.scale,
        )  # fmt: skip
        for r in table.to_dict("records"):
            sid = str(r["statement_id"])
            rows.append({
                "id": sid, "text": str(c.fw.statements.at[sid, "text"]),
                "level": f.level(str(r["level"])), "share": f.pct(r["share_met"]),
                "n": int(r["n_learners"]),
            })  # fmt: skip
    return macro("cohort.html.j2", "weakest")(
        f=f, rows=rows, intro=f.t("report.weakest.intro", occasion=c.label(occ) if occ else "–")
    )


def cohort_agreement(c: CohortData) -> Markup:
    f = fmt_for(c)
    rows: list[dict[str, Any]] = []
    if not c.too_small:
        pairs_all = c.ratings.loc[c.ratings["occasion"].isin(c.occasions["occasion"])]
        pairs = scoring.agreement_pairs(pairs_all)
        if not pairs.empty:
            learners = privacy.group_sizes(pairs, "assessor")
            table = scoring.agreement(pairs_all, by=["assessor"], scale=c.scale)
            table["learners"] = table["assessor"].map(learners).fillna(0).astype(int)
            table = privacy.suppress(table, AGREEMENT_FIGURES, size="learners",
                                     min_group_size=c.min_group_size)  # fmt: skip
            for r in table.to_dict("records"):
                hidden = bool(r[privacy.SUPPRESSED])
                rows.append({
                    "assessor": str(r["assessor"]), "learners": int(r["learners"]),
                    "pairs": privacy.HIDDEN if hidden else int(r["n_pairs"]),
                    "exact": f.pct(r["exact_share"]),
                    "difference": f.num(r["mean_difference"]),
                    "kappa": f.num(r["kappa"], 2).lstrip("+"),
                })  # fmt: skip
    return macro("cohort.html.j2", "agreement")(
        f=f, rows=rows, note=f.t("report.suppressed", min=c.min_group_size)
    )


def cohort_recommendations(c: CohortData) -> Markup:
    f = fmt_for(c)
    rows: list[dict[str, Any]] = []
    occ = c.rated[-1] if c.rated else None
    # The learners a module would help are counted among those rated at `occ`: a figure about
    # that group, so it is hidden (the section says "none") when the group is too small.
    if occ and not c.too_small and not c.too_small_at(occ) and not c.modules.empty:
        table = recommend_modules(
            c.fw, c.modules, c.links, c.self_ratings, occasion=occ, scale=c.scale
        )
        for r in table.head(SHOWN).to_dict("records"):
            rows.append({
                "title": str(r["title"]), "kind": str(r["kind"] or ""),
                "learners": int(r["n_learners"]), "statements": ", ".join(r["statements"]),
            })  # fmt: skip
    return macro("cohort.html.j2", "recommendations")(f=f, rows=rows)


def cohort_note(c: CohortData) -> Markup:
    f = fmt_for(c)
    return made_note(f, f.t("report.cohort_report.privacy", min=c.min_group_size))


def made_note(f: Fmt, text: str) -> Markup:
    """The closing note: what the report shows, and what made it."""
    made = f.t("report.made_by", date=f.date(datetime.now()), version=__version__,
               framework=f.fw.title)  # fmt: skip
    return macro("common.html.j2", "note")(text=text, made=made)


# -- curriculum report --------------------------------------------------------------------------
def _cfmt(k: CurriculumData) -> Fmt:
    return Fmt(k.lang, k.fw)


def curriculum_header(k: CurriculumData) -> Markup:
    f = _cfmt(k)
    hours = pd.to_numeric(k.modules["hours"], errors="coerce").sum()
    return macro("curriculum.html.j2", "header")(
        f=f, title=f.t("report.curriculum.title", course=k.title or k.course_id or "–"),
        description=k.description,
        intro=f.t("report.curriculum.intro", modules=len(k.modules), hours=f.hours(hours),
                  framework=k.fw.title),
    )  # fmt: skip


def curriculum_coverage(k: CurriculumData) -> Markup:
    f = _cfmt(k)
    table = coverage_by_domain_level(k.fw, k.links).reset_index()
    groups, parts, rows = [], [], []
    for code in k.fw.domain_codes():
        cell = table.loc[table["domain"] == code]
        covered, total = int(cell["n_covered"].sum()), int(cell["n_statements"].sum())
        groups.append((f.domain(code), [Bar("", covered, total, f"{covered}/{total}")]))
        parts.append(f.t("report.coverage.alt_part", domain=f.domain(code), covered=covered,
                         total=total))  # fmt: skip
        for r in cell.to_dict("records"):
            depth = DEPTH_BY_CODE.get(str(r["highest_depth"]))
            rows.append({
                "domain": f.domain(code), "level": f.level(str(r["level"])),
                "covered": f"{int(r['n_covered'])}/{int(r['n_statements'])}",
                "deepest": depth.label(k.lang) if depth else "–",
            })  # fmt: skip
    svg = grouped_bars(groups, width=6.4, label_width=3.0)
    return macro("curriculum.html.j2", "coverage")(
        f=f, src=data_uri(svg), alt=f.t("report.coverage.alt", parts="; ".join(parts)),
        rows=rows,
    )  # fmt: skip


def curriculum_gaps(k: CurriculumData) -> Markup:
    f = _cfmt(k)
    table = gaps(k.fw, k.links)
    titles = dict(zip(k.modules["module_id"].astype(str), k.modules["title"].astype(str),
                      strict=True))  # fmt: skip
    kinds = []
    for kind in ("uncovered", "introduced_only"):
        part = table.loc[table["gap"] == kind]
        kinds.append({
            "heading": f.t(f"report.gaps.{kind}"),
            "rows": [
                {"id": str(r["statement_id"]), "text": str(r["text"]),
                 "level": f.level(str(r["level"])),
                 "modules": ", ".join(titles.get(m, m) for m in r["modules"])}
                for r in part.to_dict("records")
            ],
        })  # fmt: skip
    return macro("curriculum.html.j2", "gaps")(f=f, kinds=kinds)


def curriculum_modules(k: CurriculumData) -> Markup:
    f = _cfmt(k)
    links = k.links.astype({"module_id": str})
    rows = []
    for m in k.modules.sort_values("position", kind="stable").to_dict("records"):
        mine = links.loc[links["module_id"] == str(m["module_id"])]
        counts = mine["depth"].value_counts()
        depth = ", ".join(
            f"{DEPTH_BY_CODE[c].label(k.lang)} {int(counts[c])}" for c in DEPTH_CODES if c in counts
        )
        hours = m.get("hours")
        rows.append({
            "title": str(m["title"]), "kind": str(m.get("kind") or ""),
            "hours": "" if hours is None or pd.isna(hours) else f.hours(float(hours)),
            "n": len(mine), "depth": depth,
        })  # fmt: skip
    return macro("curriculum.html.j2", "modules")(f=f, rows=rows)


def curriculum_note(k: CurriculumData) -> Markup:
    return made_note(_cfmt(k), "")
