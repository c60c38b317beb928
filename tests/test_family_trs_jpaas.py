"""TRS WCM (Nanjing) and Hanweb JPaaS (Yangzhou, Taizhou): real Scrapy crawls against the replicas.

Expected URLs come from the replica's own content model (``app.site``), never from the spider's
code; what the replica served is read from the servers' request logs.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from crawlers.jpaas_lists import unit_answer, unit_query
from crawlers.runner import crawl
from crawlers.trs_lists import igs_page, page_count, page_url
from models.db import session_scope
from models.tables import RawPage
from opcwatch.settings import DEFAULT_REGISTRY, Settings
from parsers import parse_document
from replicas import ReplicaServer
from replicas.apps import nanjing_gov, taizhou_gov, yangzhou_gov
from replicas.fleet import ReplicaFleet

SITES = ("nanjing_gov", "nanjing_jbxq", "yangzhou_gov", "taizhou_gov")
# Rows on the first list page of each column (the registry's lists), per replica.
FIRST_PAGE = {"szgfxwj": 6, "gz": 6, "zdgk": 5, "zfgb": 20, "zcwj": 8, "tzgg": 15, "gzdt": 15, "zcwjjd": 15, "bmdt": 15}
LISTED = {"nanjing_gov": ("szgfxwj", "gz", "zdgk", "zfgb"), "nanjing_jbxq": ("zcwj",),
          "yangzhou_gov": ("tzgg", "gzdt"), "taizhou_gov": ("zcwjjd", "bmdt")}


@pytest.fixture
def fleet() -> Iterator[ReplicaFleet]:
    with ReplicaFleet(day=1, sites=SITES) as running:
        yield running


def stored(settings: Settings, run_id: str) -> dict[str, RawPage]:
    with session_scope(settings.database_url) as session:
        return {r.url: r for r in session.scalars(select(RawPage).where(RawPage.run_id == run_id))}


def articles(fleet: ReplicaFleet, site: str, first_pages: bool) -> dict[str, object]:
    """Real https URL -> Article of a site's listed columns (only first-page rows if asked)."""
    app = fleet.servers[site].app
    out = {}
    for key in LISTED[site]:
        items = app.site.articles[key]  # type: ignore[attr-defined]
        for a in items[: FIRST_PAGE[key]] if first_pages else items:
            out[f"https://{app.hosts[0]}{a.path}"] = a
    return out


@pytest.mark.slow
def test_day1_day2_cycle_stores_first_pages_then_only_new_pages(sqlite_settings: Settings, fleet: ReplicaFleet) -> None:
    settings = sqlite_settings.with_(host_map=fleet.host_map)
    expected = {site: articles(fleet, site, first_pages=True) for site in SITES}
    summary = crawl(settings, "d1", list(SITES))
    rows = stored(settings, "d1")
    assert set(rows) == {url for per_site in expected.values() for url in per_site}
    assert summary["raw_pages_new"] == len(rows) == 37 + 8 + 23 + 25
    for site, per_site in expected.items():
        health = summary["sources"][site]
        assert (health["state"], health["items"], health["errors"]) == ("ok", len(per_site), 0), health
        for url, article in per_site.items():
            row = rows[url]
            assert row.source_id == site and row.page_type == "detail" and row.status == 200
            # The list date and title come from the list row (IGS: the ISO DOCRELTIME).
            assert row.list_meta["date"] == article.day_str and row.list_meta["title"] == article.title  # type: ignore[attr-defined]
            assert "opcwatch-sample" in zlib.decompress(row.body).decode()
    nanjing = [u for u in rows if "nanjing.gov.cn" in u]
    assert all(re.search(r"/\d{6}/t\d{8}_\d+\.html$", u) and u.startswith("https://") for u in nanjing)
    assert sum("/zdgk/2026" in u or "/zdgk/2025" in u for u in nanjing) == 5  # ../../YYYYMM links resolved
    assert sum("/xxgkn/zfgb/" in u for u in nanjing) == 20  # IGS http:// DOCPUBURLs stored as https
    jpaas = [u for u in rows if "yangzhou" in u or "taizhou" in u]
    assert all(re.search(r"/art/20\d\d/art_[0-9a-f]{32}\.html$", u) for u in jpaas)
    unit_calls = [p for s, _, p, _ in fleet.requests if s in ("yangzhou_gov", "taizhou_gov") and "build/unit" in p]
    assert len(unit_calls) == 4 and all("parseType=bulidstatic" in p and "pageNo%22%3A1" in p for p in unit_calls)

    # An immediate second cycle: lists again, no detail page due, nothing stored.
    before = {name: len(server.requests) for name, server in fleet.servers.items()}
    again = crawl(settings, "d1-again", list(SITES))
    assert again["raw_pages_new"] == 0 and stored(settings, "d1-again") == {}
    asked = [p for name, server in fleet.servers.items() for _, p, _ in server.requests[before[name]:]
             if p != "/robots.txt"]
    assert len(asked) == 4 + 1 + 4 + 4  # list pages, shells and unit pages only
    assert not [p for p in asked if "/t20" in p or "/art/" in p]

    # Day 2 publishes one OPC notice in Nanjing and one in Yangzhou: exactly those are stored.
    fleet.set_day(2)
    day2 = crawl(settings, "d2", list(SITES))
    new = set(stored(settings, "d2"))
    assert day2["raw_pages_new"] == 2 and new == {
        "https://www.nanjing.gov.cn/xxgkn/szgfxwj/202601/t20260121_5513001.html",
        next(u for u, a in articles(fleet, "yangzhou_gov", True).items() if a.day == 2),  # type: ignore[attr-defined]
    }


