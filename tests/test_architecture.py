"""The shape of the package: subsystems as folders, no import cycles, light entry points.

These are the rules of DEVELOPERS.md ("Shape of the code") checked on the source, so that a
change that breaks one fails here instead of in a reviewer's head.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "fls_kit"
SUBSYSTEMS = {
    "app", "cli", "curriculum", "framework", "interop", "ratings", "reports", "results",
    "scoring", "store", "widgets",
}  # fmt: skip


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Line numbers of imports inside `if TYPE_CHECKING:` blocks (never run)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            lines.update(n.lineno for n in ast.walk(node) if isinstance(n, ast.ImportFrom))
    return lines


def imports_of(name: str) -> set[str]:
    """Every fls_kit module `name` imports, at the top or inside a function (lazy)."""
    tree = ast.parse(MODULES[name].read_text("utf-8"))
    skip = _type_checking_only(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.lineno not in skip:
            targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            continue
        for target in targets:
            # Importing a.b.c runs a and a.b too; a module's own packages are already running.
            parts = target.split(".")
            for i in range(1, len(parts) + 1):
                module = ".".join(parts[:i])
                if module in MODULES and module != name and not name.startswith(module + "."):
                    found.add(module)
    return found


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in `graph`, as a path that ends where it starts; None when there is none."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[node] = 2
        path.pop()
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_find_cycle_finds_a_lazy_cycle_and_accepts_a_tree() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_no_import_cycles_lazy_or_not() -> None:
    # Registries that name modules as strings (framework._sheet.INTERCHANGE_READERS, the lazy
    # `__getattr__` of fls_kit and fls_kit.reports) are the documented exception: not edges here.
    graph = {name: imports_of(name) for name in MODULES}
    assert find_cycle(graph) is None


def test_top_level_is_entry_modules_and_one_folder_per_subsystem() -> None:
    files = sorted(p.name for p in PACKAGE.iterdir() if p.is_file())
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert len(files) <= 12, files
    assert folders == SUBSYSTEMS


def test_subsystems_are_flat_with_private_modules_behind_a_public_init() -> None:
    for sub in SUBSYSTEMS:
        folder = PACKAGE / sub
        assert (folder / "__init__.py").is_file(), sub
        nested = [p.name for p in folder.iterdir() if p.is_dir() and p.name != "__pycache__"]
        assert nested in ([], ["_templates"]), (sub, nested)
        public = [p.name for p in folder.glob("[!_]*.py")]
        # A public module besides __init__ is a documented API (reports.sections).
        assert set(public) <= {"sections.py"}, (sub, public)


def test_no_module_reaches_into_another_subsystems_private_modules() -> None:
    offenders = []
    for name in MODULES:
        own = name.split(".")[1] if name.count(".") >= 1 else ""
        for target in imports_of(name):
            parts = target.split(".")
            if len(parts) >= 3 and parts[1] != own and parts[2].startswith("_"):
                offenders.append(f"{name} -> {target}")
    assert offenders == []


@pytest.mark.parametrize(
    "statement",
    ["import papermill", "import fls_kit", "import fls_kit.reports", "import fls_kit.cli"],
)
def test_entry_points_import_nothing_heavy(statement: str) -> None:
    """papermill loads the engine entry point while it is imported; the CLI starts on every call."""
    code = (
        f"import sys; {statement}; "
        "heavy = sorted(m for m in ('pandas', 'matplotlib', 'fls_kit.framework', 'fls_kit.store')"
        " if m in sys.modules); print(','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == ""


def test_papermill_finds_the_warm_engine_whichever_is_imported_first() -> None:
    for first in ("import papermill", "from fls_kit.reports import WarmEngine"):
        code = (
            f"{first}\nfrom papermill.engines import papermill_engines\n"
            "from fls_kit.reports import WarmEngine\n"
            "assert papermill_engines.get_engine('fls_warm') is WarmEngine"
        )
        subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
