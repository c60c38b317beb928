"""HTTP/1.1 for the JSON webhook fast path (alerts/webhook.py): kept-alive connections per host,
one POST at a time on each, the same bytes on the wire as urllib3 would send.

Why not urllib3's ``pool.urlopen``: for a small POST answered by a small response, most of its
CPU goes to generic machinery (a header dict per request, ``http.client`` building the head line
by line, parsing the answer's headers with the ``email`` package, a response object, retry and
timeout objects): about 0.4 ms a message, which the alert stage's 1,000 deliveries a second on
two cores cannot afford. Here the request head is built from bytes prepared once per channel,
sent with the body in one ``sendall``, and the answer's status line and framing headers are read
with a buffered reader. Connections are still urllib3's (the same socket options, connect
timeout, TLS context and certificate checks); a reused one is first checked for a close by the
server, as urllib3's pool does.

The request is the one ``http.client`` writes for urllib3: the request line, ``Host`` (host, and
the port unless it is the scheme's default), ``Accept-Encoding: identity`` unless the headers
have one, then the headers in order, with ``Content-Length`` last.
"""

from __future__ import annotations

import re
import threading
import warnings
from dataclasses import dataclass
from typing import Any

MAX_LINE = 65536  # http.client's limits on an answer's header lines
MAX_HEADERS = 100
# http.client refuses a header value that would end the header early (CR or LF not folding).
_ILLEGAL_VALUE = re.compile(rb"\n(?![ \t])|\r(?![ \t\n])")


class BadResponse(Exception):
    """The server's answer is not HTTP/1.x as this client reads it: a connection error, as in urllib3."""


def header_lines(headers: dict[str, str]) -> bytes:
    """``Name: value`` lines as http.client writes them (names ASCII, values Latin-1); ValueError
    for a value http.client would refuse."""
    out = []
    for name, value in headers.items():
        raw = str(value).encode("latin-1")
        if _ILLEGAL_VALUE.search(raw):
            raise ValueError(f"Invalid header value {raw!r}")
        out.append(name.encode("ascii") + b": " + raw + b"\r\n")
    return b"".join(out)


def request_head(method: str, target: str, host_header: bytes, headers: dict[str, str],
                 later: dict[str, str] | None = None) -> bytes:
    """The request line, Host, Accept-Encoding (unless ``headers`` or ``later`` have one) and
    ``headers``: what ``http.client`` writes for urllib3's ``conn.request(method, target, headers=…)``
    up to the headers that follow (``later`` are not written here), without the blank line."""
    given = (*headers, *(later or ()))
    accept = b"" if any(k.lower() == "accept-encoding" for k in given) else b"Accept-Encoding: identity\r\n"
    return (f"{method} {target} HTTP/1.1\r\n".encode("ascii") + b"Host: " + host_header + b"\r\n" + accept
            + header_lines(headers))


@dataclass
class _Connection:
    conn: Any  # urllib3.connection.HTTP(S)Connection, connected
    reader: Any  # its socket's buffered reader, kept for the connection's life


class HostConnections:
    """Kept-alive connections to one (scheme, host, port, TLS verification); thread-safe.

    As urllib3's pool with ``block=False``: a connection is made when none is idle, and at most
    ``keep`` are kept idle (the dispatcher runs at most that many at once per host anyway).
    """

    def __init__(self, scheme: str, host: str, port: int, verification: str, keep: int) -> None:
        import os

        import urllib3
        from urllib3.util import parse_url

        # The host as urllib3's pool normalises it (lower case, IPv6 without brackets).
        url_host = f"[{host}]" if ":" in host and not host.startswith("[") else host
        self.host = str(parse_url(f"{scheme}://{url_host}").host or host).strip("[]")
        self.port = port
        self.secure = scheme == "https"
        self.keep = max(1, keep)
        self.tls: dict[str, Any] = {}
        if self.secure:
            self.tls = {"cert_reqs": "CERT_NONE"}
            if verification != "none":
                self.tls = {"cert_reqs": "CERT_REQUIRED",
                            ("ca_cert_dir" if os.path.isdir(verification) else "ca_certs"): verification}
        self.factory = urllib3.connection.HTTPSConnection if self.secure else urllib3.connection.HTTPConnection
        probe = self.factory(self.host, self.port)  # not connected: only its Host header arithmetic
        self.host_header = _host_header(probe.host, probe.port, probe.default_port)
        self._idle: list[_Connection] = []
        self._lock = threading.Lock()
        self._closed = False

    def _take(self, connect_timeout: float | None) -> _Connection:
        while True:
            with self._lock:
                found = self._idle.pop() if self._idle else None  # last in, first out, as urllib3
            if found is None:
                break
            if found.conn.is_connected:  # the server has not closed it meanwhile
                return found
            _close(found)
        conn = self.factory(self.host, self.port, timeout=connect_timeout, **self.tls)
        conn.connect()
        return _Connection(conn, conn.sock.makefile("rb"))

    def _give_back(self, connection: _Connection) -> None:
        with self._lock:
            if not self._closed and len(self._idle) < self.keep:
                self._idle.append(connection)
                return
        _close(connection)

    def post(self, head: bytes, body: bytes, connect_timeout: float | None, read_timeout: float | None,
             method: str = "POST") -> int:
        """Send ``head`` (from request_head, plus the per-message lines) and ``body``; the answer's
        status. Raises OSError, urllib3's HTTPError or BadResponse as the connection errors."""
        connection = self._take(connect_timeout)
        reusable = False
        try:
            if self.secure and not connection.conn.is_verified:
                from urllib3.exceptions import InsecureRequestWarning

                warnings.warn(f"Unverified HTTPS request is being made to host '{self.host}'. Adding certificate "
                              "verification is strongly advised.", InsecureRequestWarning, stacklevel=2)
            sock = connection.conn.sock
            # urllib3 sends under the connect timeout and reads under the read one; setting a
            # socket's timeout costs system calls, so only when it changes (Apprise's are equal).
            if sock.gettimeout() != connect_timeout:
                sock.settimeout(connect_timeout)
            sock.sendall(head + b"\r\n" + body)
            if read_timeout != connect_timeout:
                sock.settimeout(read_timeout)
            status, reusable = _read_response(connection.reader, method)
            return status
        finally:
            if reusable:
                self._give_back(connection)
            else:
                _close(connection)

    def close(self) -> None:
        with self._lock:
            idle, self._idle, self._closed = self._idle, [], True
        for connection in idle:
            _close(connection)


