"""www.chengdu.gov.cn (成都市人民政府), 政务要闻 ``/cdsrmzf/c169603/list.shtml``.

The list page names its channel in ``<meta name="channelId">`` and its rows come from
``GET /es-search/search/<channelId>?_template=ucap/cdtf&_pageSize=20&…&page=N`` answering
``{"results": [{title, url, publishedTimeStr}]}``; details carry the meta block and
``.detail_content`` (seen in a public RSS route, which needs a real browser to get through).
The channel id, the ``total`` key and the detail path are [UNVERIFIED].
"""

from __future__ import annotations

from replicas.apps._hotspot import HotspotApp

HOSTS = ('www.chengdu.gov.cn',)


def make_app(day: int) -> HotspotApp:
    return HotspotApp("chengdu_gov", HOSTS, day)
