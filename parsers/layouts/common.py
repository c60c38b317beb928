"""What every layout extracts into, and lxml helpers shared by the layouts.

The page is parsed once with lxml; layouts read the same tree. ``element_text`` turns a
subtree into text with one paragraph per line (lxml's ``text_content`` would glue paragraphs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import html as lxml_html

__all__ = ["Extracted", "element_text", "meta", "attachments", "body_links", "parse_tree", "drop_noise",
           "labelled_doc_number", "page_head"]

_BLOCK = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
    "article", "ul", "ol", "blockquote", "pre", "dd", "dt", "hr",
}
_CELL = {"td", "th"}
_ATTACH_RE = re.compile(r"\.(?:pdf|docx?|xlsx?|wps|ofd|zip|rar|7z|et)(?:$|\?)|downfile\.jsp|/attach/", re.I)
_NOISE_XPATH = (
    "//script|//style|//noscript|//iframe|//form|//select|//textarea|//object|//embed"
)
# Share / print / QR-code blocks Hanweb and other CMSes put around the body.
_JUNK_CLASS_XPATH = (
    ".//*[contains(@class,'fenxiang') or contains(@class,'share') or contains(@class,'print')"
    " or contains(@class,'bdshare') or contains(@class,'ewm') or contains(@class,'qrcode')"
    " or contains(@id,'share') or contains(@class,'xgbd') or contains(@class,'visit')]"
)


@dataclass
class Extracted:
    """Raw fields a layout read from the page; the assembler normalizes them."""

    layout: str
    title: str = ""
    body: str = ""
    issuer: str | None = None
    published: date | None = None
    signed: date | None = None
    doc_number: str | None = None
    index_number: str | None = None
    column: str | None = None
    canonical_url: str | None = None
    attachments: list[tuple[str, str]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # absolute URLs of article pages linked from the body
    warnings: list[str] = field(default_factory=list)


def parse_tree(text: str) -> lxml_html.HtmlElement:
    """The document tree; lxml refuses str input carrying an XML encoding declaration."""
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    return lxml_html.document_fromstring(text)


def drop_noise(root: lxml_html.HtmlElement) -> None:
    """Remove scripts, styles, iframes and forms in place (their text is never content)."""
    for el in root.xpath(_NOISE_XPATH):
        el.drop_tree()


def drop_junk(el: lxml_html.HtmlElement) -> None:
    """Remove share / print / QR / related-links blocks under ``el``."""
    for junk in el.xpath(_JUNK_CLASS_XPATH):
        if junk is not el:
            junk.drop_tree()


def meta(root: lxml_html.HtmlElement, *names: str) -> str | None:
    """Content of the first non-empty <meta name=…> / property among ``names`` (case-insensitive)."""
    wanted = {n.lower() for n in names}
    found: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or "").lower()
        value = (el.get("content") or "").strip()
        if key in wanted and value and key not in found:
            found[key] = value
    return next((found[n.lower()] for n in names if n.lower() in found), None)


def _walk(el: lxml_html.HtmlElement, out: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _BLOCK:
        out.append("\n")
    if tag and el.text:
        out.append(el.text)
    for child in el:
        _walk(child, out)
        if child.tail:
            out.append(child.tail)
    if tag in _BLOCK:
        out.append("\n")
    elif tag in _CELL:
        out.append("\t")


def element_text(el: lxml_html.HtmlElement | None) -> str:
    """Text of a subtree with block elements on their own lines (comments skipped)."""
    if el is None:
        return ""
    out: list[str] = []
    _walk(el, out)
    return re.sub(r"\n\s*\n+", "\n", "".join(out)).strip()


def nodes_text(nodes: list) -> str:
    """Text of a run of sibling nodes (elements and their tails)."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node.tag, str):
            _walk(node, out)
        if node.tail:
            out.append(node.tail)
    return re.sub(r"\n\s*\n+", "\n", "".join(out)).strip()


