"""Hanweb JPaaS (new-generation 大汉): Yangzhou and Taizhou, lists served by the unit API.

One spider for every JPaaS site, driven by a registry entry. A column
``index.html`` is an empty shell whose ``unitbuild.js`` script tag carries ``queryData`` (single-
quoted JSON with webId, tplSetId, pageId, tagId); the spider reads it and asks
``/api-gateway/jpaas-publish-server/front/page/build/unit?parseType=bulidstatic&…&paramJson={"pageNo":N,"pageSize":15}``.
The answer's ``data.html`` holds the rows (``li.clearfix`` or ``ul.lmy-list-ul > li``: list key
``item``; ``link`` and ``date`` as in the TRS spider) and ``div.pagination rows= count=``.

Stops on an empty page, at the last page ``count`` announces, or on ``{"success":false,
"message":…}`` (recorded: on the first page the list could not be read at all). A shell
without a pageId is recorded as layout_changed with what is missing (it broke a Jiangdu
crawler). Detail pages are ``…/art/YYYY/art_<32hex>.html``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from scrapy.http import Response

from crawlers.jpaas_lists import UnitQuery, unit_answer, unit_query, unit_url
from crawlers.registry import FamilySchema, ListPage
from crawlers.spiders.base import SourceSpider
from crawlers.trs_lists import html_rows

_THROTTLED = ("频繁", "限流", "稍后", "拒绝", "too many", "limit")


class JpaasSpider(SourceSpider):
    name = "jpaas"
    schema: ClassVar[FamilySchema] = FamilySchema(
        list_optional={"item": "li.clearfix", "link": "a[href*='/art/']", "date": "", "page_size": 15},
        pagings=("unit",),
    )

    def parse_list(self, response: Response, lst: ListPage, page_no: int) -> Iterator[Any]:
        """The column shell: read queryData and ask the unit API for page 1."""
        if not self.list_ok(response, lst, page_no):
            return
        text = response.text if response.body else ""
        try:
            query = unit_query(text)
        except ValueError as exc:
            self.record_error(f"{lst.name}: unreadable queryData at {response.url}: {exc}", "layout")
            return
        if query is None:
            self.record_error(f"{lst.name}: no unitbuild script with queryData at {response.url} (layout changed?)",
                              "layout")
            return
        if missing := query.missing():
            self.record_error(
                f"{lst.name}: queryData at {response.url} has no {', '.join(missing)}; the unit API "
                f"cannot be asked (layout changed?)", "layout")
            return
        yield self._unit_request(lst, query, 1)

    def _unit_request(self, lst: ListPage, query: UnitQuery, page_no: int) -> Any:
        url = unit_url(lst.url, query, page_no, int(lst.param("page_size")))
        return self.list_request(url, lst, page_no, callback=self.parse_unit, meta={"unit_query": query},
                                 headers={"Referer": lst.url, "X-Requested-With": "XMLHttpRequest"})

    def parse_unit(self, response: Response, lst: ListPage, page_no: int) -> Iterator[Any]:
        """One unit API page: entries, then the next page in a backfill."""
        if not self.list_ok(response, lst, page_no):
            return
        answer = unit_answer(response.text if response.body else "")
        if answer is None:
            self.record_error(f"{lst.name}: unit API answered no JSON at {response.url}", "layout" if page_no == 1 else None)
            return
        if not answer.ok:
            kind = None
            if page_no == 1:
                kind = "blocked" if any(w in answer.message.lower() for w in _THROTTLED) else "layout"
            self.record_error(f"{lst.name}: unit API page {page_no} refused: success=false, "
                              f"message {answer.message!r}", kind)
            return
        entries = html_rows(answer.html, lst.param("item"), lst.param("link"), lst.param("date") or None)
        yield from self.follow(response, lst, entries, page_no)
        if answer.pages is not None and page_no >= answer.pages:
            return
        if self.next_page_wanted(response, lst, page_no, entries):
            yield self._unit_request(lst, response.meta["unit_query"], page_no + 1)
