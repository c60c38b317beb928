"""``SourceSpider``: everything a crawl does that does not depend on the CMS family.

A family spider (crawlers/spiders/<family>.py) declares its registry keys (``schema``) and
implements how to read its lists: ``start()`` (default: one :meth:`list_request` per registry
list, answered by ``parse_list``) and its list callbacks. A list callback calls
:meth:`list_ok` (anti-bot / WAF / soft-404 gate), hands ``(href, title, date)`` entries to
:meth:`follow` (canonical URL, host check, de-dup, date range, revisit policy, detail requests)
and asks :meth:`next_page_wanted` before requesting a deeper page. Detail pages, failures,
fetch state and health are handled here. Spiders navigate only: what a page says is the
parsers' business.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, ClassVar, NamedTuple
from urllib.parse import urljoin

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response

from crawlers import antibot
from crawlers.items import FetchedPage, FetchFailed, ListMark
from crawlers.middlewares import real_url
from crawlers.registry import FamilySchema, ListPage, Source, sources_by_id
from crawlers.revisit import (
    KnownPage,
    RevisitPolicy,
    is_due,
    list_signature,
    load_known,
    load_list_meta,
    load_list_signatures,
)
from crawlers.spiders.health_mixin import HealthMixin
from crawlers.urls import canonical_url

DEFAULT_MAX_PAGES = 500  # a backfill walking by date alone stops here at the latest


class Entry(NamedTuple):
    """One list entry: the link as written, its title, its list date; ``extra`` hints go to list_meta."""

    href: str
    title: str
    day: date | None
    extra: dict[str, Any] | None = None


class SourceSpider(HealthMixin, scrapy.Spider):
    """Base of every family spider; ``-a source=<id>`` picks the registry entry."""

    name = "source"
    schema: ClassVar[FamilySchema] = FamilySchema()
    source: Source

    def __init__(
        self,
        source: str,
        run_id: str = "manual",
        since: str | None = None,
        until: str | None = None,
        max_pages: str | int | None = None,
        now: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.source_id = source
        self.run_id = run_id
        self.since = date.fromisoformat(since) if since else None
        self.until = date.fromisoformat(until) if until else None
        self.max_pages = int(max_pages) if max_pages else None
        # The run's clock: fetch state, revisit decisions and health use it, never the wall clock.
        self.now = datetime.fromisoformat(now) if now else datetime.now(UTC)
        self.seen: set[str] = set()  # canonical URLs listed this run
        self.requested: set[str] = set()  # ... requested (or ruled out by the date range)
        self.judged: set[str] = set()  # ... found not due
        self.counts = {
            "lists_ok": 0, "pages": 0, "items": 0, "errors": 0, "blocked": 0, "down": 0, "layout": 0,
            "requested": 0, "not_due": 0, "revisited_off_list": 0,
        }
        self.first_error = ""
        self.truncations: list[str] = []  # lists not read to the end (a page limit), for health
        self.known: dict[str, KnownPage] = {}
        self.list_signatures: dict[str, str] = {}
        self.stale_pages: dict[str, int] = {}  # list URL -> consecutive pages without a new entry
        self.database_url: str | None = None
        self._revisits_issued = False
        self.revisit_policy = RevisitPolicy()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SourceSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        registry = sources_by_id([Path(p) for p in settings.getlist("SOURCE_REGISTRY_PATHS")])
        if spider.source_id not in registry:
            raise ValueError(f"unknown source {spider.source_id!r}; registry has {sorted(registry)}")
        source = spider.source = registry[spider.source_id]
        spider.allowed_domains = list(source.hosts)  # type: ignore[attr-defined]  # Scrapy's offsite check
        # The source's politeness is for the real site; a local replica needs none beyond settings.
        delay = settings.getfloat("DOWNLOAD_DELAY")
        if not all(h in settings.getdict("REPLICA_HOST_MAP") for h in source.hosts):
            delay = max(delay, source.politeness.delay)
        # Settings are still writable here (Crawler.crawl freezes them after creating the spider).
        settings.set("DOWNLOAD_DELAY", delay, priority="spider")
        settings.set("AUTOTHROTTLE_START_DELAY", delay, priority="spider")
        settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", max(1, source.politeness.concurrency), priority="spider")
        # An entry's 0 means "every run", so only a missing value (None) falls back to the settings.
        opc_hours, other_hours = source.revisit.opc_hours, source.revisit.other_hours
        spider.revisit_policy = RevisitPolicy(
            opc_hours=settings.getfloat("REVISIT_OPC_HOURS", 12.0) if opc_hours is None else opc_hours,
            other_hours=settings.getfloat("REVISIT_OTHER_HOURS", 336.0) if other_hours is None else other_hours,
        )
        crawler.signals.connect(spider.revisit_off_list, signal=signals.spider_idle)
        database_url = settings.get("STORE_DATABASE_URL")
        spider.database_url = database_url
        if database_url:
            spider.known = load_known(database_url, source.id)
            spider.list_signatures = load_list_signatures(database_url, source.id, [lst.url for lst in source.lists])
        return spider

    @property
    def deep(self) -> bool:
        """A backfill (since/until/max_pages) walks deeper pages; a normal cycle reads first pages."""
        return self.since is not None or self.until is not None or self.max_pages is not None

    # -- what a family spider uses ------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        """The first request of every registry list; families with other entry points override."""
        for lst in self.source.lists:
            yield self.list_request(lst.url, lst)

    def parse_list(self, response: Response, lst: ListPage, page_no: int) -> Iterator[Any]:
        raise NotImplementedError(f"{type(self).__name__} must implement parse_list or override start()")

    def list_request(
        self,
        url: str,
        lst: ListPage,
        page_no: int = 1,
        *,
        callback: Any = None,
        meta: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> scrapy.Request:
        """A list page request (GET by default; ``method``/``body``/``headers`` pass through).

        The callback gets ``(response, lst, page_no)``; challenge statuses reach it (check them
        with :meth:`list_ok`). ``meta`` entries (e.g. paging state) ride along.
        """
        return scrapy.Request(
            url,
            callback=callback or self.parse_list,
            errback=self.list_failed,
            cb_kwargs={"lst": lst, "page_no": page_no},
            meta={"page_type": "list", "handle_httpstatus_list": list(antibot.CHALLENGE_STATUSES),
                  **(meta or {})},
            dont_filter=True,
            **kwargs,
        )

    def list_ok(self, response: Response, lst: ListPage, page_no: int = 1) -> bool:
        """Counts the page; False (recorded as blocked / layout_changed) for a non-list answer."""
        self.counts["pages"] += 1
        verdict = antibot.classify(
            response.status, response.body, url=real_url(response.request) if response.request else response.url,
            final_url=response.url,
        )
        if verdict is None:
            return True
        kind = "blocked" if verdict.kind == antibot.BLOCKED else "layout"
        self.record_error(f"{lst.name}: {verdict.reason} at {response.url}", kind)
        return False

    def follow(
        self, response: Response, lst: ListPage, entries: Iterable[Entry | tuple[Any, ...]], page_no: int = 1
    ) -> Iterator[Any]:
        """Detail requests for the entries of one list page, in list order.

        Links are joined to the page URL and canonicalized (:meth:`canonical`); off-site links,
        repeats (boundary records, reprints in other lists) and dates outside since/until are
        dropped; a known page is requested only when the revisit policy says it is due. A first
        page with entries also yields its :class:`ListMark`; one without entries is recorded as a
        layout change.
        """
        rows = [Entry(*e) for e in entries]
        touched = False
        if page_no == 1:
            if not rows:
                yield self.home_request(response, lst)
                return
            self.counts["lists_ok"] += 1
            modified = (response.headers.get("Last-Modified") or b"").decode("latin-1") or None
            signature = list_signature(modified, rows)
            previous = self.list_signatures.get(lst.url)
            touched = previous is not None and previous != signature
            yield ListMark(self.source.id, lst.url, signature, response.status, modified)
        fresh = 0
        for href, title, day, extra in rows:
            url = self.canonical(urljoin(response.url, href))
            if url is None or url in self.requested:
                continue
            if url not in self.seen:  # the boundary record repeats; 最新文件 reprints other lists
                self.seen.add(url)
                fresh += 1
                self.counts["items"] += 1
                if day is not None and ((self.since and day < self.since) or (self.until and day > self.until)):
                    self.requested.add(url)  # out of range: never requested, whatever list shows it
                    continue
            elif not touched:
                continue  # already judged not due on another list; only a touched list changes that
            if not is_due(url, self.known.get(url), self.revisit_policy, self.now, list_touched=touched):
                self.counts["not_due"] += url not in self.judged
                self.judged.add(url)
                continue
            self.counts["not_due"] -= url in self.judged
            meta = {"title": title, "date": day.isoformat() if day else None, "list": lst.name, "href": href,
                    **(extra or {})}
            yield self.detail_request(url, meta)
        self.stale_pages[lst.url] = 0 if fresh else self.stale_pages.get(lst.url, 0) + 1

    def next_page_wanted(self, response: Response, lst: ListPage, page_no: int, entries: list[Any]) -> bool:
        """Whether a backfill should read the page after ``page_no`` (call after :meth:`follow`).

        No in a normal cycle, past max_pages, on an empty page, after two pages in a row of
        nothing but repeats (a server answering page 1 for every page number: the loop guard;
        one such page is normal, e.g. Hanweb's page=1 repeating the column page), or once the
        list (newest first) has gone past ``since``.
        """
        if not self.deep or not entries:
            return False
        if self.stale_pages.get(lst.url, 0) >= 2:
            self.record_error(f"{lst.name}: pages repeat at {response.url}; paging stopped (loop guard)", None)
            return False
        dates = [Entry(*e).day for e in entries]
        known = [d for d in dates if d is not None]
        if self.since is not None and known and min(known) < self.since:
            return False
        limit = self.max_pages or DEFAULT_MAX_PAGES
        if page_no >= limit:
            # More was there to read: say so, a backfill that silently stops looks complete.
            self.truncations.append(f"{lst.name}: stopped at the page limit of {limit} list pages")
            return False
        return True

    def canonical(self, url: str) -> str | None:
        """The URL a link is stored and fetched under (:func:`crawlers.urls.canonical_url`):
        the primary host, the first list's scheme, ports kept; None off the source's hosts."""
        return canonical_url(url, self.source.hosts, self.source.lists[0].url)

    def detail_request(self, url: str, list_meta: dict[str, Any]) -> scrapy.Request:
        """A detail page request; conditional GET headers are added from fetch_state."""
        self.counts["requested"] += 1
        self.requested.add(url)
        return scrapy.Request(
            url,
            callback=self.parse_detail,
            errback=self.detail_failed,
            meta={"page_type": "detail", "list_meta": list_meta,
                  "handle_httpstatus_list": [304, *antibot.CHALLENGE_STATUSES]},
        )

    def revisit_off_list(self) -> None:
        """On the first idle moment: due known pages that no list showed this run (older pages
        fell off the first list pages but are still edited in place) are re-checked too.

        Not in a backfill (it has its own date range) and not when no list could be read (a
        blocked or dead site is not hammered with detail requests).
        """
        if self._revisits_issued or self.deep or not self.counts["lists_ok"] or self.crawler.engine is None:
            return
        self._revisits_issued = True
        due = [url for url, known in self.known.items()
               if url not in self.seen and url not in self.requested and is_due(url, known, self.revisit_policy, self.now)]
        if not due:
            return
        hints = load_list_meta(self.database_url, due) if self.database_url else {}
        for url in due:
            self.crawler.engine.crawl(self.detail_request(url, hints.get(url, {})))
        self.counts["revisited_off_list"] = len(due)
        raise DontCloseSpider

    # -- details ------------------------------------------------------------------------------

    def parse_detail(self, response: Response) -> Iterator[Any]:
        url = real_url(response.request) if response.request else response.url
        if response.status != 304:
            verdict = antibot.classify(response.status, response.body, url=url, final_url=response.url)
            if verdict is not None or response.status != 200:
                reason = verdict.reason if verdict else f"HTTP {response.status}"
                self.record_error(f"detail {url}: {reason}", "blocked" if verdict and verdict.kind == "blocked" else None)
                yield FetchFailed(self.source.id, url, reason, response.status)
                return
        headers = {
            k.decode("latin-1").lower(): b", ".join(v).decode("latin-1") for k, v in response.headers.items()
        }
        yield FetchedPage(
            source_id=self.source.id,
            url=url,
            final_url=response.url,
            status=response.status,
            headers=headers,
            body=response.body if response.status != 304 else b"",
            list_meta=response.meta.get("list_meta", {}),
        )
