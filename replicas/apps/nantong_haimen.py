"""www.haimen.gov.cn (南通市海门区): the IP-gated Nantong district seen from a datacenter.

"District sites returned the same shell": a 403 with the ~7.7 KB "拒绝执行 | 网站云防护系统" page
on every path, robots.txt included. Day 2 equals day 1.
"""

from __future__ import annotations

from replicas.antibot_pages import WAF_SHELL, ChallengeApp
from replicas.server import Reply


def make_app(day: int) -> ChallengeApp:
    app = ChallengeApp(("www.haimen.gov.cn",), Reply(403, WAF_SHELL), robots_ok=False)
    app.set_day(day)
    return app
