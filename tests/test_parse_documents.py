"""parse_document over the real jiangsu.gov.cn page, the offline replica, and bad input."""

from __future__ import annotations

import gzip
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import shared_file

from parsers import PARSER_VERSION, ParseError, parse_document
from parsers.schema import DocKind, Purpose, Qualifier

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REAL_PAGE = SHARED / "real_pages" / "jiangsu_gov_art_60085_11394426.html"
REPLICA = ROOT / "replicas" / "sites" / "jiangsu_gov"
EXPECTED = json.loads((ROOT / "tests" / "fixtures" / "parse" / "jiangsu_gov_expected.json").read_text("utf-8"))
REPLICA_PAGES = sorted(p.relative_to(REPLICA).as_posix() for p in REPLICA.glob("day*/art/**/*.html"))


def _parse_replica(rel: str):
    url = "https://www.jiangsu.gov.cn/" + rel.split("/", 1)[1]
    return parse_document((REPLICA / rel).read_bytes(), url=url, source_id="jiangsu_gov")


def test_the_replica_pages_are_in_the_repository() -> None:
    # The replica ships with the repository: an empty glob means the path is wrong, not "skip".
    assert len(REPLICA_PAGES) > 10 and (REPLICA / "day2").is_dir()


def test_parser_version_is_exported() -> None:
    assert PARSER_VERSION and PARSER_VERSION[0].isdigit()


def test_real_jiangsu_page() -> None:
    policy = parse_document(
        shared_file(REAL_PAGE).read_bytes(),
        url="https://www.jiangsu.gov.cn/art/2024/10/14/art_60085_11394426.html",
        source_id="jiangsu_gov",
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    assert policy.title.startswith("“奋进新征程")
    assert policy.issuer == "省文化和旅游厅办公室"
    assert policy.published == date(2024, 10, 14)
    assert policy.kind is DocKind.EVENT and policy.kind_reason == "标题：开幕"  # an exhibition opening report
    assert policy.relevance.is_opc is False
    assert policy.region_code == "320000"
    assert "翰墨书盛世" in policy.body_text
    for junk in ("分享到", "扫一扫", "打印", "关闭窗口"):
        assert junk not in policy.body_text
    assert not policy.partial


@pytest.mark.parametrize("rel", REPLICA_PAGES)
def test_every_replica_page_parses(rel: str) -> None:
    policy = _parse_replica(rel)
    assert policy.title and policy.published is not None and policy.body_text
    assert not policy.partial, policy.warnings
    expected = EXPECTED.get(rel)
    if expected is None:
        # Ordinary pages of the replica: nothing about OPC.
        assert policy.relevance.is_opc is False, policy.relevance
        return
    assert policy.title == expected["title"]
    assert policy.published == date.fromisoformat(expected["published"])
    assert policy.relevance.is_opc is expected["is_opc"], policy.relevance
    for field in ("kind", "issuer", "doc_number", "index_number", "region_code"):
        if field in expected:
            assert str(getattr(policy, field)) == expected[field], field
    for field in ("signed", "effective_until"):
        if field in expected:
            assert getattr(policy, field) == date.fromisoformat(expected[field])
    if "amounts" in expected:
        got = [[str(a.value), a.unit.value, a.qualifier.value] for a in policy.amounts]
        assert got == expected["amounts"]
    if "targets" in expected:
        got_t = [[t.year, t.metric, str(t.value), t.comparator.value] for t in policy.targets]
        assert got_t == expected["targets"]
    if "measures" in expected:
        assert len(policy.measures) == expected["measures"]


def test_sip_page_day1_vs_day2_same_keys_new_value() -> None:
    rel = "art/2026/1/16/art_60085_11868821.html"
    day1, day2 = _parse_replica("day1/" + rel), _parse_replica("day2/" + rel)
    assert [a.key for a in day1.amounts] == [a.key for a in day2.amounts]
    equity1 = next(a for a in day1.amounts if a.purpose is Purpose.EQUITY)
    equity2 = next(a for a in day2.amounts if a.purpose is Purpose.EQUITY)
    assert (equity1.value, equity2.value) == (Decimal(20_000_000), Decimal(30_000_000))
    assert equity1.key == equity2.key and equity1.qualifier is Qualifier.UP_TO
    assert day1.content_hash() != day2.content_hash()


def test_policy_measures_label_amounts() -> None:
    policy = _parse_replica("day1/art/2026/1/19/art_46144_11871205.html")
    by_label = {a.measure: a for a in policy.amounts if a.unit.value == "money"}
    assert by_label["六、"].purpose is Purpose.FUND and by_label["六、"].value == Decimal(5_000_000_000)
    assert by_label["五、"].purpose is Purpose.LOAN
    assert policy.measures[0].label == "一、" and policy.measures[0].text.startswith("强化算力支撑")


def test_same_page_twice_same_hash() -> None:
    first = _parse_replica("day1/art/2026/1/19/art_46144_11871205.html")
    second = _parse_replica("day1/art/2026/1/19/art_46144_11871205.html")
    assert first.content_hash() == second.content_hash()


URL = "https://www.example.gov.cn/art/2026/1/1/art_1_1.html"
ARTICLE = (
    "<html><head><meta charset='{cs}'><title>站点 苏州工业园区OPC政策</title></head><body>"
    "<h1>苏州工业园区OPC扶持政策</h1><p>发布日期：2026年1月19日</p>"
    "<div class='content'><p>对OPC创业者给予最高50万元补贴，支持一人公司发展。</p>"
    "<p>集聚超级个体，打造OPC社区。</p></div></body></html>"
)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "empty"),
        (b"   \n ", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "PDF"),
        (b"\x00\x01\x02\x03" * 100, "binary"),
        (b"\x1f\x8b\x08\x00truncated", "gzip"),
        (b"<html><head><script>var $_ts=window['$_ts'];</script></head><body></body></html>", "anti-bot"),
        (b"<html><body><script>document.cookie='__jsl_clearance=1';</script></body></html>", "anti-bot"),
        (
            "<html><body><div id='1'><script type='text/xml'><datastore><recordset>"
            "<record><![CDATA[<li><a href='/art/2026/1/1/art_1_2.html'>标题</a></li>]]></record>"
            "</recordset></datastore></script></div></body></html>".encode(),
            "list page",
        ),
        (b"<html><head><title>x</title></head><body>   </body></html>", "no article text"),
    ],
)
def test_bad_input_raises_parse_error(body: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message) as info:
        parse_document(body, url=URL, source_id="t")
    assert URL in str(info.value)


