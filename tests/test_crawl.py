"""The crawl stage against the replica: real Scrapy subprocesses, real databases."""

from __future__ import annotations

import hashlib
import re
import socket
import urllib.request
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from crawlers.hanweb_records import parse_records
from crawlers.runner import crawl, plan_sources
from models.db import session_scope
from models.tables import FetchState, RawPage
from opcwatch.settings import DEFAULT_REGISTRY, Settings
from replicas import ReplicaServer

SIP_URL = "https://www.jiangsu.gov.cn/art/2026/1/16/art_60085_11868821.html"
COLUMNS = (84242, 60096, 60085, 33718, 32648, 76841, 66109)


@pytest.fixture
def replica() -> Iterator[ReplicaServer]:
    with ReplicaServer(day=1) as server:
        yield server


def first_page_urls(base: str) -> set[str]:
    """Detail URLs linked from the XML islands of the column pages, read straight off the replica."""
    urls = set()
    for col in COLUMNS:
        html = urllib.request.urlopen(f"{base}/col/col{col}/index.html", timeout=10).read().decode()
        for href in re.findall(r"""<record><!\[CDATA\[.*?href=["']([^"']+)["']""", html, re.S):
            urls.add("https://www.jiangsu.gov.cn" + re.sub(r"^https?://www\.(jiangsu|js)\.gov\.cn", "", href))
    return urls


def stored(settings: Settings, run_id: str | None = None) -> list[RawPage]:
    with session_scope(settings.database_url) as session:
        query = select(RawPage)
        if run_id:
            query = query.where(RawPage.run_id == run_id)
        return list(session.scalars(query))


@pytest.mark.slow
def test_day1_crawl_stores_first_page_details_then_rerun_stores_nothing(
    sqlite_settings: Settings, replica: ReplicaServer
) -> None:
    settings = sqlite_settings.with_(host_map=replica.host_map)
    expected = first_page_urls(replica.base_url)
    summary = crawl(settings, "day1")
    rows = stored(settings, "day1")
    assert {r.url for r in rows} == expected
    assert summary["raw_pages_new"] == len(expected) == len(rows)
    assert summary["sources"]["jiangsu_gov"]["state"] == "ok"
    assert summary["sources"]["jiangsu_gov"]["items"] == len(expected)
    for row in rows:
        body = zlib.decompress(row.body)
        assert hashlib.sha256(body).hexdigest() == row.sha256 and row.status == 200
        assert row.url.startswith("https://www.jiangsu.gov.cn/art/") and row.final_url == row.url
        assert row.page_type == "detail" and row.source_id == "jiangsu_gov"
        assert row.list_meta["title"] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", row.list_meta["date"])
        assert "etag" in row.headers
    served_before = len(replica.requests)

    # A cycle right after: the lists are read again, no known page is due, nothing is stored.
    again = crawl(settings, "day1-again")
    assert again["raw_pages_new"] == 0 and stored(settings, "day1-again") == []
    asked = [p for _, p, _ in replica.requests[served_before:]]
    assert not [p for p in asked if p.startswith("/art/")]
    assert sorted(p for p in asked if p.startswith("/col/")) == sorted(f"/col/col{c}/index.html" for c in COLUMNS)
    assert f"{len(expected)} known pages not due" in again["sources"]["jiangsu_gov"]["message"]
    with session_scope(settings.database_url) as session:
        states = {s.url: s for s in session.scalars(select(FetchState))}
    lists = {f"https://www.jiangsu.gov.cn/col/col{c}/index.html" for c in COLUMNS}
    assert set(states) == expected | lists  # detail pages, and the list pages' fingerprints
    assert {states[u].last_status for u in expected} == {200} and all(states[u].etag for u in expected)


@pytest.mark.slow
def test_day2_crawl_stores_exactly_the_edited_and_the_new_page(
    settings: Settings, replica: ReplicaServer
) -> None:
    settings = settings.with_(host_map=replica.host_map)
    crawl(settings, "d1")
    replica.set_day(2)
    summary = crawl(settings, "d2")
    rows = stored(settings, "d2")
    new_urls = {r.url for r in rows}
    assert summary["raw_pages_new"] == 2 and len(new_urls) == 2
    assert SIP_URL in new_urls
    (new_url,) = new_urls - {SIP_URL}
    assert new_url not in {r.url for r in stored(settings, "d1")}
    edited = next(r for r in rows if r.url == SIP_URL)
    assert "3000万元" in zlib.decompress(edited.body).decode()
    assert len([r for r in stored(settings) if r.url == SIP_URL]) == 2  # both versions kept


@pytest.mark.slow
def test_backfill_walks_dataproxy_pages_and_keeps_only_the_date_range(
    sqlite_settings: Settings, replica: ReplicaServer
) -> None:
    settings = sqlite_settings.with_(host_map=replica.host_map)
    since, until = date(2025, 11, 1), date(2025, 12, 20)
    summary = crawl(settings, "backfill", ["jiangsu_gov"], since=since, until=until)
    in_range = {
        url
        for col in replica.site.list_urls().values()
        for url, day in col
        if since <= date.fromisoformat(day) <= until
    }
    urls = {r.url for r in stored(settings, "backfill")}
    assert urls == in_range and summary["raw_pages_new"] == len(in_range)
    assert not urls & first_page_urls(replica.base_url) - in_range
    windows = [p for m, p, _ in replica.requests if m == "POST" and "dataproxy.jsp" in p]
    assert any("startrecord=16" in p for p in windows), "the deeper 地方动态 window was read"
    assert summary["sources"]["jiangsu_gov"]["pages"] > len(COLUMNS)


