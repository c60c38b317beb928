"""Hanweb backfills reach every record, however much the column page embeds and whichever
dataproxy style the server answers; a backfill cut by the page limit says so.

Each case is a column of a Hanweb site written here (records, embedded count, served paging
styles), served by the same replica machinery as the Jiangsu sites, and crawled for real.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from crawlers.runner import crawl
from models.db import session_scope
from models.tables import RawPage, SourceHealth
from opcwatch.settings import DEFAULT_REGISTRY, Settings
from replicas import ReplicaServer
from replicas.site import JiangsuGovApp

PER_PAGE, GROUP_SIZE = 15, 3  # one jpage group = 45 records
# column id -> (records, records the column page embeds, dataproxy styles the server answers)
COLUMNS = {
    "1001": (42, 15, ("window", "page")),  # one page embedded, total below one group (the case)
    "1002": (42, 30, ("window", "page")),  # a partial group embedded
    "1003": (42, 42, ("window", "page")),  # everything embedded: no paging at all
    "1004": (100, 15, ("window", "page")),  # one page embedded, total above one group
    "1005": (100, 30, ("window", "page")),  # a partial group, above one group
    "1006": (100, 45, ("window", "page")),  # a whole group, above one group
    "1007": (100, 15, ("page",)),  # a server that only pages by page=N: detected, not guessed
    "1008": (70, 45, ("window",)),  # one that only answers windows
}
DETAIL = "<html><head><meta charset='utf-8'><title>{t}</title></head><body><h1>{t}</h1><p>{t}。</p></body></html>"


def article_path(colid: str, n: int, day: date) -> str:
    return f"/art/{day.year}/{day.month}/{day.day}/art_{colid}_{n}.html"


def write_site(root: Path) -> dict[str, list[str]]:
    """A Hanweb site whose columns are COLUMNS; returns each column's record URLs, newest first."""
    day1 = root / "day1"
    columns, urls = {}, {}
    for colid, (total, embed, modes) in COLUMNS.items():
        records = []
        for n in range(total):
            day = date(2026, 6, 30) - timedelta(days=n)
            path = article_path(colid, n, day)
            title = f"栏目{colid}第{n}号通知"
            records.append({"path": path, "title": title, "date": day.isoformat()})
            page = day1 / path.lstrip("/")
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(DETAIL.format(t=title), encoding="utf-8")
        columns[colid] = {"name": f"栏目{colid}", "unitid": f"9{colid}", "perPage": PER_PAGE, "groupSize": GROUP_SIZE,
                          "markup": "span", "sourceContentType": 1, "embed": embed, "proxy_modes": list(modes),
                          "records": records}
        urls[colid] = [f"https://www.jiangsu.gov.cn{r['path']}" for r in records]
    manifest = {"site": "paging_test", "webname": "分页测试网站", "webid": 7, "site_domain": "www.jiangsu.gov.cn",
                "site_code": "0000000000", "last_modified": "2026-07-01T00:00:00Z", "columns": columns}
    (day1 / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return urls


def registry(path: Path, lists: dict[str, str]) -> Path:
    rows = "\n".join(
        f'      - {{name: 栏目{c}, url: "https://www.jiangsu.gov.cn/col/col{c}/index.html", columnid: {c}, '
        f"unitid: 9{c}{', paging: ' + p if p else ''}}}" for c, p in lists.items())
    path.write_text(f"""
sources:
  - id: paging_test
    name: 分页测试网站
    region_code: "320000"
    family: hanweb
    hosts: [www.jiangsu.gov.cn]
    webid: 7
    lists:
{rows}
""", encoding="utf-8")
    return path


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[ReplicaServer, dict[str, list[str]]]]:
    urls = write_site(tmp_path / "site")
    with ReplicaServer(app=JiangsuGovApp(1, root=tmp_path / "site")) as server:
        yield server, urls


def stored_urls(settings: Settings, run_id: str) -> set[str]:
    with session_scope(settings.database_url) as session:
        return set(session.scalars(select(RawPage.url).where(RawPage.run_id == run_id)))


