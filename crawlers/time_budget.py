"""The wall-clock budget of one source's crawl: a Scrapy extension, and what it does to health.

Without a bound, a site that answers slowly (or a backfill on endless pagination) could hold
its host lease, and the run, for hours. Each crawler (one per source, crawlers/crawl_main.py)
gets ``SOURCE_TIME_BUDGET`` seconds from the moment its spider opens; then the spider is
closed like Scrapy's CLOSESPIDER_TIMEOUT would, but the spider is told first, so its health
says the crawl was cut short (state ``truncated``, the same state a page limit gives) instead
of looking complete. ``0`` disables the bound.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import deferred_from_coro

log = logging.getLogger(__name__)

CLOSE_REASON = "time_budget"
# A crawl that got somewhere is truncated; one that never reached its lists stays down/blocked.
TRUNCATABLE = ("ok", "empty", "truncated")


class TimeBudget:
    """Closes the spider ``SOURCE_TIME_BUDGET`` seconds after it opened, and marks it."""

    def __init__(self, crawler: Crawler, seconds: float) -> None:
        self.crawler = crawler
        self.seconds = seconds
        self.task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TimeBudget:
        seconds = crawler.settings.getfloat("SOURCE_TIME_BUDGET", 0.0)
        if seconds <= 0:
            raise NotConfigured("no time budget per source")
        extension = cls(crawler, seconds)
        crawler.signals.connect(extension.opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.closed, signal=signals.spider_closed)
        return extension

    def opened(self, spider: Spider) -> None:
        self.task = call_later(self.seconds, self.expire, spider)

    def expire(self, spider: Spider) -> None:
        # Read by budget_health() when the storage pipeline writes the source's health.
        spider.cut_short = (  # type: ignore[attr-defined]
            f"stopped at the time budget of {self.seconds:g} s per source (OPCWATCH_SOURCE_TIME_BUDGET)")
        log.warning("source %s: time budget of %g s used up; closing its crawl",
                    getattr(spider, "source_id", spider.name), self.seconds)
        if self.crawler.engine is not None:
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=CLOSE_REASON))

    def closed(self, spider: Spider) -> None:
        if self.task is not None:
            self.task.cancel()  # a no-op once it has fired


def budget_health(values: dict[str, Any], spider: Any) -> dict[str, Any]:
    """The source's health values, said to be cut short when the spider was stopped before its
    end: its time budget ran out, or the run that started the crawl died (crawl_main)."""
    note = getattr(spider, "cut_short", None)
    if not note:
        return values
    state = "truncated" if values["state"] in TRUNCATABLE else values["state"]
    return {**values, "state": state, "message": f"{note}; {values.get('message') or ''}".rstrip("; ")}
