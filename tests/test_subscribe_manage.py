"""`opcwatch subscribe pause | resume | edit | list` and the schedule options, as a user runs them.

Deliveries go through Apprise to a JSON webhook on 127.0.0.1; what it received, what the ledger
holds and what the CLI printed are what the tests check.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from alerts_support import Hook, add_event, free_port
from sqlalchemy import select
from typer.testing import CliRunner

from alerts.deliver import deliver
from models.db import session_scope
from models.tables import Delivery, Subscription
from opcwatch.cli import app
from opcwatch.settings import Settings

runner = CliRunner()


def _env(settings: Settings) -> dict[str, str]:
    return {"OPCWATCH_DATA_DIR": str(settings.data_dir), "OPCWATCH_DATABASE_URL": settings.database_url,
            "OPCWATCH_ALERT_URLS": ""}


def _cli(settings: Settings, *args: str) -> Any:
    return runner.invoke(app, ["subscribe", *args], env=_env(settings), terminal_width=200)


def _listed(settings: Settings) -> dict[str, dict[str, Any]]:
    result = _cli(settings, "list", "--json")
    assert result.exit_code == 0, result.output
    return {row["name"]: row for row in json.loads(result.output)}


def _ledger(settings: Settings, name: str) -> list[str]:
    with session_scope(settings.database_url) as session:
        return list(session.scalars(
            select(Delivery.status).join(Subscription, Subscription.id == Delivery.subscription_id)
            .where(Subscription.name == name).order_by(Delivery.id)))


def test_pause_holds_alerts_and_resume_sends_them(settings: Settings, hook: Hook) -> None:
    assert _cli(settings, "add", "--url", hook.url("paused"), "--name", "paused").exit_code == 0
    assert _cli(settings, "add", "--url", hook.url("live"), "--name", "live").exit_code == 0
    paused = _cli(settings, "pause", "paused")
    assert paused.exit_code == 0 and "已暂停 paused: paused" in paused.output
    assert _listed(settings)["paused"]["paused"] is True

    add_event(settings, run_id="run-1")
    deliver(settings, run_id="run-1")
    deliver(settings)  # the sweep (opcwatch deliver) does not reach it either
    assert len(hook.on("live")) == 1
    assert hook.on("paused") == [] and _ledger(settings, "paused") == []

    resumed = _cli(settings, "resume", "paused")
    assert resumed.exit_code == 0 and "已恢复 resumed: paused" in resumed.output
    deliver(settings)
    assert len(hook.on("paused")) == 1  # held while paused, sent once after
    assert len(hook.on("live")) == 1  # nobody else hears it twice
    assert _ledger(settings, "paused") == ["sent"]

    add_event(settings, run_id="run-2")
    deliver(settings, run_id="run-2")
    assert (len(hook.on("paused")), len(hook.on("live"))) == (2, 2)
    assert _cli(settings, "pause", "nobody").exit_code == 2


def test_a_paused_configured_channel_stays_paused_across_runs(sqlite_settings: Settings, hook: Hook) -> None:
    from opcwatch.stages.runs import start_run

    settings = sqlite_settings.with_(alert_urls=(hook.url("cfg"),))
    start_run(settings, "manual")
    assert _cli(settings, "pause", "outbox").exit_code == 0
    assert _cli(settings, "pause", "config-json-1").exit_code == 0
    start_run(settings, "manual")  # registers the configured channels again: must not resume them
    rows = _listed(settings)
    assert (rows["outbox"]["paused"], rows["config-json-1"]["paused"]) == (True, True)


def test_edit_changes_only_what_was_given(sqlite_settings: Settings, hook: Hook) -> None:
    settings = sqlite_settings
    added = _cli(settings, "add", "--url", hook.url("a"), "--name", "a", "--region", "苏州",
                 "--min-amount", "1000万", "--event", "policy.new,amount.changed", "--format", "text",
                 "--quiet", "22:00-08:00")
    assert added.exit_code == 0, added.output
    before = _listed(settings)["a"]

    edited = _cli(settings, "edit", "a", "--min-amount", "500万")
    assert edited.exit_code == 0 and "min_amount_yuan" in edited.output, edited.output
    after = _listed(settings)["a"]
    assert after["min_amount_yuan"] == "5000000.00"
    for key in ("regions", "event_kinds", "format", "mode", "quiet_hours", "timezone", "doc_kinds",
                "issued_here_only", "opc_only", "url", "active"):
        assert after[key] == before[key], key

    assert _cli(settings, "edit", "a", "--digest-at", "9:00").exit_code == 0
    assert (_listed(settings)["a"]["mode"], _listed(settings)["a"]["digest_at"]) == ("digest", "09:00")
    assert _cli(settings, "edit", "a", "--mode", "instant").exit_code == 0  # instant drops the hour
    assert (_listed(settings)["a"]["mode"], _listed(settings)["a"]["digest_at"]) == ("instant", None)
    assert _cli(settings, "edit", "a", "--region", "无锡", "--only-issued-here", "--kind", "all",
                "--quiet", "off", "--name", "wuxi").exit_code == 0
    row = _listed(settings)["wuxi"]
    assert (row["regions"], row["issued_here_only"], row["quiet_hours"]) == (["320200"], True, None)
    assert len(row["doc_kinds"]) == 7 and row["min_amount_yuan"] == "5000000.00"
    unchanged = _cli(settings, "edit", "wuxi", "--format", "text")
    assert unchanged.exit_code == 0 and "nothing changed" in unchanged.output

    # One bad value refuses the whole edit: the good options given with it are not stored either.
    refused = _cli(settings, "edit", "wuxi", "--min-amount", "1亿", "--quiet", "22:00")
    assert refused.exit_code == 2 and "HH:MM-HH:MM" in refused.output
    assert _listed(settings)["wuxi"]["min_amount_yuan"] == "5000000.00"
    assert _cli(settings, "add", "--url", hook.url("b"), "--name", "b").exit_code == 0
    taken = _cli(settings, "edit", "b", "--name", "wuxi")
    assert taken.exit_code == 2 and "already exists" in taken.output
    assert _cli(settings, "edit", "nobody", "--format", "text").exit_code == 2

    # What the channel observes: the 苏州 event no longer reaches the edited (无锡) subscription.
    add_event(settings, run_id="run-1")
    deliver(settings, run_id="run-1")
    assert hook.on("a") == [] and len(hook.on("b")) == 1


@pytest.mark.parametrize(("option", "value", "accepted"), [
    ("--digest-at", "25:00", "HH:MM"),
    ("--digest-at", "9am", "HH:MM"),
    ("--quiet", "22:00", "HH:MM-HH:MM"),
    ("--quiet", "08:00-08:00", "HH:MM-HH:MM"),
    ("--quiet", "22:00-26:00", "HH:MM-HH:MM"),
    ("--timezone", "Mars/Olympus", "Asia/Shanghai"),
])
def test_a_bad_schedule_is_one_line_exit_2_and_nothing_stored(sqlite_settings: Settings, option: str,
                                                               value: str, accepted: str) -> None:
    result = _cli(sqlite_settings, "add", "--url", "json://127.0.0.1:9/x", option, value)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and value in lines[0] and accepted in lines[0] and option in lines[0]
    assert _listed(sqlite_settings) == {}


def test_schedule_options_are_stored_and_shown(sqlite_settings: Settings) -> None:
    added = _cli(sqlite_settings, "add", "--url", "json://127.0.0.1:9/x", "--name", "daily",
                 "--digest-at", "09:00", "--quiet", "22:00-08:00", "--timezone", "Europe/Berlin")
    assert added.exit_code == 0 and "每日 09:00 汇总" in added.output, added.output
    row = _listed(sqlite_settings)["daily"]
    assert (row["mode"], row["digest_at"], row["quiet_hours"], row["timezone"]) == (
        "digest", "09:00", "22:00-08:00", "Europe/Berlin")
    both = _cli(sqlite_settings, "add", "--url", "json://127.0.0.1:9/y", "--mode", "instant", "--digest-at", "09:00")
    assert both.exit_code == 2 and "--mode digest" in both.output
    assert _cli(sqlite_settings, "add", "--url", "json://127.0.0.1:9/z", "--quiet", "22:00-08:00").exit_code == 0
    plain = [r for r in _listed(sqlite_settings).values() if r["name"] != "daily"][0]
    assert (plain["mode"], plain["timezone"]) == ("instant", "Asia/Shanghai")


def test_list_reads_as_a_user_would_say_it(sqlite_settings: Settings, hook: Hook, tmp_path: Path) -> None:
    settings = sqlite_settings
    dead_port = free_port()  # nothing listens there: every send fails at once
    assert _cli(settings, "add", "--url", hook.url("works-secret-path"), "--name", "works", "--region", "苏州",
                "--min-amount", "1000万", "--event", "policy.new,amount.changed").exit_code == 0
    assert _cli(settings, "add", "--url", f"json://127.0.0.1:{dead_port}/broken-secret-path", "--name", "broken",
                "--kind", "policy,news").exit_code == 0
    assert _cli(settings, "add", "--url", hook.url("quiet"), "--name", "resting").exit_code == 0
    assert _cli(settings, "pause", "resting").exit_code == 0
    add_event(settings, run_id="run-1")
    deliver(settings, run_id="run-1")

    result = _cli(settings, "list")
    assert result.exit_code == 0, result.output
    blocks = {block.split()[1]: block for block in result.output.split("#")[1:]}
    works, broken, resting = blocks["works"], blocks["broken"], blocks["resting"]
    assert "苏州市" in works and "≥ 1000万元" in works and "新政策、金额变化" in works
    assert "320500" not in result.output and "10000000" not in result.output
    assert "policy.new" not in result.output
    assert "即时 instant" in works and "启用 active" in works and "最近送达 last sent 20" in works
    assert "政策文件、新闻报道" in broken and "全国 all regions" in broken
    assert "从未送达 never delivered" in broken and "1 条失败 failing" in broken
    assert "已暂停 paused" in resting and "尚无投递" in resting
    assert "secret-path" not in result.output
    health = _listed(settings)["broken"]["health"]
    assert (health["failing"], health["last_sent_at"]) == (1, None) and health["last_error"]
