"""www.nanjing.gov.cn (TRS WCM): the replica of replicas/sites/nanjing_gov.

Lists: 市政府规范性文件 (createPageHTML pager, a 350 B stub as the deepest page), 市政府规章
(``var countPage``), 重点公开 (``index_17989_<n>.html``, ``共N页``, ``../../`` links) and 政府公报
through the IGS JSON search. ``NanjingApp(day, gated=True)`` serves the 618 B IP-gating shell.
"""

from __future__ import annotations

from replicas.apps._trs import TrsApp

HOSTS = ("www.nanjing.gov.cn",)


def make_app(day: int, gated: bool = False) -> TrsApp:
    return TrsApp("nanjing_gov", HOSTS, day, gated=gated)
