"""Shared fixtures: a fresh database per test on SQLite and on PostgreSQL, and settings."""

from __future__ import annotations

import functools
import importlib.util
import os
import sys
import types
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# Airflow fixes its home when it is first imported, and a test module may import dags/ while
# pytest collects: never let that be the user's ~/airflow (each DAG test sets its own as well).
os.environ.setdefault("AIRFLOW_HOME", os.path.join(os.environ.get("TMPDIR", "/tmp"), f"opcwatch-test-airflow-{os.getpid()}"))

# The JSON webhook on 127.0.0.1 the alert tests deliver to (a fixture shared by two files).
from alerts_support import hook  # noqa: E402,F401

from opcwatch.settings import Settings

PG_ADMIN_URL = os.environ.get("OPCWATCH_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@functools.cache
def score_extraction() -> types.ModuleType:
    """bench/score_extraction.py as a module (bench is not a package): the tests that hold a
    set's quality score it exactly as the benchmark does."""
    path = Path(__file__).resolve().parents[1] / "bench" / "score_extraction.py"
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["score_extraction"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def shared_file(path: Path) -> Path:
    """``path`` under ../shared, or skip: the real pages live beside the development checkout,
    not in the repository, so a user's clone runs every other test without them."""
    if not path.is_file():
        pytest.skip(f"{path.name} is not here: the shared real-page corpus is not beside this clone")
    return path


def _pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), connect_timeout=3):
            return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def pg_admin_available() -> bool:
    return _pg_available()


def _create_pg_database() -> str:
    import psycopg

    # OPCWATCH_TEST_DB_PREFIX: engineers sharing one server tell their test databases apart.
    name = f"{os.environ.get('OPCWATCH_TEST_DB_PREFIX', 'opcwatch_test_')}{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


def _drop_pg_database(name: str) -> None:
    import psycopg

    from models.db import dispose_all

    dispose_all()
    with psycopg.connect(PG_ADMIN_URL.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A brand-new, empty database: a SQLite file, or a PostgreSQL database made for this test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'opcwatch.db'}"
        from models.db import dispose_all

        dispose_all()
        return
    if not _pg_available():
        pytest.fail("PostgreSQL is not reachable on 127.0.0.1:5432; .ci/run starts it")
    name = _create_pg_database()
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        _drop_pg_database(name)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> Iterator[str]:
    yield f"sqlite:///{tmp_path / 'opcwatch.db'}"
    from models.db import dispose_all

    dispose_all()


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    """Settings for one test: its own data dir and database, robots obeyed, no delay."""
    return Settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        download_delay=0.0,
        outbox_path=tmp_path / "data" / "outbox.md",
    )


@pytest.fixture
def sqlite_settings(tmp_path: Path, sqlite_url: str) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        database_url=sqlite_url,
        download_delay=0.0,
        outbox_path=tmp_path / "data" / "outbox.md",
    )
