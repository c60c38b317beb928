"""A TRS WCM replica site (Nanjing portal and district sites): static lists, IGS JSON, detail pages.

Reproduces the real TRS sites: ``index.html`` → ``index_1.html`` … with the pager in an inline
script (``createPageHTML(N, k, "index", "html")`` or ``var countPage = N``) or printed as
``共N页``; the portal's ``index_<chanid>_<n>.html`` variant; relative ``./YYYYMM/tYYYYMMDD_ID.html``
(and ``../../YYYYMM/…``) links in ``ul.universal_overview_con > li`` rows (link in span 2, date
in span 3); a tiny 350-byte stub as the deepest announced page; the IGS search JSON
(``rows`` of DOCPUBURL/DOCTITLE/DOCRELTIME, ISO dates). Detail pages carry the national meta
block, a ``table.t1`` info table (文号 in tr[5]/td[2]) on info-disclosure columns, and the body
in ``div.view.TRS_UEDITOR.trs_paper_default.trs_word`` (or ``.trs_web``) inside ``#con``,
opening with an old-editor ``<style>.TRS_Editor P{…}</style>`` block. ``gated=True`` answers
every page with the 618-byte shell Nanjing served to datacenter IPs (its status is not
documented, 200 is assumed).
"""

from __future__ import annotations

import json
import math
import posixpath
from datetime import datetime
from html import escape
from typing import Any
from urllib.parse import parse_qs

from replicas.apps._docs import SAMPLE_MARK, Article, Site, load_site, robots_txt
from replicas.server import AppRequest, Reply

IGS_PATH = "/igs/front/search/publish/data/list.html"
STUB_BYTES = 350
SHELL_BYTES = 618
EDITOR_STYLE = (
    '<style type="text/css">.TRS_Editor P{margin-top:0;margin-bottom:12px;line-height:1.8;font-family:宋体;'
    "font-size:12pt;}.TRS_Editor DIV{margin-top:0;margin-bottom:12px;line-height:1.8;}"
    ".TRS_Editor TD{font-size:12pt;}</style>"
)


def trs_path(spec: dict[str, Any], article_id: str, published: datetime) -> str:
    """``<detail_dir>YYYYMM/tYYYYMMDD_<id>.html``."""
    return f"{spec['detail_dir']}{published:%Y%m}/t{published:%Y%m%d}_{article_id}.html"


def _pad(html: str, size: int) -> bytes:
    body = html.encode("utf-8")
    return body + b" " * max(0, size - len(body))


