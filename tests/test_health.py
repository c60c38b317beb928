"""Anti-bot pages, soft 404s and empty runs become source health, never content; `sources check`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crawlers.antibot import BLOCKED, SOFT_404, classify, page_title
from crawlers.runner import crawl
from opcwatch.cli import app
from opcwatch.settings import DEFAULT_REGISTRY, Settings
from replicas import ReplicaFleet
from replicas.antibot_pages import HOMEPAGE, JSL_CHALLENGE, TS_CHALLENGE, WAF_SHELL

ARTICLE = (
    "<html><head><meta charset='utf-8'><title>关于支持一人公司发展的若干措施</title></head><body>"
    + "<div id='zoom'>" + "第一条 对符合条件的一人公司给予补贴。" * 300 + "</div></body></html>"
).encode()


@pytest.mark.parametrize(
    ("status", "body", "kwargs", "kind", "says"),
    [
        (412, TS_CHALLENGE, {}, BLOCKED, "$_ts"),
        (200, TS_CHALLENGE, {}, BLOCKED, "瑞数"),  # the script alone gives it away
        (521, JSL_CHALLENGE, {}, BLOCKED, "加速乐"),
        (200, JSL_CHALLENGE, {}, BLOCKED, "cookie"),
        (403, WAF_SHELL, {}, BLOCKED, "WAF"),
        (403, b"<html>290 bytes of nothing</html>", {}, BLOCKED, "403"),
        (200, "<title>您访问的页面不存在</title>".encode(), {}, SOFT_404, "not-found"),
        (200, HOMEPAGE, {"url": "https://a.example/szgyyq/x/nav_list.shtml", "final_url": "https://a.example/"},
         SOFT_404, "redirected to the homepage"),
        (200, HOMEPAGE, {"url": "https://a.example/szgyyq/x/nav_list.shtml", "home_title": "苏州工业园区管理委员会"},
         SOFT_404, "serves the homepage"),
        (200, ARTICLE, {"url": "https://a.example/art/1.html", "home_title": "苏州工业园区管理委员会"}, None, ""),
        (200, HOMEPAGE, {"url": "https://a.example/", "home_title": "苏州工业园区管理委员会"}, None, ""),
        (404, b"<html>404</html>", {}, None, ""),  # a plain HTTP error is not judged here
        (200, ARTICLE.decode().encode("gb18030"), {}, None, ""),
    ],
)
def test_classify_table(status: int, body: bytes, kwargs: dict[str, str], kind: str | None, says: str) -> None:
    verdict = classify(status, body, **kwargs)
    if kind is None:
        assert verdict is None
    else:
        assert verdict is not None and verdict.kind == kind and says in verdict.reason


def test_fixture_sizes_and_titles_match_the_real_shells() -> None:
    assert 7000 < len(WAF_SHELL) < 8500  # the real Nantong shell: 7,737 bytes
    assert page_title(WAF_SHELL) == "拒绝执行 | 网站云防护系统"
    assert page_title("<title>江苏</title>".encode("gb18030") + "正文".encode("gb18030") * 20) == "江苏"


REGISTRY = """
sources:
{entries}
"""
ENTRY = """  - id: {sid}
    name: {sid}
    region_code: "320000"
    family: hanweb
    hosts: [{host}]
    blocked_hint: test fixture
    lists: [{{name: 列表, url: "https://{host}/col/col1/index.html", columnid: 1, unitid: 1}}]
