"""Plain HTTP for `opcwatch sources add`: one page at a time, short timeout, TLS verified.

Requests for a host in the settings' host map go to its replica on 127.0.0.1, exactly as
crawlers/middlewares.py ``HostMapMiddleware`` routes the crawl: the URL asked for and every
redirect target stay real (so tests and the offline demo add replica sites by their real URL),
only the bytes come from the replica. Redirects are followed here, hop by hop, so that a
redirect to a real host is routed too.
"""

from __future__ import annotations

import gzip
import io
import ssl
import urllib.error
import urllib.request
import zlib
from collections.abc import Mapping
from urllib.parse import urljoin, urlsplit, urlunsplit

from crawlers.discover import WEB_SCHEMES, DiscoveryError, Page

MAX_BYTES = 5 * 2**20  # a list page or API answer; anything larger is not read past this
MAX_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # every hop is followed (and routed) by Fetcher itself


def route(url: str, host_map: Mapping[str, str]) -> str:
    """The address to connect to for a real URL: its replica's when the host is mapped."""
    parts = urlsplit(url)
    base = host_map.get((parts.hostname or "").lower())
    if not base:
        return url
    local = urlsplit(base)
    return urlunsplit((local.scheme, local.netloc, parts.path or "/", parts.query, ""))


class Fetcher:
    """GET/POST one URL and return a :class:`Page` with real URLs; DiscoveryError when unreachable."""

    def __init__(self, host_map: Mapping[str, str] | None = None, *, timeout: float = 10.0,
                 user_agent: str = "opcwatch") -> None:
        self.host_map = {h.lower(): b.rstrip("/") for h, b in (host_map or {}).items()}
        self.timeout = timeout
        self.user_agent = user_agent
        # Default context: certificates and host names are verified (no unverified fallback).
        self._opener = urllib.request.build_opener(
            _NoRedirect, urllib.request.HTTPSHandler(context=ssl.create_default_context()))
        self.requests = 0

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Page:
        return self.fetch("GET", url, None, headers)

    def post(self, url: str, body: str, headers: Mapping[str, str] | None = None) -> Page:
        return self.fetch("POST", url, body.encode("utf-8"), headers)

    def fetch(self, method: str, url: str, data: bytes | None, headers: Mapping[str, str] | None) -> Page:
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            status, answer_headers, body = self._once(method, current, data, headers)
            location = answer_headers.get("location")
            if status not in REDIRECTS or not location:
                return Page(url=url, status=status, headers=answer_headers, body=body, final_url=current)
            current = urljoin(current, location)
            if urlsplit(current).scheme not in WEB_SCHEMES:
                raise DiscoveryError(f"{url} redirects to {current}, which is not http(s)")
            if status == 303 or (status in (301, 302) and method == "POST"):
                method, data = "GET", None
        raise DiscoveryError(f"{url}: more than {MAX_REDIRECTS} redirects (last: {current})")

    def _once(self, method: str, url: str, data: bytes | None,
              headers: Mapping[str, str] | None) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(route(url, self.host_map), data=data, method=method,
                                         headers={"User-Agent": self.user_agent, **(headers or {})})
        self.requests += 1
        try:
            with self._opener.open(request, timeout=self.timeout) as answer:  # noqa: S310 - http(s) only, checked
                status, raw_headers, body = answer.status, answer.headers, answer.read(MAX_BYTES)
        except urllib.error.HTTPError as exc:  # 4xx/5xx and unfollowed redirects still have a body
            status, raw_headers, body = exc.code, exc.headers, exc.read(MAX_BYTES)
        except TimeoutError:
            raise DiscoveryError(f"{url} did not answer within {self.timeout:g} s") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise DiscoveryError(f"{url} did not answer within {self.timeout:g} s") from None
            if isinstance(reason, ssl.SSLCertVerificationError):
                raise DiscoveryError(f"{url}: TLS certificate not verified ({reason.verify_message})") from None
            raise DiscoveryError(f"{url} is unreachable: {reason}") from None
        except (OSError, ValueError) as exc:  # connection reset, a malformed answer
            raise DiscoveryError(f"{url} is unreachable: {exc}") from None
        answer_headers = {k.lower(): v for k, v in raw_headers.items()}
        return status, answer_headers, _unpack(body, answer_headers.get("content-encoding", ""))


def _unpack(body: bytes, encoding: str) -> bytes:
    """A body sent with Content-Encoding gzip/deflate, unpacked (bounded); others as they came."""
    try:
        if encoding.strip().lower() in ("gzip", "x-gzip"):
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as packed:
                return packed.read(MAX_BYTES)
        if encoding.strip().lower() == "deflate":
            return zlib.decompressobj().decompress(body, MAX_BYTES)
    except (OSError, EOFError, zlib.error):
        return body
    return body
