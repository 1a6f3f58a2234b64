"""`fls-kit framework` and `fls-kit config show`, as a user at a terminal sees them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fls_kit import Framework
from fls_kit.cli import main
from fls_kit.config import OPTIONS
from fls_kit.framework import write_framework_template

# Each test starts in an empty folder with no FLS_KIT_* variables set.
pytestmark = pytest.mark.usefixtures("clean_settings")


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def config_rows(result: Result) -> dict[str, tuple[str, str]]:
    """`config show` output as {key: (value, source)}."""
    rows = {}
    for line in result.stdout.splitlines():
        key, rest = line.split(maxsplit=1)
        value, _, source = rest.rpartition("(")
        rows[key] = (value.strip(), source.rstrip(")"))
    return rows


# --- fls-kit framework ------------------------------------------------------------------------


def test_framework_table(fw: Framework) -> None:
    result = run("framework")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("1.C1")
    assert fw["1.C1"].text_nb in lines[0]
    assert any(line.startswith("6.E9") for line in lines)
    assert "88 utsagn" in result.stdout
    assert fw.meta["title_nb"] in result.stdout


def test_framework_csv(fw: Framework) -> None:
    result = run("framework", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 88
    assert list(rows[0]) == ["id", "domain", "level", "text"]
    assert rows[0] == {"id": "1.C1", "domain": "1", "level": "C", "text": fw["1.C1"].text_nb}
    assert [r["id"] for r in rows] == fw.ids


def test_framework_json_in_english(fw_en: Framework) -> None:
    result = run("framework", "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert len(records) == 88
    assert records[1] == {
        "id": "1.C2",
        "domain": "1",
        "level": "C",
        "text": fw_en["1.C2"].text_en,
    }


def test_framework_english_table() -> None:
    result = run("framework", "--lang", "en", "--domain", "4")
    assert result.exit_code == 0, result.output
    assert "10 statements" in result.stdout
    assert "Secondary Fragility Fracture Prevention Competency Framework" in result.stdout


def test_framework_filter_by_domain_and_level() -> None:
    result = run("framework", "--domain", "3", "--format", "json")
    ids = [r["id"] for r in json.loads(result.stdout)]
    assert len(ids) == 27
    assert {i.rsplit(".", 1)[0] for i in ids} == {"3.1", "3.2", "3.3"}

    result = run("framework", "--domain", "6", "--level", "Ekspert", "--format", "json")
    ids = [r["id"] for r in json.loads(result.stdout)]
    assert ids == [f"6.E{n}" for n in range(1, 10)]

    result = run("framework", "--level", "proficient", "--format", "csv")
    assert len(result.stdout.splitlines()) == 1 + 35


def test_unknown_domain_is_a_clear_error() -> None:
    result = run("framework", "--domain", "9")
    assert result.exit_code != 0
    assert "ukjent kompetanseområde «9»" in result.stderr
    assert "3.1" in result.stderr  # the codes that do exist
    assert "Traceback" not in result.output


def test_unknown_level_is_a_clear_error_in_english() -> None:
    result = run("framework", "--level", "X", "--lang", "en")
    assert result.exit_code != 0
    assert "unknown level “X”" in result.stderr
    assert "E (Expert)" in result.stderr


def test_framework_from_a_spreadsheet(fw: Framework, tmp_path: Path) -> None:
    path = write_framework_template(tmp_path / "ffn.xlsx", fw)
    result = run("framework", "--framework", str(path), "--domain", "5", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in json.loads(result.stdout)] == list(fw.filter(domain="5").index)


def test_broken_framework_file_lists_its_problems(tmp_path: Path) -> None:
    path = tmp_path / "feil.csv"
    path.write_text("id,domain,level,text_nb\n1.C1,1,X,Tekst\n1.C1,1,C,\n", encoding="utf-8")
    result = run("framework", "--framework", str(path))
    assert result.exit_code == 1
    assert "3 problem(er) i feil.csv" in result.stderr
    assert "rad 2" in result.stderr
    assert "rad 3" in result.stderr
    assert "Traceback" not in result.output


# --- fls-kit config show ----------------------------------------------------------------------


def test_config_show_defaults() -> None:
    result = run("config", "show")
    assert result.exit_code == 0, result.output
    rows = config_rows(result)
    assert list(rows) == list(OPTIONS)
    assert rows["store"] == ("sqlite:///fls-kit.sqlite", "default")
    assert rows["min_group_size"] == ("5", "default")
    assert rows["lang"] == ("nb", "default")


def test_config_show_precedence(tmp_path: Path) -> None:
    (tmp_path / "fls-kit.toml").write_text(
        'store = "sqlite:///fra-fil.sqlite"\nlang = "en"\nmin_group_size = 3\n', encoding="utf-8"
    )
    rows = config_rows(run("config", "show"))
    assert rows["store"] == ("sqlite:///fra-fil.sqlite", "fls-kit.toml")
    assert rows["lang"] == ("en", "fls-kit.toml")
    assert rows["min_group_size"] == ("3", "fls-kit.toml")
    assert rows["workers"] == ("0", "default")

    env = {"FLS_KIT_STORE": "sqlite:///fra-miljo.sqlite", "FLS_KIT_MIN_GROUP_SIZE": "7"}
    rows = config_rows(run("config", "show", env=env))
    assert rows["store"] == ("sqlite:///fra-miljo.sqlite", "FLS_KIT_STORE")
    assert rows["min_group_size"] == ("7", "FLS_KIT_MIN_GROUP_SIZE")
    assert rows["lang"] == ("en", "fls-kit.toml")

    rows = config_rows(run("config", "show", "--store", "sqlite:///fra-flagg.sqlite", env=env))
    assert rows["store"] == ("sqlite:///fra-flagg.sqlite", "--store")
    assert rows["min_group_size"] == ("7", "FLS_KIT_MIN_GROUP_SIZE")


def test_config_file_in_a_table(tmp_path: Path) -> None:
    (tmp_path / "fls-kit.toml").write_text("[fls-kit]\nworkers = 2\n", encoding="utf-8")
    assert config_rows(run("config", "show"))["workers"] == ("2", "fls-kit.toml")


def test_lang_setting_changes_the_framework_language(tmp_path: Path) -> None:
    (tmp_path / "fls-kit.toml").write_text('lang = "en"\n', encoding="utf-8")
    result = run("framework", "--domain", "5")
    assert "6 statements" in result.stdout
    result = run("framework", "--domain", "5", "--lang", "nb")
    assert "6 utsagn" in result.stdout


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('store = "sqlite:///x.sqlite\n', "ikke gyldig TOML"),
        ("butikk = 1\n", "ukjent innstilling «butikk»"),
        ('min_group_size = "mange"\n', "ugyldig verdi «mange» for «min_group_size»"),
        ('lang = "de"\n', "ugyldig verdi «de» for «lang»"),
    ],
)
def test_broken_config_file_is_a_clear_error(tmp_path: Path, content: str, expected: str) -> None:
    (tmp_path / "fls-kit.toml").write_text(content, encoding="utf-8")
    result = run("config", "show")
    assert result.exit_code == 1
    assert expected in result.stderr
    assert "fls-kit.toml" in result.stderr
    assert "Traceback" not in result.output


def test_bad_environment_value_names_the_variable() -> None:
    result = run("config", "show", env={"FLS_KIT_WORKERS": "-1"})
    assert result.exit_code == 1
    assert "FLS_KIT_WORKERS" in result.stderr
