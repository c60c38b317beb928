"""gxt.jiangsu.gov.cn (江苏省工业和信息化厅, Hanweb classic, webid 23)

Column pages with the ``<datastore>`` island and ``<b>`` dates (gxt), dataproxy windows,
detail pages with the body in ``div#con1`` under ``.con912 .nscont`` (gxt), the RSS
module. Column ids are the replica's own ([UNVERIFIED] for the real site). Day 2 edits
the OPC notice in place (200万元 → 300万元) and adds a new notice.
"""

from __future__ import annotations

from replicas.apps._hanweb_dept import HanwebDeptApp


def make_app(day: int) -> HanwebDeptApp:
    return HanwebDeptApp(day, site="gxt_jiangsu", host="gxt.jiangsu.gov.cn")
