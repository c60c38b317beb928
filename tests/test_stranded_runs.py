"""Nothing stranded by a crash: pages a dead run left pending are parsed by the next run (once,
even with two runs at it), a run whose process is gone is marked abandoned with its stage, and
``opcwatch run --resume`` finishes a run. Storage on SQLite and PostgreSQL; the end-to-end test
SIGKILLs a real ``opcwatch run`` during its crawl.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from lease_support import SlowSite, TimedReplica, write_registry
from sqlalchemy import func, select
from test_store_factories import T0, fake_parse_document, page_html, raw_page

import parsers
from models.db import get_engine, session_scope
from models.liveness import HOSTNAME, process_alive
from models.tables import ChangeEvent, DocumentVersion, HostLease, RawPage, Run
from opcwatch.settings import Settings
from opcwatch.stages.diff import diff
from opcwatch.stages.parse import parse
from opcwatch.stages.resume import ResumeError, resume, resume_plan
from opcwatch.stages.run_liveness import abandon_dead_runs
from opcwatch.stages.runs import start_run

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def fake_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsers, "parse_document", fake_parse_document, raising=False)
    monkeypatch.setattr(parsers, "PARSER_VERSION", "fake-1", raising=False)


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def add_run(settings: Settings, run_id: str, stage: str | None, *, pid: int | None, hostname: str = HOSTNAME,
            heartbeat: datetime | None = None, params: dict[str, Any] | None = None) -> None:
    with session_scope(settings.database_url) as session:
        session.add(Run(id=run_id, kind="manual", params=params or {}, started_at=T0, status="running",
                        pid=pid, hostname=hostname, stage=stage, heartbeat_at=heartbeat or datetime.now(UTC)))


def article(i: int) -> str:
    return f"https://www.jiangsu.gov.cn/art/2026/1/{i}/art_1_{i}.html"


def add_pages(settings: Settings, run_id: str, n: int, start: int = 0) -> None:
    with session_scope(settings.database_url) as session:
        session.add_all(RawPage(**raw_page(run_id, article(i), page_html(wan=100 + i, number=f"苏政发〔2026〕{i}号")))
                        for i in range(start, start + n))


def statuses(settings: Settings) -> Counter[tuple[str, str]]:
    with session_scope(settings.database_url) as session:
        return Counter((p.run_id, p.parse_status) for p in session.scalars(select(RawPage)))


def run_row(settings: Settings, run_id: str) -> Run:
    with session_scope(settings.database_url) as session:
        run = session.get(Run, run_id)
        assert run is not None
        session.expunge(run)
        return run


def count(settings: Settings, table: Any) -> int:
    with session_scope(settings.database_url) as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def test_a_killed_runs_pending_pages_are_parsed_by_the_next_run_and_it_is_marked_abandoned(
        settings: Settings, fake_parser: None) -> None:
    last_seen = datetime.now(UTC) - timedelta(minutes=3)
    add_run(settings, "killed", "crawl", pid=dead_pid(), heartbeat=last_seen)
    add_pages(settings, "killed", 3)
    add_run(settings, "busy", "crawl", pid=os.getpid())  # alive (this process): its pages are its own
    add_pages(settings, "busy", 1, start=10)

    start_run(settings, "manual", run_id="next", pid=os.getpid())
    killed = run_row(settings, "killed")
    assert (killed.status, killed.stage) == ("abandoned", "crawl")
    assert killed.finished_at is not None and abs(
        killed.finished_at.replace(tzinfo=UTC) - last_seen) < timedelta(seconds=1)  # when it stopped
    assert killed.note and "is gone" in killed.note and "in stage crawl" in killed.note and "run next" in killed.note
    assert run_row(settings, "busy").status == "running"

    summary = parse(settings, "next")
    assert (summary["parsed"], summary["new_versions"], summary["earlier_runs"]) == (3, 3, 3)
    assert diff(settings, "next")["events"] == 3
    assert statuses(settings) == Counter({("killed", "ok"): 3, ("busy", "pending"): 1})
    with session_scope(settings.database_url) as session:
        assert set(session.scalars(select(DocumentVersion.run_id))) == {"next"}

    # Idempotent: later runs find nothing left and add no versions or events.
    assert parse(settings, "next")["parsed"] == 0 and parse(settings, "later")["parsed"] == 0
    assert diff(settings, "later")["events"] == 0
    assert (count(settings, DocumentVersion), count(settings, ChangeEvent)) == (3, 3)


def test_two_runs_taking_up_the_same_stranded_pages_parse_each_once(settings: Settings, fake_parser: None) -> None:
    add_run(settings, "killed", "parse", pid=dead_pid())
    add_pages(settings, "killed", 12)
    get_engine(settings.database_url)
    abandon_dead_runs(settings.database_url, settings.run_lease_seconds)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda run_id: parse(settings, run_id), ["run-a", "run-b"]))
    assert sum(r["parsed"] for r in results) == 12 and all(r["errors"] == [] for r in results)
    # How many pages the slower run still saw pending (and found taken) depends on timing; what
    # matters is above and below: each page parsed once, one version and one event each.
    assert all(r["parsed"] + r["elsewhere"] <= 12 for r in results)
    with ThreadPoolExecutor(max_workers=2) as pool:
        events = sum(r["events"] for r in pool.map(lambda run_id: diff(settings, run_id), ["run-a", "run-b"]))
    assert events == 12 and count(settings, DocumentVersion) == 12 and count(settings, ChangeEvent) == 12
    assert statuses(settings) == Counter({("killed", "ok"): 12})


def test_runs_elsewhere_are_judged_by_their_heartbeat(settings: Settings) -> None:
    now = datetime.now(UTC)
    add_run(settings, "far-fresh", "crawl", pid=1, hostname="worker-7", heartbeat=now)
    add_run(settings, "far-stale", "diff", pid=1, hostname="worker-7", heartbeat=now - timedelta(hours=2))
    add_run(settings, "airflow-fresh", "parse", pid=None, heartbeat=now - timedelta(minutes=20))
    add_run(settings, "airflow-stale", "parse", pid=None, heartbeat=now - timedelta(hours=2))
    marked = abandon_dead_runs(settings.database_url, 3600, noticed_by="me")
    assert sorted((m["run_id"], m["stage"]) for m in marked) == [("airflow-stale", "parse"), ("far-stale", "diff")]
    assert "no heartbeat for" in run_row(settings, "far-stale").note  # type: ignore[operator]
    assert run_row(settings, "far-fresh").status == run_row(settings, "airflow-fresh").status == "running"
    assert abandon_dead_runs(settings.database_url, 3600) == []  # marked once


def test_resume_finishes_a_run_from_the_stage_it_stopped_in(settings: Settings, fake_parser: None) -> None:
    params: dict[str, Any] = {"sources": [], "since": None, "until": None, "max_pages": None, "alert_mode": "silent"}
    add_run(settings, "killed", "parse", pid=dead_pid(), params=params)
    add_pages(settings, "killed", 2)
    add_run(settings, "alive", "crawl", pid=os.getpid())
    with pytest.raises(ResumeError, match="still running"):
        resume_plan(settings, "alive")
    with pytest.raises(ResumeError, match="no run"):
        resume_plan(settings, "nope")

    plan, result = resume(settings, "killed")
    assert plan["stages"] == ["parse", "diff", "alert"] and result is not None
    assert list(result.stages) == ["parse", "diff", "alert"]
    assert result.stages["parse"]["parsed"] == 2 and result.stages["diff"]["events"] == 2
    killed = run_row(settings, "killed")
    assert (killed.status, killed.stage, killed.pid) == ("ok", "alert", os.getpid())
    with session_scope(settings.database_url) as session:
        assert set(session.scalars(select(ChangeEvent.run_id))) == {"killed"}  # under its own id
    assert resume(settings, "killed") == (resume_plan(settings, "killed"), None)  # nothing left


# -- a real `opcwatch run`, killed during its crawl ---------------------------------------------


def cli(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "opcwatch.cli", *args], cwd=cwd, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(proc: subprocess.Popen[str], timeout: float = 120) -> dict[str, Any]:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err[-3000:]
    return json.loads(out)


def wait_until(predicate: Any, timeout: float = 60.0, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.slow
def test_a_sigkilled_run_is_abandoned_its_pages_parsed_by_the_next_and_resume_finishes_it(
        sqlite_settings: Settings, tmp_path: Path) -> None:
    settings = sqlite_settings.with_(registry_paths=(write_registry(tmp_path),))
    get_engine(settings.database_url)
    with TimedReplica(SlowSite(pages=12), delay=0.3) as replica:
        env = {**os.environ, **settings.with_(host_map=replica.host_map, host_lease_seconds=1.5).to_env(),
               "PYTHONPATH": str(REPO)}
        killed_proc = cli(["run", "--source", "slow_a", "--json"], env, tmp_path)

        def crawling() -> tuple[str, int] | None:
            with session_scope(settings.database_url) as session:
                lease = session.scalars(select(HostLease)).first()
                stored = session.scalar(select(func.count(RawPage.id)))
                return (lease.run_id, lease.pid) if lease and stored and stored >= 3 else None

        killed_id, crawl_pid = wait_until(crawling, what="the first run to store three pages")
        killed_proc.send_signal(signal.SIGKILL)
        killed_proc.communicate()
        # Its crawl process notices within a heartbeat (0.5 s) and stops instead of running on.
        wait_until(lambda: not process_alive(crawl_pid), timeout=15, what="the orphaned crawl to stop")
        stranded = statuses(settings)[(killed_id, "pending")]
        assert stranded >= 3 and run_row(settings, killed_id).status == "running"

        nxt = finish(cli(["run", "--source", "slow_a", "--json"], env, tmp_path))
        resumed = finish(cli(["run", "--resume", killed_id, "--json"], env, tmp_path))

    (abandoned,) = nxt["abandoned"]
    assert abandoned["run_id"] == killed_id and abandoned["stage"] == "crawl"
    assert nxt["stages"]["parse"]["earlier_runs"] == stranded
    assert statuses(settings)[(killed_id, "ok")] == stranded  # nothing left pending for good
    articles = Counter(p for p, _, _ in replica.spans if p.startswith("/art/"))
    assert len(articles) == 12 and set(articles.values()) == {1}  # the killed run's pages were not fetched again
    with session_scope(settings.database_url) as session:
        assert session.scalar(select(func.count(DocumentVersion.id))) == 12  # every page once
        assert session.scalar(select(func.count(func.distinct(DocumentVersion.document_id)))) == 12

    assert resumed["resumed"]["status"] == "abandoned" and resumed["resumed"]["stopped_in"] == "crawl"
    assert resumed["resumed"]["stages"] == ["crawl", "parse", "diff", "alert"]  # its source was cut short
    assert run_row(settings, killed_id).status == "ok"
