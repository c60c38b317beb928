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

from crawlers.list_dates import list_date  # noqa: F401  (re-exported: the generic spider and tests import it here)


def is_xpath(expr: str) -> bool:
    """Registry selectors starting with ``/``, ``(`` or ``./`` are XPath; anything else is CSS."""
    return expr.startswith(("/", "(", "./"))


def select(node: Selector | SelectorList[Selector], expr: str) -> SelectorList[Selector]:
    """``node.xpath(expr)`` or ``node.css(expr)``, as :func:`is_xpath` decides."""
    return node.xpath(expr) if is_xpath(expr) else node.css(expr)


def first_text(node: Selector, expr: str) -> str:
    """All text the selector yields, whitespace-collapsed ('' when it matches nothing)."""
    return re.sub(r"\s+", " ", " ".join(select(node, expr).getall())).strip()


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
