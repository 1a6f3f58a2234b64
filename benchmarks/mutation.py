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
import ast
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
                 "_form_parts.py", "_assessment_form.py")
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
# share, the loop counter, a macro's output (already `Markup`, built with escaping). `|safe` on
# them changes nothing (an equivalent mutant): not counted. (Not `f.met`, nor any rating label:
# a store's own scale, `Store.set_scale`, has labels the educator typed.)
TRUSTED = re.compile(
    r"""^\s*(f\.t\(\s*["'][\w.]+["']\s*\)|f\.(pct|num|hours)\(.*\)|loop\.\w+"""
    r"""|(facts|chart|statement|caller)\(.*\))\s*$""",
    re.S,
)
# Outputs filled by the Python with a value that never holds user or framework text, by
# (template, macro, expression) -> why. Anything a name, note, label, title, id, scale label,
# framework text or file name can reach stays counted.
EQUIVALENT: dict[tuple[str, str, str], str] = {
    ("common.html.j2", "section", "key"): "a section key written in the code (levels, cohort, …)",
    ("common.html.j2", "facts", "name"): "field names: catalogue texts without parameters",
    ("common.html.j2", "chart", "src"): "a base64 data: URI ([A-Za-z0-9+/=] after the prefix)",
    ("common.html.j2", "note", "text"): "privacy texts: catalogue texts with a number (min)",
    ("common.html.j2", "page", "lang"): "nb or en (LANGS)",
    ("common.html.j2", "page", "css"): "Markup: the stylesheet render_learner_page is given",
    ("common.html.j2", "page", "body"): "Markup: the sections, each built with escaping",
    ("common.html.j2", "index", "lang"): "nb or en (LANGS)",
    ("common.html.j2", "index", "title"): "catalogue text without parameters",
    ("common.html.j2", "index", "css"): "Markup: the package's own stylesheet",
    ("common.html.j2", "index", "intro"): "catalogue text with a count and today's date",
    ("common.html.j2", "index", "group.heading"): "catalogue text without parameters",
    ("common.html.j2", "index", "labels.report"): "catalogue text without parameters",
    ("common.html.j2", "index", "labels.files"): "catalogue text without parameters",
    ("learner.html.j2", "levels", "row.change"): "change_text: catalogue text with a number",
    ("learner.html.j2", "charts", "fig.src"): "a base64 data: URI",
    ("learner.html.j2", "statements", 'f.t("report.more", n=more)'): "a count",
    ("learner.html.j2", "statements", "unrated"): "catalogue text with a count",
    ("learner.html.j2", "change", "row.met_before"): "a count or –",
    ("learner.html.j2", "change", "row.met_after"): "a count or –",
    ("learner.html.j2", "change", "row.change"): "change_text: catalogue text with a number",
    ("learner.html.j2", "assessor", "row.pairs"): "a count",
    ("learner.html.j2", "assessor", "row.exact"): "f.pct",
    ("learner.html.j2", "assessor", "row.difference"): "f.num",
    ("learner.html.j2", "recommendations", 'f.t("report.more", n=row.more)'): "a count",
    ("learner.html.j2", "cohort", "row.you"): "f.pct",
    ("learner.html.j2", "cohort", "row.cohort"): "f.pct",
    ("learner.html.j2", "cohort", "share"): "f.pct",
    ("learner.html.j2", "cohort", "suppressed"): "catalogue text, at most with a number (min)",
    ("cohort.html.j2", "header", "intro"): "catalogue text with numbers (n, min)",
    ("cohort.html.j2", "met", "share"): "f.pct or –",
    ("cohort.html.j2", "met", "note"): "catalogue text with a number (min)",
    ("cohort.html.j2", "weakest", "row.share"): "f.pct",
    ("cohort.html.j2", "weakest", "row.n"): "a count",
    ("cohort.html.j2", "agreement", "row.learners"): "a count",
    ("cohort.html.j2", "agreement", "row.pairs"): "a count or privacy.HIDDEN (–)",
    ("cohort.html.j2", "agreement", "row.exact"): "f.pct",
    ("cohort.html.j2", "agreement", "row.difference"): "f.num",
    ("cohort.html.j2", "agreement", "row.kappa"): "f.num",
    ("cohort.html.j2", "agreement", "note"): "catalogue text with a number (min)",
    ("cohort.html.j2", "recommendations", "row.learners"): "a count",
    ("curriculum.html.j2", "coverage", "row.covered"): '"n/N" counts',
    ("curriculum.html.j2", "coverage", "row.deepest"): "a depth label from scales.DEPTHS or –",
    ("curriculum.html.j2", "gaps", "kind.heading"): "catalogue text without parameters",
    ("curriculum.html.j2", "modules", "row.hours"): "f.hours",
    ("curriculum.html.j2", "modules", "row.n"): "a count",
    ("curriculum.html.j2", "modules", "row.depth"): "depth labels from scales.DEPTHS and counts",
}
# The same for html.escape in the widgets, by (module, function, argument) -> why.
EQUIVALENT_ESCAPES: dict[tuple[str, str, str], str] = {
    ("_cohort_dashboard.py", "__init__", "t(key, lang, before='', after='')"):
        "headings: catalogue texts without parameters",
    ("_cohort_dashboard.py", "__init__", "t('dash.title', lang)"): "catalogue text",
    ("_cohort_dashboard.py", "_hidden_note", "privacy.HIDDEN"): "the constant –",
    ("_cohort_dashboard.py", "_hidden_note", "text"): "catalogue text with a number (min)",
    ("_cohort_dashboard.py", "_info", "text"): "dash.no_data / dash.suppressed (numbers only)",
    ("_curriculum_html.py", "summary_html", "tip"): "catalogue text and a depth label",
    ("_curriculum_html.py", "summary_html", "t('curriculum.ui.summary_title', lang)"):
        "catalogue text",
    ("_curriculum_html.py", "summary_html", "caption"): "catalogue text with counts and a share",
    ("_curriculum_html.py", "heatmap_html", "code"):
        "a depth code: I, R, M, A or empty (DEPTH_COLOURS[code] raises for any other)",
    ("_curriculum_html.py", "heatmap_html", "d.label(lang)"): "a depth label from scales",
    ("_curriculum_html.py", "heatmap_html", "t('curriculum.ui.heatmap_title', lang)"):
        "catalogue text",
    ("_assessment_form.py", "set_language", "t('form.title_' + self.mode, lang)"):
        "catalogue text (mode is self or assessor)",
    ("_assessment_form.py", "set_language", 't("form.intro_" + self.mode, lang)'):
        "catalogue text (mode is self or assessor)",
    ("_assessment_form.py", "_update_summary", "t('form.nothing_selected', self.lang)"):
        "catalogue text",
}  # fmt: skip


