"""The Suzhou / SIP / Zhenjiang / Suqian ".shtml + 32-hex" CMS (vendor probably UCAP).

Detail pages carry the national meta block, ``<ucaptitle>``, the body in
``div.article-content#zoomcon > ucapcontent`` (Suqian: ``div.article``, date in
``<publishtime>``), and an info-disclosure block ``div.xxgkml-content`` of ``dl/dd`` label
cells padded with ``&ensp;`` or full-width spaces (索 引 号：…).

The PubDate trap: the CMS regenerated its archive and stamped that moment
into ``<meta name="PubDate">`` for most pages, so the labelled 发文日期 wins over the meta.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

from parsers.dates import parse_date
from parsers.layouts.common import LABEL_PADDING, LABELS, Extracted
from parsers.layouts.generic import extract_generic

__all__ = ["is_ucap", "extract_ucap"]

def is_ucap(root: lxml_html.HtmlElement) -> bool:
    """UCAP fingerprint: its custom tags or its body / metadata containers."""
    return bool(
        root.xpath("//ucaptitle | //ucapcontent | //*[@id='zoomcon'] | //div[contains(@class,'xxgkml-content')]")
    )


def _label_cells(root: lxml_html.HtmlElement) -> dict[str, str]:
    fields: dict[str, str] = {}
    for dd in root.xpath("//div[contains(@class,'xxgkml-content')]//dd"):
        labels = dd.xpath(".//label")
        if not labels:
            continue
        name = LABELS.get(LABEL_PADDING.sub("", labels[0].text_content()))
        value_el = dd.xpath(".//div")
        value = re.sub(r"\s+", " ", value_el[0].text_content()).strip() if value_el else ""
        if name and value and name not in fields:
            fields[name] = value
    return fields


def extract_ucap(root: lxml_html.HtmlElement, base_url: str) -> Extracted:
    """Fields of a UCAP detail page: the generic reading, corrected by the labelled metadata."""
    cells = _label_cells(root)  # read before the generic pass drops anything
    out = extract_generic(root, base_url)
    out.layout = "ucap_xxgk" if cells else "ucap"
    labelled = parse_date(cells.get("published", ""))
    if labelled is not None:
        out.published = labelled
    elif root.xpath("//publishtime"):
        out.published = parse_date("".join(root.xpath("//publishtime//text()"))) or out.published
    out.signed = parse_date(cells.get("signed", "")) or out.signed
    source = root.xpath("//span[contains(@class,'ly')]//b")
    out.issuer = cells.get("issuer") or (source[0].text_content().strip() if source else None) or out.issuer
    out.doc_number = cells.get("doc_number") or out.doc_number
    out.index_number = cells.get("index_number") or out.index_number
    out.title = cells.get("title") or out.title
    return out
