"""A threaded local HTTP server that answers like www.jiangsu.gov.cn (Hanweb classic).

Used by the tests, the demo and the benchmark: ``with ReplicaServer(day=1) as replica: ...``
then point :attr:`opcwatch.settings.Settings.host_map` at ``replica.host_map``.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

from opcwatch.replica.site import DATAPROXY_PATH, ReplicaSite

log = logging.getLogger(__name__)
COLUMN_PATH = re.compile(r"^/col/col(\d+)/index\.html$")


class ReplicaServer:
    """The replica on 127.0.0.1; ``port=0`` picks a free port. A context manager."""

    def __init__(self, day: int = 1, port: int = 0) -> None:
        self._site = ReplicaSite(day)
        self._lock = threading.Lock()
        self.request_count = 0
        # (method, path with query, status) of every request, for tests that check what was asked.
        self.requests: list[tuple[str, str, int]] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), _make_handler(self))
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None
        bound = self._httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{bound}"
        self.host_map: dict[str, str] = {"www.jiangsu.gov.cn": self.base_url, "www.js.gov.cn": self.base_url}

    @property
    def day(self) -> int:
        return self._site.day

    @property
    def site(self) -> ReplicaSite:
        return self._site

    def set_day(self, day: int) -> None:
        """Serve another day from now on (day 2 = day 1 plus day 2's new and edited pages)."""
        site = ReplicaSite(day)
        with self._lock:
            self._site = site

    def start(self) -> ReplicaServer:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever, name=f"replica-{self.base_url}", daemon=True
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

    def _record(self, method: str, path: str, status: int) -> None:
        with self._lock:
            self.request_count += 1
            self.requests.append((method, path, status))


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:20] + '"'


def _not_modified(headers: dict[str, str], etag: str, modified: datetime) -> bool:
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
        server_version = "Apache-Coyote/1.1"  # what Hanweb's Tomcat front answers with
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
            try:
                self._route(method, form)
            except Exception:  # a bug in the replica must show up as a 500, not a hung client
                log.exception("replica failed on %s %s", method, self.path)
                self._send(method, 500, b"<html><body>500</body></html>", "text/html", {})

        def _route(self, method: str, form: str) -> None:
            site = server.site
            parts = urlsplit(self.path)
            path = parts.path
            headers = {k.lower(): v for k, v in self.headers.items()}
            ctype = "text/html"
            modified: datetime | None = site.last_modified
            body: bytes | None
            if path == DATAPROXY_PATH:
                body, ctype, modified = site.dataproxy(parts.query, form), "text/xml;charset=UTF-8", None
            elif (match := COLUMN_PATH.match(path)) is not None:
                body, ctype = site.column_page(match.group(1)), "text/html;charset=UTF-8"
            elif method == "POST":
                body = None
            else:
                found = site.static_file(path)
                body, modified = found if found else (None, None)
                if path.endswith(".txt"):
                    ctype = "text/plain;charset=UTF-8"
                # Detail pages: charset only in the page's <meta>, as on many real servers.
            if body is None:
                self._send(method, 404, b"<html><body><h1>404 Not Found</h1></body></html>", "text/html", {})
                return
            extra: dict[str, str] = {}
            if modified is not None:
                etag = _etag(body)
                extra = {"ETag": etag, "Last-Modified": format_datetime(modified, usegmt=True)}
                if method in {"GET", "HEAD"} and _not_modified(headers, etag, modified):
                    self._send(method, 304, b"", None, extra)
                    return
            self._send(method, 200, body, ctype, extra)

        def _send(
            self, method: str, status: int, body: bytes, ctype: str | None, extra: dict[str, str]
        ) -> None:
            server._record(method, self.path, status)
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            for key, value in extra.items():
                self.send_header(key, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if method != "HEAD" and status != 304:
                self.wfile.write(body)

    return Handler
