"""The dry run of a discovered entry: its first list page read as the family's spider reads it.

Uses the spiders' own pure list readers (crawlers/hanweb_records.py, trs_lists.py, jpaas_lists.py,
json_api_lists.py, the rss and generic row readers) on the page already fetched, plus the one
API request a shell-only list needs (JPaaS unit API, intertid /info_open/search, Epoint, cmsweb).
No Scrapy run, nothing stored. Where the API answer shows that the family's usual row markup is
not this site's (a JPaaS ``ul.lmy-list-ul`` list), the finding's keys are corrected.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit, urlunsplit

from parsel import Selector

from crawlers import json_api_lists as read
from crawlers.discover import DiscoveryError, Finding, Page
from crawlers.discover_fetch import Fetcher
from crawlers.discover_html import HANWEB_PROXY, UCAP_LI_TIME, UCAP_UNDATED
from crawlers.discover_rows import find_rows
from crawlers.hanweb_records import parse_records
from crawlers.jpaas_lists import unit_answer, unit_query, unit_url
from crawlers.list_dates import list_date
from crawlers.registry import ListPage, Source
from crawlers.spiders.base import Entry
from crawlers.trs_lists import html_rows, igs_rows

XHR = {"X-Requested-With": "XMLHttpRequest"}


@dataclass
class DryRun:
    """What the list showed: its rows (href as written, title, date) and what it claims to hold."""

    items: list[Entry]
    claim: str | None = None
    notes: list[str] = field(default_factory=list)

    def on_site(self, base_url: str, hosts: tuple[str, ...]) -> list[Entry]:
        """The rows whose links stay on the source's hosts (the ones a crawl follows)."""
        return [e for e in self.items if (urlsplit(urljoin(base_url, e.href)).hostname or "").lower() in hosts]


def dry_run(finding: Finding, page: Page, source: Source, fetcher: Fetcher) -> DryRun:
    """Read the first list page of ``source`` (a validated entry built from ``finding``)."""
    lst = source.lists[0]
    reader = {"hanweb": _hanweb, "jpaas": _jpaas, "trs": _trs, "ucap": _ucap, "json_api": _json_api,
              "rss": _rss, "generic": _generic}[source.family]
    return reader(finding, page, lst, source, fetcher)


def _claim(facts: dict[str, Any], key: str, label: str) -> str | None:
    value = facts.get(key)
    return f"{value} {label}" if value not in (None, "") else None


def _hanweb(finding: Finding, page: Page, lst: ListPage, source: Source, fetcher: Fetcher) -> DryRun:
    items = [Entry(*row) for row in parse_records(page.text)]
    facts, notes = finding.facts, []
    if facts.get("perPage") and facts.get("groupSize"):
        window = facts["perPage"] * facts["groupSize"]
        notes.append(f"the column page embeds {facts['embedded records']} of {facts.get('totalRecord', '?')} records; "
                     f"a dataproxy window holds perPage {facts['perPage']} × groupSize {facts['groupSize']} = {window}")
    if facts.get("proxyUrl") not in (HANWEB_PROXY, "(none named)"):
        notes.append(f"proxyUrl {facts['proxyUrl']} is not the usual {HANWEB_PROXY}")
    return DryRun(items, _claim(facts, "totalRecord", "records (jpage totalRecord)"), notes)


def _jpaas(finding: Finding, page: Page, lst: ListPage, source: Source, fetcher: Fetcher) -> DryRun:
    query = unit_query(page.text)
    assert query is not None  # the finding came from it
    answer_page = fetcher.get(unit_url(lst.url, query, 1, int(lst.param("page_size"))),
                              headers={"Referer": lst.url, **XHR})
    answer = unit_answer(answer_page.text)
    if answer is None:
        raise DiscoveryError(f"the JPaaS unit API answered no JSON (HTTP {answer_page.status})")
    if not answer.ok:
        raise DiscoveryError(f"the JPaaS unit API refused page 1: {answer.message!r}")
    date = lst.param("date") or None
    items = html_rows(answer.html, lst.param("item"), lst.param("link"), date)
    if not items and (guess := find_rows(answer.html)) is not None:
        finding.list_keys["item"] = guess.item  # this site's rows are not the usual li.clearfix
        items = html_rows(answer.html, guess.item, lst.param("link"), date)
        if not items:
            finding.list_keys["link"] = "a[href]"
            items = html_rows(answer.html, guess.item, "a[href]", date)
    return DryRun(items, f"{answer.count} records (unit API count)" if answer.count is not None else None)


def _trs(finding: Finding, page: Page, lst: ListPage, source: Source, fetcher: Fetcher) -> DryRun:
    if lst.paging == "igs":
        return DryRun(igs_rows(page.text) or [], _claim(finding.facts, "total", "records (IGS total)"))
    items = html_rows(page.text, lst.param("item"), lst.param("link"), lst.param("date") or None)
    return DryRun(items, _claim(finding.facts, "pages", "list pages (TRS pager)"))


