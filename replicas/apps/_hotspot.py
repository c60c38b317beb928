"""Replicas of the OPC hotspots outside Jiangsu, built from ``sites/<name>/site.json`` alone.

Each site's file says, per column, where the list lives and how the real CMS writes it, so one
app serves them all (a site module is ``HotspotApp(name, hosts, day)``):

- ``list``: the list path; ``row`` / ``wrap``: templates of one row and of the page around the
  rows (``{href} {title} {date} {day} {month} {n} {summary}`` / ``{rows} {pager}``);
  ``per_page``; ``page_name`` (``index_{n}.html``) and ``page_first_n``: the name of page 2
  and the number it carries (Shanghai starts at ``index_2``, TRS at ``index_1``); ``pager``: a
  template with ``{pages} {page0}``; ``href``: ``relative`` (``./YYYYMM/…`` from the list),
  ``absolute`` (``https://host/…``) or the path (default).
- ``api``: instead of an HTML list, a JSON list endpoint: ``path`` (a GET or POST path),
  ``page`` / ``size`` (query or JSON-body keys), ``page_start``, ``envelope`` and ``row``
  (JSON templates: a string that is exactly ``{name}`` keeps the value's type),
  ``require_referer`` (answer 403 without a Referer, as Haidian's API does).
- ``detail``: the detail path template (``{ymd} {ym} {y} {m} {d} {id} {hex} {id_m} {id_k}``);
  ``body``: the body container (``div.news_cont_d_wrap``, ``div#mainText``); ``head_extra``:
  site-specific head markup (the NFCMS ids, Beijing's ``Maketime``).

Articles are ``_docs`` articles (hand-written samples, marked as sample pages, plus optional
ordinary ``filler`` notices); day 2 adds the articles marked ``"day": 2``.
"""

from __future__ import annotations

import json
import math
import posixpath
import re
from datetime import datetime
from html import escape
from typing import Any
from urllib.parse import parse_qs

from replicas.apps._docs import SAMPLE_MARK, Article, Site, hex_id, load_site
from replicas.server import AppRequest, Reply

ROBOTS = Reply(body=b"User-agent: *\nDisallow: /admin/\n", content_type="text/plain")
JSON_TYPE = "application/json;charset=UTF-8"
_WHOLE = re.compile(r"^\{(\w+)\}$")


def detail_path(spec: dict[str, Any], article_id: str, published: datetime) -> str:
    """A detail path in the column's URL grammar (``spec["detail"]``)."""
    number = int(article_id) if article_id.isdigit() else 0
    return str(spec["detail"]).format(
        ymd=f"{published:%Y%m%d}", ym=f"{published:%Y%m}", y=published.year, m=published.month, d=published.day,
        id=article_id, hex=hex_id(spec.get("name", "") + article_id), id_m=number // 10**6, id_k=number // 10**3,
    )


def fill(template: Any, values: dict[str, Any]) -> Any:
    """A JSON template filled from ``values``; ``"{name}"`` alone keeps the value's own type."""
    if isinstance(template, dict):
        return {k: fill(v, values) for k, v in template.items()}
    if isinstance(template, list):
        return [fill(v, values) for v in template]
    if isinstance(template, str):
        whole = _WHOLE.match(template)
        return values[whole[1]] if whole else template.format(**values)
    return template


