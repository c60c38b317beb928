"""Alert delivery through real local endpoints: filters, the at-most-once ledger, retries, digests."""

from __future__ import annotations

import json
import logging
import threading
import time
from datetime import UTC, timedelta
from typing import Any

import pytest
from alerts_support import T0, Hook, add_event, free_port, statuses, subscribe
from sqlalchemy import select

from alerts.deliver import MAX_ATTEMPTS, deliver
from alerts.subscriptions import (
    mask_url,
)
from models.db import session_scope
from models.tables import Delivery
from opcwatch.settings import Settings


def test_json_webhook_gets_chinese_alert_once(settings: Settings, hook: Hook) -> None:
    subscribe(settings, url=hook.url(), regions=["苏州"])
    add_event(settings)
    summary = deliver(settings, run_id="run-1", now=T0)
    assert (summary["planned"], summary["sent"], summary["failed"]) == (1, 1, 0)
    [message] = hook.on("hook")
    assert message["title"] == "【金额变化】苏州工业园区：苏州工业园区关于支持OPC一人公司发展的若干措施"
    assert "苏州工业园区" in message["message"] and "2000万元 → 3000万元" in message["message"]
    assert "https://www.example.gov.cn/" in message["message"]
    again = deliver(settings, run_id="run-1", now=T0 + timedelta(hours=1))
    assert (again["planned"], again["sent"]) == (0, 0)
    assert len(hook.requests) == 1
    assert statuses(settings) == [("sent", 1)]


def test_filters_region_amount_kind_and_opc(settings: Settings, hook: Hook) -> None:
    subscribe(settings, url=hook.url("suzhou"), regions=["苏州"])
    subscribe(settings, url=hook.url("wuxi"), regions=["320200"])
    subscribe(settings, url=hook.url("big"), min_amount="25000000")
    subscribe(settings, url=hook.url("new"), event_kinds=["policy.new"])
    subscribe(settings, url=hook.url("all"), opc_only=False)
    add_event(settings, title="园区金额变化")  # 320571, OPC, 3000万
    add_event(settings, kind="policy.new", region="320205", region_name="锡山区", amount="5000000",
              title="锡山区新政策")
    add_event(settings, kind="policy.new", region="320500", region_name="苏州市", is_opc=False,
              amount=None, title="苏州非OPC")
    deliver(settings, now=T0)

    def titles(path: str) -> list[str]:
        return sorted(body["title"].split("：", 1)[1] for body in hook.on(path))

    assert titles("suzhou") == ["园区金额变化"]
    assert titles("wuxi") == ["锡山区新政策"]
    assert titles("big") == ["园区金额变化"]
    assert titles("new") == ["锡山区新政策"]
    assert titles("all") == sorted(["园区金额变化", "锡山区新政策", "苏州非OPC"])


def test_new_subscriber_gets_no_backlog_from_the_sweep_but_gets_its_run(settings: Settings, hook: Hook) -> None:
    add_event(settings, title="旧政策", run_id="run-old")
    time.sleep(0.01)
    subscribe(settings, url=hook.url())
    assert deliver(settings, now=T0)["sent"] == 0  # the sweep: nothing older than the subscription
    assert deliver(settings, run_id="run-old", now=T0)["sent"] == 1  # that run's alerts: yes
    add_event(settings, title="新政策", run_id="run-new")
    assert deliver(settings, now=T0)["sent"] == 1
    assert sorted(m["title"].split("：", 1)[1] for m in hook.on("hook")) == ["新政策", "旧政策"]


