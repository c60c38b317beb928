"""www.wehdz.gov.cn (武汉东湖新技术开发区 / 光谷), 通知 ``/2022/ggxw_68627/tz_68628/``.

Rows ``.list01-content-containerRight li`` (a link and a date ``span``), details
``…/tz_68628/YYYYMM/tYYYYMMDD_<id>.shtml`` with ``div.content_article`` (seen in a public RSS
route and public links); paging ``index_N.shtml`` is [UNVERIFIED].
"""

from __future__ import annotations

from replicas.apps._hotspot import HotspotApp

HOSTS = ('www.wehdz.gov.cn',)


def make_app(day: int) -> HotspotApp:
    return HotspotApp("wuhan_ehdz", HOSTS, day)
