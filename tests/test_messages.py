"""The message catalogue (`fls_kit._i18n`): complete in both languages, and the only source.

Every text a user reads comes from the catalogue, Norwegian first and English second. These
tests read the catalogue and the source (no store, no notebook runs), so they are fast:

- every key has a non-empty text in every language, with the same `{placeholders}`;
- HTML tags appear only in messages marked as markup (keys ending `_html`, `MARKUP_KEYS`);
- every key the code, the report templates and the notebooks look up exists, including keys
  built from a prefix (`t(f"form.occasion.{o}")`, wrappers such as `self._t("met")`);
- the tables of texts that used to live beside the code are gone, and the store raises its
  errors as catalogue keys.
"""

from __future__ import annotations

import ast
import json
import pickle
import re
import string
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest

from fls_kit._i18n import LANGS, MARKUP_KEYS, MESSAGES, PerLang, t, t_html

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "fls_kit"
CATALOGUE = PACKAGE / "_i18n.py"
NAMESPACES = {key.split(".")[0] for key in MESSAGES}
KEY = re.compile(r"[a-z_]+(?:\.[a-z0-9_æøå]+)+")
FILE_NAME = re.compile(r"\.(?:sqlite|toml|j2|html|xlsx|csv|json|ipynb|css|py|md|txt|pdf|png)$")
TAG = re.compile(r"<\s*/?\s*[A-Za-z!]")  # "<b>", "</b>", "<br/>", "<!--"; not "(<5)"
ENTITY = re.compile(r"&(?:[a-z]+|#\d+);")
LOOKUPS = {"t", "t_html"}  # the functions that take a key first


def placeholders(text: str) -> set[str]:
    """The names in `{name}`, `{name:.0%}`, `{name!r}` (not the doubled `{{`)."""
    names = set()
    for _literal, field, _spec, _conversion in string.Formatter().parse(text):
        if field is not None:
            names.add(re.split(r"[.\[]", field, maxsplit=1)[0])
    return names


# -- (a) and (b): both languages, the same placeholders -----------------------------------------


def test_every_message_has_every_language() -> None:
    incomplete = {
        key: sorted(set(LANGS) ^ set(entry))
        for key, entry in MESSAGES.items()
        if set(entry) != set(LANGS)
    }
    assert not incomplete, f"languages missing or extra: {incomplete}"
    empty = [
        (key, lang)
        for key, entry in MESSAGES.items()
        for lang in LANGS
        if not (isinstance(entry[lang], str) and entry[lang].strip())
    ]
    assert not empty, f"empty texts: {empty}"


def test_both_languages_have_the_same_placeholders() -> None:
    differ = {
        key: {lang: sorted(placeholders(entry[lang])) for lang in LANGS}
        for key, entry in MESSAGES.items()
        if len({frozenset(placeholders(entry[lang])) for lang in LANGS}) > 1
    }
    assert not differ, f"placeholders differ between the languages: {differ}"


def test_every_message_formats_in_both_languages() -> None:
    """A stray `{` or an unknown conversion would only fail when a user meets the message."""
    for key, entry in MESSAGES.items():
        for lang in LANGS:
            names = placeholders(entry[lang])
            params: dict[str, object] = {n: 0.5 for n in names}
            t(key, lang, **params)


def test_the_catalogue_has_no_duplicate_keys() -> None:
    """A repeated key in the dict literal silently replaces the first one."""
    tree = ast.parse(CATALOGUE.read_text("utf-8"))
    (catalogue,) = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.AnnAssign | ast.Assign)
        and isinstance(node.value, ast.Dict)
        and "MESSAGES" in ast.unparse(node if isinstance(node, ast.AnnAssign) else node.targets[0])
    ]
    keys = [k.value for k in catalogue.keys if isinstance(k, ast.Constant)]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    assert not repeated, f"keys given twice: {repeated}"


# -- (d): markup ---------------------------------------------------------------------------------