@pytest.mark.slow
def test_backfill_reaches_every_record_of_every_column(
    sqlite_settings: Settings, site: tuple[ReplicaServer, dict[str, list[str]]], tmp_path: Path
) -> None:
    server, urls = site
    extra = registry(tmp_path / "paging.yml", dict.fromkeys(COLUMNS, ""))
    settings = sqlite_settings.with_(host_map=server.host_map, registry_paths=(DEFAULT_REGISTRY, extra))
    summary = crawl(settings, "all", ["paging_test"], since=date(2020, 1, 1))
    got = stored_urls(settings, "all")
    for colid in COLUMNS:
        missing = [u for u in urls[colid] if u not in got]
        assert not missing, f"column {colid} {COLUMNS[colid]}: {len(missing)} records never reached"
    assert summary["sources"]["paging_test"]["state"] == "ok"
    proxied = [(m, p) for m, p, _ in server.requests if "dataproxy.jsp" in p]
    # The first window starts right after what the column page embedded (not after one group).
    assert ("POST", "/module/web/jpage/dataproxy.jsp?startrecord=16&endrecord=60&perpage=15") in proxied
    # Column 1003 embeds all its records: no dataproxy request at all.
    assert not any("columnid=1003" in p for _, p in proxied)
    # Column 1007's server ignores windows: the spider switched to page=N and followed it through.
    assert any(m == "GET" and "page=" in p and "columnid=1007" in p for m, p in proxied)


@pytest.mark.slow
def test_a_backfill_in_range_only_and_the_page_limit_reported_as_truncated(
    sqlite_settings: Settings, site: tuple[ReplicaServer, dict[str, list[str]]], tmp_path: Path
) -> None:
    server, urls = site
    extra = registry(tmp_path / "paging.yml", {"1004": "window", "1007": "page"})
    settings = sqlite_settings.with_(host_map=server.host_map, registry_paths=(DEFAULT_REGISTRY, extra))
    since, until = date(2026, 4, 1), date(2026, 5, 31)
    crawl(settings, "range", ["paging_test"], since=since, until=until)
    in_range = {u for c in ("1004", "1007") for u in urls[c]
                if since <= date(*map(int, u.split("/")[4:7])) <= until}
    assert stored_urls(settings, "range") == in_range

    summary = crawl(settings, "cut", ["paging_test"], max_pages=2)
    health = summary["sources"]["paging_test"]
    assert health["state"] == "truncated"
    assert "page limit of 2 list pages" in health["message"]
    with session_scope(settings.database_url) as session:
        row = session.scalars(select(SourceHealth).where(SourceHealth.run_id == "cut")).one()
        assert row.state == "truncated"


@pytest.mark.slow
def test_a_site_on_a_port_keeps_its_port_on_every_link(
    sqlite_settings: Settings, site: tuple[ReplicaServer, dict[str, list[str]]], tmp_path: Path
) -> None:
    """No host map: the site really is at 127.0.0.1:PORT, so a link that lost its port would be refused."""
    server, _urls = site
    netloc = server.base_url.removeprefix("http://")
    extra = tmp_path / "ported.yml"
    extra.write_text(f"""
sources:
  - id: ported
    name: 端口上的网站
    region_code: "320000"
    family: hanweb
    hosts: ["{netloc}"]
    webid: 7
    politeness: {{delay: 0}}
    lists:
      - {{name: 栏目1001, url: "{server.base_url}/col/col1001/index.html", columnid: 1001, unitid: 91001}}
""", encoding="utf-8")
    settings = sqlite_settings.with_(registry_paths=(DEFAULT_REGISTRY, extra))
    summary = crawl(settings, "ported", ["ported"], since=date(2020, 1, 1))
    got = stored_urls(settings, "ported")
    assert len(got) == COLUMNS["1001"][0] and all(u.startswith(f"{server.base_url}/art/") for u in got)
    assert summary["sources"]["ported"]["state"] == "ok" and summary["sources"]["ported"]["errors"] == 0
