"""Shared engine of the ".shtml + 32-hex" CMS replicas (suzhou_gov, sipac_gov, zhenjiang_gov, suqian_gov).

Not an app itself (the leading underscore keeps it out of ``fleet.app_names()``). A site module
describes its documents (:class:`Doc`) and lists (:class:`UcapList`) and gets a :class:`UcapApp`.
What is reproduced: detail URLs ``/<site>/<chan>/YYYYMM/<32hex>.shtml``;
static lists paged ``<prefix>_N.shtml`` in three row markups (``infolist``: ``ul.infolist li`` +
``a[title]`` + ``span.time``; ``li_time``: Zhenjiang ``li > a[title] + span.time``; ``undated``:
Suqian ``div.list ul li > a`` without dates); past the last page a 404, or, on a site with
``soft404``, the homepage with status 200 for every unknown path (SIP). Detail pages carry
the national meta block, ``<ucaptitle>``/``<ucapcontent>`` and, on info-disclosure documents, the
Suzhou ``xxgkml-content`` dl/dd block with ``&ensp;``/full-width padded labels.

Day 2 = day 1 plus documents whose ``first_day`` is 2 and in-place edits (``day2_paragraphs``);
both move the Last-Modified of the document and of every list page showing it.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from replicas.server import AppRequest, Reply

DAY1 = datetime(2026, 2, 3, 1, 0, tzinfo=UTC)
DAY2 = datetime(2026, 2, 4, 1, 0, tzinfo=UTC)
SAMPLE_NOTE = '<p class="opcwatch-sample" style="color:#999;">（示例页面 sample page，opcwatch 离线演示）</p>'
ROBOTS = b"User-agent: *\nDisallow: /szinf/search/\n"
_CUR = ' class="cur"'


@dataclass(frozen=True)
class Doc:
    """One article: its channel path, title, true date, body paragraphs and metadata."""

    chan: str  # "/szgyyq/zwyw": the detail URL lives under it
    title: str
    day: str  # the true date, YYYY-MM-DD (list date, 发文日期, <publishtime>)
    paragraphs: tuple[str, ...]
    issuer: str
    column: str
    doc_number: str = ""
    index_number: str = ""  # set → the page has the xxgkml-content block (Suzhou style)
    pubdate: str = ""  # meta PubDate when it differs from the true date (the regeneration stamp)
    sample: bool = False
    first_day: int = 1
    day2_paragraphs: tuple[str, ...] = ()  # the same URL edited in place on day 2

    @property
    def hexid(self) -> str:
        return hashlib.md5(f"{self.chan}|{self.title}".encode()).hexdigest()

    @property
    def path(self) -> str:
        return f"{self.chan}/{self.day[:4]}{self.day[5:7]}/{self.hexid}.shtml"

    @property
    def meta_pubdate(self) -> str:
        return self.pubdate or f"{self.day} 09:30:00"

    def body(self, day: int) -> tuple[str, ...]:
        return self.day2_paragraphs if day >= 2 and self.day2_paragraphs else self.paragraphs

    def modified(self, day: int) -> datetime:
        changed = day >= 2 and (self.first_day == 2 or bool(self.day2_paragraphs))
        return DAY2 if changed else DAY1


@dataclass(frozen=True)
class UcapList:
    """A static list: its first page path, name, row markup, rows per page and documents (newest first)."""

    path: str
    name: str
    style: str  # infolist / li_time / undated
    per_page: int
    docs: tuple[Doc, ...]
    link: str = "path"  # how hrefs are written: path (/a/b.shtml) / http (http://host/a/b.shtml)

    def page_path(self, page_no: int) -> str:
        return self.path if page_no == 1 else self.path.replace(".shtml", f"_{page_no}.shtml")


@dataclass
class UcapSite:
    """Everything one replica site serves; ``api`` answers the dynamic endpoints (or None)."""

    hosts: tuple[str, ...]
    site_name: str
    home_title: str
    detail_style: str  # suzhou / zhenjiang / suqian
    lists: tuple[UcapList, ...]
    soft404: bool = False
    api: Callable[[AppRequest, int], Reply | None] | None = None
    extra_docs: tuple[Doc, ...] = field(default_factory=tuple)  # reachable only through an API


def ordinary(chan: str, column: str, issuer: str, newest: str, titles: Sequence[str], step: int = 3) -> list[Doc]:
    """Plain (non-OPC) documents, newest first, one every ``step`` days back from ``newest``."""
    start = date.fromisoformat(newest)
    docs = []
    for i, title in enumerate(titles):
        day = (start - timedelta(days=i * step)).isoformat()
        paragraphs = (
            f"{day[:4]}年{int(day[5:7])}月{int(day[8:])}日，{issuer}{title}，有关部门负责同志参加。",
            "会议要求，各地各部门要坚持问题导向，压实工作责任，细化工作举措，确保各项任务按期完成。",
            "下一步，将持续跟踪推进落实情况，及时总结经验做法，不断提升工作质效。",
        )
        docs.append(Doc(chan, title, day, paragraphs, issuer, column))
    return docs


class UcapApp:
    """A replica of one site of the family for a simulated day (1 or 2)."""

    server_header = "UCAP/8"

    def __init__(self, site: UcapSite, day: int) -> None:
        self.site = site
        self.hosts = site.hosts
        self.day = day

    def set_day(self, day: int) -> None:
        self.day = day

    def docs(self) -> dict[str, Doc]:
        """Every document served today, by path."""
        every = [d for lst in self.site.lists for d in lst.docs] + list(self.site.extra_docs)
        return {d.path: d for d in every if d.first_day <= self.day}

    def rows(self, lst: UcapList) -> list[Doc]:
        return [d for d in lst.docs if d.first_day <= self.day]

    def handle(self, request: AppRequest) -> Reply | None:
        path = request.path
        if path == "/robots.txt":
            return Reply(body=ROBOTS, content_type="text/plain")
        if path in ("/", "/index.shtml"):
            return self.home()
        if self.site.api is not None and (reply := self.site.api(request, self.day)) is not None:
            return reply
        if (doc := self.docs().get(path)) is not None:
            return Reply(body=detail_page(self.site, doc, self.day).encode(), last_modified=doc.modified(self.day))
        for lst in self.site.lists:
            rows = self.rows(lst)
            pages = max(1, -(-len(rows) // lst.per_page))
            for page_no in range(1, pages + 1):
                if path == lst.page_path(page_no):
                    shown = rows[(page_no - 1) * lst.per_page : page_no * lst.per_page]
                    modified = max((d.modified(self.day) for d in shown), default=DAY1)
                    body = list_page(self.site, lst, shown, page_no, pages)
                    return Reply(body=body.encode(), last_modified=modified)
        # SIP: a guessed channel (or a page past the end) quietly serves the homepage.
        return self.home() if self.site.soft404 else None

    def home(self) -> Reply:
        first = self.site.lists[0]
        rows = "".join(_row("infolist", first, d) for d in self.rows(first)[:8])
        body = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{self.site.home_title}</title>"
                f'<meta name="SiteName" content="{self.site.site_name}"></head><body>'
                f"{_header(self.site)}<div class=\"main\"><h3>{first.name}</h3><ul class=\"infolist\">{rows}</ul>"
                "</div></body></html>")
        return Reply(body=body.encode(), last_modified=DAY1)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _href(lst: UcapList, doc: Doc, host: str) -> str:
    return f"http://{host}{doc.path}" if lst.link == "http" else doc.path


def _row(style: str, lst: UcapList, doc: Doc, host: str = "") -> str:
    href, title = _href(lst, doc, host), _esc(doc.title)
    if style == "undated":
        return f'<li><a href="{href}" target="_blank">{title}</a></li>'
    if style == "li_time":
        return f'<li><a href="{href}" title="{title}" target="_blank">{title}</a><span class="time">{doc.day}</span></li>'
    return (f'<li><span class="dot"></span><a href="{href}" title="{title}" target="_blank">{title}</a>'
            f'<span class="time">{doc.day}</span></li>')


def _header(site: UcapSite) -> str:
    return (f'<div class="header"><div class="logo">{site.site_name}</div><ul class="nav">'
            '<li><a href="/">首页</a></li><li><a href="javascript:;">政务公开</a></li>'
            '<li><a href="javascript:;">政务服务</a></li><li><a href="javascript:;">互动交流</a></li></ul></div>')


def list_page(site: UcapSite, lst: UcapList, rows: Sequence[Doc], page_no: int, pages: int) -> str:
    """One static list page in the site's row markup, with its pager."""
    items = "".join(_row(lst.style, lst, d, site.hosts[0]) for d in rows)
    if lst.style == "undated":
        block = f'<div class="list"><ul>{items}</ul></div>'
    elif lst.style == "li_time":
        block = f'<div class="xxgk-list"><ul class="list-ul">{items}</ul></div>'
    else:
        block = f'<ul class="infolist">{items}</ul>'
    name = lst.path.rsplit("/", 1)[-1].removesuffix(".shtml")
    pager = " ".join(
        f'<a href="{lst.page_path(n).rsplit("/", 1)[-1]}"{_CUR if n == page_no else ""}>{n}</a>'
        for n in range(1, pages + 1)
    )
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{lst.name}_{site.site_name}</title>'
            f'<meta name="SiteName" content="{site.site_name}"><meta name="ColumnName" content="{lst.name}">'
            f'<meta name="ColumnType" content="{name}"></head><body>{_header(site)}'
            f'<div class="main"><div class="crumb">当前位置：首页 &gt; {lst.name}</div>{block}'
            f'<div class="page" data-total="{pages}">{pager}</div></div></body></html>')


