"""Bad input gives a clear per-page ParseError or a record flagged partial — never a crash."""

from __future__ import annotations

import pytest

from parsers import ParseError, parse_document, parse_text
from parsers.regions import all_regions, find_regions, is_within, resolve_region

URL = "https://www.example.gov.cn/art/2026/1/1/art_1_1.html"
PARAGRAPH = "<p>对OPC创业者给予最高50万元补贴，支持一人公司发展，集聚超级个体。</p>"


def _page(body: str, charset: str = "utf-8") -> str:
    return f"<html><head><meta charset='{charset}'><title>苏州OPC政策</title></head><body>{body}</body></html>"


def test_ten_megabyte_page_is_read() -> None:
    filler = "<div class='footer'>" + "<a href='/x'>链接</a>" * 20 + "</div>"
    body = _page("<div class='content'>" + PARAGRAPH * 20 + "</div>" + filler * 35_000).encode()
    assert len(body) > 10_000_000
    policy = parse_document(body, url=URL, source_id="t")
    assert policy.relevance.is_opc and policy.amounts


def test_nested_tables_and_no_body_container() -> None:
    nested = "<table><tr><td>" * 60 + PARAGRAPH * 3 + "</td></tr></table>" * 60
    assert parse_document(_page(nested).encode(), url=URL, source_id="t").amounts
    bare = ("<title>苏州OPC政策</title>" + PARAGRAPH * 3).encode()  # no <html>, <body> or article div
    assert parse_document(bare, url=URL, source_id="t").relevance.is_opc


def test_pathologically_deep_nesting_is_a_page_error_or_a_record() -> None:
    deep = ("<div>" * 100_000 + PARAGRAPH + "</div>" * 100_000).encode()
    try:
        policy = parse_document(_page(deep.decode()).encode(), url=URL, source_id="t")
    except ParseError as exc:
        assert URL in str(exc)
    else:
        assert policy.title


@pytest.mark.parametrize("cut", [40, 200, 400])
def test_truncated_html_is_read_or_rejected_with_the_url(cut: int) -> None:
    body = _page("<div class='content'>" + PARAGRAPH * 3 + "</div>").encode()[:cut]
    try:
        policy = parse_document(body, url=URL, source_id="t")
    except ParseError as exc:
        assert URL in str(exc)
    else:
        assert policy.title


def test_wrong_encoding_labels_both_ways() -> None:
    gbk_labelled_utf8 = _page(PARAGRAPH * 3).encode("gbk")
    utf8_labelled_gbk = _page(PARAGRAPH * 3, charset="gbk").encode("utf-8")
    for body in (gbk_labelled_utf8, utf8_labelled_gbk):
        policy = parse_document(body, url=URL, source_id="t")
        assert policy.amounts[0].phrase.startswith("对OPC创业者") and policy.warnings


@pytest.mark.parametrize("text", ["", "   \n\t", "\x00\x01"])
def test_empty_or_binary_text(text: str) -> None:
    try:
        policy = parse_text(text, url=URL)
    except ParseError as exc:
        assert URL in str(exc)
    else:
        assert policy.title


def test_region_table_covers_jiangsu_counties_zones_and_china() -> None:
    jiangsu_counties = [r for r in all_regions() if r.level == "district" and r.code.startswith("32")]
    assert len(jiangsu_counties) == 95  # 55 districts, 21 county-level cities, 19 counties (2024)
    nanjing = [r for r in jiangsu_counties if r.parent_code == "320100"]
    assert len(nanjing) == 11
    provinces = [r for r in all_regions() if r.level == "province"]
    assert len(provinces) == 34
    cities = [r for r in all_regions() if r.level == "city" and not r.code.startswith("32")]
    assert len(cities) >= 280  # every prefecture-level unit outside Jiangsu (municipalities have none)
    for zone, city in (("苏州工业园区", "320500"), ("南京江北新区", "320100"), ("无锡高新区", "320200"),
                       ("南通创新区", "320600"), ("镇江新区", "321100"), ("江宁开发区", "320100"), ("昆山开发区", "320500")):
        region = resolve_region(zone)
        assert region is not None and is_within(region.code, city), zone
    assert resolve_region("延边").name == "延边朝鲜族自治州"  # type: ignore[union-attr]
    # Place names that are also common words are not mentions in running text.
    assert find_regions("朝阳产业与大同理想，中山大学的阿里巴巴") == []
    assert [r.name for r in find_regions("对在皖企业，赴粤参展")] == ["安徽省", "广东省"]


def test_gzip_bomb_is_refused_not_unpacked() -> None:
    import gzip as gzip_module

    from parsers.decode import MAX_UNPACKED

    bomb = gzip_module.compress(b"<p>" + b"0" * (MAX_UNPACKED + 10))
    assert len(bomb) < 100_000  # small on the wire
    with pytest.raises(ParseError, match="unpacks to more than"):
        parse_document(bomb, url="https://www.example.gov.cn/bomb.html", source_id="t")
