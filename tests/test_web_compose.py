"""docker-compose's `web` service: `opcwatch serve` on the stack's own opcwatch database."""

from __future__ import annotations

from typing import Any

from test_compose import compose, env_of, services  # noqa: F401 (module fixtures)


def test_web_service_serves_on_all_interfaces_of_its_container(services: dict[str, Any]) -> None:  # noqa: F811
    web = services["web"]
    assert web["entrypoint"] == ["opcwatch"]
    assert web["command"] == ["serve", "--host", "0.0.0.0", "--port", "8000"]
    assert any(str(port).endswith(":8000") for port in web["ports"])
    assert "localhost:8000" in " ".join(web["healthcheck"]["test"])


def test_web_reads_the_same_database_and_takes_its_token_by_name(services: dict[str, Any]) -> None:  # noqa: F811
    web, scheduler = env_of(services["web"]), env_of(services["airflow-scheduler"])
    assert web["OPCWATCH_DATABASE_URL"] == scheduler["OPCWATCH_DATABASE_URL"]
    assert web["OPCWATCH_WEB_TOKEN"] == "${OPCWATCH_WEB_TOKEN:-}"  # empty: read-only by default
    assert services["web"]["depends_on"]["airflow-init"]["condition"] == "service_completed_successfully"
