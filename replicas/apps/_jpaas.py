"""A Hanweb JPaaS replica site (Yangzhou, Taizhou): empty column shells, the unit API, detail pages.

Reproduces the real JPaaS sites: a column ``index.html`` with no rows, only a ``unitbuild.js``
script tag whose ``queryData`` is single-quoted JSON; ``GET /api-gateway/jpaas-publish-server/
front/page/build/unit?parseType=bulidstatic&…&paramJson={"pageNo":N,"pageSize":15}`` answering
``{"success":true,"data":{"html":"<ul>…<li class=\\"clearfix\\">…</ul><div class=\\"pagination\\"
rows=\\"15\\" count=\\"…\\">"}}`` (or the ``.page-content ul.lmy-list-ul > li`` variant); an empty
``<ul>`` past the last page; ``{"success":false,"message":…}`` for a page id the server does not
know. Column specs may also reproduce breakage: ``"broken": "no_page_id"`` (a shell whose
queryData lacks pageId, as on Jiangdu) or ``"stale"`` (a pageId the API refuses). Detail pages
``…/art/YYYY/art_<32hex>.html`` carry the meta block, an info-disclosure ``table.xxgk_table``
on zfxxgk columns, and the body in ``.wzzw-article`` (Taizhou) or ``#zoom`` (Yangzhou:
not evidenced, the Hanweb default assumed). ``gated=True`` answers 403 with 290 bytes, as
Yangzhou did to a US datacenter IP.
"""

from __future__ import annotations

import json
import math
from datetime import datetime
from html import escape
from typing import Any

from replicas.apps._docs import SAMPLE_MARK, Article, Site, hex_id, load_site, robots_txt
from replicas.server import AppRequest, Reply

UNIT_PATH = "/api-gateway/jpaas-publish-server/front/page/build/unit"
GATE_BYTES = 290


def jpaas_path(spec: dict[str, Any], article_id: str, published: datetime) -> str:
    """``<detail_dir>art/YYYY/art_<32hex>.html``."""
    return f"{spec['detail_dir']}art/{published:%Y}/art_{hex_id(spec['list'] + article_id)}.html"