@pytest.mark.slow
def test_backfill_walks_every_pager_kind_to_its_end_and_keeps_the_range(
    sqlite_settings: Settings, fleet: ReplicaFleet
) -> None:
    settings = sqlite_settings.with_(host_map=fleet.host_map)
    until = date(2026, 1, 10)
    summary = crawl(settings, "bf", list(SITES), since=date(2025, 1, 1), until=until)
    wanted = {u for site in SITES for u, a in articles(fleet, site, first_pages=False).items()
              if a.published.date() <= until}  # type: ignore[attr-defined]
    assert set(stored(settings, "bf")) == wanted and summary["raw_pages_new"] == len(wanted)
    assert all(h["state"] == "ok" and h["errors"] == 0 for h in summary["sources"].values()), summary["sources"]
    asked = {p.split("?")[0] if "igs" not in p else p for s, _, p, _ in fleet.requests if s == "nanjing_gov"}
    # createPageHTML(4, …): index_1, index_2, then the 350 B stub index_3 ends the list.
    assert {"/xxgkn/szgfxwj/index_1.html", "/xxgkn/szgfxwj/index_2.html", "/xxgkn/szgfxwj/index_3.html"} <= asked
    assert "/xxgkn/szgfxwj/index_4.html" not in asked
    assert "/xxgkn/fggz/gz/index_1.html" in asked and "/xxgkn/fggz/gz/index_2.html" not in asked  # var countPage = 2
    assert "/zdgk/214/394/index_17989_1.html" in asked and "/zdgk/214/394/index_17989_2.html" not in asked  # 共2页
    igs = [p for p in asked if "igs" in p]
    assert sorted(re.search(r"pageIndex=(\d+)", p)[1] for p in igs) == ["1", "2"]  # type: ignore[index]
    units = [p for s, _, p, _ in fleet.requests if "build/unit" in p]
    pages = sorted(re.search(r"pageNo%22%3A(\d+)", p)[1] for p in units)  # type: ignore[index]
    assert pages == ["1", "1", "1", "1", "2", "2"]  # 30 and 19 rows: two pages each; 8 and 10 rows: one


@pytest.mark.slow
def test_gates_and_broken_columns_are_recorded_as_health_never_stored(
    sqlite_settings: Settings, tmp_path: Path
) -> None:
    extra = tmp_path / "broken.yml"
    extra.write_text(
        "sources:\n"
        "  - {id: tz_nopageid, name: 泰州规划计划, region_code: '321200', family: jpaas, hosts: [www.taizhou.gov.cn],\n"
        "     lists: [{name: 规划计划, url: 'https://www.taizhou.gov.cn/zfxxgk/fdzdgknr/ghjh/index.html'}]}\n"
        "  - {id: tz_stale, name: 泰州图片新闻, region_code: '321200', family: jpaas, hosts: [www.taizhou.gov.cn],\n"
        "     lists: [{name: 图片新闻, url: 'https://www.taizhou.gov.cn/xwzx/tpxw/index.html'}]}\n",
        encoding="utf-8",
    )
    with (ReplicaServer(app=nanjing_gov.make_app(1, gated=True)) as nj,
          ReplicaServer(app=yangzhou_gov.make_app(1, gated=True)) as yz,
          ReplicaServer(app=taizhou_gov.make_app(1)) as tz):
        settings = sqlite_settings.with_(host_map={**nj.host_map, **yz.host_map, **tz.host_map},
                                         registry_paths=(DEFAULT_REGISTRY, extra))
        summary = crawl(settings, "gated", ["nanjing_gov", "yangzhou_gov", "tz_nopageid", "tz_stale"])
        served = [p for s in (nj, yz, tz) for _, p, _ in s.requests]
    health = summary["sources"]
    assert summary["raw_pages_new"] == 0 and stored(settings, "gated") == {}
    assert health["nanjing_gov"]["state"] == "blocked" and "618 B shell" in health["nanjing_gov"]["message"]
    assert health["yangzhou_gov"]["state"] == "blocked" and "HTTP 403" in health["yangzhou_gov"]["message"]
    assert "290 bytes" in health["yangzhou_gov"]["message"]
    assert health["tz_nopageid"]["state"] == "layout_changed" and "no pageId" in health["tz_nopageid"]["message"]
    assert health["tz_stale"]["state"] == "layout_changed" and "页面不存在或已下线" in health["tz_stale"]["message"]
    assert not [p for p in served if "/t20" in p or "/art/" in p]  # no detail request on a failed list


