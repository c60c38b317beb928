"""Two processes starting on an empty database at the same moment both succeed.

Each trial starts two real Python processes that begin a run exactly as `opcwatch run` does
(start_run: the schema migrated on first use, the configured channels registered); they wait
at a barrier after their imports, so both reach the empty database together. Before the
migration lock and the insert-if-absent, PostgreSQL failed 5-8 trials in 8 (UniqueViolation on
pg_type, then "a subscription named 'outbox' already exists"), SQLite 3-5 in 8 ("table
fetch_state already exists").
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PG_ADMIN_URL, _create_pg_database, _drop_pg_database, _pg_available
from sqlalchemy import create_engine, select, text

from alerts.subscriptions import add_subscription, list_subscriptions
from models.db import session_scope
from models.migrate import head_revision, upgrade
from models.serialize import insert_once
from models.tables import Subscription

ROOT = Path(__file__).resolve().parents[1]
TRIALS = 5
CONFIGURED = "json://127.0.0.1:9/first-run-secret-path"
# Imports first, then "ready" and wait for "go": the database work starts in both at once.
RACER = """
import sys
from opcwatch.settings import Settings
from opcwatch.stages.runs import start_run
settings = Settings.from_env()
print("ready", flush=True)
sys.stdin.readline()
print(start_run(settings, "manual"), flush=True)
"""


def test_insert_once_takes_the_row_a_rival_committed_meanwhile(database_url: str) -> None:
    """The window itself, in one process: between this transaction's look-up and its insert,
    another transaction commits the same subscription; the run goes on with that row."""

    def find() -> Subscription | None:
        return session.scalar(select(Subscription).where(Subscription.name == "outbox"))

    def create_after_a_rival() -> Subscription:
        with session_scope(database_url) as rival:
            add_subscription(rival, url="json://127.0.0.1:9/rival", name="outbox")
        return add_subscription(session, url="json://127.0.0.1:9/mine", name="outbox")

    with session_scope(database_url) as session:
        found = insert_once(session, find, create_after_a_rival)
        assert found.url == "json://127.0.0.1:9/rival"
    with session_scope(database_url) as session:
        assert [(s.name, s.url) for s in list_subscriptions(session)] == [("outbox", "json://127.0.0.1:9/rival")]
        # A real error is not taken for a race: nothing found afterwards, so it is raised.
        with pytest.raises(ValueError, match="unknown region"):
            insert_once(session, lambda: None, lambda: add_subscription(
                session, url="json://127.0.0.1:9/x", regions=["火星"]))


def _race(database_url: str, data_dir: Path, alert_urls: str = CONFIGURED) -> list[tuple[int, str]]:
    env = {**os.environ, "OPCWATCH_DATABASE_URL": database_url, "OPCWATCH_DATA_DIR": str(data_dir),
           "OPCWATCH_ALERT_URLS": alert_urls}
    racers = [subprocess.Popen([sys.executable, "-c", RACER], cwd=ROOT, env=env, text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
              for _ in range(2)]
    for racer in racers:
        assert racer.stdout is not None and racer.stdout.readline().strip() == "ready"
    for racer in racers:
        assert racer.stdin is not None
        racer.stdin.write("go\n")
        racer.stdin.flush()
    results = []
    for racer in racers:
        out, err = racer.communicate(timeout=60)
        results.append((racer.returncode, err.strip().splitlines()[-1] if err.strip() else out.strip()))
    return results


def _state(database_url: str) -> tuple[list[str], list[str], int]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            versions = list(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())
            names = list(connection.execute(text("SELECT name FROM subscriptions ORDER BY name")).scalars())
            runs = int(connection.execute(text("SELECT count(*) FROM runs")).scalar_one())
    finally:
        engine.dispose()
    return versions, names, runs


def _assert_both_succeeded(database_url: str, results: list[tuple[int, str]],
                           channels: tuple[str, ...] = ("config-json-1", "outbox")) -> None:
    assert [code for code, _ in results] == [0, 0], results
    versions, names, runs = _state(database_url)
    assert versions == [head_revision()]  # one schema, at head
    assert names == list(channels)  # each channel registered once
    assert runs == 2


@pytest.mark.slow
def test_two_first_runs_at_once_on_sqlite(tmp_path: Path) -> None:
    for trial in range(TRIALS):
        folder = tmp_path / f"trial{trial}"
        folder.mkdir()
        url = f"sqlite:///{folder / 'opcwatch.db'}"
        _assert_both_succeeded(url, _race(url, folder))


@pytest.mark.slow
@pytest.mark.postgres
def test_two_first_runs_at_once_on_postgresql(tmp_path: Path) -> None:
    if not _pg_available():
        pytest.fail("PostgreSQL is not reachable on 127.0.0.1:5432; .ci/run starts it")
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    for trial in range(TRIALS):
        name = _create_pg_database()
        try:
            url = f"{base}/{name}"
            _assert_both_succeeded(url, _race(url, tmp_path / f"trial{trial}"))
        finally:
            _drop_pg_database(name)


@pytest.mark.slow
@pytest.mark.postgres
def test_two_runs_register_the_outbox_once_on_a_migrated_postgresql(tmp_path: Path) -> None:
    """The schema exists, no subscription yet: the race is on registering the outbox alone (no
    configured URL, so each process's first Apprise parse falls between its look-up and its
    insert). Before the fix this failed 8 trials in 8: "a subscription named 'outbox' already exists"."""
    if not _pg_available():
        pytest.fail("PostgreSQL is not reachable on 127.0.0.1:5432; .ci/run starts it")
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    for trial in range(TRIALS):
        name = _create_pg_database()
        try:
            url = f"{base}/{name}"
            engine = create_engine(url)
            upgrade(engine)
            engine.dispose()
            _assert_both_succeeded(url, _race(url, tmp_path / f"trial{trial}", alert_urls=""), ("outbox",))
        finally:
            _drop_pg_database(name)
