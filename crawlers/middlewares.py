"""Downloader middlewares: replica routing, conditional GET, bodies that hide or mislabel themselves.

``HostMapMiddleware`` sits at the last position so that every other component (robots.txt,
retries, the spider, the stored rows) sees the real URL; only the bytes come from the replica.
"""

from __future__ import annotations

import logging
import struct
import zlib
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.responsetypes import responsetypes
from scrapy.utils.gz import gunzip
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

from crawlers.storage import load_fetch_state

log = logging.getLogger(__name__)
REAL_URL = "opcwatch_real_url"


def real_url(request: Request) -> str:
    """The URL the spider asked for, whether or not the request was routed to a replica."""
    return request.meta.get(REAL_URL, request.url)


class HostMapMiddleware:
    """Sends requests for hosts in ``REPLICA_HOST_MAP`` to their replica, keeping real URLs.

    Scrapy requests are immutable, so the routed copy is handed back to the engine; it comes
    through again with a local host and is downloaded. The response gets the real URL back, so
    ``response.url`` and everything derived from it stay real.
    """

    def __init__(self, host_map: dict[str, str]) -> None:
        self.host_map = {h.lower(): b.rstrip("/") for h, b in host_map.items()}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HostMapMiddleware:
        return cls(crawler.settings.getdict("REPLICA_HOST_MAP"))

    def process_request(self, request: Request) -> Request | None:
        # Decided by the host alone, not by REAL_URL in meta: a redirect copies the routed
        # request's meta, and its real-host Location must be routed again.
        parts = urlsplit(request.url)
        host = (parts.hostname or "").lower()
        base = self.host_map.get(host)
        if base is None:
            return None
        local = urlsplit(base)
        routed = urlunsplit((local.scheme, local.netloc, parts.path or "/", parts.query, ""))
        # dont_filter: the routed copy must not be dropped as a duplicate of the original.
        # dont_obey_robotstxt: robots.txt of the real host was already checked on the way here.
        # download_slot: politeness stays per real host although every replica is 127.0.0.1.
        meta = {**request.meta, REAL_URL: request.url, "dont_obey_robotstxt": True, "download_slot": host}
        return request.replace(url=routed, meta=meta, dont_filter=True)

    def process_response(self, request: Request, response: Response) -> Response:
        original = request.meta.get(REAL_URL)
        if original is None:
            return response
        return response.replace(url=original)


class OffsiteGuardMiddleware:
    """Drops any request (redirects included) whose real host is not one of the source's hosts.

    Scrapy's own offsite check lets ``dont_filter`` requests through (list requests and every
    routed replica request are ``dont_filter``), so the registry's hosts are enforced here.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        # Routed copies (HostMapMiddleware) come through again addressed to a replica.
        self.replicas = {urlsplit(b).netloc for b in crawler.settings.getdict("REPLICA_HOST_MAP").values()}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OffsiteGuardMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        source = getattr(self.crawler.spider, "source", None)
        parts = urlsplit(request.url)
        if source is None or parts.netloc in self.replicas:
            return
        host = (parts.hostname or "").lower()
        if host not in source.hosts:
            if self.crawler.stats:
                self.crawler.stats.inc_value("opcwatch/offsite_dropped")
            raise IgnoreRequest(f"offsite: {host} is not among the hosts of source {source.id}")


class ConditionalGetMiddleware:
    """Adds If-None-Match / If-Modified-Since to detail requests for URLs seen before.

    The validators come from ``fetch_state`` (loaded once per spider), so an unchanged page
    costs a 304 and stores nothing.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.database_url = crawler.settings.get("STORE_DATABASE_URL")
        self._state: dict[str, Any] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalGetMiddleware:
        return cls(crawler)

    def _validators(self) -> dict[str, Any]:
        if self._state is None:
            spider = self.crawler.spider
            source = getattr(spider, "source", None)
            self._state = (
                load_fetch_state(self.database_url, source.id) if source and self.database_url else {}
            )
        return self._state

    def process_request(self, request: Request) -> None:
        if request.meta.get("page_type") != "detail" or REAL_URL in request.meta:
            return
        state = self._validators().get(real_url(request))
        if not state:
            return
        etag, last_modified = state
        if etag and b"If-None-Match" not in request.headers:
            request.headers[b"If-None-Match"] = etag
        if last_modified and b"If-Modified-Since" not in request.headers:
            request.headers[b"If-Modified-Since"] = last_modified


