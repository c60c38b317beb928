"""The ".shtml + 32-hex" CMS (probably 开普云/UCAP): Suzhou, SIP, Zhenjiang, Suqian.

One spider for every site of the family, driven by a registry entry (``-a source=suzhou_gov``).
Detail URLs look like ``/<site>/<chan>/YYYYMM/<32hex>.shtml``. A list entry's ``kind``
says how its pages are read:

- ``infolist``: static ``nav_list.shtml`` / ``xwzx_list.shtml`` / ``common_list.shtml`` pages,
  rows ``ul.infolist li`` with ``a[title]`` and ``.time`` (Suzhou, SIP);
- ``li_time``: rows ``li > a[title] + span.time`` (Zhenjiang ``xxgk_list.shtml``);
- ``undated``: rows ``div.list ul li > a`` without any date (Suqian ``xxgk_list.shtml``):
  the date is only in the detail page's ``<publishtime>``;
- ``news_api``: Suzhou ``GET /szinf/info/getInfoCommon/?pagesize=15&currpage=N&channelid=…``
  → ``{"infolist": [{"title", "link", "pubtime"}]}``;
- ``zcwj_api``: Suzhou policy files, ``POST /szinf/xxgk/interfacesWebZcwj/loadData?pageSize=15``
  with body ``pageIndex=N&channel_id=…`` and a Referer; the registry URL carries
  ``&channel_id=…`` so that each channel is its own list, the request sends it in the body.
  文号 / 发文日期 / 索引号 ride along as list_meta (``doc_number`` / ``issued`` / ``index_number``): the Suzhou meta PubDate is a
  bulk regeneration stamp on most pages (the PubDate trap), so the list's 发文日期 is the
  date that counts, for since/until here and as a hint for the parsers.

Static pages are paged ``<prefix>_N.shtml`` (N ≥ 2). A page shorter than the first one is the
last; past the last page the sites answer 404, SIP answers its homepage (a soft 404:
any guessed channel URL serves the homepage with status 200). The source option ``home_title``
(the homepage's ``<title>``) recognizes it: on a first page it is recorded as layout_changed and
nothing is followed; on a deeper page it just ends the list.

Undated lists and since/until (the choice): every row is followed (``follow()`` cannot drop a
row it has no date for); a backfill with ``since`` reads the ``<publishtime>`` of the *last*
row of each page with one extra "probe" request and goes one page deeper only while that date is
not older than ``since``. So a backfill overshoots by at most one page (16 rows on Suqian) and
the parser's date, from the page itself, decides what the stored pages are. ``until`` cannot
filter undated rows: they are fetched and dated by the parser.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import scrapy
from scrapy.http import Response

from crawlers import antibot
from crawlers.list_dates import list_date
from crawlers.middlewares import real_url
from crawlers.registry import FamilySchema, ListPage
from crawlers.spiders.base import Entry, SourceSpider

KINDS = ("infolist", "li_time", "undated", "news_api", "zcwj_api")
STATIC_KINDS = ("infolist", "li_time", "undated")
ZCWJ_REFERER = "/szsrmzf/zfxxgkzl/xxgkml.shtml?para=zcwj"  # what the Suzhou policy library page sends
_PUBLISHTIME = re.compile(r"<publishtime[^>]*>(.*?)</publishtime>", re.S | re.I)
_PUBDATE_META = re.compile(r"""<meta\s+name=["']PubDate["']\s+content=["']([^"']+)""", re.I)
# Rows of the Zhenjiang variant: an <li> holding a titled link and a span.time.
_LI_TIME = "//li[a[@title] and span[contains(concat(' ', normalize-space(@class), ' '), ' time ')]]"


def page_url(first: str, page_no: int) -> str:
    """Page ``page_no`` of a static list: ``nav_list.shtml`` → ``nav_list_2.shtml`` (page 1 = itself)."""
    if page_no <= 1:
        return first
    parts = urlsplit(first)
    path = re.sub(r"\.shtml$", f"_{page_no}.shtml", parts.path)
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def with_query(url: str, **values: Any) -> str:
    """``url`` with the given query parameters set (others kept, order kept)."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update({k: str(v) for k, v in values.items()})
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


class UcapSpider(SourceSpider):
    name = "ucap"
    schema: ClassVar[FamilySchema] = FamilySchema(
        list_optional={"kind": "infolist", "referer": ZCWJ_REFERER},
        pagings=("auto", "none"),
        source_options={"home_title": ""},
    )

    async def start(self) -> AsyncIterator[Any]:
        """Page 1 of every registry list: a GET for static lists and the news API, a POST for zcwj."""
        for lst in self.source.lists:
            kind = lst.param("kind")
            if kind not in KINDS:
                self.record_error(f"{lst.name}: unknown list kind {kind!r} (known: {', '.join(KINDS)})", None)
            elif kind == "zcwj_api":
                yield self._zcwj_request(lst, 1)
            elif kind == "news_api":
                yield self.list_request(with_query(lst.url, currpage=1), lst)
            else:
                yield self.list_request(lst.url, lst)

    def parse_list(self, response: Response, lst: ListPage, page_no: int) -> Iterator[Any]:
        kind = lst.param("kind")
        if page_no > 1 and response.status == 404:
            return  # past the last page of a static list: the end, not an error
        if not self.list_ok(response, lst, page_no):
            return
        if kind in STATIC_KINDS and self._serves_home(response, lst, page_no):
            return
        if kind in ("news_api", "zcwj_api"):
            data = self._json(response, lst)
            if data is None:
                return
            entries, more = self._api_entries(kind, data, response, page_no)
        else:
            entries = self._static_entries(kind, response)
            rows = int(response.meta.get("rows") or len(entries))
            more = len(entries) >= rows  # a short page is the last one
        yield from self.follow(response, lst, entries, page_no)
        if lst.paging == "none" or not more or not self.next_page_wanted(response, lst, page_no, entries):
            return
        if kind == "undated" and self.since is not None:
            yield self._probe_request(response, lst, page_no, entries)
        else:
            yield self._page_request(response, lst, page_no + 1, len(entries))

    # -- rows ---------------------------------------------------------------------------------

    def _static_entries(self, kind: str, response: Response) -> list[Entry]:
        extra = {"region": self.source.region_code}
        entries = []
        if kind == "infolist":
            for li in response.css("ul.infolist li"):
                link = li.css("a[title]") or li.css("a")
                entries.append(Entry(link.attrib.get("href", ""), link.attrib.get("title", ""),
                                     list_date(" ".join(li.css(".time ::text").getall())), extra))
        elif kind == "li_time":
            for li in response.xpath(_LI_TIME):
                link = li.xpath("a[@title]")
                entries.append(Entry(link.attrib.get("href", ""), link.attrib.get("title", ""),
                                     list_date(" ".join(li.xpath("span[contains(@class, 'time')]//text()").getall())),
                                     extra))
        else:  # undated: the title is the link text (or its title attribute); no date at all
            for anchor in response.css("div.list ul li > a"):
                title = anchor.attrib.get("title") or " ".join(anchor.css("::text").getall()).strip()
                entries.append(Entry(anchor.attrib.get("href", ""), title, None, extra))
        return [e for e in entries if e.href]

    def _api_entries(self, kind: str, data: Any, response: Response, page_no: int) -> tuple[list[Entry], bool]:
        """Entries of one API page and whether another page exists."""
        region = self.source.region_code
        if kind == "news_api":
            rows = (data.get("infolist") or []) if isinstance(data, dict) else []
            entries = [Entry(str(r.get("link") or ""), str(r.get("title") or ""), list_date(r.get("pubtime")),
                             {"region": region}) for r in rows if isinstance(r, dict)]
            size = int(dict(parse_qsl(urlsplit(response.url).query)).get("pagesize") or 15)
            return [e for e in entries if e.href], len(rows) >= size
        body = (data.get("data") or {}) if isinstance(data, dict) else {}
        entries = []
        for r in body.get("list") or []:
            issued = str(r.get("C_FWRQ_FORMAT") or "")[:10]
            extra = {"region": region, "doc_number": r.get("C_WJBH") or None, "issued": issued or None,
                     "index_number": r.get("C_SYH") or None,
                     "list_published": str(r.get("PUBLISHED_TIME_FORMAT") or "")[:10] or None}
            # 发文日期 first: PUBLISHED_TIME carries the regeneration stamp like the meta PubDate.
            day = list_date(issued) or list_date(str(r.get("PUBLISHED_TIME_FORMAT") or ""))
            entries.append(Entry(str(r.get("URL") or ""), str(r.get("TITLE") or ""), day, extra))
        total = int(body.get("totalPage") or 0)
        return [e for e in entries if e.href], page_no < total

    # -- requests -----------------------------------------------------------------------------

    def _page_request(self, response: Response, lst: ListPage, page_no: int, rows: int) -> scrapy.Request:
        kind = lst.param("kind")
        if kind == "zcwj_api":
            return self._zcwj_request(lst, page_no)
        if kind == "news_api":
            return self.list_request(with_query(lst.url, currpage=page_no), lst, page_no)
        # 404 past the last page must reach the callback (end of list), not the error path.
        statuses = [*antibot.CHALLENGE_STATUSES, 404]
        return self.list_request(page_url(lst.url, page_no), lst, page_no,
                                 meta={"rows": rows, "handle_httpstatus_list": statuses})

    def _zcwj_request(self, lst: ListPage, page_no: int) -> scrapy.Request:
        """The policy-library POST. The registry writes ``channel_id`` into the list URL's query so
        that each channel has its own list URL (list signatures are keyed by URL); the request
        moves it into the form body, as the site's own page does."""
        parts = urlsplit(lst.url)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        form = {"pageIndex": str(page_no)}
        if channel := query.pop("channel_id", ""):
            form["channel_id"] = channel
        url = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
        return self.list_request(
            url, lst, page_no, method="POST", body=urlencode(form),
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
                     "X-Requested-With": "XMLHttpRequest", "Referer": urljoin(lst.url, lst.param("referer"))},
        )

    def _probe_request(self, response: Response, lst: ListPage, page_no: int, entries: list[Entry]) -> scrapy.Request:
        """A look at the last row's detail page: its <publishtime> decides whether to page on."""
        return scrapy.Request(
            urljoin(response.url, entries[-1].href), callback=self._probe, errback=self.list_failed,
            cb_kwargs={"lst": lst, "page_no": page_no, "rows": len(entries)},
            meta={"page_type": "probe", "handle_httpstatus_list": list(antibot.CHALLENGE_STATUSES)},
            dont_filter=True,
        )

    def _probe(self, response: Response, lst: ListPage, page_no: int, rows: int) -> Iterator[Any]:
        url = real_url(response.request) if response.request else response.url
        text = response.text if response.status == 200 else ""
        found = _PUBLISHTIME.search(text) or _PUBDATE_META.search(text)
        day = list_date(found.group(1)) if found else None
        if day is None:
            self.record_error(f"{lst.name}: no <publishtime> on {url} (HTTP {response.status}); paging stopped", None)
            return
        if self.since is None or day >= self.since:
            yield self._page_request(response, lst, page_no + 1, rows)

    # -- checks -------------------------------------------------------------------------------

    def _serves_home(self, response: Response, lst: ListPage, page_no: int) -> bool:
        """True when a list URL answered with the homepage (SIP's soft 404); page 1 is recorded."""
        home_title = self.source.option("home_title")
        if not home_title:
            return False
        url = real_url(response.request) if response.request else response.url
        verdict = antibot.classify(response.status, response.body, url=url, final_url=response.url,
                                   home_title=home_title)
        if verdict is None:
            return False
        if page_no == 1:
            self.record_error(f"{lst.name}: {verdict.reason}", "layout")
        else:
            self.logger.debug("%s: page %d serves the homepage: end of the list", lst.name, page_no)
        return True

    def _json(self, response: Response, lst: ListPage) -> Any:
        try:
            return json.loads(response.text)
        except (ValueError, AttributeError) as exc:
            self.record_error(f"{lst.name}: the list API answered no JSON at {response.url} ({exc})", "layout")
            return None
