"""www.jschina.com.cn (中国江苏网): a news outlet read through an Atom feed.

No feed of any Jiangsu site is evidenced, so the feed path and its shape are
[UNVERIFIED]: an Atom feed paged with ``<link rel="next">`` (RFC 5005), ``updated`` in ISO 8601
with ``+08:00`` or ``Z``, and one entry linking off-site (a WeChat repost) that the crawl must
not follow. Details: ``h1``, "发布时间：… 来源：…", body in ``div.article-content``. Day 2 adds
one entry at the top of the first feed page.
"""

from __future__ import annotations

import html
from datetime import UTC

from replicas.apps._news import Article, Page, StaticApp, cst

HOST = "www.jschina.com.cn"
FEED = "/rss/jsxw.xml"
PER_PAGE = 5
OPC = Article(
    "/jsxw/202601/t20260102_8312455.shtml",
    "苏州发布OPC发展目标：到2028年打造超50个OPC社区",
    "2026-01-02 11:20",
    "中国江苏网",
    (
        "在“OPC苏州之夜”跨年活动上,苏州提出,到2028年打造超50个OPC社区、市级OPC公共服务平台上线“好物工具”超100个、"
        "新增培育1000家OPC企业、集聚超10000名OPC人才。",
        "此前,苏州工业园区设立10亿元“青创基金群”,对优质OPC项目最高给予2000万元政策性股权投资支持。",
    ),
)
DAY2 = Article(
    "/jsxw/202601/t20260126_8330017.shtml",
    "南京江北新区发布北岸OPC U·CAN行动计划",
    "2026-01-26 09:00",
    "中国江苏网",
    ("江北新区发布“北岸OPC U·CAN行动计划”,目标到2030年打造30个OPC社区、培育引进OPC企业1000家、集聚人才5000名。",),
)
_ORDINARY = [
    ("江苏省两会将于1月下旬召开", "2026-01-20 08:00"),
    ("全省高速公路春运保畅方案出炉", "2026-01-17 14:30"),
    ("江苏博物院新春特展开幕", "2026-01-14 10:10"),
    ("长江江苏段禁渔成效显现", "2026-01-11 16:00"),
    ("江苏高校寒假开始 错峰离校有序进行", "2026-01-08 09:40"),
    ("全省冬小麦长势总体良好", "2025-12-30 15:15"),
    ("江苏发布寒潮蓝色预警", "2025-12-27 07:30"),
    ("苏南运河沿线景观提升工程完工", "2025-12-22 11:00"),
]
ORDINARY = [
    Article(f"/jsxw/{s[:4]}{s[5:7]}/t{s[:4]}{s[5:7]}{s[8:10]}_{8300000 + i * 131}.shtml", t, s, "中国江苏网",
            (f"{t}。", "记者从有关部门了解到,相关工作正在有序推进。"))
    for i, (t, s) in enumerate(_ORDINARY)
]
OFFSITE = ("https://mp.weixin.qq.com/s/opcwatch-sample", "【转载】一人公司的江苏样本", "2026-01-05 12:00")


def entries(day: int) -> list[Article]:
    found = [OPC, *ORDINARY] + ([DAY2] if day >= 2 else [])
    return sorted(found, key=lambda a: a.stamp, reverse=True)


def _updated(stamp: str, utc: bool) -> str:
    moment = cst(stamp)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if utc else moment.isoformat()


def feed_page(rows: list[Article], page: int, pages: int, extra: str) -> bytes:
    items = "".join(
        f"<entry><title>{html.escape(a.title)}</title><link rel='alternate' href='https://{HOST}{a.path}'/>"
        f"<id>tag:{HOST},{a.day}:{a.path}</id><updated>{_updated(a.stamp, i % 2 == 1)}</updated>"
        f"<summary>{html.escape(a.paragraphs[0][:60])}</summary></entry>"
        for i, a in enumerate(rows)
    )
    nxt = f"<link rel='next' href='{FEED.replace('.xml', f'_{page + 1}.xml')}'/>" if page < pages else ""
    return (
        "<?xml version='1.0' encoding='utf-8'?>\n<feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>中国江苏网 江苏新闻</title><id>tag:{HOST},2026:jsxw</id><updated>{_updated(rows[0].stamp, False)}</updated>"
        f"<link rel='self' href='https://{HOST}{FEED}'/>{nxt}{extra}{items}</feed>\n"
    ).encode()


def detail(article: Article) -> bytes:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(article.title)}_中国江苏网</title>"
        f"<meta property='og:title' content='{html.escape(article.title)}'></head><body>"
        f"<div class='main'><h1>{html.escape(article.title)}</h1>"
        f"<div class='info'>发布时间：{article.stamp} 来源：{article.source}</div>\n"
        f"<div class='article-content'>{article.body_html()}</div></div></body></html>"
    ).encode()


def build(day: int) -> dict[str, Page]:
    listed = entries(day)
    chunks = [listed[i : i + PER_PAGE] for i in range(0, len(listed), PER_PAGE)]
    pages: dict[str, Page] = {}
    for n, rows in enumerate(chunks, start=1):
        # The off-site repost sits on the first page: the crawl must drop it (offsite guard).
        extra = (f"<entry><title>{OFFSITE[1]}</title><link href='{OFFSITE[0]}'/>"
                 f"<updated>{_updated(OFFSITE[2], False)}</updated></entry>") if n == 1 else ""
        path = FEED if n == 1 else FEED.replace(".xml", f"_{n}.xml")
        pages[path] = Page(feed_page(rows, n, len(chunks), extra), cst(rows[0].stamp), content_type="application/atom+xml")
    for article in listed:
        pages[article.path] = Page(detail(article), cst(article.stamp))
    return pages


def make_app(day: int) -> StaticApp:
    return StaticApp((HOST,), build, day)
