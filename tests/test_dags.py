"""DAG integrity: the opcwatch DAGs load, carry their contract, and stay thin.

The DagBag is built once per module, the way Airflow's own DAG processor builds it (a
``BundleDagBag`` over dags/, which puts that folder on ``sys.path`` for ``opcwatch_common``).
Airflow reads its configuration when it is first imported, so ``AIRFLOW_HOME`` points at a
temporary directory before that import: these tests never touch ``~/airflow``.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DAGS = ROOT / "dags"
DAG_IDS = {"opcwatch_ingest", "opcwatch_alerts", "opcwatch_backfill", "opcwatch_reparse"}
CHANGE_EVENTS_URI = "opcwatch://change_events"


def airflow_env(home: Path) -> dict[str, str]:
    """The environment that confines Airflow to ``home`` and to our dags/ (no examples)."""
    return {
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}",
    }


@pytest.fixture(scope="module")
def dagbag(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    home = tmp_path_factory.mktemp("airflow_home")
    root_logger = logging.getLogger()
    saved = (list(root_logger.handlers), root_logger.level)
    with pytest.MonkeyPatch.context() as mp:
        for key, value in airflow_env(home).items():
            mp.setenv(key, value)
        from airflow import configuration

        # Airflow fixes its home on first import; if another test imported it earlier, it
        # must have been confined as well.
        assert Path(configuration.AIRFLOW_HOME).resolve() != (Path.home() / "airflow").resolve()
        from airflow.dag_processing.dagbag import BundleDagBag

        # Airflow 3 has no DagBag(include_examples=...): examples are a bundle of their own,
        # off here through LOAD_EXAMPLES=False, and a DagBag reads only the folder it is given.
        bag = BundleDagBag(dag_folder=DAGS, bundle_path=DAGS)
    # Importing Airflow installs a root log handler; give other test modules their logging back.
    root_logger.handlers[:] = saved[0]
    root_logger.setLevel(saved[1])
    yield bag


def resolve_params(dag: Any, conf: dict[str, Any]) -> dict[str, Any]:
    """What the trigger form would accept: the DAG's params with ``conf`` applied, validated."""
    params = copy.deepcopy(dag.params)
    for key, value in conf.items():
        params[key] = value
    return params.validate()


def test_dags_load_without_import_errors(dagbag: Any) -> None:
    assert dagbag.import_errors == {}
    assert set(dagbag.dag_ids) == DAG_IDS


@pytest.mark.parametrize("dag_id", sorted(DAG_IDS))
def test_every_dag_has_owner_tags_retries_and_docs(dagbag: Any, dag_id: str) -> None:
    dag = dagbag.dags[dag_id]
    assert "opcwatch" in dag.tags
    assert dag.default_args["owner"] == "opcwatch"
    assert dag.default_args["retries"] >= 1
    assert dag.default_args["retry_delay"].total_seconds() > 0
    assert dag.doc_md and dag.doc_md.lstrip().startswith("### opcwatch")
    assert dag.catchup is False and dag.max_active_runs == 1
    for task in dag.tasks:
        assert task.retries >= 1, task.task_id
        assert task.owner == "opcwatch"


def test_ingest_is_scheduled_in_beijing_office_hours_and_announces_change_events(dagbag: Any) -> None:
    from airflow.sdk import CronTriggerTimetable

    dag = dagbag.dags["opcwatch_ingest"]
    assert isinstance(dag.timetable, CronTriggerTimetable)
    assert dag.timetable.expression == "7 7-21/2 * * *"
    assert str(dag.timetable.timezone) == "Asia/Shanghai"
    assert [t.task_id for t in dag.topological_sort()][:3] == ["in_window", "start_run", "plan_sources"]
    assert dag.get_task("crawl").is_mapped
    assert {a.uri.rstrip("/") for a in dag.get_task("diff").outlets} == {CHANGE_EVENTS_URI}
    # start_run hands its run id to crawl and diff; each stage waits for the one before it, and
    # parse only for crawl, so that it is upstream_failed (not run) when nothing was planned.
    assert dag.get_task("start_run").upstream_task_ids == {"in_window"}
    assert dag.get_task("crawl").upstream_task_ids == {"start_run", "plan_sources"}
    assert dag.get_task("parse").upstream_task_ids == {"crawl"}
    assert dag.get_task("diff").upstream_task_ids == {"start_run", "parse"}
    assert dag.get_task("finish").upstream_task_ids == {"start_run", "plan_sources", "crawl", "diff"}
    # health is a leaf: its failure (a blocked source) is the DAG run's failure.
    assert dag.get_task("health").upstream_task_ids == {"crawl"}
    assert dag.get_task("health").downstream_task_ids == set()
    # Outside the window the short circuit skips every task, finish (trigger rule all_done) too.
    window = dag.get_task("in_window")
    assert window.ignore_downstream_trigger_rules is True
    assert window.get_flat_relative_ids(upstream=False) == {t.task_id for t in dag.tasks} - {"in_window"}