def _host_header(host: str, port: int, default_port: int) -> bytes:
    """http.client's Host value for a connection to ``host``:``port`` (putrequest)."""
    try:
        encoded = host.encode("ascii")
    except UnicodeEncodeError:
        encoded = host.encode("idna")
    if ":" in host:  # IPv6, without its zone
        encoded = b"[" + encoded.partition(b"%")[0] + b"]"
    return encoded if port == default_port else encoded + b":" + str(port).encode("ascii")


def _close(connection: _Connection) -> None:
    try:
        connection.reader.close()
    finally:
        connection.conn.close()


def _line(reader: Any) -> bytes:
    line = reader.readline(MAX_LINE + 1)
    if len(line) > MAX_LINE:
        raise BadResponse("header line too long")
    return bytes(line)


def _read_response(reader: Any, method: str) -> tuple[int, bool]:
    """Read one answer (skipping ``100 Continue``s) and its body; (status, connection reusable)."""
    while True:
        line = _line(reader)
        if not line:
            raise BadResponse("the server closed the connection without an answer")
        parts = line.split(None, 2)
        if len(parts) < 2 or not parts[0].startswith(b"HTTP/1.") or not parts[1].isdigit() or len(parts[1]) != 3:
            raise BadResponse("not an HTTP/1.x status line")
        version, status = parts[0], int(parts[1])
        fields: dict[bytes, bytes] = {}
        for _ in range(MAX_HEADERS + 1):
            line = _line(reader)
            if line in (b"\r\n", b"\n"):
                break
            if not line:
                raise BadResponse("the answer's headers end early")
            name, colon, value = line.partition(b":")
            if colon and name.strip():
                key = name.strip().lower()
                fields[key] = fields[key] + b", " + value.strip() if key in fields else value.strip()
        else:
            raise BadResponse("too many headers")
        if status != 100:
            break
    tokens = {t.strip() for t in fields.get(b"connection", b"").lower().split(b",")}
    reusable = b"close" not in tokens and (version != b"HTTP/1.0" or b"keep-alive" in tokens)
    if 100 <= status < 200:  # an interim answer taken as final (as http.client does): its final one may follow
        return status, False
    if status in (204, 304) or method == "HEAD":
        return status, reusable
    if b"chunked" in fields.get(b"transfer-encoding", b"").lower():
        _skip_chunked(reader)
        return status, reusable
    if b"content-length" in fields:
        lengths = {v.strip() for v in fields[b"content-length"].split(b",")}
        if len(lengths) != 1 or not next(iter(lengths)).isdigit():
            raise BadResponse("invalid Content-Length")
        length = int(next(iter(lengths)))
        if length and len(reader.read(length)) != length:
            raise BadResponse("the answer's body ends early")
        return status, reusable
    while reader.read(65536):  # no framing: the body ends when the server closes
        pass
    return status, False


def _skip_chunked(reader: Any) -> None:
    while True:
        size_line = _line(reader).split(b";", 1)[0].strip()
        try:
            size = int(size_line, 16)
        except ValueError:
            raise BadResponse("invalid chunk size") from None
        if size == 0:
            while _line(reader) not in (b"\r\n", b"\n", b""):  # trailers
                pass
            return
        if len(reader.read(size)) != size or _line(reader) not in (b"\r\n", b"\n"):
            raise BadResponse("a chunk ends early")
