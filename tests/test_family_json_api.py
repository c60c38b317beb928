"""The json_api family (Wuxi intertid, Xuzhou Epoint, Nantong/Lianyungang TrueCMS, Huaian) against its replicas.

Real Scrapy crawls (one subprocess per crawl, every source of the family at once) against the
replica apps; expectations come from the replicas' document lists, not from the spider.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence
from datetime import date

import pytest
from sqlalchemy import select

from crawlers.json_api_lists import to_day, truecms_jsonp_rows
from crawlers.runner import crawl
from models.db import session_scope
from models.tables import RawPage
from opcwatch.settings import Settings
from parsers import parse_document
from replicas.apps import (
    huaian_gov,
    lianyungang_gov,
    nantong_gov,
    wuxi_gov,
    wuxi_jiangyin,
    wuxi_wnd,
    xuzhou_gov,
)
from replicas.apps._json_api_pages import Doc, visible
from replicas.fleet import ReplicaFleet

SITES = ["wuxi_gov", "wuxi_wnd", "wuxi_jiangyin", "xuzhou_gov", "nantong_gov", "nantong_haimen",
         "lianyungang_gov", "huaian_gov"]
SOURCES = ["wuxi_gov", "wuxi_xinwu", "jiangyin", "xuzhou_gov", "nantong_gov", "nantong_haimen",
           "lianyungang_gov", "huaian_gov"]
HOSTS = {"wuxi_gov": wuxi_gov.HOST, "wuxi_xinwu": wuxi_wnd.HOST, "jiangyin": wuxi_jiangyin.HOST,
         "xuzhou_gov": xuzhou_gov.HOST, "nantong_gov": nantong_gov.HOST, "lianyungang_gov": lianyungang_gov.HOST,
         "huaian_gov": huaian_gov.HOST}
# Each source's lists as (documents newest first, rows on the first list page).
LISTS: dict[str, list[tuple[Sequence[Doc], int]]] = {
    "wuxi_gov": [(wuxi_gov.SZFWJ_DOCS, 24), (wuxi_gov.ZCJD_DOCS, 24)],
    "wuxi_xinwu": [(wuxi_wnd.DOCS, 20)],
    "jiangyin": [(wuxi_jiangyin.DOCS, 20)],
    "xuzhou_gov": [(docs, 20) for docs in xuzhou_gov.CATEGORIES.values()],
    # The cxq column belongs to the nantong_cxq (generic) entry, not to this json_api source.
    "nantong_gov": [(docs, 30) for chan, (_, _, docs) in nantong_gov.COLUMNS.items() if chan != "cxq"],
    "lianyungang_gov": [(lianyungang_gov.DOCS, 30)],
    "huaian_gov": [(huaian_gov.DOCS, 50)],
}
GONE = {f"https://{xuzhou_gov.HOST}{xuzhou_gov.WITHDRAWN.path}"}  # listed, but its page is an error page


def url(source: str, doc: Doc) -> str:
    return f"https://{HOSTS[source]}{doc.path}"


def first_pages(source: str, day: int) -> set[str]:
    return {url(source, d) for docs, rows in LISTS[source] for d in visible(docs, day)[:rows]} - GONE


def stored(settings: Settings, run_id: str) -> dict[str, RawPage]:
    with session_scope(settings.database_url) as session:
        return {r.url: r for r in session.scalars(select(RawPage).where(RawPage.run_id == run_id))}


@pytest.fixture
def fleet() -> Iterator[ReplicaFleet]:
    with ReplicaFleet(day=1, sites=SITES) as replicas:
        yield replicas


def paths(fleet: ReplicaFleet, site: str, since: int = 0) -> list[tuple[str, str, int]]:
    return [(m, p, s) for name, m, p, s in fleet.requests[since:] if name == site]


@pytest.mark.slow
def test_cycle_stores_first_page_details_records_blocks_and_repeats_nothing(
    sqlite_settings: Settings, fleet: ReplicaFleet
) -> None:
    settings = sqlite_settings.with_(host_map=fleet.host_map)
    summary = crawl(settings, "c1", SOURCES)
    rows = stored(settings, "c1")
    health = summary["sources"]
    for source in LISTS:
        expected = first_pages(source, 1)
        got = {u for u, r in rows.items() if r.source_id == source}
        assert got == expected, source
        assert health[source]["state"] == "ok" and health[source]["items"] == len(expected) + (source == "xuzhou_gov")
    for row in rows.values():  # real URLs, list hints, a body; routing left no trace
        assert row.final_url == row.url and row.status == 200 and "etag" in row.headers
        assert row.list_meta["title"] and date.fromisoformat(row.list_meta["date"]), row.url
        assert zlib.decompress(row.body).startswith(b"<!DOCTYPE html>")
    # The IP-gated Haimen site: blocked, nothing stored, no detail asked for.
    assert health["nantong_haimen"]["state"] == "blocked" and "网站云防护系统" not in health["nantong_haimen"]["message"]
    assert "cloud WAF shell" in health["nantong_haimen"]["message"]
    assert [p for _, p, _ in paths(fleet, "nantong_haimen")] == ["/robots.txt", "/hmsrmzf/zfwj/zfwj.html"]
    # Epoint's 200 "您访问的页面不存在" page is an error of the source, never a stored page.
    assert GONE.isdisjoint(rows) and "您访问的页面不存在" in health["xuzhou_gov"]["message"]
    assert health["xuzhou_gov"]["errors"] == 1
    # The district shell named its API parameters; the API was asked with them.
    wnd = paths(fleet, "wuxi_wnd")
    assert ("GET", wuxi_wnd.LIST_PATH, 200) in wnd and ("POST", "/info_open/search", 200) in wnd
    # A normal cycle reads first pages only: no static deep page, no JSONP window.
    assert not [p for _, p, _ in paths(fleet, "wuxi_gov") if "index_" in p]
    assert not [p for _, p, _ in paths(fleet, "nantong_gov") if "getMessage" in p]

    # OPC sample pages come out right through the parsers.
    wnd_opc = rows[url("wuxi_xinwu", wuxi_wnd.OPC_MEASURES)]
    policy = parse_document(zlib.decompress(wnd_opc.body), url=wnd_opc.url, source_id="wuxi_xinwu",
                            headers=wnd_opc.headers, list_meta=wnd_opc.list_meta)
    assert policy.relevance.is_opc and policy.region_code == "320214" and policy.published == date(2026, 1, 8)
    assert policy.issuer == "无锡市新吴区人民政府" and policy.title == wuxi_wnd.OPC_MEASURES.title
    assert {(a.unit.value, int(a.value)) for a in policy.amounts} >= {("percent", 30), ("money", 500000)}
    for source, doc, region in (("nantong_gov", nantong_gov.OPC_ZIGU, "320600Z01"),
                                ("lianyungang_gov", lianyungang_gov.OPC_HAIZHOU, "320706"),
                                ("wuxi_gov", wuxi_gov.OPC_VILLAGE, "320200"),
                                ("huaian_gov", huaian_gov.OPC_COMMUNITY, "320800")):
        row = rows[url(source, doc)]
        policy = parse_document(zlib.decompress(row.body), url=row.url, source_id=source, headers=row.headers)
        assert (policy.title, policy.published, policy.issuer) == (doc.title, date.fromisoformat(doc.day), doc.issuer)
        assert policy.relevance.is_opc and policy.region_code == region, source

    # The next cycle right away: lists read again, no detail page requested, nothing stored.
    before = len(fleet.requests)
    again = crawl(settings, "c2", SOURCES)
    assert again["raw_pages_new"] == 0 and stored(settings, "c2") == {}
    details = [p for _, _, p, _ in fleet.requests[before:] if "/doc/" in p or "/content/" in p or "/001/" in p]
    assert details == [] and again["sources"]["huaian_gov"]["state"] == "ok"

    # Day 2 on Xinwu: exactly the new document is stored.
    fleet.set_day(2)
    day2 = crawl(settings, "c3", ["wuxi_xinwu"])
    assert set(stored(settings, "c3")) == {url("wuxi_xinwu", wuxi_wnd.DAY2_DOC)} and day2["raw_pages_new"] == 1


@pytest.mark.slow
def test_backfill_pages_every_api_and_keeps_only_the_date_range(sqlite_settings: Settings, fleet: ReplicaFleet) -> None:
    settings = sqlite_settings.with_(host_map=fleet.host_map)
    since, until = date(2025, 10, 1), date(2026, 1, 13)
    sources = [s for s in SOURCES if s != "nantong_haimen"]
    summary = crawl(settings, "bf", sources, since=since, until=until)
    rows = stored(settings, "bf")
    for source in sources:
        expected = {url(source, d) for docs, _ in LISTS[source] for d in docs
                    if since <= date.fromisoformat(d.day) <= until} - GONE
        assert {u for u, r in rows.items() if r.source_id == source} == expected, source
        assert summary["sources"][source]["state"] == "ok"
    # intertid static pages: index_1.shtml is a 404 that is stepped over; index_2 goes past `since`.
    for site, folder in (("wuxi_gov", wuxi_gov.SZFWJ), ("wuxi_jiangyin", wuxi_jiangyin.LIST_DIR)):
        static = [(p.removeprefix(folder), s) for _, p, s in paths(fleet, site) if p.startswith(folder + "index_")]
        assert static == [("index_1.shtml", 404), ("index_2.shtml", 200)], site
    # A short list (政策解读, 6 rows) ends at two missing pages in a row.
    short = [(p.removeprefix(wuxi_gov.ZCJD), s) for _, p, s in paths(fleet, "wuxi_gov") if p.startswith(wuxi_gov.ZCJD)]
    assert short == [("index.shtml", 200), ("index_1.shtml", 404), ("index_2.shtml", 404)]
    # Each API was paged with its own grammar, and stopped once past `since` or the total.
    assert ("POST", "/info_open/search", 200) in paths(fleet, "wuxi_wnd")
    windows = [p for _, p, _ in paths(fleet, "nantong_gov") if "getMessage.do" in p]
    assert len(windows) == 1 and "startrecord=31&endrecord=60&perpage=10" in windows[0] and "callback=jQuery" in windows[0]
    assert len([p for _, p, _ in paths(fleet, "huaian_gov") if p.endswith("lists.do")]) == 2
    assert len([p for _, p, _ in paths(fleet, "xuzhou_gov") if p.endswith("getgovinfolist")]) == 3


def test_list_readers_take_jsonp_records_and_java_timestamps() -> None:
    text = ('jQuery1124_1({"result":"<datastore><recordset><record><![CDATA[<li><a href=\\"/a/content/1.html\\" '
            'title=\\"T\\">T</a><span>2026-01-\\n14</span></li>]]></record></recordset>'
            '<totalrecord>45</totalrecord></datastore>"});')
    assert truecms_jsonp_rows(text) == ([("/a/content/1.html", "T", date(2026, 1, 14))], 45)
    assert to_day(1768435200000) == date(2026, 1, 15) and to_day("2026-01-15 10:30:00") == date(2026, 1, 15)
    assert to_day("索引号 014073227/2026-00012") is None