def test_list_helpers_read_each_pager_and_query_variant() -> None:
    assert page_count('<script>createPageHTML(17, 0, "index", "html");</script>') == 17
    assert page_count("var currentPage = 0;\n  var countPage = 5;    //共多少页") == 5
    assert page_count("<span>共3页</span>") == 3 and page_count("<ul></ul>") is None
    assert page_url("https://h/a/index.html", 2) == "https://h/a/index_1.html"
    assert page_url("https://h/zdgk/214/394/index_17989.html", 3) == "https://h/zdgk/214/394/index_17989_2.html"
    assert page_url("https://h/a/index.shtml", 1) == "https://h/a/index.shtml" and page_url("https://h/a/list.jsp", 2) is None
    assert "pageIndex=4&filter[SITEID]=3" in igs_page("https://h/igs?pageIndex=1&filter[SITEID]=3", 4)
    shell = ("<script queryData=\"{'webId':'72','pageId':'2581','tagId':'分页列表'}\" "
             'src="/x/unitbuild.js" url="/api-gateway/jpaas-publish-server/front/page/build/unit"></script>')
    query = unit_query(shell)
    assert query is not None and query.params["tagId"] == "分页列表" and query.missing() == []
    assert unit_query("<script>var a = 1;</script>") is None
    refused = unit_answer('{"success":false,"message":"访问过于频繁"}')
    assert refused is not None and not refused.ok and refused.message == "访问过于频繁"
    page = unit_answer('{"success":true,"data":{"html":"<ul></ul><div class=\\"pagination\\" rows=\\"15\\" count=\\"31\\">"}}')
    assert page is not None and page.ok and page.pages == 3


def _page(app: object, title_part: str) -> tuple[bytes, str]:
    site = app.site  # type: ignore[attr-defined]
    article = next(a for items in site.articles.values() for a in items if title_part in a.title)
    return app.detail(article).encode("utf-8"), f"https://{app.hosts[0]}{article.path}"  # type: ignore[attr-defined]


def test_yangzhou_detail_pages_parse() -> None:
    app = yangzhou_gov.make_app(2)
    body, url = _page(app, "OPC创新发展大会")
    news = parse_document(body, url=url, source_id="yangzhou_gov")
    assert (news.published, news.issuer, news.region_code) == (date(2025, 12, 31), "扬州市科学技术局", "321000")
    assert news.relevance.is_opc and news.title.startswith("着力打造中国优质OPC创业之城")
    body, url = _page(app, "OPC生态社区建设项目")
    notice = parse_document(body, url=url, source_id="yangzhou_gov")
    assert notice.doc_number == "扬科发〔2026〕3号" and notice.published == date(2026, 1, 21) and notice.relevance.is_opc


def test_nanjing_trs_detail_page_parses() -> None:
    body, url = _page(nanjing_gov.make_app(1), "创新发展若干措施")
    policy = parse_document(body, url=url, source_id="nanjing_gov")
    assert (policy.published, policy.issuer, policy.region_code) == (date(2026, 1, 16), "南京市人民政府办公厅", "320100")
    assert policy.relevance.is_opc and policy.doc_number == "宁政办规〔2026〕2号"
    assert {1_000_000, 200_000, 50_000} <= {int(a.value) for a in policy.amounts}


def test_taizhou_jpaas_detail_page_parses() -> None:
    body, url = _page(taizhou_gov.make_app(1), "OPC（一人公司）创新创业")
    policy = parse_document(body, url=url, source_id="taizhou_gov")
    assert policy.published == date(2026, 1, 20) and policy.region_code == "321200" and policy.relevance.is_opc
    assert {500_000, 100_000, 2_000_000} <= {int(a.value) for a in policy.amounts}
