"""Real-browser tests: the assessment notebook in JupyterLab, and the participant app in Voilà.

Debian's Chromium (/usr/bin/chromium) driven by Playwright; no browser is ever downloaded.
The servers are started and stopped here; screenshots go to test-artifacts/browser/.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import require

from fls_kit.demo import create_demo_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
BIN = Path(sys.executable).parent
START_TIMEOUT = 90  # seconds for a server to answer
UI_TIMEOUT = 90_000  # milliseconds for the page to show what we wait for


def suggested_port() -> int:
    """A port that was free a moment ago: only a suggestion, another process may take it before
    the server binds it. The servers move on to another port then (JupyterLab binds port 0,
    Voilà tries up to 50 others), so the tests read the port they got from the server's log."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# "Jupyter Server … is running at:\n[I …] http://127.0.0.1:PORT/lab", "Voilà is running at:\nhttp://…";
# `fls-kit app` prints the suggested URL before Voilà starts, so only what follows counts.
LISTENING = re.compile(r"running at:.*?http://127\.0\.0\.1:(\d+)/", re.S)


def port_from_log(log: Path) -> int | None:
    """The port a server says it listens on (JupyterLab and Voilà print their URL)."""
    if not log.exists():
        return None
    found = LISTENING.search(log.read_text(errors="replace"))
    return int(found.group(1)) if found and found.group(1) != "0" else None


def wait_until(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.25)
    raise TimeoutError(f"timed out after {timeout} s waiting for {what}")


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except OSError:
        return False


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def server(
    command: list[str], *, env: dict[str, str], cwd: Path, log: Path, ready: Callable[[], bool]
) -> Iterator[subprocess.Popen[bytes]]:
    """Run `command` until the block ends; always stopped (terminate, then kill) in `finally`."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:
            wait_until(
                lambda: process.poll() is not None or ready(), START_TIMEOUT, " ".join(command)
            )
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited early:\n{log.read_text()[-3000:]}")
            yield process
        except BaseException:
            print(f"--- {log.name} (last lines) ---\n{log.read_text(errors='replace')[-5000:]}")
            raise
        finally:
            stop_group(process)


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """Stop a server started in its own session: the leader, then whatever is left of it."""
    process.terminate()  # Jupyter and Voilà shut their kernels down on SIGTERM
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=45)
    for sig in (signal.SIGTERM, signal.SIGKILL):  # whatever the leader left behind
        if not group_alive(process.pid):
            break
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        deadline = time.monotonic() + 30
        while group_alive(process.pid) and time.monotonic() < deadline:
            time.sleep(0.5)
    if process.poll() is None:
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        require(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "demo.sqlite"
    create_demo_store(f"sqlite:///{path}").close()
    return path


def stored(db: Path, learner_name: str) -> dict[str, tuple[int | None, bool]]:
    """Current self-ratings (value, not relevant) of the learner called `learner_name`."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT r.statement_id, r.value, r.not_relevant FROM ratings r"
            " JOIN learners l ON l.learner_id = r.learner_id"
            " WHERE l.name = ? AND r.rater = 'self' ORDER BY r.recorded_at, r.id",
            (learner_name,),
        ).fetchall()
    return {sid: (value, bool(nr)) for sid, value, nr in rows}


