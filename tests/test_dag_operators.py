"""What an Airflow operator sees when something is wrong, under ``dag.test()``.

A mistyped source in a backfill fails at once, without retries, runs nothing downstream and
says why; a source behind a WAF (HTTP 403 shell) fails the ingest run's ``health`` task and
names it. Unlike tests/test_dag_run.py the child keeps the DAGs' own retries: a configuration
error that were retried would show as ``up_for_retry`` and a second try, not ``failed`` on try 1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DAGS = ROOT / "dags"
DAG_TEST_TIMEOUT = 240
sys.path.insert(0, str(DAGS))

from opcwatch_common import (  # noqa: E402
    check_health,
    failure_reason,
    in_crawl_window,
)


def run_dag(dag_id: str, workdir: Path, env: dict[str, str], conf: dict[str, Any] | None = None) -> dict[str, Any]:
    """``dag.test()`` of ``dag_id`` in a child process; its report plus the child's output."""
    report = workdir / f"report-{dag_id}.json"
    proc = subprocess.run(
        [sys.executable, __file__, dag_id, str(report), json.dumps(conf or {})],
        cwd=workdir, env={**os.environ, **env}, capture_output=True, text=True, errors="replace",
        timeout=DAG_TEST_TIMEOUT, check=False,
    )
    assert report.exists(), f"dag.test() crashed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    result["tasks"] = {task: tuple(state) for task, state in result["tasks"].items()}
    result["output"] = proc.stdout + proc.stderr
    return result


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    home = tmp_path / "airflow_home"
    home.mkdir(exist_ok=True)
    return {
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}",
        "OPCWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'opcwatch.db'}",
        "OPCWATCH_DATA_DIR": str(tmp_path / "data"),
        "OPCWATCH_DOWNLOAD_DELAY": "0",
        **extra,
    }


@pytest.mark.slow
def test_backfill_with_a_mistyped_source_fails_once_runs_nothing_and_says_why(tmp_path: Path) -> None:
    result = run_dag("opcwatch_backfill", tmp_path, environment(tmp_path),
                     {"sources": ["jiangsu_gvo"], "since": "2026-01-01"})
    tasks = result["tasks"]
    assert result["state"] == "failed"
    assert tasks["start_run"] == ("failed", 1)  # failed on its first try: no retry, no 5-minute backoff
    for stage in ("plan_sources", "crawl", "parse", "diff_and_notify", "health"):
        assert tasks[stage][0] == "upstream_failed", (stage, tasks)
    assert tasks["finish"] == ("failed", 1)
    # finish names the cause (the unknown id), not a summary of zeros.
    output = result["output"]
    assert "no opcwatch run was opened: configuration error: unknown source id(s): jiangsu_gvo" in output
    assert "'events': 0" not in output


@pytest.mark.slow
def test_a_source_behind_a_waf_fails_the_ingest_runs_health_task_by_name(tmp_path: Path) -> None:
    from replicas import ReplicaServer

    with ReplicaServer(site="nantong_haimen") as waf:  # a 403 "网站云防护系统" shell on every path
        host_map = ",".join(f"{h}={b}" for h, b in waf.host_map.items())
        result = run_dag("opcwatch_ingest", tmp_path, environment(tmp_path, OPCWATCH_HOST_MAP=host_map))
    tasks = result["tasks"]
    # The crawl itself went fine (a blocked site is health, not a crash), so did the stages...
    assert {t: s for t, (s, _) in tasks.items() if t not in ("health",)} == {
        t: "success" for t in tasks if t != "health"
    }
    # ...but the run is red, and health says which source and why.
    assert tasks["health"] == ("failed", 1) and result["state"] == "failed"
    assert "1 source(s) need attention: nantong_haimen blocked" in result["output"]


def test_health_warns_instead_of_failing_when_configured() -> None:
    from airflow.sdk.exceptions import AirflowFailException

    crawled = [
        {"sources": {"a": {"state": "ok"}, "b": {"state": "blocked", "message": "403 WAF shell"}}},
        {"sources": {"c": {"state": "layout_changed", "message": "no rows"}, "d": {"state": "down"}}},
        None,  # a batch that failed returns nothing
    ]
    expected = {"b": "blocked: 403 WAF shell", "c": "layout_changed: no rows"}
    assert check_health(crawled, fails_run=False) == expected
    with pytest.raises(AirflowFailException, match="2 source.*b blocked: 403 WAF shell; c layout_changed"):
        check_health(crawled, fails_run=True)
    assert check_health([{"sources": {"d": {"state": "down"}}}], fails_run=True) == {}


