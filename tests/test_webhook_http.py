"""The fast path's own HTTP/1.1 (alerts/webhook_http.py): the bytes it writes and the answers it reads.

A raw TCP server records each request exactly as received (head and body) and the client port,
and answers with scripted bytes, so a test can check the request against Apprise's byte for byte
and see which answers leave the connection reusable.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from alerts.channel import send_message
from alerts.webhook import JsonWebhooks

TITLE = "【金额变化】苏州工业园区：最高给予3000万元股权投资"
BODY = "**苏州工业园区** 金额：2000万元 → 3000万元"
KEY = {"Idempotency-Key": "opcwatch-7"}
OK = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
HANGUP = b"<hang up>"


class RawServer:
    """Answers every request with the next of ``answers`` (the last one repeats) and closes the
    connection after each answer unless ``keep``; a ``None``
    answer closes the connection without a word, ``HANGUP`` after an answer closes it anyway."""

    def __init__(self, answers: list[bytes | None], keep: bool = False) -> None:
        self.answers, self.keep = answers, keep
        self.requests: list[tuple[bytes, bytes, int]] = []  # head, body, client port
        self.hung_up = threading.Event()
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, address = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn, address[1]), daemon=True).start()

    def _serve(self, conn: socket.socket, port: int) -> None:
        data = b""
        with conn:
            while True:
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    data += chunk
                head, _, data = data.partition(b"\r\n\r\n")
                length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                               if line.lower().startswith(b"content-length:")), 0)
                while len(data) < length:
                    data += conn.recv(65536)
                body, data = data[:length], data[length:]
                self.requests.append((head, body, port))
                answer = self.answers[min(len(self.requests), len(self.answers)) - 1]
                if answer is None:
                    return
                conn.sendall(answer.removesuffix(HANGUP))
                if answer.endswith(HANGUP):
                    conn.close()
                    self.hung_up.set()
                    return
                if not self.keep:
                    return

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def raw() -> Iterator[list[RawServer]]:
    started: list[RawServer] = []
    yield started
    for server in started:
        server.close()


@pytest.fixture
def pools() -> Iterator[JsonWebhooks]:
    webhooks = JsonWebhooks(per_host=2)
    yield webhooks
    webhooks.close()


def _serve(raw: list[RawServer], answers: list[bytes | None], keep: bool = False) -> RawServer:
    server = RawServer(answers, keep)
    raw.append(server)
    return server


@pytest.mark.parametrize("url", [
    "json://127.0.0.1:{port}/hook/订阅?-source=opc%20watch",
    "json://opc:p%40ss@127.0.0.1:{port}/hook?+X-Team=policy",
    "json://127.0.0.1:{port}/hook?+Idempotency-Key=mine",  # the URL's own key: Apprise's merge sends ours
])
def test_the_request_is_apprises_byte_for_byte(raw: list[RawServer], pools: JsonWebhooks, url: str) -> None:
    server = _serve(raw, [OK])
    url = url.format(port=server.port)
    assert send_message(url, TITLE, BODY, "markdown", KEY) == (True, "")
    assert send_message(url, TITLE, BODY, "markdown", KEY, webhooks=pools) == (True, "")
    (apprise_head, apprise_body, _), (pooled_head, pooled_body, _) = server.requests
    assert pooled_body == apprise_body
    assert pooled_head == apprise_head  # the same lines in the same order
    assert b"Idempotency-Key: opcwatch-7" in pooled_head.split(b"\r\n")


@pytest.mark.parametrize("answer", [
    OK,
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}",
    b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\n{\"ok\r\n3\r\n\":1\r\n1\r\n}\r\n0\r\nX-T: 1\r\n\r\n",
    b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n",
    b"HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok",
])
def test_framed_answers_keep_the_connection(raw: list[RawServer], pools: JsonWebhooks, answer: bytes) -> None:
    server = _serve(raw, [answer], keep=True)
    for n in range(3):
        assert send_message(f"json://127.0.0.1:{server.port}/hook/{n}", TITLE, BODY, "markdown", KEY,
                            webhooks=pools) == (True, "")
    assert len(server.requests) == 3
    assert len({port for _, _, port in server.requests}) == 1


@pytest.mark.parametrize(("answer", "server_closes"), [
    # The server keeps these open: the client must leave them because the answer says so.
    (b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", False),
    (b"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", False),
    (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nthe body ends when the server closes", True),
])
def test_answers_that_end_the_connection_get_a_new_one(raw: list[RawServer], pools: JsonWebhooks,
                                                       answer: bytes, server_closes: bool) -> None:
    server = _serve(raw, [answer], keep=not server_closes)
    for n in range(3):
        assert send_message(f"json://127.0.0.1:{server.port}/hook/{n}", TITLE, BODY, "markdown", KEY,
                            webhooks=pools) == (True, "")
    assert len({port for _, _, port in server.requests}) == 3


@pytest.mark.parametrize("answers", [
    [None],  # closed without an answer
    [b"SPAM\r\n\r\n"],  # not HTTP
    [b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"],  # a body that ends early
])
def test_broken_answers_fail_like_apprise(raw: list[RawServer], pools: JsonWebhooks,
                                          answers: list[bytes | None]) -> None:
    server = _serve(raw, answers)
    url = f"json://127.0.0.1:{server.port}/hook"
    by_pool = send_message(url, TITLE, BODY, "markdown", KEY, webhooks=pools)
    assert by_pool == send_message(url, TITLE, BODY, "markdown", KEY)
    assert by_pool[0] is False and "Connection error" in by_pool[1]


def test_a_connection_the_server_closed_while_idle_is_not_reused(raw: list[RawServer], pools: JsonWebhooks) -> None:
    # The first answer promises keep-alive, then the server hangs up while the connection idles:
    # the next message goes over a new connection instead of failing in the dead one.
    server = _serve(raw, [OK + HANGUP, OK], keep=True)
    url = f"json://127.0.0.1:{server.port}/hook"
    assert send_message(url, TITLE, BODY, "markdown", KEY, webhooks=pools) == (True, "")
    assert server.hung_up.wait(10)
    assert send_message(url, TITLE, BODY, "markdown", KEY, webhooks=pools) == (True, "")
    assert len(server.requests) == 2 and len({port for _, _, port in server.requests}) == 2