def test_alerts_run_on_change_events_or_on_a_short_cron(dagbag: Any) -> None:
    from airflow.sdk import AssetOrTimeSchedule, CronTriggerTimetable

    dag = dagbag.dags["opcwatch_alerts"]
    schedule = dag.timetable
    assert isinstance(schedule, AssetOrTimeSchedule)
    assert [a.uri.rstrip("/") for a in schedule.asset_condition.objects] == [CHANGE_EVENTS_URI]
    assert isinstance(schedule.timetable, CronTriggerTimetable)
    assert schedule.timetable.expression == "*/15 * * * *"
    assert [t.task_id for t in dag.tasks] == ["deliver"]


def test_backfill_trigger_form_types_and_defaults(dagbag: Any) -> None:
    dag = dagbag.dags["opcwatch_backfill"]
    assert dag.timetable.can_be_scheduled is False  # schedule=None: only ever triggered by hand
    schema = {key: dag.params.get_param(key).schema for key in dag.params}
    assert schema["sources"]["type"] == "array" and schema["sources"]["items"] == {"type": "string"}
    assert schema["since"] == {"type": "string", "format": "date", "title": "Since"}
    assert not dag.params.get_param("since").has_value  # required: the form cannot be sent without it
    assert schema["max_pages"]["type"] == "integer"
    assert schema["alert_mode"]["enum"] == ["digest", "silent", "instant"]

    resolved = resolve_params(dag, {"since": "2025-06-01"})
    # Defaults: every source, no end date, a page cap, and subscribers get ONE digest.
    assert resolved == {
        "sources": [],
        "since": "2025-06-01",
        "until": None,
        "max_pages": 20,
        "alert_mode": "digest",
    }
    assert resolve_params(
        dag,
        {
            "since": "2025-06-01",
            "until": "2025-07-01",
            "sources": ["jiangsu_gov"],
            "max_pages": 3,
            "alert_mode": "silent",
        },
    )["sources"] == ["jiangsu_gov"]


@pytest.mark.parametrize(
    "conf",
    [
        {},  # since is required
        {"since": "2025/06/01"},
        {"since": "2025-06-01", "until": "next week"},
        {"since": "2025-06-01", "alert_mode": "flood"},
        {"since": "2025-06-01", "max_pages": "many"},
        {"since": "2025-06-01", "sources": "jiangsu_gov"},
    ],
)
def test_backfill_trigger_form_rejects_bad_input(dagbag: Any, conf: dict[str, Any]) -> None:
    from airflow.sdk.exceptions import ParamValidationError

    with pytest.raises(ParamValidationError):
        resolve_params(dagbag.dags["opcwatch_backfill"], conf)


def test_reparse_trigger_form_defaults_to_all_history_silently(dagbag: Any) -> None:
    from airflow.sdk.exceptions import ParamValidationError

    dag = dagbag.dags["opcwatch_reparse"]
    assert dag.timetable.can_be_scheduled is False  # only ever triggered by hand
    assert resolve_params(dag, {}) == {"since": None, "until": None, "sources": [], "alerts": "silent"}
    chosen = {"since": "2026-01-01", "until": "2026-01-31", "sources": ["jiangsu_gov"], "alerts": "digest"}
    assert resolve_params(dag, chosen) == chosen
    for bad in ({"since": "2026/01/01"}, {"alerts": "flood"}, {"sources": "jiangsu_gov"}):
        with pytest.raises(ParamValidationError):
            resolve_params(dag, bad)


