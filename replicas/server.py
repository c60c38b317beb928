"""A threaded local HTTP server for one replica site app, on its own 127.0.0.1 port.

A site app (:class:`SiteApp`) turns a request into a :class:`Reply` (or None: a 404); the
server does the HTTP: conditional GET (ETag from the body, Last-Modified from the reply, 304),
HEAD, request bookkeeping (``request_count``, ``requests``). Apps live in
``replicas/apps/<name>.py`` (``make_app(day)``); :mod:`replicas.fleet` serves
all of them. ``with ReplicaServer(day=1) as replica: ...`` serves www.jiangsu.gov.cn; point
:attr:`opcwatch.settings.Settings.host_map` at ``replica.host_map``.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

log = logging.getLogger(__name__)
NOT_FOUND = b"<html><body><h1>404 Not Found</h1></body></html>"


@dataclass(frozen=True)
class AppRequest:
    """What an app sees of a request: method, path, raw query, raw body text, lower-case headers."""

    method: str
    path: str
    query: str = ""
    form: str = ""  # the request body decoded as UTF-8 (form-encoded or JSON)
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def params(self) -> dict[str, str]:
        """Query and form-encoded body parameters (last value wins, query over form)."""
        merged = {k: v[-1] for k, v in parse_qs(self.form).items()}
        merged.update({k: v[-1] for k, v in parse_qs(self.query).items()})
        return merged


@dataclass(frozen=True)
class Reply:
    """An app's answer. With ``last_modified`` set, a 200 gets ETag/Last-Modified and may become a 304.

    ``content_type=None`` sends no Content-Type (a quirk some fixtures need); ``headers`` are
    sent as given (e.g. ``Location``, ``Set-Cookie``, ``Content-Encoding: gzip``).
    """

    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html;charset=UTF-8"
    headers: Mapping[str, str] = field(default_factory=dict)
    last_modified: datetime | None = None


class SiteApp(Protocol):
    """One replica site: the hosts it answers for, the simulated day, and a request handler."""

    hosts: tuple[str, ...]

    def set_day(self, day: int) -> None:
        """Serve the site as it looks on ``day`` from now on (day 2 = day 1 plus day 2's changes)."""

    def handle(self, request: AppRequest) -> Reply | None:
        """The reply to one request, or None for a plain 404."""


def make_site_app(site: str, day: int) -> SiteApp:
    """The app of ``replicas/apps/<site>.py`` (its ``make_app(day)``)."""
    from importlib import import_module

    module = import_module(f"replicas.apps.{site}")
    app: SiteApp = module.make_app(day)
    return app


class ReplicaServer:
    """One site app on 127.0.0.1; ``port=0`` picks a free port. A context manager."""

    def __init__(self, day: int = 1, port: int = 0, site: str = "jiangsu_gov", app: SiteApp | None = None) -> None:
        self.name = site
        self.app: SiteApp = app if app is not None else make_site_app(site, day)
        self._day = day
        self._lock = threading.Lock()
        self.request_count = 0
        # (method, path with query, status) of every request, for tests that check what was asked.
        self.requests: list[tuple[str, str, int]] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), _make_handler(self))
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None
        self.base_url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self.host_map: dict[str, str] = {host: self.base_url for host in self.app.hosts}

    @property
    def day(self) -> int:
        return self._day

    @property
    def site(self) -> Any:
        """The app's content model when it has one (the jiangsu_gov app's ReplicaSite), else the app."""
        return getattr(self.app, "site", self.app)

    def set_day(self, day: int) -> None:
        """Serve another day from now on."""
        with self._lock:
            self.app.set_day(day)
            self._day = day

    def start(self) -> ReplicaServer:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever, name=f"replica-{self.name}-{self.base_url}", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> ReplicaServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def answer(self, request: AppRequest) -> Reply:
        """The reply for one request, after conditional GET; a crashing app answers 500."""
        with self._lock:  # set_day swaps content under the app's feet
            try:
                reply = self.app.handle(request)
            except Exception:  # a bug in the replica must show up as a 500, not a hung client
                log.exception("replica %s failed on %s %s", self.name, request.method, request.path)
                return Reply(500, b"<html><body>500</body></html>")
        if reply is None:
            return Reply(404, NOT_FOUND)
        if reply.last_modified is None or reply.status != 200:
            return reply
        etag = _etag(reply.body)
        headers = {"ETag": etag, "Last-Modified": format_datetime(reply.last_modified, usegmt=True),
                   **reply.headers}
        if request.method in {"GET", "HEAD"} and _not_modified(request.headers, etag, reply.last_modified):
            return Reply(304, b"", None, headers)
        return Reply(reply.status, reply.body, reply.content_type, headers)

    def _record(self, method: str, path: str, status: int) -> None:
        with self._lock:
            self.request_count += 1
            self.requests.append((method, path, status))


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:20] + '"'


def _not_modified(headers: Mapping[str, str], etag: str, modified: datetime) -> bool:
    """RFC 9110 §13.2.2: If-None-Match wins; If-Modified-Since only when it is absent."""
    inm = headers.get("if-none-match")
    if inm is not None:
        return etag in {tag.strip() for tag in inm.split(",")} or inm.strip() == "*"
    ims = headers.get("if-modified-since")
    if ims:
        try:
            return modified.replace(microsecond=0) <= parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
    return False


def _make_handler(server: ReplicaServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = getattr(server.app, "server_header", "Apache-Coyote/1.1")
        protocol_version = "HTTP/1.1"

        def version_string(self) -> str:
            return self.server_version

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
            log.debug("replica %s", format % args)

        def do_GET(self) -> None:
            self._answer("GET", form="")

        def do_HEAD(self) -> None:
            self._answer("HEAD", form="")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = self.rfile.read(length).decode("utf-8", "replace") if length else ""
            self._answer("POST", form=form)

        def _answer(self, method: str, form: str) -> None:
            parts = urlsplit(self.path)
            headers = {k.lower(): v for k, v in self.headers.items()}
            reply = server.answer(AppRequest(method, parts.path, parts.query, form, headers))
            server._record(method, self.path, reply.status)
            self.send_response(reply.status)
            if reply.content_type:
                self.send_header("Content-Type", reply.content_type)
            for key, value in reply.headers.items():
                self.send_header(key, value)
            if reply.status != 304:
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if method != "HEAD" and reply.status != 304:
                self.wfile.write(reply.body)

    return Handler
