"""Sites that do not answer with content: a WAF shell, two anti-bot challenges, a soft 404.

Fake hosts (``*.antibot.example``) so no family replica's real host is taken; each is its own
app (``replicas/apps/antibot_*.py``) on its own port. The answers follow
As seen on the real sites: the Nantong-style 403 "网站云防护系统" shell (~7.7 KB, on every path,
robots.txt included), a 瑞数 412 page with a ``$_ts`` script, a 加速乐 521 cookie script, and a
channel URL that quietly serves the homepage (SIP). Tests crawl them with registry entries of
their own; the crawler must record blocked / layout_changed health and store nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from replicas.server import AppRequest, Reply

ROBOTS = Reply(body=b"User-agent: *\nDisallow:\n", content_type="text/plain")
WAF_SHELL = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>拒绝执行 | 网站云防护系统</title>"
    # The real shell ships its whole stylesheet inline: padded to its ~7.7 KB.
    f"<style>{'.wafbox{margin:0 auto;padding:10px;border:1px solid #ddd;} ' * 126}</style></head><body>"
    "<div class='wafbox'><h1>网站云防护系统</h1><p>您的访问请求可能对网站造成安全威胁，请求已被拦截。</p></div>"
    "</body></html>"
).encode()
TS_CHALLENGE = (
    b"<!DOCTYPE html><html><head><meta charset='utf-8'><script>var $_ts=window['$_ts'];if(!$_ts)"
    b"$_ts={};$_ts.nsd=84291;$_ts.cd='qoxyrrAlEaGqcGAx';</script><script src='/4QbVtADbnLVIc/c.FxJzG50F.dfe1675.js' "
    b"r='m'></script></head><body></body></html>"
)
JSL_CHALLENGE = (
    b"<html><body><script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')"
    b"+('r')+('a')+('n')+('c')+('e')+('=')+('1768899240.123|0|abc');"
    b"location.href=location.pathname+location.search</script></body></html>"
)
HOMEPAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>苏州工业园区管理委员会</title></head><body>"
    "<div class='banner'>首页</div><ul class='nav'><li><a href='/szgyyq/zwyw/xwzx_list.shtml'>园区要闻</a></li>"
    "</ul><p>（示例页面 sample page，opcwatch 离线演示）</p></body></html>"
).encode()


@dataclass
class ChallengeApp:
    """Answers every path (robots.txt too, unless ``robots_ok``) with one non-content reply."""

    hosts: tuple[str, ...]
    reply: Reply
    robots_ok: bool = True
    day: int = 1
    server_header: str = "nginx"

    def set_day(self, day: int) -> None:
        self.day = day

    def handle(self, request: AppRequest) -> Reply | None:
        if request.path == "/robots.txt" and self.robots_ok:
            return ROBOTS
        return self.reply


def waf403() -> ChallengeApp:
    return ChallengeApp(("waf403.antibot.example",), Reply(403, WAF_SHELL), robots_ok=False)


def ts412() -> ChallengeApp:
    return ChallengeApp(("ts412.antibot.example",), Reply(412, TS_CHALLENGE))


def jsl521() -> ChallengeApp:
    return ChallengeApp(("jsl521.antibot.example",), Reply(521, JSL_CHALLENGE, headers={"Set-Cookie": "__jsluid_s=5f3c; path=/"}))


def soft404() -> ChallengeApp:
    """Any channel URL serves the homepage with a 200 (and so does /)."""
    return ChallengeApp(("soft404.antibot.example",), Reply(200, HOMEPAGE))
