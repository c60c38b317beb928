"""A webhook on 127.0.0.1 that can misbehave: answer 500 first, answer slowly; it records every
request with its arrival time and Idempotency-Key header, as a receiver would see them."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Received:
    path: str
    title: str
    key: str | None
    at: float  # time.monotonic() when the request arrived
    status: int


class FaultHook:
    def __init__(self, *, fail_first: int = 0, delay: float = 0.0) -> None:
        self.fail_first, self.delay = fail_first, delay
        self.received: list[Received] = []
        self.lock = threading.Lock()
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                with hook.lock:
                    status = 500 if len(hook.received) < hook.fail_first else 200
                    hook.received.append(Received(self.path, body.get("title", ""),
                                                  self.headers.get("Idempotency-Key"), time.monotonic(), status))
                if hook.delay:
                    time.sleep(hook.delay)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str = "hook", query: str = "") -> str:
        return f"json://127.0.0.1:{self.port}/{path}{'?' + query if query else ''}"

    def accepted(self) -> list[Received]:
        return [r for r in self.received if r.status == 200]

    def titles(self) -> list[str]:
        return sorted(r.title for r in self.accepted())

    def wait_for(self, count: int, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.received) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"the webhook got {len(self.received)} requests, expected {count}")
            time.sleep(0.01)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
