"""www.hangzhou.gov.cn (杭州市人民政府), column 政策文件 col1229063385: Hanweb classic.

The column page carries the ``<script type="text/xml"><datastore>`` island of ``li.clearfix``
records (a link and a date ``span``, seen on another Hangzhou column); details
``/art/YYYY/M/D/art_1229063385_<id>.html`` and the jpage unit id 6793088 (the ``uid`` of a
paged list URL) are seen in public code. The WebId 149 and the detail markup are [UNVERIFIED].
Reuses the Hanweb machinery of the Jiangsu replicas (``_hanweb_dept``). Day 2 = day 1.
"""

from __future__ import annotations

from replicas.apps._hanweb_dept import HanwebDeptApp


def make_app(day: int) -> HanwebDeptApp:
    return HanwebDeptApp(day, site="hangzhou_gov", host="www.hangzhou.gov.cn")
