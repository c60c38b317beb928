"""Fallback for sites without a dedicated layout: the standard meta block + the largest text block.

Government CMSes (Hanweb, TRS, UCAP, TrueCMS) share the national meta convention
(ArticleTitle / PubDate / ContentSource); news sites use Open Graph. The body is the element
whose own paragraphs hold the most text, a cheap version of what readability-style extractors
do, good enough for article pages with one main column.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

from parsers.dates import labelled_date, parse_date
from parsers.layouts.common import (
    Extracted,
    attachments,
    body_links,
    drop_junk,
    element_text,
    label_cells,
    labelled_doc_number,
    meta,
    page_head,
)

__all__ = ["extract_generic"]

_TITLE_SPLIT = re.compile(r"\s*(?:_|\||－|—|-{1,2}|｜)\s*")
_KNOWN_BODIES = (
    "//*[contains(@class,'TRS_UEDITOR') or contains(@class,'TRS_Editor')]",
    "//*[@id='zoomcon' or @id='Zoom' or @id='zoom']",
    "//ucapcontent",
    "//*[contains(@class,'wzzw-article') or contains(@class,'article-content') or contains(@class,'wenZhang')]",
    # Xuzhou's Epoint pages (sic: "mian"), Jiangyin's intertid pages.
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' mian-cont ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' lw_content ')]",
    "//article",
)
_SOURCE_RE = re.compile(r"(?:来源|发布机构|发文机关|信息来源)\s*[:：]\s*([^\s　|]{2,30})")


def _largest_block(root: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The element whose direct <p>/<br>-separated text is longest."""
    best, best_len = None, 0
    seen: set[lxml_html.HtmlElement] = set()
    for p in root.iter("p"):
        parent = p.getparent()
        if parent is None or parent in seen:
            continue
        seen.add(parent)
        total = sum(len(child.text_content().strip()) for child in parent if child.tag == "p")
        if total > best_len:
            best, best_len = parent, total
    if best is None:  # no <p> at all: the div with the most direct text
        for div in root.iter("div", "td"):
            own = len("".join(t.strip() for t in div.xpath("text()")))
            if own > best_len:
                best, best_len = div, own
    return best


def _title(root: lxml_html.HtmlElement) -> str:
    explicit = meta(root, "ArticleTitle", "og:title", "twitter:title")
    if explicit:
        return explicit
    for tag in ("ucaptitle", "h1"):
        found = root.xpath(f"//{tag}")
        if found and found[0].text_content().strip():
            return found[0].text_content().strip()
    titles = root.xpath("//title")
    raw = titles[0].text_content().strip() if titles else ""
    parts = [p for p in _TITLE_SPLIT.split(raw) if p]
    return max(parts, key=len) if parts else raw


def extract_generic(root: lxml_html.HtmlElement, base_url: str) -> Extracted:
    """Fields of an article page of unknown layout."""
    out = Extracted(layout="generic")
    container = next((found[0] for xp in _KNOWN_BODIES if (found := root.xpath(xp))), None)
    if container is None or len(container.text_content().strip()) < 20:
        container = _largest_block(root)
    if container is not None:
        drop_junk(container)
        out.body = element_text(container)
        out.attachments = attachments(container, base_url)
        out.links = body_links(container, base_url)
    out.title = _title(root)
    head = page_head(root)
    out.published = (
        parse_date(meta(root, "PubDate", "publishdate", "article:published_time", "pubdate", "date") or "")
        or parse_date("".join(root.xpath("//publishtime//text()")))
        or labelled_date(head)
    )
    source = _SOURCE_RE.search(head)
    out.issuer = meta(root, "ContentSource", "source") or (source.group(1) if source else None)
    out.column = meta(root, "ColumnName")
    # Info-disclosure tables of TRS (Nanjing table.t1) and Epoint (Xuzhou table.info)
    cells = label_cells(root, "//table[contains(concat(' ', normalize-space(@class), ' '), ' t1 ')"
                              " or contains(concat(' ', normalize-space(@class), ' '), ' info ')]")
    out.doc_number = cells.get("doc_number") or labelled_doc_number(head)
    out.index_number = cells.get("index_number")
    out.issuer = cells.get("issuer") or out.issuer
    out.published = parse_date(cells.get("published", "")) or out.published
    out.signed = parse_date(cells.get("signed", ""))
    canonical = root.xpath("//link[@rel='canonical']/@href")
    if canonical and canonical[0].startswith(("http://", "https://")):
        out.canonical_url = canonical[0]
    return out