def learner_names(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [name for (name,) in conn.execute("SELECT name FROM learners")]


def row_buttons(page: Any, row: int) -> Any:
    """The answer buttons of statement row `row` (0 = the first statement of the form)."""
    return page.locator(".fls-answers").nth(row)


def scroll_to_top(element: Any) -> None:
    """Scroll so that `element` is at the top of its scrolling area (for the screenshots)."""
    element.evaluate("e => e.scrollIntoView({block: 'start'})")


def saved_marks(page: Any) -> Any:
    """The «✓ Lagret» marks next to saved statements."""
    return page.locator(".widget-label", has_text="✓ Lagret")


# -- JupyterLab --------------------------------------------------------------------------------
def lab_environment(tmp: Path, store_url: str) -> dict[str, str]:
    settings = tmp / "lab-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    # No news or update pop-ups: they would cover the notebook in the screenshot.
    (settings / "notification.jupyterlab-settings").write_text(
        '{"fetchNews": "false", "checkForUpdates": false}'
    )
    env = dict(os.environ)
    env.update(
        FLS_KIT_STORE=store_url,
        JUPYTERLAB_SETTINGS_DIR=str(tmp / "lab-settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp / "lab-workspaces"),
    )
    return env


def wait_for_idle_kernel(page: Any) -> None:
    """Wait until the notebook's kernel is connected and idle, answering a kernel dialog."""
    status = page.locator("#jp-main-statusbar")

    def idle() -> bool:
        dialog = page.locator(".jp-Dialog")
        if dialog.count() and "Select Kernel" in dialog.inner_text():
            dialog.locator(".jp-mod-accept").click()  # the default: Python 3 (ipykernel)
        return "| Idle" in status.inner_text()

    wait_until(idle, UI_TIMEOUT / 1000, "an idle kernel in JupyterLab")


@pytest.fixture(scope="module")
def lab(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """JupyterLab on a copy of notebooks 03 and 04 and of the demo store: (base URL, store)."""
    tmp = tmp_path_factory.mktemp("lab")
    db = tmp / "lab.sqlite"
    shutil.copy(demo_file, db)
    root = tmp / "notebooks"
    root.mkdir()
    for name in ("03_kartlegging.ipynb", "04_kohortoversikt.ipynb"):
        shutil.copy(ROOT / "notebooks" / name, root)
    command = [
        str(BIN / "jupyter"), "lab", "--no-browser", "--port=0", "--ip=127.0.0.1",
        "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={root}",
    ]  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # CI containers run as root
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    env = lab_environment(tmp, f"sqlite:///{db}")
    log = tmp / "lab.log"

    def ready() -> bool:
        port = port_from_log(log)
        return port is not None and answers(f"http://127.0.0.1:{port}/api/status")

    with server(command, env=env, cwd=root, log=log, ready=ready):
        yield f"http://127.0.0.1:{port_from_log(log)}", db


@contextmanager
def notebook_run(browser: Any, url: str) -> Iterator[Any]:
    """Open the notebook at `url` in JupyterLab, wait for its kernel, run all cells.

    Give the URL `?reset`: a fresh workspace, so no notebook from an earlier test comes back.
    """
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.set_default_timeout(UI_TIMEOUT)
        page.goto(url)
        page.wait_for_selector(".jp-NotebookPanel")
        wait_for_idle_kernel(page)
        page.click(".lm-MenuBar-item:has-text('Run')")
        page.click(".lm-Menu-item[data-command='runmenu:run-all']")
        yield page
    finally:
        page.close()


def test_form_in_jupyterlab_writes_to_the_store(browser: Any, lab: tuple[str, Path]) -> None:
    base, db = lab
    with notebook_run(browser, f"{base}/lab/tree/03_kartlegging.ipynb?reset") as page:
        page.get_by_placeholder("Kode (valgfri)").wait_for()
        assert page.get_by_text("Error displaying widget").count() == 0
        page.get_by_text("0 av 88 vurdert").wait_for()

        page.get_by_placeholder("Navn", exact=True).fill("Lab Testesen")
        page.get_by_role("button", name="Legg til", exact=True).first.click()
        page.get_by_text("Velkommen, Lab Testesen").wait_for()
        row_buttons(page, 0).get_by_role("button", name="Oppfylt", exact=True).click()
        page.get_by_text("1 av 88 vurdert").wait_for()
        saved_marks(page).first.wait_for()
        wait_until(lambda: bool(stored(db, "Lab Testesen")), 10, "the rating in the store")
        assert stored(db, "Lab Testesen") == {"1.C1": (2, False)}

        page.keyboard.press("Control+b")  # hide the file browser for a tidier picture
        scroll_to_top(page.locator(".jupyter-widgets h2", has_text="Egenvurdering"))
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / "jupyterlab-form.png"))


def test_dashboard_in_jupyterlab(browser: Any, lab: tuple[str, Path]) -> None:
    base, _db = lab
    with notebook_run(browser, f"{base}/lab/tree/04_kohortoversikt.ipynb?reset") as page:
        dashboard = page.locator(".jupyter-widgets", has_text="Kohortoversikt").first
        dashboard.wait_for()
        figure = dashboard.locator("img")
        figure.wait_for()
        assert figure.evaluate("img => img.naturalWidth") > 400  # the bars, drawn
        tables = dashboard.locator("table")  # weakest statements, change, agreement
        wait_until(lambda: tables.count() == 3, 60, "the dashboard's three tables")
        wait_until(lambda: "| Idle" in page.locator("#jp-main-statusbar").inner_text(), 60, "idle")
        assert page.get_by_text("Error displaying widget").count() == 0
        assert page.locator(".jp-OutputArea-output[data-mime-type*='error']").count() == 0
        assert "Vises ikke" not in dashboard.inner_text()

        page.keyboard.press("Control+b")
        scroll_to_top(page.locator(".jupyter-widgets h2", has_text="Kohortoversikt"))
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / "jupyterlab-dashboard.png"))


