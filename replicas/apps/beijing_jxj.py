"""jxj.beijing.gov.cn (北京市经济和信息化局), 政策文件 ``/zwgk/2024zcwj/``: TRS WCM.

Rows ``<li><a href="./YYYYMM/tYYYYMMDD_<id>.html" title="…">…</a> <span class="date"> [ date ]
</span></li>`` with whitespace inside the date span, pages ``index_1.html``, ``index_2.html``
(seen in a public crawler); the ``div.list_con`` wrapper is [UNVERIFIED]. Day 2 adds the
OPC 算力券 notice.
"""

from __future__ import annotations

from replicas.apps._hotspot import HotspotApp

HOSTS = ('jxj.beijing.gov.cn',)


def make_app(day: int) -> HotspotApp:
    return HotspotApp("beijing_jxj", HOSTS, day)
