"""www.shandong.gov.cn (山东省人民政府), column 政策文件 col107851: Hanweb classic.

The column URL and ``/art/YYYY/M/D/art_<column>_<id>.html`` details are seen in public code
(served over http and https); the unit id 489563, WebId, record markup and detail markup are
[UNVERIFIED]. Reuses the Hanweb machinery of the Jiangsu replicas (``_hanweb_dept``). Day 2 =
day 1.
"""

from __future__ import annotations

from replicas.apps._hanweb_dept import HanwebDeptApp


def make_app(day: int) -> HanwebDeptApp:
    return HanwebDeptApp(day, site="shandong_gov", host="www.shandong.gov.cn")
