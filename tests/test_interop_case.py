"""1EdTech CASE 1.1 packages: schema conformance, determinism, translation links, round trip."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pandas.testing as pdt
import pytest
from click.testing import CliRunner
from conftest import SHARED

from fls_kit import Framework, FrameworkError, load_framework
from fls_kit.cli import main
from fls_kit.interop import read_case, to_case, write_case

SCHEMA = SHARED / "schemas" / "case-v1p1-cfpackage.json"


@pytest.fixture(scope="module")
def validator() -> Any:
    if not SCHEMA.exists():
        pytest.skip(f"CASE schema not found at {SCHEMA}")
    from jsonschema import Draft201909Validator

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return Draft201909Validator(schema, format_checker=Draft201909Validator.FORMAT_CHECKER)


def assert_valid(validator: Any, package: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(package), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def assert_same_framework(a: Framework, b: Framework) -> None:
    pdt.assert_frame_equal(a.statements, b.statements)
    pdt.assert_frame_equal(a.domains, b.domains)
    pdt.assert_frame_equal(a.levels, b.levels)


@pytest.fixture(scope="module")
def package_nb(fw: Framework) -> dict[str, Any]:
    return to_case(fw, "nb")


@pytest.fixture(scope="module")
def package_en(fw: Framework) -> dict[str, Any]:
    return to_case(fw, "en")


def test_norwegian_package_validates(validator: Any, package_nb: dict[str, Any]) -> None:
    assert_valid(validator, package_nb)


def test_validator_does_check_formats(validator: Any, package_nb: dict[str, Any]) -> None:
    # Guard against a silently permissive validator: a bad uuid and date-time must fail.
    broken = json.loads(json.dumps(package_nb))
    broken["CFDocument"]["identifier"] = "not-a-uuid"
    broken["CFItems"][0]["lastChangeDateTime"] = "2025-05"
    assert len(list(validator.iter_errors(broken))) == 2


def test_document_fields(package_nb: dict[str, Any], fw: Framework) -> None:
    doc = package_nb["CFDocument"]
    assert doc["caseVersion"] == "1.1"
    assert doc["language"] == "nb"
    assert doc["title"] == fw.meta["title_nb"]
    assert doc["creator"] == doc["publisher"] == "FFN SFFP SIG Advisory Group"
    assert doc["version"] == "2025-05"
    assert doc["lastChangeDateTime"] == "2025-05-01T00:00:00+00:00"


def test_items_and_codes(package_nb: dict[str, Any], fw: Framework) -> None:
    items = {i["humanCodingScheme"]: i for i in package_nb["CFItems"]}
    assert len(items) == len(fw) + len(fw.domains)
    assert items["3.1"]["CFItemType"] == "Kompetanseområde"
    assert items["3.1"]["fullStatement"] == "Livsstilsendring"
    assert items["3.3.P8"]["fullStatement"] == fw["3.3.P8"].text_nb
    # The level is the item type, defined once per level in CFDefinitions.
    assert items["1.C1"]["CFItemType"] == "Kompetanseutsagn – Kompetent"
    assert items["3.3.P8"]["CFItemType"] == "Kompetanseutsagn – Erfaren"
    types = {t["identifier"]: t for t in package_nb["CFDefinitions"]["CFItemTypes"]}
    assert types[items["6.E9"]["CFItemTypeURI"]["identifier"]]["typeCode"] == "E"


def test_is_child_of_builds_the_tree(package_nb: dict[str, Any], fw: Framework) -> None:
    code = {i["identifier"]: i["humanCodingScheme"] for i in package_nb["CFItems"]}
    doc = package_nb["CFDocument"]["identifier"]
    code[doc] = "<document>"
    parent: dict[str, str] = {}
    seqs: dict[str, list[int]] = {}
    for a in package_nb["CFAssociations"]:
        assert a["associationType"] == "isChildOf"
        child = code[a["originNodeURI"]["identifier"]]
        parent[child] = code[a["destinationNodeURI"]["identifier"]]
        seqs.setdefault(parent[child], []).append(a["sequenceNumber"])
    assert parent["1"] == parent["3"] == parent["6"] == "<document>"
    assert parent["3.2"] == "3"
    assert parent["3.3.P8"] == "3.3"
    assert parent["2.C3"] == "2"
    assert len(parent) == len(code) - 1
    assert seqs["<document>"] == [1, 2, 3, 4, 5, 6]
    assert all(s == list(range(1, len(s) + 1)) for s in seqs.values())


def test_identifiers_are_unique_uuids(package_nb: dict[str, Any]) -> None:
    ids = [package_nb["CFDocument"]["identifier"]]
    ids += [i["identifier"] for i in package_nb["CFItems"]]
    ids += [a["identifier"] for a in package_nb["CFAssociations"]]
    ids += [t["identifier"] for t in package_nb["CFDefinitions"]["CFItemTypes"]]
    assert len(ids) == len(set(ids))
    assert all(uuid.UUID(i).version == 5 for i in ids)


def test_export_is_deterministic(fw: Framework, tmp_path: Path) -> None:
    first = write_case(fw, tmp_path / "a.json").read_bytes()
    second = write_case(load_framework(), tmp_path / "b.json").read_bytes()
    assert first == second


def test_round_trip(fw: Framework, tmp_path: Path) -> None:
    path = write_case(fw, tmp_path / "ffn.json")
    back = read_case(path)
    assert_same_framework(fw, back)
    assert back.meta == fw.meta
    assert_same_framework(fw, load_framework(path))


def test_english_package_validates_and_translates(
    validator: Any,
    package_en: dict[str, Any],
    package_nb: dict[str, Any],
    fw: Framework,
    tmp_path: Path,
) -> None:
    assert_valid(validator, package_en)
    doc = package_en["CFDocument"]
    assert doc["language"] == "en"
    assert doc["title"] == fw.meta["title_en"]
    nb_ids = {i["humanCodingScheme"]: i["identifier"] for i in package_nb["CFItems"]}
    en_code = {i["identifier"]: i["humanCodingScheme"] for i in package_en["CFItems"]}
    assert not set(nb_ids.values()) & set(en_code)  # a translation is a document of its own
    links = [a for a in package_en["CFAssociations"] if a["associationType"] == "isTranslationOf"]
    by_origin = {a["originNodeURI"]["identifier"]: a["destinationNodeURI"] for a in links}
    assert by_origin[doc["identifier"]]["identifier"] == package_nb["CFDocument"]["identifier"]
    for identifier, code in en_code.items():
        assert by_origin[identifier]["identifier"] == nb_ids[code]
    assert len(links) == len(en_code) + 1
    items = {i["humanCodingScheme"]: i for i in package_en["CFItems"]}
    assert items["1.C1"]["fullStatement"] == fw["1.C1"].text_en
    assert items["1.C1"]["CFItemType"] == "Competency statement – Competent"
    path = write_case(fw, tmp_path / "en.json", "en")
    assert_same_framework(fw, read_case(path))


def test_base_uri(fw: Framework) -> None:
    package = to_case(fw, base_uri="https://case.example.no/uri/")
    doc = package["CFDocument"]
    assert doc["uri"] == f"https://case.example.no/uri/{doc['identifier']}"


def test_plain_case_package_without_extensions(
    tmp_path: Path, package_nb: dict[str, Any], fw: Framework
) -> None:
    # A package as another CASE tool might hand it back: no fls-kit extensions, no item types.
    package = json.loads(json.dumps(package_nb))
    del package["CFDocument"]["extensions"], package["CFDefinitions"]
    for item in package["CFItems"]:
        item.pop("extensions", None)
    back = read_case(write(tmp_path, "plain.json", package))
    pdt.assert_series_equal(back.statements["text_nb"], fw.statements["text_nb"])
    pdt.assert_series_equal(back.statements["level"], fw.statements["level"])
    pdt.assert_series_equal(back.domains["parent"], fw.domains["parent"])
    assert list(back.levels["name_nb"]) == ["Kompetent", "Erfaren", "Ekspert"]
    assert back.title == fw.meta["title_nb"]


# --- bad files ---------------------------------------------------------------------------


def problems_of(path: Path) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(FrameworkError) as info:
        read_case(path)
    assert {p.file for p in info.value.problems} == {path.name}
    return [(p.row, p.field, p.message_key) for p in info.value.problems]


def write(tmp_path: Path, name: str, package: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    return path


def test_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "CFDocument": {,\n}', encoding="utf-8")
    assert problems_of(path) == [(2, None, "interop.bad_json")]


def test_missing_document_and_wrong_types(tmp_path: Path, package_nb: dict[str, Any]) -> None:
    items_only = {"CFItems": package_nb["CFItems"]}
    assert problems_of(write(tmp_path, "a.json", items_only)) == [
        (None, "CFDocument", "interop.missing_field")
    ]
    assert problems_of(write(tmp_path, "b.json", [1, 2])) == [(None, "$", "interop.not_object")]
    empty_doc = {"CFDocument": {}, "CFItems": package_nb["CFItems"]}
    assert problems_of(write(tmp_path, "d.json", empty_doc)) == [
        (None, "CFDocument.identifier", "interop.missing_field"),
        (None, "CFDocument.title", "interop.missing_field"),
    ]
    bad_list = {"CFDocument": package_nb["CFDocument"], "CFItems": {}}
    assert problems_of(write(tmp_path, "c.json", bad_list)) == [
        (None, "CFItems", "interop.not_list")
    ]


def test_item_problems_name_index_and_path(tmp_path: Path, package_nb: dict[str, Any]) -> None:
    package = json.loads(json.dumps(package_nb))
    del package["CFItems"][2]["humanCodingScheme"]
    package["CFItems"][3]["fullStatement"] = " "
    found = problems_of(write(tmp_path, "items.json", package))
    assert (2, "CFItems[2].humanCodingScheme", "interop.missing_field") in found
    assert (3, "CFItems[3].fullStatement", "framework.empty_text") in found


def test_unknown_parent_and_orphan(tmp_path: Path, package_nb: dict[str, Any]) -> None:
    package = json.loads(json.dumps(package_nb))
    assoc = package["CFAssociations"]
    index = next(i for i, a in enumerate(assoc) if a["originNodeURI"]["title"] == "2.C3")
    assoc[index]["destinationNodeURI"]["identifier"] = str(uuid.uuid4())
    found = problems_of(write(tmp_path, "parent.json", package))
    assert (
        index,
        f"CFAssociations[{index}].destinationNodeURI.identifier",
        "interop.unknown_node",
    ) in found
    item = next(i for i, it in enumerate(package["CFItems"]) if it["humanCodingScheme"] == "2.C3")
    assert (item, f"CFItems[{item}]", "framework.missing_domain") in found


def test_cli_export_case(tmp_path: Path, validator: Any) -> None:
    out = tmp_path / "ffn-en.json"
    result = CliRunner().invoke(main, ["export", "case", "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert_valid(validator, json.loads(out.read_text(encoding="utf-8")))
    result = CliRunner().invoke(main, ["import", "framework", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "88 statements" in result.output


def test_cli_bad_case_file(tmp_path: Path) -> None:
    path = write(tmp_path, "x.json", {"CFItems": []})
    result = CliRunner().invoke(main, ["import", "framework", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "CFDocument" in result.output
