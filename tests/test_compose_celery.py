"""The CeleryExecutor override, docker-compose.celery.yml, merged onto docker-compose.yml the way
``docker compose -f docker-compose.yml -f docker-compose.celery.yml`` merges them.

Docker cannot run here (tests/test_compose.py says why); this checks what scaling out relies on:
every Airflow component agrees on the executor, the broker and the result backend; workers can
be scaled (no fixed name, no published port) and share the store, the logs and the data volume
with the rest; Redis and Flower are there with healthchecks; secrets still arrive by name only.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy.engine import make_url
from test_compose import AIRFLOW_SERVICES, COMPOSE, VAR, env_of, interpolate

ROOT = Path(__file__).resolve().parents[1]
OVERRIDE = ROOT / "docker-compose.celery.yml"
CELERY_SERVICES = [*AIRFLOW_SERVICES, "airflow-worker", "flower"]
# Settings only the scheduler or the api-server act on; a worker need not carry them.
NOT_FOR_WORKERS = {"AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION", "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK"}
SECRET_KEY = re.compile(r"PASSWORD|SECRET|FERNET|TOKEN|BASIC_AUTH|ALERT_URLS|_KEY$")
FAKE_SECRETS = {"AIRFLOW_DB_PASSWORD": "s3cret2", "OPCWATCH_DB_PASSWORD": "s3cret1"}


def merge(base: Any, override: Any) -> Any:
    """Compose's override rule for what these files use: mappings merge key by key (environment,
    depends_on, healthcheck), anything else is replaced by the override."""
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for key, value in override.items():
            out[key] = merge(base[key], value) if key in base else copy.deepcopy(value)
        return out
    return copy.deepcopy(override)


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    base = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    override = yaml.safe_load(OVERRIDE.read_text(encoding="utf-8"))
    # An override may only adjust services of the base file or add new ones, never drop them.
    merged = merge(base, override)["services"]
    assert set(base["services"]) <= set(merged)
    return dict(merged)


def test_every_airflow_component_runs_the_celery_executor_on_one_broker_and_backend(
    services: dict[str, Any],
) -> None:
    envs = {name: env_of(services[name]) for name in CELERY_SERVICES}
    assert {env["AIRFLOW__CORE__EXECUTOR"] for env in envs.values()} == {"CeleryExecutor"}
    brokers = {env["AIRFLOW__CELERY__BROKER_URL"] for env in envs.values()}
    assert len(brokers) == 1
    broker = make_url(brokers.pop())
    assert (broker.drivername, broker.host, broker.port) == ("redis", "redis", 6379)
    assert "redis" in services and not services["redis"].get("ports")  # the broker stays inside
    backends = {env["AIRFLOW__CELERY__RESULT_BACKEND"] for env in envs.values()}
    assert len(backends) == 1
    backend = backends.pop()
    assert backend.startswith("db+")
    url = make_url(interpolate(backend.removeprefix("db+"), FAKE_SECRETS))
    # Celery's results sit in Airflow's own metadata database on the postgres service.
    assert (url.get_backend_name(), url.host, url.database, url.password) == (
        "postgresql", "postgres", "airflow", "s3cret2")


def test_workers_scale_and_share_the_store_the_logs_and_the_data_volume(services: dict[str, Any]) -> None:
    worker, scheduler = services["airflow-worker"], services["airflow-scheduler"]
    assert worker["command"] == "celery worker"
    # --scale airflow-worker=N needs neither a fixed container name nor a host port.
    assert "container_name" not in worker and not worker.get("ports")
    assert worker["image"] == scheduler["image"] and worker["build"] == scheduler["build"]
    assert sorted(worker["volumes"]) == sorted(scheduler["volumes"])
    assert any(v.startswith("opcwatch-data:") for v in worker["volumes"])
    worker_env, scheduler_env = env_of(worker), env_of(scheduler)
    for key, value in scheduler_env.items():
        if key not in NOT_FOR_WORKERS:
            assert worker_env.get(key) == value, f"airflow-worker differs from the scheduler on {key}"
    # Task state goes to the api-server's execution API, which the worker waits for.
    assert worker_env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"] == "http://airflow-apiserver:8080/execution/"
    assert worker["depends_on"]["airflow-apiserver"]["condition"] == "service_healthy"
    for name in ("airflow-worker", "airflow-scheduler"):
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"


def test_flower_listens_locally_behind_a_login(services: dict[str, Any]) -> None:
    flower = services["flower"]
    assert flower["command"] == "celery flower"
    assert flower["image"] == services["airflow-worker"]["image"]
    (port,) = flower["ports"]
    assert interpolate(port, {}) == "127.0.0.1:5555:5555"
    auth = env_of(flower)["AIRFLOW__CELERY__FLOWER_BASIC_AUTH"]
    assert VAR.fullmatch(auth)
    with pytest.raises(KeyError, match="FLOWER_BASIC_AUTH"):
        interpolate(auth, {})


def test_secrets_by_name_and_healthchecks_hold_for_the_new_services(services: dict[str, Any]) -> None:
    for name in ("redis", "airflow-worker", "flower"):
        service = services[name]
        for key, value in env_of(service).items():
            for password in re.findall(r"://[^:/@\s]+:(.+)@", value):
                assert VAR.fullmatch(password), f"{name}: {key} carries a literal password"
            if SECRET_KEY.search(key):
                assert VAR.fullmatch(value), f"{name}: {key} must be a ${{VAR}} reference"
        check = service["healthcheck"]
        assert check["test"][0] in {"CMD", "CMD-SHELL"} and check["retries"] >= 1, name