"""
HOSTS = {
    "waf403": "waf403.antibot.example",
    "ts412": "ts412.antibot.example",
    "jsl521": "jsl521.antibot.example",
    "soft404": "soft404.antibot.example",
}


@pytest.fixture
def fleet() -> Iterator[ReplicaFleet]:
    with ReplicaFleet(sites=["jiangsu_gov", *(f"antibot_{n}" for n in HOSTS)]) as running:
        yield running


@pytest.mark.slow
def test_blocked_and_soft404_sites_become_health_and_sources_check_shows_it(
    sqlite_settings: Settings, fleet: ReplicaFleet, tmp_path: Path
) -> None:
    registry = tmp_path / "antibot.yml"
    registry.write_text(
        REGISTRY.format(entries="".join(ENTRY.format(sid=s, host=h) for s, h in HOSTS.items())), encoding="utf-8"
    )
    settings = sqlite_settings.with_(host_map=fleet.host_map, registry_paths=(DEFAULT_REGISTRY, registry))
    summary = crawl(settings, "r1", [*HOSTS, "jiangsu_gov"])
    health = summary["sources"]
    assert {sid: health[sid]["state"] for sid in HOSTS} == {
        "waf403": "blocked", "ts412": "blocked", "jsl521": "blocked", "soft404": "layout_changed",
    }
    assert "网站云防护系统" not in json.dumps(health) and "WAF shell" in health["waf403"]["message"]
    assert "$_ts" in health["ts412"]["message"] and "加速乐" in health["jsl521"]["message"]
    assert "serves the homepage" in health["soft404"]["message"]
    assert health["jiangsu_gov"]["state"] == "ok"
    assert summary["raw_pages_new"] == health["jiangsu_gov"]["items"]  # nothing from the others

    env = {"OPCWATCH_DATABASE_URL": settings.database_url, "OPCWATCH_DATA_DIR": str(tmp_path),
           "OPCWATCH_SOURCES": str(registry),
           "OPCWATCH_HOST_MAP": ",".join(f"{h}={b}" for h, b in fleet.host_map.items())}
    runner = CliRunner()
    result = runner.invoke(app, ["sources", "check", "--json"], env=env)
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert rows["waf403"]["state"] == "blocked" and rows["waf403"]["last_success"] is None
    assert rows["jiangsu_gov"]["state"] == "ok" and rows["jiangsu_gov"]["last_success"]
    assert rows["jiangsu_gov"]["items"] == health["jiangsu_gov"]["items"]

    # --live, routed to the replicas by the host map (no test touches the internet).
    live = runner.invoke(app, ["sources", "check", "--live", "--timeout", "5", "--json"], env=env)
    assert live.exit_code == 1, live.output  # partial: the WAF and soft-404 replicas do not serve their lists
    assert live.stderr.count("\n") == 1 and "did not answer" in live.stderr
    verdicts = {r["id"]: r["live"] for r in json.loads(live.stdout)}
    assert verdicts["jiangsu_gov"]["verdict"] == "ok" and verdicts["jiangsu_gov"]["status"] == 200
    assert verdicts["waf403"]["status"] == 403 and verdicts["waf403"]["verdict"].startswith("blocked")
    assert verdicts["ts412"]["verdict"].startswith("blocked")
    table = runner.invoke(app, ["sources", "check"], env=env, terminal_width=200)
    assert table.exit_code == 0 and "Source health" in table.output and "blocked" in table.output


def test_sources_list_reads_extra_registry_files_and_reports_errors(tmp_path: Path) -> None:
    extra = tmp_path / "mine"
    extra.mkdir()
    (extra / "a.yml").write_text(
        REGISTRY.format(entries=ENTRY.format(sid="my_site", host="www.my.example")), encoding="utf-8"
    )
    env = {"OPCWATCH_DATA_DIR": str(tmp_path)}
    listed = CliRunner().invoke(app, ["sources", "list", "--sources", str(extra), "--json"], env=env)
    assert listed.exit_code == 0, listed.output
    rows = {r["id"]: r for r in json.loads(listed.output)}
    assert "jiangsu_gov" in rows and rows["my_site"]["file"].endswith("a.yml")
    (extra / "b.yml").write_text("sources:\n  - {id: my_site, name: again}\n", encoding="utf-8")
    failed = CliRunner().invoke(app, ["sources", "list", "--sources", str(extra)], env=env)
    assert failed.exit_code == 2 and "my_site" in failed.output and "a.yml" in failed.output
