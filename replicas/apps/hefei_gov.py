"""www.hefei.gov.cn (合肥市人民政府), 市级政策文件库 ``/zwgk/publicColumn/hfszcwjk/index.html``.

Details ``/zwgk/public/17501/<id>.html`` (the URL shapes are seen in public code); the list's row
markup (``ul.doc_list > li``), paging and detail body container are [UNVERIFIED].
"""

from __future__ import annotations

from replicas.apps._hotspot import HotspotApp

HOSTS = ('www.hefei.gov.cn',)


def make_app(day: int) -> HotspotApp:
    return HotspotApp("hefei_gov", HOSTS, day)
