"""Mutation testing of the core rules: how many seeded bugs does the quick loop catch?

Run `make mutation` (or `.venv/bin/python benchmarks/mutation.py --help`). A benchmark, not a CI
gate: it prints a score per module and a total (killed / checked, %); the goal is >= 90 %.

Two parts:

1. mutmut 3 (configured in pyproject.toml, `[tool.mutmut]`) mutates the Python modules of the
   core rules in a copy under `mutants/` and runs, for each mutant, the quick-loop tests
   (`-m "not slow and not browser"`) that call the mutated function. A full run is thousands
   of mutants (hours on two cores); `--sample N` checks N mutants per module, spread evenly
   over the file, which gives a usable score in minutes. Results accumulate in `mutants/`
   (delete it to start over); the score counts every mutant checked so far.
2. Escaping, which mutmut cannot reach: jinja2 templates are not Python, and mutmut does not
   drop a call. In a throw-away copy of the package, each `{{ … }}` of the report templates
   gets `|safe` and each `html.escape(…)` of the widgets becomes `str(…)`, one at a time, and
   the fast escaping tests run. An output that never holds user text (a number, a percentage)
   survives by design; the score says how much of the rest the tests guard.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"
QUICK = ["-m", "not slow and not browser"]
# The «hostile text in every field» tests: every renderer over a store full of markup.
ESCAPE_TESTS = ["tests/test_hostile_text.py"]
TEMPLATES = sorted((ROOT / "fls_kit" / "reports" / "_templates").glob("*.j2"))
ESCAPING_MODULES = [
    ROOT / "fls_kit" / "widgets" / name
    for name in ("_cohort_dashboard.py", "_curriculum_html.py", "_curriculum_mapper.py",
                 "_form_parts.py")
]  # fmt: skip


def modules() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    return [p for p in config["only_mutate"] if (ROOT / p).exists()]


def dotted(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def results() -> dict[str, dict[str, int | None]]:
    """module path -> {mutant name: exit code or None (not checked yet)}."""
    out = {}
    for path in modules():
        meta = MUTANTS / (path + ".meta")
        if meta.exists():
            out[path] = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
    return out


def status(code: int | None) -> str:
    from mutmut.stats import status_by_exit_code

    return str(status_by_exit_code.get(code, "suspicious"))


def run_mutmut(names: list[str], children: int) -> None:
    command = [str(Path(sys.executable).parent / "mutmut"), "run", "--max-children", str(children)]
    # mutmut shows a spinner on one line; keep only the last part of its output.
    done = subprocess.run([*command, *names], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stdout[-3000:], done.stderr[-3000:], sep="\n")


def sample(names: list[str], n: int) -> list[str]:
    """`n` names spread evenly over the list (mutmut numbers mutants in file order)."""
    if n <= 0:
        return []
    if n >= len(names):
        return names
    step = len(names) / n
    return [names[int(i * step)] for i in range(n)]


def python_part(args: argparse.Namespace) -> tuple[int, int]:
    wanted = [m for m in modules() if not args.module or any(k in m for k in args.module)]
    if not results():  # generate the mutants and collect which tests call what, checking none
        run_mutmut(["fls_kit.no_such_module*"], args.max_children)
    todo: list[str] = []
    if args.recheck_survivors:  # after new tests: check the survivors again
        for path in wanted:
            meta = MUTANTS / (path + ".meta")
            if meta.exists():
                data = json.loads(meta.read_text("utf-8"))
                codes = data["exit_code_by_key"]
                todo += [k for k, v in codes.items() if v == 0]
                data["exit_code_by_key"] = {k: None if v == 0 else v for k, v in codes.items()}
                meta.write_text(json.dumps(data), "utf-8")
    again = set(todo)
    for path, codes in results().items():
        if path not in wanted:
            continue
        unchecked = sorted(k for k, v in codes.items() if v is None and k not in again)
        if args.sample:
            checked = sum(v is not None or k in again for k, v in codes.items())
            todo += sample(unchecked, max(0, args.sample - checked))
        else:
            todo += unchecked
    if todo:
        print(f"mutmut: checking {len(todo)} mutants …", flush=True)
        for start in range(0, len(todo), 200):
            run_mutmut(todo[start : start + 200], args.max_children)
    print(f"\n{'module':42} {'killed':>7} {'checked':>8} {'score':>7} {'of all':>7}")
    total_killed = total_checked = 0
    for path, codes in results().items():
        if path not in wanted:
            continue
        counts = Counter(status(v) for v in codes.values() if v is not None)
        # A mutant no test reaches counts as survived: nothing would notice that bug.
        checked = sum(counts[s] for s in counts if s not in ("skipped", "not checked"))
        killed = counts["killed"] + counts["timeout"] + counts["caught by type check"]
        total_killed += killed
        total_checked += checked
        print(f"{path:42} {killed:7} {checked:8} {pct(killed, checked):>7} {len(codes):7}")
        survivors = [k for k, v in codes.items() if v is not None and status(v) != "killed"]
        if args.survivors and survivors:
            print("    survived:", " ".join(sorted(survivors)))
    print(f"{'total (mutmut)':42} {total_killed:7} {total_checked:8} "
          f"{pct(total_killed, total_checked):>7}")  # fmt: skip
    return total_killed, total_checked


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


# -- escaping: templates and html.escape --------------------------------------------------------
OUTPUT = re.compile(r"\{\{(.*?)\}\}", re.S)
ESCAPE = re.compile(r"html\.escape\(")
# Outputs that never hold user text: a catalogue text without parameters, a formatted number or
# share, the loop counter. `|safe` on them changes nothing (an equivalent mutant): not counted.
TRUSTED = re.compile(
    r"""^\s*(f\.t\(\s*["'][\w.]+["']\s*\)|f\.(pct|num|hours)\(.*\)|loop\.\w+|f\.met)\s*$""", re.S
)


def escape_mutants() -> list[tuple[Path, int, str]]:
    """(file, offset, description) of every escaping mutant."""
    found = []
    for path in TEMPLATES:
        for m in OUTPUT.finditer(path.read_text("utf-8")):
            if "|safe" not in m.group(1).replace(" ", "") and not TRUSTED.match(m.group(1)):
                found.append((path, m.end() - 2, f"{{{{{m.group(1).strip()}|safe}}}}"))
    for path in ESCAPING_MODULES:
        text = path.read_text("utf-8")
        for m in ESCAPE.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            found.append((path, m.start(), f"line {line}: html.escape( -> str("))
    return found


def mutate(text: str, path: Path, offset: int) -> str:
    if path.suffix == ".j2":
        return text[:offset] + "|safe" + text[offset:]
    return text[:offset] + "str(" + text[offset + len("html.escape(") :]


def escaping_part(args: argparse.Namespace) -> tuple[int, int]:
    found = escape_mutants()
    if args.sample:
        found = (
            [found[int(i * len(found) / args.sample)] for i in range(args.sample)]
            if len(found) > args.sample
            else found
        )
    killed = 0
    per_file: Counter[str] = Counter()
    per_file_killed: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="fls-mutation-") as tmp:
        work = Path(tmp)
        for name in ("fls_kit", "tests", "data", "templates", "notebooks"):
            shutil.copytree(ROOT / name, work / name, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "pyproject.toml", work)
        for path, offset, what in found:
            rel = path.relative_to(ROOT)
            original = (work / rel).read_text("utf-8")
            (work / rel).write_text(mutate(original, path, offset), "utf-8")
            try:
                done = subprocess.run(
                    [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                     *QUICK, *ESCAPE_TESTS],
                    cwd=work, capture_output=True, text=True,
                )  # fmt: skip
            finally:
                (work / rel).write_text(original, "utf-8")
            caught = done.returncode != 0
            killed += caught
            per_file[str(rel)] += 1
            per_file_killed[str(rel)] += caught
            if args.survivors and not caught:
                print(f"    survived: {rel} {what[:80]}")
    for name in sorted(per_file):
        print(f"{name:42} {per_file_killed[name]:7} {per_file[name]:8} "
              f"{pct(per_file_killed[name], per_file[name]):>7}")  # fmt: skip
    print(f"{'total (escaping)':42} {killed:7} {len(found):8} {pct(killed, len(found)):>7}")
    return killed, len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", help="only modules whose path has this")
    parser.add_argument("--sample", type=int, default=0, help="mutants per module (0: all)")
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--survivors", action="store_true", help="list surviving mutants")
    parser.add_argument(
        "--recheck-survivors", action="store_true", help="check survived mutants again"
    )
    parser.add_argument("--skip-python", action="store_true")
    parser.add_argument("--skip-escaping", action="store_true")
    args = parser.parse_args()
    killed = checked = 0
    if not args.skip_python:
        k, c = python_part(args)
        killed, checked = killed + k, checked + c
    if not args.skip_escaping:
        print(f"\n{'escaping mutant file':42} {'killed':>7} {'checked':>8} {'score':>7}")
        k, c = escaping_part(args)
        killed, checked = killed + k, checked + c
    print(f"\nmutation score: {killed} / {checked} killed = {pct(killed, checked)} (goal >= 90 %)")


if __name__ == "__main__":
    main()
