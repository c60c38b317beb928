"""www.szns.gov.cn (深圳市南山区), 南山区工业和信息化局 on the gkmlpt platform.

``GET /nsqjjcjj/gkmlpt/api/all/0?page=N&sid=…`` answers ``{"articles": [{id, title, url,
post_url, display_publish_time (epoch seconds), …}], "total"}`` (the endpoint is seen in a public
script); details ``/nsqjjcjj/gkmlpt/content/<id//1e6>/<id//1e3>/post_<id>.html`` (the gkmlpt
URL grammar, seen). Serving the body in the HTML (not only in ``_CONFIG.DETAIL``) is [UNVERIFIED].
"""

from __future__ import annotations

from replicas.apps._hotspot import HotspotApp

HOSTS = ('www.szns.gov.cn',)


def make_app(day: int) -> HotspotApp:
    return HotspotApp("shenzhen_nanshan", HOSTS, day)
