"""The participant app: the assessment notebook served with Voilà, without code.

    fls-kit app --store sqlite:///kurs.sqlite --ip 0.0.0.0 --port 8866

Every participant who opens the page gets a kernel of their own and writes only their own
ratings; the page never lists the other participants (`AssessmentForm(list_learners=False)`).
The settings in force (store, language, framework, ...) reach the notebook's kernel as FLS_KIT_*
environment variables, with relative SQLite paths made absolute: Voilà runs the kernel in the
notebook's folder, not in the folder the command was started from.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fls_kit._resources import resource
from fls_kit.config import ENV_PREFIX, Settings, load_settings
from fls_kit.store import open_store

NOTEBOOK = resource("notebooks", "03_kartlegging.ipynb")
APP_FLAG = "FLS_KIT_APP"
"""Set to "1" in the kernel's environment: the notebook then runs in participant mode."""


def absolute_store_url(url: str, cwd: Path | None = None) -> str:
    """`url` with a relative SQLite path made absolute against `cwd` (other URLs unchanged)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url in {"sqlite://", "sqlite:///:memory:"}:
        return url
    path = Path(url.removeprefix(prefix))
    if path.is_absolute():
        return url
    return prefix + str(((cwd or Path.cwd()) / path).resolve())


def app_environment(
    settings: Settings, *, cwd: Path | None = None, base: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The environment for Voilà and its kernels: `base` plus every setting as FLS_KIT_*."""
    folder = cwd or Path.cwd()
    env = dict(os.environ if base is None else base)
    for key, value in settings.values.items():
        text = str(value)
        if key == "store":
            text = absolute_store_url(text, folder)
        elif key == "framework" and text and (folder / text).exists():
            text = str((folder / text).resolve())
        env[ENV_PREFIX + key.upper()] = text
    env[APP_FLAG] = "1"
    return env


def check_store(url: str) -> None:
    """Open (create, migrate) the store once: a bad URL fails here, clearly, not in a kernel."""
    open_store(absolute_store_url(url)).close()


def voila_command(
    notebook: Path = NOTEBOOK, *, port: int = 8866, ip: str = "127.0.0.1", browser: bool = False
) -> list[str]:
    """The `voila` command line: sources stripped, light theme, no tracebacks to participants."""
    command = [
        sys.executable, "-m", "voila", str(notebook),
        f"--port={port}", f"--Voila.ip={ip}",
        "--strip_sources=True", "--theme=light", "--show_tracebacks=False",
        # The form sends ~600 widgets when it is shown; on a busy laptop that outlasts the
        # default 4 s wait for output, and Voilà would then drop the form from the page.
        "--VoilaExecutor.iopub_timeout=60",
        # A participant who closes the tab frees their kernel after an hour of silence.
        "--MappingKernelManager.cull_idle_timeout=3600",
        "--MappingKernelManager.cull_interval=300",
    ]  # fmt: skip
    if not browser:
        command.append("--no-browser")
    return command


def lan_address() -> str:
    """This machine's address on the local network (what participants type), or 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))  # UDP: sends nothing, only picks a route
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def participant_url(ip: str, port: int) -> str:
    host = lan_address() if ip in {"0.0.0.0", ""} else ip
    return f"http://{host}:{port}/"


def start_app(
    store: str | None = None,
    *,
    port: int = 8866,
    ip: str = "127.0.0.1",
    browser: bool = False,
    notebook: Path = NOTEBOOK,
    settings: Settings | None = None,
    **popen: Any,
) -> subprocess.Popen[bytes]:
    """Start Voilà in the background and return the process (stop it with `.terminate()`)."""
    resolved = settings if settings is not None else load_settings({"store": store})
    env = app_environment(resolved)
    check_store(env[ENV_PREFIX + "STORE"])
    if not notebook.is_file():
        raise FileNotFoundError(notebook)
    command = voila_command(notebook, port=port, ip=ip, browser=browser)
    return subprocess.Popen(command, env=env, cwd=notebook.parent, **popen)


def run_app(
    store: str | None = None,
    *,
    port: int = 8866,
    ip: str = "127.0.0.1",
    browser: bool = True,
    notebook: Path = NOTEBOOK,
    settings: Settings | None = None,
) -> int:
    """Serve the app until Ctrl+C (or SIGTERM); returns Voilà's exit code.

    Voilà is stopped with us: on SIGTERM it would otherwise live on, holding the port and its
    participants' kernels.
    """
    process = start_app(
        store, port=port, ip=ip, browser=browser, notebook=notebook, settings=settings
    )

    def stop(_signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()  # Voilà shuts its kernels down, then exits
        try:
            return process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            return process.wait(timeout=10)
    finally:
        signal.signal(signal.SIGTERM, previous)
