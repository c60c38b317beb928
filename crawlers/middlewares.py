"""Downloader middlewares: replica routing and conditional GET.

``HostMapMiddleware`` sits at the last position so that every other component (robots.txt,
retries, the spider, the stored rows) sees the real URL; only the bytes come from the replica.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

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
