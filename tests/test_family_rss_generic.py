"""The ``rss`` and ``generic`` families and the Hanweb department entries, crawled for real.

Each test drives real Scrapy crawls (``crawlers.runner.crawl``, a subprocess each) against the
offline replicas of www.yzwb.net and www.yancheng.gov.cn (generic), kxjst.jiangsu.gov.cn and
www.jschina.com.cn (rss) and gxt.jiangsu.gov.cn (hanweb); assertions are batched per crawl.
"""

from __future__ import annotations

import zlib
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from crawlers.generic_lists import feed_date, list_date
from crawlers.registry import load_registry
from crawlers.runner import crawl
from models.db import session_scope
from models.tables import RawPage
from opcwatch.settings import DEFAULT_REGISTRY, Settings
from parsers import parse_document
from replicas import ReplicaServer
from replicas.apps import jschina_news, yancheng_gov, yzwb_news

pytestmark = pytest.mark.slow


def stored(settings: Settings, run_id: str) -> dict[str, RawPage]:
    with session_scope(settings.database_url) as session:
        return {r.url: r for r in session.scalars(select(RawPage).where(RawPage.run_id == run_id))}


def parsed(row: RawPage):  # noqa: ANN201 - a parsers.Policy
    return parse_document(zlib.decompress(row.body), url=row.url, source_id=row.source_id,
                          headers=row.headers, list_meta=row.list_meta)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon, 19 Jan 2026 16:30:00 +0800", date(2026, 1, 19)),
        ("Sun, 18 Jan 2026 20:00:00 GMT", date(2026, 1, 18)),
        ("2026-01-18T20:00:00Z", date(2026, 1, 18)),
        ("2026-01-19T04:30:00+08:00", date(2026, 1, 19)),
        ("2026-01-19 16:30:00", date(2026, 1, 19)),
        ("yesterday", None),
        ("", None),
    ],
)
def test_feed_dates_rfc822_iso8601_and_plain(text: str, expected: date | None) -> None:
    assert feed_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<b>2026-01-23</b>", date(2026, 1, 23)),
        ("2026-\n01-\n19", date(2026, 1, 19)),
        ("发布时间：2026年1月9日", date(2026, 1, 9)),
        ("[2026-04-07]", date(2026, 4, 7)),
        ("索引号 2026-02-00018", None),
        ("2026-02-30", None),
    ],
)
def test_list_dates_in_row_text(text: str, expected: date | None) -> None:
    assert list_date(text) == expected


def test_yzwb_generic_lists_relative_links_soft404_channel_and_backfill(sqlite_settings: Settings) -> None:
    listed = yzwb_news.articles(1)
    with ReplicaServer(day=1, site="yzwb_news") as replica:
        settings = sqlite_settings.with_(host_map=replica.host_map)
        summary = crawl(settings, "n1", ["yzwb_news"])
        rows = stored(settings, "n1")
        first_page = {f"https://www.yzwb.net{a.path}" for a in listed[: yzwb_news.PER_PAGE]}
        assert set(rows) == first_page and summary["raw_pages_new"] == len(first_page)
        health = summary["sources"]["yzwb_news"]
        # The retired channel redirects to the homepage: recorded, nothing from it stored.
        assert health["state"] == "ok" and health["errors"] == 1 and "homepage" in health["message"]
        asked = [p for _, p, _ in replica.requests]
        assert "/news/jiangsu/index_1.html" not in asked  # a normal cycle reads first pages only
        newest = rows[f"https://www.yzwb.net{listed[0].path}"]
        assert newest.list_meta["date"] == listed[0].day and newest.list_meta["title"] == listed[0].title

        again = crawl(settings, "n2", ["yzwb_news"])
        assert again["raw_pages_new"] == 0 and stored(settings, "n2") == {}

        # Backfill to 2025-12-25: index_1.html is read, older rows are not fetched, index_2 never asked.
        before = len(replica.requests)
        back = crawl(settings, "n3", ["yzwb_news"], since=date(2025, 12, 25))
        deeper = {f"https://www.yzwb.net{a.path}" for a in listed[yzwb_news.PER_PAGE:] if a.day >= "2025-12-25"}
        assert set(stored(settings, "n3")) == deeper and back["raw_pages_new"] == len(deeper) == 3
        asked = [p for _, p, _ in replica.requests[before:]]
        assert "/news/jiangsu/index_1.html" in asked and "/news/jiangsu/index_2.html" not in asked

    opc = parsed(stored(settings, "n3")[f"https://www.yzwb.net{yzwb_news.OPC.path}"])
    assert opc.title.startswith("着力打造中国优质OPC创业之城") and opc.relevance.is_opc
    assert opc.published == date(2025, 12, 31) and opc.issuer == "紫牛新闻"
    assert opc.region_name == "扬州市"


