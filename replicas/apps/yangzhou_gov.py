"""kjj.yangzhou.gov.cn, 扬州市科学技术局 (Hanweb JPaaS): the replica of sites/yangzhou_gov.

Empty column shells + the unit API (``li.clearfix`` rows, ``span.bt-right`` dates, 15 per page).
``make_app(day, gated=True)`` answers 403 with 290 bytes, as the real site did to a datacenter IP.
"""

from __future__ import annotations

from replicas.apps._jpaas import JpaasApp

HOSTS = ("kjj.yangzhou.gov.cn",)


def make_app(day: int, gated: bool = False) -> JpaasApp:
    return JpaasApp("yangzhou_gov", HOSTS, day, gated=gated)
