"""Reading Hanweb classic list markup: CDATA records, jpage numbers, and failure kinds.

Pure helpers of the Hanweb spider, kept apart so they can be tested without Scrapy running.
"""

from __future__ import annotations

import re
from datetime import date

from parsel import Selector
from twisted.python.failure import Failure

RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)
# Dates in records may be split by whitespace (2026-\n01-\n19); 索引号 like 2026-02-00018 must not match.
DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
JPAGE_NUMBER = re.compile(r"\b(totalRecord|perPage|groupSize)\s*:\s*'?(\d+)")
TOTAL_PAGE = re.compile(r"<totalpage>\s*(\d+)\s*</totalpage>")
PROXY_URL = re.compile(r"""\bproxyUrl\s*:\s*['"]([^'"]+)['"]""")
NEXTGROUP = re.compile(r"""<nextgroup>\s*<!\[CDATA\[.*?href\s*=\s*['"]([^'"]+)['"].*?\]\]>\s*</nextgroup>""", re.S)


def jpage_numbers(text: str) -> dict[str, int]:
    """totalRecord / perPage / groupSize of the column page's jpage(...) call."""
    return {k: int(v) for k, v in JPAGE_NUMBER.findall(text)}


def proxy_url(text: str) -> str | None:
    """The dataproxy path the column's jpage call names (``/module/web/jpage/dataproxy.jsp``, or
    ``/module/jslib/jquery/jpage/dataproxy.jsp`` on older sites), or None."""
    match = PROXY_URL.search(text)
    return match.group(1).strip() if match else None


def next_group(text: str) -> str | None:
    """The ``<nextgroup>`` link of a column page or dataproxy answer (the next page of records in
    page=N mode; its ids may be the site's encrypted blobs, so it is followed as written)."""
    match = NEXTGROUP.search(text)
    return match.group(1).strip().replace("&amp;", "&") if match else None


def parse_records(text: str) -> list[tuple[str, str, date | None]]:
    """(href, title, list date) of every CDATA record in a column page or dataproxy answer."""
    entries = []
    for chunk in RECORD.findall(text):
        li = Selector(text=chunk)
        href = li.css("a::attr(href)").get()
        if not href:
            continue
        title = (li.css("a::attr(title)").get() or " ".join(li.css("a ::text").getall())).strip()
        # The date sits outside the link (span, b); a title ending in digits must not glue onto it.
        outside = "".join(li.xpath("//li/text() | //li/*[not(self::a)]//text()").getall())
        match = DATE.search(re.sub(r"\s+", "", outside))
        day = None
        if match:
            try:
                day = date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                day = None
        entries.append((href.strip(), title, day))
    return entries


def error_name(failure: Failure) -> str:
    return failure.type.__name__ if failure.type is not None else "Error"


def connection_errors() -> tuple[type[BaseException], ...]:
    """Failures that mean "the site is not there", as opposed to a bad page."""
    from scrapy.exceptions import (
        CannotResolveHostError,
        DownloadConnectionRefusedError,
        DownloadFailedError,
        DownloadTimeoutError,
    )
    from twisted.internet.error import ConnectError, DNSLookupError, TimeoutError
    from twisted.web._newclient import ResponseNeverReceived

    return (
        DownloadConnectionRefusedError,
        CannotResolveHostError,
        DownloadTimeoutError,
        DownloadFailedError,
        ConnectError,  # Scrapy < 2.19 surfaced the Twisted errors directly
        DNSLookupError,
        TimeoutError,
        ResponseNeverReceived,
    )