MACRO = re.compile(r"\{%-?\s*macro\s+(\w+)")
COMMENT = re.compile(r"\{#.*?#\}", re.S)


def _outputs(text: str) -> list[re.Match[str]]:
    """The `{{ … }}` outputs of a template, not those quoted in a `{# comment #}`."""
    comments = [m.span() for m in COMMENT.finditer(text)]
    return [m for m in OUTPUT.finditer(text) if not any(a <= m.start() < b for a, b in comments)]


def _macro_at(text: str, offset: int) -> str:
    """The name of the macro the template text at `offset` is in ("" outside any)."""
    names = [m.group(1) for m in MACRO.finditer(text, 0, offset)]
    return names[-1] if names else ""


def _call_argument(text: str, start: int) -> str:
    """The source text of the argument of the call whose "(" ends just before `start`."""
    depth = 1
    for i in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return text[start:i].strip()
    return text[start:].strip()


def _function_at(tree: ast.Module, line: int) -> str:
    """The innermost function defined around `line` ("" at module level)."""
    name = ""
    for node in ast.walk(tree):
        inside = getattr(node, "lineno", 0) <= line <= (getattr(node, "end_lineno", 0) or 0)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and inside:
            name = node.name  # ast.walk is breadth first: inner functions come later
    return name


def escape_mutants(*, with_equivalent: bool = False) -> list[tuple[Path, int, str]]:
    """(file, offset, description) of every escaping mutant, without the equivalent ones."""
    found = []
    for path in TEMPLATES:
        text = path.read_text("utf-8")
        for m in _outputs(text):
            expr = m.group(1).strip()
            if "|safe" in expr.replace(" ", ""):
                continue
            known = (path.name, _macro_at(text, m.start()), expr) in EQUIVALENT
            if with_equivalent or not (TRUSTED.match(expr) or known):
                found.append((path, m.start(1), f"{{{{({expr})|safe}}}}"))
    for path in ESCAPING_MODULES:
        text = path.read_text("utf-8")
        tree = ast.parse(text)
        for m in ESCAPE.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            key = (path.name, _function_at(tree, line), _call_argument(text, m.end()))
            if with_equivalent or key not in EQUIVALENT_ESCAPES:
                what = f"line {line}: html.escape({' '.join(key[2].split())}) -> str("
                found.append((path, m.start(), what))
    return found


def stale_equivalents() -> list[tuple[str, str, str]]:
    """Allow-list entries that match no output or call any more (the code moved on)."""
    seen = set()
    for path in TEMPLATES:
        text = path.read_text("utf-8")
        for m in _outputs(text):
            seen.add((path.name, _macro_at(text, m.start()), m.group(1).strip()))
    for path in ESCAPING_MODULES:
        text = path.read_text("utf-8")
        tree = ast.parse(text)
        for m in ESCAPE.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            seen.add((path.name, _function_at(tree, line), _call_argument(text, m.end())))
    return sorted(k for k in [*EQUIVALENT, *EQUIVALENT_ESCAPES] if k not in seen)


def mutate(text: str, path: Path, offset: int) -> str:
    if path.suffix == ".j2":  # {{ x or "–" }} -> {{ (x or "–")|safe }}, not x or ("–"|safe)
        end = text.index("}}", offset)
        return f"{text[:offset]}({text[offset:end]})|safe{text[end:]}"
    return text[:offset] + "str(" + text[offset + len("html.escape(") :]


def escaping_part(args: argparse.Namespace) -> tuple[int, int]:
    for key in stale_equivalents():
        print(f"    stale equivalent-mutant entry (matches nothing): {key}")
    found = escape_mutants()
    skipped = len(escape_mutants(with_equivalent=True)) - len(found)
    print(f"    {skipped} equivalent mutants not counted (TRUSTED, EQUIVALENT, EQUIVALENT_ESCAPES)")
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
