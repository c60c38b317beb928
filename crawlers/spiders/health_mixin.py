"""Failure handling, the empty-list verdict (soft 404 or changed layout) and the per-run health of a source.

Kept apart from :mod:`crawlers.spiders.base` so the navigation logic stays readable. The
mixin expects the spider to have ``source``, ``counts``, ``first_error``, ``deep`` and ``logger``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawlers import antibot
from crawlers.hanweb_records import connection_errors, error_name
from crawlers.items import FetchFailed
from crawlers.middlewares import real_url
from crawlers.registry import ListPage, Source


class HealthMixin:
    source: Source
    counts: dict[str, int]
    first_error: str
    truncations: list[str]
    logger: Any

    @property
    def deep(self) -> bool:  # overridden by SourceSpider: a backfill run
        raise NotImplementedError

    def list_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        kind = "down" if failure.check(*connection_errors()) else None
        self.record_error(f"list {real_url(request)}: {error_name(failure)}: {failure.getErrorMessage()}", kind)

    def detail_failed(self, failure: Failure) -> Iterator[FetchFailed]:
        request = failure.request  # type: ignore[attr-defined]
        response = getattr(failure.value, "response", None)
        message = f"{error_name(failure)}: {failure.getErrorMessage()}"
        self.record_error(f"detail {real_url(request)}: {message}", None)
        yield FetchFailed(self.source.id, real_url(request), message, getattr(response, "status", None))

    def record_error(self, message: str, kind: str | None) -> None:
        """Count an error (kind: blocked / down / layout / None) and keep the first message."""
        self.counts["errors"] += 1
        if kind:
            self.counts[kind] += 1
        self.first_error = self.first_error or message
        self.logger.warning(message)

    def health(self) -> dict[str, Any]:
        """The source_health values of this run: state ok / truncated / empty / blocked / layout_changed / down."""
        c, n_lists = self.counts, len(self.source.lists)
        if c["lists_ok"] == 0 and c["down"]:
            state, message = "down", f"site unreachable: {self.first_error}"
        elif c["lists_ok"] == 0 and c["blocked"]:
            state, message = "blocked", self.first_error
        elif c["lists_ok"] == 0 and c["layout"]:
            state, message = "layout_changed", self.first_error
        elif c["items"] == 0:
            state, message = "empty", f"zero list entries in {n_lists} lists. {self.first_error}"
        else:
            # truncated: everything read was fine, but a list was not read to its end.
            state = "truncated" if self.truncations else "ok"
            message = "; ".join(self.truncations) + "; " if self.truncations else ""
            message += (f"{c['lists_ok']}/{n_lists} lists, {c['pages']} list pages, {c['items']} entries, "
                       f"{c['requested']} detail requests ({c['revisited_off_list']} off-list revisits), "
                       f"{c['not_due']} known pages not due")
            if not self.deep and c["items"] < self.source.min_items:
                message += f"; fewer entries than the registry minimum {self.source.min_items}"
            if self.first_error:
                message += f"; first error: {self.first_error}"
        return {"state": state, "pages": c["pages"], "items": c["items"], "errors": c["errors"], "message": message}

    def home_request(self, response: Response, lst: ListPage) -> scrapy.Request:
        """A first list page without entries: is it the homepage served for a gone channel (a
        soft 404, SIP-style) or a changed layout? One look at the homepage's title decides."""
        parts = urlsplit(response.url)
        title = antibot.page_title(response.body)
        return scrapy.Request(
            urlunsplit((parts.scheme, parts.netloc, "/", "", "")),
            callback=self.judge_empty_list,
            errback=lambda _failure: self.judge_empty_list(None, lst, response.url, title),
            cb_kwargs={"lst": lst, "url": response.url, "title": title},
            meta={"page_type": "home"},
            dont_filter=True,
        )

    def judge_empty_list(self, home: Response | None, lst: ListPage, url: str, title: str) -> None:
        home_title = antibot.page_title(home.body) if home is not None and home.status == 200 else None
        verdict = antibot.classify(200, f"<title>{title}</title>".encode(), url=url, home_title=home_title)
        reason = verdict.reason if verdict else f"no list entries found at {url} (layout changed?)"
        self.record_error(f"{lst.name}: {reason}", "layout")