def attachments(el: lxml_html.HtmlElement | None, base_url: str) -> list[tuple[str, str]]:
    """(name, absolute url) of file links under ``el``: pdf/doc/xls…, downfile.jsp, /attach/."""
    if el is None:
        return []
    found: list[tuple[str, str]] = []
    for a in el.iter("a"):
        href = (a.get("href") or "").strip()
        if href and _ATTACH_RE.search(href):
            name = re.sub(r"\s+", " ", a.text_content()).strip() or href.rsplit("/", 1)[-1]
            found.append((name, urljoin(base_url, href)))
    return found


_INDEX_PAGE = re.compile(r"(?:^|/)(?:(?:index|default|list)(?:_\d+)?\.(?:s?html?|jsp|aspx?|php))?$", re.I)


def body_links(el: lxml_html.HtmlElement | None, base_url: str) -> list[str]:
    """Absolute http(s) URLs of the links under ``el`` that lead to another page's article
    (原文链接, 相关文件): relative links resolved against the page URL; files (they are
    attachments), anchors, javascript:/mailto:, the page itself and column indexes left out."""
    if el is None:
        return []
    own = urldefrag(base_url)[0]
    found: list[str] = []
    for a in el.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")) or _ATTACH_RE.search(href):
            continue
        url = urldefrag(urljoin(base_url, href))[0]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or url == own:
            continue
        if _INDEX_PAGE.search(parts.path) and not parts.query:
            continue
        if url not in found:
            found.append(url)
    return found


# Info-disclosure labels, matched on the cell text with all whitespace removed (the real
# table pads labels with spans: 索<span/>引<span/>号).
LABELS = {
    "索引号": "index_number",
    "发布机构": "issuer", "发文机关": "issuer", "发布单位": "issuer", "发文单位": "issuer", "来源": "issuer",
    "发文日期": "published", "发布日期": "published", "公开日期": "published",
    "成文日期": "signed", "印发日期": "signed",
    "标题": "title", "名称": "title", "文件名称": "title",
    "文号": "doc_number", "发文字号": "doc_number", "文件编号": "doc_number",
}
# Labels are padded with spaces of every width (U+2002 en space, U+3000 ideographic space).
LABEL_PADDING = re.compile(r"[\s\u2002\u2003\u3000:：]+")


def label_cells(root: lxml_html.HtmlElement, table_xpath: str) -> dict[str, str]:
    """Info-disclosure metadata from label/value cell pairs (索引号 | 2026-…, 文号 | 苏政发〔…〕…).

    Matched by label text, not cell position: the layout of these tables varies between sites. The first value for a field wins; a label next to a label is no value.
    """
    fields: dict[str, str] = {}
    for table in root.xpath(table_xpath):
        cells = table.xpath(".//td|.//th")
        for cell, nxt in zip(cells, cells[1:], strict=False):
            name = LABELS.get(LABEL_PADDING.sub("", cell.text_content()))
            if name and name not in fields:
                value = re.sub(r"\s+", " ", nxt.text_content()).strip()
                if value and LABEL_PADDING.sub("", value) not in LABELS:
                    fields[name] = value
    return fields


# A 文号 written as a labelled line in the page head (发布机构：…　文号：苏府〔2026〕1号　发布日期：…)
# rather than in a label/value table: the page's own number, as trustworthy as the table's.
_LABELLED_DOCNO = re.compile(
    r"(?:文号|发文字号|文件编号)[\s\u2002\u2003\u3000]*[:：][\s\u2002\u2003\u3000]*"
    r"([\u4e00-\u9fffA-Za-z]{1,16}\s*[〔\[［【(（﹝〖]\s*(?:19|20)\d{2}\s*[〕\]］】)）﹞〗]\s*\d{1,4}\s*号)"
)


def page_head(root: lxml_html.HtmlElement) -> str:
    """The first 3,000 characters of the page's text, where its labelled metadata lines stand."""
    body = root.find("body")
    return (body.text_content() if body is not None else "")[:3000]


def labelled_doc_number(page_head: str) -> str | None:
    """The 文号 after a 文号： / 发文字号： label in the page head, if one is written there."""
    found = _LABELLED_DOCNO.search(page_head)
    return found.group(1) if found else None