def test_opcwatch_run_id_is_deterministic_short_and_distinct(dagbag: Any) -> None:
    from opcwatch_common import opcwatch_run_id

    scheduled = opcwatch_run_id("opcwatch_ingest", "scheduled__2026-01-20T01:07:00+00:00")
    assert scheduled == "af-opcwatch_ingest-scheduled__2026-01-20T01-07-00-00-00"
    assert opcwatch_run_id("opcwatch_ingest", "scheduled__2026-01-20T01:07:00+00:00") == scheduled
    long_a = opcwatch_run_id("opcwatch_backfill", "manual__2026-01-20T01:07:00.123456+00:00")
    long_b = opcwatch_run_id("opcwatch_backfill", "manual__2026-01-20T01:07:00.123457+00:00")
    assert long_a != long_b
    for run_id in (scheduled, long_a, long_b, opcwatch_run_id("d", "x" * 300 + " /?中文")):
        assert len(run_id) <= 64 and run_id.startswith("af-")
        assert all(c.isascii() and (c.isalnum() or c in "_.-") for c in run_id), run_id


def test_crawl_batches_never_split_sources_that_share_a_host(dagbag: Any) -> None:
    from opcwatch_common import batches_by_host

    hosts = {
        "jiangsu_gov": ["www.jiangsu.gov.cn", "www.js.gov.cn"],
        "suzhou": ["www.suzhou.gov.cn"],
        "sipac": ["www.sipac.gov.cn"],
        "js_interpret": ["WWW.JS.GOV.CN"],  # the portal's other name, written differently
        "wuxi": ["www.wuxi.gov.cn"],
    }
    ids = list(hosts)
    assert batches_by_host(ids, hosts, 2) == [["jiangsu_gov", "js_interpret"], ["suzhou", "sipac"], ["wuxi"]]
    assert batches_by_host(ids, hosts, 1) == [
        ["jiangsu_gov", "js_interpret"],
        ["suzhou"],
        ["sipac"],
        ["wuxi"],
    ]
    assert batches_by_host(ids, hosts, 10) == [["jiangsu_gov", "js_interpret", "suzhou", "sipac", "wuxi"]]
    assert batches_by_host([], hosts, 4) == []
    # A source on two hosts joins the groups of both.
    bridged = {"a": ["x.cn"], "b": ["y.cn"], "c": ["x.cn", "y.cn"]}
    assert batches_by_host(["a", "b", "c"], bridged, 1) == [["a", "b", "c"]]
    with pytest.raises(ValueError, match="at least 1"):
        batches_by_host(ids, hosts, 0)


def test_dag_files_import_no_pipeline_code_at_module_level(tmp_path: Path) -> None:
    """Parsing must stay cheap: stage code (Scrapy, our DB models, Apprise) loads inside tasks."""
    heavy = [
        "scrapy",
        "crawlers",
        "models",
        "parsers",
        "alerts",
        "opcwatch.stages",
        "opcwatch.settings",
        "apprise",
        "opencc",
        "psycopg",
    ]
    script = (
        "import importlib.util, json, sys\n"
        f"sys.path.insert(0, {str(DAGS)!r})\n"
        "for path in sys.argv[1:]:\n"
        "    spec = importlib.util.spec_from_file_location('dagfile_' + str(len(sys.modules)), path)\n"
        "    spec.loader.exec_module(importlib.util.module_from_spec(spec))\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    files = sorted(str(p) for p in DAGS.glob("*.py"))
    env = {**os.environ, **airflow_env(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", script, *files],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    loaded = set(json.loads(proc.stdout.strip().splitlines()[-1]))
    assert {"opcwatch_common", "airflow.sdk"} <= loaded  # the check really imported the files
    leaked = sorted(m for m in loaded if any(m == h or m.startswith(h + ".") for h in heavy))
    assert leaked == []
