"""Turn a tree read from an interchange file (Moodle CSV, CASE JSON) into a Framework.

Both readers reduce their file to the same thing: a list of nodes (code, parent code, texts per
language, where the node sits in the file). A node whose code looks like a statement id
(`3.3.P8`) is a statement; any other node is a competency domain. The checks here are shared so
that both formats report the same problems in the same words.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from fls_kit.errors import FrameworkError, Problem, collect
from fls_kit.framework import STATEMENT_ID, Framework, build_framework

DEFAULT_LEVELS = pd.DataFrame(
    {
        "name_nb": ["Kompetent", "Erfaren", "Ekspert"],
        "name_en": ["Competent", "Proficient", "Expert"],
    },
    index=pd.Index(["C", "P", "E"], name="code"),
)


@dataclass
class Node:
    """One domain or statement as found in the file.

    `fields` names, for problems, where this node's code, parent and text live in the file
    (a Moodle column or a JSON path).
    """

    code: str
    parent: str | None
    texts: dict[str, str]
    row: int | None
    fields: dict[str, str] = field(default_factory=dict)


def problem(
    file: str,
    key: str,
    *,
    row: int | None = None,
    field: str | None = None,
    value: object = None,
    **params: object,
) -> Problem:
    return Problem(
        file=file, message_key=key, params=dict(params), row=row, field=field, value=value
    )


def pick_text(texts: Mapping[str, str], lang: str, file_lang: str) -> str:
    """The text in `lang`; for Norwegian fall back to the file's own language."""
    text = texts.get(lang, "")
    if not text and lang == "nb":
        text = texts.get(file_lang, "") or next((t for t in texts.values() if t), "")
    return text


def levels_frame(found: list[tuple[str, dict[str, str]]], file_lang: str) -> pd.DataFrame:
    """Levels named in the file (code, names per language), or C/P/E when it names none."""
    if not found:
        return DEFAULT_LEVELS
    codes = [code for code, _ in found]
    return pd.DataFrame(
        {
            "name_nb": [pick_text(names, "nb", file_lang) or code for code, names in found],
            "name_en": [names.get("en", "") for _, names in found],
        },
        index=pd.Index(codes, name="code"),
    )


def build_from_nodes(
    nodes: list[Node],
    *,
    levels: pd.DataFrame,
    meta: dict[str, Any],
    file: str,
    file_lang: str,
    lang: str,
    source: str,
    problems: list[Problem],
) -> Framework:
    """Check the tree (adding to `problems`), raise FrameworkError if anything is wrong, else
    build the Framework. Domains keep file order, depth first, as in fls-kit's own tables."""
    first: dict[str, Node] = {}
    for node in nodes:
        if node.code in first:
            problems.append(
                problem(
                    file,
                    "framework.duplicate_id",
                    row=node.row,
                    field=node.fields.get("code"),
                    value=node.code,
                    first_row=first[node.code].row,
                )
            )
        else:
            first[node.code] = node
    children: dict[str | None, list[Node]] = {}
    for node in first.values():
        children.setdefault(node.parent, []).append(node)

    def is_statement(code: str | None) -> bool:
        return code is not None and STATEMENT_ID.match(code) is not None

    for node in first.values():

        def add(key: str, fld: str, value: object, _n: Node = node, **kw: object) -> None:
            problems.append(
                problem(file, key, row=_n.row, field=_n.fields.get(fld), value=value, **kw)
            )

        if not node.texts.get(file_lang, "").strip():
            add("framework.empty_text", "text", "")
        if node.parent is not None and node.parent not in first:
            continue  # the reader has reported the unknown parent, in the file's own terms
        match = STATEMENT_ID.match(node.code)
        if match is None:
            if is_statement(node.parent):
                add("interop.not_domain", "parent", node.parent)
            elif node.code not in children:
                add("interop.leaf_not_statement", "code", node.code)
            continue
        level = match.group("level")
        if level not in levels.index:
            add("framework.unknown_level", "code", node.code, allowed=", ".join(levels.index))
        if node.parent is None:
            add("framework.missing_domain", "parent", "")
        elif is_statement(node.parent):
            add("interop.not_domain", "parent", node.parent)
        elif match.group("domain") != node.parent:
            add(
                "framework.id_mismatch",
                "code",
                node.code,
                domain=node.parent,
                level=level,
                expected=f"{node.parent}.{level}{int(match.group('number'))}",
            )

    reached = list(_preorder(children, None))
    seen = {n.code for n in reached}
    for node in first.values():
        if node.code not in seen and node.parent in first:
            problems.append(
                problem(
                    file,
                    "interop.unreachable",
                    row=node.row,
                    field=node.fields.get("parent"),
                    value=node.code,
                )
            )
    if not any(is_statement(n.code) for n in first.values()):
        problems.append(problem(file, "framework.no_statements"))
    collect(problems, FrameworkError, lang)

    domains = [n for n in reached if not is_statement(n.code)]
    statements = [n for n in reached if is_statement(n.code)]
    domain_frame = pd.DataFrame(
        {
            "parent": pd.Series([n.parent for n in domains], dtype=object),
            "title_nb": [pick_text(n.texts, "nb", file_lang) for n in domains],
            "title_en": [n.texts.get("en", "") for n in domains],
        }
    ).set_index(pd.Index([n.code for n in domains], name="code"))
    matches = [STATEMENT_ID.match(n.code) for n in statements]
    statement_frame = pd.DataFrame(
        {
            "domain": [n.parent for n in statements],
            "level": [m.group("level") for m in matches if m],
            "number": [int(m.group("number")) for m in matches if m],
            "text_nb": [pick_text(n.texts, "nb", file_lang) for n in statements],
            "text_en": [n.texts.get("en", "") for n in statements],
        },
        index=pd.Index([n.code for n in statements], name="id"),
    )
    return build_framework(meta, levels, domain_frame, statement_frame, lang=lang, source=source)


def _preorder(children: dict[str | None, list[Node]], parent: str | None) -> Iterator[Node]:
    for node in children.get(parent, []):
        yield node
        yield from _preorder(children, node.code)
