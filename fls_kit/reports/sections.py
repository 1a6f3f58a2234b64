"""What the report notebooks (`templates/reports/*.ipynb`) import: the data loaders and one HTML
fragment per notebook cell. A public, documented API, so that an educator's own report template
(`fls-kit reports learners --template min-mal.ipynb`) keeps working across versions:

    from fls_kit.reports import sections as rc

    report = rc.load_learner(store_url, learner_id, occasions=occasions, lang=lang)
    HTML(rc.learner_levels(report))
"""

from __future__ import annotations

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

__all__ = [
    "CohortData", "CurriculumData", "LearnerData", "cohort_agreement", "cohort_attainment",
    "cohort_header", "cohort_met", "cohort_note", "cohort_recommendations", "cohort_weakest",
    "curriculum_coverage", "curriculum_gaps", "curriculum_header", "curriculum_modules",
    "curriculum_note", "learner_assessor", "learner_change", "learner_charts", "learner_cohort",
    "learner_development", "learner_header", "learner_levels", "learner_recommendations",
    "learner_strengths", "load_cohort", "load_curriculum", "load_learner", "privacy_note",
]  # fmt: skip
