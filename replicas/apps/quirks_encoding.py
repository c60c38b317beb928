"""Encoding quirks: small Hanweb-classic columns whose bytes lie or hide.

Fake hosts (``*.quirks.example``, never in the production registry), one quirk per host, each
serving a column page with a ``<datastore>`` island and a few OPC sample articles (Chinese
titles, yuan amounts), list page and details alike:

- ``gbk-meta``: GBK bytes, ``Content-Type: text/html`` without a charset; the charset is only in
  the page (``<meta charset="gb2312">``, or the ``http-equiv`` form, or no Content-Type at all).
- ``gzip-forced``: ``Content-Encoding: gzip`` on every answer, robots.txt included, whether or
  not the request offered ``Accept-Encoding`` (some gov servers do).
- ``gzip-bare``: gzip bytes with no ``Content-Encoding`` header at all.
- ``gbk-lying``: GBK bytes labelled ``charset=UTF-8`` in the HTTP header (labels lie).

UTF-8 with the charset only in the meta tag is what the jiangsu_gov replica's detail pages do.
Gzip output uses ``mtime=0``: the bytes (and so the server's ETag) stay the same on every request.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from datetime import UTC, datetime

from replicas.server import AppRequest, Reply

MODIFIED = datetime(2026, 1, 20, 8, tzinfo=UTC)
SAMPLE_MARK = "（示例页面 sample page，opcwatch 离线演示）"
ROBOTS = b"User-agent: *\nDisallow:\n"


@dataclass(frozen=True)
class Article:
    """One OPC sample article: where it lives, its title, date and the amount sentence."""

    path: str
    title: str
    day: str
    support: str  # the sentence carrying the amount, e.g. 最高给予50万元补贴
    head: str = "meta"  # how the page declares its charset: meta / http-equiv / none
    bare: bool = False  # served with no Content-Type header at all


@dataclass(frozen=True)
class Quirk:
    """How one host encodes its answers."""

    host: str
    codec: str  # the bytes' encoding
    label: str  # the charset the page's meta tag declares
    content_type: str | None  # the HTTP Content-Type of HTML answers
    gzip: bool = False  # gzip-compress every body
    content_encoding: bool = False  # ... and say so in Content-Encoding


QUIRKS = {
    "gbk-meta": Quirk("gbk-meta.quirks.example", "gbk", "gb2312", "text/html"),
    "gzip-forced": Quirk("gzip-forced.quirks.example", "utf-8", "utf-8", "text/html;charset=UTF-8",
                         gzip=True, content_encoding=True),
    "gzip-bare": Quirk("gzip-bare.quirks.example", "utf-8", "utf-8", "text/html;charset=UTF-8", gzip=True),
    "gbk-lying": Quirk("gbk-lying.quirks.example", "gbk", "gbk", "text/html;charset=UTF-8"),
}

COLUMN_IDS = {"gbk-meta": 101, "gzip-forced": 201, "gzip-bare": 301, "gbk-lying": 401}

# Per host: (title, date, amount sentence); real-looking measures, marked as sample pages.
_ARTICLES: dict[str, tuple[Article, ...]] = {
    "gbk-meta": (
        Article("/art/2026/1/19/art_1_101.html", "关于支持一人公司创新创业的若干措施", "2026-01-19",
                "对新注册的一人公司，经认定后给予最高50万元创业补贴。"),
        Article("/art/2026/1/18/art_1_102.html", "超级个体培育行动方案", "2026-01-18",
                "对入驻社区的超级个体，每年给予最高3万元房租补贴。", head="http-equiv"),
        Article("/art/2026/1/17/art_1_103.html", "一人公司算力券申领指南", "2026-01-17",
                "对符合条件的一人公司发放算力券，单个企业最高20万元。", bare=True),
    ),
    "gzip-forced": (
        Article("/art/2026/1/19/art_1_201.html", "促进一人公司（OPC）高质量发展的实施意见", "2026-01-19",
                "设立规模2亿元的OPC产业基金，对优秀项目给予最高100万元股权投资。"),
        Article("/art/2026/1/16/art_1_202.html", "一人公司社区建设扶持办法", "2026-01-16",
                "对认定的一人公司社区给予最高200万元一次性奖励。"),
    ),
    "gzip-bare": (
        Article("/art/2026/1/19/art_1_301.html", "关于加快发展一人公司的通知", "2026-01-19",
                "对一人公司首次贷款给予贴息，单户最高10万元。"),
        Article("/art/2026/1/15/art_1_302.html", "超级个体人才引育若干措施", "2026-01-15",
                "对引进的超级个体给予最高30万元安家补贴。"),
    ),
    "gbk-lying": (
        Article("/art/2026/1/19/art_1_401.html", "一人公司数据要素应用支持措施", "2026-01-19",
                "对开展数据要素应用的一人公司，给予最高15万元数据券支持。"),
        Article("/art/2026/1/14/art_1_402.html", "支持一人公司参加展会的补贴办法", "2026-01-14",
                "对参加重点展会的一人公司，按展位费的50%给予补贴，最高5万元。", head="none"),
    ),
}


def _head(quirk: Quirk, how: str) -> str:
    if how == "http-equiv":
        return f'<meta http-equiv="Content-Type" content="text/html; charset={quirk.label}" />'
    if how == "none":
        return ""
    return f'<meta charset="{quirk.label}">'


def article_html(quirk: Quirk, article: Article) -> str:
    """A Hanweb-classic news detail page (the Hanweb meta markers) for one article, as text."""
    return (
        f"<!DOCTYPE html><html><head>{_head(quirk, article.head)}<title>{article.title}</title>"
        f"<meta name='ArticleTitle' content='{article.title}'><meta name='PubDate' content='{article.day} 09:00'>"
        "</head><body><div class='main'><div class='sp_title'>"
        f"<h1>{article.title}</h1></div><div class='sp_time'><font>发布日期：{article.day}</font>"
        "<font>来源：示例县人民政府</font></div><div id='zoom' class='article_content'><!--ZJEG_RSS.content.begin-->"
        f"<p>为贯彻落实省委、省政府关于发展一人公司（OPC）和超级个体的决策部署，制定{article.title}。</p>"
        f"<p>一、{article.support}</p>"
        "<p>二、各地各部门要加强政策宣传，优化申报流程，确保政策直达快享。</p>"
        f"<p>本措施自印发之日起施行。</p><!--ZJEG_RSS.content.end--><p>{SAMPLE_MARK}</p></div></div></body></html>"
    )


def column_html(quirk: Quirk, articles: tuple[Article, ...]) -> str:
    """The column page: the first records inside the ``<datastore>`` XML island, jpage numbers."""
    records = "\n".join(
        f'<record><![CDATA[\n<li class="clearfix"><a href="{a.path}" title="{a.title}" target="_blank">'
        f'{a.title}</a><span class="time">{a.day}</span></li>\n]]></record>'
        for a in articles
    )
    return (
        f"<!DOCTYPE html><html><head>{_head(quirk, 'meta')}<title>示例县人民政府 政策文件</title></head><body>"
        f"<div class='list-title'>政策文件</div><!-- {SAMPLE_MARK} --><ul class='RcontUl'><div id='1'>"
        f"<script type='text/xml'><datastore>\n<recordset>\n{records}\n</recordset>\n</datastore></script></div></ul>"
        f"<script>$('#1').jpage({{totalRecord:{len(articles)},perPage:20,groupSize:3,"
        "proxyUrl:'/module/web/jpage/dataproxy.jsp'});</script></body></html>"
    )


class QuirksEncodingApp:
    """Serves every ``*.quirks.example`` host; the content is the same on every day.

    All hosts share one port, and a routed request's Host header is the replica's, so the app
    tells the hosts apart by path: each has its own column id and article ids. robots.txt is
    the one shared path; it comes gzip-forced (the harshest quirk Scrapy must read it through).
    """

    hosts = tuple(q.host for q in QUIRKS.values())

    def __init__(self, day: int) -> None:
        self.day = day
        self._pages: dict[str, tuple[Quirk, str, str | None]] = {}
        for name, quirk in QUIRKS.items():
            articles = _ARTICLES[name]
            self._pages[list_path(name)] = (quirk, column_html(quirk, articles), quirk.content_type)
            for a in articles:
                self._pages[a.path] = (quirk, article_html(quirk, a), None if a.bare else quirk.content_type)

    def set_day(self, day: int) -> None:
        self.day = day

    def handle(self, request: AppRequest) -> Reply | None:
        if request.path == "/robots.txt":
            return _reply(QUIRKS["gzip-forced"], ROBOTS.decode(), "text/plain")
        page = self._pages.get(request.path)
        return _reply(*page) if page else None


def _reply(quirk: Quirk, text: str, content_type: str | None) -> Reply:
    body = text.encode(quirk.codec)
    headers: dict[str, str] = {}
    if quirk.gzip:
        body = gzip.compress(body, mtime=0)
        if quirk.content_encoding:
            headers["Content-Encoding"] = "gzip"
    return Reply(body=body, content_type=content_type, headers=headers, last_modified=MODIFIED)


def list_path(name: str) -> str:
    """The column page path of one quirk's host."""
    return f"/col/col{COLUMN_IDS[name]}/index.html"


def articles(name: str) -> tuple[Article, ...]:
    """The sample articles one quirk's host lists."""
    return _ARTICLES[name]


def make_app(day: int) -> QuirksEncodingApp:
    return QuirksEncodingApp(day)
