"""1EdTech CASE 1.1 CFPackage JSON, written and read.

One package per language. The package in the framework's own language (`meta["language"]`,
Norwegian for FFN) is the original; a package in another language is a translation whose
CFDocument and CFItems each point to their original by an `isTranslationOf` association.

- CFItems: one per domain (CFItemType "Kompetanseområde", humanCodingScheme = domain code, e.g.
  "3.1", fullStatement = title) and one per statement (humanCodingScheme = statement id, e.g.
  "3.3.P8", fullStatement = text). The statement's level is its CFItemType: one type per level,
  "Kompetanseutsagn – Erfaren" (typeCode = level code "P"), defined in CFDefinitions.CFItemTypes
  in level order. The id holds the level too, so a reader that ignores item types still can
  tell levels apart.
- CFAssociations: `isChildOf` from each statement to its domain, from 3.1/3.2/3.3 to 3 and
  from each top-level domain to the CFDocument, with sequenceNumber = position among siblings.
- Identifiers are uuid5 of a fixed namespace and "<framework id>|<language>|<kind>|<code>", and
  lastChangeDateTime comes from the framework's date, so exporting twice gives the same bytes.
- `extensions.flsKit` (CASE's extension point; other tools ignore it) carries what one language
  cannot: the texts in the other language and the framework's metadata, so reading a package
  back gives the whole framework.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from pathlib import Path
from typing import Any

from fls_kit._i18n import LANGS, t
from fls_kit.errors import FrameworkError, Problem, collect
from fls_kit.framework import Framework
from fls_kit.interop._tree import Node, build_from_nodes, levels_frame, problem

# Never change: every identifier fls-kit has ever exported derives from it.
NAMESPACE = uuid.UUID("ddcfa279-091b-5337-9b5a-aad4ee20359b")
EXT = "flsKit"
TYPE_SEPARATOR = " – "


def _uid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "|".join(parts)))


def _timestamp(meta: dict[str, Any]) -> str:
    """RFC 3339 date-time from the framework's date ("2025-05" -> 2025-05-01T00:00:00+00:00)."""
    raw = str(meta.get("date") or meta.get("version") or "")
    found = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", raw)
    year, month, day = found.groups() if found else ("1970", None, None)
    return f"{year}-{month or '01'}-{day or '01'}T00:00:00+00:00"


