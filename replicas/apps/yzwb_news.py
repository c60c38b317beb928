"""www.yzwb.net (扬子晚报网 / 紫牛新闻): a news outlet read by the ``generic`` spider.

The URL grammar is the one of real article URLs (``/news/jiangsu/202512/t20251231_306491.html``, a
TRS-style ``tYYYYMMDD_ID.html`` path), so the lists follow the TRS static pattern: ``index.html`` then ``index_1.html``, ``index_2.html`` with a ``createPageHTML``
pager, rows with **relative** ``./YYYYMM/t….html`` links and ``YYYY-MM-DD HH:MM`` times. The
list markup itself is [INFERRED]. A retired channel (``/news/opc/``) redirects to the homepage
(a soft 404). Detail pages: ``h1``, "来源: 紫牛新闻" and the time, body in
``div.TRS_Editor``. Day 2 adds one report at the top of the list.
"""

from __future__ import annotations

import html

from replicas.apps._news import Article, Page, StaticApp, cst

HOST = "www.yzwb.net"
PER_PAGE = 6
OPC = Article(
    "/news/jiangsu/202512/t20251231_306491.html",
    "着力打造中国优质OPC创业之城,全力为创业者提供一站式服务,扬州人工智能OPC创新发展大会成功举办",
    "2025-12-31 18:12",
    "紫牛新闻",
    (
        "12月31日,“数据运河·展梦未来——人工智能OPC创新发展大会”在扬州举行。大会旨在全力推动人工智能OPC"
        "(One Person Company,即“一人公司”)模式创新与产业集聚,赋能数字经济高质量发展。",
        "扬子晚报/紫牛新闻记者了解到,扬州全市数字经济核心产业规上企业突破1800余家,存续OPC公司近12万户,"
        "新一代信息技术产业规模超千亿元。",
        "扬州市委书记王进健致辞说,2025年扬州新增设具有科技属性的OPC有3000多家,每年吸引游客来扬观光旅游体验达1.25亿人次,"
        "扬州将把遍布全市的50多个城市书房改造扩展为OPC生态社区。",
    ),
)
DAY2_OPC = Article(
    "/news/jiangsu/202601/t20260120_309112.html",
    "江苏出台12条硬核举措支持人工智能OPC创新创业",
    "2026-01-20 09:30",
    "紫牛新闻",
    (
        "1月19日,江苏出台支持人工智能“一人公司”(OPC)创新创业的12条措施。",
        "措施提出,省级统筹发放“算力券”,对OPC创业者购买智能算力服务的,按不超过实际费用的30%给予补贴,单个主体每年最高50万元。",
    ),
)
_ORDINARY = [
    ("南京地铁5号线南段开通初期运营", "2026-01-18 10:05", "南京"),
    ("苏州今冬首场雪如约而至 市民赏雪出行注意安全", "2026-01-16 08:40", "苏州"),
    ("无锡马拉松报名启动 今年参赛名额三万人", "2026-01-13 15:20", "无锡"),
    ("常州恐龙园春节灯会筹备就绪", "2026-01-10 19:00", "常州"),
    ("盐城湿地迎来越冬候鸟高峰", "2026-01-08 11:30", "盐城"),
    ("淮安开展冬季燃气安全专项检查", "2026-01-05 16:45", "淮安"),
    ("徐州新建三座口袋公园向市民开放", "2026-01-02 09:15", "徐州"),
    ("连云港港口集装箱吞吐量再创新高", "2025-12-28 17:50", "连云港"),
    ("镇江老城区改造项目有序推进", "2025-12-24 14:10", "镇江"),
    ("泰州举办新年音乐会 市民免费观演", "2025-12-20 20:30", "泰州"),
    ("宿迁电商企业备战年货节", "2025-12-16 13:25", "宿迁"),
    ("南通沿江步道全线贯通", "2025-12-12 10:40", "南通"),
]
ORDINARY = [
    Article(
        f"/news/jiangsu/{s[:4]}{s[5:7]}/t{s[:4]}{s[5:7]}{s[8:10]}_{305000 + i * 97}.html", t, s, "扬子晚报",
        (f"记者从{city}有关部门获悉,{t}。", f"据介绍,{city}将继续做好相关服务保障工作,方便市民群众。"),
    )
    for i, (t, s, city) in enumerate(_ORDINARY)
]
HOMEPAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>扬子晚报网</title></head><body>"
    "<div class='nav'><a href='/news/jiangsu/index.html'>江苏</a></div><p>（示例页面 sample page）</p></body></html>"
).encode()


def articles(day: int) -> list[Article]:
    """Newest first, as the list shows them."""
    found = [OPC, *ORDINARY] + ([DAY2_OPC] if day >= 2 else [])
    return sorted(found, key=lambda a: a.stamp, reverse=True)


def detail(article: Article) -> bytes:
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(article.title)}_江苏_扬子晚报网</title>"
        f"<meta name='keywords' content='江苏'><meta name='description' content='{html.escape(article.paragraphs[0][:80])}'>"
        "</head><body><div class='header'><a href='/'>扬子晚报网</a> &gt; <a href='/news/jiangsu/index.html'>江苏</a></div>"
        f"<div class='article'><h1>{html.escape(article.title)}</h1>"
        f"<div class='info'><span class='source'>来源: {article.source}</span> <span class='time'>{article.stamp}:00</span></div>\n"
        f"<div class='TRS_Editor'>{article.body_html()}</div></div>"
        "<div class='share'>分享到: 微信 微博</div><div class='footer'>扬子晚报网版权所有</div></body></html>"
    ).encode()


def list_page(rows: list[Article], page: int, pages: int) -> bytes:
    items = "".join(
        f"<li><a href='./{a.path.split('/')[-2]}/{a.path.split('/')[-1]}' target='_blank'>{html.escape(a.title)}</a>"
        f"<span class='time'>{a.stamp}</span></li>"
        for a in rows
    )
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>江苏_扬子晚报网</title></head><body>"
        f"<div class='list-box'><ul class='news-list'>{items}</ul></div>"
        f"<div class='page'><script>var countPage = {pages};createPageHTML({pages}, {page}, \"index\", \"html\");</script></div>"
        "<p class='note'>（示例页面 sample page，opcwatch 离线演示）</p></body></html>"
    ).encode()


def build(day: int) -> dict[str, Page]:
    listed = articles(day)
    chunks = [listed[i : i + PER_PAGE] for i in range(0, len(listed), PER_PAGE)]
    pages: dict[str, Page] = {"/": Page(HOMEPAGE, cst("2026-01-20 00:00")), "/index.html": Page(HOMEPAGE, None)}
    for n, rows in enumerate(chunks):
        name = "index.html" if n == 0 else f"index_{n}.html"
        pages[f"/news/jiangsu/{name}"] = Page(list_page(rows, n, len(chunks)), cst(rows[0].stamp))
    for article in listed:
        pages[article.path] = Page(detail(article), cst(article.stamp))
    # A retired channel: TRS news sites send it to the homepage (soft 404).
    pages["/news/opc/index.html"] = Page(b"", None, 302, None, {"Location": f"https://{HOST}/"})
    return pages


def make_app(day: int) -> StaticApp:
    return StaticApp((HOST,), build, day)
