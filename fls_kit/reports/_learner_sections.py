"""The sections of the learner report: HTML fragments, one per notebook cell.

Each function takes the learner's report data (`fls_kit.reports._data`) and returns escaped
HTML (`markupsafe.Markup`) built with jinja2 with autoescaping on, so a learner's name, a note
or a module title can never inject markup. The notebooks reach them through the public
`fls_kit.reports.sections` (the cohort and curriculum sections are in `_cohort_sections`).

`render_learner_page()` builds the same report without a kernel (benchmarks and previews).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
from markupsafe import Markup

from fls_kit import privacy, scoring
from fls_kit._i18n import t
from fls_kit.curriculum import recommend_modules
from fls_kit.reports._charts import Bar, data_uri, grouped_bars
from fls_kit.reports._cohort_sections import made_note
from fls_kit.reports._data import LearnerData
from fls_kit.reports._html import Fmt, change_text, fmt_for, macro, rule_text

__all__ = [
    "Fmt",
    "learner_assessor",
    "learner_change",
    "learner_charts",
    "learner_cohort",
    "learner_development",
    "learner_header",
    "learner_levels",
    "learner_recommendations",
    "learner_strengths",
    "privacy_note",
    "render_learner_page",
]  # fmt: skip


# -- learner report ---------------------------------------------------------------------------
def learner_header(d: LearnerData) -> Markup:
    f = fmt_for(d)
    occ = [
        f"{row['label']} ({f.date(row['date'])})" if f.date(row["date"]) else str(row["label"])
        for row in d.occasions.to_dict("records")
        if row["occasion"] in d.rated
    ]
    fields = [
        (f.t("report.field.id"), d.learner["learner_id"]),
        (f.t("report.field.cohort"), d.learner.get("cohort")),
        (f.t("report.field.workplace"), d.learner.get("workplace")),
        (f.t("report.field.role"), d.learner.get("role")),
        (f.t("report.field.occasions"), ", ".join(occ)),
    ]
    fields = [(k, str(v)) for k, v in fields if v is not None and str(v).strip()]
    missing = ", ".join(d.label(o) for o in d.occasions["occasion"]) or "–"
    return macro("learner.html.j2", "header")(
        f=f, title=f.t("report.learner.title", name=d.name), fields=fields,
        intro=f.t("report.learner.intro", framework=d.fw.title),
        empty=f.t("report.learner.no_ratings", occasions=missing) if not d.rated else "",
    )  # fmt: skip


def learner_levels(d: LearnerData) -> Markup:
    f = fmt_for(d)
    rank = {code: i for i, code in enumerate(scoring.attained_dtype(d.fw).categories)}
    rows = []
    for code in d.fw.domain_codes():
        found = [d.level_by.get((occ, code)) for occ in d.rated]
        cells = [f.level(c) if c else f.t("report.level.no_data") for c in found]
        change = ""
        if len(found) >= 2 and found[0] and found[-1]:
            change = change_text(f, rank[found[-1]] - rank[found[0]])
        rows.append({"domain": f.domain(code), "cells": cells, "change": change})
    return macro("learner.html.j2", "levels")(
        f=f, rows=rows, occasions=[d.label(o) for o in d.rated],
        show_change=len(d.rated) >= 2, rule=rule_text(f, d.rule),
    )  # fmt: skip


def learner_charts(d: LearnerData) -> Markup:
    f = fmt_for(d)
    figures = []
    legend = [d.label(o) for o in d.rated]
    cells = d.fw.counts()
    for code in d.fw.domain_codes() if d.rated else []:
        groups, parts = [], []
        for level in d.fw.level_codes():
            if not cells.at[code, level]:
                continue  # no statements at this level in this domain
            bars = []
            for occ in d.rated:
                met, relevant, _ = d.counts_by.get((occ, code, level), (0, 0, 0))
                bars.append(Bar(d.label(occ), met, relevant, f"{met}/{relevant}"))
                if relevant:
                    parts.append(
                        f.t("report.chart.alt_level", level=f.level(level),
                            occasion=d.label(occ), met=met, relevant=relevant)
                    )  # fmt: skip
                else:
                    parts.append(f.t("report.chart.alt_empty", level=f.level(level)))
            groups.append((f.level(level), bars))
        svg = grouped_bars(groups, legend=legend)
        alt = f.t("report.chart.alt", domain=f.domain(code), parts="; ".join(parts))
        figures.append({"domain": f.domain(code), "src": data_uri(svg), "alt": alt})
    return macro("learner.html.j2", "charts")(
        f=f, figures=figures, intro=f.t("report.charts.intro", met=f.met)
    )


def _statements(d: LearnerData, table: pd.DataFrame, occasion: str) -> list[dict[str, Any]]:
    f = fmt_for(d)
    own = d.self_ratings.loc[d.self_ratings["occasion"] == occasion].set_index("statement_id")
    rows = []
    for r in table.to_dict("records"):
        sid = str(r["statement_id"])
        note = str(own["note"].get(sid, "") or "") if sid in own.index else ""
        rows.append({
            "id": sid, "text": str(r["text"]), "level": f.level(str(r["level"])),
            "rating": f.rating(r["value"]), "note": note,
        })  # fmt: skip
    return rows


def learner_strengths(d: LearnerData) -> Markup:
    f = fmt_for(d)
    rows: list[dict[str, Any]] = []
    more = 0
    if d.latest:
        table = scoring.strengths(d.self_ratings, d.fw, occasion=d.latest, scale=d.scale)
        more = max(0, len(table) - STRENGTHS_SHOWN)
        rows = _statements(d, table.head(STRENGTHS_SHOWN), d.latest)
    occasion = d.label(d.latest) if d.latest else ""
    return macro("learner.html.j2", "statements")(
        f=f, key="strengths", heading=f.t("report.strengths.heading"),
        intro=f.t("report.strengths.intro", met=f.met, occasion=occasion),
        empty=f.t("report.strengths.none", met=f.met), rows=rows, more=more, unrated="",
    )  # fmt: skip


def learner_development(d: LearnerData) -> Markup:
    f = fmt_for(d)
    rows: list[dict[str, Any]] = []
    more = unrated = 0
    if d.latest:
        table = scoring.development_areas(d.self_ratings, d.fw, occasion=d.latest, scale=d.scale)
        more = max(0, len(table) - DEVELOPMENT_SHOWN)
        rows = _statements(d, table.head(DEVELOPMENT_SHOWN), d.latest)
        status = scoring.statement_status(d.self_ratings, d.fw, occasion=d.latest, scale=d.scale)
        unrated = int((status["status"] == scoring.OUTCOME_UNRATED).sum())
    occasion = d.label(d.latest) if d.latest else ""
    return macro("learner.html.j2", "statements")(
        f=f, key="development", heading=f.t("report.dev.heading"),
        intro=f.t("report.dev.intro", met=f.met, occasion=occasion),
        empty=f.t("report.dev.none"), rows=rows, more=more,
        unrated=f.t("report.dev.unrated", n=unrated) if unrated else "",
    )  # fmt: skip


def learner_change(d: LearnerData) -> Markup:
    f = fmt_for(d)
    if len(d.rated) < 2:
        only = d.label(d.rated[0]) if d.rated else "–"
        return macro("learner.html.j2", "change")(
            f=f, heading=f.t("report.change.heading_single"), rows=[],
            intro=f.t("report.change.single", occasion=only), before="", after="",
        )  # fmt: skip
    before, after = d.rated[0], d.rated[-1]
    ch = scoring.change(d.self_ratings, d.fw, before, after, rule=d.rule, scale=d.scale)
    met = set(d.scale.met_values)
    st = ch.statements
    was = st["before"].isin(met).fillna(False).astype(bool)
    now = st["after"].isin(met).fillna(False).astype(bool)
    rows = []
    for r in ch.domains.to_dict("records"):
        rows.append({
            "domain": f.domain(str(r["domain"])),
            "met_before": "–" if pd.isna(r["met_before"]) else int(r["met_before"]),
            "met_after": "–" if pd.isna(r["met_after"]) else int(r["met_after"]),
            "level_before": f.level(str(r["attained_before"])),
            "level_after": f.level(str(r["attained_after"])),
            "change": "" if pd.isna(r["level_change"]) else change_text(f, int(r["level_change"])),
        })  # fmt: skip
    intro = f.t("report.change.intro", up=int((now & ~was).sum()), down=int((was & ~now).sum()),
                met=f.met)  # fmt: skip
    return macro("learner.html.j2", "change")(
        f=f, heading=f.t("report.change.heading", before=d.label(before), after=d.label(after)),
        intro=intro, rows=rows, before=d.label(before), after=d.label(after),
    )  # fmt: skip


def learner_assessor(d: LearnerData) -> Markup:
    f = fmt_for(d)
    rows = d.ratings.loc[d.ratings["occasion"].isin(d.occasions["occasion"])]
    pairs = scoring.agreement_pairs(rows)
    summary: list[dict[str, Any]] = []
    differences: list[dict[str, Any]] = []
    if not pairs.empty:
        table = scoring.agreement(rows, by=["assessor", "occasion"], scale=d.scale)
        for r in table.to_dict("records"):
            summary.append({
                "assessor": str(r["assessor"]), "occasion": d.label(str(r["occasion"])),
                "pairs": int(r["n_pairs"]), "exact": f.pct(r["exact_share"]),
                "difference": f.num(r["mean_difference"]),
            })  # fmt: skip
        apart = pairs.loc[pairs["difference"].abs() >= 1]
        apart = apart.assign(_gap=apart["difference"].abs()).sort_values(
            "_gap", ascending=False, kind="stable"
        )
        for r in apart.head(DEVELOPMENT_SHOWN).to_dict("records"):
            sid = str(r["statement_id"])
            differences.append({
                "id": sid, "text": str(d.fw.statements.at[sid, "text"]),
                "assessor": str(r["assessor"]), "self": f.rating(r["self_value"]),
                "theirs": f.rating(r["assessor_value"]),
            })  # fmt: skip
    return macro("learner.html.j2", "assessor")(f=f, summary=summary, differences=differences)


def learner_recommendations(d: LearnerData) -> Markup:
    f = fmt_for(d)
    rows: list[dict[str, Any]] = []
    no_course = d.modules.empty
    if not no_course and d.latest:
        table = recommend_modules(
            d.fw, d.modules, d.links, d.self_ratings, occasion=d.latest, scale=d.scale
        )
        for r in table.head(MODULES_SHOWN).to_dict("records"):
            rows.append({
                "title": str(r["title"]), "kind": str(r["kind"] or ""),
                "statements": [
                    {"id": s, "text": str(d.fw.statements.at[s, "text"])}
                    for s in r["statements"][:STATEMENTS_PER_MODULE]
                ],
                "more": max(0, len(r["statements"]) - STATEMENTS_PER_MODULE),
            })  # fmt: skip
    return macro("learner.html.j2", "recommendations")(f=f, rows=rows, no_course=no_course)


def learner_cohort(d: LearnerData) -> Markup:
    f = fmt_for(d)
    c = d.cohort or {}
    # The stricter of the summary's and the report's minimum: a summary made with a smaller
    # minimum (by hand, or by an older batch) must not show more than this report may.
    minimum = max(int(c.get("min_group_size", d.min_group_size)), d.min_group_size)
    occasion = d.latest
    sizes = c.get("n_by_occasion")
    n_total = int(c.get("n_learners", 0))
    n = int(sizes.get(occasion, 0)) if sizes is not None else n_total
    hidden = bool(c) and (
        bool(c.get("suppressed", True))
        or privacy.is_too_small(n_total, minimum)
        or (occasion is not None and privacy.is_too_small(n, minimum))
    )
    rows: list[dict[str, Any]] = []
    if occasion and c and not hidden:
        shares = c.get("share_met", {}).get(occasion, {})
        levels = c.get("levels", {}).get(occasion, {})
        for code in d.fw.domain_codes():
            mine = [d.counts_by.get((occasion, code, lv), (0, 0, 0)) for lv in d.fw.level_codes()]
            valued = sum(m[2] for m in mine)
            own = sum(m[0] for m in mine) / valued if valued else None
            dist = levels.get(code)
            rows.append({
                "domain": f.domain(code), "you": f.pct(own), "cohort": f.pct(shares.get(code)),
                "levels": [
                    (f.level(k), f.pct(v)) for k, v in (dist or {}).items()
                ] if dist else [],
            })  # fmt: skip
    intro = ""
    if rows and occasion:
        name = c.get("cohort") or f.t("report.cohort_report.all")
        intro = f.t("report.cohort.intro", met=f.met, occasion=d.label(occasion), cohort=name,
                    n=n)  # fmt: skip
    return macro("learner.html.j2", "cohort")(
        f=f, rows=rows, intro=intro,
        suppressed=f.t("report.cohort.suppressed", min=minimum)
        if hidden else f.t("report.cohort.none"),
    )  # fmt: skip


def privacy_note(d: LearnerData) -> Markup:
    return made_note(fmt_for(d), t("report.privacy", d.lang, min=d.min_group_size))


STRENGTHS_SHOWN = 10
DEVELOPMENT_SHOWN = 12
MODULES_SHOWN = 5
STATEMENTS_PER_MODULE = 6
LEARNER_SECTIONS: tuple[Callable[[LearnerData], Markup], ...] = (
    learner_header, learner_levels, learner_charts, learner_strengths, learner_development,
    learner_change, learner_assessor, learner_recommendations, learner_cohort, privacy_note,
)  # fmt: skip


def render_learner_page(data: LearnerData, css: str = "") -> str:
    """The whole learner report as one HTML page, without a kernel or nbconvert."""
    body = Markup("\n").join(section(data) for section in LEARNER_SECTIONS)
    return str(macro("common.html.j2", "page")(
        lang=data.lang, title=t("report.learner.title", data.lang, name=data.name),
        css=Markup(css), body=body,
    ))  # fmt: skip


def warm_up() -> None:
    """Do once per kernel what would slow down its first report: compile the templates,
    load the bundled framework's files, draw one chart (matplotlib's font cache)."""
    from fls_kit.framework import load_framework
    from fls_kit.reports._html import ENV

    for name in ENV.list_templates():
        ENV.get_template(name)
    load_framework()
    grouped_bars([("Kompetent", [Bar("x", 1, 2, "1/2")])], legend=["x"])
