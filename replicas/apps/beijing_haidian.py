"""zyk.bjhd.gov.cn + www.bjhd.gov.cn (北京市海淀区人民政府 / 中关村科学城), 政策文件库.

The list is ``GET https://www.bjhd.gov.cn/sjkf-api/haidian/data/catalog/search?channelId=
76770,83277&pageNum=N&pageSize=M`` answering ``{"rows": [{title, docPubUrl, pubDate, …}]}``;
details ``https://zyk.bjhd.gov.cn/…/tYYYYMMDD_<id>.shtml`` with the body in ``#mainText`` (seen
in a public crawler, which sends a Referer). Answering 403 without a Referer is [INFERRED].
"""

from __future__ import annotations

from replicas.apps._hotspot import HotspotApp

HOSTS = ('zyk.bjhd.gov.cn', 'www.bjhd.gov.cn')


def make_app(day: int) -> HotspotApp:
    return HotspotApp("beijing_haidian", HOSTS, day)
