"""njna.nanjing.gov.cn, 南京江北新区 (TRS WCM; host and paths [UNVERIFIED]).

A district template: ``div.list_con li`` rows with the date as ``[YYYY-MM-DD]`` in
``span.date``, a ``var countPage`` pager, and the ``.trs_web`` body variant.
"""

from __future__ import annotations

from replicas.apps._trs import TrsApp

HOSTS = ("njna.nanjing.gov.cn",)


def make_app(day: int) -> TrsApp:
    return TrsApp("nanjing_jbxq", HOSTS, day)
