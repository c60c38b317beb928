"""Hanweb (大汉) classic CMS: column pages with a ``<datastore>`` XML island, dataproxy.jsp paging.

One spider for every site of the family, driven by a registry entry (``-a source=jiangsu_gov``).
List keys: ``columnid``, ``unitid`` (required), ``webid`` (defaults to the source's),
``source_content_type``; ``paging``: ``auto`` (the default: detected), ``window`` (POST
startrecord/endrecord) or ``page`` (GET page=N, following ``<nextgroup>``). Source options:
``webid``, ``webname``.

What a backfill reads comes from the column page itself, not from assumptions: the records it
embeds (anything from one page to a whole group on real sites, so the first window starts
right after them), ``totalRecord``/``perPage``/``groupSize`` of its jpage call, the
``proxyUrl`` (older sites use another path) and the ``<nextgroup>`` link. ``auto`` tries the
window endpoint first and falls back to page=N when a window inside the total comes back
empty (some servers answer only one of the two styles).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

import scrapy
from scrapy.http import Response

from crawlers.hanweb_records import TOTAL_PAGE, jpage_numbers, next_group, parse_records, proxy_url
from crawlers.registry import FamilySchema, ListPage
from crawlers.spiders.base import SourceSpider

DATAPROXY_PATH = "/module/web/jpage/dataproxy.jsp"


class HanwebSpider(SourceSpider):
    name = "hanweb"
    schema: ClassVar[FamilySchema] = FamilySchema(
        list_required=("columnid", "unitid"),
        list_optional={"webid": None, "source_content_type": 1},
        pagings=("auto", "window", "page"),
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
            response.meta["paging"] = self._column_paging(response, text, lst, len(entries))
        paging = response.meta["paging"]
        if page_no > 1 and paging["mode"] == "page":
            paging["next_group"] = _absolute(response, next_group(text))
        yield from self.follow(response, lst, entries, page_no)
        request = self._next_request(response, lst, page_no, entries)
        if request is None:
            return
        # A switch of paging style re-asks for the records the empty window should have held,
        # so the empty answer does not end the list.
        if request.meta["paging"].get("switched") == page_no or self.next_page_wanted(response, lst, page_no, entries):
            yield request

    def _column_paging(self, response: Response, text: str, lst: ListPage, embedded: int) -> dict[str, Any]:
        """What the column page says about reaching the rest of its records."""
        numbers = jpage_numbers(text)
        per_page = numbers.get("perPage") or max(embedded, 1)
        return {
            "total": numbers.get("totalRecord", embedded),
            "per_page": per_page,
            "group": per_page * numbers.get("groupSize", 1),
            "embedded": embedded,
            "proxy": urljoin(response.url, proxy_url(text) or DATAPROXY_PATH),
            "next_group": _absolute(response, next_group(text)),
            "mode": "window" if lst.paging in ("auto", "window") else "page",
            "auto": lst.paging == "auto",
        }

    def _next_request(
        self, response: Response, lst: ListPage, page_no: int, entries: list[Any]
    ) -> scrapy.Request | None:
        """The next dataproxy request of a backfill, or None past the last record."""
        paging = dict(response.meta["paging"])
        if paging["mode"] == "window":
            if page_no > 1 and not entries and paging["auto"]:
                if int(paging["window_end"]) - paging["group"] < paging["total"]:
                    # An empty window inside the total: this server pages by page=N only.
                    self.logger.info("%s: window paging answered nothing; switching to page=N", lst.name)
                    paging.update(mode="page", switched=page_no)
                    return self._page_request(lst, page_no, paging)
                return None
            start = int(paging.get("window_end") or paging["embedded"]) + 1
            if start > paging["total"]:
                return None
            paging["window_end"] = start + paging["group"] - 1
            return self._window_request(lst, page_no + 1, paging)
        if page_no > 1:
            last = TOTAL_PAGE.search(response.text)
            if last and int(paging["proxy_page"]) >= int(last.group(1)):
                return None
        elif paging["embedded"] >= paging["total"]:
            return None
        return self._page_request(lst, page_no, paging)

    def _params(self, lst: ListPage) -> dict[str, Any]:
        return {
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

    def _page_request(self, lst: ListPage, page_no: int, paging: dict[str, Any]) -> scrapy.Request:
        """page=N (GET). The server picks the page size (about 100 on the real site, not
        perPage), so page 1 is read too (the seen set drops what the column page embedded).
        A ``<nextgroup>`` link is followed as written (its ids may be encrypted); without one
        the next page number is asked for with the registry's ids."""
        proxy_page = int(paging.get("proxy_page") or 0) + 1
        paging["proxy_page"] = proxy_page
        link = paging.get("next_group")
        meta = {"paging": paging}
        if link and (proxy_page == 1 or _page_number(link) == proxy_page):
            return self.list_request(link, lst, page_no + 1, meta=meta)
        parts = urlsplit(paging["proxy"])
        query = "&".join(f"{k}={v}" for k, v in {"page": proxy_page, **self._params(lst)}.items())
        url = urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))
        return self.list_request(url, lst, page_no + 1, meta=meta)

    def _window_request(self, lst: ListPage, page_no: int, paging: dict[str, Any]) -> scrapy.Request:
        """One startrecord/endrecord window (POST), the way the site's jpage script asks."""
        end = paging["window_end"]
        start = end - paging["group"] + 1
        return self.list_request(
            f"{paging['proxy']}?startrecord={start}&endrecord={end}&perpage={paging['per_page']}",
            lst,
            page_no,
            meta={"paging": paging},
            method="POST",
            body="&".join(f"{k}={v}" for k, v in self._params(lst).items()),
            headers={
                "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
                "X-Requested-With": "XMLHttpRequest",
                "Referer": lst.url,
            },
        )


def _absolute(response: Response, link: str | None) -> str | None:
    return urljoin(response.url, link) if link else None


def _page_number(link: str) -> int | None:
    for pair in urlsplit(link).query.split("&"):
        key, _, value = pair.partition("=")
        if key == "page" and value.isdigit():
            return int(value)
    return None
