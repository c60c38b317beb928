"""End to end, as a user runs it: two days of the replica through crawl → parse → diff → alert.

Runs on SQLite and on PostgreSQL (the `settings` fixture is parametrized over both). Alerts go
through Apprise to a real HTTP endpoint on 127.0.0.1 (`json://`) and to the outbox file.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from sqlalchemy import func, select

from models.db import session_scope
from models.tables import ChangeEvent, Delivery, Document, DocumentVersion, RawPage, Subscription
from opcwatch.settings import Settings
from opcwatch.stages.cycle import run_cycle
from replicas import ReplicaServer

pytestmark = pytest.mark.slow


class _Inbox(BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server API)
        length = int(self.headers.get("Content-Length", 0))
        type(self).received.append(json.loads(self.rfile.read(length)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *_args: Any) -> None:
        return None


@pytest.fixture
def inbox() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    handler = type("Inbox", (_Inbox,), {"received": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"json://127.0.0.1:{server.server_port}/opc", handler.received
    server.shutdown()


def _count(session: Any, model: Any, *where: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def test_two_days_find_new_policy_and_changed_amount(settings: Settings, inbox: Any) -> None:
    json_url, received = inbox
    with ReplicaServer(day=1) as replica:
        cfg = settings.with_(host_map=replica.host_map)
        from alerts.subscriptions import add_subscription

        with session_scope(cfg.database_url) as session:
            add_subscription(session, url=json_url, name="suzhou-hook", regions=["苏州"],
                             event_kinds=["policy.new", "amount.changed"], doc_kinds=["all"])

        day1 = run_cycle(cfg, kind="manual")
        assert day1.stages["crawl"]["sources"]["jiangsu_gov"]["state"] == "ok"
        with session_scope(cfg.database_url) as session:
            documents = _count(session, Document)
            opc_versions = session.scalars(select(DocumentVersion).where(DocumentVersion.is_opc)).all()
            titles = " ".join(v.title for v in opc_versions)
            new_events = _count(session, ChangeEvent, ChangeEvent.kind == "policy.new")
            copies = _count(session, ChangeEvent, ChangeEvent.kind == "policy.republished")
            policies = len(set(session.scalars(select(Document.policy_id))))
            urls = session.scalars(select(Document.canonical_url)).all()
        assert documents >= 10
        assert "若干措施" in titles and "苏州工业园区" in titles
        # On an empty store every policy is new once; its other documents (一图读懂, 解读) are copies.
        assert new_events == policies and new_events + copies == documents and copies >= 1
        assert all(u.startswith("https://www.jiangsu.gov.cn/") for u in urls)

        suzhou_day1 = [m for m in received if "苏州" in m.get("title", "") + m.get("message", "")]
        assert suzhou_day1, "the 苏州 subscription received the SIP policy on day 1"
        assert not any("无锡" in m.get("title", "") for m in received), "无锡 is not 苏州"
        delivered_day1 = len(received)

        # Re-running every stage of the same run changes nothing and sends nothing.
        again = run_cycle(cfg, kind="manual", run_id=day1.run_id)
        assert again.stages["diff"]["events"] == 0
        assert len(received) == delivered_day1

        replica.set_day(2)
        day2 = run_cycle(cfg, kind="manual")

    with session_scope(cfg.database_url) as session:
        changed = session.scalars(
            select(ChangeEvent).where(ChangeEvent.run_id == day2.run_id, ChangeEvent.kind == "amount.changed")
        ).all()
        day2_new = _count(session, ChangeEvent, ChangeEvent.run_id == day2.run_id, ChangeEvent.kind == "policy.new")
        day2_raw = _count(session, RawPage, RawPage.run_id == day2.run_id)
        hook_id = session.scalar(select(Subscription.id).where(Subscription.name == "suzhou-hook"))
        sent = _count(session, Delivery, Delivery.status == "sent", Delivery.subscription_id == hook_id)
    assert day2_new == 1
    assert day2_raw == 2  # only the changed page and the new page were stored again
    assert len(changed) == 1
    payload = changed[0].payload
    assert Decimal(payload["old"]["value"]) == Decimal("20000000")
    assert Decimal(payload["new"]["value"]) == Decimal("30000000")
    change_messages = [m for m in received[delivered_day1:] if "3000万元" in m.get("message", "")]
    assert len(change_messages) == 1
    assert "2000万元" in change_messages[0]["message"]
    assert "https://www.jiangsu.gov.cn/" in change_messages[0]["message"]
    assert sent == len(received)
    outbox = cfg.default_outbox.read_text(encoding="utf-8")
    # On this site the park's amounts are in the portal's news report of the policy: the outbox
    # follows the default kinds (documents, rules, application notices), so it has the province's
    # 若干措施 but not the report's change, which the all-kinds hook above received.
    assert "若干措施" in outbox and "3000万元" not in outbox
