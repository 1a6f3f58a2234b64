"""Packaging: pip (pyproject.toml) and conda (environment.yml, environment-user.yml) install the
same things, and the installed distribution has the `fls-kit` command and the report engine."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import click
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]

# PyPI requirement (name with extras, normalised) -> conda-forge package name, where they differ.
# Add a line here when you add such a package to both files.
CONDA_NAMES = {
    "psycopg[binary]": "psycopg",  # conda-forge's psycopg links libpq; no "-binary" variant
    "dask[distributed]": "dask",  # conda-forge's dask metapackage includes distributed
}
# Lines of environment.yml that are no package of ours.
CONDA_ONLY = {"python", "pip"}
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*?)\s*$")


def normalise(requirement: str, *, conda: bool = False) -> tuple[str, str]:
    """("name", "version spec") with the name as PEP 503 and, for PyPI, mapped to conda-forge."""
    match = _REQUIREMENT.match(requirement)
    assert match, f"cannot read requirement {requirement!r}"
    name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
    extras = (match.group(2) or "").replace(" ", "").lower()
    if not conda:
        name = CONDA_NAMES.get(name + extras, name)
    return name, match.group(3).replace(" ", "")


def pyproject() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)


def environment(name: str = "environment.yml") -> dict[str, object]:
    return dict(yaml.safe_load((ROOT / name).read_text(encoding="utf-8")))


def test_normalise() -> None:
    assert normalise("psycopg[binary]>=3.1") == ("psycopg", ">=3.1")
    assert normalise("Types_OpenPyXL >= 3.1") == ("types-openpyxl", ">=3.1")
    assert normalise("pytest") == ("pytest", "")


# environment.yml: working on fls-kit (editable, with the dev tools);
# environment-user.yml: using it (non-editable, as from the wheel; no dev tools).
ENVIRONMENTS = {
    "environment.yml": ("fls-kit", "-e .", ("dev",)),
    "environment-user.yml": ("fls-kit-user", ".", ()),
}


@pytest.mark.parametrize("filename", sorted(ENVIRONMENTS))
def test_conda_and_pip_declare_the_same_dependencies(filename: str) -> None:
    env_name, install, extras = ENVIRONMENTS[filename]
    project = pyproject()["project"]
    assert isinstance(project, dict)
    wanted = [*project["dependencies"]]
    for extra in extras:
        wanted += project["optional-dependencies"][extra]
    pip_side = dict(normalise(r) for r in wanted)
    assert len(pip_side) == len(wanted), "a package is listed twice in pyproject.toml"

    env = environment(filename)
    assert env["name"] == env_name
    assert env["channels"] == ["conda-forge"]
    conda_side: dict[str, str] = {}
    python_spec = None
    pip_section: list[str] = []
    for item in env["dependencies"]:
        if isinstance(item, dict):
            pip_section.extend(item["pip"])
            continue
        name, spec = normalise(item, conda=True)
        if name == "python":
            python_spec = spec
        if name not in CONDA_ONLY:
            assert name not in conda_side, f"{name} is listed twice in {filename}"
            conda_side[name] = spec
    assert install in pip_section, f"{filename} should install fls-kit itself (pip: {install})"
    for item in pip_section:
        if item not in {"-e .", "."}:  # a PyPI-only package
            conda_side.update([normalise(item)])

    missing_in_conda = sorted(set(pip_side) - set(conda_side))
    missing_in_pip = sorted(set(conda_side) - set(pip_side))
    assert not missing_in_conda, f"add to {filename}: {missing_in_conda}"
    assert not missing_in_pip, f"add to pyproject.toml: {missing_in_pip}"
    differ = {n: (pip_side[n], conda_side[n]) for n in pip_side if pip_side[n] != conda_side[n]}
    assert not differ, f"versions differ (pyproject, {filename}): {differ}"
    assert python_spec == project["requires-python"]


def test_the_installed_distribution_has_the_command_and_the_report_engine() -> None:
    """What pip installed (not what pyproject.toml says): the `fls-kit` command and papermill's
    `fls_warm` engine. That a built wheel carries and runs everything is .ci/wheel-smoke.sh's job
    (`make wheel-smoke`): it installs the wheel into a fresh venv outside the checkout."""
    dist = metadata.distribution("fls-kit")
    scripts = {ep.name: ep for ep in dist.entry_points if ep.group == "console_scripts"}
    main = scripts["fls-kit"].load()
    assert isinstance(main, click.Group)
    assert {"framework", "config", "init", "demo", "reports", "export", "app"} <= set(main.commands)
    engines = {ep.name: ep for ep in dist.entry_points if ep.group == "papermill.engine"}
    assert engines["fls_warm"].value == "fls_kit.reports:WarmEngine"
