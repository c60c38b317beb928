"""The ingest DAG on Airflow's CeleryExecutor: a real scheduler, a real Celery worker, this
machine's Redis as broker and PostgreSQL as metadata DB, result backend and opcwatch store.

Scaling out must not change what opcwatch finds. The same DAG, with the same run conf, runs once
through ``dag.test()`` (in-process, as tests/test_dag_run.py does) and once on the Celery worker,
each into a fresh PostgreSQL store, both against the same offline replicas. The test then checks
what an operator would look at: the DAG run and its task instances in the REST API (every mapped
crawl ran on the worker, on its queue), the Celery results in the result backend, and the two
stores holding the same documents, versions, policies and documents with change events.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import psycopg
import pytest
from celery_support import AirflowOnCelery
from conftest import PG_ADMIN_URL, _create_pg_database, _drop_pg_database
from lease_support import SlowSite, TimedReplica, overlaps, write_registry
from test_dag_run import DAGS, airflow_env, run_dag
from test_host_lease import in_background, wait_for_lease

# Two sites, one crawl batch each (batch_size 1): the mapped crawl has two task instances that
# run at the same time on the worker (dag.test() runs them one after the other), so pages are
# stored in another order than in the sequential run; the policies must come out the same.
SITES = ["jiangsu_gov", "beijing_gov"]
CONF = {"batch_size": 1}
RUN_TIMEOUT = 600


def store_snapshot(database_url: str) -> dict[str, Any]:
    """What the run left in a store, free of ids, run ids and clocks: documents with their
    versions, policies as the sets of documents they group, and change events."""
    from sqlalchemy import select

    from models.db import session_scope
    from models.tables import ChangeEvent, Document, DocumentVersion, PolicyRow

    with session_scope(database_url) as session:
        url_of = {d.id: d.canonical_url for d in session.scalars(select(Document))}
        versions = {
            (url_of[v.document_id], v.version_no, v.content_hash, v.title, v.is_opc, v.max_amount_yuan)
            for v in session.scalars(select(DocumentVersion))
        }
        members: dict[int, set[str]] = {}
        for doc in session.scalars(select(Document)):
            if doc.policy_id is not None:
                members.setdefault(doc.policy_id, set()).add(doc.canonical_url)
        policies = {
            (p.title, frozenset(members.get(p.id, ()))) for p in session.scalars(select(PolicyRow))
        }
        events = Counter((e.kind, url_of[e.document_id], e.key) for e in session.scalars(select(ChangeEvent)))
    return {
        "documents": set(url_of.values()),
        "versions": versions,
        "policies": policies,
        "events": events,
        "event_documents": {url for _, url, _ in events},
    }


def celery_results(metadata_db: str, expected: int, timeout: float = 60) -> Counter[str]:
    """Task states Celery stored in its result backend (the metadata database), once ``expected``
    of them have ended: the worker records a result just after the task reported its state to
    the API server, so the last one may lag the DAG run by a moment."""
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("+psycopg", "")
    deadline = time.monotonic() + timeout
    while True:
        with psycopg.connect(f"{base}/{metadata_db}") as conn:
            states = Counter(status for (status,) in conn.execute("SELECT status FROM celery_taskmeta"))
        if sum(n for s, n in states.items() if s not in ("PENDING", "STARTED")) >= expected:
            return states
        if time.monotonic() > deadline:
            return states
        time.sleep(1)


@pytest.mark.slow
@pytest.mark.postgres
def test_ingest_on_a_celery_worker_crawls_there_and_finds_what_dag_test_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from replicas.fleet import ReplicaFleet

    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    stores = {"celery": _create_pg_database(), "dag_test": _create_pg_database()}
    urls = {name: f"{base}/{db}" for name, db in stores.items()}
    started = time.monotonic()
    try:
        with ReplicaFleet(day=1, sites=SITES) as fleet:
            host_map = ",".join(f"{h}={b}" for h, b in fleet.host_map.items())

            # The reference run: dag.test() in a child process, beside the cluster's start-up.
            home = tmp_path / "dag_test_home"
            home.mkdir()
            for key, value in airflow_env(home).items():
                monkeypatch.setenv(key, value)
            for key, value in {"DATABASE_URL": urls["dag_test"], "DATA_DIR": str(tmp_path / "dag_test_data"),
                               "DOWNLOAD_DELAY": "0", "HOST_MAP": host_map}.items():
                monkeypatch.setenv(f"OPCWATCH_{key}", value)
            reference: dict[str, Any] = {}

            def reference_run() -> None:
                try:
                    reference["report"] = run_dag("opcwatch_ingest", tmp_path, conf=CONF)
                except BaseException as error:  # re-raised in the test's thread
                    reference["error"] = error

            thread = threading.Thread(target=reference_run, name="dag-test")
            thread.start()

            opcwatch_env = {
                "OPCWATCH_DATABASE_URL": urls["celery"],
                # Every worker mounts the same data directory (raw pages, outbox): one here.
                "OPCWATCH_DATA_DIR": str(tmp_path / "shared_data"),
                "OPCWATCH_DOWNLOAD_DELAY": "0",
                "OPCWATCH_HOST_MAP": host_map,
            }
            with AirflowOnCelery(tmp_path / "celery_home", DAGS, opcwatch_env) as cluster:
                run_id = cluster.trigger("opcwatch_ingest", CONF)
                state = cluster.wait_for_run("opcwatch_ingest", run_id, RUN_TIMEOUT)
                tasks = cluster.task_instances("opcwatch_ingest", run_id)
                results = celery_results(cluster.metadata_db, expected=len(tasks))
                worker_log = cluster.log("worker")
                timings = dict(cluster.timings)
            thread.join(timeout=RUN_TIMEOUT)
        assert "error" not in reference, reference.get("error")
        assert reference["report"]["tasks"]["crawl[1]"] == "success"

        assert state == "success", {t["task_id"]: t["state"] for t in tasks}
        assert {t["state"] for t in tasks} == {"success"}
        crawls = [t for t in tasks if t["task_id"] == "crawl"]
        assert sorted(t["map_index"] for t in crawls) == list(range(len(SITES)))
        # Each task instance says where it ran: the worker's own hostname, off its queue.
        for ti in tasks:
            assert (ti["hostname"], ti["queue"]) == (cluster.worker_name, cluster.queue), ti
        assert worker_log.count("Executing workload in Celery") >= len(tasks)
        # The executor really went through Celery: one stored result per task instance.
        assert results["SUCCESS"] >= len(tasks), results

        celery_store, reference_store = store_snapshot(urls["celery"]), store_snapshot(urls["dag_test"])
        assert len(celery_store["documents"]) >= 10
        assert any(v[4] for v in celery_store["versions"])  # OPC policies were found, not just pages
        # Same pages fetched, same versions parsed, same policies (title and member documents),
        # same events per document. The order pages are stored in varies between any two runs;
        # policy identity does not depend on it (tests/test_identity_order.py: 一图读懂《若干措施》
        # joins 若干措施 even when the 行动方案 it also cites was stored first).
        for part in ("documents", "versions", "policies", "event_documents"):
            assert celery_store[part] == reference_store[part], part
        print(f"celery test: {time.monotonic() - started:.0f} s in all; start-up {timings}; "
              f"crawl task seconds {[round(t['duration'] or 0) for t in crawls]}")
    finally:
        for db in stores.values():
            _drop_pg_database(db)


@pytest.mark.slow
@pytest.mark.postgres
def test_crawl_processes_sharing_the_postgresql_store_never_hit_one_host_together(tmp_path: Path) -> None:
    """What Celery workers rely on for politeness: crawl processes (on any worker) that share the
    PostgreSQL store take turns on a host. Two runs want the same two sources on one slow host;
    the replica's request log shows no two requests in flight at once, and no article twice."""
    from crawlers.runner import crawl
    from models.db import get_engine
    from opcwatch.settings import Settings

    database = _create_pg_database()
    try:
        settings = Settings(data_dir=tmp_path / "data", database_url=f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{database}",
                            download_delay=0.0, registry_paths=(write_registry(tmp_path),))
        get_engine(settings.database_url)  # the schema once, before two processes race to create it
        # Slow enough (about 7 s a source) that the second process arrives while the first crawls.
        with TimedReplica(SlowSite(pages=6), delay=0.5) as replica:
            settings = settings.with_(host_map=replica.host_map)
            first, a = in_background(lambda: crawl(settings, "worker-1-run", ["slow_a", "slow_b"]))
            wait_for_lease(settings.database_url, "worker-1-run", timeout=120)
            second, b = in_background(lambda: crawl(settings, "worker-2-run", ["slow_a", "slow_b"]))
            first.join()
            second.join()
        assert overlaps(replica.spans) == []
        articles = Counter(path for path, _, _ in replica.spans if path.startswith("/art/"))
        assert len(articles) == 12 and set(articles.values()) == {1}
        # The second process found the host taken and skipped what the first had just crawled.
        assert {h["state"] for h in b["sources"].values()} == {"skipped"}, b["sources"]
        assert {h["state"] for h in a["sources"].values()} == {"ok"}, a["sources"]
    finally:
        _drop_pg_database(database)


