"""kxjst.jiangsu.gov.cn (江苏省科学技术厅, Hanweb classic) with the Hanweb RSS module.

The registry crawls it through ``/module/rss/rssfeed.jsp?colid=<id>`` (
seen on other Hanweb sites, [UNVERIFIED] on Jiangsu hosts); the feed writes pubDate as a plain
``YYYY-MM-DD HH:MM:SS`` (not RFC 822) and links with ``http://``. Column pages and dataproxy
work too (the same machinery as gxt_jiangsu); details use ``#zoom``. Day 2 = day 1.
"""

from __future__ import annotations

from replicas.apps._hanweb_dept import HanwebDeptApp


def make_app(day: int) -> HanwebDeptApp:
    return HanwebDeptApp(day, site="kxjst_jiangsu", host="kxjst.jiangsu.gov.cn")