@pytest.mark.parametrize(("value", "fails"), [(None, True), ("", True), ("false", False), ("No", False),
                                             ("0", False), ("TRUE", True), ("on", True)])
def test_health_fails_run_is_read_from_the_environment(tmp_path: Path, value: str | None, fails: bool) -> None:
    from opcwatch.settings import Settings

    env = {"OPCWATCH_DATA_DIR": str(tmp_path)} | ({"OPCWATCH_HEALTH_FAILS_RUN": value} if value is not None else {})
    settings = Settings.from_env(env)
    assert settings.health_fails_run is fails
    # The crawl subprocess and Airflow's tasks rebuild the same setting from to_env().
    assert Settings.from_env(settings.to_env()).health_fails_run is fails


def test_a_mistyped_health_flag_is_refused_by_name(tmp_path: Path) -> None:
    from opcwatch.settings import Settings

    with pytest.raises(ValueError, match="OPCWATCH_HEALTH_FAILS_RUN must be true or false, got 'flase'"):
        Settings.from_env({"OPCWATCH_DATA_DIR": str(tmp_path), "OPCWATCH_HEALTH_FAILS_RUN": "flase"})


def test_failure_reasons_name_the_cause() -> None:
    assert failure_reason(None, None, None, "unknown source id(s): x") == "configuration error: unknown source id(s): x"
    assert failure_reason([["a"], ["b"]], [None, None], None).startswith("every crawl batch failed (2 planned")
    assert failure_reason([["a"], ["b"]], [{"sources": {}}, None], {"events": 3}).startswith("1 of 2 crawl batches")
    assert "no change events" in failure_reason([["a"]], [{"sources": {}}], None)


@pytest.mark.parametrize(
    ("run_type", "utc", "crawls"),
    [
        ("scheduled", "2026-03-02T19:00", False),  # 03:00 Beijing: the unpause-at-night run
        ("scheduled", "2026-03-02T22:59", False),  # 06:59 Beijing
        ("scheduled", "2026-03-02T23:07", True),  # 07:07 Beijing, the first fire
        ("scheduled", "2026-03-02T13:07", True),  # 21:07 Beijing, the last fire
        ("scheduled", "2026-03-02T14:00", False),  # 22:00 Beijing
        ("manual", "2026-03-02T19:00", True),  # an operator's own trigger crawls at any hour
    ],
)
def test_scheduled_runs_crawl_only_inside_the_beijing_window(run_type: str, utc: str, crawls: bool) -> None:
    now = datetime.fromisoformat(utc).replace(tzinfo=UTC)
    assert in_crawl_window(run_type, now) is crawls


def _dag_test_main(dag_id: str, report_path: str, conf: str) -> None:
    """Child process: ``dag.test()`` with the DAG's own retries; task states and try numbers."""
    from airflow import configuration
    from airflow.utils.db import initdb

    if Path(configuration.AIRFLOW_HOME).resolve() == (Path.home() / "airflow").resolve():
        raise SystemExit("refusing to run dag.test() in ~/airflow: set AIRFLOW_HOME")
    initdb()
    from airflow.dag_processing.dagbag import BundleDagBag
    from airflow.settings import Session

    bag = BundleDagBag(dag_folder=DAGS, bundle_path=DAGS)
    if bag.import_errors:
        raise SystemExit(f"DAG import errors: {bag.import_errors}")
    dag_run = bag.dags[dag_id].test(run_conf=json.loads(conf) or None)
    with Session() as session:
        tasks = {
            ti.task_id: (str(getattr(ti.state, "value", ti.state)), ti.try_number)
            for ti in dag_run.get_task_instances(session=session)
            if ti.map_index <= 0
        }
    report = {"state": str(getattr(dag_run.state, "value", dag_run.state)), "tasks": tasks}
    Path(report_path).write_text(json.dumps(report), encoding="utf-8")


if __name__ == "__main__":
    _dag_test_main(sys.argv[1], sys.argv[2], sys.argv[3])
