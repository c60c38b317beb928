"""TRS WCM (拓尔思): Nanjing's portal and bureaus, static ``index_N`` lists and the IGS JSON search.

One spider for every TRS site, driven by a registry entry.

- ``paging: index_n`` (default): ``index.html`` then ``index_1.html … index_{N-1}.html``, or ``index_<chanid>.html`` then ``index_<chanid>_1.html …``; N is read from the inline
  pager script (``createPageHTML(N, …)`` / ``var countPage = N``) or a printed ``共N页``. Rows
  are read with the list keys ``item`` (rows), ``link`` (the anchor in a row) and ``date`` (the
  element with the date; empty = the row text outside the link). Links are usually relative
  (``./YYYYMM/tYYYYMMDD_ID.html``) and joined to the page URL.
- ``paging: igs``: the IGS search API (``/igs/front/search/publish/data/list.html?…&pageIndex=N``)
  answering ``{"rows": [{"DOCPUBURL", "DOCTITLE", "DOCRELTIME"}]}``; pages until a short or empty page.

Quirks handled: deep ``index_N`` pages may be tiny 300–400 B stubs without rows: the end
of the list, not an error. A first list page under 1 KB without rows is the IP-gating shell
(Nanjing answered 618 B to datacenter IPs): recorded as blocked, never parsed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from scrapy.http import Response

from crawlers.registry import FamilySchema, ListPage
from crawlers.spiders.base import SourceSpider
from crawlers.trs_lists import html_rows, igs_page, igs_page_size, igs_rows, page_count, page_url

SHELL_BYTES = 1024  # a first list page smaller than this, without rows, is a gate shell, not a list


class TrsSpider(SourceSpider):
    name = "trs"
    schema: ClassVar[FamilySchema] = FamilySchema(
        list_optional={"item": "ul.universal_overview_con > li", "link": "a[href]", "date": ""},
        pagings=("index_n", "igs"),
    )

    def parse_list(self, response: Response, lst: ListPage, page_no: int) -> Iterator[Any]:
        """One list page (HTML or IGS JSON): its entries, then the next page in a backfill."""
        if not self.list_ok(response, lst, page_no):
            return
        if lst.paging == "igs":
            yield from self._igs_page(response, lst, page_no)
            return
        text = response.text if response.body else ""
        entries = html_rows(text, lst.param("item"), lst.param("link"), lst.param("date") or None)
        if page_no == 1 and not entries and len(response.body) < SHELL_BYTES:
            hint = f" ({self.source.blocked_hint})" if self.source.blocked_hint else ""
            self.record_error(
                f"{lst.name}: {len(response.body)} B shell instead of the list at {response.url}: "
                f"the site gates this IP{hint}", "blocked")
            return
        if page_no == 1:
            response.meta["pages"] = page_count(text)
        pages = response.meta.get("pages")
        yield from self.follow(response, lst, entries, page_no)
        if pages is not None and page_no >= pages:
            return
        if self.next_page_wanted(response, lst, page_no, entries):
            url = page_url(lst.url, page_no + 1)
            if url is None:
                self.record_error(f"{lst.name}: {lst.url} is not an index[_chanid].html list; cannot page", "layout")
                return
            yield self.list_request(url, lst, page_no + 1, meta={"pages": pages})

    def _igs_page(self, response: Response, lst: ListPage, page_no: int) -> Iterator[Any]:
        entries = igs_rows(response.text if response.body else "")
        if entries is None:
            kind = "layout" if page_no == 1 else None
            self.record_error(f"{lst.name}: not an IGS JSON answer at {response.url} (layout changed?)", kind)
            return
        yield from self.follow(response, lst, entries, page_no)
        size = igs_page_size(lst.url)
        if size is not None and len(entries) < size:
            return  # a short page is the last one
        if self.next_page_wanted(response, lst, page_no, entries):
            yield self.list_request(igs_page(lst.url, page_no + 1), lst, page_no + 1)
