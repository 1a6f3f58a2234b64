"""Loading a framework: the bundled FFN framework, a framework folder, or a file.

`load_framework()` gives the bundled FFN framework; `load_framework(path)` reads another framework
or translation from a spreadsheet (see templates/rammeverk-mal.xlsx), a framework folder, or an
interchange file (Moodle CSV, CASE JSON).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pandas as pd

from fls_kit._resources import resource
from fls_kit.framework._model import Framework, build_framework
from fls_kit.framework._sheet import read_framework_file

BUNDLED = resource("data", "frameworks", "ffn-sffp-2025")


def _load_folder(folder: Path, lang: str) -> Framework:
    """A framework folder: framework.toml (metadata, levels, domains) + statements.csv."""
    with (folder / "framework.toml").open("rb") as fh:
        spec = tomllib.load(fh)
    levels = pd.DataFrame(spec["levels"]).set_index("code")
    domains = pd.DataFrame(spec["domains"]).set_index("code")
    if "parent" not in domains:
        domains["parent"] = None
    domains["parent"] = domains["parent"].astype(object).where(domains["parent"].notna(), None)
    statements = pd.read_csv(
        folder / "statements.csv", dtype=str, keep_default_na=False, encoding="utf-8"
    ).set_index("id")
    meta = dict(spec["framework"])
    meta["references"] = spec.get("references", [])
    return build_framework(meta, levels, domains, statements, lang=lang, source=str(folder))


def load_framework(source: str | os.PathLike[str] | None = None, lang: str = "nb") -> Framework:
    """Load a competency framework.

    - `None`: the bundled FFN framework (88 statements, Norwegian with an English working
      translation);
    - a folder (or its framework.toml): fls-kit's own format, as in data/frameworks/;
    - an .xlsx or .csv spreadsheet that follows templates/rammeverk-mal.xlsx;
    - a Moodle competency framework CSV or a CASE 1.1 JSON package.

    Problems in a file raise `FrameworkError` listing every problem with file, row and field.
    """
    if source is None:
        return _load_folder(BUNDLED, lang)
    path = Path(source)
    if path.is_dir():
        return _load_folder(path, lang)
    if path.name == "framework.toml":
        return _load_folder(path.parent, lang)
    return read_framework_file(path, lang=lang)
