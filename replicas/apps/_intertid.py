"""Wuxi "intertid" CMS pieces shared by the wuxi_gov, wuxi_wnd and wuxi_jiangyin replicas.

Real facts reproduced: details at ``/doc/YYYY/MM/DD/<id>.shtml`` (zero-padded, URL date = meta
date), body ``#Zoom`` with a capital Z (Jiangyin: ``.lw_content``), static lists ``index.shtml``
then ``index_N.shtml``, ``index_1.shtml`` a 404 while ``index_2…`` exist, district shells that
name their API as ``getSearchList(1,20,"<siteId>","<channelIds>",1,"writeTime",…)`` and the
``POST /info_open/search`` JSON answer. [INFERRED]: the static row markup (``ul.list > li``
with ``a@title`` and a date ``span``) and the info-disclosure table; they were not seen on the real site.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from replicas.apps._json_api_pages import (
    Doc,
    html_reply,
    info_rows,
    json_reply,
    meta_block,
    newest,
    page,
    paragraphs_html,
)
from replicas.server import AppRequest, Reply

# The 548-byte 404 page intertid serves for a missing list page.
NOT_FOUND_548 = (
    b"<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n"
    b"<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n" + b"<!-- a padding to disable MSIE and Chrome friendly error page -->\r\n" * 6
)[:548]


def doc_path(doc_id: int, day: date) -> str:
    return f"/doc/{day.year}/{day.month:02d}/{day.day:02d}/{doc_id}.shtml"


def detail(doc: Doc, *, site_name: str, host: str, site_code: str, body_class: str = "") -> bytes:
    """An intertid article page: meta block, info table, title, ``#Zoom`` (or ``.lw_content``) body."""
    table = "".join(f"<tr><th>{k}：</th><td>{escape(v)}</td></tr>" for k, v in info_rows(doc))
    container = f'<div class="{body_class}">' if body_class else '<div id="Zoom">'
    body = (
        f'<div class="header"><a href="/">{site_name}</a></div>\n<div class="main">\n'
        f'<div class="position">当前位置：<a href="/">首页</a> &gt; {doc.column}</div>\n'
        f'<table class="xxgk-table">{table}</table>\n<div class="article">\n<h1 class="title">{escape(doc.title)}</h1>\n'
        f'<div class="info"><span>发布时间：{doc.day} 09:00</span><span>来源：{doc.issuer}</span></div>\n'
        f"{container}{paragraphs_html(doc)}</div>\n</div>\n</div>\n"
        '<div class="footer">主办单位：' + site_name + "</div>"
    )
    return page(meta_block(doc, site_name, host, site_code), f"{doc.title}_{site_name}", body)


def static_list(docs: Sequence[Doc], page_no: int, per_page: int, *, site_name: str, column: str) -> Reply | None:
    """Page ``page_no`` (1 = index.shtml) of a server-rendered list; None past the last page."""
    rows = list(docs)[(page_no - 1) * per_page: page_no * per_page]
    if not rows:
        return None
    lis = "\n".join(
        f'<li><a href="{d.path}" title="{escape(d.title)}" target="_blank">{escape(d.title)}</a><span>{d.day}</span></li>'
        for d in rows
    )
    pages = -(-len(docs) // per_page)
    body = (
        f'<div class="header"><a href="/">{site_name}</a></div>\n<div class="main"><h2>{column}</h2>\n'
        f'<ul class="list">\n{lis}\n</ul>\n<div class="page">共{pages}页 第{page_no}页</div></div>'
    )
    return html_reply(page("", f"{column}_{site_name}", body), newest(rows))


def shell(*, site_name: str, column: str, site_id: str, channel_ids: str) -> bytes:
    """A district column page: no rows, only the script that asks /info_open/search for them."""
    body = (
        f'<div class="header"><a href="/">{site_name}</a></div>\n<div class="main"><h2>{column}</h2>\n'
        '<ul class="list" id="searchList"></ul><div id="pageBar"></div></div>\n'
        f'<script>$(function(){{getSearchList(1,20,"{site_id}","{channel_ids}",1,"writeTime","");}});</script>'
    )
    return page('<script src="/static/js/info_open.js"></script>\n', f"{column}_{site_name}", body)


def search(request: AppRequest, docs: Sequence[Doc], *, site_id: str, channel_ids: str) -> Reply:
    """``POST /info_open/search``: one page of the channel's documents as intertid JSON."""
    params = request.params
    if params.get("siteId") != site_id or params.get("channelIds") != channel_ids:
        return Reply(body=b'{"data":{"totalElements":0,"totalPages":0,"page":1,"size":20,"data":[]}}',
                     content_type="application/json;charset=UTF-8")
    index, size = max(int(params.get("pageIndex") or 1), 1), int(params.get("pageSize") or 20)
    rows = list(docs)[(index - 1) * size: index * size]
    return json_reply({"data": {
        "totalElements": len(docs), "totalPages": -(-len(docs) // size), "page": index, "size": size,
        "data": [{"title": d.title, "writeTimeString": d.day, "url": d.path} for d in rows],
    }}, newest(rows))
