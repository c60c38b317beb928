"""Storage of the crawl: raw pages, per-URL fetch state, and one health row per (run, source).

Writes are idempotent: a raw page is inserted only when its bytes differ from the URL's latest
page (or were never stored), at most once per (url, sha256, run); fetch state
is an upsert by URL, and source health an upsert by (run, source). The pipeline writes
synchronously from the reactor thread; pages are few and small, so a blocking insert is simpler
than a thread pool and keeps rows in fetch order.
"""

from __future__ import annotations

import hashlib
import logging
import zlib
from datetime import datetime
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from sqlalchemy import make_url, select
from sqlalchemy.exc import IntegrityError

from crawlers.items import FetchedPage, FetchFailed, ListMark
from crawlers.time_budget import budget_health
from models.db import session_scope
from models.tables import FetchState, RawPage, SourceHealth

log = logging.getLogger(__name__)


def ensure_sqlite_dir(database_url: str) -> None:
    """Create the directory of a SQLite file (the embedded default under the data dir)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def load_fetch_state(database_url: str, source_id: str) -> dict[str, tuple[str | None, str | None]]:
    """{url: (etag, last_modified)} of every URL of the source fetched before."""
    with session_scope(database_url) as session:
        rows = session.execute(
            select(FetchState.url, FetchState.etag, FetchState.last_modified).where(
                FetchState.source_id == source_id
            )
        )
        return {url: (etag, lm) for url, etag, lm in rows if etag or lm}


def store_page(database_url: str, run_id: str, page: FetchedPage, now: datetime) -> bool:
    """Record one fetched page; returns True when a new raw_pages row was inserted."""
    digest = hashlib.sha256(page.body).hexdigest() if page.status != 304 else None
    inserted = False
    with session_scope(database_url) as session:
        state = session.get(FetchState, page.url) or FetchState(
            url=page.url, source_id=page.source_id, consecutive_failures=0
        )
        state.last_status = page.status
        state.last_seen_at = now
        state.consecutive_failures = 0
        if digest is not None:
            state.etag = page.headers.get("etag")
            state.last_modified = page.headers.get("last-modified")
            changed = state.body_sha256 != digest
            if changed:
                state.body_sha256 = digest
                state.last_changed_at = now
            # Stored when the bytes differ from the URL's latest page, even if they were seen
            # before (2000万 -> 3000万 -> 2000万 is two changes), or were never stored; once per run.
            seen = select(RawPage.id).where(RawPage.url == page.url, RawPage.sha256 == digest)
            if changed or session.scalar(seen) is None:
                if session.scalar(seen.where(RawPage.run_id == run_id)) is None:
                    session.add(RawPage(
                        run_id=run_id, source_id=page.source_id, url=page.url, final_url=page.final_url,
                        page_type=page.page_type, fetched_at=now, status=page.status, headers=page.headers,
                        body=zlib.compress(page.body), sha256=digest, list_meta=page.list_meta,
                    ))
                    inserted = True
        session.add(state)
    return inserted


def record_failure(database_url: str, failure: FetchFailed, now: datetime) -> None:
    with session_scope(database_url) as session:
        state = session.get(FetchState, failure.url) or FetchState(
            url=failure.url, source_id=failure.source_id, consecutive_failures=0
        )
        state.consecutive_failures = (state.consecutive_failures or 0) + 1
        state.last_status = failure.status
        # last_seen_at is "last checked": with consecutive_failures it spaces out the retries
        # of a page that keeps failing (crawlers.revisit backs off exponentially).
        state.last_seen_at = now
        session.add(state)


def store_list_mark(database_url: str, mark: ListMark, now: datetime) -> None:
    """Upsert the fetch_state row of a list page: its signature sits in ``body_sha256``."""
    with session_scope(database_url) as session:
        state = session.get(FetchState, mark.url) or FetchState(
            url=mark.url, source_id=mark.source_id, consecutive_failures=0
        )
        if state.body_sha256 != mark.signature:
            state.body_sha256 = mark.signature
            state.last_changed_at = now
        state.last_modified = mark.last_modified
        state.last_status = mark.status
        state.last_seen_at = now
        state.consecutive_failures = 0
        session.add(state)


def write_health(
    database_url: str, run_id: str, source_id: str, values: dict[str, Any], now: datetime
) -> None:
    """Upsert the source_health row of (run, source)."""
    with session_scope(database_url) as session:
        row = session.scalar(
            select(SourceHealth).where(SourceHealth.run_id == run_id, SourceHealth.source_id == source_id)
        ) or SourceHealth(run_id=run_id, source_id=source_id)
        row.checked_at = now
        for key in ("state", "pages", "items", "errors", "message"):
            setattr(row, key, values[key])
        session.add(row)


class RawPageStorePipeline:
    """Stores what the spider fetched and, when the spider closes, the source's health."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.database_url: str = crawler.settings["STORE_DATABASE_URL"]
        ensure_sqlite_dir(self.database_url)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RawPageStorePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        spider: Any = self.crawler.spider  # a SourceSpider: has run_id, now, source, health()
        stats = self.crawler.stats
        assert spider is not None and stats is not None
        now: datetime = spider.now  # the run's clock, passed in (a bench simulates later cycles)
        if isinstance(item, FetchedPage):
            try:
                # A duplicate racing in from a concurrent run is the same row: not an error.
                new = store_page(self.database_url, spider.run_id, item, now)
            except IntegrityError:
                new = False
            stats.inc_value("opcwatch/raw_pages_new" if new else "opcwatch/raw_pages_unchanged")
        elif isinstance(item, FetchFailed):
            record_failure(self.database_url, item, now)
        elif isinstance(item, ListMark):
            store_list_mark(self.database_url, item, now)
        return item

    def close_spider(self) -> None:
        spider: Any = self.crawler.spider
        stats = self.crawler.stats
        assert spider is not None and stats is not None
        values = budget_health(spider.health(), spider)  # cut short by its time budget?
        write_health(self.database_url, spider.run_id, spider.source.id, values, spider.now)
        level = logging.ERROR if values["state"] in {"empty", "down", "blocked"} else logging.INFO
        log.log(level, "source %s: %s (%s)", spider.source.id, values["state"], values["message"])
