"""www.xz.gov.cn (Xuzhou, Epoint 国泰新点 EWB): a JSON list API and ``div.mian-cont`` details.

``POST /EWB-FRONT/rest/lightfrontaction/getgovinfolist`` takes a JSON body
``{"deptcode","categorynum","pageIndex" (0-based),"pageSize","siteGuid"}`` and answers
``{"custom":{"total":N,"data":[{title,realtitle,infourl,visiturl,linkurl,infodate,handsdate}]}}``.
Details live at ``/001/001004/YYYYMMDD/<uuid>.html`` with ``table.info`` metadata and the
``div.mian-cont`` (sic) body. A bad URL gets a 200 page titled "您访问的页面不存在": one list
row points at a withdrawn document to reproduce it. Day 2 equals day 1.
"""

from __future__ import annotations

import json
import uuid
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

HOST = "www.xz.gov.cn"
SITE = "徐州市人民政府"
API = "/EWB-FRONT/rest/lightfrontaction/getgovinfolist"
COLUMN_PAGE = "/dynamic/zwgk/govInfoPubright.html"
SITE_GUID = "7eb5f7f1-9041-43ad-8e13-8fcb82ea831a"
NOT_FOUND_TITLE = "您访问的页面不存在"


def detail_path(seed: str, day: date) -> str:
    return f"/001/001004/{day:%Y%m%d}/{uuid.uuid5(uuid.NAMESPACE_URL, seed)}.html"


OPC_COMMUNITY = Doc(
    detail_path("xz-opc", date(2026, 1, 15)),
    "徐州市人民政府关于加快培育人工智能OPC创新创业生态的实施意见",
    "2026-01-15",
    "徐州市人民政府",
    (
        "为贯彻落实《江苏省“人工智能+”行动方案》，支持人工智能“一人公司”（OPC）创新创业模式，现提出如下实施意见。",
        "一、启动建设OPC社区，推动“人才+技术+资本+场景”协同，为创业者提供一站式服务。",
        "二、对入驻OPC社区的创业者，按规定落实创业担保贷款、场地租金减免等扶持政策。",
    ),
    doc_number="徐政发〔2026〕4号",
    index_no="01406453-X/2026-00015",
    column="市政府文件",
    sample=True,
)
WITHDRAWN = Doc(detail_path("xz-withdrawn", date(2026, 1, 13)), "关于调整市区部分公交线路的通告", "2026-01-13",
                "徐州市交通运输局", (), column="市政府文件")
CATEGORIES = {
    "003001003": [OPC_COMMUNITY, WITHDRAWN, *ordinary_docs(
        30, date(2026, 1, 12), SITE, lambda i, d: detail_path(f"xz-szfwj-{i}", d), column="市政府文件")],
    "003001002": ordinary_docs(
        8, date(2026, 1, 10), "徐州市司法局", lambda i, d: detail_path(f"xz-gfxwj-{i}", d), column="规范性文件", step=11),
}


class XuzhouApp(DocSiteApp):
    hosts = (HOST,)
    server_header = "Apache-Coyote/1.1"

    def lists(self, request: AppRequest) -> Reply | None:
        if request.path == COLUMN_PAGE:  # the shell a browser loads; rows come from the API
            body = '<div class="govinfo-list" id="infolist"></div><script src="/dynamic/js/govinfolist.js"></script>'
            return html_reply(page("", f"政府信息公开_{SITE}", body), None)
        if request.path != API or request.method != "POST":
            return None
        try:
            query = json.loads(request.form or "{}")
        except ValueError:
            return Reply(400, b'{"status":{"code":0,"text":"bad request"}}', "application/json;charset=UTF-8")
        docs = CATEGORIES.get(str(query.get("categorynum")), []) if query.get("siteGuid") == SITE_GUID else []
        index, size = int(query.get("pageIndex") or 0), int(query.get("pageSize") or 20)
        rows = docs[index * size: (index + 1) * size]
        data = [{"title": d.title[:24], "realtitle": d.title, "infourl": d.path, "visiturl": d.path, "linkurl": "",
                 "infodate": d.day, "handsdate": d.day} for d in rows]
        return json_reply({"custom": {"total": len(docs), "data": data}, "status": {"code": 1, "text": ""}},
                          newest(rows))

    def detail(self, doc: Doc) -> bytes:
        table = "".join(f"<td class='t'>{k}</td><td>{escape(v)}</td>" for k, v in info_rows(doc))
        body = (
            f'<div class="header"><a href="/">{SITE}</a></div>\n<div class="ewb-container">\n'
            f'<table class="info"><tr>{table}</tr></table>\n<h2 class="article-title">{escape(doc.title)}</h2>\n'
            f'<div class="article-info">发布日期：{doc.day}　信息来源：{doc.issuer}</div>\n'
            f'<div class="mian-cont">{paragraphs_html(doc)}</div>\n</div>'
        )
        return page(meta_block(doc, SITE, HOST, "3203000002"), f"{doc.title}-{SITE}", body)

    def missing(self, request: AppRequest) -> Reply | None:
        if request.path.startswith("/001/"):  # Epoint's error page comes with a 200
            body = f'<div class="error"><h3>{NOT_FOUND_TITLE}</h3><a href="/">返回首页</a></div>'
            return Reply(body=page("", NOT_FOUND_TITLE, body))
        return None


def make_app(day: int) -> XuzhouApp:
    return XuzhouApp(day, [d for docs in CATEGORIES.values() for d in docs if d is not WITHDRAWN])