def test_yancheng_xpath_rows_b_dates_and_jiasule_detail_never_stored(sqlite_settings: Settings) -> None:
    found = [a for rows in yancheng_gov.blocks(1).values() for a in rows]
    gated = f"https://www.yancheng.gov.cn{yancheng_gov.GATED}"
    with ReplicaServer(day=1, site="yancheng_gov") as replica:
        settings = sqlite_settings.with_(host_map=replica.host_map)
        summary = crawl(settings, "y1", ["yancheng_gov"])
        rows = stored(settings, "y1")
        expected = {f"https://www.yancheng.gov.cn{a.path}" for a in found} - {gated}
        assert set(rows) == expected and gated not in rows
        health = summary["sources"]["yancheng_gov"]
        assert health["state"] == "ok" and health["items"] == len(found)
        assert health["errors"] == 1 and "加速乐" in health["message"]
        assert {r.list_meta["date"] for r in rows.values()} == {a.day for a in found if a.path != yancheng_gov.GATED}

        replica.set_day(2)
        day2 = crawl(settings, "y2", ["yancheng_gov"])
        new = set(stored(settings, "y2"))
        # The new document is stored; the gated page is asked again and still refused.
        assert len(new) == 1 and "art_23755_" in new.pop() and day2["sources"]["yancheng_gov"]["errors"] == 1

    opc = parsed(rows[f"https://www.yancheng.gov.cn{yancheng_gov.OPC.path}"])
    assert opc.relevance.is_opc and opc.region_code == "320900" and opc.issuer == "盐城市人民政府办公室"
    assert opc.published == date(2026, 1, 23)
    assert {a.value for a in opc.amounts} >= {100_000, 1_000_000}


def test_kxjst_rss_feeds_plain_pubdates_and_http_links(sqlite_settings: Settings) -> None:
    with ReplicaServer(day=1, site="kxjst_jiangsu") as replica:
        settings = sqlite_settings.with_(host_map=replica.host_map)
        summary = crawl(settings, "k1", ["jiangsu_kxjst"])
        rows = stored(settings, "k1")
        records = [r for c in replica.site.columns.values() for r in c.records]
        # Feed links are http://; the stored URLs take the registry's https scheme.
        assert set(rows) == {f"https://kxjst.jiangsu.gov.cn{r.path}" for r in records}
        assert summary["sources"]["jiangsu_kxjst"]["state"] == "ok"
        assert {r.list_meta["date"] for r in rows.values()} == {r.date for r in records}
        asked = {p for _, p, _ in replica.requests}
        assert not any(p.startswith("/col/") for p in asked)  # the feed alone is the list

    opc = next(parsed(r) for r in rows.values() if "OPC" in r.list_meta["title"])
    assert opc.relevance.is_opc and opc.issuer == "江苏省科学技术厅" and opc.region_code == "320000"
    assert opc.published == date(2026, 1, 21) and 500_000 in {a.value for a in opc.amounts}


