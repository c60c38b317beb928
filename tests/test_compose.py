"""The production stack as written in docker-compose.yml (Docker cannot run here: this is its check).

It reads the compose file the way ``docker compose`` does (YAML anchors and merge keys, ``${VAR}``
interpolation) and asserts what an operator relies on: the services exist and run the right
Airflow 3 commands on our image, every component shares one opcwatch database on the postgres
service, secrets only ever arrive by name, and everything long-running has a healthcheck.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "docker" / "Dockerfile"
AIRFLOW_COMMANDS = {
    "airflow-apiserver": "api-server",
    "airflow-scheduler": "scheduler",
    "airflow-dag-processor": "dag-processor",
    "airflow-triggerer": "triggerer",
}
AIRFLOW_SERVICES = [*AIRFLOW_COMMANDS, "airflow-init"]
# ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}
VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}")
# Notification schemes Apprise understands that must never appear with a literal target.
CHANNEL_SCHEMES = (
    "dingtalk",
    "wecombot",
    "feishu",
    "lark",
    "mailto",
    "mailtos",
    "json",
    "jsons",
    "slack",
    "tgram",
    "discord",
    "mqtt",
    "mqtts",
    "ntfy",
    "ntfys",
    "bark",
    "barks",
    "serverchan",
    "pushplus",
    "matrix",
    "xml",
    "form",
)


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's variable substitution; a missing ``:?`` variable raises like ``docker compose``."""

    def sub(match: re.Match[str]) -> str:
        name, op, arg = match.group(1), match.group(2), match.group(3) or ""
        if env.get(name):
            return env[name]
        if op and op.endswith("?"):
            raise KeyError(f"{name}: {arg}")
        return arg if op else ""

    return VAR.sub(sub, value.replace("$$", "\0")).replace("\0", "$")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, Any]:
    return compose["services"]


def env_of(service: dict[str, Any]) -> dict[str, str]:
    environment = service.get("environment") or {}
    if isinstance(environment, list):  # the KEY=value list form
        environment = dict(item.split("=", 1) for item in environment)
    return {k: str(v) for k, v in environment.items()}


def test_the_stack_has_postgres_airflow_3_components_and_an_init_job(services: dict[str, Any]) -> None:
    assert {"postgres", *AIRFLOW_SERVICES} <= set(services)
    for name, command in AIRFLOW_COMMANDS.items():
        assert services[name]["command"] == command
    assert services["postgres"]["image"].split(":")[1].startswith("16")
    init = services["airflow-init"]
    assert init["restart"] == "no"
    assert env_of(init)["_AIRFLOW_DB_MIGRATE"] == "true"
    for name in AIRFLOW_COMMANDS:
        assert services[name]["depends_on"]["airflow-init"]["condition"] == "service_completed_successfully"
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_airflow_services_run_our_image_built_from_the_official_airflow_3_image(
    services: dict[str, Any],
) -> None:
    images = {services[name]["image"] for name in AIRFLOW_SERVICES}
    assert len(images) == 1
    for name in AIRFLOW_SERVICES:
        build = services[name]["build"]
        assert (ROOT / build["context"] / build["dockerfile"]).resolve() == DOCKERFILE
    dockerfile = DOCKERFILE.read_text(encoding="utf-8")
    args = dict(re.findall(r"^ARG (\w+)=(\S+)$", dockerfile, flags=re.M))
    base = re.search(r"^FROM (\S+)", dockerfile, flags=re.M).group(1)  # type: ignore[union-attr]
    base = re.sub(r"\$\{(\w+)\}", lambda m: args[m.group(1)], base)
    assert re.fullmatch(r"apache/airflow:3\.\d+\.\d+(-python3\.1[0-3])?", base), base
    # The project itself is pip-installed into the image (pinning Airflow so pip cannot move it).
    install = re.search(r"pip install [^\n]*", dockerfile).group(0)  # type: ignore[union-attr]
    assert "/opt/opcwatch/src" in install and '"apache-airflow==${AIRFLOW_VERSION}"' in install
    for package in ("opcwatch", "parsers", "models", "crawlers", "alerts", "replicas", "pyproject.toml"):
        assert re.search(rf"^COPY .*\b{re.escape(package)}\b", dockerfile, flags=re.M), package


