"""Pure helpers of the ``generic`` and ``rss`` spiders: registry selectors and list/feed dates.

Kept apart from the spiders so they can be table-tested without Scrapy running. Spiders only
navigate: these read the date a list row or feed item shows, to bound a backfill, never what
a page says.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from parsel import Selector, SelectorList

# 2026-01-19, 2026/1/19, 2026.01.19, 2026年1月19日; digits around it must not belong to a longer
# number (索引号 2026-02-00018 is not a date: SITES.md §1.3).
_DATE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
# Bare month-day rows (12-31) are dated by the page; the year is unknown, so they are not dates here.


def is_xpath(expr: str) -> bool:
    """Registry selectors starting with ``/``, ``(`` or ``./`` are XPath; anything else is CSS."""
    return expr.startswith(("/", "(", "./"))


def select(node: Selector | SelectorList[Selector], expr: str) -> SelectorList[Selector]:
    """``node.xpath(expr)`` or ``node.css(expr)``, as :func:`is_xpath` decides."""
    return node.xpath(expr) if is_xpath(expr) else node.css(expr)


def first_text(node: Selector, expr: str) -> str:
    """All text the selector yields, whitespace-collapsed ('' when it matches nothing)."""
    return re.sub(r"\s+", " ", " ".join(select(node, expr).getall())).strip()


def list_date(text: str) -> date | None:
    """The first date in a list row's text: YYYY-MM-DD and its / . 年月日 spellings, also split
    over lines (2026-\\n01-\\n19); None when there is none or it is not a calendar day."""
    match = _DATE.search(text or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def feed_date(text: str | None) -> date | None:
    """The calendar day of a feed timestamp, in the timestamp's own time zone.

    RFC 822 (RSS ``pubDate``: ``Mon, 19 Jan 2026 16:30:00 +0800``), ISO 8601 (Atom
    ``updated``: ``2026-01-19T16:30:00+08:00``, ``...Z``) and the plain ``2026-01-19 16:30:00``
    that CMS feed modules write; None when nothing date-like is there.
    """
    raw = (text or "").strip()
    if not raw:
        return None
    if raw[:1].isalpha() or re.match(r"\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", raw):
        try:
            return parsedate_to_datetime(raw).date()
        except (TypeError, ValueError, IndexError):
            pass
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).date()
    except ValueError:
        return list_date(raw)
