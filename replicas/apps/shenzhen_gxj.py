"""gxj.sz.gov.cn (深圳市工业和信息化局), 通知公告 ``/xxgk/xxgkml/qt/tzgg/``.

Rows ``<div class="ListconC"><span>date</span><a href="https://gxj.sz.gov.cn/…/post_<id>.html"
title="…"><em>n</em>…</a></div>``: absolute https links on a site that a public crawler could
only read over http (its TLS needs the P-256 curve); page 2 is ``index_2.html`` (seen). Day 2
adds the OPC 专项扶持计划 notice.
"""

from __future__ import annotations

from replicas.apps._hotspot import HotspotApp

HOSTS = ('gxj.sz.gov.cn',)


def make_app(day: int) -> HotspotApp:
    return HotspotApp("shenzhen_gxj", HOSTS, day)
