"""The `opcwatch` command as a user types it: help with examples, subscriptions, the demo."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import shared_file
from typer.testing import CliRunner

from opcwatch.cli import app

SHARED_REAL_PAGE = Path(__file__).resolve().parents[2] / "shared" / "real_pages" / "jiangsu_gov_art_60085_11394426.html"

COMMANDS = [
    ["init"], ["run"], ["backfill"], ["parse"], ["demo"],
    ["subscribe", "add"], ["subscribe", "list"], ["subscribe", "remove"], ["subscribe", "test"],
    ["subscribe", "pause"], ["subscribe", "resume"], ["subscribe", "edit"],
    ["policies", "list"], ["policies", "show"], ["events", "list"], ["sources", "list"],
    ["sources", "check"], ["deliveries", "list"], ["reparse"],
]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"OPCWATCH_DATA_DIR": str(tmp_path), "OPCWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'o.db'}"}


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Example" in result.output


def test_subscriptions_add_list_remove_with_masked_secret(env: dict[str, str]) -> None:
    runner = CliRunner()
    secret = "dingtalk://averysecrettoken1234567890/"
    added = runner.invoke(app, ["subscribe", "add", "--url", secret, "--name", "ding",
                                "--region", "苏州", "--min-amount", "1000万",
                                "--event", "policy.new,amount.changed"], env=env)
    assert added.exit_code == 0, added.output
    assert "averysecrettoken1234567890" not in added.output

    listed = runner.invoke(app, ["subscribe", "list", "--json"], env=env)
    rows = json.loads(listed.output)
    assert [r["name"] for r in rows] == ["ding"]
    assert rows[0]["event_kinds"] == ["policy.new", "amount.changed"]
    assert rows[0]["min_amount_yuan"].startswith("10000000")
    assert "averysecrettoken1234567890" not in listed.output

    assert runner.invoke(app, ["subscribe", "remove", "ding"], env=env).exit_code == 0
    assert json.loads(runner.invoke(app, ["subscribe", "list", "--json"], env=env).output) == []


def test_subscribe_kinds_and_only_issued_here(env: dict[str, str]) -> None:
    runner = CliRunner()
    added = runner.invoke(app, ["subscribe", "add", "--url", "json://127.0.0.1:9/x", "--name", "reports",
                                "--region", "苏州工业园区", "--only-issued-here", "--kind", "news,event"], env=env)
    assert added.exit_code == 0, added.output
    default = runner.invoke(app, ["subscribe", "add", "--url", "json://127.0.0.1:9/y", "--name", "plain"], env=env)
    assert default.exit_code == 0, default.output
    rows = {r["name"]: r for r in json.loads(runner.invoke(app, ["subscribe", "list", "--json"], env=env).output)}
    assert (rows["reports"]["doc_kinds"], rows["reports"]["issued_here_only"]) == (["news", "event"], True)
    assert (rows["plain"]["doc_kinds"], rows["plain"]["issued_here_only"]) == (None, False)
    refused = runner.invoke(app, ["subscribe", "add", "--url", "json://127.0.0.1:9/z", "--kind", "gossip"], env=env)
    assert refused.exit_code == 2 and "gossip" in refused.output and "application" in refused.output


def test_unknown_region_is_refused_clearly(env: dict[str, str]) -> None:
    result = CliRunner().invoke(app, ["subscribe", "add", "--url", "json://127.0.0.1:9/x",
                                      "--region", "不存在的地方"], env=env)
    assert result.exit_code == 2
    assert "不存在的地方" in result.output


def test_backfill_rejects_bad_dates(env: dict[str, str]) -> None:
    result = CliRunner().invoke(app, ["backfill", "--since", "2026-13-01"], env=env)
    assert result.exit_code != 0
    assert "2026-13-01" in result.output


@pytest.mark.slow
def test_demo_shows_day_two_changes_and_leaves_an_outbox(tmp_path: Path) -> None:
    data = tmp_path / "demo"
    env = {**os.environ, "COLUMNS": "200", "OPCWATCH_DATA_DIR": str(tmp_path)}
    env.pop("OPCWATCH_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-m", "opcwatch.cli", "demo", "--data-dir", str(data)],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert len(out.splitlines()) <= 60, out  # a person reads it; --verbose has the tables
    assert "示例页面" in out  # the demo says plainly it runs on sample pages
    assert "第 1 天" in out and "第 2 天" in out
    assert "金额变化" in out and "3000万元" in out and "新政策" in out
    outbox = data / "outbox.md"
    alerts = outbox.read_text(encoding="utf-8")
    assert "3000万元" in alerts
    # One policy, one alert: the province's twelve measures (document, 一图读懂, a city's 图文解读,
    # a newspaper) arrive once; the park's equity change once, with old → new.
    headings = [line for line in alerts.splitlines() if line.startswith("## ")]
    assert sum("江苏省支持人工智能OPC（一人公司）创新创业的若干措施" in h for h in headings) == 1
    assert sum(h.startswith("## 【金额变化】苏州工业园区") for h in headings) == 1
    assert not any("开幕" in h or "推进会" in h for h in headings)  # meeting reports are not policies
    import re

    counts = re.findall(r"发出提醒 (\d+) 条，对应 (\d+) 个不同的政策级变化", out)
    assert len(counts) == 2 and all(a == b for a, b in counts), counts
    assert sum(int(a) for a, _ in counts) == len(headings)

    query_env = {**env, "OPCWATCH_DATABASE_URL": f"sqlite:///{data / 'opcwatch.db'}"}
    # Every OPC event of the two days is counted, however many events there were.
    opc_events = subprocess.run([sys.executable, "-m", "opcwatch.cli", "events", "list", "--opc", "--limit",
                                 "1000000", "--json"], capture_output=True, text=True, env=query_env)
    shown = [int(n) for n in re.findall(r"OPC 变化事件 OPC change events: (\d+)", out)]
    assert len(shown) == 2 and sum(shown) == len(json.loads(opc_events.stdout)) > 0
    events = subprocess.run([sys.executable, "-m", "opcwatch.cli", "events", "list", "--kind",
                             "amount.changed", "--json"], capture_output=True, text=True, env=query_env)
    rows = json.loads(events.stdout)
    sip = [r for r in rows if "苏州工业园区" in r["payload"]["title"]]
    # The park's page and the province portal's report of it were both edited in place: one
    # policy, so one change, judged on the park's own page.
    assert len(sip) == 1 and sip[0]["payload"]["url"].startswith("https://www.sipac.gov.cn/")
    assert (sip[0]["payload"]["old"]["value"], sip[0]["payload"]["new"]["value"]) == ("20000000", "30000000")
    assert all(r["run_id"] == rows[0]["run_id"] for r in rows)  # every amount change is a day-2 event
    policies = subprocess.run([sys.executable, "-m", "opcwatch.cli", "policies", "list", "--region",
                               "苏州", "--json"], capture_output=True, text=True, env=query_env)
    titles = [p["title"] for p in json.loads(policies.stdout)]
    assert titles and all("无锡" not in t for t in titles)


def test_parse_reads_html_text_and_gbk_text(tmp_path: Path) -> None:
    runner = CliRunner()
    page = shared_file(SHARED_REAL_PAGE).read_bytes()
    html = runner.invoke(app, ["parse", "-", "--url", "https://www.jiangsu.gov.cn/art/2024/10/14/art_60085_11394426.html"],
                         input=page)
    assert html.exit_code == 0, html.output
    record = json.loads(html.output)
    assert record["issuer"] == "省文化和旅游厅办公室" and record["relevance"]["is_opc"] is False

    text = "苏州工业园区关于支持OPC发展的若干措施\n对优质OPC项目最高给予2000万元政策性股权投资支持。"
    gbk_file = tmp_path / "policy.txt"
    gbk_file.write_bytes(text.encode("gbk"))
    parsed = runner.invoke(app, ["parse", str(gbk_file), "--url", "https://www.sipac.gov.cn/x.shtml",
                                 "--published", "2026-01-16"])
    assert parsed.exit_code == 0, parsed.output
    record = json.loads(parsed.output)
    assert record["published"] == "2026-01-16"
    assert [a["value"] for a in record["amounts"]] == ["20000000"]
    assert record["relevance"]["is_opc"] is True

    stdin_text = runner.invoke(app, ["parse", "-", "--url", "https://www.sipac.gov.cn/y.shtml"],
                               input=text.encode("utf-8"))
    assert stdin_text.exit_code == 0, stdin_text.output


def test_parse_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["parse", str(tmp_path / "nope.html")])
    assert result.exit_code == 2
    assert "nope.html" in result.output and "Traceback" not in result.output


@pytest.mark.slow
def test_run_crawls_a_source_from_the_users_own_registry_file(tmp_path: Path) -> None:
    """A site of a known family is a registry entry: the user's YAML, no code, `run --sources`."""
    from replicas import ReplicaServer

    mine = tmp_path / "my_sources.yml"
    mine.write_text(
        "sources:\n"
        "  - id: my_gxt_notices\n"
        "    name: 我的来源：工信厅通知公告\n"
        '    region_code: "320000"\n'
        "    family: hanweb\n"
        "    hosts: [gxt.jiangsu.gov.cn]\n"
        "    webid: 23\n"
        "    lists:\n"
        '      - {name: 通知公告, url: "https://gxt.jiangsu.gov.cn/col/col89736/index.html", columnid: 89736, unitid: 414261}\n',
        encoding="utf-8",
    )
    with ReplicaServer(day=1, site="gxt_jiangsu") as replica:
        env = {"OPCWATCH_DATA_DIR": str(tmp_path), "OPCWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'o.db'}",
               "OPCWATCH_DOWNLOAD_DELAY": "0",
               "OPCWATCH_HOST_MAP": ",".join(f"{h}={b}" for h, b in replica.host_map.items())}
        listed = CliRunner().invoke(app, ["sources", "list", "--sources", str(mine), "--json"], env=env)
        assert "my_gxt_notices" in {r["id"] for r in json.loads(listed.output)}
        result = CliRunner().invoke(app, ["run", "--sources", str(mine), "--source", "my_gxt_notices", "--json"],
                                    env=env)
        # Piped (cron, `> run.log`), a second run prints its summary and no spinner frames: the
        # stage spinner is drawn on stderr and only on a terminal.
        piped = subprocess.run([sys.executable, "-m", "opcwatch.cli", "run", "--sources", str(mine),
                                "--source", "my_gxt_notices"], capture_output=True, text=True,
                               env={**os.environ, **env}, timeout=300)
    assert piped.returncode == 0, piped.stderr[-3000:]
    assert "my_gxt_notices" in piped.stdout
    for frame in ("抓取 crawl ✓", "比对 diff ✓", "0:00:0"):
        assert frame not in piped.stdout and frame not in piped.stderr, frame
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    health = summary["stages"]["crawl"]["sources"]["my_gxt_notices"]
    assert health["state"] == "ok" and health["items"] > 0
    assert summary["stages"]["parse"]["new_versions"] == health["items"]
    assert summary["stages"]["diff"]["by_kind"].get("policy.new", 0) >= 1
