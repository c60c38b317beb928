"""Hanweb (大汉) classic CMS: column pages with a ``<datastore>`` XML island, dataproxy.jsp paging.

One spider for every site of the family, driven by a registry entry (``-a source=jiangsu_gov``).
List keys: ``columnid``, ``unitid`` (required), ``webid`` (defaults to
the source's), ``source_content_type``; ``paging: window`` (POST startrecord/endrecord) or
``page`` (GET page=N). Source options: ``webid``, ``webname``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import quote, urlsplit, urlunsplit

import scrapy
from scrapy.http import Response

from crawlers.hanweb_records import TOTAL_PAGE, jpage_numbers, parse_records
from crawlers.registry import FamilySchema, ListPage
from crawlers.spiders.base import SourceSpider

DATAPROXY_PATH = "/module/web/jpage/dataproxy.jsp"


class HanwebSpider(SourceSpider):
    name = "hanweb"
    schema: ClassVar[FamilySchema] = FamilySchema(
        list_required=("columnid", "unitid"),
        list_optional={"webid": None, "source_content_type": 1},
        pagings=("window", "page"),
        source_options={"webid": 1, "webname": ""},
    )

    def parse_list(self, response: Response, lst: ListPage, page_no: int) -> Iterator[Any]:
        if not self.list_ok(response, lst, page_no):
            return
        text = response.text if response.body else ""
        entries = parse_records(text)
        if page_no == 1:
            if "<datastore" not in text:  # follow() tells a soft 404 (homepage) from a layout change
                yield from self.follow(response, lst, [], page_no)
                return
            numbers = jpage_numbers(text)
            per_page = numbers.get("perPage") or max(len(entries), 1)
            response.meta["paging"] = {
                "total": numbers.get("totalRecord", len(entries)),
                "per_page": per_page,
                "group": per_page * numbers.get("groupSize", 1),
            }
        yield from self.follow(response, lst, entries, page_no)
        if self.next_page_wanted(response, lst, page_no, entries):
            yield from self._next_page(response, lst, page_no)

    def _next_page(self, response: Response, lst: ListPage, page_no: int) -> Iterator[scrapy.Request]:
        """The next dataproxy request of a backfill, or nothing past the last record."""
        paging = dict(response.meta["paging"])
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
        base = urlunsplit((parts.scheme, parts.netloc, DATAPROXY_PATH, "", ""))
        params = {
            "col": 1,
            "appid": 1,
            "webid": lst.param("webid") or self.source.option("webid"),
            "path": "/",
            "columnid": lst.param("columnid"),
            "sourceContentType": lst.param("source_content_type"),
            "unitid": lst.param("unitid"),
            "webname": quote(self.source.option("webname") or self.source.name),
            "permissiontype": 0,
        }
        meta = {"paging": paging}
        if lst.paging == "page":
            query = "&".join(f"{k}={v}" for k, v in {"page": paging["proxy_page"], **params}.items())
            return self.list_request(f"{base}?{query}", lst, page_no, meta=meta)
        end = paging["window_end"]
        start = end - paging["group"] + 1
        return self.list_request(
            f"{base}?startrecord={start}&endrecord={end}&perpage={paging['per_page']}",
            lst,
            page_no,
            meta=meta,
            method="POST",
            body="&".join(f"{k}={v}" for k, v in params.items()),
            headers={
                "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
                "X-Requested-With": "XMLHttpRequest",
                "Referer": lst.url,
            },
        )
