"""Forms found missing on a fresh set of real pages the parser had never seen (sentences written
for these tests): percentage ranges, money without 元 named by what it buys or owes, 个亿 in
speech, a county's short name before a zone word, a photo caption naming another province, goals
continued in a paragraph that starts with 同时, and a fact clause after a goal clause.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from parsers import parse_text
from parsers.amounts import extract_amounts
from parsers.regions import find_regions
from parsers.schema import AmountUnit, Comparator, Qualifier
from parsers.targets import extract_targets


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("对示范项目按投资额给予10%—30%补助。", [(Decimal(30), Decimal(10))]),
        ("按设备投资给予15-25%的一次性补贴。", [(Decimal(25), Decimal(15))]),
        ("补贴比例为研发费用的5%至10%。", [(Decimal(10), Decimal(5))]),
    ],
)
def test_percentage_ranges_are_one_ratio_with_a_low_end(text: str, expected: list[tuple[Decimal, Decimal]]) -> None:
    got = [(a.value, a.low) for a in extract_amounts(text) if a.unit is AmountUnit.PERCENT]
    assert got == expected
    assert all(a.qualifier is Qualifier.RANGE for a in extract_amounts(text))


def test_a_growth_range_is_not_a_support_ratio() -> None:
    assert extract_amounts("预计全年订单增长20-30%。") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("他用公司账户买了辆80万的轿车。", Decimal(800_000)),
        ("公司拖欠供应商450万货款。", Decimal(4_500_000)),
        ("区里为这些创业者掏了五个亿。", Decimal(500_000_000)),
    ],
)
def test_money_without_yuan_named_by_what_it_pays(text: str, value: Decimal) -> None:
    assert [a.value for a in extract_amounts(text)] == [value]


@pytest.mark.parametrize("text", ["平台注册用户300万人。", "全年接待游客450万人次。"])
def test_counts_in_wan_stay_counts(text: str) -> None:
    assert extract_amounts(text) == []


def test_a_short_county_name_before_a_zone_word_names_the_county() -> None:
    assert [r.code for r in find_regions("萧山经济技术开发区发布新政")] == ["330109"]
    assert [r.code for r in find_regions("省级高新区")] == []  # 省级 is no county


def test_a_photo_caption_does_not_give_a_national_story_a_province() -> None:
    text = ("八部门印发实施意见\n"
            "国家多部门近日联合印发人工智能产业实施意见。图为机器人在湖南长沙一家工厂装配零件。（新华社）\n"
            "意见提出，到2027年，推广500个典型应用场景，打造100个高质量数据集。")
    doc = parse_text(text, url="https://news.example.com/a.html")
    assert doc.region_code in (None, "100000")


def test_a_paragraph_opening_with_tongshi_continues_the_goals_before_it() -> None:
    text = "到2028年，全市算力产业规模力争突破800亿元。\n\n同时，培育3家左右领航企业，打造20个以上特色园区。"
    got = {(t.year, t.value, t.comparator) for t in extract_targets(text)}
    assert {(2028, Decimal(3), Comparator.APPROX), (2028, Decimal(20), Comparator.GE)} <= got


def test_a_paragraph_without_a_continuation_word_does_not_inherit_the_year() -> None:
    text = "到2028年，全市算力产业规模力争突破800亿元。\n\n园区现有企业300家。"
    assert all(t.value != 300 for t in extract_targets(text))


def test_a_fact_clause_after_a_goal_clause_is_no_target() -> None:
    text = "社区的目标是孵化超500家OPC团队，目前已迎来首批36家一人公司入驻。"
    got = [(t.value, t.comparator) for t in extract_targets(text)]
    assert got == [(Decimal(500), Comparator.GT)]


def test_partners_named_in_an_english_goal_sentence_are_no_target() -> None:
    text = ("In March 2026 the city bureau, along with four other agencies, unveiled measures explicitly "
            "targeting AI start-ups.")
    assert extract_targets(text) == []


def test_a_heading_counting_opc_communities_is_one_goal_not_two() -> None:
    text = "200 OPC communities by 2029\nThe province plans to build 200 OPC communities by 2029."
    got = {(t.year, t.metric, t.value) for t in extract_targets(text)}
    assert got == {(2029, "OPC社区", Decimal(200))}


def test_korean_modifiers_of_incubation_and_brokerage_are_translated() -> None:
    text = "2029년까지 200명 이상의 전문 인큐베이션 팀을 구성하고 50개 이상의 협력 중개 서비스 기관을 육성한다."
    got = {(t.year, t.metric, t.value) for t in extract_targets(text)}
    assert got == {(2029, "专业孵化团队", Decimal(200)), (2029, "合作中介服务机构", Decimal(50))}