def to_case(fw: Framework, lang: str = "nb", *, base_uri: str | None = None) -> dict[str, Any]:
    """The CASE 1.1 CFPackage for `fw` in `lang`, as a JSON-ready dict.

    `base_uri` (e.g. "https://case.example.no/uri/") makes each uri `<base_uri><identifier>`;
    without it uris are `urn:uuid:<identifier>`.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    meta = fw.meta
    fid = str(meta.get("id") or "framework")
    original = str(meta.get("language") or "nb")
    when = _timestamp(meta)

    def uri(identifier: str) -> str:
        return f"{base_uri}{identifier}" if base_uri else f"urn:uuid:{identifier}"

    def link(identifier: str, title: str) -> dict[str, str]:
        return {"title": title, "identifier": identifier, "uri": uri(identifier)}

    def others(values: dict[str, str]) -> dict[str, Any]:
        rest = {x: v for x, v in values.items() if x != lang and v}
        return {"extensions": {EXT: {"translations": rest}}} if rest else {}

    def texts(row: Any, stem: str) -> dict[str, str]:
        return {x: str(row[f"{stem}_{x}"] or "") for x in LANGS}

    title = str(meta.get(f"title_{lang}") or meta.get("title_nb") or fid)
    doc_id = _uid(fid, lang, "document")
    document: dict[str, Any] = {
        "identifier": doc_id,
        "uri": uri(doc_id),
        "creator": str(meta.get("publisher") or "fls-kit"),
        "title": title,
        "lastChangeDateTime": when,
    }
    if meta.get("publisher"):
        document["publisher"] = str(meta["publisher"])
    if meta.get("source"):
        document["description"] = str(meta["source"])
    document["language"] = lang
    if meta.get("version"):
        document["version"] = str(meta["version"])
    document["caseVersion"] = "1.1"
    if lang == "en" and meta.get("english_translation"):
        document["notes"] = str(meta["english_translation"])
    document["extensions"] = {EXT: {"meta": json.loads(json.dumps(meta, default=str))}}

    domain_type = _uid(fid, lang, "itemtype", "domain")
    item_types = [
        {
            "identifier": domain_type,
            "uri": uri(domain_type),
            "title": t("interop.case.domain_type", lang),
            "description": t("interop.case.domain_type", lang),
            "hierarchyCode": "1",
            "typeCode": "domain",
            "lastChangeDateTime": when,
        }
    ]
    level_types: dict[str, dict[str, str]] = {}
    for code, level in fw.levels.iterrows():
        tid = _uid(fid, lang, "itemtype", f"level:{code}")
        name = str(level[f"name_{lang}"] or level["name_nb"])
        level_types[str(code)] = link(
            tid, f"{t('interop.case.statement_type', lang)}{TYPE_SEPARATOR}{name}"
        )
        item_types.append(
            {
                "identifier": tid,
                "uri": uri(tid),
                "title": level_types[str(code)]["title"],
                "description": name,
                "hierarchyCode": "2",
                "typeCode": str(code),
                "lastChangeDateTime": when,
                **others(texts(level, "name")),
            }
        )

    items: list[dict[str, Any]] = []
    associations: list[dict[str, Any]] = []
    ids: dict[str, dict[str, str]] = {}  # code -> link

    def add_item(code: str, text: str, kind: dict[str, str], extra: dict[str, Any]) -> None:
        iid = _uid(fid, lang, "item", code)
        ids[code] = link(iid, code)
        items.append(
            {
                "identifier": iid,
                "fullStatement": text,
                "CFItemType": kind["title"],
                "uri": uri(iid),
                "humanCodingScheme": code,
                "language": lang,
                "CFItemTypeURI": kind,
                "lastChangeDateTime": when,
                **extra,
            }
        )
        if lang != original:
            target = _uid(fid, original, "item", code)
            associate(ids[code], "isTranslationOf", link(target, code), None)

    def associate(
        origin: dict[str, str], kind: str, target: dict[str, str], seq: int | None
    ) -> None:
        aid = _uid(fid, lang, "association", origin["identifier"], kind, target["identifier"])
        entry: dict[str, Any] = {"identifier": aid, "associationType": kind}
        if seq is not None:
            entry["sequenceNumber"] = seq
        entry.update(
            {
                "uri": uri(aid),
                "originNodeURI": origin,
                "destinationNodeURI": target,
                "lastChangeDateTime": when,
            }
        )
        associations.append(entry)

    doc_link = link(doc_id, title)
    if lang != original:
        associate(
            doc_link,
            "isTranslationOf",
            link(_uid(fid, original, "document"), str(meta.get(f"title_{original}") or "")),
            None,
        )
    domain_kind = link(domain_type, t("interop.case.domain_type", lang))
    seq: dict[str, int] = {}
    by_domain = {str(d): f for d, f in fw.statements.groupby("domain", observed=True)}
    for code, domain in fw.domains.iterrows():
        names = texts(domain, "title")
        add_item(str(code), names[lang] or names["nb"], domain_kind, others(names))
        parent = str(domain["parent"]) if domain["parent"] else ""
        seq[parent] = seq.get(parent, 0) + 1
        associate(ids[str(code)], "isChildOf", ids[parent] if parent else doc_link, seq[parent])
        if str(code) not in by_domain:
            continue
        for number, (sid, st) in enumerate(by_domain[str(code)].iterrows(), start=1):
            words = texts(st, "text")
            add_item(
                str(sid), words[lang] or words["nb"], level_types[str(st["level"])], others(words)
            )
            associate(ids[str(sid)], "isChildOf", ids[str(code)], number)
    return {
        "CFDocument": document,
        "CFItems": items,
        "CFAssociations": associations,
        "CFDefinitions": {"CFItemTypes": item_types},
    }


def write_case(
    fw: Framework, path: str | os.PathLike[str], lang: str = "nb", *, base_uri: str | None = None
) -> Path:
    """Write the CASE package for `fw` in `lang` as UTF-8 JSON; returns the path."""
    out = Path(path)
    text = json.dumps(to_case(fw, lang, base_uri=base_uri), ensure_ascii=False, indent=2)
    out.write_text(text + "\n", encoding="utf-8")
    return out


# --- reading ---------------------------------------------------------------------------------


def read_case(path: str | os.PathLike[str], lang: str = "nb") -> Framework:
    """Read a CASE 1.1 CFPackage JSON file (fls-kit's own, or any package whose items use
    fls-kit codes as humanCodingScheme). Problems are FrameworkErrors with row = item index
    and field = JSON path, e.g. `CFItems[4].fullStatement`."""
    src = Path(path)
    name = src.name
    try:
        package = json.loads(src.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        collect(
            [problem(name, "interop.bad_json", row=exc.lineno, reason=exc.msg)],
            FrameworkError,
            lang,
        )
    except (OSError, UnicodeDecodeError) as exc:
        collect([problem(name, "framework.unreadable", reason=str(exc))], FrameworkError, lang)
    problems: list[Problem] = []
    if not isinstance(package, dict):
        collect([problem(name, "interop.not_object", field="$")], FrameworkError, lang)
    document = package.get("CFDocument")
    if isinstance(document, dict):
        for fld in ("identifier", "title"):
            if not _text(document.get(fld)):
                problems.append(problem(name, "interop.missing_field", field=f"CFDocument.{fld}"))
    else:
        key = "interop.missing_field" if document is None else "interop.not_object"
        problems.append(problem(name, key, field="CFDocument"))
        document = {}
    items = _list(package, "CFItems", name, problems)
    associations = _list(package, "CFAssociations", name, problems)
    definitions = package.get("CFDefinitions") or {}
    types = definitions.get("CFItemTypes", []) if isinstance(definitions, dict) else []
    collect(problems, FrameworkError, lang)

    file_lang = _text(document.get("language")).lower()[:2]
    file_lang = file_lang if file_lang in LANGS else "nb"
    doc_id = _text(document.get("identifier"))
    codes: dict[str, str] = {}  # item identifier -> code
    texts: dict[str, dict[str, str]] = {}
    rows: dict[str, int] = {}
    known: set[str] = set()  # identifiers of every item, even one with problems of its own
    for index, item in enumerate(items):
        where = f"CFItems[{index}]"
        if not isinstance(item, dict):
            problems.append(problem(name, "interop.not_object", row=index, field=where))
            continue
        identifier, code = _text(item.get("identifier")), _text(item.get("humanCodingScheme"))
        for fld, value in (("identifier", identifier), ("humanCodingScheme", code)):
            if not value:
                problems.append(
                    problem(name, "interop.missing_field", row=index, field=f"{where}.{fld}")
                )
        known.add(identifier)
        if not identifier or not code or identifier in codes:
            continue
        codes[identifier], rows[identifier] = code, index
        texts[identifier] = {**_translations(item), file_lang: _text(item.get("fullStatement"))}

    parents: dict[str, tuple[str | None, int, int]] = {}  # child id -> parent code, seq, index
    for index, assoc in enumerate(associations):
        where = f"CFAssociations[{index}]"
        if not isinstance(assoc, dict):
            problems.append(problem(name, "interop.not_object", row=index, field=where))
            continue
        if assoc.get("associationType") != "isChildOf":
            continue
        origin = _node_id(assoc, "originNodeURI")
        target = _node_id(assoc, "destinationNodeURI")
        for end, value in (("originNodeURI", origin), ("destinationNodeURI", target)):
            if value not in known and not (end == "destinationNodeURI" and value == doc_id):
                problems.append(
                    problem(
                        name,
                        "interop.unknown_node",
                        row=index,
                        field=f"{where}.{end}.identifier",
                        value=value,
                    )
                )
        if origin not in codes or (target not in codes and target != doc_id):
            continue
        if origin in parents:
            problems.append(
                problem(
                    name,
                    "interop.many_parents",
                    row=index,
                    field=f"{where}.originNodeURI",
                    value=codes[origin],
                )
            )
            continue
        seq = assoc.get("sequenceNumber")
        parents[origin] = (codes.get(target), seq if isinstance(seq, int) else 10**9, index)

    ordered = []  # siblings keep sequenceNumber order, then file order
    for identifier, code in codes.items():
        index = rows[identifier]
        parent, seq, assoc_index = parents.get(identifier, (None, 10**9, 10**9))
        node = Node(
            code,
            parent,
            texts[identifier],
            index,
            {
                "code": f"CFItems[{index}].humanCodingScheme",
                "parent": f"CFItems[{index}]",
                "text": f"CFItems[{index}].fullStatement",
            },
        )
        ordered.append(((seq, assoc_index, index), node))
    nodes = [node for _, node in sorted(ordered, key=lambda pair: pair[0])]
    meta = _meta(document, file_lang)
    return build_from_nodes(
        nodes,
        levels=levels_frame(_levels(types, file_lang), file_lang),
        meta=meta,
        file=name,
        file_lang=file_lang,
        lang=lang,
        source=str(src),
        problems=problems,
    )


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _list(package: dict[str, Any], key: str, name: str, problems: list[Problem]) -> list[Any]:
    value = package.get(key, [])
    if isinstance(value, list):
        return value
    problems.append(problem(name, "interop.not_list", field=key))
    return []


def _node_id(assoc: dict[str, Any], end: str) -> str:
    node = assoc.get(end)
    return _text(node.get("identifier")) if isinstance(node, dict) else ""


def _translations(entry: dict[str, Any]) -> dict[str, str]:
    ext = entry.get("extensions")
    found = ext.get(EXT, {}).get("translations", {}) if isinstance(ext, dict) else {}
    if not isinstance(found, dict):
        return {}
    return {k: v.strip() for k, v in found.items() if k in LANGS and isinstance(v, str)}


def _levels(types: object, file_lang: str) -> list[tuple[str, dict[str, str]]]:
    """Levels from the statement item types (typeCode = level code), in definition order."""
    found: list[tuple[str, dict[str, str]]] = []
    for entry in types if isinstance(types, list) else []:
        if not isinstance(entry, dict) or entry.get("typeCode") in {None, "", "domain"}:
            continue
        title = _text(entry.get("title"))
        name = (
            title.rsplit(TYPE_SEPARATOR, 1)[-1]
            if TYPE_SEPARATOR in title
            else (_text(entry.get("description")) or title)
        )
        found.append((str(entry["typeCode"]), {**_translations(entry), file_lang: name}))
    return found


def _meta(document: dict[str, Any], file_lang: str) -> dict[str, Any]:
    ext = document.get("extensions")
    stored = ext.get(EXT, {}).get("meta", {}) if isinstance(ext, dict) else {}
    meta: dict[str, Any] = dict(stored) if isinstance(stored, dict) else {}
    meta.setdefault("id", _text(document.get("identifier")))
    meta.setdefault("language", file_lang)
    for key in ("publisher", "version"):
        if _text(document.get(key)):
            meta.setdefault(key, _text(document[key]))
    meta[f"title_{file_lang}"] = _text(document.get("title"))
    meta.setdefault("title_nb", meta[f"title_{file_lang}"])
    return meta
