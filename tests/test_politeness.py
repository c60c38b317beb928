"""Politeness and guards in a real crawl: robots.txt, retries, the registry's hosts only."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from crawlers.runner import crawl
from models.db import session_scope
from models.tables import RawPage
from opcwatch.settings import DEFAULT_REGISTRY, Settings
from replicas.server import AppRequest, ReplicaServer, Reply

LINKS = {
    "/art/1.html": "正常页面",
    "https://evil.example/art/2.html": "别的网站",
    "/art/redirect.html": "跳到别的网站",
    "/private/3.html": "robots.txt 禁止",
    "/art/flaky.html": "先 503 后 200",
}
REGISTRY = """
sources:
  - id: polite
    name: 礼貌测试站
    region_code: "320000"
    family: hanweb
    hosts: [polite.example]
    lists: [{name: 列表, url: "https://polite.example/col/col1/index.html", columnid: 1, unitid: 1}]
"""


class PoliteApp:
    hosts = ("polite.example",)

    def __init__(self) -> None:
        self.flaky_calls = 0

    def set_day(self, day: int) -> None:
        return None

    def handle(self, request: AppRequest) -> Reply | None:
        path = request.path
        if path == "/robots.txt":
            return Reply(body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        if path == "/col/col1/index.html":
            records = "".join(
                f"<record><![CDATA[<li><a href='{href}' title='{title}'>{title}</a><span>2026-01-19</span></li>]]></record>"
                for href, title in LINKS.items()
            )
            return Reply(body=f"<html><script type='text/xml'><datastore><recordset>{records}</recordset>"
                              f"</datastore></script>jpage({{totalRecord:5,perPage:15,groupSize:3}})</html>".encode())
        if path == "/art/redirect.html":
            return Reply(302, headers={"Location": "https://evil.example/landing.html"})
        if path == "/art/flaky.html":
            self.flaky_calls += 1
            if self.flaky_calls == 1:
                return Reply(503, b"busy")
        if path.startswith(("/art/", "/private/")):
            return Reply(body=f"<html><title>{path}</title><div id='zoom'>{'正文' * 400}</div></html>".encode())
        return None


class EvilApp:
    hosts = ("evil.example",)

    def set_day(self, day: int) -> None:
        return None

    def handle(self, request: AppRequest) -> Reply | None:
        return Reply(body=b"<html>off the registry</html>")


@pytest.fixture
def servers() -> Iterator[tuple[ReplicaServer, ReplicaServer]]:
    with ReplicaServer(app=PoliteApp(), site="polite") as polite, ReplicaServer(app=EvilApp(), site="evil") as evil:
        yield polite, evil


@pytest.mark.slow
def test_crawl_obeys_robots_retries_5xx_and_never_leaves_registry_hosts(
    sqlite_settings: Settings, servers: tuple[ReplicaServer, ReplicaServer], tmp_path: Path
) -> None:
    polite, evil = servers
    registry = tmp_path / "polite.yml"
    registry.write_text(REGISTRY, encoding="utf-8")
    settings = sqlite_settings.with_(host_map={**polite.host_map, **evil.host_map},
                                     registry_paths=(DEFAULT_REGISTRY, registry))
    summary = crawl(settings, "p1", ["polite"])
    with session_scope(settings.database_url) as session:
        stored = set(session.scalars(select(RawPage.url)))
    assert stored == {"https://polite.example/art/1.html", "https://polite.example/art/flaky.html"}
    asked = [p for _, p, _ in polite.requests]
    assert asked.count("/art/flaky.html") == 2  # the 503 was retried
    assert asked[0] == "/robots.txt" and "/private/3.html" not in asked
    assert evil.request_count == 0  # neither the off-site link nor the off-site redirect was followed
    health = summary["sources"]["polite"]
    assert health["state"] == "ok" and health["items"] == 4  # the off-site link is not an entry of this source


def test_sources_sharing_a_host_are_chained_not_crawled_side_by_side() -> None:
    from crawlers.crawl_main import host_chains
    from crawlers.registry import sources_by_id

    registry = sources_by_id([DEFAULT_REGISTRY])
    mine = replace(registry["jiangsu_gxt"], id="my_gxt")  # the user's own entry on the same host
    registry = {**registry, "my_gxt": mine}
    chains = host_chains(["jiangsu_gov", "jiangsu_gxt", "suzhou_gov", "my_gxt"], registry)
    assert sorted(chains) == sorted([["jiangsu_gov"], ["jiangsu_gxt", "my_gxt"], ["suzhou_gov"]])


@pytest.mark.slow
def test_chained_sources_on_one_host_both_complete(sqlite_settings: Settings, tmp_path: Path) -> None:
    registry = tmp_path / "mine.yml"
    registry.write_text(
        "sources:\n  - id: my_gxt\n    name: mine\n    region_code: \"320000\"\n    family: hanweb\n"
        "    hosts: [gxt.jiangsu.gov.cn]\n    webid: 23\n    lists:\n"
        '      - {name: 政策文件, url: "https://gxt.jiangsu.gov.cn/col/col89735/index.html", columnid: 89735, unitid: 414260}\n',
        encoding="utf-8",
    )
    with ReplicaServer(day=1, site="gxt_jiangsu") as replica:
        settings = sqlite_settings.with_(host_map=replica.host_map, registry_paths=(DEFAULT_REGISTRY, registry))
        summary = crawl(settings, "chain-1", ["jiangsu_gxt", "my_gxt"])
    assert {sid: h["state"] for sid, h in summary["sources"].items()} == {"jiangsu_gxt": "ok", "my_gxt": "ok"}
