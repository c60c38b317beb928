"""Reading the list answers of the JSON-API sites: Wuxi info_open, Xuzhou Epoint, Nantong JSONP, Huaian.

Pure functions of the response text, kept apart from the spider so they can be tested without
Scrapy running. Each reader returns ``(entries, total)``: the rows as ``(href, title, date)``
and the number of records the server says the list holds (None when it does not say).
Sites: Wuxi, Nantong, Lianyungang, Xuzhou, Huaian.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from parsel import Selector

from crawlers.hanweb_records import parse_records
from crawlers.list_dates import list_date

Row = tuple[str, str, date | None]

# TrueCMS list pages carry their column id as a JS literal and the record count as XML.
COLUMN_ID = re.compile(r"""columnId\s*[:=]\s*['"]?([\w-]+)""")
TOTAL_RECORD = re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>", re.I)
# jQuery1124…_1700000000000({...}); — the callback name is whatever the request asked for.
JSONP = re.compile(r"^\s*[\w.$]+\s*\((.*)\)\s*;?\s*$", re.S)
# An intertid district shell names its API parameters: getSearchList(1,20,"184","37764",1,"writeTime",…).
SEARCH_LIST_CALL = re.compile(r"""getSearchList\(\s*\d+\s*,\s*(\d+)\s*,\s*["'](\d+)["']\s*,\s*["']([\d,]+)["']""")


def to_day(value: Any) -> date | None:
    """A list date of an API row (text with a time, split lines, or epoch milliseconds)."""
    return list_date(value)


def _json(text: str) -> dict[str, Any]:
    """The JSON object of an answer; {} for anything else (an HTML error page, a bare list)."""
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def info_open_rows(text: str) -> tuple[list[Row], int | None]:
    """Wuxi ``POST /info_open/search``: ``{"data":{"totalElements","data":[{title,writeTimeString,url}]}}``."""
    data = _json(text).get("data") or {}
    rows = [
        (str(r.get("url") or ""), str(r.get("title") or "").strip(), to_day(r.get("writeTimeString")))
        for r in data.get("data") or []
        if isinstance(r, dict) and r.get("url")
    ]
    return rows, _int(data.get("totalElements"))


def epoint_rows(text: str) -> tuple[list[Row], int | None]:
    """Xuzhou Epoint ``getgovinfolist``: ``{"custom":{"total","data":[{title,realtitle,infourl,infodate}]}}``.

    ``realtitle`` is the full title where ``title`` may be cut for display; ``infourl`` is the
    detail path (``linkurl``/``visiturl`` point elsewhere for external links).
    """
    custom = _json(text).get("custom") or {}
    rows = []
    for r in custom.get("data") or []:
        if not isinstance(r, dict):
            continue
        href = r.get("infourl") or r.get("linkurl") or r.get("visiturl")
        if href:
            title = str(r.get("realtitle") or r.get("title") or "").strip()
            rows.append((str(href), title, to_day(r.get("infodate") or r.get("handsdate"))))
    return rows, _int(custom.get("total"))


def huaian_rows(text: str) -> tuple[list[Row], int | None]:
    """Huaian ``lists.do``: ``{"value":{"total","list":[{title,link,path,domain,releaseTime}]}}``."""
    value = _json(text).get("value") or {}
    rows = []
    for r in value.get("list") or []:
        if not isinstance(r, dict):
            continue
        href = r.get("link") or r.get("path")
        if href:
            rows.append((str(href), str(r.get("title") or "").strip(), to_day(r.get("releaseTime"))))
    return rows, _int(value.get("total"))


def html_rows(text: str, item: str) -> list[Row]:
    """Rows of a server-rendered list: every ``item`` element with a link, its date from the
    text outside the link (a ``span``), its title from ``a@title`` or ``span.list-text@title``."""
    rows = []
    for li in Selector(text=text).css(item):
        href = li.css("a::attr(href)").get()
        if not href:
            continue
        title = (
            li.css("a::attr(title)").get()
            or li.css(".list-text::attr(title)").get()
            or " ".join(li.css("a ::text").getall())
        ).strip()
        outside = "".join(li.xpath("./text() | ./*[not(self::a)]//text() | ./*[not(self::a)]/text()").getall())
        rows.append((href.strip(), title, to_day(outside)))
    return rows


def truecms_page(text: str, item: str) -> tuple[list[Row], int | None, str | None]:
    """A TrueCMS column page: its ``#initData`` rows, ``<totalrecord>`` and ``columnId:'…'``."""
    total = TOTAL_RECORD.search(text)
    column = COLUMN_ID.search(text)
    return html_rows(text, item), int(total[1]) if total else None, column[1] if column else None


def truecms_jsonp_rows(text: str) -> tuple[list[Row], int | None]:
    """A ``getMessage.do`` JSONP answer: ``cb({"result":"<datastore>…<record><![CDATA[<li>…]]>…"})``."""
    match = JSONP.match(text)
    result = str(_json(match[1] if match else text).get("result") or "")
    total = TOTAL_RECORD.search(result)
    return list(parse_records(result)), int(total[1]) if total else None


def search_list_params(text: str) -> tuple[str, str, int] | None:
    """(siteId, channelIds, pageSize) named by an intertid shell's ``getSearchList(...)`` call."""
    match = SEARCH_LIST_CALL.search(text)
    return (match[2], match[3], int(match[1])) if match else None
