"""The kept-alive path for plain JSON webhooks (alerts/webhook.py) sends what Apprise would.

Each test sends the same message twice to one local server: once through Apprise (what every
channel used before) and once with the dispatch's pools, and compares what the server received
and the outcome the ledger would record. The server speaks HTTP/1.1 with keep-alive and notes
each request's client port, so a test can see connections being reused.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from alerts_support import add_event, free_port, statuses, subscribe

from alerts.channel import send_message
from alerts.sweep import sweep
from alerts.webhook import JsonWebhooks
from opcwatch.settings import Settings

TITLE = "  【金额变化】苏州工业园区：最高给予3000万元股权投资 <b>  "
BODY = "**苏州工业园区** 关于支持OPC一人公司发展的若干措施\r\n金额：2000万元 → 3000万元 :smile:\n\n  "
KEY = {"Idempotency-Key": "opcwatch-42"}


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    body: bytes
    client_port: int


class Server:
    """A local webhook: answers ``status`` after ``delay`` s; ``redirect`` sends /old to /new."""

    def __init__(self, *, status: int = 200, delay: float = 0.0, tls: ssl.SSLContext | None = None) -> None:
        self.status, self.delay = status, delay
        self.requests: list[Request] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                server.requests.append(Request(self.path, dict(self.headers.items()), body, self.client_address[1]))
                if server.delay:
                    time.sleep(server.delay)
                status = 307 if self.path.startswith("/old") else server.status
                self.send_response(status)
                if status == 307:
                    self.send_header("Location", self.path.replace("/old", "/new", 1))
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    started: list[Server] = []
    yield started
    for server in started:
        server.close()


@pytest.fixture
def webhooks() -> Iterator[JsonWebhooks]:
    pools = JsonWebhooks(per_host=2)
    yield pools
    pools.close()


def _both(url: str, fmt: str, pools: JsonWebhooks, server: Server) -> tuple[Request, Request]:
    """The request Apprise sent and the one the pools sent, for one message."""
    assert send_message(url, TITLE, BODY, fmt, KEY) == (True, "")
    assert send_message(url, TITLE, BODY, fmt, KEY, webhooks=pools) == (True, "")
    apprise_request, pooled_request = server.requests[-2:]
    return apprise_request, pooled_request


@pytest.mark.parametrize("fmt", ["markdown", "text", "html"])
@pytest.mark.parametrize("shape", [
    "json://127.0.0.1:{port}/hook/订阅",
    "json://opc:p%40ss@127.0.0.1:{port}/hook?+X-Team=policy&-source=opc%20watch",
    "json://127.0.0.1:{port}/?rto=2&cto=2",
])
def test_same_request_as_apprise_json_plugin(servers: list[Server], webhooks: JsonWebhooks, fmt: str,
                                             shape: str) -> None:
    server = Server()
    servers.append(server)
    url = shape.format(port=server.port)
    sent_by_apprise, sent_by_pool = _both(url, fmt, webhooks, server)
    assert sent_by_pool.path == sent_by_apprise.path
    assert sent_by_pool.body == sent_by_apprise.body
    assert sent_by_pool.headers == sent_by_apprise.headers
    payload = json.loads(sent_by_pool.body)
    assert payload["title"] == TITLE.strip() and payload["message"] == BODY.rstrip()
    assert sent_by_pool.headers["Idempotency-Key"] == "opcwatch-42"


def test_pooled_sends_reuse_one_connection(servers: list[Server], webhooks: JsonWebhooks) -> None:
    server = Server()
    servers.append(server)
    for n in range(5):
        url = f"json://127.0.0.1:{server.port}/hook/{n}"  # five subscribers on one host
        assert send_message(url, TITLE, BODY, "markdown", KEY, webhooks=webhooks) == (True, "")
    assert [r.path for r in server.requests] == [f"/hook/{n}" for n in range(5)]
    assert len({r.client_port for r in server.requests}) == 1  # one kept-alive connection
    for _ in range(2):
        send_message(f"json://127.0.0.1:{server.port}/hook/0", TITLE, BODY, "markdown", KEY)
    assert len({r.client_port for r in server.requests[-2:]}) == 2  # Apprise: a connection per message


def _failure(url: str, pools: JsonWebhooks) -> tuple[tuple[bool, str], tuple[bool, str]]:
    return (send_message(url, TITLE, BODY, "markdown", KEY),
            send_message(url, TITLE, BODY, "markdown", KEY, webhooks=pools))


def test_a_500_fails_with_apprises_error_text(servers: list[Server], webhooks: JsonWebhooks) -> None:
    server = Server(status=500)
    servers.append(server)
    by_apprise, by_pool = _failure(f"json://127.0.0.1:{server.port}/hook", webhooks)
    assert by_pool == by_apprise
    assert by_pool[0] is False and "error=500" in by_pool[1]
    assert len(server.requests) == 2  # neither path retried on its own: the ledger's backoff does


def test_a_timeout_fails_like_apprise_after_the_read_timeout(servers: list[Server], webhooks: JsonWebhooks) -> None:
    server = Server(delay=1.0)  # answers after the 0.3 s read timeout, but did receive
    servers.append(server)
    url = f"json://127.0.0.1:{server.port}/hook?rto=0.3"
    started = time.monotonic()
    by_pool = send_message(url, TITLE, BODY, "markdown", KEY, webhooks=webhooks)
    assert time.monotonic() - started < 0.9
    by_apprise = send_message(url, TITLE, BODY, "markdown", KEY)
    assert by_pool == by_apprise
    assert by_pool[0] is False and "Connection error" in by_pool[1]
    assert len(server.requests) == 2


def test_a_refused_connection_fails_like_apprise(webhooks: JsonWebhooks) -> None:
    by_apprise, by_pool = _failure(f"json://127.0.0.1:{free_port()}/hook", webhooks)
    assert by_pool == by_apprise
    assert by_pool[0] is False and "Connection error" in by_pool[1]


def test_what_the_pools_would_not_send_alike_goes_through_apprise(servers: list[Server], webhooks: JsonWebhooks,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    server = Server()
    servers.append(server)
    # A redirect: Apprise (requests) follows it; the pooled path hands the message over, so the
    # redirecting address sees it twice (it accepted neither) and the new one once.
    assert send_message(f"json://127.0.0.1:{server.port}/old/hook", TITLE, BODY, "markdown", KEY,
                        webhooks=webhooks) == (True, "")
    assert [r.path for r in server.requests] == ["/old/hook", "/old/hook", "/new/hook"]
    # Payload extras (:key=value) rename Apprise's fields.
    assert send_message(f"json://127.0.0.1:{server.port}/extras?:message=text", TITLE, BODY, "markdown", KEY,
                        webhooks=webhooks) == (True, "")
    assert "text" in json.loads(server.requests[-1].body) and "message" not in json.loads(server.requests[-1].body)
    # A proxy in the environment: requests sends through it, so the pooled path stays out.
    proxy = Server()
    servers.append(proxy)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
    fresh = JsonWebhooks()
    try:
        assert send_message(f"json://127.0.0.1:{server.port}/proxied", TITLE, BODY, "markdown", KEY,
                            webhooks=fresh) == (True, "")
    finally:
        fresh.close()
    assert [r.path for r in proxy.requests] == [f"http://127.0.0.1:{server.port}/proxied"]


def _self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 that no CA signed, and its key."""
    crypto = pytest.importorskip("cryptography")
    del crypto
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_jsons_verifies_the_certificate(servers: list[Server], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    cert, key = _self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = Server(tls=context)
    servers.append(server)
    url = f"jsons://127.0.0.1:{server.port}/secure"
    pools = JsonWebhooks()
    try:
        # An unknown issuer is refused, by both paths, before anything is posted.
        by_pool = send_message(url, TITLE, BODY, "markdown", KEY, webhooks=pools)
        assert by_pool == send_message(url, TITLE, BODY, "markdown", KEY)
        assert by_pool[0] is False and server.requests == []
        # verify=no, as in Apprise: sent without checking.
        assert send_message(url + "?verify=no", TITLE, BODY, "markdown", KEY, webhooks=pools) == (True, "")
        assert len(server.requests) == 1
    finally:
        pools.close()
    server.requests.clear()
    # The CA bundle requests reads from the environment is the one the pools trust.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
    trusting = JsonWebhooks()
    try:
        assert send_message(url, TITLE, BODY, "markdown", KEY, webhooks=trusting) == (True, "")
        assert send_message(url, TITLE, BODY, "markdown", KEY, webhooks=trusting) == (True, "")
    finally:
        trusting.close()
    pooled = [r for r in server.requests if r.path == "/secure"]
    assert len(pooled) == 2 and len({r.client_port for r in pooled}) == 1  # sent over one kept-alive TLS connection
    assert send_message(url, TITLE, BODY, "markdown", KEY) == (True, "")
    assert server.requests[-1].body == pooled[0].body and server.requests[-1].headers == pooled[0].headers


def test_a_sweep_sends_subscribers_of_one_host_over_kept_alive_connections(sqlite_settings: Settings,
                                                                          servers: list[Server]) -> None:
    server = Server()
    servers.append(server)
    for n in range(6):
        subscribe(sqlite_settings, url=f"json://127.0.0.1:{server.port}/hook/{n}", name=f"hook-{n}")
    for n in range(2):
        add_event(sqlite_settings, title=f"政策{n}")
    summary = sweep(sqlite_settings.with_(delivery_per_host=2))
    assert (summary["sent"], summary["failed"]) == (12, 0)
    assert sorted(r.path for r in server.requests) == sorted(f"/hook/{n}" for n in range(6) for _ in range(2))
    assert len({r.headers["Idempotency-Key"] for r in server.requests}) == 12
    assert len({r.client_port for r in server.requests}) <= 2  # at most per_host connections, reused
    assert statuses(sqlite_settings) == [("sent", 1)] * 12
