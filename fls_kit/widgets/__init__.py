"""Jupyter widgets: thin views over the store, scoring and curriculum functions."""

from fls_kit.widgets._assessment_form import AssessmentForm
from fls_kit.widgets._cohort_dashboard import CohortDashboard
from fls_kit.widgets._curriculum_mapper import CurriculumMapper

__all__ = ["AssessmentForm", "CohortDashboard", "CurriculumMapper"]
