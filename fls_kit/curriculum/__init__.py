"""Curriculum mapping: which modules of a course cover which statements, and how deeply.

Coverage, gaps, redundancy and recommendations are pure functions over the module and link
DataFrames (`_coverage`); the course workbook an educator fills in by hand is `_workbook`.
"""

from fls_kit.curriculum._coverage import (
    DEPTH_COLOURS,
    DEPTH_TEXT_COLOURS,
    GAP_KINDS,
    LINK_COLUMNS,
    MODULE_COLUMNS,
    RECOMMEND_COLUMNS,
    SAMPLE_CURRICULUM,
    Curriculum,
    coverage_by_domain_level,
    coverage_matrix,
    current_ratings,
    gap_label,
    gaps,
    highest_depth,
    links_from_mapping,
    links_to_mapping,
    load_sample_curriculum,
    plot_coverage,
    read_curriculum,
    recommend_modules,
    redundancy,
    unmapped_modules,
    unmet_statements,
)
from fls_kit.curriculum._workbook import (
    export_curriculum,
    import_curriculum,
    read_workbook,
    write_template,
)

__all__ = [
    "DEPTH_COLOURS", "DEPTH_TEXT_COLOURS", "GAP_KINDS", "LINK_COLUMNS", "MODULE_COLUMNS",
    "RECOMMEND_COLUMNS", "SAMPLE_CURRICULUM", "Curriculum", "coverage_by_domain_level",
    "coverage_matrix", "current_ratings", "export_curriculum", "gap_label", "gaps",
    "highest_depth", "import_curriculum", "links_from_mapping", "links_to_mapping",
    "load_sample_curriculum", "plot_coverage", "read_curriculum", "read_workbook",
    "recommend_modules", "redundancy", "unmapped_modules", "unmet_statements", "write_template",
]  # fmt: skip
