"""The competency framework as pandas DataFrames, and the spreadsheet it can be read from.

from fls_kit.framework import load_framework
fw = load_framework()            # the bundled FFN framework, Norwegian
fw.statements                    # one row per statement, in framework order
"""

from fls_kit.framework._load import BUNDLED, load_framework
from fls_kit.framework._model import STATEMENT_ID, Framework, Statement, build_framework
from fls_kit.framework._template import write_framework_template

__all__ = [
    "BUNDLED", "STATEMENT_ID", "Framework", "Statement", "build_framework", "load_framework",
    "write_framework_template",
]  # fmt: skip
