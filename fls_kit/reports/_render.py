"""Reports from papermill notebook templates: one per learner, one per cohort, one per course.

    from fls_kit.reports import render_learner_reports
    result = render_learner_reports("sqlite:///kurs.sqlite", out_dir="rapporter",
                                    formats=("html", "pdf"))
    print(result.summary())          # made, skipped, failed; a table of the failures
    result.index                     # rapporter/index.html links every report

Every parameter is checked before anything runs (unknown learners, formats, an unwritable
folder: `ConfigError`, nothing made). Reports run in parallel worker processes, each with one
warm kernel (`fls_kit.reports._warm_kernel`), or on a Dask cluster (`scheduler="tcp://host:8786"`).
One failing report does not stop the others: `result.failed` says which learner and which
notebook cell. Files are written atomically; a rerun skips reports whose inputs (the learner's
ratings, the template, the parameters, the fls-kit version) have not changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fls_kit._i18n import t
from fls_kit.errors import ConfigError
from fls_kit.reports._files import digest, frame_digest, safe_stem
from fls_kit.reports._job import REPORT_TEMPLATES
from fls_kit.reports._options import BatchOptions
from fls_kit.reports._plan import BatchResult, ReportStatus, prepare

__all__ = [
    "BatchOptions", "BatchResult", "ReportStatus", "render_cohort_report",
    "render_curriculum_report", "render_learner_reports",
]  # fmt: skip

LEARNER_TEMPLATE = REPORT_TEMPLATES / "learner.ipynb"
COHORT_TEMPLATE = REPORT_TEMPLATES / "cohort.ipynb"
CURRICULUM_TEMPLATE = REPORT_TEMPLATES / "curriculum.ipynb"


def render_learner_reports(
    store: str | None = None,
    learner_ids: Sequence[str] | None = None,
    *,
    out_dir: str | Path = "rapporter",
    formats: str | Sequence[str] = ("html",),
    occasions: Sequence[str] | None = None,
    lang: str | None = None,
    framework: str | None = None,
    min_group_size: int | None = None,
    workers: int | None = None,
    timeout: int | None = None,
    scheduler: str | None = None,
    template: str | Path | None = None,
    progress: bool = False,
    force: bool = False,
) -> BatchResult:
    """One report per learner (all learners when `learner_ids` is None) in `out_dir`.

    `formats`: "html", "pdf" or both ("html,pdf"). `occasions`: the assessments to show, in
    order (default: all, in the store's order). `workers`: parallel reports (0 = one per core;
    default: the `workers` setting). `timeout`: seconds per report (default: the
    `report_timeout` setting). `force`: remake reports even when their inputs are unchanged.
    """
    from fls_kit.reports._data import cohort_summary

    options = BatchOptions(
        store=store, out_dir=out_dir, formats=formats, lang=lang, framework=framework,
        min_group_size=min_group_size, workers=workers, timeout=timeout, scheduler=scheduler,
        template=template, progress=progress, force=force,
    )  # fmt: skip
    plan = prepare(options, default_template=LEARNER_TEMPLATE)
    with plan.open() as st:
        learners = st.learners()
        known = set(learners["learner_id"])
        wanted = list(dict.fromkeys(learner_ids)) if learner_ids else sorted(known)
        unknown = [i for i in wanted if i not in known]
        if unknown:
            ids = ", ".join(repr(i) for i in unknown[:20])
            raise ConfigError(t("reports.unknown_learners", plan.lang, ids=ids))
        if not wanted:
            raise ConfigError(t("reports.no_learners", plan.lang))
        occ = plan.occasions(st, occasions)
        ratings = st.ratings()
        common = plan.common_digest(st)
        summaries: dict[Any, dict[str, Any]] = {}
        jobs = []
        rows = learners.set_index("learner_id")
        by_learner = dict(tuple(ratings.groupby("learner_id", sort=False)))
        for learner_id in wanted:
            info = rows.loc[learner_id]
            cohort = info["cohort"] if isinstance(info["cohort"], str) else None
            if cohort not in summaries:
                members = set(learners.loc[learners["cohort"] == cohort, "learner_id"])
                subset = ratings.loc[ratings["learner_id"].isin(members)] if cohort else ratings
                summaries[cohort] = cohort_summary(
                    st, cohort, occ, plan.fw, min_group_size=plan.min_group_size,
                    rule=plan.rule, ratings=subset,
                )  # fmt: skip
            params = {
                "learner_id": learner_id, "occasions": occ, "store_url": plan.store,
                "lang": plan.lang, "framework": plan.framework,
                "min_group_size": plan.min_group_size, "attainment_rule": plan.rule,
                "cohort_summary": summaries[cohort],
            }  # fmt: skip
            own = by_learner.get(learner_id, ratings.iloc[:0])
            name = str(info["name"])
            jobs.append(plan.job(
                "learner", learner_id, f"{name} ({learner_id})", safe_stem(learner_id), params,
                t("report.learner.title", plan.lang, name=name),
                digest(common, params, info.astype(str).to_dict(), frame_digest(own)),
            ))  # fmt: skip
    return plan.run(jobs)


def render_cohort_report(
    store: str | None = None,
    cohort: str | None = None,
    *,
    out_dir: str | Path = "rapporter",
    formats: str | Sequence[str] = ("html",),
    occasions: Sequence[str] | None = None,
    lang: str | None = None,
    framework: str | None = None,
    min_group_size: int | None = None,
    timeout: int | None = None,
    scheduler: str | None = None,
    template: str | Path | None = None,
    progress: bool = False,
    force: bool = False,
) -> BatchResult:
    """The cohort report (`cohort=None`: every learner in the store): aggregates only."""
    options = BatchOptions(
        store=store, out_dir=out_dir, formats=formats, lang=lang, framework=framework,
        min_group_size=min_group_size, workers=1, timeout=timeout, scheduler=scheduler,
        template=template, progress=progress, force=force,
    )  # fmt: skip
    plan = prepare(options, default_template=COHORT_TEMPLATE)
    with plan.open() as st:
        cohorts = st.cohorts()
        if cohort and cohort not in cohorts:
            known = ", ".join(cohorts) or "–"
            raise ConfigError(t("reports.unknown_cohort", plan.lang, value=cohort, known=known))
        occ = plan.occasions(st, occasions)
        ratings = st.ratings(cohort=cohort) if cohort else st.ratings()
        params = {
            "cohort": cohort or "", "occasions": occ, "store_url": plan.store,
            "lang": plan.lang, "framework": plan.framework,
            "min_group_size": plan.min_group_size, "attainment_rule": plan.rule,
        }  # fmt: skip
        name = cohort or t("report.cohort_report.all", plan.lang)
        title = t("report.cohort_report.title", plan.lang, cohort=name)
        job = plan.job(
            "cohort", cohort or "", title, safe_stem(cohort or "alle", "kull"), params, title,
            digest(plan.common_digest(st), params, frame_digest(ratings)),
        )  # fmt: skip
    return plan.run([job])


def render_curriculum_report(
    store: str | None = None,
    course: str | None = None,
    *,
    out_dir: str | Path = "rapporter",
    formats: str | Sequence[str] = ("html",),
    lang: str | None = None,
    framework: str | None = None,
    timeout: int | None = None,
    scheduler: str | None = None,
    template: str | Path | None = None,
    progress: bool = False,
    force: bool = False,
) -> BatchResult:
    """The curriculum report: coverage, gaps and modules of one course (or all courses)."""
    options = BatchOptions(
        store=store, out_dir=out_dir, formats=formats, lang=lang, framework=framework,
        workers=1, timeout=timeout, scheduler=scheduler, template=template, progress=progress,
        force=force,
    )  # fmt: skip
    plan = prepare(options, default_template=CURRICULUM_TEMPLATE)
    with plan.open() as st:
        courses = st.courses()
        ids = [str(c) for c in courses["course_id"]]
        if not ids:
            raise ConfigError(t("reports.no_course", plan.lang))
        if course and course not in ids:
            known = ", ".join(ids)
            raise ConfigError(t("reports.unknown_course", plan.lang, value=course, known=known))
        if course:
            title_text = str(courses.loc[courses["course_id"] == course, "title"].iloc[0])
        else:
            title_text = ", ".join(str(x) for x in courses["title"])
        params = {"course": course or "", "store_url": plan.store, "lang": plan.lang,
                  "framework": plan.framework}  # fmt: skip
        title = t("report.curriculum.title", plan.lang, course=title_text)
        job = plan.job(
            "curriculum", course or "", title, safe_stem(course or "alle", "kurs"), params, title,
            digest(plan.common_digest(st), params),
        )  # fmt: skip
    return plan.run([job])
