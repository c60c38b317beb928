"""`opcwatch sources add URL`: one list URL of a replica site per CMS family becomes a registry entry
that loads and crawls; bad input is one line on stderr, a non-zero exit and nothing written.

Everything runs over real HTTP against the replicas, addressed by their real URLs through
OPCWATCH_HOST_MAP. Expected values come from the replicas' content models and from the bundled
registry's hand-written entries for the same pages, never from the discovery code.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select
from typer.testing import CliRunner, Result

from crawlers.discover_rows import find_rows
from crawlers.registry import load_registry, sources_by_id
from crawlers.runner import crawl
from models.db import session_scope
from models.tables import RawPage
from opcwatch.cli import app
from opcwatch.settings import DEFAULT_REGISTRY, Settings
from replicas import AppRequest, ReplicaFleet, ReplicaServer, Reply

SITES = ("jiangsu_gov", "gxt_jiangsu", "taizhou_gov", "nanjing_gov", "nanjing_jbxq", "sipac_gov", "wuxi_wnd",
         "nantong_gov", "kxjst_jiangsu", "yancheng_gov", "xuzhou_gov",
         "antibot_waf403", "antibot_ts412", "antibot_jsl521", "antibot_soft404")
# One list URL per family, and the bundled entry (id, list index) written by hand for the same page.
FAMILIES = {
    "hanweb": ("https://gxt.jiangsu.gov.cn/col/col89736/index.html", "jiangsu_gxt", 0),
    "jpaas": ("https://www.taizhou.gov.cn/zfxxgk/fdzdgknr/zcjd/zcwjjd/index.html", "taizhou_gov", 0),
    "trs": ("https://njna.nanjing.gov.cn/xxgk/zcwj/index.html", "nanjing_jbxq", 0),
    "ucap": ("https://www.sipac.gov.cn/szgyyq/zwyw/xwzx_list.shtml", "sipac_gov", 0),
    "json_api": ("https://www.wnd.gov.cn/zfxxgk/xxgkml/zcwj/index.shtml", "wuxi_xinwu", 0),
    "rss": ("https://kxjst.jiangsu.gov.cn/module/rss/rssfeed.jsp?colid=82571", "jiangsu_kxjst", 0),
    "generic": ("https://www.yancheng.gov.cn/col/col23755/index.html", "yancheng_gov", 0),
}
LOGIN_FORM = ("<html><head><title>统一身份认证平台 用户登录</title></head><body><form action='/login.do' method='post'>"
              "<input name='username'><input type='password' name='password'><button>登录</button></form>"
              "</body></html>").encode()


class LoginWallApp:
    """A site whose member column sends browsers to a login page, or shows the form in place."""

    hosts = ("login.example.gov.cn",)

    def set_day(self, day: int) -> None:
        pass

    def handle(self, request: AppRequest) -> Reply | None:
        if request.path == "/members/list.html":
            return Reply(302, b"", headers={"Location": "https://login.example.gov.cn/sso/login?service=/members/list.html"})
        if request.path in ("/sso/login", "/col/col9/index.html"):
            return Reply(body=LOGIN_FORM)
        return None


@pytest.fixture(scope="module")
def fleet() -> Iterator[ReplicaFleet]:
    with ReplicaFleet(day=1, sites=SITES) as running, ReplicaServer(app=LoginWallApp()) as wall:
        running.host_map.update(wall.host_map)
        yield running


@pytest.fixture
def env(fleet: ReplicaFleet, tmp_path: Path) -> dict[str, str]:
    return {"OPCWATCH_HOST_MAP": ",".join(f"{h}={b}" for h, b in fleet.host_map.items()),
            "OPCWATCH_DATA_DIR": str(tmp_path), "OPCWATCH_SOURCES": ""}


def add(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(app, ["sources", "add", *args], env=env, terminal_width=200)


@pytest.mark.slow
def test_one_url_per_family_becomes_an_entry_that_loads_and_crawls_to_detail_pages(
        fleet: ReplicaFleet, env: dict[str, str], sqlite_settings: Settings, tmp_path: Path) -> None:
    mine = tmp_path / "my_sources.yml"
    added: dict[str, str] = {}
    for family, (url, _, _) in FAMILIES.items():
        result = add(env, url, "--out", str(mine))
        assert result.exit_code == 0, result.output + result.stderr
        assert f"识别 recognised: {family} —" in result.stdout
        added[family] = result.stdout.split("written: source ", 1)[1].split(" ", 1)[0]
    entries = sources_by_id([mine])
    assert sorted(entries) == sorted(added.values())  # seven entries appended to one file
    bundled = sources_by_id([DEFAULT_REGISTRY])
    for family, (url, twin_id, index) in FAMILIES.items():
        mine_src, twin = entries[added[family]], bundled[twin_id]
        assert (mine_src.family, mine_src.lists[0].url) == (family, url)
        assert mine_src.region_code == twin.region_code
        if family == "hanweb":  # the ids the bundled entry was written with by hand
            assert {k: mine_src.lists[0].param(k) for k in ("columnid", "unitid")} == \
                   {k: twin.lists[index].param(k) for k in ("columnid", "unitid")}
            assert mine_src.option("webid") == twin.option("webid") == 23
        if family == "jpaas":
            assert mine_src.lists[0].param("item") == twin.lists[index].param("item") == "ul.lmy-list-ul > li"
        if family == "ucap":
            assert mine_src.lists[0].param("kind") == "infolist"
            assert mine_src.option("home_title") == twin.option("home_title")
        if family == "json_api":
            assert mine_src.lists[0].param("api") == twin.lists[index].param("api") == "wuxi_info_open"

    # A real crawl of the new entries (registry = bundled files + the user's file) reaches detail pages.
    settings = sqlite_settings.with_(host_map=fleet.host_map, registry_paths=(DEFAULT_REGISTRY, mine))
    summary = crawl(settings, "sources-add", list(added.values()))
    with session_scope(settings.database_url) as session:
        pages = list(session.scalars(select(RawPage).where(RawPage.run_id == "sources-add")))
    for family, sid in added.items():
        health = summary["sources"][sid]
        assert health["state"] == "ok" and health["items"] > 0, (family, health)
        details = [p for p in pages if p.source_id == sid and p.page_type == "detail"]
        assert details, f"{family}: no detail page stored"
        assert all(p.url.split("/")[2] in entries[sid].hosts and p.status == 200 for p in details)


def test_hanweb_dry_run_shows_the_paging_numbers_and_the_first_records(fleet: ReplicaFleet, env: dict[str, str]) -> None:
    result = add(env, "https://www.jiangsu.gov.cn/col/col33718/index.html")
    assert result.exit_code == 0, result.output
    records = fleet.servers["jiangsu_gov"].site.list_urls()["33718"]
    out = result.stdout
    # A partial group: 15 records embedded of 42, perPage 5 × groupSize 3 — what backfill paging needs.
    assert "perPage 5" in out and "groupSize 3" in out and "embedded records 15" in out
    assert f"the list claims {len(records)} records (jpage totalRecord)" in out and len(records) == 42
    assert f"#   {records[0][1]}  " in out  # the first item with its list date
    entry = yaml.safe_load(out)["sources"][0]  # without --out, stdout is a registry file
    assert entry["family"] == "hanweb" and entry["hosts"] == ["www.jiangsu.gov.cn", "www.js.gov.cn"]
    assert entry["lists"][0]["columnid"] == 33718 and entry["lists"][0]["unitid"] == 212860


def test_printed_entry_is_a_registry_file_and_appending_keeps_the_users_file(env: dict[str, str], tmp_path: Path) -> None:
    printed = add(env, "https://www.nantong.gov.cn/ntsrmzf/szfbwj/szfbwj.html", "--id", "nt_files", "--region", "南通")
    assert printed.exit_code == 0, printed.output
    assert "the list claims 45 records (<totalrecord>)" in printed.stdout
    alone = tmp_path / "printed.yml"
    alone.write_text(printed.stdout, encoding="utf-8")
    (source,) = load_registry([alone])
    assert (source.id, source.family, source.region_code) == ("nt_files", "json_api", "320600")
    assert source.lists[0].param("api") == "truecms_jsonp"

    mine = tmp_path / "mine.yml"
    original = "# my own sources\nsources:\n  - id: kept\n    name: 我的来源\n    region_code: \"320000\"\n" \
               "    family: rss\n    hosts: [kxjst.jiangsu.gov.cn]\n    lists:\n" \
               "      - {name: 通知, url: \"https://kxjst.jiangsu.gov.cn/module/rss/rssfeed.jsp?colid=82540\"}\n"
    mine.write_text(original, encoding="utf-8")
    appended = add(env, "https://www.nanjing.gov.cn/xxgkn/szgfxwj/index.html", "--out", str(mine))
    assert appended.exit_code == 0, appended.output
    text = mine.read_text(encoding="utf-8")
    assert text.startswith(original)  # comments and layout of the user's file untouched
    assert [s.id for s in load_registry([mine])] == ["kept", "nanjing_gov_szgfxwj"]
    again = add(env, "https://www.nanjing.gov.cn/xxgkn/szgfxwj/index.html", "--out", str(mine), "--id", "kept")
    assert again.exit_code == 2 and "already a source" in again.stderr
    assert mine.read_text(encoding="utf-8") == text


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield listener.getsockname()[1]


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(("url", "reason"), [
    ("file:///etc/passwd", "is not an http:// or https:// URL (scheme 'file')"),
    ("ftp://www.jiangsu.gov.cn/col/col1/index.html", "scheme 'ftp'"),
    ("data:text/html,<ul><li><a href='/a'>x</a></li></ul>", "scheme 'data'"),
    ("http://127.0.0.1:{closed}/col/col1/index.html", "is unreachable"),
    ("http://127.0.0.1:{silent}/col/col1/index.html", "did not answer within 0.5 s"),
    ("https://waf403.antibot.example/col/col1/index.html", "anti-bot / WAF: HTTP 403: cloud WAF shell"),
    ("https://ts412.antibot.example/col/col1/index.html", "瑞数 (Rivers Security) challenge"),
    ("https://jsl521.antibot.example/col/col1/index.html", "加速乐 (Jiasule) cookie challenge"),
    ("https://soft404.antibot.example/gone/xwzx_list.shtml", "soft 404: "),
    ("https://login.example.gov.cn/members/list.html", "login wall: redirected to https://login.example.gov.cn/sso/login"),
    ("https://login.example.gov.cn/col/col9/index.html", "login wall: a password form"),
    ("https://www.jiangsu.gov.cn/art/2026/1/19/art_46144_11871205.html", "no list recognised"),
    ("https://www.nanjing.gov.cn/xxgkn/missing/index.html", "HTTP 404"),
    ("https://www.xz.gov.cn/dynamic/zwgk/govInfoPubright.html?categorynum=003001003", "add site_guid to the entry by hand"),
])
def test_bad_input_is_one_line_on_stderr_and_nothing_is_written(
        env: dict[str, str], tmp_path: Path, url: str, reason: str, silent_port: int, closed_port: int) -> None:
    out = tmp_path / "never.yml"
    result = add(env, url.format(silent=silent_port, closed=closed_port), "--out", str(out), "--timeout", "0.5")
    # A URL that is no web page is a wrong argument (2); a site that gives no list, nothing worked (3).
    assert result.exit_code == (2 if "scheme" in reason else 3)
    assert result.stdout == "" and result.stderr.count("\n") == 1 and result.stderr.startswith("错误 error: ")
    assert reason in result.stderr
    assert not out.exists()


def test_region_is_a_code_or_a_name_and_an_id_of_the_bundled_registry_is_refused(env: dict[str, str]) -> None:
    named = add(env, "https://www.sipac.gov.cn/szgyyq/zwyw/xwzx_list.shtml", "--region", "苏州", "--name", "园区新闻")
    assert named.exit_code == 0, named.output
    entry = yaml.safe_load(named.stdout)["sources"][0]
    assert (entry["region_code"], entry["name"]) == ("320500", "园区新闻")
    unknown = add(env, "https://www.sipac.gov.cn/szgyyq/zwyw/xwzx_list.shtml", "--region", "Atlantis")
    assert unknown.exit_code == 2 and "unknown region 'Atlantis'" in unknown.stderr
    taken = add(env, "https://www.sipac.gov.cn/szgyyq/zwyw/xwzx_list.shtml", "--id", "sipac_gov")
    assert taken.exit_code == 2 and "already a source in" in taken.stderr and "ucap.yml" in taken.stderr
    # An IGS JSON answer names no site and the replica has no homepage: the region must be given.
    igs = ("https://www.nanjing.gov.cn/igs/front/search/publish/data/list.html?index=wzqsearch-v20190124&type=infomation"
           "&siteId=3&pageSize=20&pageIndex=1&filter[SITEID]=3&filter[CHANNELID]=21985")
    assert "pass --region CODE" in add(env, igs).stderr
    given = add(env, igs, "--region", "320100", "--name", "南京市政府公报")
    assert given.exit_code == 0, given.output
    assert yaml.safe_load(given.stdout)["sources"][0]["lists"][0]["paging"] == "igs"
    assert "the list claims 24 records (IGS total)" in given.stdout


def test_command_has_help_with_an_example() -> None:
    result = CliRunner().invoke(app, ["sources", "add", "--help"], terminal_width=200)
    assert result.exit_code == 0 and "Example" in result.output and "--out" in result.output


def test_row_finder_proposes_selectors_for_a_table_list_and_ignores_the_menu() -> None:
    html = """<html><body><ul class="nav"><li><a href="/a">首页导航栏目</a></li><li><a href="/b">政务公开栏目</a></li>
    <li><a href="/c">互动交流栏目</a></li></ul><table class="news"><tr><th>标题</th><th>日期</th></tr>
    <tr><td><a href="/n/1.html" title="关于开展2026年度申报工作的通知">关于开展2026年度申报…</a></td><td class="rq">2026-01-19</td></tr>
    <tr><td><a href="/n/2.html" title="关于公布第二批名单的公告">关于公布第二批名单的公告</a></td><td class="rq">2026/1/8</td></tr>
    <tr><td><a href="/n/3.html" title="市政府常务会议研究部署重点工作">市政府常务会议研究部署重点工作</a></td><td class="rq">2025年12月30日</td></tr>
    </table></body></html>"""
    guess = find_rows(html)
    assert guess is not None
    assert (guess.item, guess.date, guess.rows, guess.dated) == ("table.news > tr", "td.rq::text", 3, 3)