def test_airflow_runs_local_executor_with_dags_mounted_from_the_repo(services: dict[str, Any]) -> None:
    for name in AIRFLOW_SERVICES:
        env = env_of(services[name])
        assert env["AIRFLOW__CORE__EXECUTOR"] == "LocalExecutor"
        assert env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"] == "http://airflow-apiserver:8080/execution/"
        mounts = {v.split(":")[0]: v.split(":")[1] for v in services[name]["volumes"]}
        assert mounts["./dags"] == env["AIRFLOW__CORE__DAGS_FOLDER"] == "/opt/airflow/dags"
    assert (ROOT / "dags" / "opcwatch_ingest.py").is_file()


def test_every_component_shares_one_opcwatch_database_on_the_postgres_service(
    services: dict[str, Any],
) -> None:
    fake = {"OPCWATCH_DB_PASSWORD": "s3cret1", "AIRFLOW_DB_PASSWORD": "s3cret2"}
    raw_urls = {env_of(services[name])["OPCWATCH_DATABASE_URL"] for name in AIRFLOW_SERVICES}
    assert len(raw_urls) == 1
    url = make_url(interpolate(raw_urls.pop(), fake))
    assert (url.drivername, url.host, url.port, url.database, url.username, url.password) == (
        "postgresql+psycopg",
        "postgres",
        5432,
        "opcwatch",
        "opcwatch",
        "s3cret1",
    )
    meta = make_url(
        interpolate(env_of(services["airflow-scheduler"])["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"], fake)
    )
    assert (meta.host, meta.database, meta.password) == ("postgres", "airflow", "s3cret2")
    # Both databases and their owners are created by the init script postgres runs on first start.
    mounted = [v for v in services["postgres"]["volumes"] if "/docker-entrypoint-initdb.d/" in v]
    assert len(mounted) == 1
    script = (ROOT / mounted[0].split(":")[0]).read_text(encoding="utf-8")
    for database in ("opcwatch", "airflow"):
        assert re.search(rf"CREATE DATABASE {database} OWNER {database}\b", script)
    assert {"OPCWATCH_DB_PASSWORD", "AIRFLOW_DB_PASSWORD"} <= set(env_of(services["postgres"]))


def test_secrets_are_passed_by_name_only(services: dict[str, Any]) -> None:
    secret_key = re.compile(r"PASSWORD|SECRET|FERNET|TOKEN|ALERT_URLS|_KEY$")
    for name, service in services.items():
        for key, value in env_of(service).items():
            if secret_key.search(key):
                assert VAR.fullmatch(value), f"{name}: {key} must be a ${{VAR}} reference, got {value!r}"
            # A URL may name hosts and users; its password can only be a ${VAR}.
            for password in re.findall(r"://[^:/@\s]+:(.+)@", value):
                assert VAR.fullmatch(password), f"{name}: {key} carries a literal password"
    text = COMPOSE.read_text(encoding="utf-8")
    literal_channels = re.findall(rf"\b(?:{'|'.join(CHANNEL_SCHEMES)})://\S+", text)
    assert literal_channels == []


def test_required_secrets_make_compose_refuse_to_start_when_missing(services: dict[str, Any]) -> None:
    url = env_of(services["airflow-scheduler"])["OPCWATCH_DATABASE_URL"]
    with pytest.raises(KeyError, match="OPCWATCH_DB_PASSWORD"):
        interpolate(url, {})


def test_long_running_services_have_healthchecks(services: dict[str, Any]) -> None:
    for name, service in services.items():
        if name == "airflow-init":
            continue  # a one-shot job: its exit code is its health
        check = service.get("healthcheck")
        assert check and check["test"][0] in {"CMD", "CMD-SHELL"}, name
        assert check.get("retries", 0) >= 1 and check.get("interval"), name
    scheduler = env_of(services["airflow-scheduler"])
    # The scheduler's /health endpoint (port 8974) only exists when this is on.
    assert scheduler["AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK"] == "true"
    assert "8974/health" in " ".join(services["airflow-scheduler"]["healthcheck"]["test"])
