"""Selector-driven list pages: any site whose list is HTML rows with a link and a date.

One spider for every ``family: generic`` source; the registry list entry says where things are
(CSS, or XPath when the string starts with ``/``, ``(`` or ``./``; row-level selectors run on
each row):

- ``item`` (required): the rows, e.g. ``ul.list > li`` or ``//div[@class='news']//li``.
- ``link``: the detail href in a row (default ``a::attr(href)``).
- ``title``: the row title (default: the link's ``title`` attribute, else its text).
- ``date``: the row's date text (default none: the date is searched in the whole row text,
  which is also the fallback when the selector finds no date).
- ``paging``: ``none`` (default); ``next``: follow the ``next`` selector's href (a "下一页"
  link); ``template``: ``page_url`` with ``{n}`` joined to the list URL, e.g. ``index_{n}.html``
  for TRS-style static pages, ``{n}`` starting at ``page_start`` (default 1) on the second page
  and stopping after ``max_pages`` pages (the site's ``countPage``, when known).

Deeper pages are read only in a backfill (since / until / max_pages), like every family.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import urljoin

from parsel import Selector
from scrapy.http import Response

from crawlers import antibot
from crawlers.generic_lists import first_text, list_date, select
from crawlers.registry import FamilySchema, ListPage
from crawlers.spiders.base import Entry, SourceSpider


def row_entries(page: Selector, lst: ListPage) -> list[Entry]:
    """The (href, title, date) entries of one list page, in page order; rows without a link are
    skipped (header rows, pager rows inside the same ``ul``)."""
    entries = []
    for row in select(page, lst.param("item")):
        href = select(row, lst.param("link")).get("").strip()
        if not href or href.startswith(("javascript:", "#")):
            continue
        if lst.param("title"):
            title = first_text(row, lst.param("title"))
        else:
            title = (row.css("a::attr(title)").get() or first_text(row, "a ::text")).strip()
        day = list_date(first_text(row, lst.param("date"))) if lst.param("date") else None
        if day is None:  # the date selector missed (layout drift) or none was given
            day = list_date("".join(row.xpath(".//text()").getall()))
        entries.append(Entry(href, title, day))
    return entries


class GenericSpider(SourceSpider):
    name = "generic"
    schema: ClassVar[FamilySchema] = FamilySchema(
        list_required=("item",),
        list_optional={
            "link": "a::attr(href)",
            "title": None,
            "date": None,
            "next": None,
            "page_url": None,
            "page_start": 1,
            "max_pages": None,
        },
        pagings=("none", "next", "template"),
    )

    def parse_list(self, response: Response, lst: ListPage, page_no: int) -> Iterator[Any]:
        if not self.list_ok(response, lst, page_no) or self._redirected_home(response, lst):
            return
        if not hasattr(response, "text"):  # a binary answer where a list page should be
            self.record_error(f"{lst.name}: not an HTML list at {response.url} (layout changed?)", "layout")
            return
        entries = row_entries(Selector(text=response.text), lst)
        yield from self.follow(response, lst, entries, page_no)
        if lst.paging == "none" or not self.deep:
            return
        # The list's own end first: only a list with more to read can be cut by the page limit.
        next_url = self._next_url(response, lst, page_no)
        if next_url and self.canonical(next_url) is not None and self.next_page_wanted(response, lst, page_no, entries):
            yield self.list_request(next_url, lst, page_no + 1, meta={"asked_url": next_url})

    def _redirected_home(self, response: Response, lst: ListPage) -> bool:
        """A list URL that redirected to the homepage (a retired channel: soft 404), recorded as
        a layout change. Workaround: ``list_ok`` compares the final URL with the *redirected*
        request's URL (``real_url`` of ``response.request``), so it never sees the redirect."""
        asked = response.meta.get("asked_url", lst.url)
        verdict = antibot.classify(response.status, response.body, url=asked, final_url=response.url)
        if verdict is None:
            return False
        self.record_error(f"{lst.name}: {verdict.reason}", "layout")
        return True

    def _next_url(self, response: Response, lst: ListPage, page_no: int) -> str | None:
        """The URL of page ``page_no + 1``, or None at the end of the list."""
        if lst.paging == "next":
            if not lst.param("next"):
                return None
            href = select(Selector(text=response.text), lst.param("next")).get("").strip()
            return urljoin(response.url, href) if href and not href.startswith("javascript:") else None
        cap = lst.param("max_pages")
        if not lst.param("page_url") or (cap and page_no >= int(cap)):
            return None
        n = int(lst.param("page_start")) + page_no - 1
        return urljoin(lst.url, str(lst.param("page_url")).format(n=n))
