"""jxj.wuhan.gov.cn (武汉市经济和信息化局), 通知通告 ``/xwzx_9/tztg/``: TRS WCM.

Every row is an ``<a class="art_item" href='./YYYYMM/tYYYYMMDD_<id>.html'>`` holding
``art_day`` (the day), ``art_month`` (YYYY-MM) and ``art_list_ttl`` whose single-quoted
``title`` is the full title (the link text adds a number and a summary); 15 rows a page,
``index_1.html``, ``index_2.html``, then 404 (seen in public crawlers).
"""

from __future__ import annotations

from replicas.apps._hotspot import HotspotApp

HOSTS = ('jxj.wuhan.gov.cn',)


def make_app(day: int) -> HotspotApp:
    return HotspotApp("wuhan_jxj", HOSTS, day)
