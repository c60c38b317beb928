"""www.jiangsu.gov.cn (Hanweb classic): the two-day replica of opcwatch/replica/sites/jiangsu_gov."""

from __future__ import annotations

from opcwatch.replica.site import JiangsuGovApp


def make_app(day: int) -> JiangsuGovApp:
    return JiangsuGovApp(day)
