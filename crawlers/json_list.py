"""JSON list APIs described by the registry: ``api: json_list`` and its ``gkmlpt`` preset.

Many government CMSes fill their list pages from a JSON endpoint that differs from the next
one only in names: where the rows are, which keys hold the link, title and date, which
parameter carries the page number. A ``json_api`` list with ``api: json_list`` says them under
``json:``, so a new site of this kind is a registry entry, not code::

    json:
      rows: data.list            # dotted path to the row array
      link: url|post_url         # row key(s) holding the detail URL; the first non-empty wins
      link_template: "/html/file/{id}.html"   # instead of link: filled from the row's fields
      title: title
      date: pubDate              # text, epoch seconds or epoch milliseconds
      total: total               # dotted path to the record count (optional)
      page: pageNum              # the page parameter: a query parameter (GET) or body key (POST)
      page_start: 1              # the number of the first page
      method: GET                # or POST (a JSON body)
      body: {pageSize: 20}       # POST only: the body; the page key is set per page
      endpoint: /baseSelect      # where to ask (default: the list URL itself)
      referer: https://…/list/   # the Referer sent (default: the list URL)

``api: gkmlpt`` is the preset of Guangdong's 政府信息公开目录管理平台 (every Guangdong city and
Shenzhen district site): ``GET /gkmlpt/api/all/<category>?page=N&sid=<site id>`` answering
``{"articles": [{"id", "title", "url", "post_url", "display_publish_time", …}], "total": N}``
with the publish time in epoch seconds; an entry's ``json:`` keys override the preset.

Pure functions of the answer text and the spec, testable without Scrapy running.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from crawlers.list_dates import list_date

Row = tuple[str, str, date | None]
CST = ZoneInfo("Asia/Shanghai")
DEFAULTS: dict[str, Any] = {
    "rows": "rows", "link": "url", "link_template": "", "title": "title", "date": "", "total": "",
    "page": "page", "page_start": 1, "method": "GET", "body": {}, "endpoint": "", "referer": "",
}
PRESETS: dict[str, dict[str, Any]] = {
    "json_list": {},
    "gkmlpt": {"rows": "articles", "link": "url|post_url", "title": "title", "date": "display_publish_time",
               "total": "total", "page": "page", "page_start": 1},
}


def spec_for(api: str, overrides: Mapping[str, Any] | None) -> dict[str, Any]:
    """The full spec of a list: defaults, the api's preset, then the entry's ``json:`` keys."""
    unknown = set(overrides or {}) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"unknown json keys {sorted(unknown)} (known: {sorted(DEFAULTS)})")
    return {**DEFAULTS, **PRESETS[api], **dict(overrides or {})}


def dig(data: Any, path: str) -> Any:
    """The value at a dotted path (``data.list``) of decoded JSON, or None."""
    for key in filter(None, path.split(".")):
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)
    return data


def row_date(value: Any) -> date | None:
    """A row's date: text, epoch seconds (gkmlpt, read in Beijing time) or epoch milliseconds."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int | float) and not isinstance(value, bool) and 10**9 <= value < 10**11:
        return datetime.fromtimestamp(value, CST).date()
    return list_date(value)


def _link(row: Mapping[str, Any], spec: Mapping[str, Any]) -> str:
    template = str(spec.get("link_template") or "")
    if template:
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        if any(row.get(name) in (None, "") for name in fields):
            return ""
        return template.format(**{name: row[name] for name in fields})
    for key in str(spec["link"]).split("|"):
        value = row.get(key.strip())
        if value:
            return str(value).strip()
    return ""


def rows(text: str, spec: Mapping[str, Any]) -> tuple[list[Row], int | None] | None:
    """``(entries, total)`` of one answer, or None when it is not JSON with a row array where
    the spec says (an HTML error page, a changed API)."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    found = dig(data, str(spec["rows"]))
    if not isinstance(found, list):
        return None
    entries: list[Row] = []
    for row in found:
        if not isinstance(row, Mapping):
            continue
        href = _link(row, spec)
        if href:
            title = str(dig(row, str(spec["title"])) or "").strip()
            entries.append((href, title, row_date(dig(row, str(spec["date"]))) if spec["date"] else None))
    total = dig(data, str(spec["total"])) if spec["total"] else None
    try:
        return entries, int(total) if total is not None else None
    except (TypeError, ValueError):
        return entries, None


def page_request(list_url: str, spec: Mapping[str, Any], page_no: int) -> tuple[str, str, str | None, dict[str, str]]:
    """``(url, method, body, headers)`` of list page ``page_no`` (1 = the first page)."""
    number = int(spec["page_start"]) + page_no - 1
    url = urljoin(list_url, str(spec["endpoint"])) if spec["endpoint"] else list_url
    headers = {"Referer": str(spec["referer"] or list_url), "X-Requested-With": "XMLHttpRequest",
               "Accept": "application/json, text/javascript, */*; q=0.01"}
    if str(spec["method"]).upper() == "POST":
        body = {**dict(spec["body"] or {}), str(spec["page"]): number}
        headers["Content-Type"] = "application/json;charset=UTF-8"
        return url, "POST", json.dumps(body, ensure_ascii=False), headers
    parts = urlsplit(url)
    key = str(spec["page"])
    query = [(k, str(number) if k == key else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    if key not in dict(query):
        query.append((key, str(number)))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query, safe=",[]"), "")), "GET", None, headers
