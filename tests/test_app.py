"""The participant app's command line and environment (the served app itself: test_browser.py)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from fls_kit.app._server import (
    APP_FLAG,
    NOTEBOOK,
    absolute_store_url,
    app_environment,
    voila_command,
)
from fls_kit.cli import main
from fls_kit.config import load_settings


def test_relative_sqlite_paths_become_absolute(tmp_path: Path) -> None:
    # Voilà runs the kernel in the notebook's folder: a relative path would open another file.
    assert (
        absolute_store_url("sqlite:///kurs.sqlite", tmp_path) == f"sqlite:///{tmp_path}/kurs.sqlite"
    )
    assert (
        absolute_store_url("sqlite:////data/kurs.sqlite", tmp_path) == "sqlite:////data/kurs.sqlite"
    )
    assert absolute_store_url("sqlite://", tmp_path) == "sqlite://"
    url = "postgresql://fls@db/kurs"
    assert absolute_store_url(url, tmp_path) == url


def test_the_kernel_gets_the_settings_and_participant_mode(tmp_path: Path) -> None:
    settings = load_settings({"store": "sqlite:///kurs.sqlite", "lang": "en"}, cwd=tmp_path,
                             environ={})  # fmt: skip
    env = app_environment(settings, cwd=tmp_path, base={"PATH": "/usr/bin"})
    assert env["FLS_KIT_STORE"] == f"sqlite:///{tmp_path}/kurs.sqlite"
    assert env["FLS_KIT_LANG"] == "en"
    assert env["FLS_KIT_MIN_GROUP_SIZE"] == "5"
    assert env[APP_FLAG] == "1"
    assert env["PATH"] == "/usr/bin"


def test_voila_shows_no_code_and_listens_where_asked() -> None:
    command = voila_command(port=9000, ip="0.0.0.0")
    assert str(NOTEBOOK) in command
    assert NOTEBOOK.is_file()
    for flag in ("--port=9000", "--Voila.ip=0.0.0.0", "--strip_sources=True", "--theme=light",
                 "--show_tracebacks=False", "--no-browser"):  # fmt: skip
        assert flag in command
    assert "--no-browser" not in voila_command(browser=True)


def test_app_command_refuses_a_bad_store_clearly() -> None:
    result = CliRunner().invoke(main, ["app", "--store", "nosuchdb://x", "--no-browser"])
    assert result.exit_code == 1
    assert "Feil:" in result.output
    assert "Deltakerne åpner" not in result.output  # no address for an app that never started
    assert "Traceback" not in result.output


def test_app_command_help_is_norwegian() -> None:
    result = CliRunner().invoke(main, ["app", "--help"])
    assert result.exit_code == 0
    assert "deltakerappen" in result.output
    assert "--ip" in result.output
