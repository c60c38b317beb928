"""Helpers of the alert tests: events inserted as the diff stage writes them, a webhook on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from sqlalchemy import select

from alerts.subscriptions import (
    add_subscription,
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