def test_only_markup_messages_hold_tags() -> None:
    tagged = sorted(
        key
        for key, entry in MESSAGES.items()
        for text in entry.values()
        if (TAG.search(text) or ENTITY.search(text)) and key not in MARKUP_KEYS
    )
    assert not tagged, f"HTML in plain-text messages (end the key with _html): {tagged}"
    untagged = sorted(
        key for key in MARKUP_KEYS if not all(TAG.search(MESSAGES[key][lang]) for lang in LANGS)
    )
    assert not untagged, f"marked as markup but without tags in every language: {untagged}"
    assert {k for k in MESSAGES if k.endswith("_html")} == MARKUP_KEYS
    assert MARKUP_KEYS, "the catalogue has markup messages (form.summary_html, ...)"


def test_t_html_escapes_what_is_not_trusted_markup() -> None:
    evil = "<script>alert(1)</script> & co"
    shown = t_html("form.summary_html", "nb", name=evil, occasion="før", rater="Kari")
    assert "<b>" in shown
    assert "<script>" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in shown
    plain = t_html("form.welcome_back", "en", name=evil)
    assert "<script>" not in plain
    assert plain.startswith("Welcome back, &lt;script&gt;")
    # a plain message's own text is escaped too: "(<5)" in a cell, "&lt;5" in HTML
    assert t_html("excel.hidden", "nb", min=5) == "skjult (&lt;5)"


def test_a_parameter_can_differ_by_language() -> None:
    scale = PerLang("0 Ikke ennå, 1 Delvis", "0 Not yet, 1 Partly")
    assert "0 Not yet, 1 Partly" in t("store.value_outside_scale", "en", value=3, scale=scale)
    assert "0 Ikke ennå, 1 Delvis" in t("store.value_outside_scale", "nb", value=3, scale=scale)


# -- (c): every key used exists ------------------------------------------------------------------


def _python_files() -> Iterator[Path]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if path != CATALOGUE:
            yield path


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_key(text: str) -> bool:
    if not KEY.fullmatch(text) or FILE_NAME.search(text):
        return False
    return text.split(".")[0] in NAMESPACES


def _prefix(arg: ast.AST) -> str | None:
    """The fixed start of a key built at run time: `f"form.occasion.{o}"`, `"form.title_" + m`."""
    start = None
    if isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
        start = str(arg.values[0].value)
    elif (
        isinstance(arg, ast.BinOp)
        and isinstance(arg.op, ast.Add)
        and isinstance(arg.left, ast.Constant)
        and isinstance(arg.left.value, str)
    ):
        start = arg.left.value
    if start is None or not re.fullmatch(r"[a-z_]+\.[a-z0-9_.]*", start):
        return None
    return start if start.split(".")[0] in NAMESPACES else None


def _wrappers(tree: ast.AST) -> dict[str, str]:
    """Functions that look a key up under a fixed prefix, e.g.

        def _t(self, key): return t(f"dash.col.{key}", self.lang)

    as {name: prefix}; their calls with literal names are checked as prefix + name.
    """
    found = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        params = {a.arg for a in node.args.args}
        for call in ast.walk(node):
            if not (isinstance(call, ast.Call) and _callee(call) in LOOKUPS and call.args):
                continue
            arg = call.args[0]
            if (
                isinstance(arg, ast.JoinedStr)
                and len(arg.values) == 2
                and isinstance(arg.values[0], ast.Constant)
                and isinstance(arg.values[1], ast.FormattedValue)
                and isinstance(arg.values[1].value, ast.Name)
                and arg.values[1].value.id in params
            ):
                found[node.name] = str(arg.values[0].value)
    return found


def _dynamic_lookups() -> dict[str, tuple[str, ...]]:
    """Keys the code builds from a prefix and a value it does not spell out, by prefix.

    A new way of building keys fails `test_every_key_used_exists` until it is listed here.
    """
    from fls_kit.curriculum import GAP_KINDS
    from fls_kit.ratings import _export
    from fls_kit.store import KNOWN_OCCASIONS
    from fls_kit.widgets._assessment_form import Mode

    return {
        "form.occasion.": tuple(KNOWN_OCCASIONS),
        "curriculum.gap.": tuple(GAP_KINDS),
        "report.gaps.": tuple(GAP_KINDS),
        "form.title_": typing.get_args(Mode),
        "form.intro_": typing.get_args(Mode),
        "ratings.export.col.": (*_export.LONG_COLUMNS, *_export.WIDE_COLUMNS),
        "ratings.missing_": ("occasion", "rater"),  # ratings/_import.py: _text(f, name, ...)
    }


