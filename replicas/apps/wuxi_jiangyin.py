"""www.jiangyin.gov.cn (江阴市, intertid hybrid): API page 1, then static pages past a missing index_1.

On the real site ``index.shtml`` is the API shell, ``index_1.shtml`` is a **404**, ``index_2…`` are
static pages with 20 rows; path segments look like ``szfwj_17a82c54pe6vn_15kfqfh1hwj5d``; the
body container is ``.lw_content``. Here ``POST /info_open/search`` answers the channel's rows
(a crawler's note reports 0 rows from the real Jiangyin API: see the registry quirks). Day 2
equals day 1.
"""

from __future__ import annotations

import re
from datetime import date

from replicas.apps import _intertid as intertid
from replicas.apps._json_api_pages import Doc, DocSiteApp, html_reply, newest, ordinary_docs
from replicas.server import AppRequest, Reply

HOST = "www.jiangyin.gov.cn"
SITE = "江阴市人民政府"
LIST_DIR = "/zfxxgk/szfwj_17a82c54pe6vn_15kfqfh1hwj5d/"
SITE_ID, CHANNEL_IDS = "76", "20594"
PER_PAGE = 20
PAGE = re.compile(r"^index_(\d+)\.shtml$")

OPC_NOTICE = Doc(
    intertid.doc_path(4830211, date(2026, 1, 12)),
    "江阴市关于加快OPC创新社区建设的实施意见",
    "2026-01-12",
    "江阴市人民政府",
    (
        "为培育人工智能“一人公司”（OPC）创新创业新业态，打造“单人+AI”创业首选地，提出如下实施意见。",
        "一、建设OPC创新社区，为入驻的OPC创业者提供共享办公空间、高速网络和算力服务。",
        "二、落实“太湖人才计划”，为符合条件的OPC创办者提供安居保障。",
    ),
    doc_number="澄政发〔2026〕1号",
    index_no="014099887/2026-00003",
    column="市政府文件",
    sample=True,
)
DOCS = [OPC_NOTICE, *ordinary_docs(
    47, date(2026, 1, 10), SITE, lambda i, d: intertid.doc_path(4829000 - 23 * i, d), column="市政府文件", step=4,
)]


class JiangyinApp(DocSiteApp):
    hosts = (HOST,)

    def lists(self, request: AppRequest) -> Reply | None:
        if request.path == "/info_open/search" and request.method == "POST":
            return intertid.search(request, self.current(), site_id=SITE_ID, channel_ids=CHANNEL_IDS)
        if not request.path.startswith(LIST_DIR):
            return None
        leaf = request.path.removeprefix(LIST_DIR)
        if leaf == "index.shtml":
            body = intertid.shell(site_name=SITE, column="市政府文件", site_id=SITE_ID, channel_ids=CHANNEL_IDS)
            return html_reply(body, newest(self.current()))
        match = PAGE.match(leaf)
        if match and int(match[1]) >= 2:
            found = intertid.static_list(self.current(), int(match[1]), PER_PAGE, site_name=SITE, column="市政府文件")
            if found:
                return found
        return Reply(404, intertid.NOT_FOUND_548) if match else None

    def detail(self, doc: Doc) -> bytes:
        return intertid.detail(doc, site_name=SITE, host=HOST, site_code="3202810001", body_class="lw_content")


def make_app(day: int) -> JiangyinApp:
    return JiangyinApp(day, DOCS)
