"""Alert delivery through real local endpoints (HTTP, SMTP, MQTT, the outbox file) and the ledger."""

from __future__ import annotations

import email
import json
import logging
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from email import policy as email_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from alerts.deliver import MAX_ATTEMPTS, deliver, send_test
from alerts.subscriptions import (
    add_subscription,
    ensure_configured_channels,
    list_subscriptions,
    mask_url,
    remove_subscription,
)
from models.db import session_scope
from models.tables import ChangeEvent, Delivery, Document, DocumentVersion
from opcwatch.settings import Settings

T0 = datetime(2025, 3, 2, 8, 0, tzinfo=UTC)


def add_event(settings: Settings, *, kind: str = "amount.changed", region: str | None = "320571",
              region_name: str | None = "苏州工业园区", is_opc: bool = True, amount: str | None = "30000000",
              title: str = "苏州工业园区关于支持OPC一人公司发展的若干措施", run_id: str = "run-1") -> int:
    """Insert a Document, a DocumentVersion and one ChangeEvent as the diff stage would; the event id."""
    url = f"https://www.example.gov.cn/{uuid.uuid4().hex[:8]}.html"
    payload: dict[str, Any] = {"title": title, "url": url, "region_code": region, "region_name": region_name,
                               "published": "2025-03-01", "issuer": "管委会", "doc_number": "园管〔2025〕3号"}
    if kind.startswith("amount."):
        payload["old"] = {"value": "20000000", "qualifier": "up_to", "phrase": "最高给予2000万元股权投资"}
        payload["new"] = {"value": amount, "qualifier": "up_to", "phrase": "最高给予3000万元股权投资"}
    with session_scope(settings.database_url) as session:
        doc = Document(canonical_url=url, source_id="test", first_seen_at=T0)
        session.add(doc)
        session.flush()
        version = DocumentVersion(document_id=doc.id, version_no=1, run_id=run_id, parser_version="t",
                                  content_hash=uuid.uuid4().hex, created_at=T0, title=title,
                                  region_code=region, is_opc=is_opc, record={})
        session.add(version)
        session.flush()
        # Events are stamped with the real clock, as the diff stage does: the catch-up sweep
        # compares them with the subscription's creation time.
        event = ChangeEvent(kind=kind, key="", run_id=run_id, document_id=doc.id, version_id=version.id,
                            created_at=datetime.now(UTC), region_code=region, is_opc=is_opc,
                            amount_yuan=Decimal(amount) if amount else None, payload=payload)
        session.add(event)
        session.flush()
        return event.id


