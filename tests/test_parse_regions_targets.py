"""Regions (counties, zones, guards) and targets (money, percent, comparators) on written sentences."""

from __future__ import annotations

from decimal import Decimal

import pytest

from parsers.fields import choose_region
from parsers.regions import find_regions, resolve_region
from parsers.schema import DocKind
from parsers.targets import extract_targets


def codes(text: str) -> list[str]:
    return [r.code for r in find_regions(text)]


@pytest.mark.parametrize(("text", "code"), [
    ("杭州市临平区出台OPC扶持政策", "330113"),
    ("义乌市发布创业新政", "330782"),
    ("北京市朝阳区科信局", "110105"),
    ("长春市朝阳区人民政府", "220104"),
    ("深圳南山区模力营", "440305"),
    ("上海临港新片区发布超级个体计划", "310000Z01"),
    ("中国（上海）自由贸易试验区临港新片区管委会", "310000Z01"),
    ("武汉光谷发布OPC十条", "420100Z01"),
    ("天津滨海新区", "120116"),
    ("雄安新区", "130000Z01"),
    ("合肥高新区", "340171"),
])
def test_counties_and_zones(text: str, code: str) -> None:
    assert resolve_region(text).code == code  # type: ignore[union-attr]


def test_zone_parents() -> None:
    assert resolve_region("亦庄").parent_code == "110115"  # type: ignore[union-attr]
    assert resolve_region("临港新片区").parent_code == "310115"  # type: ignore[union-attr]


@pytest.mark.parametrize("text", [
    "王海南表示，将继续支持创业。", "记者王张江说", "黄河南岸的风景", "北京大学的研究团队", "中国银行提供贷款",
    "北京时间3月5日", "江南区域知名门户", "新城区建设加快", "城区道路",
])
def test_not_a_place(text: str) -> None:
    assert codes(text) == []


def test_org_name_does_not_decide() -> None:
    assert codes("南京大学苏州校区举办OPC活动") == ["320500"]


def test_junk_list_is_not_the_region() -> None:
    body = "北京 上海 广东 浙江 江苏 四川\n本站讯，一场创业分享会近日举行，嘉宾交流了创业经验。\n相关新闻\n南京出台OPC政策\n南京发布十条"
    assert choose_region(None, "创业分享会举行", DocKind.NEWS, None, "https://x.invalid/a", body) is None


def test_lead_paragraph_before_body() -> None:
    body = "近日，杭州市余杭区举办OPC创业大赛，余杭区科技局介绍了扶持政策。\n北京、上海也有类似活动。"
    region = choose_region(None, "OPC创业大赛举办", DocKind.NEWS, None, "https://x.invalid/a", body)
    assert region is not None and region.code == "330110"


def test_province_story_is_the_province() -> None:
    region = choose_region(None, "江苏推进人工智能OPC发展", DocKind.NEWS, None, "https://x.invalid/a", "")
    assert region is not None and region.code == "320000"


def one(text: str) -> tuple:
    (t,) = extract_targets(text)
    return t.year, t.metric, t.value, t.comparator.value, t.unit


@pytest.mark.parametrize(("text", "expected"), [
    ("到2027年，数字经济核心产业规模突破5000亿元。", (2027, "数字经济核心产业规模", Decimal("500000000000"), ">", "yuan")),
    ("2026年产业营收达到80亿元。", (2026, "产业营收", Decimal("8000000000"), "=", "yuan")),
    ("到2027年，数字经济增加值占比达到15%。", (2027, "数字经济增加值占比", Decimal(15), "=", "percent")),
    ("力争培育OPC企业100家以上。", (None, "OPC企业", Decimal(100), ">=", None)),
    ("目标建成OPC社区不少于20个。", (None, "OPC社区", Decimal(20), ">=", None)),
    ("到2028年打造超50个OPC社区。", (2028, "OPC社区", Decimal(50), ">", None)),
    ("预计引进人才5000人左右。", (None, "人才", Decimal(5000), "~", None)),
    ("目标集聚约300家OPC企业。", (None, "OPC企业", Decimal(300), "~", None)),
])
def test_targets(text: str, expected: tuple) -> None:
    assert one(text) == expected


@pytest.mark.parametrize("text", [
    "截至2024年底，已建成OPC社区12个。",
    "2024年全市产值达到500亿元，同比增长10%。",
    "到2026年，设立10亿元基金，最高给予500万元补贴。",
])
def test_not_targets(text: str) -> None:
    assert extract_targets(text) == []