def _keys_in_python() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """({key: files} for keys spelled out, {prefix: files} for keys built at run time).

    A prefix only used inside a wrapper that is called with literal names is not returned:
    its calls are checked as prefix + name.
    """
    keys: dict[str, set[str]] = {}
    prefixes: dict[str, set[str]] = {}
    for path in _python_files():
        where = str(path.relative_to(PACKAGE.parent))
        tree = ast.parse(path.read_text("utf-8"))
        skip = _docstrings(tree)
        wrappers = _wrappers(tree)
        literal_calls: set[str] = set()
        built: dict[str, set[str]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                skip.update(id(v) for v in node.values)  # "ratings.missing_" of f"…{name}"
            # any literal that looks like a key of the catalogue: Problem(..., "ratings.empty"),
            # StoreError("store.unknown_learner"), key = "a.b" if x else "a.c", t("a.b") ...
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
                and _is_key(node.value)
            ):
                keys.setdefault(node.value, set()).add(where)
            if isinstance(node, ast.JoinedStr | ast.BinOp) and (start := _prefix(node)):
                built.setdefault(start, set()).add(where)
                if isinstance(node, ast.BinOp):
                    skip.add(id(node.left))
            if isinstance(node, ast.Call) and node.args and _callee(node) in wrappers:
                name = _callee(node)  # self._t("met"), _h("share", lang, label=...)
                for part in ast.walk(node.args[0]):
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        if not re.fullmatch(r"[a-z0-9_æøå]+", part.value):
                            continue  # a fallback such as _occasion_label(x or "–")
                        keys.setdefault(wrappers[name] + part.value, set()).add(where)
                        literal_calls.add(name)
        for name, start in wrappers.items():
            if name in literal_calls:
                built.pop(start, None)
        for start, found in built.items():
            prefixes.setdefault(start, set()).update(found)
    return keys, prefixes


LOOKUP_IN_TEXT = re.compile(r"(?<![\w])(?:t|t_html)\(\s*(f?)([\"'])(.+?)\2")