class Hook:
    """A JSON webhook on 127.0.0.1 that records every request it receives."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, Any]]] = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                hook.requests.append((self.path, json.loads(self.rfile.read(length) or b"{}")))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str = "hook", secret: str = "") -> str:
        auth = f"opc:{secret}@" if secret else ""
        return f"json://{auth}127.0.0.1:{self.port}/{path}"

    def on(self, path: str) -> list[dict[str, Any]]:
        return [body for p, body in self.requests if p == f"/{path}"]


@pytest.fixture
def hook() -> Iterator[Hook]:
    server = Hook()
    yield server
    server.server.shutdown()
    server.server.server_close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def subscribe(settings: Settings, **kwargs: Any) -> str:
    with session_scope(settings.database_url) as session:
        return add_subscription(session, **kwargs).name


def statuses(settings: Settings) -> list[tuple[str, int]]:
    with session_scope(settings.database_url) as session:
        return [(d.status, d.attempts) for d in session.scalars(select(Delivery).order_by(Delivery.id))]


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


def test_email_via_local_smtp_server(sqlite_settings: Settings) -> None:
    from aiosmtpd.controller import Controller

    received: list[Any] = []

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
            received.append(envelope)
            return "250 OK"

    port = free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        # mailto:// (not mailtos://) is plain SMTP without TLS; no user, so no AUTH either.
        subscribe(sqlite_settings, url=f"mailto://127.0.0.1:{port}?from=opcwatch@example.com&to=sub@example.com",
                  fmt="html")
        add_event(sqlite_settings)
        assert deliver(sqlite_settings, now=T0)["sent"] == 1
    finally:
        controller.stop()
    [envelope] = received
    message = email.message_from_bytes(envelope.content, policy=email_policy.default)
    assert message["subject"] == "【金额变化】苏州工业园区：苏州工业园区关于支持OPC一人公司发展的若干措施"
    assert envelope.rcpt_tos == ["sub@example.com"]
    html_part = message.get_body(preferencelist=("html",))
    assert html_part is not None and "2000万元 → 3000万元" in html_part.get_content()


def test_mqtt_via_local_mosquitto(sqlite_settings: Settings) -> None:
    import paho.mqtt.client as mqtt

    topic = f"opcwatch/test/{uuid.uuid4().hex[:8]}"
    payloads: list[bytes] = []
    subscribed = threading.Event()
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2)
    client.on_message = lambda _c, _u, msg: payloads.append(msg.payload)
    client.on_subscribe = lambda *_args: subscribed.set()
    client.connect("127.0.0.1", 1883)
    client.loop_start()
    try:
        client.subscribe(topic, qos=1)
        assert subscribed.wait(5)
        subscribe(sqlite_settings, url=f"mqtt://127.0.0.1:1883/{topic}", fmt="text")
        add_event(sqlite_settings)
        assert deliver(sqlite_settings, now=T0)["sent"] == 1
        deadline = time.monotonic() + 5
        while not payloads and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        client.loop_stop()
        client.disconnect()
    [payload] = payloads
    text = payload.decode("utf-8")
    assert "【金额变化】苏州工业园区" in text and "最高2000万元 → 3000万元" in text


def test_configured_channels_and_outbox_file(sqlite_settings: Settings, hook: Hook) -> None:
    settings = sqlite_settings.with_(alert_urls=(hook.url("cfg"), "nonsense-url"))
    with session_scope(settings.database_url) as session:
        first = [s.name for s in ensure_configured_channels(session, settings)]
    with session_scope(settings.database_url) as session:
        again = [s.name for s in ensure_configured_channels(session, settings)]
        assert [s.name for s in list_subscriptions(session)] == first
    assert first == again == ["config-json-1", "outbox"]
    add_event(settings)
    summary = deliver(settings, now=T0)
    assert summary["sent"] == 2 and len(hook.on("cfg")) == 1
    outbox = Path(settings.default_outbox)
    text = outbox.read_text(encoding="utf-8")
    assert "## 【金额变化】苏州工业园区：" in text and "2000万元 → 3000万元" in text
    assert str(outbox) in mask_url(f"outbox://{outbox}")


def test_add_subscription_validates_and_names(sqlite_settings: Settings, hook: Hook) -> None:
    with session_scope(sqlite_settings.database_url) as session:
        first = add_subscription(session, url=hook.url(), regions=["苏州", "320571"], min_amount="1000万")
        second = add_subscription(session, url=hook.url("b"))
        assert (first.name, second.name) == ("json-1", "json-2")
        assert first.regions == ["320500", "320571"] and first.min_amount_yuan == Decimal("10000000")
        with pytest.raises(ValueError, match="unknown region"):
            add_subscription(session, url=hook.url(), regions=["火星"])
        with pytest.raises(ValueError, match="unknown event kind"):
            add_subscription(session, url=hook.url(), event_kinds=["policy.exploded"])
        with pytest.raises(ValueError, match="Apprise cannot parse") as info:
            add_subscription(session, url="nosuchscheme://user:topsecret@host")
        assert "topsecret" not in str(info.value)
        with pytest.raises(ValueError, match="already exists"):
            add_subscription(session, url=hook.url(), name="json-1")
        assert remove_subscription(session, "json-1") is True
        assert remove_subscription(session, str(second.id)) is True
        assert remove_subscription(session, "json-1") is False
        assert list_subscriptions(session) == []


def test_mask_url_hides_passwords_and_tokens() -> None:
    masked = mask_url("json://opc:hunter2secret@127.0.0.1:9/hook")
    assert "hunter2secret" not in masked and "127.0.0.1" in masked
    assert "TOKEN1234567890" not in mask_url("dingtalk://TOKEN1234567890/")
    assert mask_url("garbage") == "url://****"


def test_send_test_reaches_the_channel_and_reports_failures(sqlite_settings: Settings, hook: Hook) -> None:
    subscribe(sqlite_settings, url=hook.url(), name="mine")
    subscribe(sqlite_settings, url=f"json://127.0.0.1:{free_port()}/x", name="down")
    ok, message = send_test(sqlite_settings, "mine")
    assert ok and "mine" in message
    assert "测试" in hook.on("hook")[0]["title"]
    ok, message = send_test(sqlite_settings, "down")
    assert not ok and "down" in message
    assert send_test(sqlite_settings, "nobody")[0] is False


@pytest.mark.parametrize(
    ("url", "secret"),
    [
        ("json://hooks.example.com/hooks/T0KENabcdef123", "T0KENabcdef123"),
        ("json://user:pa55word@hooks.example.com/opc", "pa55word"),
        ("dingtalk://averysecrettoken1234567890/", "averysecrettoken1234567890"),
        ("wecombot://BOTKEY123456789", "BOTKEY123456789"),
    ],
)
def test_masked_urls_hide_tokens_in_paths_and_passwords(url: str, secret: str) -> None:
    masked = mask_url(url)
    assert secret not in masked
    assert masked.split("://")[0] == url.split("://")[0]  # still says which kind of channel