@pytest.mark.slow
def test_max_pages_walks_get_page_style_dataproxy(
    sqlite_settings: Settings, replica: ReplicaServer, tmp_path: Path
) -> None:
    extra = tmp_path / "pages.yml"
    extra.write_text(
        """
sources:
  - id: jiangsu_gov_pages
    name: 江苏省人民政府（page=N 分页）
    region_code: "320000"
    family: hanweb
    hosts: [www.jiangsu.gov.cn, www.js.gov.cn]
    lists:
      - {name: 地方动态, url: "https://www.jiangsu.gov.cn/col/col33718/index.html", columnid: 33718, unitid: 212860, paging: page}
""",
        encoding="utf-8",
    )
    settings = sqlite_settings.with_(host_map=replica.host_map, registry_paths=(DEFAULT_REGISTRY, extra))
    summary = crawl(settings, "pages", ["jiangsu_gov_pages"], max_pages=3)
    records = [url for url, _ in replica.site.list_urls()["33718"]]
    group = len(
        re.findall(
            "<record>", urllib.request.urlopen(f"{replica.base_url}/col/col33718/index.html").read().decode()
        )
    )
    assert {r.url for r in stored(settings, "pages")} == set(records[: 2 * group])
    proxied = [p for m, p, _ in replica.requests if "dataproxy.jsp" in p]
    assert proxied and all("page=" in p and "startrecord" not in p for p in proxied)
    assert summary["sources"]["jiangsu_gov_pages"]["pages"] == 3


@pytest.mark.slow
def test_down_site_and_robots_disallow_are_reported_and_others_still_run(
    sqlite_settings: Settings, replica: ReplicaServer, tmp_path: Path
) -> None:
    with socket.socket() as sock:  # a port nobody listens on: connection refused
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}"
    extra = tmp_path / "more_sources.yml"
    extra.write_text(
        """
sources:
  - id: down_site
    name: 停机示例站
    region_code: "320500"
    family: hanweb
    hosts: [www.down.example]
    lists: [{name: 列表, url: "https://www.down.example/col/col1/index.html", columnid: 1, unitid: 1}]
  - id: jiangsu_search
    name: 江苏省人民政府站内搜索
    region_code: "320000"
    family: hanweb
    hosts: [www.jiangsu.gov.cn]
    lists: [{name: 搜索, url: "https://www.jiangsu.gov.cn/jrobot/search.do?webid=1&q=OPC", columnid: 0, unitid: 0}]
""",
        encoding="utf-8",
    )
    settings = sqlite_settings.with_(
        host_map={**replica.host_map, "www.down.example": dead},
        registry_paths=(DEFAULT_REGISTRY, extra),
        http_timeout=5.0,
    )
    summary = crawl(settings, "mixed", ["jiangsu_gov", "down_site", "jiangsu_search"])
    down = summary["sources"]["down_site"]
    assert down["state"] == "down" and down["errors"] >= 1
    assert "unreachable" in down["message"] and "www.down.example" in down["message"]
    assert summary["sources"]["jiangsu_gov"]["state"] == "ok"
    assert summary["raw_pages_new"] == len(first_page_urls(replica.base_url))
    search = summary["sources"]["jiangsu_search"]
    assert search["state"] == "empty" and "robots.txt" in search["message"]
    assert not [p for _, p, _ in replica.requests if p.startswith("/jrobot/")]


def test_unknown_source_and_crashed_process_raise_clear_errors(sqlite_settings: Settings) -> None:
    with pytest.raises(ValueError, match="no_such_site"):
        crawl(sqlite_settings, "r", ["no_such_site"])
    assert "jiangsu_gov" in plan_sources(sqlite_settings)
    # With a host map (replicas), "all sources" means the ones the map covers: never the internet.
    only_jiangsu = sqlite_settings.with_(host_map={"www.jiangsu.gov.cn": "http://127.0.0.1:9",
                                                   "www.js.gov.cn": "http://127.0.0.1:9"})
    assert plan_sources(only_jiangsu) == ["jiangsu_gov"]
    with pytest.raises(RuntimeError, match="exited with"):
        crawl(sqlite_settings.with_(download_delay="not-a-number"), "r")  # type: ignore[arg-type]


def test_list_records_read_all_markup_variants() -> None:
    xml = """<recordset>
<record><![CDATA[<li class="clearfix"><a href="/art/2026/1/19/art_1_2.html" title="若干措施">若干…</a><span class="time">2026-
01-
19</span><span class="jds"></span></li>]]></record>
<record><![CDATA[<li><a title="第3" target="_blank" href='http://www.js.gov.cn/art/2020/3/23/art_1_3.html'>第3</a><b>2020-03-23</b></li>]]></record>
<record><![CDATA[<li><a href='/art/x.html' title='索引号'>索引号</a><span>2026-02-00018</span></li>]]></record>
</recordset>"""
    assert parse_records(xml) == [
        ("/art/2026/1/19/art_1_2.html", "若干措施", date(2026, 1, 19)),
        ("http://www.js.gov.cn/art/2020/3/23/art_1_3.html", "第3", date(2020, 3, 23)),
        ("/art/x.html", "索引号", None),
    ]
