"""www.wnd.gov.cn (无锡市新吴区 = 无锡高新区, intertid): a shell list paged by ``POST /info_open/search``.

The column page has no rows, only ``getSearchList(1,20,"184","37764",1,"writeTime",…)``; the
API answers 20 rows a page (the ids are real example values). Day 2 adds one
document. The OPC sample follows the corpus (000): 算力使用最高30%补贴, 数据项目单项最高50万元.
"""

from __future__ import annotations

from datetime import date

from replicas.apps import _intertid as intertid
from replicas.apps._json_api_pages import Doc, DocSiteApp, html_reply, newest, ordinary_docs
from replicas.server import AppRequest, Reply

HOST = "www.wnd.gov.cn"
SITE = "无锡市新吴区人民政府"
LIST_PATH = "/zfxxgk/xxgkml/zcwj/index.shtml"
SITE_ID, CHANNEL_IDS = "184", "37764"

OPC_MEASURES = Doc(
    intertid.doc_path(4829317, date(2026, 1, 8)),
    "无锡高新区（新吴区）关于支持人工智能OPC创新发展的若干措施",
    "2026-01-08",
    "无锡市新吴区人民政府",
    (
        "为抢抓人工智能发展机遇，培育“一人公司”（OPC）等智能原生新业态，结合无锡高新区（新吴区）实际，制定以下措施。",
        "一、降低算力成本。对OPC企业使用区内智算中心算力的，按实际使用费用给予最高30%的补贴。",
        "二、支持数据开发利用。对开展公共数据开发、在数据交易场所完成挂牌或购买数据产品的OPC创业项目，单项最高给予50万元支持。",
        "三、本措施自印发之日起施行，有效期至2028年12月31日。",
    ),
    doc_number="锡新政发〔2026〕2号",
    index_no="01409547X/2026-00004",
    column="政策文件",
    sample=True,
)
DAY2_DOC = Doc(
    intertid.doc_path(4833012, date(2026, 1, 21)),
    "关于公布2026年新吴区区级重点项目名单的通知",
    "2026-01-21",
    "无锡市新吴区发展和改革委员会",
    ("各街道、各有关部门：现将2026年新吴区区级重点项目名单予以公布。", "请各单位加强项目服务保障，确保项目按期推进。"),
    column="政策文件",
    from_day=2,
)
DOCS = [DAY2_DOC, OPC_MEASURES, *ordinary_docs(
    30, date(2026, 1, 6), SITE, lambda i, d: intertid.doc_path(4828000 - 29 * i, d), column="政策文件",
)]


class WuxiWndApp(DocSiteApp):
    hosts = (HOST,)

    def lists(self, request: AppRequest) -> Reply | None:
        if request.path == LIST_PATH:
            body = intertid.shell(site_name=SITE, column="政策文件", site_id=SITE_ID, channel_ids=CHANNEL_IDS)
            return html_reply(body, newest(self.current()))
        if request.path == "/info_open/search" and request.method == "POST":
            return intertid.search(request, self.current(), site_id=SITE_ID, channel_ids=CHANNEL_IDS)
        return None

    def detail(self, doc: Doc) -> bytes:
        return intertid.detail(doc, site_name=SITE, host=HOST, site_code="3202140001")


def make_app(day: int) -> WuxiWndApp:
    return WuxiWndApp(day, DOCS)
