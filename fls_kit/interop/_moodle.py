"""Moodle competency framework CSV (admin tool tool_lpimportcsv), written and read.

Layout, as Moodle's own `framework_exporter` writes it and `framework_importer` reads it
(columns by position, first line a header):

- one framework row: `Is framework` = 1, `Scale values` = the rating scale's labels separated
  by commas, `Scale configuration` = JSON `[{"scaleid": ...}, {"id": 1, "scaledefault": 1,
  "proficient": 0}, ...]` (item ids are 1-based positions in the scale), `Taxonomy` = one term
  per depth of the tree;
- one row per competency; top-level competencies have an empty `Parent ID number` (Moodle hangs
  them under the framework), others name their parent's ID number. We write the domains
  (1, 2, 3, 3.1 ...) as competencies and each statement under its domain, parents first.

ID numbers are `<framework id>/<code>`: `ffn-sffp-2025` for the framework, `ffn-sffp-2025/3.3`
for a domain, `ffn-sffp-2025/3.3.P8` for a statement. The statement id holds domain, level and
number, so the level survives the trip through Moodle. Level names are listed in the framework's
description. Descriptions are HTML (format 1): the text in the chosen language as
`<p lang="nb">…</p>`, then (unless `translation=False`) the other language as
`<p lang="en"><em>…</em></p>`, so that reading the file back gives both languages.

Quoting follows PHP's `fputcsv` (which Moodle uses): a field is quoted when it holds a comma,
a quote, a backslash, a space, a tab or a line break; quotes are doubled.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from typing import Any

from fls_kit._i18n import LANGS
from fls_kit.errors import FrameworkError, Problem, collect
from fls_kit.framework import Framework
from fls_kit.interop._moodle_html import describe, escape, paragraphs, texts_of
from fls_kit.interop._tree import Node, build_from_nodes, levels_frame, problem
from fls_kit.scales import DEFAULT_SCALE, Scale

HEADER = (
    "Parent ID number",
    "ID number",
    "Short name",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross-referenced competency ID numbers",
    "Exported ID (optional)",
    "Is framework",
    "Taxonomy",
)
PARENT, IDNUMBER, SHORTNAME, DESCRIPTION, FORMAT, SCALE_VALUES, SCALE_CONFIG = range(7)
IS_FRAMEWORK, TAXONOMY = 12, 13
# Moodle's taxonomy terms (core_competency\competency_framework::get_taxonomies_list).
TAXONOMY_TERMS = (
    *("behaviour", "competency", "concept", "domain", "indicator", "level"),
    *("outcome", "practice", "proficiency", "skill", "value"),
)
MAX_IDNUMBER = 100  # competency.idnumber / shortname: Moodle shortens both to 100 characters
FORMAT_HTML = "1"
# Scale values and configuration empty (the framework's apply), rule type empty, rule outcome 0
# and rule config "null": what Moodle's exporter writes for a competency without a rule.
_NO_SCALE_NO_RULE = ("", "", "", "0", "null", "", "", "", "")
_QUOTE_WHEN = frozenset(',"\\\n\r\t ')


def write_moodle(
    fw: Framework,
    path: str | os.PathLike[str],
    scale: Scale = DEFAULT_SCALE,
    *,
    lang: str | None = None,
    translation: bool = True,
) -> Path:
    """Write `fw` as a Moodle competency framework CSV; returns the path written."""
    out = Path(path)
    out.write_text(moodle_csv(fw, scale, lang=lang, translation=translation), encoding="utf-8")
    return out


def moodle_csv(
    fw: Framework,
    scale: Scale = DEFAULT_SCALE,
    *,
    lang: str | None = None,
    translation: bool = True,
) -> str:
    """The Moodle CSV text for `fw` (see the module docstring for the layout)."""
    lang = lang or fw.lang
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    langs: list[str] = [lang, *(x for x in LANGS if x != lang and translation)]
    codes = [str(c) for c in fw.domains.index] + [str(i) for i in fw.statements.index]
    prefix = _idnumber_prefix(str(fw.meta.get("id") or "framework"), max(map(len, codes)))

    def texts(row: Any, stem: str) -> dict[str, str]:
        found = {x: str(row[f"{stem}_{x}"] or "") for x in langs}
        found[lang] = found[lang] or str(row[f"{stem}_nb"])  # no translation: the original
        return found

    rows = [_framework_row(fw, scale, prefix, lang, langs)]
    by_domain = {str(d): f for d, f in fw.statements.groupby("domain", observed=True)}
    for code, domain in fw.domains.iterrows():
        parent = f"{prefix}/{domain['parent']}" if domain["parent"] else ""
        rows.append(
            _competency_row(parent, f"{prefix}/{code}", str(code), texts(domain, "title"), lang)
        )
        for sid, st in by_domain.get(str(code), fw.statements.iloc[:0]).iterrows():
            rows.append(
                _competency_row(
                    f"{prefix}/{code}", f"{prefix}/{sid}", str(sid), texts(st, "text"), lang
                )
            )
    return "".join(",".join(_csv_field(v) for v in row) + "\n" for row in [list(HEADER), *rows])


def _idnumber_prefix(framework_id: str, longest_code: int) -> str:
    # Moodle cleans ID numbers as PARAM_TEXT and PHP's CSV reader treats a backslash
    # specially: keep the framework id to plain characters, short enough for every row.
    clean = re.sub(r"[^\w.\-]+", "-", framework_id).strip("-") or "framework"
    return clean[: MAX_IDNUMBER - 1 - longest_code]


def _framework_row(
    fw: Framework, scale: Scale, prefix: str, lang: str, langs: list[str]
) -> list[str]:
    labels = [label.replace(",", ";") for label in scale.labels(lang).values()]
    config: list[dict[str, Any]] = [{"scaleid": "1"}]
    for position, item in enumerate(scale.items, start=1):
        config.append(
            {"id": position, "scaledefault": int(position == 1), "proficient": int(item.met)}
        )
    titles = {x: str(fw.meta.get(f"title_{x}") or "") for x in langs}
    parts = [paragraphs(titles, lang)]
    if fw.meta.get("source"):
        parts.append(f"<p>{escape(str(fw.meta['source']))}</p>")
    items = []
    for code, level in fw.levels.iterrows():
        names = " / ".join(
            f'<span lang="{x}">{escape(str(level[f"name_{x}"]))}</span>'
            for x in langs
            if level[f"name_{x}"]
        )
        items.append(f"<li><strong>{escape(str(code))}</strong> {names}</li>")
    parts.append(f"<ul>{''.join(items)}</ul>")
    short = _shortname(titles[lang] or titles.get("nb", "") or prefix)
    scale_cells = [",".join(labels), json.dumps(config, separators=(",", ":"))]
    return [
        "",
        prefix,
        short,
        "".join(parts),
        FORMAT_HTML,
        *scale_cells,
        *[""] * 5,
        "1",
        _taxonomy(fw),
    ]


def _competency_row(
    parent: str, idnumber: str, code: str, texts: dict[str, str], lang: str
) -> list[str]:
    short = _shortname(f"{code} {texts[lang] or texts.get('nb', '')}")
    return [parent, idnumber, short, paragraphs(texts, lang), FORMAT_HTML, *_NO_SCALE_NO_RULE]


def _taxonomy(fw: Framework) -> str:
    """One term per depth: "domain" where domains are the majority, else "competency"."""
    parents = {str(c): str(p) if p else None for c, p in fw.domains["parent"].items()}
    depth: dict[str, int] = {}
    for code, parent in parents.items():
        steps = 1
        while parent is not None and steps <= len(parents):  # bounded, in case of a loop
            parent, steps = parents.get(parent), steps + 1
        depth[code] = steps
    kinds: dict[int, list[int]] = {}
    for d in depth.values():
        kinds.setdefault(d, [0, 0])[0] += 1
    for domain in fw.statements["domain"].astype(str):
        kinds.setdefault(depth[domain] + 1, [0, 0])[1] += 1
    return ",".join("domain" if kinds[d][0] > kinds[d][1] else "competency" for d in sorted(kinds))


def _shortname(text: str) -> str:
    """At most 100 characters, cut at a word, without characters Moodle's PARAM_TEXT drops."""
    text = " ".join(text.replace("\\", "/").replace("<", "‹").replace(">", "›").split())
    if len(text) <= MAX_IDNUMBER:
        return text
    cut = text[: MAX_IDNUMBER - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"


def _csv_field(value: str) -> str:
    if any(c in _QUOTE_WHEN for c in value):
        return '"' + value.replace('"', '""') + '"'
    return value


# --- reading ---------------------------------------------------------------------------------


def _php_true(value: str) -> bool:
    return value.strip() not in {"", "0"}


def read_moodle(path: str | os.PathLike[str], lang: str = "nb") -> Framework:
    """Read a Moodle competency framework CSV (as written by `write_moodle`, or by Moodle for a
    framework whose ID numbers end in fls-kit codes such as `2` and `2.C3`).

    Every problem is reported at once as a FrameworkError with file, row and column.
    """
    src = Path(path)
    name = src.name
    problems: list[Problem] = []

    def add(key: str, row: int | None = None, column: int | None = None, **kw: Any) -> None:
        fld = HEADER[column] if column is not None else None
        problems.append(problem(name, key, row=row, field=fld, **kw))

    body = _records(src, lang)
    frameworks = [(n, r) for n, r in body if _php_true(r[IS_FRAMEWORK])]
    if not frameworks:
        add("interop.moodle_no_framework", column=IS_FRAMEWORK)
    for rownum, _ in frameworks[1:]:
        add("interop.moodle_many_frameworks", rownum, IS_FRAMEWORK, first_row=frameworks[0][0])
    meta: dict[str, Any] = {"language": "nb"}
    levels_found: list[tuple[str, dict[str, str]]] = []
    file_lang = "nb"
    if frameworks:
        rownum, rec = frameworks[0]
        fault = _scale_fault(rec[SCALE_VALUES], rec[SCALE_CONFIG])
        if fault:
            key, column, params = fault
            add(key, rownum, column, value=rec[column], **params)
        parsed = describe(rec[DESCRIPTION], rec[FORMAT])
        file_lang = parsed.first_lang if parsed.first_lang in LANGS else "nb"
        titles = texts_of(parsed, rec[SHORTNAME], "", file_lang)
        meta = {"id": rec[IDNUMBER].strip() or src.stem, "language": file_lang}
        meta.update({f"title_{x}": v for x, v in titles.items() if x in LANGS})
        meta.setdefault("title_nb", titles.get(file_lang) or rec[SHORTNAME].strip())
        levels_found = parsed.levels

    codes: dict[str, str] = {}  # ID number -> code after the last "/"
    first_row: dict[str, int] = {}
    rows = [(n, r) for n, r in body if not _php_true(r[IS_FRAMEWORK])]
    for rownum, rec in rows:
        idnumber = rec[IDNUMBER].strip()
        if not idnumber:
            add("framework.missing_id", rownum, IDNUMBER)
        elif idnumber in first_row:
            add(
                "framework.duplicate_id",
                rownum,
                IDNUMBER,
                value=idnumber,
                first_row=first_row[idnumber],
            )
        else:
            first_row[idnumber] = rownum
            codes[idnumber] = idnumber.rsplit("/", 1)[-1].strip()
    nodes = []
    fields = {"code": HEADER[IDNUMBER], "parent": HEADER[PARENT], "text": HEADER[DESCRIPTION]}
    for rownum, rec in rows:
        idnumber, parent_id = rec[IDNUMBER].strip(), rec[PARENT].strip()
        if first_row.get(idnumber) != rownum:
            continue
        if parent_id and parent_id not in codes:
            add("framework.unknown_parent", rownum, PARENT, value=parent_id)
        code = codes[idnumber]
        texts = texts_of(
            describe(rec[DESCRIPTION], rec[FORMAT]), rec[SHORTNAME].strip(), code, file_lang
        )
        parent = codes.get(parent_id, parent_id) if parent_id else None
        nodes.append(Node(code, parent, texts, rownum, fields))
    levels = levels_frame(levels_found, file_lang)
    return build_from_nodes(
        nodes,
        levels=levels,
        meta=meta,
        file=name,
        file_lang=file_lang,
        lang=lang,
        source=str(src),
        problems=problems,
    )


def _records(src: Path, lang: str) -> list[tuple[int, list[str]]]:
    """The data rows (numbered as in a spreadsheet: header = 1), once the shape is right."""
    name = src.name
    try:
        text = src.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        collect([problem(name, "framework.unreadable", reason=str(exc))], FrameworkError, lang)
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t:", key=first_line.count)  # Moodle offers all four
    records = csv.reader(io.StringIO(text), delimiter=delimiter)
    numbered = [(n, r) for n, r in enumerate(records, start=1) if any(c.strip() for c in r)]
    if not numbered:
        collect([problem(name, "framework.no_statements")], FrameworkError, lang)
    header = numbered[0][1]
    problems = [
        problem(
            name,
            "interop.moodle_missing_column",
            row=1,
            field=column,
            count=len(header),
            expected=len(HEADER),
        )
        for column in HEADER[len(header) :]
    ]
    problems += [
        problem(name, "interop.moodle_row_columns", row=n, count=len(r), expected=len(header))
        for n, r in numbered[1:]
        if len(r) != len(header)
    ]
    collect(problems, FrameworkError, lang)
    return numbered[1:]


def _scale_fault(values: str, raw: str) -> tuple[str, int, dict[str, object]] | None:
    """What Moodle checks before it accepts the framework row's scale: (key, column, params)."""
    size = len([x for x in values.split(",") if x.strip()])
    if not size:
        return "interop.moodle_scale_values", SCALE_VALUES, {}
    try:
        config = json.loads(raw)
    except ValueError as exc:
        return "interop.moodle_scale_json", SCALE_CONFIG, {"reason": str(exc)}
    first = config[0] if isinstance(config, list) and config else None
    if not isinstance(first, dict) or "scaleid" not in first:
        return "interop.moodle_scale_first", SCALE_CONFIG, {}
    items = [c for c in config[1:] if isinstance(c, dict)]
    if not any(c.get("scaledefault") for c in items) or not any(c.get("proficient") for c in items):
        return "interop.moodle_scale_marks", SCALE_CONFIG, {}
    ids = [str(c.get("id")) for c in items]
    if not all(i.isdigit() and 1 <= int(i) <= size for i in ids):
        return "interop.moodle_scale_ids", SCALE_CONFIG, {"size": size}
    return None
