"""The www.jiangsu.gov.cn replica answers like the real Hanweb site (SITES.md §1)."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import shared_file

from replicas import ReplicaServer

REAL_PAGE = (
    Path(__file__).resolve().parents[2] / "shared" / "real_pages" / "jiangsu_gov_art_60085_11394426.html"
)
REAL_PATH = "/art/2024/10/14/art_60085_11394426.html"
SIP_PATH = "/art/2026/1/16/art_60085_11868821.html"
PROXY = "/module/web/jpage/dataproxy.jsp"
RECORD = re.compile(r"<record><!\[CDATA\[(.*?)\]\]></record>", re.S)
HREF = re.compile(r"""href=["']([^"']+)["']""")


def fetch(base: str, path: str, data: bytes | None = None, headers: dict[str, str] | None = None):
    request = urllib.request.Request(base + path, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def window(base: str, start: int, end: int, columnid: int = 33718, unitid: int = 212860) -> bytes:
    form = f"col=1&appid=1&webid=1&path=/&columnid={columnid}&sourceContentType=1&unitid={unitid}&permissiontype=0"
    status, _, body = fetch(
        base, f"{PROXY}?startrecord={start}&endrecord={end}&perpage=5", data=form.encode()
    )
    assert status == 200
    return body


def hrefs(body: bytes) -> list[str]:
    return [HREF.search(rec).group(1) for rec in RECORD.findall(body.decode("utf-8"))]  # type: ignore[union-attr]


@pytest.fixture
def replica() -> Iterator[ReplicaServer]:
    with ReplicaServer(day=1) as server:
        yield server


def test_column_page_embeds_first_group_in_xml_island(replica: ReplicaServer) -> None:
    status, headers, body = fetch(replica.base_url, "/col/col33718/index.html")
    html = body.decode("utf-8")
    assert status == 200 and "charset=UTF-8" in headers["Content-Type"]
    island = re.search(r'<script type="text/xml"><datastore>(.*?)</datastore>', html, re.S)
    assert island is not None, "records must sit inside the script XML island"
    assert "<nextgroup><![CDATA[" in island.group(1)
    assert "var param_212860 = {" in html
    total = int(re.search(r"totalRecord:(\d+)", html).group(1))  # type: ignore[union-attr]
    per_page = int(re.search(r"perPage:(\d+)", html).group(1))  # type: ignore[union-attr]
    group = per_page * int(re.search(r"groupSize:(\d+)", html).group(1))  # type: ignore[union-attr]
    assert "proxyUrl:'/module/web/jpage/dataproxy.jsp'" in html
    assert total > group, "地方动态 must need dataproxy paging"
    assert len(RECORD.findall(island.group(1))) == group
    # single-quoted attributes in this column, <b> dates in 省政府及办公厅文件
    assert "<a href='" in html
    assert re.search(
        r"<b>\d{4}-\d{2}-\d{2}</b>", fetch(replica.base_url, "/col/col76841/index.html")[2].decode()
    )


def test_dataproxy_windows_overlap_by_one_record_and_end_empty(replica: ReplicaServer) -> None:
    base = replica.base_url
    first = hrefs(window(base, 1, 15))
    second_body = window(base, 16, 30)
    second = hrefs(second_body)
    third = hrefs(window(base, 31, 45))
    assert second[0] == first[-1], "a later window repeats the previous window's last record"
    assert third[0] == second[-1]
    assert len(second) == 16
    # dates split over lines in dataproxy answers
    assert re.search(rb"<span>\d{4}-\n\d{2}-\n\d{2}</span>", second_body)
    unique = list(dict.fromkeys(first + second + third))
    html = fetch(base, "/col/col33718/index.html")[2].decode()
    assert len(unique) == int(re.search(r"totalRecord:(\d+)", html).group(1))  # type: ignore[union-attr]
    past_end = window(base, 46, 60)
    assert len(past_end) == 54 and b"<record>" not in past_end
    hosts = {re.match(r"(https?://[^/]+)?", h).group(0) for h in unique}  # type: ignore[union-attr]
    assert {"", "https://www.jiangsu.gov.cn", "http://www.jiangsu.gov.cn", "http://www.js.gov.cn"} <= hosts


def test_dataproxy_get_pages_report_totals(replica: ReplicaServer) -> None:
    query = "appid=1&webid=1&path=/&columnid=33718&unitid=212860&permissiontype=0"
    status, _, body = fetch(replica.base_url, f"{PROXY}?page=1&{query}")
    text = body.decode()
    total = int(re.search(r"<totalrecord>(\d+)</totalrecord>", text).group(1))  # type: ignore[union-attr]
    pages = int(re.search(r"<totalpage>(\d+)</totalpage>", text).group(1))  # type: ignore[union-attr]
    assert status == 200 and pages >= 2
    seen = []
    for page in range(1, pages + 1):
        seen += hrefs(fetch(replica.base_url, f"{PROXY}?page={page}&{query}")[2])
    assert len(seen) == len(set(seen)) == total
    assert len(fetch(replica.base_url, f"{PROXY}?page={pages + 1}&{query}")[2]) == 54


def test_conditional_get_answers_304_until_the_page_changes(replica: ReplicaServer) -> None:
    status, headers, _ = fetch(replica.base_url, SIP_PATH)
    assert status == 200 and headers["ETag"] and headers["Last-Modified"]
    assert fetch(replica.base_url, SIP_PATH, headers={"If-None-Match": headers["ETag"]})[0] == 304
    assert (
        fetch(replica.base_url, SIP_PATH, headers={"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    )
    assert fetch(replica.base_url, SIP_PATH, headers={"If-None-Match": '"other"'})[0] == 200
    replica.set_day(2)
    status2, headers2, body2 = fetch(replica.base_url, SIP_PATH, headers={"If-None-Match": headers["ETag"]})
    assert status2 == 200 and headers2["ETag"] != headers["ETag"]
    assert headers2["Last-Modified"] != headers["Last-Modified"]
    assert "3000万元" in body2.decode() and "2000万元政策性" not in body2.decode()


def test_day2_differs_only_in_the_edited_and_the_new_page() -> None:
    with ReplicaServer(day=1) as day1, ReplicaServer(day=2) as day2:
        urls1 = {u for col in day1.site.list_urls().values() for u, _ in col}
        urls2 = {u for col in day2.site.list_urls().values() for u, _ in col}
        paths1 = {u.removeprefix("https://www.jiangsu.gov.cn") for u in urls1}
        added = {u.removeprefix("https://www.jiangsu.gov.cn") for u in urls2 - urls1}
        assert urls1 < urls2 and len(added) == 1
        changed = {p for p in paths1 if fetch(day1.base_url, p)[2] != fetch(day2.base_url, p)[2]}
        assert changed == {SIP_PATH}
        new = added.pop()
        assert fetch(day1.base_url, new)[0] == 404
        status, _, body = fetch(day2.base_url, new)
        assert status == 200 and "OPC" in body.decode() and "2026-01-21" in body.decode()
        newest1 = max(d for col in day1.site.list_urls().values() for _, d in col)
        assert newest1 == "2026-01-20"


def test_real_page_served_byte_identical_and_every_sample_page_marked(replica: ReplicaServer) -> None:
    for col in replica.site.list_urls().values():
        for url, _ in col:
            path = url.removeprefix("https://www.jiangsu.gov.cn")
            page = fetch(replica.base_url, path)[2].decode()
            assert path == REAL_PATH or "示例页面 sample page" in page, path
    status, _, body = fetch(replica.base_url, REAL_PATH)
    assert status == 200 and body == shared_file(REAL_PAGE).read_bytes()


def test_robots_txt_and_unknown_paths(replica: ReplicaServer) -> None:
    status, _, body = fetch(replica.base_url, "/robots.txt")
    assert status == 200 and b"Disallow: /module/visitcount/" in body
    assert fetch(replica.base_url, "/art/2026/1/1/art_1_1.html")[0] == 404
    assert fetch(replica.base_url, "/col/col1/index.html")[0] == 404
    assert fetch(replica.base_url, "/col/col84242/index_1.html")[0] == 404  # static paging is a 404 on Hanweb
    before = replica.request_count
    fetch(replica.base_url, "/robots.txt")
    assert replica.request_count == before + 1
    assert set(replica.host_map) == {"www.jiangsu.gov.cn", "www.js.gov.cn"}


def test_column_last_modified_moves_only_where_a_record_was_added_or_republished(replica: ReplicaServer) -> None:
    def modified() -> dict[str, str]:
        return {c: fetch(replica.base_url, f"/col/col{c}/index.html")[1]["Last-Modified"]
                for c in ("84242", "60085", "33718", "32648")}

    day1 = modified()
    replica.set_day(2)
    day2 = modified()
    changed = {c for c in day1 if day1[c] != day2[c]}
    assert changed == {"60085", "33718"}  # the SIP page was edited in place; 33718 got a new record
    assert day2["60085"] == "Wed, 21 Jan 2026 08:00:00 GMT"


def test_fleet_serves_every_app_on_its_own_port_and_covers_sources() -> None:
    from crawlers.registry import Source
    from replicas import ReplicaFleet
    from replicas.fleet import app_names

    assert {"jiangsu_gov", "antibot_waf403", "antibot_soft404"} <= set(app_names())
    with ReplicaFleet(day=1) as fleet:
        ports = {s.base_url for s in fleet.servers.values()}
        assert len(ports) == len(fleet.servers) == len(app_names())
        assert fleet.host_map["www.js.gov.cn"] == fleet.servers["jiangsu_gov"].base_url
        before = fleet.request_count
        assert fetch(fleet.host_map["waf403.antibot.example"], "/robots.txt")[0] == 403
        assert fetch(fleet.host_map["soft404.antibot.example"], "/no/such/channel.shtml")[0] == 200
        assert fleet.request_count == before + 2
        assert ("antibot_waf403", "GET", "/robots.txt", 403) in fleet.requests
        fleet.set_day(2)
        assert fetch(fleet.host_map["www.jiangsu.gov.cn"], "/art/2026/1/21/art_33718_11872410.html")[0] == 200
        served = Source("a", "A", "1", "hanweb", ("www.jiangsu.gov.cn",), ())
        elsewhere = Source("b", "B", "1", "hanweb", ("www.jiangsu.gov.cn", "www.nowhere.example"), ())
        assert fleet.covered_sources([served, elsewhere]) == ["a"]
    with pytest.raises(ValueError, match="no replica app"):
        ReplicaFleet(sites=["no_such_site"])
