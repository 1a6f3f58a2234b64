"""`fls-kit init DIR`: a working folder for an educator who never cloned the repository."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fls_kit._resources import resource
from fls_kit.app import init_workspace
from fls_kit.cli import main
from fls_kit.config import OPTIONS, load_settings

NOTEBOOKS = sorted(p.name for p in resource("notebooks").glob("*.ipynb"))


# Each test starts in an empty folder with no FLS_KIT_* variables set.
pytestmark = pytest.mark.usefixtures("clean_settings")


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_init_makes_the_notebooks_settings_readme_and_report_template(tmp_path: Path) -> None:
    out = run("init", "kurs").output
    ws = tmp_path / "kurs"
    assert NOTEBOOKS, "no notebooks shipped"
    for name in NOTEBOOKS:
        assert (ws / name).read_bytes() == resource("notebooks", name).read_bytes()
        assert f"laget       {name}" in out
    learner = resource("templates", "reports", "learner.ipynb").read_bytes()
    assert (ws / "maler" / "min-deltakerrapport.ipynb").read_bytes() == learner
    for sheet in ("kurskart-mal.xlsx", "rammeverk-mal.xlsx"):
        assert (ws / "maler" / sheet).read_bytes() == resource("templates", sheet).read_bytes()
    readme = (ws / "LES-MEG.md").read_text("utf-8")
    for step in ("jupyter lab", "fls-kit import ratings", "fls-kit reports", "fls-kit app"):
        assert step in readme
    assert "English" in readme
    assert "Neste steg" in out


def test_the_settings_file_parses_names_every_setting_and_is_picked_up(tmp_path: Path) -> None:
    run("init", "kurs")
    text = (tmp_path / "kurs" / "fls-kit.toml").read_text("utf-8")
    data = tomllib.loads(text)
    assert data == {"store": "sqlite:///kurs.sqlite"}  # the rest are commented defaults
    for key, option in OPTIONS.items():
        assert f"# {option.help_nb}" in text
        if key != "store":
            assert f"# {key} = " in text
            # Uncommented, each default line is valid TOML giving the default.
            line = next(x for x in text.splitlines() if x.startswith(f"# {key} = "))
            value = tomllib.loads(line.removeprefix("# "))[key]
            assert OPTIONS[key].parse(value) == OPTIONS[key].default
    assert load_settings(cwd=tmp_path / "kurs", environ={}).sources["store"] == "fls-kit.toml"

    rows = run_in(tmp_path / "kurs", "config", "show")
    assert any(
        line.startswith("store") and "sqlite:///kurs.sqlite" in line and "(fls-kit.toml)" in line
        for line in rows.splitlines()
    ), rows


def run_in(folder: Path, *args: str) -> str:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        return run(*args).output


def files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_running_init_again_on_an_unchanged_folder_changes_nothing(tmp_path: Path) -> None:
    run("init", "kurs")
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in files(tmp_path / "kurs")}
    out = run("init", "kurs").output
    assert "Ingenting å gjøre" in out
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in files(tmp_path / "kurs")}
    assert after == before


def test_an_edited_file_is_kept_without_force_and_replaced_with_force(tmp_path: Path) -> None:
    run("init", "kurs")
    ws = tmp_path / "kurs"
    (ws / "fls-kit.toml").write_text('store = "sqlite:///annet.sqlite"\n', "utf-8")
    (ws / NOTEBOOKS[0]).write_text("{}", "utf-8")  # as if run and saved
    (ws / "LES-MEG.md").unlink()

    out = run("init", "kurs").output
    assert (ws / "fls-kit.toml").read_text("utf-8") == 'store = "sqlite:///annet.sqlite"\n'
    assert (ws / NOTEBOOKS[0]).read_text("utf-8") == "{}"
    assert "beholdt     fls-kit.toml" in out
    assert f"beholdt     {NOTEBOOKS[0]}" in out
    assert "--force" in out
    assert "laget       LES-MEG.md" in out  # a deleted file comes back

    out = run("init", "kurs", "--force", "--lang", "en").output
    assert tomllib.loads((ws / "fls-kit.toml").read_text("utf-8"))["store"].endswith("kurs.sqlite")
    assert (ws / NOTEBOOKS[0]).read_bytes() == resource("notebooks", NOTEBOOKS[0]).read_bytes()
    assert "replaced    fls-kit.toml" in out
    assert "Nothing to do" in run("init", "kurs", "--lang", "en").output


def test_init_in_the_current_folder_and_the_library_result(tmp_path: Path) -> None:
    result = init_workspace(tmp_path)
    assert result.changed
    assert set(result.made) >= {*NOTEBOOKS, "fls-kit.toml", "LES-MEG.md"}
    again = init_workspace(tmp_path)
    assert not again.changed
    assert not again.kept
    assert sorted(again.unchanged) == sorted(result.made)
    assert "Ingenting å gjøre" in run("init").output


def test_a_folder_that_cannot_be_written_gets_a_message_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "fil"
    blocker.write_text("not a folder")  # a file where init needs a folder
    runner = CliRunner()
    result = runner.invoke(main, ["init", str(blocker / "kurs")], catch_exceptions=False)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"kan ikke skrive {blocker / 'kurs'}" in result.output
    result = runner.invoke(main, ["init", str(blocker / "kurs"), "--lang", "en"])
    assert "cannot write" in result.output
    assert "Choose a folder you can write to." in result.output
