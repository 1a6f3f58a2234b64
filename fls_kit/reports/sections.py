"""The public API of the report notebooks: load a report's data, make its sections as HTML.

The notebooks in `templates/reports/`, and any template an educator writes
(`fls-kit reports learners --template min-mal.ipynb`), import this module and nothing private:

    from fls_kit.reports import sections as s

    report = s.load_learner(store_url or None, learner_id, occasions=list(occasions), lang=lang)
    s.show(s.learner_levels(report))
    s.show(s.section("Mine notater fra kurset", "Tekst som blir escapet.", s.table(frame)))

Every function that returns HTML returns `Markup` built with escaping: names, notes, titles
and any `str` you pass in are shown as text, never as markup. Only `Markup` values (what these
functions return, or `Markup(...)` you write yourself) pass through as HTML.

Loading a report's data (the notebook's parameters in, a data object out):

- `load_learner(store_url, learner_id, *, occasions, ...)`: one learner's ratings, the
  course and the cohort's anonymous aggregates (`LearnerData`).
- `load_cohort(store_url, cohort, *, occasions, ...)`: a cohort's ratings, for aggregates
  only (`CohortData`).
- `load_curriculum(store_url, course, *, lang, framework)`: one course's modules and links
  (`CurriculumData`).
- `learner_statements(data, occasion=None)`: the learner's own ratings at one occasion (the
  latest by default), one row per statement, with text, level, rating label and note.

Sections of the learner report (each takes `LearnerData`, returns `Markup`):

- `learner_header`: name, id, cohort, workplace, role and the occasions shown.
- `learner_levels`: the level reached per domain, per occasion, and the change.
- `learner_charts`: a bar chart per domain (share of statements met per level).
- `learner_strengths`: the statements met at the latest occasion.
- `learner_development`: the statements to work on next, with the learner's notes.
- `learner_change`: met statements and levels before and after.
- `learner_assessor`: self-assessment next to the assessor's rating.
- `learner_recommendations`: the course modules that cover the learner's gaps.
- `learner_cohort`: an anonymous comparison with the cohort (suppressed when small).
- `privacy_note`: the closing note (what the report shows, what made it).

Sections of the cohort report (each takes `CohortData`; aggregates only):

- `cohort_header`: the cohort, the number of learners and the occasions.
- `cohort_attainment`: stacked bars of the level reached per domain.
- `cohort_met`: the share of statements met per domain and level.
- `cohort_weakest`: the statements with the lowest share met.
- `cohort_agreement`: self vs assessor agreement per assessor.
- `cohort_recommendations`: the modules that help the most learners.
- `cohort_note`: the closing note.

Sections of the curriculum report (each takes `CurriculumData`):

- `curriculum_header`: the course, its modules and hours.
- `curriculum_coverage`: coverage per domain and level, as a chart and a table.
- `curriculum_gaps`: statements not covered, or only introduced.
- `curriculum_modules`: the modules with their links per depth.
- `curriculum_note`: the closing note.

Writing a section of your own:

- `show(html)`: display HTML as a notebook cell's output (what the report shows).
- `section(title, *parts, key=None)`: a report section (`<section>` with an `<h2>`); a `str`
  part is escaped and becomes a paragraph, a `Markup` part is kept as it is.
- `table(frame, *, caption=None, row_headers=False)`: a `DataFrame` as an accessible table
  (header cells, numbers right-aligned, missing values as "–"), every cell escaped.
- `escape(text)`: text as safe HTML (`Markup`); `Markup` passes through unchanged.
- `formatter(data)`: a `Fmt` for the report's language: `pct`, `num`, `date`, `level`,
  `domain`, `rating` and `t`.
- `t(key, lang, **params)`: a text of fls-kit's message catalogue in `lang` ("nb" or "en").

Types: `LearnerData`, `CohortData`, `CurriculumData` (the loaded data), `Fmt` (the
formatter) and `Markup` (trusted HTML, from markupsafe).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
from markupsafe import Markup, escape

from fls_kit._i18n import t
from fls_kit.reports._cohort_sections import (
    cohort_agreement,
    cohort_attainment,
    cohort_header,
    cohort_met,
    cohort_note,
    cohort_recommendations,
    cohort_weakest,
    curriculum_coverage,
    curriculum_gaps,
    curriculum_header,
    curriculum_modules,
    curriculum_note,
)
from fls_kit.reports._data import (
    CohortData,
    CurriculumData,
    LearnerData,
    load_cohort,
    load_curriculum,
    load_learner,
)
from fls_kit.reports._files import slug
from fls_kit.reports._html import Fmt, fmt_for, macro
from fls_kit.reports._learner_sections import (
    learner_assessor,
    learner_change,
    learner_charts,
    learner_cohort,
    learner_development,
    learner_header,
    learner_levels,
    learner_recommendations,
    learner_strengths,
    privacy_note,
)

if TYPE_CHECKING:
    from IPython.display import HTML

__all__ = [
    "CohortData", "CurriculumData", "Fmt", "LearnerData", "Markup",
    "cohort_agreement", "cohort_attainment", "cohort_header", "cohort_met", "cohort_note",
    "cohort_recommendations", "cohort_weakest",
    "curriculum_coverage", "curriculum_gaps", "curriculum_header", "curriculum_modules",
    "curriculum_note",
    "escape", "formatter",
    "learner_assessor", "learner_change", "learner_charts", "learner_cohort",
    "learner_development", "learner_header", "learner_levels", "learner_recommendations",
    "learner_statements", "learner_strengths",
    "load_cohort", "load_curriculum", "load_learner",
    "privacy_note", "section", "show", "t", "table",
]  # fmt: skip

MISSING = "–"


def show(html: str | Markup) -> HTML:
    """`html` as a cell's output: the report shows it (a cell's code is never shown).

    A `str` is taken as HTML as it is: build it with `section`, `table` and `escape`.
    """
    from IPython.display import HTML

    return HTML(str(html))  # type: ignore[no-untyped-call]


def formatter(data: LearnerData | CohortData | CurriculumData) -> Fmt:
    """Numbers, dates, levels, ratings and texts in the language of the report's data."""
    return fmt_for(data) if hasattr(data, "scale") else Fmt(data.lang, data.fw)


