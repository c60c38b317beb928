"""www.huaian.gov.cn (Huaian "cmsweb"): the ``lists.do`` JSON API behind the policy library.

``POST /articleCommonController/lists.do`` with the form ``page, pagesize, topic, title, docNo,
orgname, summary, key[, rdeptid]`` answers ``{"value":{"total":N,"list":[{title,link,path,domain,
releaseTime}]}}``; the library page ``/cmsweb/zwgk/zcwj/s.html`` is a shell. [UNVERIFIED]: the
detail URL shape ("numeric-directory art pages" only) and its markup: a ``#zoom`` body,
the first of the body selectors known for the site. Day 2 equals day 1.
"""

from __future__ import annotations

from datetime import date
from html import escape

from replicas.apps._json_api_pages import (
    Doc,
    DocSiteApp,
    html_reply,
    info_rows,
    json_reply,
    meta_block,
    newest,
    ordinary_docs,
    page,
    paragraphs_html,
)
from replicas.server import AppRequest, Reply

HOST = "www.huaian.gov.cn"
SITE = "淮安市人民政府"
TOPIC = "2"


def art_path(doc_id: int, day: date) -> str:
    return f"/col/16629/{day:%Y%m}/{doc_id}.html"


OPC_COMMUNITY = Doc(
    art_path(4589122, date(2026, 1, 15)),
    "淮安市关于支持人工智能OPC社区建设的通知",
    "2026-01-15",
    "淮安市人民政府办公室",
    (
        "为支持人工智能“一人公司”（OPC）创新创业模式，推动“人才+技术+资本+场景”的创新生态建设，现就OPC社区建设有关事项通知如下。",
        "一、各县区、园区要结合实际启动OPC社区建设，为创业者提供一站式服务。",
        "二、对入驻OPC社区的创业者，按规定落实创业扶持政策。",
    ),
    doc_number="淮政办发〔2026〕2号",
    index_no="014121076/2026-00021",
    column="政策文件",
    sample=True,
)
DOCS = [OPC_COMMUNITY, *ordinary_docs(
    59, date(2026, 1, 14), SITE, lambda i, d: art_path(4589000 - 17 * i, d), column="政策文件", step=2)]


class HuaianApp(DocSiteApp):
    hosts = (HOST,)

    def lists(self, request: AppRequest) -> Reply | None:
        if request.path == "/cmsweb/zwgk/zcwj/s.html":
            body = '<div class="lb-lb"><ul id="list"></ul></div><script src="/cmsweb/js/zcwj.js"></script>'
            return html_reply(page("", f"政策文件_{SITE}", body), None)
        if request.path != "/articleCommonController/lists.do" or request.method != "POST":
            return None
        params = request.params
        docs = DOCS if params.get("topic") == TOPIC else []
        number, size = max(int(params.get("page") or 1), 1), int(params.get("pagesize") or 50)
        rows = docs[(number - 1) * size: number * size]
        listing = [{"title": d.title, "link": f"https://{HOST}{d.path}", "path": d.path, "domain": HOST,
                    "releaseTime": f"{d.day} 10:30:00"} for d in rows]
        return json_reply({"success": True, "value": {"total": len(docs), "list": listing}}, newest(rows))

    def detail(self, doc: Doc) -> bytes:
        table = "".join(f"<tr><td>{k}</td><td>{escape(v)}</td></tr>" for k, v in info_rows(doc))
        body = (
            f'<div class="header"><a href="/">{SITE}</a></div>\n<div class="nr">\n<table class="xxgk">{table}</table>\n'
            f'<div class="nr-bt">{escape(doc.title)}</div>\n'
            f'<div class="nr-sj">发布时间：{doc.day}　来源：{doc.issuer}</div>\n'
            f'<div id="zoom">{paragraphs_html(doc)}</div>\n</div>'
        )
        return page(meta_block(doc, SITE, HOST, "3208000001"), f"{doc.title}_{SITE}", body)


def make_app(day: int) -> HuaianApp:
    return HuaianApp(day, DOCS)