def test_concurrent_runs_send_each_alert_once(settings: Settings, hook: Hook) -> None:
    subscribe(settings, url=hook.url())
    for number in range(4):
        add_event(settings, title=f"政策{number}")
    results: list[dict[str, Any]] = []
    threads = [threading.Thread(target=lambda: results.append(deliver(settings, now=T0))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(hook.requests) == 4
    assert sum(r["sent"] for r in results) == 4
    assert sorted(body["title"][-3:] for body in hook.on("hook")) == ["政策0", "政策1", "政策2", "政策3"]


def test_dead_channel_backs_off_then_dies_while_healthy_one_gets_through(
    settings: Settings, hook: Hook
) -> None:
    dead_url = f"json://opc:deadsecret42@127.0.0.1:{free_port()}/gone"
    subscribe(settings, url=dead_url, name="dead")
    subscribe(settings, url=hook.url(), name="healthy")
    add_event(settings)
    first = deliver(settings, now=T0)
    assert (first["sent"], first["failed"], first["dead"]) == (1, 1, 0)
    assert first["channels"][f"dead: {mask_url(dead_url)}"]["failed"] == 1
    assert first["channels"][f"dead: {mask_url(dead_url)}"]["error"]
    with session_scope(settings.database_url) as session:
        row = session.scalar(select(Delivery).where(Delivery.status == "failed"))
        assert row is not None and row.attempts == 1 and row.last_error
        assert row.next_attempt_at is not None
        retry_at = row.next_attempt_at.replace(tzinfo=UTC)
        assert retry_at == T0 + timedelta(minutes=1)
    assert deliver(settings, now=T0 + timedelta(seconds=30))["failed"] == 0  # not due yet
    now = T0
    for _ in range(MAX_ATTEMPTS - 1):
        now += timedelta(days=1)
        last = deliver(settings, now=now)
    assert (last["dead"], last["failed"]) == (1, 0)
    assert sorted(statuses(settings)) == [("dead", MAX_ATTEMPTS), ("sent", 1)]
    assert deliver(settings, now=now + timedelta(days=30))["failed"] == 0  # dead stays dead
    assert len(hook.requests) == 1

    # The user sees the dead channel in the ledger, its secret still masked.
    from typer.testing import CliRunner

    from opcwatch.cli import app

    env = {"OPCWATCH_DATABASE_URL": settings.database_url, "OPCWATCH_DATA_DIR": str(settings.data_dir)}
    shown = CliRunner().invoke(app, ["deliveries", "list", "--status", "dead", "--json"], env=env)
    assert shown.exit_code == 0, shown.output
    [row] = json.loads(shown.output)
    assert (row["subscription"], row["attempts"], row["status"]) == ("dead", MAX_ATTEMPTS, "dead")
    assert row["last_error"] and "deadsecret42" not in shown.output


def test_digest_run_sends_one_message_per_subscription(sqlite_settings: Settings, hook: Hook) -> None:
    name = subscribe(sqlite_settings, url=hook.url())
    for number in range(3):
        add_event(sqlite_settings, title=f"摘要政策{number}")
    summary = deliver(sqlite_settings, mode="digest", now=T0)
    assert summary["sent"] == 3 and summary["channels"][f"{name}: {mask_url(hook.url())}"]["sent"] == 1
    [message] = hook.on("hook")
    assert message["title"].startswith("【OPC政策动态】共3条更新")
    assert all(f"摘要政策{n}" in message["message"] for n in range(3))


def test_digest_mode_subscription_gets_one_message_in_instant_run(sqlite_settings: Settings, hook: Hook) -> None:
    subscribe(sqlite_settings, url=hook.url("d"), mode="digest")
    subscribe(sqlite_settings, url=hook.url("i"))
    for number in range(2):
        add_event(sqlite_settings, title=f"政策{number}")
    deliver(sqlite_settings, now=T0)
    assert len(hook.on("d")) == 1 and len(hook.on("i")) == 2


def test_silent_backfill_is_suppressed_and_never_sent(sqlite_settings: Settings, hook: Hook) -> None:
    subscribe(sqlite_settings, url=hook.url())
    add_event(sqlite_settings, run_id="backfill-1")
    summary = deliver(sqlite_settings, run_id="backfill-1", mode="silent", now=T0)
    assert (summary["suppressed"], summary["sent"]) == (1, 0)
    deliver(sqlite_settings, now=T0 + timedelta(days=1))
    deliver(sqlite_settings, run_id="backfill-1", now=T0 + timedelta(days=1))
    assert hook.requests == []
    assert statuses(sqlite_settings) == [("suppressed", 0)]


def test_channel_secrets_never_reach_logs_summary_or_ledger(
    sqlite_settings: Settings, hook: Hook, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    good, bad = hook.url(secret="goodsecret77"), f"json://opc:badsecret88@127.0.0.1:{free_port()}/x"
    subscribe(sqlite_settings, url=good)
    subscribe(sqlite_settings, url=bad)
    add_event(sqlite_settings)
    summary = deliver(sqlite_settings, now=T0)
    assert summary["sent"] == 1 and summary["failed"] == 1
    with session_scope(sqlite_settings.database_url) as session:
        errors = " ".join(d.last_error or "" for d in session.scalars(select(Delivery)))
    for secret in ("goodsecret77", "badsecret88"):
        assert secret not in caplog.text
        assert secret not in json.dumps(summary, ensure_ascii=False)
        assert secret not in errors
    assert "127.0.0.1" in caplog.text  # the masked form is logged
