"""`opcwatch subscribe edit NAME --url NEW`: a robot's token was reset, the subscription moves to the new URL.

What the user observes: the CLI's answer (masked URL, how many alerts will follow), the alerts
the new channel receives (a JSON webhook on 127.0.0.1), the ledger, and a refused URL leaving
everything as it was.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from alerts_support import Hook, add_event, free_port
from sqlalchemy import select, update
from typer.testing import CliRunner

from alerts.deliver import deliver
from models.db import session_scope
from models.tables import Delivery
from opcwatch.cli import app
from opcwatch.settings import Settings

runner = CliRunner()
DING_TOKEN = "f00dfeed0123456789abcdef0123456789abcdef0123456789abcdef01234567"
DING_SECRET = "SECfedcba9876543210fedcba9876543210fedcba9876543210fedcba98765432"


def _cli(settings: Settings, *args: str) -> Any:
    env = {"OPCWATCH_DATA_DIR": str(settings.data_dir), "OPCWATCH_DATABASE_URL": settings.database_url,
           "OPCWATCH_ALERT_URLS": ""}
    return runner.invoke(app, ["subscribe", *args], env=env, terminal_width=200)


def _listed(settings: Settings) -> dict[str, dict[str, Any]]:
    return {row["name"]: row for row in json.loads(_cli(settings, "list", "--json").output)}


def _ledger(settings: Settings) -> list[tuple[str, int]]:
    with session_scope(settings.database_url) as session:
        return [(d.status, d.attempts) for d in session.scalars(select(Delivery).order_by(Delivery.event_id))]


def test_alerts_that_failed_on_the_old_url_go_to_the_new_one(settings: Settings, hook: Hook) -> None:
    settings = settings.with_(delivery_backoff_seconds=0.0)  # retries due at once: five sweeps kill a row
    dead_url = f"json://127.0.0.1:{free_port()}/old"  # the reset token: nothing listens there any more
    assert _cli(settings, "add", "--url", dead_url, "--name", "bot").exit_code == 0
    for run in ("run-1", "run-2"):
        add_event(settings, run_id=run)
    for _ in range(5):
        deliver(settings)
    add_event(settings, run_id="run-3", title="无锡市OPC社区建设方案")
    deliver(settings, run_id="run-3")
    assert _ledger(settings) == [("dead", 5), ("dead", 5), ("failed", 1)]
    with session_scope(settings.database_url) as session:  # the first alert was given up on long ago
        first = session.scalar(select(Delivery.id).order_by(Delivery.event_id).limit(1))
        session.execute(update(Delivery).where(Delivery.id == first)
                        .values(created_at=datetime.now(UTC) - timedelta(days=20)))

    edited = _cli(settings, "edit", "bot", "--url", hook.url("new"))
    assert edited.exit_code == 0, edited.output
    assert "已修改 edited bot: url" in edited.output
    assert f"json://127.0.0.1:{hook.port}/****" in edited.output and "/new" not in edited.output
    assert "2 条未送达的提醒将发往新地址" in edited.output
    assert _listed(settings)["bot"]["url"] == f"json://127.0.0.1:{hook.port}/****"

    summary = deliver(settings)
    received = hook.on("new")
    assert summary["sent"] == 2 and len(received) == 2
    assert any("无锡市OPC社区建设方案" in alert["title"] for alert in received)
    assert _ledger(settings) == [("dead", 5), ("sent", 1), ("sent", 1)]  # older than 14 days: left dead
    again = _cli(settings, "edit", "bot", "--url", hook.url("new"))
    assert again.exit_code == 0 and "nothing changed" in again.output


def test_a_refused_url_is_one_line_and_changes_nothing(sqlite_settings: Settings, hook: Hook) -> None:
    assert _cli(sqlite_settings, "add", "--url", hook.url("a"), "--name", "a", "--region", "苏州").exit_code == 0
    before = _listed(sqlite_settings)["a"]
    for args, problem in (
        (["--url", "https://example.com/webhook?key=1"], "unsupported platform"),
        (["--url", "https://oapi.dingtalk.com/robot/send"], "access_token"),
        (["--url", "nosuchscheme://abc"], "Apprise cannot parse"),
        (["--url", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", "--secret", "SEC1"], "WeCom"),
    ):
        result = _cli(sqlite_settings, "edit", "a", *args, "--region", "无锡")
        assert result.exit_code == 2, result.output
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and problem in lines[0] and "accepted forms" in lines[0], result.output
        assert "oapi.dingtalk.com/robot/send?access_token=" in lines[0] and "open.larksuite.com" in lines[0]
    alone = _cli(sqlite_settings, "edit", "a", "--secret", "SEC1")
    assert alone.exit_code == 2 and "--secret needs --url" in alone.output
    outbox = _cli(sqlite_settings, "add", "--url", "json://127.0.0.1:9/x", "--name", "outbox")
    assert outbox.exit_code == 0
    moved = _cli(sqlite_settings, "edit", "outbox", "--url", hook.url("b"))
    assert moved.exit_code == 2 and "OPCWATCH_OUTBOX" in moved.output
    assert _listed(sqlite_settings)["a"] == before  # not even the --region given alongside
    # A channel from OPCWATCH_ALERT_URLS: each run adds the configured URL again, so it changes there.
    configured = sqlite_settings.with_(alert_urls=(hook.url("cfg"),))
    with session_scope(configured.database_url) as session:
        from alerts.subscriptions import ensure_configured_channels

        ensure_configured_channels(session, configured)
    env = {"OPCWATCH_DATA_DIR": str(configured.data_dir), "OPCWATCH_DATABASE_URL": configured.database_url,
           "OPCWATCH_ALERT_URLS": hook.url("cfg")}
    kept = runner.invoke(app, ["subscribe", "edit", "config-json-1", "--url", hook.url("c")], env=env)
    assert kept.exit_code == 2 and "OPCWATCH_ALERT_URLS" in kept.output


def test_a_new_robot_url_and_secret_are_converted_masked_and_checked_for_twins(sqlite_settings: Settings,
                                                                              hook: Hook) -> None:
    settings = sqlite_settings
    robot = f"https://oapi.dingtalk.com/robot/send?access_token={DING_TOKEN}"
    assert _cli(settings, "add", "--url", robot, "--secret", DING_SECRET, "--name", "team").exit_code == 0
    assert _cli(settings, "add", "--url", hook.url("x"), "--name", "moving").exit_code == 0
    edited = _cli(settings, "edit", "moving", "--url", robot, "--secret", DING_SECRET)
    assert edited.exit_code == 0, edited.output
    assert "dingtalk://****" in edited.output and "already subscribed as team" in edited.output
    assert DING_TOKEN not in edited.output and DING_SECRET not in edited.output
    with session_scope(settings.database_url) as session:
        from alerts.subscriptions import find_subscription

        moved = find_subscription(session, "moving")
        assert moved is not None and moved.url == f"dingtalk://{DING_SECRET}@{DING_TOKEN}/"
    listed = _cli(settings, "list")
    assert DING_TOKEN not in listed.output and DING_SECRET not in listed.output
