"""JSON list APIs: Wuxi info_open + intertid static lists, Xuzhou Epoint, Nantong/Lianyungang TrueCMS, Huaian.

One spider for every site of the family, driven by a registry entry; each list names its API
with ``api:``:

- ``wuxi_info_open``: ``POST /info_open/search`` (``pageIndex`` 1-based, 20 rows) with the
  source's ``site_id`` and the list's ``channel_ids`` (both read from the shell's
  ``getSearchList(...)`` call when the registry omits them). ``paging: static`` pages the
  Jiangyin hybrid instead: deeper pages are the static ``index_N.shtml``.
- ``static_pages``: server-rendered intertid lists ``index.shtml``, ``index_N.shtml``; rows
  are the list's ``item`` selector. intertid answers 404 for ``index_1.shtml`` while
  ``index_2…`` exist, so one missing deep page is stepped over, two in a row end the list.
- ``epoint``: ``POST /EWB-FRONT/rest/lightfrontaction/getgovinfolist`` with a JSON body
  (``pageIndex`` 0-based), the list's ``categorynum`` (default: from the column URL) and the
  source's ``site_guid``.
- ``truecms_jsonp``: the column page's ``#initData`` rows (first 30) with ``columnId`` and
  ``<totalrecord>``; deeper windows from the JSONP ``getMessage.do`` (``<record>`` CDATA items).
- ``huaian_lists``: ``POST /articleCommonController/lists.do`` form (``page`` 1-based,
  ``pagesize``, ``topic`` and the list's extra ``form`` fields such as ``rdeptid``).
- ``json_list``: any JSON list API the entry describes under ``json:`` (rows, link, title, date,
  total, page parameter, GET or POST); ``gkmlpt``: its preset for Guangdong's
  ``/gkmlpt/api/all/<category>?page=N&sid=S`` (:mod:`crawlers.json_list`).

The spider navigates only: list answers become ``(href, title, date)`` entries for
:meth:`SourceSpider.follow`; the readers live in :mod:`crawlers.json_api_lists`.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import scrapy
from scrapy.http import Response

from crawlers import antibot, json_list
from crawlers import json_api_lists as read
from crawlers.registry import FamilySchema, ListPage
from crawlers.spiders.base import SourceSpider

JSON_LISTS = ("json_list", "gkmlpt")  # described by the entry's json: keys (crawlers/json_list.py)
APIS = ("wuxi_info_open", "static_pages", "epoint", "truecms_jsonp", "huaian_lists", *JSON_LISTS)
ENDPOINTS = {
    "wuxi_info_open": "/info_open/search",
    "epoint": "/EWB-FRONT/rest/lightfrontaction/getgovinfolist",
    "truecms_jsonp": "/truecms/messageController/getMessage.do",
    "huaian_lists": "/articleCommonController/lists.do",
}
PAGE_SIZES = {"wuxi_info_open": 20, "epoint": 20, "truecms_jsonp": 10, "huaian_lists": 50}
TRUECMS_GROUP = 3  # jpage groupSize: one JSONP window holds perpage × 3 records
MISSING_PAGES_TOLERATED = 1  # intertid's index_1.shtml gap; a second 404 in a row is the end
FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8", "X-Requested-With": "XMLHttpRequest"}


class JsonApiSpider(SourceSpider):
    name = "json_api"
    schema: ClassVar[FamilySchema] = FamilySchema(
        list_required=("api",),
        list_optional={
            "channel_ids": None,  # wuxi_info_open
            "item": None,  # static_pages / truecms_jsonp row selector
            "categorynum": None,  # epoint
            "deptcode": "",  # epoint
            "column_id": None,  # truecms_jsonp (default: the page's columnId literal)
            "topic": None,  # huaian_lists
            "form": {},  # huaian_lists: extra form fields (rdeptid, deptid …)
            "page_size": None,  # default per API (PAGE_SIZES)
            "json": {},  # json_list / gkmlpt: rows, link, title, date, page … (crawlers/json_list.py)
        },
        pagings=("api", "static"),
        source_options={"site_id": "", "site_guid": ""},
    )

    async def start(self) -> AsyncIterator[Any]:
        for lst in self.source.lists:
            api = lst.param("api")
            if api not in APIS:
                self.record_error(f"{lst.name}: unknown api {api!r} (known: {', '.join(APIS)})", "layout")
            elif api == "wuxi_info_open" and not (self.source.option("site_id") and lst.param("channel_ids")):
                # The registry did not name the API parameters: the shell page does.
                yield self.list_request(lst.url, lst, callback=self.parse_shell)
            elif api in ("static_pages", "truecms_jsonp"):
                yield self.list_request(lst.url, lst, callback=self.parse_html_list)
            else:
                yield self._api_request(lst, 1, {})

    # -- callbacks ----------------------------------------------------------------------------

    def parse_shell(self, response: Response, lst: ListPage, page_no: int) -> Iterator[Any]:
        """An intertid district shell: learn siteId/channelIds, then ask the API for page 1."""
        if not self.list_ok(response, lst, page_no):
            return
        found = read.search_list_params(response.text)
        if found is None:
            self.record_error(f"{lst.name}: no getSearchList(...) call at {response.url} (layout changed?)", "layout")
            return
        site_id, channels, size = found
        yield self._api_request(lst, 1, {"site_id": site_id, "channel_ids": channels, "page_size": size})

    def parse_api(self, response: Response, lst: ListPage, page_no: int) -> Iterator[Any]:
        """One JSON (or JSONP) answer of a list API."""
        if not self.list_ok(response, lst, page_no):
            return
        api, paging = lst.param("api"), dict(response.meta.get("paging") or {})
        if api in JSON_LISTS:
            found = json_list.rows(response.text, json_list.spec_for(api, lst.param("json")))
            if found is None:
                self.record_error(f"{lst.name}: not the JSON list the entry describes at {response.url}",
                                  "layout" if page_no == 1 else None)
                return
            entries, total = found
            paging["page_size"] = paging.get("page_size") or len(entries)  # the server's size, if unsaid
        else:
            reader = {"wuxi_info_open": read.info_open_rows, "epoint": read.epoint_rows,
                      "huaian_lists": read.huaian_rows, "truecms_jsonp": read.truecms_jsonp_rows}[api]
            entries, total = reader(response.text)
        if total is not None:
            paging["total"] = total
        yield from self.follow(response, lst, entries, page_no)
        static = api == "wuxi_info_open" and lst.paging == "static"  # the Jiangyin hybrid
        # The list's own end first: only a list with more to read can be cut by the page limit.
        if not (static or self._more(lst, paging, page_no)) or not self.next_page_wanted(
                response, lst, page_no, entries):
            return
        if static:
            yield self._static_request(lst, page_no + 1, suffix=1)
        else:
            yield self._api_request(lst, page_no + 1, paging)

    def parse_html_list(self, response: Response, lst: ListPage, page_no: int) -> Iterator[Any]:
        """A server-rendered list page: intertid ``index[_N].shtml`` or a TrueCMS column page."""
        if not self.list_ok(response, lst, page_no):
            return
        api = lst.param("api")
        if response.status == 404:
            yield from self._missing_page(response, lst, page_no)
            return
        if api == "truecms_jsonp":
            entries, total, column = read.truecms_page(response.text, lst.param("item") or "#initData ul.list-ul > li")
            paging = {"total": total, "column_id": lst.param("column_id") or column}
        else:
            entries, paging = read.html_rows(response.text, lst.param("item") or "ul.list > li"), {}
        yield from self.follow(response, lst, entries, page_no)
        if api != "static_pages" and paging.get("column_id") and not self._more(lst, paging, page_no):
            return
        if not self.next_page_wanted(response, lst, page_no, entries):
            return
        if api == "static_pages":
            yield self._static_request(lst, page_no + 1, suffix=int(response.meta.get("static", {}).get("suffix", 0)) + 1)
        elif not paging["column_id"]:
            self.record_error(f"{lst.name}: no columnId at {response.url}; cannot page deeper", "layout")
        else:
            yield self._api_request(lst, page_no + 1, paging)

    # -- requests -----------------------------------------------------------------------------

    def _api_request(self, lst: ListPage, page_no: int, paging: dict[str, Any]) -> scrapy.Request:
        """The API request for ``page_no`` of a list (paging carries learned ids and the total)."""
        api = lst.param("api")
        if api in JSON_LISTS:
            return self._json_list_request(lst, page_no, paging)
        size = int(paging.get("page_size") or lst.param("page_size") or PAGE_SIZES[api])
        parts = urlsplit(lst.url)
        base = urlunsplit((parts.scheme, parts.netloc, ENDPOINTS[api], "", ""))
        meta = {"paging": {**paging, "page_size": size}}
        headers = {**FORM, "Referer": lst.url}
        if api == "wuxi_info_open":
            form = {"pageIndex": page_no, "pageSize": size,
                    "siteId": paging.get("site_id") or self.source.option("site_id"),
                    "channelIds": paging.get("channel_ids") or lst.param("channel_ids"),
                    "searchType": 1, "order": "writeTime"}
            return self._post(base, lst, page_no, meta, urlencode(form), headers)
        if api == "epoint":
            categorynum = lst.param("categorynum") or parse_qs(parts.query).get("categorynum", [""])[0]
            body = {"deptcode": lst.param("deptcode"), "categorynum": categorynum, "pageIndex": page_no - 1,
                    "pageSize": size, "siteGuid": self.source.option("site_guid")}
            headers["Content-Type"] = "application/json;charset=UTF-8"
            return self._post(base, lst, page_no, meta, json.dumps(body), headers)
        if api == "huaian_lists":
            form = {"page": page_no, "pagesize": size, "topic": lst.param("topic") or "", "title": "",
                    "docNo": "", "orgname": "", "summary": "", "key": "", **dict(lst.param("form") or {})}
            return self._post(base, lst, page_no, meta, urlencode(form), headers)
        start, end = self._window(lst, page_no)
        query = urlencode({"startrecord": start, "endrecord": end, "perpage": size, "contentTemplate": "",
                           "columnId": paging["column_id"], "callback": f"jQuery1124_{int(self.now.timestamp())}"})
        return self.list_request(f"{base}?{query}", lst, page_no, callback=self.parse_api, meta=meta,
                                 headers={"Referer": lst.url, "X-Requested-With": "XMLHttpRequest"})

    def _json_list_request(self, lst: ListPage, page_no: int, paging: dict[str, Any]) -> scrapy.Request:
        url, method, body, headers = json_list.page_request(
            lst.url, json_list.spec_for(lst.param("api"), lst.param("json")), page_no)
        meta = {"paging": {**paging, "page_size": paging.get("page_size") or lst.param("page_size")}}
        return self.list_request(url, lst, page_no, callback=self.parse_api, meta=meta, method=method,
                                 headers=headers, **({"body": body} if body is not None else {}))

    def _post(self, url: str, lst: ListPage, page_no: int, meta: dict[str, Any], body: str,
              headers: dict[str, str]) -> scrapy.Request:
        return self.list_request(url, lst, page_no, callback=self.parse_api, meta=meta,
                                 method="POST", body=body, headers=headers)

    def _static_request(self, lst: ListPage, page_no: int, *, suffix: int, missing: int = 0) -> scrapy.Request:
        """``index_<suffix>.shtml`` as list page ``page_no``. The suffix runs ahead of the page
        number past missing pages does not settle whether page 2 is ``index_1`` or
        ``index_2`` (intertid: index_1 is a 404 on Jiangyin), so ``index_1`` is tried first."""
        head, _, leaf = lst.url.rpartition("/")
        ext = leaf.rsplit(".", 1)[-1] if "." in leaf else "shtml"
        return self.list_request(
            f"{head}/index_{suffix}.{ext}", lst, page_no, callback=self.parse_html_list,
            meta={"static": {"suffix": suffix, "missing": missing},
                  "handle_httpstatus_list": [404, *antibot.CHALLENGE_STATUSES]},
        )

    def _missing_page(self, response: Response, lst: ListPage, page_no: int) -> Iterator[Any]:
        """A 404 list page: a deep one is stepped over once (the index_1 gap), a second in a row
        ends the list; a first page that is missing is a layout change."""
        state = response.meta.get("static") or {}
        missing = int(state.get("missing", 0)) + 1
        if page_no == 1:
            self.record_error(f"{lst.name}: HTTP 404 for the list page {response.url}", "layout")
        elif missing <= MISSING_PAGES_TOLERATED:
            self.logger.info("%s: %s is missing; trying the next page number", lst.name, response.url)
            yield self._static_request(lst, page_no, suffix=int(state["suffix"]) + 1, missing=missing)

    def _window(self, lst: ListPage, page_no: int) -> tuple[int, int]:
        """TrueCMS record window of list page ``page_no`` (page 1 = the 30 rows of #initData)."""
        group = int(lst.param("page_size") or PAGE_SIZES["truecms_jsonp"]) * TRUECMS_GROUP
        return (page_no - 1) * group + 1, page_no * group

    def _more(self, lst: ListPage, paging: dict[str, Any], page_no: int) -> bool:
        """Whether records remain after list page ``page_no`` (unknown total: ask; an empty page ends it)."""
        total = paging.get("total")
        if total is None:
            return True
        if lst.param("api") == "truecms_jsonp":
            return self._window(lst, page_no + 1)[0] <= int(total)
        return page_no * int(paging["page_size"]) < int(total)
