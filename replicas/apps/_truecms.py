"""TrueCMS pieces shared by the nantong_gov and lianyungang_gov replicas.

Real facts reproduced: the column page ``/<site>/<chan>/<chan>.html`` embeds its first 30 rows
(``#initData ul.list-ul`` on Nantong, ``ul.xxgk-list-con`` on Lianyungang; a row's title may sit
in ``span.list-text[title]``), a JS literal ``columnId:'<id>'`` and ``<totalrecord>N</totalrecord>``;
deeper rows come from ``GET /truecms/messageController/getMessage.do?startrecord=31&endrecord=60
&perpage=10&columnId=…&callback=jQuery…`` as JSONP wrapping a ``<datastore>`` string of CDATA
``<li>`` records. Details at ``/<site>/<chan>/content/<uuid>.html`` with a ``#zoom`` body.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from html import escape

from replicas.apps._json_api_pages import (
    Doc,
    html_reply,
    info_rows,
    meta_block,
    newest,
    page,
    paragraphs_html,
)
from replicas.server import AppRequest, Reply

GROUP = 30  # perPage 10 × groupSize 3
CALLBACK = re.compile(r"^[\w.$]+$")


def row(doc: Doc, styled: bool) -> str:
    """One list row; ``styled`` rows keep the title in ``span.list-text[title]`` (a seen variant)."""
    if styled:
        return (f'<li><a href="{doc.path}" target="_blank"><span class="list-text" title="{escape(doc.title)}">'
                f"{escape(doc.title)}</span></a><span>{doc.day}</span></li>")
    return f'<li><a href="{doc.path}" title="{escape(doc.title)}" target="_blank">{escape(doc.title)}</a><span>{doc.day}</span></li>'


def column_page(docs: Sequence[Doc], *, site_name: str, column: str, column_id: str, ul_class: str,
                init_data: bool) -> Reply:
    """The column page with its first 30 rows, columnId literal and totalrecord fragment."""
    rows = "\n".join(row(d, styled=i % 7 == 3) for i, d in enumerate(docs[:GROUP]))
    listing = f'<ul class="{ul_class}">\n{rows}\n</ul>'
    if init_data:
        listing = f'<div id="initData">{listing}</div>'
    body = (
        f'<div class="header"><a href="/">{site_name}</a></div>\n<div class="main"><h2>{column}</h2>\n{listing}\n'
        '<div id="pageList"></div></div>\n'
        f"<script>var pageParam = {{columnId:'{column_id}', perPage:10, groupSize:3, "
        "url:'/truecms/messageController/getMessage.do'};</script>\n"
        f'<script type="text/xml" id="pageData"><totalrecord>{len(docs)}</totalrecord></script>'
    )
    return html_reply(page("", f"{column}-{site_name}", body), newest(docs[:GROUP]))


def get_message(request: AppRequest, columns: Mapping[str, Sequence[Doc]]) -> Reply:
    """The JSONP window ``startrecord..endrecord`` of a column (1-based, inclusive)."""
    params = request.params
    docs = list(columns.get(params.get("columnId", ""), ()))
    start, end = int(params.get("startrecord") or 1), int(params.get("endrecord") or GROUP)
    records = "".join(f"<record><![CDATA[{row(d, styled=False)}]]></record>\n" for d in docs[start - 1: end])
    datastore = (f"<datastore>\n<nextgroup><![CDATA[]]></nextgroup>\n<recordset>\n{records}</recordset>\n"
                 f"<totalrecord>{len(docs)}</totalrecord>\n</datastore>")
    callback = params.get("callback") or "callback"
    if not CALLBACK.match(callback):
        callback = "callback"
    body = f"{callback}({json.dumps({'result': datastore}, ensure_ascii=False)})"
    return Reply(body=body.encode(), content_type="application/javascript;charset=UTF-8")


def detail(doc: Doc, *, site_name: str, host: str, site_code: str) -> bytes:
    """A TrueCMS article: meta block, info-disclosure table, title, ``#zoom`` body."""
    table = "".join(f"<tr><td class='tit'>{k}</td><td>{escape(v)}</td></tr>" for k, v in info_rows(doc))
    body = (
        f'<div class="header"><a href="/">{site_name}</a></div>\n<div class="main">\n'
        f'<table class="xxgk_table">{table}</table>\n<div class="detail">\n<h1>{escape(doc.title)}</h1>\n'
        f'<div class="detail-info"><span>发布日期：{doc.day}</span><span>来源：{doc.issuer}</span></div>\n'
        f'<div id="zoom">{paragraphs_html(doc)}</div>\n</div>\n</div>'
    )
    return page(meta_block(doc, site_name, host, site_code), f"{doc.title}-{site_name}", body)
