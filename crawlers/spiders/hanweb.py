"""Hanweb (大汉) classic CMS: column pages with a ``<datastore>`` XML island, dataproxy.jsp paging.

One spider for every site of the family, driven by a registry entry (``-a source=jiangsu_gov``).
It navigates only: list entries become detail requests with their list title/date as hints;
what a page says is the parsers' business. See ../shared/SITES.md §1.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from crawlers.hanweb_records import TOTAL_PAGE, connection_errors, error_name, jpage_numbers, parse_records
from crawlers.items import FetchedPage, FetchFailed
from crawlers.middlewares import real_url
from crawlers.registry import ListPage, Source, sources_by_id

BLOCKED_STATUSES = (403, 412, 521)
DEFAULT_MAX_PAGES = 500  # a backfill walking by date alone stops here at the latest


class HanwebSpider(scrapy.Spider):
    name = "hanweb"

    def __init__(
        self,
        source: str,
        run_id: str = "manual",
        since: str | None = None,
        until: str | None = None,
        max_pages: str | int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.source_id = source
        self.run_id = run_id
        self.since = date.fromisoformat(since) if since else None
        self.until = date.fromisoformat(until) if until else None
        self.max_pages = int(max_pages) if max_pages else None
        self.seen: set[str] = set()
        self.counts = {"lists_ok": 0, "pages": 0, "items": 0, "errors": 0, "blocked": 0, "down": 0}
        self.first_error = ""

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> HanwebSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        paths = [Path(p) for p in crawler.settings.getlist("SOURCE_REGISTRY_PATHS")]
        registry = sources_by_id(paths)
        if spider.source_id not in registry:
            raise ValueError(f"unknown source {spider.source_id!r}; registry has {sorted(registry)}")
        spider.source = registry[spider.source_id]
        # The source's politeness is for the real site; a local replica needs none beyond settings.
        host_map = crawler.settings.getdict("REPLICA_HOST_MAP")
        delay = crawler.settings.getfloat("DOWNLOAD_DELAY")
        if not all(h in host_map for h in spider.source.hosts):
            delay = max(delay, spider.source.politeness.delay)
        spider.download_delay = delay  # type: ignore[attr-defined]  # read by Scrapy's downloader slots
        return spider

    source: Source

    @property
    def deep(self) -> bool:
        """A backfill walks dataproxy pages; a normal cycle reads the first group of each list."""
        return self.since is not None or self.until is not None or self.max_pages is not None

    async def start(self) -> AsyncIterator[Any]:
        for lst in self.source.lists:
            yield self._list_request(lst.url, lst, page_no=1)

    def _list_request(self, url: str, lst: ListPage, page_no: int, **kwargs: Any) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_list,
            errback=self.list_failed,
            cb_kwargs={"lst": lst, "page_no": page_no},
            meta={"page_type": "list", "handle_httpstatus_list": list(BLOCKED_STATUSES)},
            dont_filter=True,
            **kwargs,
        )

    # -- lists --------------------------------------------------------------------------------

    def parse_list(self, response: Response, lst: ListPage, page_no: int) -> Iterator[Any]:
        if response.status in BLOCKED_STATUSES:
            self._error(f"{lst.name}: HTTP {response.status} (anti-bot or WAF) at {response.url}", "blocked")
            return
        text = response.text if response.body else ""
        entries = parse_records(text)
        self.counts["pages"] += 1
        if page_no == 1:
            if "<datastore" not in text:
                self._error(f"{lst.name}: no <datastore> island at {response.url} (layout changed?)", None)
                return
            self.counts["lists_ok"] += 1
            numbers = jpage_numbers(text)
            per_page = numbers.get("perPage") or max(len(entries), 1)
            response.meta["paging"] = {
                "total": numbers.get("totalRecord", len(entries)),
                "per_page": per_page,
                "group": per_page * numbers.get("groupSize", 1),
            }
        yield from self._entries(response, lst, entries)
        yield from self._next_page(response, lst, page_no, entries)

    def _entries(
        self, response: Response, lst: ListPage, entries: list[tuple[str, str, date | None]]
    ) -> Iterator[Any]:
        for href, title, day in entries:
            url = self._canonical(urljoin(response.url, href))
            if url is None or url in self.seen:  # the boundary record repeats; 最新文件 reprints
                continue
            self.seen.add(url)
            self.counts["items"] += 1
            if day is not None and ((self.since and day < self.since) or (self.until and day > self.until)):
                continue
            meta = {"title": title, "date": day.isoformat() if day else None, "list": lst.name, "href": href}
            yield scrapy.Request(
                url,
                callback=self.parse_detail,
                errback=self.detail_failed,
                meta={"page_type": "detail", "list_meta": meta, "handle_httpstatus_list": [304]},
            )

    def _next_page(
        self, response: Response, lst: ListPage, page_no: int, entries: list[tuple[str, str, date | None]]
    ) -> Iterator[scrapy.Request]:
        """The next dataproxy request of a backfill, or nothing when the walk is done."""
        paging = dict(response.meta["paging"])
        dates = [d for _, _, d in entries if d is not None]
        if not self.deep or not entries or page_no >= (self.max_pages or DEFAULT_MAX_PAGES):
            return
        if self.since is not None and dates and min(dates) < self.since:
            return  # lists are newest first: everything further back is older still
        if lst.paging == "page":
            # The server picks the page size of page=N (about 100 on the real site, not perPage),
            # so start again at page=1 (the seen set drops the repeats) and trust <totalpage>.
            proxy_page = int(paging.get("proxy_page") or 0) + 1
            last = TOTAL_PAGE.search(response.text)
            if last and proxy_page > int(last.group(1)):
                return
            paging["proxy_page"] = proxy_page
        else:
            start = int(paging.get("window_end") or paging["group"]) + 1
            if start > paging["total"]:
                return
            paging["window_end"] = start + paging["group"] - 1
        yield self._dataproxy_request(lst, page_no + 1, paging)

    def _dataproxy_request(self, lst: ListPage, page_no: int, paging: dict[str, int]) -> scrapy.Request:
        parts = urlsplit(lst.url)
        base = urlunsplit((parts.scheme, parts.netloc, "/module/web/jpage/dataproxy.jsp", "", ""))
        params = {
            "col": 1,
            "appid": 1,
            "webid": lst.webid,
            "path": "/",
            "columnid": lst.columnid,
            "sourceContentType": lst.source_content_type,
            "unitid": lst.unitid,
            "webname": quote(self.source.webname),
            "permissiontype": 0,
        }
        if lst.paging == "page":
            query = "&".join(f"{k}={v}" for k, v in {"page": paging["proxy_page"], **params}.items())
            request = self._list_request(f"{base}?{query}", lst, page_no)
        else:
            end = paging["window_end"]
            start = end - paging["group"] + 1
            request = self._list_request(
                f"{base}?startrecord={start}&endrecord={end}&perpage={paging['per_page']}",
                lst,
                page_no,
                method="POST",
                body="&".join(f"{k}={v}" for k, v in params.items()),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
                    "X-Requested-With": "XMLHttpRequest",
                    "Referer": lst.url,
                },
            )
        request.meta["paging"] = paging
        return request

    def _canonical(self, url: str) -> str | None:
        """Links to any of the source's hosts, http or https, become https on the primary host."""
        parts = urlsplit(url)
        if (parts.hostname or "").lower() not in self.source.hosts:
            return None
        return urlunsplit(("https", self.source.primary_host, parts.path, parts.query, ""))

    # -- details ------------------------------------------------------------------------------

    def parse_detail(self, response: Response) -> Iterator[Any]:
        headers = {
            k.decode("latin-1").lower(): b", ".join(v).decode("latin-1") for k, v in response.headers.items()
        }
        yield FetchedPage(
            source_id=self.source.id,
            url=real_url(response.request) if response.request else response.url,
            final_url=response.url,
            status=response.status,
            headers=headers,
            body=response.body if response.status != 304 else b"",
            list_meta=response.meta.get("list_meta", {}),
        )

    # -- failures and health ------------------------------------------------------------------

    def list_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        reason = failure.getErrorMessage()
        kind = "down" if failure.check(*connection_errors()) else None
        self._error(f"list {real_url(request)}: {error_name(failure)}: {reason}", kind)

    def detail_failed(self, failure: Failure) -> Iterator[FetchFailed]:
        request = failure.request  # type: ignore[attr-defined]
        response = getattr(failure.value, "response", None)
        message = f"{error_name(failure)}: {failure.getErrorMessage()}"
        self._error(f"detail {real_url(request)}: {message}", None)
        yield FetchFailed(self.source.id, real_url(request), message, getattr(response, "status", None))

    def _error(self, message: str, kind: str | None) -> None:
        self.counts["errors"] += 1
        if kind:
            self.counts[kind] += 1
        self.first_error = self.first_error or message
        self.logger.warning(message)

    def health(self) -> dict[str, Any]:
        """The source_health values of this run: state ok / empty / blocked / down, and counts."""
        c = self.counts
        if c["lists_ok"] == 0 and c["down"]:
            state, message = "down", f"site unreachable: {self.first_error}"
        elif c["lists_ok"] == 0 and c["blocked"]:
            state, message = "blocked", self.first_error
        elif c["items"] == 0:
            state, message = (
                "empty",
                f"zero list entries in {len(self.source.lists)} lists. {self.first_error}",
            )
        else:
            state = "ok"
            message = f"{c['lists_ok']}/{len(self.source.lists)} lists, {c['pages']} list pages, {c['items']} entries"
            if not self.deep and c["items"] < self.source.min_items:
                message += f"; fewer entries than the registry minimum {self.source.min_items}"
            if self.first_error:
                message += f"; first error: {self.first_error}"
        return {
            "state": state,
            "pages": c["pages"],
            "items": c["items"],
            "errors": c["errors"],
            "message": message,
        }