def _paragraphs(doc: Doc, day: int) -> str:
    text = "".join(f'<p style="text-indent:2em;">{_esc(p)}</p>' for p in doc.body(day))
    return text + (SAMPLE_NOTE if doc.sample else "")


def _meta(site: UcapSite, doc: Doc, with_pubdate: bool = True) -> str:
    pairs = [("SiteName", site.site_name), ("SiteDomain", site.hosts[0]), ("ColumnName", doc.column),
             ("ArticleTitle", doc.title)]
    if with_pubdate:
        pairs.append(("PubDate", doc.meta_pubdate))
    pairs.append(("ContentSource", doc.issuer))
    return "".join(f'<meta name="{k}" content="{_esc(v)}">' for k, v in pairs)


def _xxgk_block(doc: Doc) -> str:
    """The Suzhou info-disclosure dl/dd block; labels padded with &ensp; and U+3000."""
    def dd(label: str, value: str) -> str:
        return (f'<dd class="addWidth"><label><font>{label}</font></label>'
                f'<div class="display-block fl">{value}</div></dd>')

    return ('<div class="xxgkml-content"><dl>'
            + dd("索&ensp;引&ensp;号：", _esc(doc.index_number))
            + dd("分&emsp;&emsp;类：", "<font>科技、教育</font> <font>科技</font> <font>市政府文件</font> <font>通知</font>")
            + dd("发布机构：", _esc(doc.issuer))
            + dd("发文日期：", doc.day)
            + dd("文\u3000\u3000号：", _esc(doc.doc_number))
            + dd("标\u3000\u3000题：", _esc(doc.title))
            + dd("内容概述：", _esc(doc.paragraphs[0][:40]))
            + dd("时\u3000\u3000效：", "有效")
            + "</dl></div>")