def test_gbk_bytes_labelled_utf8_are_read_with_a_warning() -> None:
    body = ARTICLE.format(cs="utf-8").encode("gbk")
    policy = parse_document(body, url=URL, source_id="t", headers={"content-type": "text/html; charset=utf-8"})
    assert policy.title == "苏州工业园区OPC扶持政策"
    assert any("not valid UTF-8" in w for w in policy.warnings)
    assert policy.published == date(2026, 1, 19)
    assert policy.relevance.is_opc and policy.amounts[0].value == Decimal(500_000)


def test_utf8_bytes_labelled_gb2312_trust_the_bytes() -> None:
    policy = parse_document(ARTICLE.format(cs="gb2312").encode("utf-8"), url=URL, source_id="t")
    assert policy.title == "苏州工业园区OPC扶持政策"
    assert any("bytes are UTF-8" in w for w in policy.warnings)


def test_gzip_without_content_encoding_and_truncated_utf8() -> None:
    raw = ARTICLE.format(cs="utf-8").encode("utf-8")
    assert parse_document(gzip.compress(raw), url=URL, source_id="t").title == "苏州工业园区OPC扶持政策"
    cut = raw[: raw.index("集聚".encode()) + 1]  # inside a multi-byte character
    policy = parse_document(cut, url=URL, source_id="t")
    assert policy.title == "苏州工业园区OPC扶持政策"
    assert any("truncated" in w for w in policy.warnings)


def test_list_meta_fills_missing_date_and_marks_nothing_partial() -> None:
    body = "<html><body><div><p>" + "对OPC创业者给予支持。" * 5 + "</p></div></body></html>"
    policy = parse_document(body.encode(), url=URL, source_id="t", list_meta={"title": "列表标题", "date": "2026-01-05"})
    assert policy.title == "列表标题" and policy.published == date(2026, 1, 5)
    assert "date taken from the list page" in policy.warnings


def test_missing_date_is_partial_not_an_error() -> None:
    body = "<html><head><title>某市OPC政策</title></head><body><p>" + "支持超级个体创业。" * 5 + "</p></body></html>"
    policy = parse_document(body.encode(), url=URL, source_id="t")
    assert policy.partial and "missing published" in policy.warnings
