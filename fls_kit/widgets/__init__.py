"""Jupyter widgets: thin views over the store, scoring and curriculum functions."""

from fls_kit.widgets.assessment_form import AssessmentForm
from fls_kit.widgets.cohort_dashboard import CohortDashboard
from fls_kit.widgets.curriculum_mapper import CurriculumMapper

__all__ = ["AssessmentForm", "CohortDashboard", "CurriculumMapper"]
