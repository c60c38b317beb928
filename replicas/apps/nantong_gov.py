"""www.nantong.gov.cn (Nantong, TrueCMS): ``#initData`` column pages + JSONP paging.

The real portal answers a foreign/datacenter IP with a 403 "网站云防护系统" shell on every path
(the nantong_haimen replica reproduces that); this replica is the portal as a domestic
vantage sees it. The OPC sample follows the corpus (000): 南通创新区紫琅智谷 OPC创新社区. Day 2
equals day 1.
"""

from __future__ import annotations

import uuid
from datetime import date

from replicas.apps import _truecms as truecms
from replicas.apps._json_api_pages import Doc, DocSiteApp, ordinary_docs
from replicas.server import AppRequest, Reply

HOST = "www.nantong.gov.cn"
SITE = "南通市人民政府"


def content_path(chan: str, seed: str) -> str:
    return f"/ntsrmzf/{chan}/content/{uuid.uuid5(uuid.NAMESPACE_URL, 'nt-' + seed)}.html"


OPC_ZIGU = Doc(
    content_path("bmdt", "opc"),
    "南通创新区紫琅智谷启动全市首个OPC创新社区",
    "2026-01-14",
    "南通创新区管理办公室",
    (
        "近日，南通创新区紫琅智谷启动全市首个OPC创新社区，支持人工智能“一人公司”（OPC）创新创业。",
        "社区规划2万平方米空间、近500个工位，按种子、萌芽、启航三阶段分层培育OPC企业。",
        "南通创新区还将联合本土龙头企业共建更多垂直领域OPC工坊，打造长三角具有产业辨识度的“AI+OPC”示范区。",
    ),
    column="部门动态",
    sample=True,
)
COLUMNS = {
    "szfbwj": ("7f0a7e3b1c9d4a3e8d6b2f5c4a1e9b70", "市政府办文件", ordinary_docs(
        45, date(2026, 1, 13), "南通市人民政府办公室", lambda i, d: content_path("szfbwj", f"w{i}"), column="市政府办文件")),
    "bmdt": ("3c5d9e2a7b8f4c1d9a0e6f3b2d7c8a15", "部门动态", [OPC_ZIGU, *ordinary_docs(
        11, date(2026, 1, 12), "南通市发展和改革委员会", lambda i, d: content_path("bmdt", f"n{i}"), column="部门动态")]),
    # 南通创新区 has no site of its own in the evidence: its column on the city portal, read by
    # the `generic` registry entry nantong_cxq (crawlers/sources/city_portals_misc.yml).
    "cxq": ("b2e4f6a8c0d2e4f6a8b0c2d4e6f8a0b2", "南通创新区", [OPC_ZIGU, *ordinary_docs(
        5, date(2026, 1, 10), "南通创新区管理办公室", lambda i, d: content_path("cxq", f"c{i}"), column="南通创新区")]),
}
BY_ID = {cid: docs for cid, _, docs in COLUMNS.values()}


class NantongApp(DocSiteApp):
    hosts = (HOST,)

    def lists(self, request: AppRequest) -> Reply | None:
        if request.path == "/truecms/messageController/getMessage.do":
            return truecms.get_message(request, BY_ID)
        for chan, (cid, name, docs) in COLUMNS.items():
            if request.path == f"/ntsrmzf/{chan}/{chan}.html":
                return truecms.column_page(docs, site_name=SITE, column=name, column_id=cid, ul_class="list-ul",
                                           init_data=True)
        return None

    def detail(self, doc: Doc) -> bytes:
        return truecms.detail(doc, site_name=SITE, host=HOST, site_code="3206000002")


def make_app(day: int) -> NantongApp:
    docs = {d.path: d for _, _, column in COLUMNS.values() for d in column}  # OPC_ZIGU is in two columns
    return NantongApp(day, list(docs.values()))
