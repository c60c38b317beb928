"""Is this HTML an article at all? Anti-bot challenges, list pages and empty shells are not.

Markers seen on the real sites and in public anti-bot write-ups: Jiasule (加速乐, 521 + cookie
script), Ruishu (瑞数, 412 + ``$_ts``), Yunsuo (云锁), "网站云防护系统" shells; Hanweb column
pages carry a ``<datastore>`` island or a ``jpage(...)`` pager.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

from parsers.schema import ParseError

__all__ = ["reject_non_article"]

_CHALLENGE_RE = re.compile(
    r"__jsl_clearance|jsl_clearance_s|\$_ts\s*=|\$_ts\.|yunsuo_session_verify|网站云防护系统|"
    r"安全狗|您的访问被拦截|访问被阻断|WAF拦截|滑动验证|请开启JavaScript并刷新|Please enable JavaScript|"
    r"cf-browser-verification|challenge-platform"
)
_LIST_RE = re.compile(r"<datastore>|<recordset>|\.jpage\(")
# TRS writes the same pager script on list pages and on (multi-page) articles, where
# countPage = 1: it marks a list only together with many article links.
_PAGER_RE = re.compile(r"createPageHTML\(|var\s+countPage\s*=")
_ART_LINK_RE = re.compile(r"/art/|/t\d{8}_|\.shtml|/content/")


def _quote(text: str, at: int = 0) -> str:
    return repr(re.sub(r"\s+", " ", text[max(0, at - 20) : at + 60]))


def reject_non_article(text: str, root: lxml_html.HtmlElement, url: str, body_text: str) -> None:
    """Raise ParseError naming the URL and quoting the page when it is not an article."""
    visible = re.sub(r"\s+", "", body_text)
    challenge = _CHALLENGE_RE.search(text)
    if challenge and len(visible) < 400:
        raise ParseError(f"{url}: anti-bot challenge page, not an article: {_quote(text, challenge.start())}")
    links = [a for a in root.iter("a") if _ART_LINK_RE.search(a.get("href") or "")]
    listing = _LIST_RE.search(text) or (_PAGER_RE.search(text) if len(links) >= 5 else None)
    paragraphs = sum(len(p.text_content().strip()) for p in root.iter("p"))
    if listing and len(visible) < 200:
        raise ParseError(f"{url}: list page, not an article: {_quote(text, listing.start())}")
    if len(links) >= 15 and paragraphs < 300:
        raise ParseError(f"{url}: list page ({len(links)} article links), not an article: {_quote(links[0].text_content())}")
    if not visible:
        title = root.xpath("//title")
        shown = title[0].text_content() if title else text[:80]
        raise ParseError(f"{url}: no article text on the page: {_quote(shown)}")