def _keys_in_templates_and_notebooks() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    paths = [*sorted((ROOT / "templates").rglob("*")), *sorted((ROOT / "notebooks").rglob("*"))]
    for path in paths:
        if path.suffix == ".ipynb":
            cells = json.loads(path.read_text("utf-8"))["cells"]
            text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        elif path.suffix in {".py", ".j2", ".html", ".tpl", ".md"}:
            text = path.read_text("utf-8")
        else:
            continue
        for f_string, _quote, key in LOOKUP_IN_TEXT.findall(text):
            assert not f_string, f"{path}: a key built at run time ({key}); spell it out"
            found.setdefault(key, set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_key_used_exists() -> None:
    keys, prefixes = _keys_in_python()
    for key, where in _keys_in_templates_and_notebooks().items():
        keys.setdefault(key, set()).update(where)
    dynamic = _dynamic_lookups()
    unhandled = {p: sorted(w) for p, w in prefixes.items() if p not in dynamic}
    assert not unhandled, f"keys built at run time: list them in _dynamic_lookups: {unhandled}"
    for prefix, values in dynamic.items():
        assert values, prefix
        for value in values:
            keys.setdefault(prefix + value, set()).add(f"(built from {prefix!r})")
    missing = {key: sorted(where) for key, where in keys.items() if key not in MESSAGES}
    assert not missing, f"keys used but not in the catalogue: {missing}"


def test_the_scan_finds_every_kind_of_lookup() -> None:
    """The scan above is only worth something if it sees the lookups; spot-check each form."""
    keys, prefixes = _keys_in_python()
    assert len(keys) > 300
    assert "form.summary_html" in keys  # t_html("…")
    assert "store.unknown_learner" in keys  # StoreError("…")
    assert "ratings.bad_value" in keys  # self.add("…") -> Problem
    assert "dash.col.met" in keys  # self._t("met") in the dashboard
    assert "excel.col.share" in keys  # _h("share", …) in the results workbook
    assert "excel.sheet.statements" in keys  # name("statements") inside build_sheets
    assert "curriculum.ui.unsaved_one" in keys  # self._t("unsaved_one" if … else "unsaved")
    assert set(prefixes) <= set(_dynamic_lookups())
    stale = set(_dynamic_lookups()) - set(prefixes)
    assert not stale, f"listed in _dynamic_lookups but no longer used: {stale}"


# -- (e): no user texts left outside the catalogue -----------------------------------------------


def test_the_old_tables_of_texts_are_gone() -> None:
    from fls_kit.interop import _case
    from fls_kit.ratings import _export
    from fls_kit.results import _tables
    from fls_kit.widgets import _cohort_dashboard

    gone = {
        _cohort_dashboard: ["_COLUMNS"],
        _tables: ["HEADERS", "SHEETS"],
        _export: ["LONG_HEADERS", "WIDE_HEADERS", "NOT_RELEVANT", "SHEET"],
        _case: ["DOMAIN_TYPE", "STATEMENT_TYPE"],
    }
    left = [f"{m.__name__}.{n}" for m, names in gone.items() for n in names if hasattr(m, n)]
    assert not left, f"texts beside the code instead of in the catalogue: {left}"


# Where user texts used to be written out; they hold none now (docstrings and click's
# --help texts, which stay Norwegian, aside).
CHECKED = [
    "widgets/_cohort_dashboard.py", "results/_tables.py", "ratings/_export.py",
    "interop/_case.py", "store/_store.py", "store/_rating_rows.py", "store/_curriculum.py",
    "curriculum/_coverage.py", "errors.py",
    *(f"cli/{p.name}" for p in (PACKAGE / "cli").glob("*.py")),
]  # fmt: skip
# Codes and data, not texts: occasion codes and the CLI's help texts.
NOT_TEXT = {"før", "etter"}
WORDS = re.compile(r"[A-Za-zÆØÅæøå]{3,}")
TEXT_CALLS = {"echo", "secho", "UsageError", "BadParameter", "ClickException", "HTML", "Label"}


def _help_texts(tree: ast.AST) -> set[int]:
    """Constants inside click's decorators and `help=`: the --help texts may stay Norwegian."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _callee(node) in {
            "option", "argument", "command", "group", "version_option", "Choice", "Path",
        }:  # fmt: skip
            found.update(id(c) for c in ast.walk(node) if isinstance(c, ast.Constant))
    return found


@pytest.mark.parametrize("name", sorted(CHECKED))
def test_no_user_text_outside_the_catalogue(name: str) -> None:
    path = PACKAGE / name
    tree = ast.parse(path.read_text("utf-8"))
    skip = _docstrings(tree) | _help_texts(tree)
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            text = node.value
            if re.search("[æøåÆØÅ]", text) and text not in NOT_TEXT and text not in MESSAGES:
                problems.append(f"line {node.lineno}: Norwegian text {text!r}")
        if isinstance(node, ast.Call) and _callee(node) in TEXT_CALLS and node.args:
            arg = node.args[0]
            parts = arg.values if isinstance(arg, ast.JoinedStr) else [arg]
            words = [
                p.value for p in parts if isinstance(p, ast.Constant) and WORDS.search(str(p.value))
            ]
            if words:
                problems.append(f"line {node.lineno}: text shown to a user {words}")
        if (
            isinstance(node, ast.Call)
            and _callee(node) == "StoreError"
            and node.args
            and not isinstance(node.args[0], ast.Constant | ast.Name)
        ):
            problems.append(f"line {node.lineno}: StoreError takes a catalogue key")
    assert not problems, "\n".join(problems)


def test_store_errors_speak_both_languages(tmp_path: Path) -> None:
    from fls_kit.errors import StoreError
    from fls_kit.store import open_store

    with (
        open_store(f"sqlite:///{tmp_path / 'a.sqlite'}") as st,
        pytest.raises(StoreError) as caught,
    ):
        st.learner("zz")
    exc = caught.value
    assert exc.key == "store.unknown_learner"
    assert str(exc) == "ukjent deltaker «zz»" == exc.text("nb")
    assert exc.text("en") == "unknown learner “zz”"
    again = pickle.loads(pickle.dumps(exc))  # reports run in other processes
    assert isinstance(again, StoreError)
    assert again.text("en") == exc.text("en")
