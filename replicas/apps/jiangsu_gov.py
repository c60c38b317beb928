"""www.jiangsu.gov.cn (Hanweb classic): the two-day replica of replicas/sites/jiangsu_gov."""

from __future__ import annotations

from replicas.site import JiangsuGovApp


def make_app(day: int) -> JiangsuGovApp:
    return JiangsuGovApp(day)
