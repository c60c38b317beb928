"""A real Airflow 3 deployment on the CeleryExecutor, started as subprocesses for one test.

``AirflowOnCelery`` is the docker-compose Celery profile without Docker: a PostgreSQL metadata
database of its own (also Celery's result backend), this machine's Redis as the broker (a db
number of its own, and a queue named for the test so that no other worker on that Redis can take
its tasks), and the processes an operator runs — ``airflow api-server`` (UI, REST and the
execution API the workers report to), ``airflow scheduler`` and ``airflow celery worker``. The
DAG files are serialized once with ``airflow dags reserialize`` (what the dag-processor would do
on every parse loop). The test drives it the way a user does: through the REST API.

The worker reports a hostname of its own (``[core] hostname_callable`` → :func:`worker_hostname`),
so the task instances it ran say so in the metadata DB even though every process shares this
machine.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from conftest import PG_ADMIN_URL, _create_pg_database, _drop_pg_database

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
AIRFLOW = ROOT / ".venv" / "bin" / "airflow"
BROKER_URL = os.environ.get("OPCWATCH_TEST_CELERY_BROKER", "redis://127.0.0.1:6379/5")
WORKER_NAME_VAR = "OPCWATCH_TEST_WORKER_NAME"


def worker_hostname() -> str:
    """``[core] hostname_callable`` of the test's Celery worker: the name it was given."""
    return os.environ[WORKER_NAME_VAR]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def airflow_binary() -> Path:
    """The ``airflow`` script beside the interpreter running the tests (the venv's)."""
    import sys

    local = Path(sys.executable).with_name("airflow")
    return local if local.exists() else AIRFLOW


