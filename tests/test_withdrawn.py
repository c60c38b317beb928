"""A known OPC policy page that starts answering 404 becomes one `policy.withdrawn` alert."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from models.db import session_scope
from models.tables import ChangeEvent
from opcwatch.settings import DEFAULT_REGISTRY, Settings
from opcwatch.stages.cycle import run_cycle
from replicas.server import AppRequest, ReplicaServer, Reply

pytestmark = pytest.mark.slow
HOST = "withdraw.quirks.example"
T0 = datetime(2026, 2, 1, 9, 0, tzinfo=UTC)
PAGE = """<html><head><meta charset="utf-8"><title>{title}</title>
<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="2026-01-30 10:00"></head>
<body><div class="article"><h1>{title}</h1><div id="zoom"><p>{body}</p><p>（示例页面 sample page）</p></div></div></body></html>"""
ARTICLES = {
    "/a1.html": ("常州市支持人工智能OPC一人公司创新创业若干措施",
                 "对入驻OPC社区的一人公司，给予最高20万元创业补贴；对购买算力的，给予最高50万元算力券支持。"),
    "/a2.html": ("常州市冬季安全生产工作会议召开", "会议部署了冬季安全生产工作，要求压实责任。"),
}
REGISTRY = f"""sources:
  - id: withdraw_demo
    name: 撤回示例站
    region_code: "320400"
    family: generic
    hosts: [{HOST}]
    lists:
      - {{name: 通知公告, url: "https://{HOST}/list.html", item: "ul li", title: "a::text", date: "span::text"}}
"""


class WithdrawingSite:
    hosts = (HOST,)

    def __init__(self) -> None:
        self.gone: set[str] = set()

    def set_day(self, day: int) -> None:
        return None

    def handle(self, request: AppRequest) -> Reply | None:
        if request.path == "/robots.txt":
            return Reply(body=b"User-agent: *\nDisallow:\n", content_type="text/plain")
        if request.path == "/list.html":
            rows = "".join(f'<li><a href="{p}">{t}</a><span>2026-01-30</span></li>'
                           for p, (t, _) in ARTICLES.items() if p not in self.gone)
            return Reply(body=f"<html><body><ul>{rows}</ul></body></html>".encode(), last_modified=T0)
        if request.path in self.gone:
            return Reply(status=404, body=b"<html><body><h1>404</h1></body></html>")
        if request.path in ARTICLES:
            title, body = ARTICLES[request.path]
            return Reply(body=PAGE.format(title=title, body=body).encode(), last_modified=T0)
        return None


def _events(settings: Settings, kind: str) -> list[ChangeEvent]:
    with session_scope(settings.database_url) as session:
        return list(session.scalars(select(ChangeEvent).where(ChangeEvent.kind == kind)))


def test_a_withdrawn_policy_page_is_one_event_and_one_alert(settings: Settings, tmp_path: Path) -> None:
    registry = tmp_path / "withdraw.yml"
    registry.write_text(REGISTRY, encoding="utf-8")
    site = WithdrawingSite()
    with ReplicaServer(app=site) as replica:
        cfg = settings.with_(host_map=replica.host_map, registry_paths=(DEFAULT_REGISTRY, registry))
        first = run_cycle(cfg, source_ids=["withdraw_demo"], now=T0)
        assert first.stages["diff"]["by_kind"].get("policy.new") == 2
        site.gone.add("/a1.html")
        second = run_cycle(cfg, source_ids=["withdraw_demo"], now=T0 + timedelta(hours=13))
        third = run_cycle(cfg, source_ids=["withdraw_demo"], now=T0 + timedelta(hours=40))
    assert second.stages["diff"]["by_kind"] == {"policy.withdrawn": 1}
    assert third.stages["diff"]["events"] == 0  # withdrawn once, not every cycle
    [event] = _events(cfg, "policy.withdrawn")
    assert event.payload["url"] == f"https://{HOST}/a1.html" and event.payload["http_status"] == 404
    assert event.is_opc and event.region_code == "320400"
    outbox = cfg.default_outbox.read_text(encoding="utf-8")
    assert "政策撤回" in outbox and "常州市支持人工智能OPC一人公司创新创业若干措施" in outbox
