"""The web pages, their JSON, exports and feed, over data the real stages stored (tests/web_support.py).

One site per database (SQLite and PostgreSQL) for the whole module: the pages only read it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_support import HOSTILE_TITLE, SECRET, Site, build_site

from opcwatch.settings import Settings
from opcwatch.web import create_app


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    import conftest

    from models.db import dispose_all

    tmp: Path = tmp_path_factory.mktemp("web")
    name = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp / 'opcwatch.db'}"
    else:
        if not conftest._pg_available():
            pytest.fail("PostgreSQL is not reachable on 127.0.0.1:5432; .ci/run starts it")
        name = conftest._create_pg_database()
        url = f"{conftest.PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    settings = Settings(data_dir=tmp / "data", database_url=url, download_delay=0.0,
                        outbox_path=tmp / "data" / "outbox.md")
    try:
        yield build_site(settings)
    finally:
        dispose_all()
        if name:
            conftest._drop_pg_database(name)


@pytest.fixture(scope="module")
def client(site: Site) -> TestClient:
    return TestClient(create_app(site.settings))


def titles(client: TestClient, query: str) -> list[str]:
    response = client.get(f"/api/policies?{query}")
    assert response.status_code == 200, response.text
    return [row["title"] for row in response.json()["policies"]]


def test_every_page_answers_in_chinese(client: TestClient, site: Site) -> None:
    for path, words in (("/", "政策"), (f"/policies/{site.ids['suzhou']}", "版本"), ("/compare", "城市对比"),
                        ("/events", "动态"), ("/ops", "来源健康")):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        assert words in response.text and 'name="viewport"' in response.text
        # Works offline: no stylesheet, script or image from another host (no CDN).
        assert not re.search(r'<(link|script|img)\b[^>]*(href|src)="(https?:)?//', response.text), path
        assert client.get("/static/style.css").status_code == 200


def test_policy_list_rows_and_filters(client: TestClient) -> None:
    page = client.get("/").text
    assert "苏州市关于支持一人公司（OPC）发展的若干措施" in page and "苏州市人民政府" in page
    assert "最高3000万元" in page and "2027年OPC社区不少于20" in page
    assert "交通管制" not in page  # not about OPC: only with opc=0
    assert any("交通管制" in t for t in titles(client, "opc=0"))
    suzhou = titles(client, "region=苏州")
    assert any(t.startswith("苏州工业园区") for t in suzhou) and not any("南京" in t for t in suzhou)
    # 园区 applies the city's policy too, unless only what was issued there is wanted.
    assert any(t.startswith("苏州市关于") for t in titles(client, "region=园区"))
    assert [t[:6] for t in titles(client, "region=园区&here_only=1")] == ["苏州工业园区"]
    assert titles(client, "q=南京") == ["南京市支持一人公司（OPC）创新创业的若干政策"]
    assert titles(client, "kind=rules") == ["苏州工业园区关于支持一人公司（OPC）集聚发展的实施细则"]
    assert [t[:2] for t in titles(client, "since=2026-01-06&until=2026-01-10")] == ["苏州", "南京"]
    assert [t[:2] for t in titles(client, "min_amount=6亿")] == ["苏州"]
    assert [t[:2] for t in titles(client, "sort=amount")][:2] == ["苏州", "南京"]
    first = client.get("/api/policies?per=2").json()
    assert (first["total"], first["pages"], len(first["policies"])) == (5, 3, 2)
    third = client.get("/api/policies?per=2&page=3").json()["policies"]
    assert [p["title"][:2] for p in third] == ["无锡"]
    assert 'rel="next"' in client.get("/?per=2").text


@pytest.mark.parametrize(("path", "status", "reason"), [
    ("/?region=火星", 400, "未知地区"),
    ("/?since=2026/01/01", 400, "2026-01-19"),
    ("/?since=2026-02-01&until=2026-01-01", 400, "结束日期早于开始日期"),
    ("/?kind=bogus", 400, "bogus"),
    ("/?sort=random", 400, "sort="),
    ("/?page=abc", 400, "page="),
    ("/?min_amount=很多", 400, "无法识别的金额"),
    ("/policies/99999", 404, "99999"),
    ("/policies/abc", 404, "abc"),
    ("/events?kind=nothing", 400, "事件类型"),
    ("/ops?status=lost", 400, "status="),
    ("/feed.atom?until=yesterday", 400, "日期格式"),
    ("/api/policies.pdf", 404, "pdf"),
    ("/no-such-page", 404, "没有这个页面"),
])
def test_bad_input_is_a_4xx_page_with_the_reason(client: TestClient, path: str, status: int, reason: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert reason in response.text
    if not path.startswith("/api/"):
        assert response.headers["content-type"].startswith("text/html")


def test_api_errors_are_json(client: TestClient) -> None:
    response = client.get("/api/policies?region=火星")
    assert response.status_code == 400 and "火星" in response.json()["error"]
    assert client.get("/api/policies/0").status_code == 404


def test_policy_page_every_field_versions_and_sources(client: TestClient, site: Site) -> None:
    page = client.get(f"/policies/{site.ids['suzhou']}").text
    assert "<del>最高2000万元</del> → <ins>最高3000万元</ins>" in page  # the change, highlighted
    assert page.index('id="version-2"') < page.index('id="version-1"')
    for text in ("苏州市人民政府", "2026-01-10", "2026-02-01 至 2028-12-31", "政策文件", "总规模10亿元", "资金规模",
                 "每家每年", "「对优秀项目最高给予3000万元股权投资」", "OPC×", "算力补贴。", "jiangsu_gov",
                 "https://www.suzhou.gov.cn/szsrmzf/zfwj/202601/opc.shtml", "金额变化"):
        assert text in page, text
    data = client.get(f"/api/policies/{site.ids['suzhou']}").json()
    assert [v["version_no"] for v in data["versions"]] == [2, 1]
    assert data["versions"][0]["changes"][0]["before"] == "最高2000万元"


def test_compare_cities_side_by_side_with_links_to_the_clauses(client: TestClient, site: Site) -> None:
    data = client.get("/api/compare").json()
    cities = {c["name"]: c for c in data["cities"]}
    assert set(cities) == {"苏州市", "南京市", "无锡市"}
    suzhou = cities["苏州市"]["offers"]
    assert suzhou["equity"]["text"] == "最高3000万元" and suzhou["rent"]["text"] == "最高2000元"  # 园区's rent
    assert suzhou["fund"]["text"] == "总规模10亿元" and cities["南京市"]["offers"]["talent"]["text"] == "最高200万元"
    page = client.get("/compare").text
    link = f'/policies/{site.ids["suzhou"]}#{suzhou["equity"]["anchor"]}'
    assert link in page and "<svg" in page and page.count('class="bar"') >= 8
    anchor = suzhou["equity"]["anchor"]
    assert f'id="{anchor}"' in client.get(link.split("#")[0]).text


def test_events_timeline_and_filters(client: TestClient) -> None:
    page = client.get("/events").text
    assert "金额变化：最高2000万元 → 3000万元" in page
    assert "2026-01-21 16:00" in page  # stored 08:00 UTC, shown on the readers' (Beijing) clock
    changed = client.get("/api/events?kind=amount").json()["events"]
    assert [e["kind"] for e in changed] == ["amount.changed"]
    nanjing = client.get("/api/events?region=南京").json()["events"]
    assert [e["title"][:2] for e in nanjing] == ["南京"]
    assert client.get("/api/events?until=2026-01-20").json()["total"] == 5
    assert client.get("/api/events?doc_kind=rules").json()["total"] == 1


def test_atom_feed_for_a_filter_reads_in_a_feed_parser(client: TestClient, site: Site) -> None:
    import feedparser

    response = client.get("/feed.atom?region=苏州&kind=amount")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert [e.title for e in feed.entries] == ["【金额变化】苏州市关于支持一人公司（OPC）发展的若干措施"]
    entry = feed.entries[0]
    assert "最高2000万元 → 3000万元" in entry.summary
    assert entry.link.endswith(f"/policies/{site.ids['suzhou']}") and entry.updated.startswith("2026-01-21T08:00:00")
    everything = feedparser.parse(client.get("/feed.atom").content)
    assert len(everything.entries) == 6 and "南京" in feedparser.parse(client.get("/feed.atom?region=南京").content).feed.title


def test_csv_and_excel_exports_hold_the_filtered_list(client: TestClient) -> None:
    from openpyxl import load_workbook

    response = client.get("/api/policies.csv?region=南京")
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["编号 id", "标题 title"] and len(rows) == 2
    assert rows[1][1] == "南京市支持一人公司（OPC）创新创业的若干政策" and "总规模5亿元" in rows[1][7]
    assert client.get("/?region=南京&format=csv").content == response.content
    book = load_workbook(io.BytesIO(client.get("/api/policies.xlsx").content))
    sheet = book.active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 6 and HOSTILE_TITLE in [row[1] for row in values]
    events = list(csv.reader(io.StringIO(client.get("/api/events.csv?kind=amount").content.decode("utf-8-sig"))))
    assert "最高2000万元 → 3000万元" in events[1][5]


def test_spreadsheet_formulas_in_scraped_text_stay_text() -> None:
    from opcwatch.web.exports import to_csv

    data = to_csv(["title"], [["=HYPERLINK(\"http://x\")"], ["@all 大家好"], ["-1+2"], ["正常标题"]])
    cells = [row[0] for row in csv.reader(io.StringIO(data.decode("utf-8-sig")))][1:]
    assert cells == ["'=HYPERLINK(\"http://x\")", "'@all 大家好", "'-1+2", "正常标题"]


def test_hostile_title_shows_as_text_in_pages_and_feed(client: TestClient, site: Site) -> None:
    import feedparser

    for path in ("/", f"/policies/{site.ids['hostile']}", "/events", "/?q=script"):
        page = client.get(path).text
        assert "<script" not in page.lower(), path
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page, path
        assert "@all" in page and "javascript:alert(1)" in page
        assert not re.search(r'href="\s*javascript:', page, re.I)
    raw = client.get("/feed.atom").content
    assert b"<script" not in raw
    titles = [e.title for e in feedparser.parse(raw).entries]
    assert f"【新政策】{HOSTILE_TITLE}" in titles


def test_pages_forbid_every_script_and_framing(client: TestClient) -> None:
    for path in ("/", "/events", "/no-such-page", "/feed.atom"):
        headers = client.get(path).headers
        assert "script-src 'none'" in headers["content-security-policy"], path
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_scraped_javascript_url_is_never_a_link() -> None:
    from opcwatch.web.app import safe_href

    assert safe_href("javascript:alert(1)") is None and safe_href(" JavaScript:x") is None
    assert safe_href("data:text/html,x") is None and safe_href("https://www.gov.cn/a") == "https://www.gov.cn/a"


def test_ops_page_health_runs_and_ledger_failures_with_secrets_masked(client: TestClient, site: Site) -> None:
    page = client.get("/ops").text
    assert "suzhou_gov" in page and "blocked" in page and "HTTP 412 瑞数 WAF" in page
    sources = client.get("/api/ops").json()["sources"]
    assert [s["id"] for s in sources[:2]] == ["suzhou_gov", "jiangsu_gov"]  # the blocked one first
    assert sources[1]["items"] == 1 and ">1</td>" in page.split('id="sources"')[1].split("</table>")[0]
    assert site.runs[0] in page and site.runs[1] in page
    assert "广播群" in page and "failed" in page and "json://****@127.0.0.1:9/****" in page
    data = client.get("/api/ops?status=failed").json()
    assert data["ledger"] and {row["status"] for row in data["ledger"]} == {"failed"}
    for body in (page, client.get("/api/ops").text, client.get("/ops?status=failed").text):
        assert SECRET not in body


def test_without_a_token_the_app_is_read_only(client: TestClient) -> None:
    for path in ("/", "/ops", "/events"):
        assert 'method="post"' not in client.get(path).text
    assert client.get("/login").status_code == 404
    assert client.get("/subscriptions").status_code == 403
    response = client.post("/subscriptions/1/pause", data={"csrf": "x"})
    assert response.status_code == 403 and "只读" in response.text


def test_ops_names_a_broken_registry_file_instead_of_failing(site: Site) -> None:
    broken = site.settings.with_(registry_paths=(*site.settings.registry_paths, Path("/nonexistent/sources.yml")))
    response = TestClient(create_app(broken)).get("/ops")
    assert response.status_code == 200 and "/nonexistent/sources.yml" in response.text
