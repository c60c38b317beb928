"""www.lingang.gov.cn (临港新片区管委会), 政府文件.

The list page ``/html/website/lg/index/government/file/index.html`` is filled by script from
``POST /baseSelect`` with a JSON body (``pageSize``, ``pageNumber``, ``tableName:
view_zhengcewenjian``, ``orderBy: content_datetime desc`` …, seen in a public crawler); details
are ``/html/website/lg/index/government/file/<19-digit id>.html`` (seen). The answer's shape
(``{"data": {"total", "list": [{id, content_title, content_datetime, …}]}}``) is [UNVERIFIED].
"""

from __future__ import annotations

from replicas.apps._hotspot import HotspotApp

HOSTS = ('www.lingang.gov.cn',)


def make_app(day: int) -> HotspotApp:
    return HotspotApp("shanghai_lingang", HOSTS, day)