@pytest.mark.postgres
def test_a_crawl_whose_every_source_was_just_crawled_elsewhere_exits_at_once(tmp_path: Path) -> None:
    """Two workers: one crawled the sources a moment ago, the other's crawl process starts late
    and finds nothing left to do. It must end (health ``skipped``), not sit in an idle reactor
    until Airflow's execution_timeout — the hang the test above ran into on a loaded machine."""
    from crawlers.host_lease import record_crawl
    from crawlers.runner import crawl
    from models.db import get_engine
    from opcwatch.settings import Settings

    database = _create_pg_database()
    try:
        settings = Settings(data_dir=tmp_path / "data", database_url=f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{database}",
                            download_delay=0.0, registry_paths=(write_registry(tmp_path),),
                            host_map={"slow.example": "http://127.0.0.1:9"},  # never asked
                            source_interval=10.0)  # a crawl in the last 10 minutes counts
        get_engine(settings.database_url)
        for source in ("slow_a", "slow_b"):
            record_crawl(settings.database_url, source, "worker-1-run", "ok")
        run_id = f"late-run-{tmp_path.name[-8:]}"
        thread, out = in_background(lambda: crawl(settings, run_id, ["slow_a", "slow_b"]))
        thread.join(timeout=90)
        if thread.is_alive():  # end the hung crawl process this test started, then fail
            for proc in Path("/proc").glob("[0-9]*"):
                try:
                    if run_id in (proc / "cmdline").read_bytes().decode(errors="replace"):
                        os.kill(int(proc.name), signal.SIGTERM)
                except OSError:
                    pass
            thread.join(timeout=30)
            pytest.fail("the crawl process did not exit after skipping every source")
        assert {h["state"] for h in out["sources"].values()} == {"skipped"}, out["sources"]
    finally:
        _drop_pg_database(database)
