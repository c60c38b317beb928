"""qh.sz.gov.cn (深圳市前海管理局), gkmlpt.

``GET /gkmlpt/api/all/0?page=N&sid=…`` as on every gkmlpt site; details under
``/gkmlpt/content/…/post_<id>.html`` (seen on the real host). The category and sid are
[UNVERIFIED].
"""

from __future__ import annotations

from replicas.apps._hotspot import HotspotApp

HOSTS = ('qh.sz.gov.cn',)


def make_app(day: int) -> HotspotApp:
    return HotspotApp("shenzhen_qianhai", HOSTS, day)
