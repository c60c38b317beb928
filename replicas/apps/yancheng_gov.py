"""www.yancheng.gov.cn (盐城市人民政府, Hanweb classic)

The aggregate page ``/col/col23755/index.html`` shows 3 blocks of
``<li><a title=… href="/art/…">…</a><b>YYYY-MM-DD</b></li>`` with no pagination and no
``<datastore>`` island, so the registry reads it with the ``generic`` spider. Block markup
around the rows is [INFERRED]. Details are Hanweb pages with ``#zoom``; one of them is
gated by a 加速乐 (Jiasule) 521 cookie challenge on every request. Day 2 = day 1
plus one new document.
"""

from __future__ import annotations

import html

from replicas.apps._news import Article, Page, StaticApp, cst

HOST = "www.yancheng.gov.cn"
LIST_PATH = "/col/col23755/index.html"
JSL_CHALLENGE = (
    b"<html><body><script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')"
    b"+('r')+('a')+('n')+('c')+('e')+('_')+('s')+('=')+('1769400000.417|0|Yc2f');"
    b"location.href=location.pathname+location.search</script></body></html>"
)
OPC = Article(
    "/art/2026/1/23/art_23755_4433901.html",
    "盐城市人民政府办公室关于贯彻落实江苏省支持人工智能OPC（一人公司）创新创业若干措施的通知",
    "2026-01-23 15:00",
    "盐城市人民政府办公室",
    (
        "各县（市、区）人民政府，盐城经济技术开发区、盐南高新区管委会，市各委办局，市各直属单位：",
        "为贯彻落实省政府办公厅印发的支持人工智能“一人公司”（OPC）创新创业的12条措施，现就我市有关工作通知如下。",
        "一、对在我市新注册的OPC创业主体，入驻市级OPC社区的，给予最长2年免费工位。",
        "二、对OPC创业主体首次获得银行贷款的，给予首贷贴息，单户贴息最高10万元。",
        "三、各地要在2026年6月底前至少建成1个OPC社区，市财政对认定的市级OPC社区给予一次性奖励最高100万元。",
    ),
)
_BLOCKS = {
    "政府文件": [
        ("盐城市人民政府关于印发盐城市2026年国民经济和社会发展计划的通知", "2026-01-20"),
        ("盐城市人民政府关于公布第七批市级非物质文化遗产代表性项目名录的通知", "2026-01-12"),
        ("盐城市人民政府关于调整部分市级行政许可事项的决定", "2025-12-29"),
    ],
    "政府办文件": [
        ("盐城市人民政府办公室关于做好2026年春节期间有关工作的通知", "2026-01-16"),
        ("盐城市人民政府办公室关于印发盐城市冬春季森林防火工作方案的通知", "2026-01-06"),
    ],
    "政策解读": [
        ("《盐城市2026年国民经济和社会发展计划》解读", "2026-01-21"),
        ("图解：盐城市冬春季森林防火工作方案", "2026-01-07"),
    ],
}
DAY2_DOC = ("盐城市人民政府办公室关于公布首批市级人工智能OPC社区名单的通知", "2026-01-26")
GATED = "/art/2026/1/12/art_23755_4433402.html"  # the detail the Jiasule challenge answers for


def _ordinary(title: str, day: str, n: int) -> Article:
    y, m, d = (int(x) for x in day.split("-"))
    return Article(
        f"/art/{y}/{m}/{d}/art_23755_{4433000 + n * 201}.html", title, f"{day} 10:00", "盐城市人民政府办公室",
        ("各县（市、区）人民政府，市各委办局：", f"现将{title.split('关于')[-1].removesuffix('的通知')}有关事项通知如下，请认真贯彻执行。"),
    )


def blocks(day: int) -> dict[str, list[Article]]:
    """The three blocks of the aggregate page, newest first within each."""
    out: dict[str, list[Article]] = {}
    n = 0
    for name, rows in _BLOCKS.items():
        out[name] = []
        for title, when in rows:
            n += 1
            out[name].append(_ordinary(title, when, n))
    out["政府办文件"].insert(0, OPC)
    if day >= 2:
        out["政府办文件"].insert(0, _ordinary(DAY2_DOC[0], DAY2_DOC[1], 99))
    return out


def detail(article: Article) -> bytes:
    return (
        "<!DOCTYPE html><html><head><meta http-equiv='Content-Type' content='text/html; charset=utf-8'>"
        "<link type='text/css' href='/static/css/hanweb.css' rel='stylesheet'/>"
        f"<title>盐城市人民政府 政府文件 {html.escape(article.title)}</title>"
        "<meta name='SiteName' content='盐城市人民政府'><meta name='SiteDomain' content='www.yancheng.gov.cn'>"
        f"<meta name='ColumnName' content='政府文件'><meta name='ArticleTitle' content='{html.escape(article.title)}'>"
        f"<meta name='PubDate' content='{article.stamp}'><meta name='ContentSource' content='{article.source}'>"
        f"<meta name='Url' content='http://{HOST}{article.path}'></head><body><div id='barrierfree_container'>"
        f"<div class='sp_title'>{html.escape(article.title)}</div>"
        f"<div class='sp_time'><font>时间：{article.stamp}</font> <font>来源：{article.source}</font></div>\n"
        f"<div id='zoom'><!--ZJEG_RSS.content.begin--><meta name='ContentStart'>{article.body_html()}"
        "<meta name='ContentEnd'><!--ZJEG_RSS.content.end--></div></div></body></html>"
    ).encode()


def aggregate(day: int) -> bytes:
    parts = []
    for name, rows in blocks(day).items():
        lis = "".join(
            f"<li><a title=\"{html.escape(a.title)}\" target=\"_blank\" href=\"{a.path}\">{html.escape(a.title[:24])}</a>"
            f"<b>{a.day}</b></li>"
            for a in rows
        )
        parts.append(f"<div class='bt-list'><div class='bt-list-title'>{name}</div><ul>{lis}</ul></div>")
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>盐城市人民政府 政府文件及解读</title>"
        "<link type='text/css' href='/static/css/hanweb.css' rel='stylesheet'/></head><body>"
        + "".join(parts)
        + "<p class='note'>（示例页面 sample page，opcwatch 离线演示）</p></body></html>"
    ).encode()


def build(day: int) -> dict[str, Page]:
    found = [a for rows in blocks(day).values() for a in rows]
    pages = {LIST_PATH: Page(aggregate(day), cst(max(a.stamp for a in found)))}
    for article in found:
        pages[article.path] = Page(detail(article), cst(article.stamp))
    pages[GATED] = Page(JSL_CHALLENGE, None, 521, "text/html", {"Set-Cookie": "__jsluid_s=8a1f2c; path=/"})
    return pages


def make_app(day: int) -> StaticApp:
    return StaticApp((HOST,), build, day)
