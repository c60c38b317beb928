"""sheitc.sh.gov.cn (上海市经济和信息化委员会), column 公示公告 ``/gg/index.html``.

Each row is a link ``<a href="/gg/YYYYMMDD/<hex>.html" title="…">`` holding the title, a
summary ``<p>`` and the date ``<span>``; 10 rows a page, page 2 is ``index_2.html`` (seen in a
public crawler). The element around the rows is [UNVERIFIED]. Day 2 = day 1.
"""

from __future__ import annotations

from replicas.apps._hotspot import HotspotApp

HOSTS = ('sheitc.sh.gov.cn',)


def make_app(day: int) -> HotspotApp:
    return HotspotApp("shanghai_sheitc", HOSTS, day)