def _ucap(finding: Finding, page: Page, lst: ListPage, source: Source, fetcher: Fetcher) -> DryRun:
    kind, html = lst.param("kind"), Selector(text=page.text, type="html")
    items: list[Entry] = []
    if kind == "news_api":
        rows = json.loads(page.text).get("infolist") or []
        items = [Entry(str(r.get("link") or ""), str(r.get("title") or ""), list_date(r.get("pubtime")))
                 for r in rows if isinstance(r, dict) and r.get("link")]
    elif kind == "infolist":
        for li in html.css("ul.infolist li"):
            link = li.css("a[title]") or li.css("a")
            items.append(Entry(link.attrib.get("href", ""), link.attrib.get("title", ""),
                               list_date(" ".join(li.css(".time ::text").getall()))))
    elif kind == "li_time":
        for li in html.xpath(UCAP_LI_TIME):
            link = li.xpath("a[@title]")
            items.append(Entry(link.attrib.get("href", ""), link.attrib.get("title", ""),
                               list_date(" ".join(li.xpath("span[contains(@class, 'time')]//text()").getall()))))
    else:
        for a in html.css(UCAP_UNDATED):
            items.append(Entry(a.attrib.get("href", ""), a.attrib.get("title") or " ".join(a.css("::text").getall()).strip(), None))
    notes = []
    if kind in ("infolist", "li_time", "undated"):
        notes += _home_title(finding, page, fetcher)
    if kind == "undated":
        notes.append("rows carry no date: the crawl dates each page from its <publishtime>")
    return DryRun([e for e in items if e.href], _claim(finding.facts, "pages", "list pages (data-total)"), notes)


def _home_title(finding: Finding, page: Page, fetcher: Fetcher) -> list[str]:
    """The homepage's <title> as ``home_title``: a UCAP site may serve its homepage for a gone
    list (a soft 404), which the spider then recognises. Left out when it cannot be read."""
    parts = urlsplit(page.url)
    try:
        home = fetcher.get(urlunsplit((parts.scheme, parts.netloc, "/", "", "")))
    except DiscoveryError:
        return []
    if home.status == 200 and home.title and home.title != page.title:
        finding.source_keys["home_title"] = home.title
        return [f"homepage title {home.title!r} kept as home_title (recognises a soft 404)"]
    return []


def _json_api(finding: Finding, page: Page, lst: ListPage, source: Source, fetcher: Fetcher) -> DryRun:
    from crawlers.spiders.json_api import ENDPOINTS, FORM, PAGE_SIZES

    api = lst.param("api")
    if api == "static_pages":
        rows = read.html_rows(page.text, lst.param("item") or "ul.list > li")
        return DryRun([Entry(*r) for r in rows], _claim(finding.facts, "pages", "list pages (共N页)"))
    if api == "truecms_jsonp":
        rows, total, _column = read.truecms_page(page.text, lst.param("item") or "#initData ul.list-ul > li")
        return DryRun([Entry(*r) for r in rows], f"{total} records (<totalrecord>)" if total is not None else None)
    parts = urlsplit(lst.url)
    endpoint = urlunsplit((parts.scheme, parts.netloc, ENDPOINTS[api], "", ""))
    size = int(lst.param("page_size") or PAGE_SIZES[api])
    headers = {**FORM, "Referer": lst.url}
    if api == "wuxi_info_open":
        form = {"pageIndex": 1, "pageSize": size, "siteId": source.option("site_id"),
                "channelIds": lst.param("channel_ids"), "searchType": 1, "order": "writeTime"}
        answer, reader = fetcher.post(endpoint, urlencode(form), headers), read.info_open_rows
    elif api == "epoint":
        categorynum = lst.param("categorynum") or parse_qs(parts.query).get("categorynum", [""])[0]
        body = {"deptcode": lst.param("deptcode"), "categorynum": categorynum, "pageIndex": 0, "pageSize": size,
                "siteGuid": source.option("site_guid")}
        headers["Content-Type"] = "application/json;charset=UTF-8"
        answer, reader = fetcher.post(endpoint, json.dumps(body), headers), read.epoint_rows
    else:  # huaian_lists
        form = {"page": 1, "pagesize": size, "topic": lst.param("topic") or "", "title": "", "docNo": "",
                "orgname": "", "summary": "", "key": "", **dict(lst.param("form") or {})}
        answer, reader = fetcher.post(endpoint, urlencode(form), headers), read.huaian_rows
    rows, total = reader(answer.text)
    return DryRun([Entry(*r) for r in rows], f"{total} records (API total)" if total is not None else None)


def _rss(finding: Finding, page: Page, lst: ListPage, source: Source, fetcher: Fetcher) -> DryRun:
    from crawlers.spiders.rss import feed_entries

    parsed = feed_entries(page.body)
    items, next_link = parsed if parsed else ([], None)
    notes = [f"paged feed: next page {next_link} (read in a backfill)"] if next_link else []
    return DryRun(items, f"{len(items)} items in the feed", notes)


def _generic(finding: Finding, page: Page, lst: ListPage, source: Source, fetcher: Fetcher) -> DryRun:
    from crawlers.spiders.generic import row_entries

    items = row_entries(Selector(text=page.text, type="html"), lst)
    return DryRun(items, _claim(finding.facts, "pages", "list pages (pager)"))
