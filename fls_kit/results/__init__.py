"""The results workbook: where a cohort stands, statement by statement, and every rating."""

from fls_kit.results._workbook import ResultsInput, results_tables, write_results_workbook

__all__ = ["ResultsInput", "results_tables", "write_results_workbook"]
