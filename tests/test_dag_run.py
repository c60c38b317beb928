"""The ingest DAG, run for real with ``dag.test()`` against the offline replica, two days.

``dag.test()`` runs in a child process (this file is its entry point: ``python test_dag_run.py``)
because Airflow reads its configuration, opens its metadata DB and installs its logging once per
process, on first import. The child gets the environment set here with ``monkeypatch``: an
``AIRFLOW_HOME`` under ``tmp_path`` (so ``~/airflow`` is never touched), the dags/ folder, and the
``OPCWATCH_*`` settings pointing at a fresh SQLite store and at the replica. The replica runs in
this process; the store is checked here through SQLAlchemy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DAGS = ROOT / "dags"
SITE = "https://www.jiangsu.gov.cn"
SIP_POLICY = f"{SITE}/art/2026/1/16/art_60085_11868821.html"  # 苏州工业园区, edited on day 2
OPC_POLICIES = {
    f"{SITE}/art/2026/1/19/art_46144_11871205.html",  # 省政府办公厅: 支持人工智能OPC（一人公司）创新创业的若干措施
    SIP_POLICY,
    f"{SITE}/art/2026/1/20/art_33718_11871633.html",  # 无锡高新区: 算力使用最高补贴30%
}
DAG_TEST_TIMEOUT = 300


def airflow_env(home: Path) -> dict[str, str]:
    """The environment that confines Airflow to ``home`` and to our dags/ (no examples)."""
    return {
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home / 'airflow.db'}",
    }


def run_dag(dag_id: str, workdir: Path, conf: dict[str, Any] | None = None) -> dict[str, Any]:
    """``dag.test()`` of ``dag_id`` (with the run ``conf``, if any) in a child process with the
    current environment; its report."""
    report = workdir / f"report-{len(list(workdir.glob('report-*.json')))}.json"
    proc = subprocess.run(
        [sys.executable, __file__, dag_id, str(report), json.dumps(conf or {})],
        cwd=workdir,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        errors="replace",
        timeout=DAG_TEST_TIMEOUT,
        check=False,
    )
    assert proc.returncode == 0 and report.exists(), (
        f"dag.test() crashed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    )
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    failed = {k: v for k, v in result["tasks"].items() if v != "success"}
    log = (proc.stdout + proc.stderr)[-6000:]
    assert result["state"] == "success" and not failed, (
        f"{dag_id} ended {result['state']}, tasks {failed}:\n{log}"
    )
    return result


@pytest.mark.slow
def test_ingest_dag_stores_real_urls_new_policies_then_the_changed_amount(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import select

    from models.db import session_scope
    from models.tables import ChangeEvent, Document, DocumentVersion, RawPage, Run
    from replicas import ReplicaServer

    home = tmp_path / "airflow_home"
    home.mkdir()
    database_url = f"sqlite:///{tmp_path / 'opcwatch.db'}"
    for key, value in airflow_env(home).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("OPCWATCH_DATABASE_URL", database_url)
    monkeypatch.setenv("OPCWATCH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("OPCWATCH_DOWNLOAD_DELAY", "0")

    with ReplicaServer(day=1) as replica:
        monkeypatch.setenv("OPCWATCH_HOST_MAP", ",".join(f"{h}={b}" for h, b in replica.host_map.items()))
        day1 = run_dag("opcwatch_ingest", tmp_path)
        replica.set_day(2)
        day2 = run_dag("opcwatch_ingest", tmp_path)

    # Airflow stayed in its temporary home; the diff announced change events to opcwatch_alerts.
    assert day1["airflow_home"] == str(home) and (home / "airflow.db").is_file()
    assert day1["asset_events"] == 1 and day2["asset_events"] == 2
    assert day1["tasks"]["crawl[0]"] == "success"  # one mapped batch: the registry's sources
    assert day1["opcwatch_run_id"] != day2["opcwatch_run_id"]

    with session_scope(database_url) as session:
        runs = {r.id: r for r in session.scalars(select(Run))}
        urls = session.scalars(select(Document.canonical_url)).all()
        fetched = session.execute(select(RawPage.url, RawPage.final_url)).all()
        opc = session.scalars(select(DocumentVersion).where(DocumentVersion.is_opc)).all()
        events = session.scalars(select(ChangeEvent)).all()
        sip_id = session.scalar(select(Document.id).where(Document.canonical_url == SIP_POLICY))
        docs_by_id = {d.id: d.canonical_url for d in session.scalars(select(Document))}

    for report in (day1, day2):
        run = runs[report["opcwatch_run_id"]]
        assert report["opcwatch_run_id"].startswith("af-opcwatch_ingest-manual__")
        assert (run.status, run.kind, run.params["airflow_run_id"]) == (
            "ok",
            "manual",
            report["airflow_run_id"],
        )

    # Stored under the real site's URLs, never the replica's 127.0.0.1 address.
    assert len(urls) >= 10 and all(u.startswith("https://www.jiangsu.gov.cn/") for u in urls)
    assert fetched and all("127.0.0.1" not in url + final for url, final in fetched)

    day1_events = [e for e in events if e.run_id == day1["opcwatch_run_id"]]
    new_policies = {docs_by_id[e.document_id] for e in day1_events if e.kind == "policy.new"}
    announced = {
        docs_by_id[e.document_id] for e in day1_events if e.kind in ("policy.new", "policy.republished")
    }
    opc_day1 = [v for v in opc if v.run_id == day1["opcwatch_run_id"]]
    opc_urls = {docs_by_id[v.document_id] for v in opc_day1}
    titles = " ".join(v.title for v in opc_day1)
    assert "若干措施" in titles and "苏州工业园区" in titles
    assert OPC_POLICIES <= opc_urls and OPC_POLICIES <= new_policies
    assert opc_urls <= announced  # a reprint or 一图读懂 of a known policy is "republished", not new

    day2_events = [e for e in events if e.run_id == day2["opcwatch_run_id"]]
    changed = [e for e in day2_events if e.kind == "amount.changed"]
    assert [e.document_id for e in changed] == [sip_id]
    old, new = changed[0].payload["old"], changed[0].payload["new"]
    assert (Decimal(old["value"]), Decimal(new["value"])) == (Decimal("20000000"), Decimal("30000000"))
    assert "2000万元" in old["phrase"] and "3000万元" in new["phrase"]
    # Day 2 re-announces nothing from day 1: only the edit and the one new page produce events.
    assert not {e.document_id for e in day2_events if e.kind == "policy.new"} & {
        e.document_id for e in day1_events
    }


def _dag_test_main(dag_id: str, report_path: str, conf: dict[str, Any]) -> None:
    """Child process: initialise Airflow's metadata DB if needed, run ``dag.test()``, write a report."""
    from airflow import configuration
    from airflow.utils.db import initdb

    home = Path(configuration.AIRFLOW_HOME)
    if Path(home).resolve() == (Path.home() / "airflow").resolve():
        raise SystemExit("refusing to run dag.test() in ~/airflow: set AIRFLOW_HOME")
    # Airflow 3.3 builds a fresh metadata DB from its ORM models (seconds) instead of replaying
    # every migration; a second call on the same DB only checks it is at the head revision.
    initdb()

    from airflow.dag_processing.dagbag import BundleDagBag
    from airflow.models.asset import AssetEvent, AssetModel
    from airflow.settings import Session
    from sqlalchemy import func, select

    bag = BundleDagBag(dag_folder=DAGS, bundle_path=DAGS)
    if bag.import_errors:
        raise SystemExit(f"DAG import errors: {bag.import_errors}")
    dag = bag.dags[dag_id]
    # A failure should fail the test now, not after dag.test() sits out every retry_delay.
    for task in dag.tasks:
        task.retries = 0
    dag_run = dag.test(run_conf=conf or None)

    from opcwatch_common import opcwatch_run_id  # importable: BundleDagBag put dags/ on sys.path

    with Session() as session:
        asset_events = session.scalar(
            select(func.count())
            .select_from(AssetEvent)
            .join(AssetModel, AssetEvent.asset_id == AssetModel.id)
            .where(AssetModel.uri.like("opcwatch://change_events%"))
        )
        tasks = {
            ti.task_id + (f"[{ti.map_index}]" if ti.map_index >= 0 else ""): str(
                getattr(ti.state, "value", ti.state)
            )
            for ti in dag_run.get_task_instances(session=session)
        }
    report = {
        "state": str(getattr(dag_run.state, "value", dag_run.state)),
        "tasks": tasks,
        "airflow_run_id": dag_run.run_id,
        "opcwatch_run_id": opcwatch_run_id(dag_id, dag_run.run_id),
        "asset_events": asset_events,
        "airflow_home": str(home),
    }
    Path(report_path).write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    _dag_test_main(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]) if len(sys.argv) > 3 else {})
