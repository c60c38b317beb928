"""www.wuxi.gov.cn (Wuxi "intertid" CMS): municipal static lists, 24 rows a page.

``index.shtml`` is page 1, ``index_1.shtml`` answers the 548-byte 404 and ``index_2.shtml``,
``index_3.shtml`` hold the older rows (the intertid page-number gap). Detail pages carry ``#Zoom``.
Day 2 equals day 1.
"""

from __future__ import annotations

import re
from datetime import date

from replicas.apps import _intertid as intertid
from replicas.apps._json_api_pages import Doc, DocSiteApp, ordinary_docs
from replicas.server import AppRequest, Reply

HOST = "www.wuxi.gov.cn"
SITE = "无锡市人民政府"
SZFWJ = "/zfxxgk/szfxxgkml/fgwjjjd/zfwj/szfwj/"
ZCJD = "/zfxxgk/szfxxgkml/fgwjjjd/zfwj/zcjd/"
PER_PAGE = 24
PAGE = re.compile(r"^(?P<dir>/.+/)index(?:_(?P<n>\d+))?\.shtml$")

OPC_VILLAGE = Doc(
    intertid.doc_path(4831889, date(2026, 1, 16)),
    "无锡市关于在鸿山街道等11个田园理想村开展OPC创新社区试点的通知",
    "2026-01-16",
    "无锡市人民政府办公室",
    (
        "为培育人工智能“一人公司”（OPC）创新创业新业态，推动数字技术赋能乡村振兴，经市政府同意，现就开展乡村OPC创新社区试点有关事项通知如下。",
        "一、在鸿山街道等11个“田园理想村”开展OPC创新社区试点，优先建设OPC创新社区专区，配备共享办公空间与高速网络。",
        "二、推动知识产权证券化，推广“苏质贷”等金融产品，拓宽轻资产OPC企业的融资渠道。",
        "三、通过“太湖人才计划”为符合条件的OPC创办者提供安居保障。",
    ),
    doc_number="锡政办发〔2026〕3号",
    index_no="014073227/2026-00012",
    column="市政府办公室文件",
    sample=True,
)
SZFWJ_DOCS = [OPC_VILLAGE, *ordinary_docs(
    49, date(2026, 1, 14), "无锡市人民政府",
    lambda i, d: intertid.doc_path(4831000 - 37 * i, d), column="市政府文件",
)]
ZCJD_DOCS = ordinary_docs(6, date(2026, 1, 12), "无锡市司法局", lambda i, d: intertid.doc_path(4830500 - 11 * i, d),
                          column="政策解读", step=9)
LISTS = {SZFWJ: ("市政府文件", SZFWJ_DOCS), ZCJD: ("政策解读", ZCJD_DOCS)}


class WuxiGovApp(DocSiteApp):
    hosts = (HOST,)

    def lists(self, request: AppRequest) -> Reply | None:
        match = PAGE.match(request.path)
        if not match or match["dir"] not in LISTS:
            return None
        column, docs = LISTS[match["dir"]]
        number = int(match["n"] or 1)
        if match["n"] == "1":  # intertid has no index_1.shtml: page 2 is index_2.shtml
            return Reply(404, intertid.NOT_FOUND_548)
        found = intertid.static_list(docs, number, PER_PAGE, site_name=SITE, column=column)
        return found or Reply(404, intertid.NOT_FOUND_548)

    def detail(self, doc: Doc) -> bytes:
        return intertid.detail(doc, site_name=SITE, host=HOST, site_code="3202000003")


def make_app(day: int) -> WuxiGovApp:
    return WuxiGovApp(day, [*SZFWJ_DOCS, *ZCJD_DOCS])