class AirflowOnCelery:
    """api-server + scheduler + one Celery worker on fresh metadata; a context manager."""

    def __init__(self, home: Path, dags: Path, opcwatch_env: Mapping[str, str], concurrency: int = 4) -> None:
        self.home = home
        self.dags = dags
        self.concurrency = concurrency
        self.queue = f"opcwatch-test-{uuid.uuid4().hex[:8]}"
        self.worker_name = f"celery-worker-{uuid.uuid4().hex[:6]}"
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.metadata_db = ""
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self._logs: dict[str, IO[bytes]] = {}
        self._token = ""
        self.timings: dict[str, float] = {}  # seconds per start-up step, for the test's report
        self.env = self._environment(dict(opcwatch_env))

    def _environment(self, opcwatch_env: dict[str, str]) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "OPCWATCH_"))}
        env.update(opcwatch_env)
        env.update(
            {
                "AIRFLOW_HOME": str(self.home),
                "AIRFLOW__CORE__DAGS_FOLDER": str(self.dags),
                "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
                "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
                "AIRFLOW__CELERY__BROKER_URL": BROKER_URL,
                "AIRFLOW__OPERATORS__DEFAULT_QUEUE": self.queue,
                # Every component signs and checks the workers' task tokens with one secret.
                "AIRFLOW__API_AUTH__JWT_SECRET": secrets.token_hex(16),
                "AIRFLOW__API__SECRET_KEY": secrets.token_hex(16),
                "AIRFLOW__API__PORT": str(self.port),
                "AIRFLOW__API__BASE_URL": self.base_url,
                "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{self.base_url}/execution/",
                "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
                # Only the run the test triggers: no cron run appears when the DAG is unpaused.
                "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",
                "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "1",
                "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port()),
                "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(free_port()),
                "PYTHONPATH": os.pathsep.join(filter(None, [str(TESTS), os.environ.get("PYTHONPATH")])),
            }
        )
        return env

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> AirflowOnCelery:
        broker = urllib.parse.urlsplit(BROKER_URL)
        try:
            socket.create_connection((broker.hostname or "127.0.0.1", broker.port or 6379), timeout=3).close()
        except OSError:
            # Fail now, not after the worker has retried the broker for the whole run timeout.
            raise AssertionError(f"Redis is not reachable at {BROKER_URL}; scripts/services.sh starts it") from None
        self.home.mkdir(parents=True, exist_ok=True)
        self.metadata_db = _create_pg_database()
        base = PG_ADMIN_URL.rsplit("/", 1)[0]
        self.env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = f"{base}/{self.metadata_db}"
        # psycopg 3 (opcwatch's driver) for Airflow's async engine too, instead of asyncpg.
        self.env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC"] = (
            f"{base.replace('+psycopg', '+psycopg_async')}/{self.metadata_db}"
        )
        self.env["AIRFLOW__CELERY__RESULT_BACKEND"] = f"db+{base}/{self.metadata_db}"
        self._run_once("db", "migrate")
        # The rest starts side by side: serializing the DAGs (the dag-processor's job, done once
        # here) while the api-server, the scheduler and the worker boot.
        self._spawn("reserialize", "dags", "reserialize")
        self._spawn("api-server", "api-server", "--port", str(self.port))
        self._spawn("scheduler", "scheduler")
        worker_env = {**self.env, WORKER_NAME_VAR: self.worker_name,
                      "AIRFLOW__CORE__HOSTNAME_CALLABLE": "celery_support.worker_hostname"}
        self._spawn("worker", "celery", "worker", "--queues", self.queue, "--concurrency",
                    str(self.concurrency), "--celery-hostname", f"{self.worker_name}@%h",
                    "--skip-serve-logs", "--without-gossip", "--without-mingle", env=worker_env)
        started = time.monotonic()
        reserialize = self.processes["reserialize"]
        assert reserialize.wait(timeout=180) == 0, f"airflow dags reserialize failed:\n{self.log('reserialize')[-3000:]}"
        self.timings["dags reserialize"] = time.monotonic() - started
        del self.processes["reserialize"]
        self._wait_for_api()
        return self

    def stop(self) -> None:
        for proc in reversed(list(self.processes.values())):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for proc in self.processes.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        for handle in self._logs.values():
            handle.close()
        if self.metadata_db:
            _drop_pg_database(self.metadata_db)

    def __enter__(self) -> AirflowOnCelery:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _run_once(self, *args: str) -> None:
        started = time.monotonic()
        proc = subprocess.run([str(airflow_binary()), *args], env=self.env, cwd=self.home,
                              capture_output=True, text=True, errors="replace", timeout=180, check=False)
        assert proc.returncode == 0, f"airflow {' '.join(args)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        self.timings[" ".join(args)] = time.monotonic() - started

    def _spawn(self, name: str, *args: str, env: Mapping[str, str] | None = None) -> None:
        log = open(self.home / f"{name}.log", "wb")  # noqa: SIM115 - closed in stop()
        self._logs[name] = log
        # A session of its own, so stop() ends the component and every child it forked.
        self.processes[name] = subprocess.Popen([str(airflow_binary()), *args], env=dict(env or self.env),
                                                cwd=self.home, stdout=log, stderr=subprocess.STDOUT,
                                                start_new_session=True)

    def log(self, name: str) -> str:
        return (self.home / f"{name}.log").read_text(encoding="utf-8", errors="replace")

    def _check_alive(self) -> None:
        for name, proc in self.processes.items():
            assert proc.poll() is None, f"airflow {name} exited {proc.returncode}:\n{self.log(name)[-4000:]}"

    def _wait_for_api(self, timeout: float = 120) -> None:
        started = time.monotonic()
        deadline = started + timeout
        while time.monotonic() < deadline:
            self._check_alive()
            try:
                with urllib.request.urlopen(f"{self.base_url}/auth/token", timeout=5) as answer:
                    self._token = json.load(answer)["access_token"]
                    self.timings["api-server up"] = time.monotonic() - started
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(1)
        raise AssertionError(f"the api-server did not answer in {timeout} s:\n{self.log('api-server')[-4000:]}")

    # -- the REST API ----------------------------------------------------------------------
    def api(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.base_url}/api/v2/{path}", data=data, method=method, headers={
            "Authorization": f"Bearer {self._token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return json.load(answer)
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{method} {path}: {error.code} {error.read()[:2000]!r}") from None

    def trigger(self, dag_id: str, conf: Mapping[str, Any]) -> str:
        """Unpause ``dag_id`` and trigger one run with ``conf``; its run id."""
        self.api("PATCH", f"dags/{dag_id}", {"is_paused": False})
        run = self.api("POST", f"dags/{dag_id}/dagRuns", {"logical_date": None, "conf": dict(conf)})
        return str(run["dag_run_id"])

    def wait_for_run(self, dag_id: str, run_id: str, timeout: float) -> str:
        """Poll the DAG run until it ends; its final state."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._check_alive()
            state = self.api("GET", f"dags/{dag_id}/dagRuns/{run_id}")["state"]
            if state in ("success", "failed"):
                return str(state)
            time.sleep(2)
        raise AssertionError(
            f"{dag_id} {run_id} still running after {timeout} s; "
            f"tasks: {self.task_instances(dag_id, run_id)}\nworker log:\n{self.log('worker')[-4000:]}"
        )

    def task_instances(self, dag_id: str, run_id: str) -> list[dict[str, Any]]:
        answer = self.api("GET", f"dags/{dag_id}/dagRuns/{run_id}/taskInstances?limit=100")
        return list(answer["task_instances"])