def section(title: str, *parts: str | Markup, key: str | None = None) -> Markup:
    """A section of the report: a `<section>` with `title` as its `<h2>`, then `parts`.

    A `str` part is plain text (escaped, in a `<p>`); a `Markup` part (from `table`,
    `escape` or another section function) is kept as it is. `key` names the section's HTML
    id and class (`fls-<key>`); by default it is made from the title.
    """
    name = slug(key if key is not None else title) or "egen"
    body = Markup("\n").join(
        p if isinstance(p, Markup) else Markup("<p>{}</p>").format(p) for p in parts
    )
    # The same markup as every built-in section: the `section` macro of common.html.j2.
    return macro("common.html.j2", "section")(name, title, caller=lambda: body)


def _cell(value: Any) -> str | Markup:
    if isinstance(value, Markup):
        return value
    if value is None or (not isinstance(value, list | tuple | dict) and pd.isna(value)):
        return MISSING
    return str(value)


def table(frame: pd.DataFrame, *, caption: str | None = None, row_headers: bool = False) -> Markup:
    """`frame` as a table of the report: a header row of column names, one row per row.

    Every cell and column name is escaped (a `Markup` cell is kept as it is); missing values
    show as "–"; numeric columns are right-aligned. The index is left out: `reset_index()`
    first to show it. `row_headers`: the first column heads its row (`<th scope="row">`).
    """
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    head = Markup("").join(
        Markup('<th scope="col"{}>{}</th>').format(
            Markup(' class="fls-num"') if num else "", str(name)
        )
        for name, num in zip(frame.columns, numeric, strict=True)
    )
    rows = []
    for values in frame.itertuples(index=False, name=None):
        cells = []
        for i, (value, num) in enumerate(zip(values, numeric, strict=True)):
            css = Markup(' class="fls-num"') if num else ""
            if row_headers and i == 0:
                cells.append(Markup('<th scope="row"{}>{}</th>').format(css, _cell(value)))
            else:
                cells.append(Markup("<td{}>{}</td>").format(css, _cell(value)))
        rows.append(Markup("<tr>{}</tr>").format(Markup("").join(cells)))
    title = Markup("<caption>{}</caption>\n").format(caption) if caption else ""
    return Markup(
        '<table class="fls-table">\n{}<thead><tr>{}</tr></thead>\n<tbody>\n{}\n</tbody>\n</table>'
    ).format(title, head, Markup("\n").join(rows))


def learner_statements(data: LearnerData, occasion: str | None = None) -> pd.DataFrame:
    """The learner's own ratings at `occasion` (default: the latest one rated), one row per
    rated statement in the framework's order.

    Columns: statement_id, domain, domain_title, level, level_name, text (in the report's
    language), value (the rating, nullable integer), not_relevant, rating (the scale's label
    for it) and note (the learner's own note, "" if none). Empty when nothing was rated.
    """
    f = formatter(data)
    occasion = occasion if occasion is not None else data.latest
    own = data.self_ratings.loc[data.self_ratings["occasion"] == occasion]
    statements = data.fw.statements.rename_axis("statement_id").reset_index()
    columns = ["statement_id", "domain", "domain_title", "level", "level_name", "text"]
    rows = statements[columns].merge(
        own[["statement_id", "value", "not_relevant", "note"]], on="statement_id", how="inner"
    )
    rows["rating"] = [
        f.rating(v, bool(nr)) for v, nr in zip(rows["value"], rows["not_relevant"], strict=True)
    ]
    rows["note"] = rows["note"].fillna("").astype(str)
    return rows.reset_index(drop=True)
