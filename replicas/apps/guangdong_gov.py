"""www.gd.gov.cn (广东省人民政府), the gkmlpt list API.

``GET /gkmlpt/api/all/5?page=N&sid=2`` answering ``{"articles": [{id, title, url, publisher,
display_publish_time (epoch seconds)}], "total"}``, details (the ``url``) with the body in
``div.article-content`` (seen in two public spiders). The detail path
``/zwgk/wjk/qbwj/yfb/content/post_<id>.html`` is [UNVERIFIED].
"""

from __future__ import annotations

from replicas.apps._hotspot import HotspotApp

HOSTS = ('www.gd.gov.cn',)


def make_app(day: int) -> HotspotApp:
    return HotspotApp("guangdong_gov", HOSTS, day)
