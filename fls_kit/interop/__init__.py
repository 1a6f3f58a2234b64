"""Interchange formats: Moodle competency framework CSV and 1EdTech CASE 1.1 JSON."""

from fls_kit.interop._case import read_case, to_case, write_case
from fls_kit.interop._moodle import moodle_csv, read_moodle, write_moodle

__all__ = ["moodle_csv", "read_case", "read_moodle", "to_case", "write_case", "write_moodle"]
