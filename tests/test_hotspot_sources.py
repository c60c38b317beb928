"""China's OPC hotspots outside Jiangsu are sources like Jiangsu's: every entry loads, crawls its
offline replica, parses to its own region, and region filters (policies list, subscriptions)
work for those provinces."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest
from alerts_support import Hook, subscribe
from sqlalchemy import select
from typer.testing import CliRunner

from crawlers import json_list
from crawlers.registry import Source, load_registry
from models.db import session_scope
from models.tables import DocumentVersion, RawPage
from opcwatch.cli import app
from opcwatch.settings import DEFAULT_REGISTRY, Settings
from opcwatch.stages.cycle import run_cycle
from parsers.regions import is_within, resolve_region
from replicas.fleet import ReplicaFleet

# Source id -> the region its documents are issued in (zones use the table's <parent>Z<nn> codes).
HOTSPOTS = {
    "shanghai_gov": "310000", "shanghai_sheitc": "310000", "shanghai_lingang": "310000Z01",  # 临港新片区
    "hangzhou_gov": "330100", "hefei_gov": "340100", "shandong_gov": "370000",
    "beijing_gov": "110000", "beijing_jxj": "110000", "beijing_haidian": "110108",  # 海淀 / 中关村科学城
    "wuhan_jxj": "420100", "wuhan_ehdz": "420100Z01",  # 东湖高新区 (光谷)
    "shenzhen_gov": "440300", "shenzhen_gxj": "440300", "shenzhen_nanshan": "440305",
    "shenzhen_qianhai": "440300Z01",  # 前海合作区
    "guangdong_gov": "440000", "chengdu_gov": "510100",
}
# Entries whose day-1 replica has no OPC page (their OPC notice appears on day 2).
DAY2_OPC = {"beijing_jxj", "shenzhen_gxj"}


@pytest.fixture(scope="module")
def hotspots() -> dict[str, Source]:
    return {s.id: s for s in load_registry([DEFAULT_REGISTRY]) if s.id in HOTSPOTS}


def test_every_hotspot_entry_loads_with_its_region_and_a_replica(hotspots: dict[str, Source]) -> None:
    assert {sid: s.region_code for sid, s in hotspots.items()} == HOTSPOTS
    for source in hotspots.values():
        assert resolve_region(source.region_code) is not None, source.id
    # Districts and zones lie in their city, so a subscription to the city gets them.
    for code, city in (("310000Z01", "310000"), ("440305", "440300"), ("440300Z01", "440300"),
                       ("420100Z01", "420100"), ("110108", "110000")):
        assert is_within(code, city)
        for lst in source.lists:
            if source.family == "json_api" and lst.param("api") in ("json_list", "gkmlpt"):
                json_list.spec_for(lst.param("api"), lst.param("json"))  # keys a typo would break
    with ReplicaFleet(day=1, sites=list(HOTSPOTS)) as fleet:
        assert sorted(fleet.covered_sources(hotspots.values())) == sorted(HOTSPOTS)


@pytest.mark.parametrize(("typed", "code"), [
    ("深圳", "440300"), ("南山", "440305"), ("前海", "440300Z01"), ("上海", "310000"), ("临港新片区", "310000Z01"),
    ("杭州", "330100"), ("北京", "110000"), ("海淀", "110108"), ("中关村", "110108"), ("武汉", "420100"),
    ("东湖高新区", "420100Z01"), ("光谷", "420100Z01"), ("合肥", "340100"), ("广东", "440000"), ("广州", "440100"),
    ("成都", "510100"), ("青岛", "370200"), ("山东", "370000"),
    ("南昌", "360100"), ("鼓楼", "320106"),  # a city before its county; Jiangsu's names stay Jiangsu's
])
def test_places_users_type_resolve_to_the_hotspots(typed: str, code: str) -> None:
    region = resolve_region(typed)
    assert region is not None and region.code == code


@pytest.fixture
def fleet() -> Iterator[ReplicaFleet]:
    with ReplicaFleet(day=1, sites=list(HOTSPOTS)) as replicas:
        yield replicas


@pytest.mark.slow
def test_hotspots_crawl_parse_to_their_regions_and_filter_by_region(
    sqlite_settings: Settings, fleet: ReplicaFleet, hook: Hook, hotspots: dict[str, Source]
) -> None:
    settings = sqlite_settings.with_(host_map=fleet.host_map)
    subscribe(settings, url=hook.url("shenzhen"), regions=["深圳"])
    subscribe(settings, url=hook.url("nanshan"), regions=["南山"], issued_here_only=True)
    subscribe(settings, url=hook.url("shanghai"), regions=["上海"])
    result = run_cycle(settings, kind="test", source_ids=list(HOTSPOTS))

    health = result.stages["crawl"]["sources"]
    assert {sid: health[sid]["state"] for sid in HOTSPOTS} == {sid: "ok" for sid in HOTSPOTS}
    with session_scope(settings.database_url) as session:
        pages = session.execute(select(RawPage.source_id, RawPage.url, RawPage.status)).all()
        opc = session.execute(select(RawPage.source_id, DocumentVersion.region_code, DocumentVersion.title)
                              .join(DocumentVersion, DocumentVersion.raw_page_id == RawPage.id)
                              .where(DocumentVersion.is_opc)).all()
    stored = {sid: [url for s, url, status in pages if s == sid and status == 200] for sid in HOTSPOTS}
    assert all(len(urls) >= 3 for urls in stored.values()), {k: len(v) for k, v in stored.items()}
    # The crawl stays on each entry's hosts and stores the real URLs, not the replica's.
    for sid, urls in stored.items():
        assert {url.split("/")[2] for url in urls} <= set(hotspots[sid].hosts), sid
    regions = {sid: code for sid, code, _ in opc}
    assert regions == {sid: code for sid, code in HOTSPOTS.items() if sid not in DAY2_OPC}
    titles = {sid: title for sid, _, title in opc}

    # opcwatch policies list --region: what applies there, as a user types it.
    runner = CliRunner()
    env = {"OPCWATCH_DATABASE_URL": settings.database_url, "OPCWATCH_DATA_DIR": str(settings.data_dir)}

    def listed(region: str) -> set[str]:
        done = runner.invoke(app, ["policies", "list", "--region", region, "--json", "--limit", "200"], env=env)
        assert done.exit_code == 0, done.output
        return {row["title"] for row in json.loads(done.output)}

    in_shenzhen = listed("深圳")
    assert {titles[s] for s in ("shenzhen_gov", "shenzhen_nanshan", "shenzhen_qianhai", "guangdong_gov")} <= in_shenzhen
    assert not in_shenzhen & {titles[s] for s in ("shanghai_gov", "shanghai_lingang", "beijing_haidian", "chengdu_gov")}
    in_shanghai = listed("上海")
    assert {titles[s] for s in ("shanghai_gov", "shanghai_sheitc", "shanghai_lingang")} <= in_shanghai
    assert not in_shanghai & {titles[s] for s in ("shenzhen_gov", "guangdong_gov", "hangzhou_gov")}
    assert listed("临港") & in_shanghai == {titles["shanghai_lingang"], titles["shanghai_gov"], titles["shanghai_sheitc"]}

    # Subscriptions: 深圳 gets Shenzhen's, its districts' and zones' and Guangdong's; 南山 with
    # --only-issued-here only what is issued inside 南山区, which holds the 前海 zone; 上海 only Shanghai's.
    def alerted(path: str) -> set[str]:
        return {body["title"].split("：", 1)[1] for body in hook.on(path)}

    assert alerted("shenzhen") >= {titles[s] for s in ("shenzhen_nanshan", "shenzhen_qianhai", "guangdong_gov")}
    assert all("上海" not in t and "北京" not in t for t in alerted("shenzhen"))
    assert alerted("nanshan") == {titles["shenzhen_nanshan"], titles["shenzhen_qianhai"]}
    assert alerted("shanghai") >= {titles["shanghai_gov"], titles["shanghai_lingang"]}
    assert all("深圳" not in t and "广东" not in t for t in alerted("shanghai"))


def test_json_lists_read_rows_dates_and_pages_as_the_entry_says() -> None:
    gkmlpt = json_list.spec_for("gkmlpt", None)
    answer = json.dumps({"articles": [
        {"id": 1, "title": " 深圳市关于OPC的通知 ", "url": "", "post_url": "http://www.sz.gov.cn/post_1.html",
         "display_publish_time": 1769011200},  # 2026-01-22 00:00 Beijing time, still 01-21 in UTC
        {"id": 2, "title": "no link"}], "total": 31}, ensure_ascii=False)
    assert json_list.rows(answer, gkmlpt) == (
        [("http://www.sz.gov.cn/post_1.html", "深圳市关于OPC的通知", date(2026, 1, 22))], 31)
    assert json_list.rows("<html>403</html>", gkmlpt) is None
    url, method, body, headers = json_list.page_request("http://x.gov.cn/gkmlpt/api/all/5?page=1&sid=2", gkmlpt, 3)
    assert (url, method, body) == ("http://x.gov.cn/gkmlpt/api/all/5?page=3&sid=2", "GET", None)

    lingang = json_list.spec_for("json_list", {
        "endpoint": "/baseSelect", "method": "POST", "rows": "data.list", "title": "content_title",
        "link_template": "/file/{id}.html", "date": "content_datetime", "total": "data.total",
        "page": "pageNumber", "body": {"pageSize": 15}})
    url, method, body, headers = json_list.page_request("https://www.lingang.gov.cn/list/index.html", lingang, 2)
    assert (url, method, json.loads(body or "")) == ("https://www.lingang.gov.cn/baseSelect", "POST",
                                                     {"pageSize": 15, "pageNumber": 2})
    assert headers["Referer"] == "https://www.lingang.gov.cn/list/index.html"
    answer = json.dumps({"data": {"total": "2", "list": [
        {"id": 17461028653590179, "content_title": "临港OPC措施", "content_datetime": "2026-01-20 15:00:00"},
        {"content_title": "no id"}]}}, ensure_ascii=False)
    assert json_list.rows(answer, lingang) == ([("/file/17461028653590179.html", "临港OPC措施", date(2026, 1, 20))], 2)
    with pytest.raises(ValueError, match="unknown json keys"):
        json_list.spec_for("json_list", {"row": "rows"})
