"""RSS 2.0 / RSS 1.0 / Atom feeds: one feed is one list page.

One spider for every feed source of the registry (``family: rss``). A list entry is just
``{name, url}``: the feed URL, e.g. Hanweb's ``/module/rss/rssfeed.jsp?colid=<id>`` (seen on
other Hanweb sites; on Jiangsu hosts [UNVERIFIED]). Items give link, title
and pubDate / dc:date / published / updated, read in RFC 822 or ISO 8601
(:func:`crawlers.generic_lists.feed_date`). Feeds have no paging; only an Atom
``<link rel="next">`` (RFC 5005 paged feed) is followed, and only in a backfill.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import urljoin

from parsel import Selector
from scrapy.http import Response

from crawlers.generic_lists import feed_date
from crawlers.registry import FamilySchema, ListPage
from crawlers.spiders.base import Entry, SourceSpider

# Namespaces are removed before these run (Atom, RDF and dc: prefixes vary between feeds).
_ITEMS = "//channel/item | /RDF/item | /feed/entry"
_DATES = ("pubDate", "date", "published", "updated", "issued", "modified")


def feed_entries(body: bytes) -> tuple[list[Entry], str | None] | None:
    """(entries, Atom next link) of a feed body; None when the body is not an XML feed at all
    (an HTML page served in its place: a soft 404 or a login wall)."""
    try:
        feed = Selector(body=body, type="xml")
    except ValueError:  # lxml could not build a tree (not XML, or empty)
        return None
    if feed.root is None or feed.xpath("local-name(/*)").get() not in {"rss", "RDF", "feed"}:
        return None
    feed.remove_namespaces()
    entries = []
    for item in feed.xpath(_ITEMS):
        link = (
            item.xpath("link[@rel='alternate' or not(@rel)]/@href").get()  # Atom
            or item.xpath("normalize-space(link)").get()  # RSS
            or item.xpath("normalize-space(guid[not(@isPermaLink='false')])").get()
            or ""
        )
        title = item.xpath("normalize-space(title)").get() or ""
        stamp = next((s for tag in _DATES if (s := item.xpath(f"normalize-space({tag})").get())), None)
        entries.append(Entry(link.strip(), title, feed_date(stamp)))
    return entries, feed.xpath("/feed/link[@rel='next']/@href").get()


class RssSpider(SourceSpider):
    name = "rss"
    schema: ClassVar[FamilySchema] = FamilySchema(pagings=("feed",))

    def parse_list(self, response: Response, lst: ListPage, page_no: int) -> Iterator[Any]:
        if not self.list_ok(response, lst, page_no):
            return
        parsed = feed_entries(response.body)
        if parsed is None:
            self.record_error(f"{lst.name}: not an RSS/Atom feed at {response.url} (layout changed?)", "layout")
            return
        entries, next_href = parsed
        yield from self.follow(response, lst, entries, page_no)
        if next_href and self.next_page_wanted(response, lst, page_no, entries):
            next_url = urljoin(response.url, next_href)
            if self.canonical(next_url) is not None:  # a next link off the registry's hosts is not followed
                yield self.list_request(next_url, lst, page_no + 1)