class TrsApp:
    """One TRS site as a :class:`replicas.server.SiteApp`."""

    server_header = "TRS Web Server"

    def __init__(self, name: str, hosts: tuple[str, ...], day: int = 1, gated: bool = False) -> None:
        self.name, self.hosts, self.gated = name, hosts, gated
        self.site: Site = load_site(name, day, trs_path)

    def set_day(self, day: int) -> None:
        self.site = load_site(self.name, day, trs_path)

    def handle(self, request: AppRequest) -> Reply | None:
        path = request.path
        if path == "/robots.txt":
            return Reply(body=robots_txt(), content_type="text/plain")
        if self.gated:
            shell = '<html><head><meta charset="utf-8"><title></title></head><body><p>访问受限</p></body></html>'
            return Reply(body=_pad(shell, SHELL_BYTES))
        if path == IGS_PATH:
            return self._igs(request.query)
        for key, spec in self.site.columns.items():
            page = self._page_no(spec, path)
            if page is not None:
                return self._list_page(key, spec, page)
        article = self.site.by_path.get(path)
        if article is None:
            return None
        return Reply(body=self.detail(article).encode("utf-8"), last_modified=self.site.day_time(article.day))

    # -- lists ----------------------------------------------------------------------------------

    @staticmethod
    def _page_no(spec: dict[str, Any], path: str) -> int | None:
        """0-based page number of ``path`` in the column's static list, or None."""
        if spec.get("pager") == "igs":
            return None
        first = spec["list"]
        if path == first:
            return 0
        stem, dot, ext = first.rpartition(".")
        if path.startswith(stem + "_") and path.endswith(dot + ext):
            number = path[len(stem) + 1 : -len(ext) - 1]
            return int(number) if number.isdigit() and int(number) > 0 else None
        return None

    def _list_page(self, key: str, spec: dict[str, Any], page: int) -> Reply | None:
        items = self.site.articles.get(key, [])
        per_page = int(spec["per_page"])
        pages = max(1, math.ceil(len(items) / per_page)) + (1 if spec.get("stub") else 0)
        if page >= pages:
            return None
        modified = self.site.column_modified(key)
        if spec.get("stub") and page == pages - 1:  # the deepest announced page: a tiny stub
            stub = (f'<html><head><meta charset="utf-8"><title>{spec["name"]}</title></head><body>'
                    f'<ul class="universal_overview_con"></ul></body></html>')
            return Reply(body=_pad(stub, STUB_BYTES), last_modified=modified)
        chunk = items[page * per_page : (page + 1) * per_page]
        list_dir = posixpath.dirname(spec["list"])
        rows = []
        for n, article in enumerate(chunk, start=page * per_page + 1):
            href = posixpath.relpath(article.path, list_dir)
            href = href if href.startswith("../") else "./" + href
            rows.append(self._row(spec, n, href, article))
        html = (
            f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{spec["name"]}_{self.site.data["site_name"]}</title>\n'
            f'{self._site_meta(spec)}</head>\n<body>\n<div class="wrapper"><div class="crumb">当前位置：'
            f'<a href="/">首页</a> &gt; {spec["name"]}</div>\n{self._wrap(spec, chr(10).join(rows))}\n'
            f'<div class="page">{self._pager(spec, page, pages)}</div>\n</div></body></html>\n'
        )
        return Reply(body=html.encode("utf-8"), last_modified=modified)

    @staticmethod
    def _row(spec: dict[str, Any], n: int, href: str, article: Article) -> str:
        title = escape(article.title, quote=True)
        if spec.get("markup") == "plain":  # district template: link, then [date]
            return f'<li><a href="{href}" title="{title}" target="_blank">{title}</a><span class="date">[{article.day_str}]</span></li>'
        return (f'<li><span class="xh">{n}</span><span class="bt"><a href="{href}" title="{title}" '
                f'target="_blank">{title}</a></span><span class="rq">{article.day_str}</span></li>')

    @staticmethod
    def _wrap(spec: dict[str, Any], rows: str) -> str:
        if spec.get("markup") == "plain":
            return f'<div class="list_con"><ul>\n{rows}\n</ul></div>'
        return (f'<div class="universal_overview"><h3>{spec["name"]}</h3>\n'
                f'<ul class="universal_overview_con">\n{rows}\n</ul></div>')

    @staticmethod
    def _pager(spec: dict[str, Any], page: int, pages: int) -> str:
        stem = posixpath.basename(spec["list"]).rsplit(".", 1)[0]
        if spec["pager"] == "createPageHTML":
            return f'<script type="text/javascript">createPageHTML({pages}, {page}, "{stem}", "html");</script>'
        if spec["pager"] == "countPage":
            return (
                "<script>\n  var currentPage = " + str(page) + ";   //所在页从0开始\n"
                "  var prevPage = currentPage-1;\n  var nextPage = currentPage+1;\n"
                f"  var countPage = {pages};    //共多少页\n"
                f"  if (nextPage < countPage) document.write('<a href=\"{stem}_' + nextPage + '.html\">下一页</a>');\n"
                "</script>"
            )
        nxt = f' <a href="{stem}_{page + 1}.html">下一页</a>' if page + 1 < pages else ""
        return f"<span>共{pages}页</span> <span>当前第{page + 1}页</span>{nxt}"

    def _igs(self, query: str) -> Reply:
        params = {k: v[-1] for k, v in parse_qs(query).items()}
        channel = params.get("filter[CHANNELID]", "")
        key = next((k for k, s in self.site.columns.items() if s.get("pager") == "igs" and s.get("channel") == channel), None)
        items = self.site.articles.get(key, []) if key else []
        size = int(params.get("pageSize") or 20)
        index = int(params.get("pageIndex") or 1)
        chunk = items[(index - 1) * size : index * size] if index >= 1 else []
        host = self.hosts[0]
        rows = [{"DOCID": a.path.rsplit("_", 1)[-1].split(".")[0], "DOCTITLE": a.title,
                 "DOCPUBURL": f"http://{host}{a.path}",  # the index stores http:// URLs
                 "DOCRELTIME": a.published.strftime("%Y-%m-%dT%H:%M:%S.000+0800"), "SITEID": params.get("siteId", "")}
                for a in chunk]
        body = json.dumps({"total": len(items), "pageIndex": index, "pageSize": size, "rows": rows}, ensure_ascii=False)
        modified = self.site.column_modified(key) if key else self.site.day_time(1)
        return Reply(body=body.encode("utf-8"), content_type="application/json;charset=UTF-8", last_modified=modified)

    # -- details --------------------------------------------------------------------------------

    def _site_meta(self, spec: dict[str, Any]) -> str:
        d = self.site.data
        return (f'<meta name="SiteName" content="{d["site_name"]}">\n<meta name="SiteDomain" content="{self.hosts[0]}">\n'
                f'<meta name="SiteIDCode" content="{d["site_id_code"]}">\n<meta name="ColumnName" content="{spec["name"]}">\n'
                f'<meta name="ColumnType" content="{spec.get("column_type", "信息公开")}">\n')

    def detail(self, a: Article) -> str:
        """The detail page of one article."""
        spec = self.site.columns[a.column]
        title = escape(a.title, quote=True)
        stamp = a.published.strftime("%Y-%m-%d %H:%M")
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in a.paragraphs)
        table = ""
        if spec.get("t1"):
            table = (
                '<table class="t1" width="100%" cellspacing="0" cellpadding="0">'
                f'<tr><td class="tit">索 引 号：</td><td>{a.index_no or "11320100002495381X/" + a.day_str[:4] + "-00001"}</td>'
                f'<td class="tit">分　　类：</td><td>{spec["name"]}</td></tr>'
                f'<tr><td class="tit">发布机构：</td><td>{a.issuer}</td><td class="tit">生成日期：</td><td>{a.day_str}</td></tr>'
                f'<tr><td class="tit">名　　称：</td><td colspan="3">{title}</td></tr>'
                '<tr><td class="tit">主 题 词：</td><td></td><td class="tit">有 效 性：</td><td>有效</td></tr>'
                f'<tr><td class="tit">文　　号：</td><td>{a.doc_no}</td><td class="tit">发布日期：</td><td>{a.day_str}</td></tr>'
                "</table>\n"
            )
        variant = spec.get("body_class", "trs_word")
        return (
            '<!DOCTYPE html>\n<html><head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
            f"<title>{title}_{spec['name']}_{self.site.data['site_name']}</title>\n{self._site_meta(spec)}"
            f'<meta name="ArticleTitle" content="{title}">\n<meta name="PubDate" content="{stamp}">\n'
            f'<meta name="ContentSource" content="{a.issuer}">\n<meta name="Keywords" content="">\n'
            f'<meta name="Author" content="">\n<meta name="Description" content="{escape(a.paragraphs[0][:60], quote=True)}">\n'
            f'<meta name="Url" content="https://{self.hosts[0]}{a.path}">\n'
            f'<meta name="contentid" content="{a.path.rsplit("_", 1)[-1][:-5]}">\n<meta name="publishdate" content="{a.day_str}">\n'
            '<meta name="pagetype" content="1">\n</head>\n<body>\n<div class="wrapper"><div class="content">\n'
            f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="{spec["detail_dir"]}">{spec["name"]}</a></div>\n'
            f'{table}<div class="detail_con"><h1 class="title">{title}</h1>\n'
            f'<div class="info"><span>发布日期：{stamp}</span> <span>来源：{a.issuer}</span></div>\n'
            f'<div id="con"><div class="view TRS_UEDITOR trs_paper_default {variant}">{EDITOR_STYLE}'
            f'<div class="TRS_Editor">{paragraphs}<p class="opcwatch-sample">{SAMPLE_MARK}</p></div></div></div>\n'
            '<script>var currentPage = 0; var countPage = 1; //共多少页</script>\n'
            "</div></div></div>\n</body></html>\n"
        )
