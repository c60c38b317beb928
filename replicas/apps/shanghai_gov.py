"""www.shanghai.gov.cn (上海市人民政府), column 政策文件 ``/nw12344/index.html``.

Rows are ``ul.tadaty-list.uli14.nowrapli.list-date > li`` links, page 2 is ``index_2.html``
(the numbering starts at 2), details ``/nw12344/YYYYMMDD/<32 hex>.html`` with the body in
``#ivs_content`` (all seen in a public crawler of the site). The row's date markup is
[UNVERIFIED]. One OPC sample policy plus ordinary notices; day 2 = day 1.
"""

from __future__ import annotations

from replicas.apps._hotspot import HotspotApp

HOSTS = ('www.shanghai.gov.cn',)


def make_app(day: int) -> HotspotApp:
    return HotspotApp("shanghai_gov", HOSTS, day)