def test_jschina_atom_next_link_and_offsite_entry(sqlite_settings: Settings) -> None:
    listed = jschina_news.entries(1)
    with ReplicaServer(day=1, site="jschina_news") as replica:
        settings = sqlite_settings.with_(host_map=replica.host_map)
        summary = crawl(settings, "j1", ["jschina_news"])
        first = {f"https://www.jschina.com.cn{a.path}" for a in listed[: jschina_news.PER_PAGE]}
        assert set(stored(settings, "j1")) == first  # the WeChat repost is not followed
        assert summary["sources"]["jschina_news"]["items"] == len(first)  # off-site entries are not counted
        assert "/rss/jsxw_2.xml" not in {p for _, p, _ in replica.requests}

        back = crawl(settings, "j2", ["jschina_news"], since=date(2025, 12, 1))
        rest = {f"https://www.jschina.com.cn{a.path}" for a in listed[jschina_news.PER_PAGE:]}
        assert set(stored(settings, "j2")) == rest and back["raw_pages_new"] == len(rest)

    opc = parsed(stored(settings, "j2")[f"https://www.jschina.com.cn{jschina_news.OPC.path}"])
    assert opc.relevance.is_opc and opc.region_code == "320500" and opc.issuer == "中国江苏网"
    assert {a.value for a in opc.amounts} >= {1_000_000_000, 20_000_000}


def test_gxt_department_entry_pages_and_notices_edit_in_place(sqlite_settings: Settings) -> None:
    now = datetime(2026, 1, 26, 8, tzinfo=UTC)
    with ReplicaServer(day=1, site="gxt_jiangsu") as replica:
        settings = sqlite_settings.with_(host_map=replica.host_map)
        summary = crawl(settings, "g1", ["jiangsu_gxt"], now=now)
        columns = replica.site.columns
        first_groups = {f"https://gxt.jiangsu.gov.cn{r.path}" for c in columns.values() for r in c.records[: c.group]}
        assert set(stored(settings, "g1")) == first_groups
        assert summary["sources"]["jiangsu_gxt"]["state"] == "ok"

        back = crawl(settings, "g2", ["jiangsu_gxt"], since=date(2025, 10, 1), now=now)
        older = {f"https://gxt.jiangsu.gov.cn{r.path}" for c in columns.values() for r in c.records
                 if r.date >= "2025-10-01"} - first_groups
        assert set(stored(settings, "g2")) == older and back["raw_pages_new"] == len(older)
        assert any(p.startswith("/module/web/jpage/dataproxy.jsp") for _, p, _ in replica.requests)

        # Day 2: the OPC notice is edited in place (200万元 -> 300万元) and a new notice appears.
        replica.set_day(2)
        crawl(settings, "g3", ["jiangsu_gxt"], now=now + timedelta(hours=1))
        rows = stored(settings, "g3")
    notice = "https://gxt.jiangsu.gov.cn/art/2026/1/23/art_89736_11893007.html"
    assert notice in rows and "300万元" in zlib.decompress(rows[notice].body).decode()
    assert len(rows) == 2 and any("首批" in r.list_meta["title"] for r in rows.values())


def test_registry_family_entries_share_their_spiders() -> None:
    sources = {s.id: s for s in load_registry([DEFAULT_REGISTRY])}
    generic = [s for s in sources.values() if s.family == "generic"]
    rss = [s for s in sources.values() if s.family == "rss"]
    assert {"yzwb_news", "yancheng_gov"} <= {s.id for s in generic}
    assert {"jiangsu_kxjst", "jschina_news"} <= {s.id for s in rss}
    for sid in ("jiangsu_gxt", "jiangsu_jshrss", "jiangsu_fzggw"):
        assert sources[sid].family == "hanweb" and sources[sid].region_code == "320000"
    # Unverified facts say so where a user reads them (`opcwatch sources list`).
    assert any("[UNVERIFIED]" in q for q in sources["changzhou_gov"].quirks)