# -- Voilà: the participant app ----------------------------------------------------------------
def test_two_participants_at_once_in_the_app(browser: Any, demo_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "app.sqlite"
    shutil.copy(demo_file, db)
    demo_names = learner_names(db)
    command = [
        str(BIN / "fls-kit"), "app", "--port", str(suggested_port()), "--no-browser",
        "--store", f"sqlite:///{db}",
    ]  # fmt: skip
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    people = {"a": "Astrid Appesen", "b": "Bjørn Brukersen"}
    clicks = {
        "a": ["Oppfylt", "Oppfylt", "Delvis"],
        "b": ["Ikke ennå", "Ikke relevant for min rolle"],
    }
    log = tmp_path / "voila.log"

    def listening() -> bool:
        found = port_from_log(log)
        return found is not None and port_open(found)

    with server(
        command, env=dict(os.environ), cwd=tmp_path, log=log, ready=listening,
    ):  # fmt: skip
        port = port_from_log(log)
        contexts = {
            k: browser.new_context(viewport={"width": 1280, "height": 1000}) for k in people
        }
        try:
            pages = {k: c.new_page() for k, c in contexts.items()}
            for page in pages.values():  # both load at the same time, each with its own kernel
                page.set_default_timeout(UI_TIMEOUT)
                page.goto(f"http://127.0.0.1:{port}/", wait_until="commit")
            for key, page in pages.items():
                page.get_by_placeholder("Navn", exact=True).fill(people[key])
            for page in pages.values():
                page.get_by_role("button", name="Start / fortsett").click()
            for key, page in pages.items():
                page.get_by_text(f"Velkommen, {people[key]}").wait_for()
            for step in range(3):  # interleaved clicks: a, b, a, b, a
                for key, page in pages.items():
                    if step < len(clicks[key]):
                        row = row_buttons(page, step)
                        row.get_by_role("button", name=clicks[key][step], exact=True).click()
            for key, page in pages.items():
                page.get_by_text(f"{len(clicks[key])} av 88 vurdert").wait_for()
                n = len(clicks[key])
                wait_until(lambda p=page, n=n: saved_marks(p).count() == n, 15, "saved marks")

            assert stored(db, people["a"]) == {
                "1.C1": (2, False), "1.C2": (2, False), "1.P1": (1, False),
            }  # fmt: skip
            assert stored(db, people["b"]) == {"1.C1": (0, False), "1.C2": (None, True)}
            for key, page in pages.items():
                text = page.locator("body").inner_text()
                other = people["b" if key == "a" else "a"]
                assert people[key] in text
                assert other not in text
                assert not [n for n in demo_names if n in text], "another participant is shown"
                assert "import " not in text  # no code in the app
                assert page.get_by_text("Error displaying widget").count() == 0
                scroll_to_top(page.locator("h2", has_text="Egenvurdering"))
                page.wait_for_timeout(300)
                page.screenshot(path=str(ARTIFACTS / f"voila-learner-{key}.png"))
        finally:
            for context in contexts.values():
                context.close()
