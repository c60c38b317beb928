"""www.lyg.gov.cn (Lianyungang, TrueCMS grammar [INFERRED]): ``ul.xxgk-list-con`` column pages.

Same URL grammar as Nantong: ``/zglygzfmhwz/<chan>/<chan>.html``, details at
``/zglygzfmhwz/<chan>/content/zwgk_<32hex>.html``; deeper rows through the same JSONP
``getMessage.do`` (assumed from the shared grammar). The detail markup is unknown, so the
Nantong ``#zoom`` template stands in. The OPC sample follows the corpus (000): 海州区
“花果山下·人工智能OPC社区”. Day 2 equals day 1.
"""

from __future__ import annotations

import hashlib
from datetime import date

from replicas.apps import _truecms as truecms
from replicas.apps._json_api_pages import Doc, DocSiteApp, ordinary_docs
from replicas.server import AppRequest, Reply

HOST = "www.lyg.gov.cn"
SITE = "连云港市人民政府"
CHAN, COLUMN_ID = "zfwj", "8a8482a97c1b2e33017c1f0d5e6a0042"


def content_path(seed: str) -> str:
    return f"/zglygzfmhwz/{CHAN}/content/zwgk_{hashlib.md5(seed.encode()).hexdigest()}.html"


OPC_HAIZHOU = Doc(
    content_path("opc"),
    "海州区“花果山下·人工智能OPC社区”正式启用",
    "2026-01-13",
    "连云港市海州区人民政府",
    (
        "海州区“花果山下·人工智能OPC社区”正式启用，依托阿里云提供AI技术底座，服务人工智能“一人公司”（OPC）创业者。",
        "东方农商银行、邮储银行同步推出OPC专属创业贷款，实现“技术+金融”双轮驱动。",
    ),
    column="政府文件",
    sample=True,
)
DOCS = [OPC_HAIZHOU, *ordinary_docs(
    36, date(2026, 1, 12), SITE, lambda i, d: content_path(f"w{i}"), column="政府文件")]


class LianyungangApp(DocSiteApp):
    hosts = (HOST,)

    def lists(self, request: AppRequest) -> Reply | None:
        if request.path == "/truecms/messageController/getMessage.do":
            return truecms.get_message(request, {COLUMN_ID: DOCS})
        if request.path == f"/zglygzfmhwz/{CHAN}/{CHAN}.html":
            return truecms.column_page(DOCS, site_name=SITE, column="政府文件", column_id=COLUMN_ID,
                                       ul_class="xxgk-list-con", init_data=False)
        return None

    def detail(self, doc: Doc) -> bytes:
        return truecms.detail(doc, site_name=SITE, host=HOST, site_code="3207000001")


def make_app(day: int) -> LianyungangApp:
    return LianyungangApp(day, DOCS)
