"""`policies list` with every filter, `policies show` as a person reads it, `events list` with OPC."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from typer.testing import CliRunner

from models.db import session_scope
from models.store import store_policy
from opcwatch.cli import app
from opcwatch.settings import Settings
from opcwatch.stages.diff import diff
from opcwatch.stages.runs import start_run
from parsers import parse_text

T0 = datetime(2026, 1, 20, 8, tzinfo=UTC)
SIP = "https://www.sipac.gov.cn/opc/a.shtml"
PAGES = {
    SIP: ("苏州工业园区关于支持OPC发展的若干措施\n苏州工业园区管理委员会\n"
          "对优质OPC项目最高给予2000万元政策性股权投资支持，算力费用按实际费用的30%给予补贴。", date(2026, 1, 16)),
    "https://www.wuxi.gov.cn/opc/b.shtml": ("无锡市支持一人公司OPC创新创业的实施意见\n对OPC社区给予最高100万元奖励。",
                                            date(2026, 1, 10)),
    "https://www.jiangsu.gov.cn/opc/c.html": ("江苏省支持人工智能OPC（一人公司）创新创业的若干措施\n"
                                              "设立总规模50亿元的基金，对OPC最高200万元支持。", date(2025, 12, 30)),
}


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def env(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Three policies on day 1; on day 2 the park raises its equity support 2000万 → 3000万.
    Stored once per database kind: the tests only read."""
    from conftest import PG_ADMIN_URL, _create_pg_database, _drop_pg_database

    from models.db import dispose_all

    data = tmp_path_factory.mktemp("views")
    name = _create_pg_database() if request.param == "postgresql" else None
    url = f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}" if name else f"sqlite:///{data / 'opcwatch.db'}"
    settings = Settings(data_dir=data, database_url=url)
    for run, now, raised in (("r1", T0, False), ("r2", T0 + timedelta(days=1), True)):
        start_run(settings, "manual", params={}, run_id=run, now=now, pid=1)
        with session_scope(settings.database_url) as session:
            for url, (text, day) in PAGES.items():
                if raised and url == SIP:
                    text = text.replace("2000万元", "3000万元")
                store_policy(session, parse_text(text, url=url, source_id="manual", published=day),
                             run_id=run, parser_version="t", now=now)
        diff(settings, run)
    yield {"OPCWATCH_DATABASE_URL": settings.database_url, "OPCWATCH_DATA_DIR": str(settings.data_dir),
           "COLUMNS": "200"}
    if name:
        _drop_pg_database(name)
    dispose_all()


def titles(env: dict[str, str], *args: str) -> list[str]:
    result = CliRunner().invoke(app, ["policies", "list", *args, "--json"], env=env)
    assert result.exit_code == 0, result.output
    return [row["title"][:4] for row in json.loads(result.stdout)]


def test_policies_list_filters_and_pages(env: dict[str, str]) -> None:
    assert titles(env) == ["苏州工业", "无锡市支", "江苏省支"]  # newest publication first
    assert titles(env, "--region", "苏州") == ["苏州工业", "江苏省支"]  # the province's applies in 苏州
    assert titles(env, "--region", "320500", "--only-issued-here") == ["苏州工业"]
    assert titles(env, "--since", "2026-01-01", "--until", "2026-01-12") == ["无锡市支"]
    assert titles(env, "--q", "基金") == ["江苏省支"]  # the keyword is found in the text, not only titles
    assert titles(env, "--q", "无锡") == ["无锡市支"]
    assert titles(env, "--kind", "news") == [] and titles(env, "--kind", "policy,news") != []
    assert titles(env, "--limit", "1", "--offset", "1") == ["无锡市支"]
    assert titles(env, "--region", "苏州", "--limit", "1", "--offset", "1") == ["江苏省支"]


def test_policies_list_csv_is_a_spreadsheet(env: dict[str, str]) -> None:
    result = CliRunner().invoke(app, ["policies", "list", "--csv"], env=env)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["region_name"] for r in rows] == ["苏州工业园区", "无锡市", "江苏省"]
    assert rows[0]["key_amounts"] == "最高3000万元、30%" and rows[0]["url"] == SIP


def test_policies_show_reads_like_a_page(env: dict[str, str]) -> None:
    result = CliRunner().invoke(app, ["policies", "show", SIP], env=env, terminal_width=200)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "30%" in out and "最高3000万元" in out  # a percentage is shown as one, not as a blank label
    assert "依据 evidence: 「" in out and "['" not in out  # evidence in words, not a Python list
    assert "版本 versions (2)" in out and "v1" in out and "v2" in out
    assert "最高2000万元 → 3000万元" in out.split("v2", 1)[1]  # what changed, under the version that changed it


def test_events_list_has_an_opc_column_and_validates(env: dict[str, str]) -> None:
    runner = CliRunner()
    table = runner.invoke(app, ["events", "list", "--kind", "amount"], env=env, terminal_width=200)
    assert table.exit_code == 0 and "OPC" in table.stdout and "✓" in table.stdout
    rows = json.loads(runner.invoke(app, ["events", "list", "--opc", "--since", "2026-01-21", "--json"],
                                    env=env).stdout)
    assert [r["kind"] for r in rows] == ["amount.changed"]
    assert json.loads(runner.invoke(app, ["events", "list", "--until", "2026-01-20", "--kind", "amount",
                                          "--json"], env=env).stdout) == []
