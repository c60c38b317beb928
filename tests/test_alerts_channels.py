"""Alert channels through real local endpoints (SMTP, MQTT, the outbox file), subscriptions and masking."""

from __future__ import annotations

import email
import threading
import time
import uuid
from decimal import Decimal
from email import policy as email_policy
from pathlib import Path
from typing import Any

import pytest
from alerts_support import T0, Hook, add_event, free_port, subscribe

from alerts.deliver import deliver, send_test
from alerts.subscriptions import (
    add_subscription,
    ensure_configured_channels,
    list_subscriptions,
    mask_url,
    remove_subscription,
)
from models.db import session_scope
from opcwatch.settings import Settings


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
