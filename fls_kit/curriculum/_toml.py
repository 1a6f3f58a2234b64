"""Read a curriculum in fls-kit's TOML form (data/curriculum/*.toml), checking every entry.

[course]
id = "fls-grunnkurs-2026"
title = "FLS-grunnkurs 2026"

[[modules]]
id = "EL1"
title = "Osteoporose og lavenergibrudd"
kind = "E-læring"
hours = 2.0
I = ["1.C1", "2.C1"]      # one list per depth: I, R, M, A
R = ["3.3.C1"]
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import pandas as pd

from fls_kit.errors import CurriculumImportError, Problem, collect
from fls_kit.framework import Framework
from fls_kit.scales import DEPTH_CODES

__all__ = ["read_curriculum_file"]
MODULE_KEYS = {"id", "title", "kind", "hours", *DEPTH_CODES}


def read_curriculum_file(
    path: str | os.PathLike[str], fw: Framework
) -> tuple[dict[str, str], pd.DataFrame, pd.DataFrame]:
    """(course {id, title, description}, modules, links) from a TOML curriculum file."""
    path = Path(path)
    name = path.name
    try:
        with path.open("rb") as fh:
            spec = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CurriculumImportError(
            [Problem(name, "curriculum.unreadable", {"reason": exc})]
        ) from None
    problems: list[Problem] = []
    course = spec.get("course", {})
    for key in ("id", "title"):
        if not str(course.get(key, "")).strip():
            problems.append(Problem(name, "curriculum.missing_field", field=f"course.{key}"))
    modules: list[dict[str, Any]] = []
    links: list[dict[str, str]] = []
    seen: dict[str, int] = {}
    for n, entry in enumerate(spec.get("modules", []), start=1):
        where = f"modules[{n}]"
        mid = str(entry.get("id", "")).strip()
        for key in sorted(set(entry) - MODULE_KEYS):
            problems.append(Problem(name, "curriculum.unknown_key", field=where, value=key))
        if not mid:
            problems.append(Problem(name, "curriculum.missing_field", field=f"{where}.id"))
        elif mid in seen:
            problems.append(
                Problem(name, "curriculum.duplicate_module_entry", {"first": seen[mid]},
                        field=f"{where}.id", value=mid)
            )  # fmt: skip
        else:
            seen[mid] = n
        if not str(entry.get("title", "")).strip():
            problems.append(Problem(name, "curriculum.missing_field", field=f"{where}.title"))
        hours = entry.get("hours")
        if hours is not None and (not isinstance(hours, int | float) or hours < 0):
            problems.append(Problem(name, "curriculum.bad_hours", field=where, value=hours))
        depth_of: dict[str, str] = {}
        for code in DEPTH_CODES:
            for sid in entry.get(code, []):
                if sid not in fw:
                    problems.append(
                        Problem(name, "curriculum.unknown_statement", field=f"{where}.{code}",
                                value=sid)
                    )  # fmt: skip
                elif sid in depth_of:
                    problems.append(
                        Problem(name, "curriculum.duplicate_link", field=where, value=sid)
                    )
                else:
                    depth_of[sid] = code
        modules.append(
            {"module_id": mid, "title": str(entry.get("title", "")).strip(),
             "kind": str(entry.get("kind", "")), "hours": hours, "position": n - 1}
        )  # fmt: skip
        links.extend({"module_id": mid, "statement_id": s, "depth": d} for s, d in depth_of.items())
    collect(problems, CurriculumImportError)
    info = {
        "id": str(course["id"]).strip(),
        "title": str(course["title"]).strip(),
        "description": str(course.get("description", "")).strip(),
    }
    return (
        info,
        pd.DataFrame(modules, columns=["module_id", "title", "kind", "hours", "position"]),
        pd.DataFrame(links, columns=["module_id", "statement_id", "depth"]),
    )
