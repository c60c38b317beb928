"""Delivery under faults, on SQLite and PostgreSQL, through real loopback webhooks: what each
channel received and what the ledger says after a flaky channel, a kill -9 mid-dispatch, a
database connection cut during the ledger update, and a slow channel beside a healthy one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alerts_support import add_event, statuses, subscribe
from delivery_support import FaultHook
from sqlalchemy import select
from typer.testing import CliRunner

from alerts.sweep import sweep
from models.db import session_scope
from models.tables import Delivery
from opcwatch.cli import app
from opcwatch.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def hooks() -> Iterator[list[FaultHook]]:
    made: list[FaultHook] = []
    yield made
    for hook in made:
        hook.close()


def _env(settings: Settings, **extra: str) -> dict[str, str]:
    return {"OPCWATCH_DATABASE_URL": settings.database_url, "OPCWATCH_DATA_DIR": str(settings.data_dir),
            **extra}


def _cli_deliver(settings: Settings, **extra: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(app, ["deliver", "--json"], env=_env(settings, **extra))
    return result.exit_code, json.loads(result.stdout)  # a partial failure adds one line on stderr


def test_a_500_then_200_channel_recovers_through_the_cli_alone(settings: Settings, hooks: list[FaultHook]) -> None:
    hook = FaultHook(fail_first=3)
    hooks.append(hook)
    subscribe(settings, url=hook.url(), name="flaky")
    for number in range(3):
        add_event(settings, title=f"政策{number}", run_id=f"run-{number}")
    code, first = _cli_deliver(settings, OPCWATCH_DELIVERY_BACKOFF_SECONDS="1")
    assert code == 1 and (first["sent"], first["failed"]) == (0, 3)  # exit status says it failed
    assert [s for s, _ in statuses(settings)] == ["failed"] * 3
    code, early = _cli_deliver(settings, OPCWATCH_DELIVERY_BACKOFF_SECONDS="1")
    assert code == 0 and early["sent"] == 0  # backoff not over yet: nothing resent
    time.sleep(1.1)
    code, second = _cli_deliver(settings, OPCWATCH_DELIVERY_BACKOFF_SECONDS="1")
    assert code == 0 and (second["sent"], second["failed"]) == (3, 0)
    assert hook.titles() == [f"【金额变化】苏州工业园区：政策{n}" for n in range(3)]  # each exactly once
    assert statuses(settings) == [("sent", 2)] * 3
    _cli_deliver(settings)
    assert len(hook.accepted()) == 3


def test_opcwatch_run_alert_stage_sends_what_earlier_runs_left(settings: Settings, hooks: list[FaultHook]) -> None:
    """`opcwatch run` delivers its own events and then everything due from earlier runs."""
    from opcwatch.stages.cycle import run_cycle

    hook = FaultHook(fail_first=1)
    hooks.append(hook)
    subscribe(settings, url=hook.url())
    add_event(settings, title="旧运行的政策", run_id="old-run")
    fast = settings.with_(delivery_backoff_seconds=0.0)
    _, first = _cli_deliver(settings, OPCWATCH_DELIVERY_BACKOFF_SECONDS="0")
    assert first["failed"] == 1
    result = run_cycle(fast, stages=("alert",), run_id="new-run")
    assert result.stages["alert"]["sent"] == 1
    assert hook.titles() == ["【金额变化】苏州工业园区：旧运行的政策"]


def _spawn_deliver(settings: Settings) -> subprocess.Popen[bytes]:
    env = {**os.environ, **_env(settings)}
    return subprocess.Popen([sys.executable, "-m", "opcwatch.cli", "deliver", "--json"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.slow
def test_kill_9_mid_dispatch_then_rerun_sends_everything_once_but_the_one_in_flight(
    settings: Settings, hooks: list[FaultHook]
) -> None:
    hook = FaultHook(delay=3.0)  # a slow receiver: the kill lands while a message is in flight
    hooks.append(hook)
    subscribe(settings, url=hook.url(), name="slow")
    for number in range(6):
        add_event(settings, title=f"政策{number}")
    process = _spawn_deliver(settings)
    hook.wait_for(3, timeout=60)
    # The second message's outcome gets recorded (a busy machine may take a while); the third
    # is in flight for 3 s, time enough to kill the process before it is answered.
    deadline = time.monotonic() + 2.5
    while Counter(s for s, _ in statuses(settings))["sent"] < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert Counter(s for s, _ in statuses(settings))["sent"] == 2
    hook.delay = 0.0
    rerun = _spawn_deliver(settings)
    out, err = rerun.communicate(timeout=60)
    assert rerun.returncode == 0, err.decode()
    assert json.loads(out)["released"] >= 1
    counts = Counter(r.title for r in hook.accepted())
    assert sorted(counts) == [f"【金额变化】苏州工业园区：政策{n}" for n in range(6)]  # every alert arrived
    repeats = [title for title, n in counts.items() if n > 1]
    assert len(repeats) <= 1 and all(counts[t] == 2 for t in repeats)  # at most the one in flight
    for title in repeats:  # …and its repeat carries the same key, so the receiver can drop it
        keys = {r.key for r in hook.accepted() if r.title == title}
        assert len(keys) == 1 and keys.pop().startswith("opcwatch-")
    assert len({r.key for r in hook.accepted()}) == 6
    assert [s for s, _ in statuses(settings)] == ["sent"] * 6


@pytest.mark.postgres
def test_a_connection_terminated_during_the_ledger_update_costs_nothing(
    settings: Settings, hooks: list[FaultHook]
) -> None:
    if not settings.database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL: pg_terminate_backend cuts the connection of the ledger update")
    import psycopg

    hook = FaultHook(delay=0.5)
    hooks.append(hook)
    subscribe(settings, url=hook.url())
    for number in range(4):
        add_event(settings, title=f"政策{number}")
    results: list[dict[str, Any]] = []
    worker = threading.Thread(target=lambda: results.append(sweep(settings)))
    dbname = settings.database_url.rsplit("/", 1)[1]
    with psycopg.connect(settings.database_url.replace("+psycopg", "")) as blocker:
        worker.start()
        hook.wait_for(1)
        # Writes to the ledger now wait for this lock: the first outcome's UPDATE blocks …
        blocker.execute("LOCK TABLE deliveries IN SHARE MODE")
        deadline = time.monotonic() + 10
        waiting: list[Any] = []
        while not waiting and time.monotonic() < deadline:
            with psycopg.connect(settings.database_url.replace("+psycopg", ""), autocommit=True) as admin:
                waiting = admin.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'",
                    (dbname,)).fetchall()
                for (pid,) in waiting:  # … and its connection is cut in the middle of it
                    admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            time.sleep(0.05)
        assert waiting, "the ledger update never waited on the lock"
        time.sleep(0.3)
        blocker.rollback()
    worker.join(30)
    [summary] = results
    assert (summary["sent"], summary["failed"], summary["unrecorded"]) == (4, 0, 0)
    assert hook.titles() == [f"【金额变化】苏州工业园区：政策{n}" for n in range(4)]  # each once
    assert statuses(settings) == [("sent", 1)] * 4


def test_a_slow_channel_never_delays_a_healthy_one(settings: Settings, hooks: list[FaultHook]) -> None:
    slow, healthy = FaultHook(delay=2.0), FaultHook()
    hooks.extend([slow, healthy])
    subscribe(settings, url=slow.url(), name="slow")
    subscribe(settings, url=healthy.url(), name="healthy")
    for number in range(2):
        add_event(settings, title=f"政策{number}")
    started = time.monotonic()
    summary = sweep(settings)
    assert summary["sent"] == 4
    assert len(healthy.accepted()) == 2 and len(slow.accepted()) == 2
    first_slow_answer = min(r.at for r in slow.received) + 2.0
    assert max(r.at for r in healthy.received) < first_slow_answer  # all healthy ones before any slow one ended
    assert max(r.at for r in healthy.received) - started < 1.5


def test_a_channel_that_times_out_is_retried_with_the_same_idempotency_key(
    settings: Settings, hooks: list[FaultHook]
) -> None:
    hook = FaultHook(delay=1.0)  # answers after Apprise stopped waiting (rto 0.3 s), but it did receive
    hooks.append(hook)
    subscribe(settings, url=hook.url(query="rto=0.3"))
    add_event(settings, title="慢回应")
    first = sweep(settings.with_(delivery_backoff_seconds=0.0))
    assert (first["sent"], first["failed"]) == (0, 1)
    with session_scope(settings.database_url) as session:
        row = session.scalars(select(Delivery)).one()
        assert row.status == "failed" and row.next_attempt_at is not None  # retried after a backoff
    hook.delay = 0.0
    second = sweep(settings.with_(delivery_backoff_seconds=0.0))
    assert second["sent"] == 1
    keys = [r.key for r in hook.received]
    assert len(keys) == 2 and len(set(keys)) == 1  # the receiver can drop the repeat