class JpaasApp:
    """One JPaaS site as a :class:`replicas.server.SiteApp`."""

    server_header = "nginx"

    def __init__(self, name: str, hosts: tuple[str, ...], day: int = 1, gated: bool = False) -> None:
        self.name, self.hosts, self.gated = name, hosts, gated
        self.site: Site = load_site(name, day, jpaas_path)

    def set_day(self, day: int) -> None:
        self.site = load_site(self.name, day, jpaas_path)

    def handle(self, request: AppRequest) -> Reply | None:
        path = request.path
        if path == "/robots.txt":
            return Reply(body=robots_txt(), content_type="text/plain")
        if self.gated:
            page = b"<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n"
            return Reply(403, page + b" " * (GATE_BYTES - len(page)))
        if path == UNIT_PATH:
            return self._unit(request.params)
        for spec in self.site.columns.values():
            if path == spec["list"]:
                return Reply(body=self._shell(spec).encode("utf-8"), last_modified=self.site.day_time(1))
        article = self.site.by_path.get(path)
        if article is None:
            return None
        return Reply(body=self.detail(article).encode("utf-8"), last_modified=self.site.day_time(article.day))

    def _shell(self, spec: dict[str, Any]) -> str:
        query = {"webId": self.site.data["web_id"], "tplSetId": spec["tplSetId"], "pageType": "column",
                 "tagId": spec.get("tagId", "分页列表"), "editType": "null", "pageId": spec["pageId"]}
        if spec.get("broken") == "no_page_id":
            del query["pageId"]
        single_quoted = json.dumps(query, ensure_ascii=False, separators=(",", ":")).replace('"', "'")
        return (
            f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{spec["name"]}_{self.site.data["site_name"]}</title>\n'
            f'<meta name="SiteName" content="{self.site.data["site_name"]}">\n<meta name="ColumnName" content="{spec["name"]}">\n'
            '</head>\n<body>\n<div class="header"></div>\n<div class="main clearfix">\n'
            f'<div class="lm-title">{spec["name"]}</div>\n<div class="list-box page-content">\n'
            f'<script src="/module/jpaas/AuthorizedRead/unitbuild.js" url="{UNIT_PATH}" queryData="{single_quoted}"></script>\n'
            "</div>\n</div>\n</body></html>\n"
        )

    def _unit(self, params: dict[str, str]) -> Reply:
        def refuse(message: str) -> Reply:
            body = json.dumps({"success": False, "message": message}, ensure_ascii=False).encode("utf-8")
            return Reply(body=body, content_type="application/json;charset=UTF-8")

        if params.get("parseType") not in {"bulidstatic", "buildstatic"}:
            return refuse("parseType参数错误")
        key = next((k for k, s in self.site.columns.items()
                    if s.get("pageId") == params.get("pageId") and s.get("broken") != "stale"), None)
        if key is None or params.get("webId") != self.site.data["web_id"]:
            return refuse("页面不存在或已下线")
        try:
            paging = json.loads(params.get("paramJson") or "{}")
            page_no, size = int(paging.get("pageNo", 1)), int(paging.get("pageSize", 15))
        except (ValueError, TypeError, AttributeError):
            return refuse("paramJson参数错误")
        spec, items = self.site.columns[key], self.site.articles.get(key, [])
        chunk = items[(page_no - 1) * size : page_no * size] if page_no >= 1 else []
        html = self._rows(spec, chunk) + (
            f'<div class="pagination" rows="{size}" count="{len(items)}" pages="{max(1, math.ceil(len(items) / size))}">'
            '<a class="first">首页</a><a class="prev">上一页</a><a class="next">下一页</a></div>'
        )
        body = json.dumps({"success": True, "data": {"html": html}}, ensure_ascii=False).encode("utf-8")
        return Reply(body=body, content_type="application/json;charset=UTF-8",
                     last_modified=self.site.column_modified(key))

    def _rows(self, spec: dict[str, Any], chunk: list[Article]) -> str:
        host = self.hosts[0]
        if spec.get("markup") == "lmy":
            rows = "".join(f'<li><a href="https://{host}{a.path}" title="{escape(a.title, quote=True)}" target="_blank">'
                           f'{escape(a.title)}</a><span class="lmy-date">{a.day_str}</span></li>' for a in chunk)
            return f'<div class="page-content"><ul class="lmy-list-ul">{rows}</ul></div>'
        rows = "".join(f'<li class="clearfix"><a href="{a.path}" title="{escape(a.title, quote=True)}" target="_blank">'
                       f'{escape(a.title)}</a><span class="bt-right">{a.day_str}</span></li>' for a in chunk)
        return f'<ul class="list">{rows}</ul>'

    def detail(self, a: Article) -> str:
        """The detail page of one article."""
        spec, d = self.site.columns[a.column], self.site.data
        title = escape(a.title, quote=True)
        stamp = a.published.strftime("%Y-%m-%d %H:%M")
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in a.paragraphs) + f'<p class="opcwatch-sample">{SAMPLE_MARK}</p>'
        table = ""
        if spec.get("xxgk"):
            table = (
                '<table class="xxgk_table" cellspacing="0" cellpadding="0">'
                f'<tr><td>索引号：</td><td>{a.index_no or d["org_code"] + "/" + a.day_str[:4] + "-" + a.path[-9:-5]}</td>'
                f'<td>分类：</td><td>{spec["name"]}</td></tr>'
                f'<tr><td>发布机构：</td><td>{a.issuer}</td><td>发文日期：</td><td>{a.day_str}</td></tr>'
                f'<tr><td>标题：</td><td colspan="3">{title}</td></tr>'
                f'<tr><td>文号：</td><td>{a.doc_no}</td><td>发布日期：</td><td>{a.day_str}</td></tr></table>\n'
            )
        body = (f'<div class="wzzw-article">{paragraphs}</div>' if spec.get("body") == "wzzw"
                else f'<div id="zoom" class="article-content">{paragraphs}</div>')
        return (
            '<!DOCTYPE html>\n<html><head><meta charset="utf-8">\n'
            f"<title>{title}_{d['site_name']}</title>\n"
            f'<meta name="SiteName" content="{d["site_name"]}">\n<meta name="SiteDomain" content="{self.hosts[0]}">\n'
            f'<meta name="SiteIDCode" content="{d["site_id_code"]}">\n<meta name="ColumnName" content="{spec["name"]}">\n'
            f'<meta name="ArticleTitle" content="{title}">\n<meta name="PubDate" content="{stamp}">\n'
            f'<meta name="ContentSource" content="{a.issuer}">\n<meta name="Url" content="https://{self.hosts[0]}{a.path}">\n'
            '</head>\n<body>\n<div class="main">\n'
            f'<div class="position">当前位置：<a href="/">首页</a> &gt; {spec["name"]}</div>\n{table}'
            f'<div class="wzzw"><h1 class="wzzw-title">{title}</h1>\n'
            f'<div class="wzzw-info"><span>发布时间：{stamp}</span> <span>来源：{a.issuer}</span></div>\n'
            f"{body}\n</div>\n</div>\n</body></html>\n"
        )
