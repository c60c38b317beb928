"""Reading TRS WCM list pages (Nanjing): rows, page counts, page URLs, IGS JSON.

Pure helpers of :class:`crawlers.spiders.trs.TrsSpider`, testable without Scrapy running. The
spider navigates only; these functions never read what a detail page says.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from parsel import Selector

from crawlers.list_dates import list_date
from crawlers.spiders.base import Entry

# The pager script is read statically; some templates only print 共N页.
_PAGE_COUNT = (
    re.compile(r"createPageHTML\(\s*(\d+)\s*,"),
    re.compile(r"var\s+countPage\s*=\s*(\d+)"),
    re.compile(r"共\s*(\d+)\s*页"),
)
# index.html / index_17989.html (the portal's index_<chanid>_<n> variant), .html/.shtml/.htm.
_INDEX_NAME = re.compile(r"^index(_\d+)?\.(html|shtml|htm)$")


def page_count(text: str) -> int | None:
    """Number of list pages the TRS pager announces (createPageHTML / countPage / 共N页), or None."""
    for pattern in _PAGE_COUNT:
        match = pattern.search(text)
        if match:
            return int(match.group(1))
    return None


def page_url(first_url: str, page_no: int) -> str | None:
    """URL of 1-based list page ``page_no``: index.html → index_1.html … (page 2 = suffix 1);
    index_17989.html → index_17989_1.html. None when the first URL is not a TRS index name."""
    parts = urlsplit(first_url)
    head, _, name = parts.path.rpartition("/")
    match = _INDEX_NAME.match(name or "index.html")
    if match is None:
        return None
    if page_no <= 1:
        return first_url
    stem = "index" + (match.group(1) or "")
    path = f"{head}/{stem}_{page_no - 1}.{match.group(2)}"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def to_date(text: str) -> date | None:
    """The first date in a TRS list row or IGS ``DOCRELTIME`` (``2026-01-16T10:00:00``), or None."""
    return list_date(text)


def html_rows(text: str, item: str, link: str, day: str | None) -> list[Entry]:
    """Entries of an HTML list: ``item`` selects the rows, ``link`` the anchor inside a row,
    ``day`` the element holding the date (None: the row's text outside the link)."""
    entries = []
    for row in Selector(text=text).css(item):
        anchor = row.css(link)
        href = anchor.css("::attr(href)").get()
        if not href:
            continue
        title = (anchor.css("::attr(title)").get() or " ".join(anchor.css("::text").getall())).strip()
        # Outside the link: a title ending in digits must not glue onto the date. Text nodes are
        # read one by one so a row number (<span class="xh">1</span>) does not glue onto it either.
        texts = row.css(day).css("::text").getall() if day else row.xpath(".//text()[not(ancestor::a)]").getall()
        when = next((d for d in map(to_date, texts) if d is not None), None) or to_date("".join(texts))
        entries.append(Entry(href.strip(), title, when))
    return entries


def igs_rows(body: str) -> list[Entry] | None:
    """Entries of an IGS search answer (``rows`` of DOCPUBURL / DOCTITLE / DOCRELTIME ISO dates);
    None when the body is not an IGS JSON answer."""
    try:
        data: Any = json.loads(body)
    except ValueError:
        return None
    rows = data.get("rows") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        return None
    entries = []
    for row in rows:
        if isinstance(row, dict) and row.get("DOCPUBURL"):
            title = re.sub(r"<[^>]+>", "", str(row.get("DOCTITLE") or ""))  # search hits may be highlighted
            entries.append(Entry(str(row["DOCPUBURL"]), title.strip(), to_date(str(row.get("DOCRELTIME") or ""))))
    return entries


def igs_page(url: str, page_no: int) -> str:
    """The IGS URL with ``pageIndex`` set to ``page_no`` (other parameters kept in order)."""
    parts = urlsplit(url)
    query = [(k, str(page_no) if k == "pageIndex" else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    if "pageIndex" not in dict(query):
        query.append(("pageIndex", str(page_no)))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query, safe="[]"), ""))


def igs_page_size(url: str) -> int | None:
    """The ``pageSize`` the IGS URL asks for, or None."""
    value = dict(parse_qsl(urlsplit(url).query)).get("pageSize", "")
    return int(value) if value.isdigit() else None