class HotspotApp:
    """One hotspot replica site as a :class:`replicas.server.SiteApp`."""

    server_header = "nginx"

    def __init__(self, name: str, hosts: tuple[str, ...], day: int = 1) -> None:
        self.name, self.hosts = name, hosts
        self.site: Site = load_site(name, day, detail_path)

    def set_day(self, day: int) -> None:
        self.site = load_site(self.name, day, detail_path)

    def handle(self, request: AppRequest) -> Reply | None:
        if request.path == "/robots.txt":
            return ROBOTS
        for key, spec in self.site.columns.items():
            if "api" in spec and request.path == spec["api"]["path"]:
                return self._api(key, spec, request)
            page = self._page_no(spec, request.path)
            if page is not None:
                return self._list_page(key, spec, page)
        article = self.site.by_path.get(request.path)
        if article is None or request.method != "GET":
            return None
        return Reply(body=self.detail(article).encode("utf-8"), last_modified=self.site.day_time(article.day))

    # -- lists ------------------------------------------------------------------------------

    @staticmethod
    def _page_no(spec: dict[str, Any], path: str) -> int | None:
        """0-based page of ``path`` in the column's HTML list (``/dir/`` is ``/dir/index.html``)."""
        first = spec.get("list")
        if not first:
            return None
        head = posixpath.dirname(first) + "/"
        if path == first or (posixpath.basename(first).startswith("index.") and path == head):
            return 0
        name = spec.get("page_name", "index_{n}.html")
        match = re.fullmatch(re.escape(head + name).replace(r"\{n\}", r"(\d+)"), path)
        if match is None:
            return None
        page = int(match[1]) - int(spec.get("page_first_n", 1)) + 1
        return page if page >= 1 else None

    def _values(self, spec: dict[str, Any], article: Article, n: int) -> dict[str, Any]:
        style = spec.get("href", "path")
        if style == "relative":
            href = posixpath.relpath(article.path, posixpath.dirname(spec["list"]))
            href = href if href.startswith("../") else "./" + href
        elif style == "absolute":
            href = f"https://{self.hosts[0]}{article.path}"
        else:
            href = article.path
        title = escape(article.title, quote=True)
        return {"href": href, "title": title, "date": article.day_str, "day": f"{article.published:%d}",
                "month": f"{article.published:%Y-%m}", "n": n, "summary": escape(article.paragraphs[0][:60])}

    def _list_page(self, key: str, spec: dict[str, Any], page: int) -> Reply | None:
        items = self.site.articles.get(key, [])
        per_page = int(spec.get("per_page", 10))
        pages = max(1, math.ceil(len(items) / per_page))
        if page >= pages:
            return None
        chunk = items[page * per_page : (page + 1) * per_page]
        rows = "\n".join(spec["row"].format(**self._values(spec, a, n))
                         for n, a in enumerate(chunk, start=page * per_page + 1))
        pager = str(spec.get("pager", "")).format(pages=pages, page0=page)
        body = str(spec.get("wrap", "<ul>{rows}</ul>{pager}")).format(rows=rows, pager=pager, pages=pages, page0=page)
        html = (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{spec["name"]}_{self.site.data["site_name"]}'
                f'</title></head>\n<body>\n{body}\n</body></html>\n')
        return Reply(body=html.encode("utf-8"), last_modified=self.site.column_modified(key))

    def _api(self, key: str, spec: dict[str, Any], request: AppRequest) -> Reply:
        api = spec["api"]
        if api.get("require_referer") and not request.headers.get("referer"):
            return Reply(403, json.dumps({"code": 403, "msg": "非法请求"}, ensure_ascii=False).encode(), JSON_TYPE)
        params: dict[str, Any] = {k: v[-1] for k, v in parse_qs(request.query).items()}
        if request.method == "POST":
            try:
                params.update(json.loads(request.form or "{}"))
            except ValueError:
                return Reply(400, b'{"code":400}', JSON_TYPE)
        items = self.site.articles.get(key, [])
        size = int(params.get(api.get("size", ""), 0) or api.get("per_page", 10))
        index = int(params.get(api["page"], api.get("page_start", 1))) - int(api.get("page_start", 1))
        chunk = items[index * size : (index + 1) * size] if index >= 0 else []
        rows = [fill(api["row"], self._api_values(a)) for a in chunk]
        data = fill(api["envelope"], {"rows": rows, "total": len(items)})
        return Reply(body=json.dumps(data, ensure_ascii=False).encode("utf-8"), content_type=JSON_TYPE,
                     last_modified=self.site.column_modified(key))

    def _api_values(self, article: Article) -> dict[str, Any]:
        article_id = re.sub(r"\D", "", posixpath.basename(article.path)) or "0"
        return {"id": int(article_id), "title": article.title, "path": article.path, "issuer": article.issuer,
                "abs": f"http://{self.hosts[0]}{article.path}",
                "date": article.day_str, "stamp": article.published.strftime("%Y-%m-%d %H:%M:%S"),
                "epoch": int(article.published.timestamp()), "doc_no": article.doc_no}

    # -- details ----------------------------------------------------------------------------

    def detail(self, a: Article) -> str:
        """A detail page: the national meta block, the site's head extras, title, info line, body."""
        spec = self.site.columns[a.column]
        title = escape(a.title, quote=True)
        stamp = a.published.strftime("%Y-%m-%d %H:%M")
        tag, _, rest = str(spec.get("body", "div.article-content")).partition(".")
        tag, _, ident = tag.partition("#")
        attrs = f' class="{rest}"' if rest else ""
        attrs += f' id="{ident}"' if ident else ""
        paragraphs = "".join(f'<p style="text-indent:2em;">{escape(p)}</p>' for p in a.paragraphs)
        doc_no = f'<div class="info-row"><label>文号：</label>{escape(a.doc_no)}</div>\n' if a.doc_no else ""
        extra = str(spec.get("head_extra", "")).format(stamp=stamp, date=a.day_str,
                                                       id=re.sub(r"\D", "", posixpath.basename(a.path)))
        return (
            '<!DOCTYPE html>\n<html><head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
            f'<title>{title}_{spec["name"]}_{self.site.data["site_name"]}</title>\n{extra}'
            f'<meta name="SiteName" content="{self.site.data["site_name"]}">\n'
            f'<meta name="SiteDomain" content="{self.hosts[0]}">\n<meta name="ColumnName" content="{spec["name"]}">\n'
            f'<meta name="ArticleTitle" content="{title}">\n<meta name="PubDate" content="{stamp}">\n'
            f'<meta name="ContentSource" content="{escape(a.issuer, quote=True)}">\n'
            f'<meta name="Url" content="https://{self.hosts[0]}{a.path}">\n</head>\n<body>\n'
            f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; {spec["name"]}</div>\n'
            f'<div class="tit"><h1>{title}</h1><span>来源：{escape(a.issuer)}</span>'
            f'<span>信息提供日期：{a.day_str}</span></div>\n{doc_no}'
            f'<{tag}{attrs}>{paragraphs}<p class="opcwatch-sample">{SAMPLE_MARK}</p></{tag}>\n'
            "</body></html>\n"
        )