def detail_page(site: UcapSite, doc: Doc, day: int) -> str:
    """A detail page in the site's layout (suzhou: ucaptitle + xxgkml + #zoomcon; suqian: div.article)."""
    head = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{_esc(doc.title)}_{site.site_name}</title>'
            f"{_meta(site, doc, with_pubdate=site.detail_style != 'suqian')}</head><body>{_header(site)}")
    body = _paragraphs(doc, day)
    if site.detail_style == "suqian":
        main = (f'<div class="article"><h1 class="title"><ucaptitle>{_esc(doc.title)}</ucaptitle></h1>'
                f'<div class="info"><span>发布时间：<publishtime>{doc.day}</publishtime></span>'
                f"<span>来源：{_esc(doc.issuer)}</span></div>"
                f'<div class="article-con"><ucapcontent>{body}</ucapcontent></div></div>')
    elif site.detail_style == "zhenjiang":
        number = f'<div class="wh">{_esc(doc.doc_number)}</div>' if doc.doc_number else ""
        main = (f'<div class="xl-main"><h2 class="xl-title"><ucaptitle>{_esc(doc.title)}</ucaptitle></h2>'
                f'<div class="xl-info"><span>发布时间：<publishtime>{doc.meta_pubdate[:16]}</publishtime></span>'
                f"<span>信息来源：{_esc(doc.issuer)}</span></div>{number}"
                f'<div class="article-content" id="zoom"><ucapcontent>{body}</ucapcontent></div></div>')
    else:
        xxgk = _xxgk_block(doc) if doc.index_number else ""
        main = (f'<div class="article"><h2 class="article-title"><ucaptitle>{_esc(doc.title)}</ucaptitle></h2>'
                f'<div class="article-auxiliary"><span class="ly">来源：<b>{_esc(doc.issuer)}</b></span>'
                f'<span class="time">发布时间：{doc.meta_pubdate}</span></div>{xxgk}'
                f'<div class="article-content" id="zoomcon"><ucapcontent>{body}</ucapcontent></div>'
                f'<div class="OwnerDept"><font>{_esc(doc.column)}</font></div></div>')
    return head + main + '<div class="footer">主办单位：' + site.site_name + "</div></body></html>"
