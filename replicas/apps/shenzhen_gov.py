"""www.sz.gov.cn (深圳政府在线), 部门动态 ``/cn/xxgk/zfxxgj/bmdt/``: the NFCMS portal.

Details ``…/content/post_<id>.html`` carry the ArticleTitle / PubDate / ContentSource /
ArticleId meta, ``NFCMS_SITE_ID`` 755001 and the body in ``div.news_cont_d_wrap`` (seen);
rows ``div.zx_ml_list li`` with the link in ``span.tit`` are seen on the sibling 通知公告 list
and [UNVERIFIED] here, as is the row date.
"""

from __future__ import annotations

from replicas.apps._hotspot import HotspotApp

HOSTS = ('www.sz.gov.cn',)


def make_app(day: int) -> HotspotApp:
    return HotspotApp("shenzhen_gov", HOSTS, day)
