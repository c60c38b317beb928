"""Hanweb classic detail pages (www.jiangsu.gov.cn and most provincial departments).

Two variants: the news style (meta ArticleTitle / PubDate /
ContentSource, ``div.sp_title``, ``div.sp_time`` "时间：… 来源：…", body in ``#zoom``) and the
info-disclosure style (``table.xxgk_table`` label/value cells + ``div.article_content``). The
body is cut to the ``ZJEG_RSS.content.begin/end`` markers when present.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

from parsers.dates import parse_date
from parsers.layouts.common import (
    Extracted,
    attachments,
    body_links,
    drop_junk,
    element_text,
    label_cells,
    labelled_doc_number,
    meta,
    nodes_text,
    page_head,
)

__all__ = ["is_hanweb", "extract_hanweb"]

_BODY_XPATHS = (
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' article_content ')]",
    "//*[contains(@class,'Custom_UnionStyle')]",
    "//*[@id='zoom']",
    "//*[@id='Zoom']",
    # Provincial departments keep the body elsewhere: gxt uses div#con1 and
    # .nscont .con, other departments .main-txt.
    "//*[@id='con1']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' nscont ')]"
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' con ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' main-txt ')]",
)
_SOURCE_RE = re.compile(r"来源[:：]\s*([^\s　]+)")


def is_hanweb(root: lxml_html.HtmlElement) -> bool:
    """Hanweb fingerprint: hanweb.css, its metadata table or title block, its WebId / column
    metas, or the ZJEG_RSS body markers. The ArticleTitle/PubDate meta block alone is the
    national convention shared by TRS, UCAP and JPaaS pages, so it is not enough."""
    if meta(root, "WebId", "i_columnid", "ContentStart") is not None:
        return True
    if root.xpath("//comment()[contains(., 'ZJEG_RSS')]"):
        return True
    if root.xpath("//link[contains(@href,'hanweb.css')]"):
        return True
    return bool(root.xpath("//table[contains(@class,'xxgk_table')] | //div[contains(@class,'sp_title')]"))


def _marked_body(container: lxml_html.HtmlElement) -> str | None:
    """Text between the ZJEG_RSS begin/end comments, when both sit under the same parent."""
    begin = container.xpath(".//comment()[contains(., 'ZJEG_RSS.content.begin')]")
    end = container.xpath(".//comment()[contains(., 'ZJEG_RSS.content.end')]")
    if not begin or not end or begin[0].getparent() is not end[0].getparent():
        return None
    parent = begin[0].getparent()
    siblings = list(parent)
    start, stop = siblings.index(begin[0]), siblings.index(end[0])
    nodes = siblings[start:stop]  # the begin comment's tail is text inside the markers
    return nodes_text(nodes)


def extract_hanweb(root: lxml_html.HtmlElement, base_url: str) -> Extracted:
    """Fields of a Hanweb detail page (either variant)."""
    cells = label_cells(root, "//table[contains(@class,'xxgk_table')]")
    out = Extracted(layout="hanweb_xxgk" if cells else "hanweb_news")
    container = next((found[0] for xp in _BODY_XPATHS if (found := root.xpath(xp))), None)
    if container is not None:
        drop_junk(container)
        out.body = _marked_body(container) or element_text(container)
        out.attachments = attachments(container, base_url)
        out.links = body_links(container, base_url)
    sp_title = root.xpath("//div[contains(@class,'sp_title')]")
    out.title = (
        cells.get("title")
        or meta(root, "ArticleTitle")
        or (sp_title[0].text_content().strip() if sp_title else "")
    )
    sp_time = root.xpath("//div[contains(@class,'sp_time')]")
    sp_text = sp_time[0].text_content() if sp_time else ""
    source = _SOURCE_RE.search(sp_text)
    out.issuer = cells.get("issuer") or meta(root, "ContentSource") or (source.group(1) if source else None)
    out.published = (
        parse_date(cells.get("published", ""))
        or parse_date(meta(root, "PubDate") or "")
        or parse_date(sp_text)
    )
    out.signed = parse_date(cells.get("signed", ""))
    # The news variant writes 文号 as a labelled line above the body, not in a table.
    out.doc_number = cells.get("doc_number") or labelled_doc_number(page_head(root))
    out.index_number = cells.get("index_number")
    out.column = meta(root, "ColumnName")
    url_meta = meta(root, "Url")
    out.canonical_url = url_meta if url_meta and url_meta.startswith(("http://", "https://")) else None
    return out
