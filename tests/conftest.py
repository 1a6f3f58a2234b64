"""Shared fixtures. The store fixture is an in-memory SQLite database, fresh for each test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from fls_kit import Framework, load_framework
from fls_kit.config import ENV_PREFIX, OPTIONS
from fls_kit.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def fw() -> Framework:
    return load_framework()


@pytest.fixture(scope="session")
def fw_en() -> Framework:
    return load_framework(lang="en")


REQUIRE_SERVICES = os.environ.get("FLS_KIT_REQUIRE_SERVICES") == "1"
POSTGRES_URL = os.environ.get("FLS_KIT_TEST_POSTGRES_URL")


@pytest.fixture
def clean_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty working folder and no FLS_KIT_* variables: only defaults and flags apply."""
    for key in OPTIONS:
        monkeypatch.delenv(ENV_PREFIX + key.upper(), raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def require(reason: str) -> None:
    """Skip on a developer's machine without the service; fail in CI, where it must exist."""
    if REQUIRE_SERVICES:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture
def store(fw: Framework) -> Iterator[Store]:
    """An empty in-memory store."""
    with open_store("sqlite://", framework=fw) as st:
        yield st


def _fresh_postgres(url: str) -> None:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL for an empty store on each backend: a SQLite file, and PostgreSQL when available."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    if not POSTGRES_URL:
        require("no PostgreSQL server (set FLS_KIT_TEST_POSTGRES_URL; .ci/pg.sh start)")
    assert POSTGRES_URL is not None
    _fresh_postgres(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture
def any_store(backend_url: str, fw: Framework) -> Iterator[Store]:
    """An empty store on each backend: the store test suite runs against both."""
    with open_store(backend_url, framework=fw) as st:
        yield st


@pytest.fixture(scope="session")
def demo_store_url(tmp_path_factory: pytest.TempPathFactory, fw: Framework) -> str:
    """A SQLite file holding the demo cohort, built once per test run. Treat it as read-only."""
    from fls_kit.demo import create_demo_store

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite'}"
    create_demo_store(url, framework=fw).close()
    return url


@pytest.fixture
def demo_store(demo_store_url: str, fw: Framework) -> Iterator[Store]:
    """The demo cohort (40 learners, før/etter, self and some assessor ratings). Read-only."""
    with open_store(demo_store_url, framework=fw) as st:
        yield st
