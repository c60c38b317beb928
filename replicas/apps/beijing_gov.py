"""www.beijing.gov.cn (首都之窗), 政策文件 ``/zhengce/zhengcefagui/``: TRS WCM.

Relative links ``./YYYYMM/tYYYYMMDD_<id>.html``, titles ``<title> 标题_政策文件_首都之窗``
style, and a ``Maketime`` meta (page generation) ahead of ``PubDate`` are seen in a public
crawler's fixtures; the row markup (``ul.list > li``) and the ``createPageHTML`` pager are
[UNVERIFIED]. Day 2 = day 1.
"""

from __future__ import annotations

from replicas.apps._hotspot import HotspotApp

HOSTS = ('www.beijing.gov.cn',)


def make_app(day: int) -> HotspotApp:
    return HotspotApp("beijing_gov", HOSTS, day)