GZIP_MAGIC = b"\x1f\x8b"
# Answers that are meant to be gzip files stay as they are; only pages are unpacked.
_GZIP_FILE_TYPES = (b"application/gzip", b"application/x-gzip", b"application/octet-stream")
_GZIP_FILE_SUFFIXES = (".gz", ".tgz", ".gzip")


class BodyQuirksMiddleware:
    """Makes a body say what it is before anyone reads it.

    1. A gzip body without ``Content-Encoding`` is unpacked. Some servers gzip every answer
       whether or not it was negotiated, and a few then forget the header. Scrapy's
       ``HttpCompressionMiddleware`` decodes only what ``Content-Encoding`` declares, so such a
       page would reach the spider as binary bytes: a list page yields no entries (a false
       layout change), an anti-bot page inside it goes unrecognized.
    2. A page labelled UTF-8 in its HTTP header whose bytes are not UTF-8 is read with the
       charset its bytes support (its meta tag's, else GB18030): Scrapy trusts the HTTP label,
       which turns GBK list titles into U+FFFD. The stored headers keep the label as sent, so
       the parser still records the lie.

    Placed before HttpCompressionMiddleware (590) so its ``process_response`` runs after it:
    every body the spider and the store see is identity-encoded, as with a declared gzip.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_size = crawler.settings.getint("DOWNLOAD_MAXSIZE")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BodyQuirksMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if request.method == "HEAD":
            return response
        return self._relabel(self._unpack(response))

    def _unpack(self, response: Response) -> Response:
        if not response.body.startswith(GZIP_MAGIC) or response.headers.get("Content-Encoding"):
            return response  # plain, or an encoding Scrapy could not decode: not ours
        content_type = (response.headers.get("Content-Type") or b"").split(b";")[0].strip().lower()
        if content_type in _GZIP_FILE_TYPES or urlsplit(response.url).path.lower().endswith(_GZIP_FILE_SUFFIXES):
            return response
        try:
            body = gunzip(response.body, max_size=self.max_size)
        # ValueError: Scrapy's size-cap error (its class is private); the rest: not really gzip.
        except (OSError, EOFError, struct.error, zlib.error, ValueError) as exc:
            log.warning("%s: gzip magic without Content-Encoding, not unpacked: %s", response.url, exc)
            return response
        self._count("opcwatch/bare_gzip_unpacked")
        log.info("%s: unpacked a gzip body sent without Content-Encoding", response.url)
        # The body's type is re-guessed as Scrapy does after decoding (HtmlResponse, encoding).
        respcls = responsetypes.from_args(headers=response.headers, url=response.url, body=body)
        kwargs: dict[str, Any] = {"body": body}
        if issubclass(respcls, TextResponse):
            kwargs["encoding"] = None
        return response.replace(cls=respcls, **kwargs)

    def _relabel(self, response: Response) -> Response:
        if not isinstance(response, TextResponse) or read_bom(response.body)[0]:
            return response
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
        if http_content_type_encoding(content_type) != "utf-8":
            return response
        body = response.body
        try:
            body.decode("utf-8")
            return response
        except UnicodeDecodeError as exc:
            if exc.start >= len(body) - 3 and "end of data" in exc.reason:
                return response  # UTF-8 cut inside its last character: the label is right
        declared = html_body_declared_encoding(body)
        for codec in dict.fromkeys(c for c in (declared, "gb18030") if c and c != "utf-8"):
            try:
                body.decode(codec)
            except (UnicodeDecodeError, LookupError):
                continue
            self._count("opcwatch/charset_relabelled")
            log.info("%s: labelled UTF-8 but the bytes are %s; read as %s", response.url, codec, codec)
            return response.replace(encoding=codec)
        return response

    def _count(self, key: str) -> None:
        if self.crawler.stats:
            self.crawler.stats.inc_value(key)
