"""Table tests for the parser building blocks: regions, amounts, dates, targets, relevance, text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.amounts import extract_amounts, parse_yuan
from parsers.dates import find_dates, parse_date
from parsers.fields import normalize_doc_number
from parsers.normalize import normalize_text
from parsers.regions import find_regions, is_within, region_path, resolve_region
from parsers.relevance import assess_relevance
from parsers.schema import Comparator, Purpose, Qualifier, Script
from parsers.targets import extract_targets


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("苏州", "320500"), ("苏州市", "320500"), ("姑苏", "320500"), ("320500", "320500"),
        ("园区", "320571"), ("SIP", "320571"), ("苏州工业园区", "320571"),
        ("江北新区", "320100Z01"), ("无锡高新区", "320214"), ("新吴区", "320214"),
        ("南通创新区", "320600Z01"), ("镇江新区", "321100Z01"), ("江苏", "320000"),
        ("宿迁市", "321300"), ("昆山", "320583"), ("广东省", "440000"), ("新疆", "650000"),
        ("江苏省苏州市苏州工业园区", "320571"),
    ],
)
def test_resolve_region(text: str, code: str) -> None:
    region = resolve_region(text)
    assert region is not None and region.code == code


def test_region_tree() -> None:
    assert resolve_region("火星") is None and resolve_region("") is None
    assert is_within("320571", "320500") and is_within("320571", "320000") and is_within("320500", "320500")
    assert not is_within("320500", "320571") and not is_within("320100", "320500")
    assert is_within("320100Z01", "320000") and is_within("320599", "320500")  # unknown code: GB prefix
    assert [r.code for r in region_path("320571")] == ["320000", "320500", "320571"]
    assert {r.level for r in map(resolve_region, ["江苏", "苏州", "昆山", "园区"]) if r} == {
        "province", "city", "district", "zone"}
    assert len([r for r in map(resolve_region, [f"{n:02d}0000" for n in range(11, 83)]) if r]) == 34


def test_find_regions_longest_first_in_order_without_weak_aliases() -> None:
    text = "苏州工业园区与南京江北新区、昆山市联动，入驻产业园区和OPC社区；深圳也在推进"
    assert [r.code for r in find_regions(text)] == ["320571", "320100Z01", "320583", "440300"]


@pytest.mark.parametrize(
    ("text", "value"),
    [("1000万", 10_000_000), ("1000万元", 10_000_000), ("2亿", 200_000_000), ("5000000", 5_000_000),
     ("50万元", 500_000), ("5,000,000", 5_000_000), ("１０００万", 10_000_000), ("1.5亿", 150_000_000),
     ("两千万", 20_000_000), ("人民币50万元", 500_000)],
)
def test_parse_yuan(text: str, value: int) -> None:
    assert parse_yuan(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "万元", "5000美元", "2亿人", "约1000万"])
def test_parse_yuan_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="not an amount"):
        parse_yuan(text)


# (text, [(value, unit, currency, low, qualifier)]) — phrasings seen on the development pages; a
# bracketed conversion takes the qualifier of the figure it converts.
AMOUNT_CASES = [
    ("设立10个亿的天使基金", [(1_000_000_000, "money", "CNY", None, Qualifier.TOTAL)]),
    ("可获得千萬元投资", [(10_000_000, "money", "CNY", None, Qualifier.EXACT)]),
    ("人民幣1,000萬元（約新台幣4,600萬元）",
     [(10_000_000, "money", "CNY", None, Qualifier.EXACT), (46_000_000, "money", "TWD", None, Qualifier.EXACT)]),
    ("月收入稳定在2到3万美元之间", [(30_000, "money", "USD", 20_000, Qualifier.RANGE)]),
    ("给予3万-5万元奖励", [(50_000, "money", "CNY", 30_000, Qualifier.RANGE)]),
    ("补贴2000元至5000元", [(5_000, "money", "CNY", 2_000, Qualifier.RANGE)]),
    ("获近2亿元融资", [(200_000_000, "money", "CNY", None, Qualifier.APPROX)]),
    ("年产值超1100亿元", [(110_000_000_000, "money", "CNY", None, Qualifier.AT_LEAST)]),
    ("规模超千亿元", [(100_000_000_000, "money", "CNY", None, Qualifier.AT_LEAST)]),
    ("两千万元和十亿元", [(20_000_000, "money", "CNY", None, Qualifier.EXACT),
                          (1_000_000_000, "money", "CNY", None, Qualifier.EXACT)]),
    ("奖励50万元以上", [(500_000, "money", "CNY", None, Qualifier.AT_LEAST)]),
    ("签下百万元订单", [(1_000_000, "money", "CNY", None, Qualifier.EXACT)]),
    ("总投资约40亿", [(4_000_000_000, "money", "CNY", None, Qualifier.APPROX)]),
    ("不超过算力合同费用的30%", [(30, "percent", "CNY", None, Qualifier.UP_TO)]),
    ("估值10亿美元的独角兽", [(1_000_000_000, "money", "USD", None, Qualifier.EXACT)]),
    ("将打造数十亿美元的公司", [(10_000_000_000, "money", "USD", 1_000_000_000, Qualifier.VAGUE)]),
    ("电话025-83456789，1000万卡时，2万平方米，500个工位，2028年，索引号2026-02-00018", []),
    ("普及率超过70%，同比增长22%", []),
]


@pytest.mark.parametrize(("text", "expected"), AMOUNT_CASES)
def test_extract_amounts(text: str, expected: list) -> None:
    text = normalize_text(text)[0]
    got = [(a.value, a.unit.value, a.currency, a.low, a.qualifier) for a in extract_amounts(text)]
    want = [(Decimal(v), u, c, None if lo is None else Decimal(lo), q) for v, u, c, lo, q in expected]
    assert got == want


def test_amount_period_purpose_and_keys() -> None:
    a1 = extract_amounts("对入驻者每人每月最高给予1000元租房补贴。")[0]
    assert (a1.period, a1.purpose, a1.qualifier) == ("每人每月", Purpose.RENT, Qualifier.UP_TO)
    assert a1.phrase == "对入驻者每人每月最高给予1000元租房补贴"
    k2 = extract_amounts("最高给予2000万元股权投资")[0]
    k3 = extract_amounts("最高给予3000万元股权投资")[0]
    assert k2.key == k3.key and k2.purpose is Purpose.EQUITY
    assert extract_amounts("发放算力券最高50万元")[0].purpose is Purpose.COMPUTE


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-01-19", date(2026, 1, 19)), ("2026年1月19日", date(2026, 1, 19)), ("2024-10-14 10:17", date(2024, 10, 14)),
     ("2026-\n01-\n23", date(2026, 1, 23)), ("2026- 08- 07", date(2026, 8, 7)), ("2026/1/9", date(2026, 1, 9)),
     ("二〇二六年一月十九日", date(2026, 1, 19)), ("发布日期:2025年09月09日", date(2025, 9, 9)),
     ("索引号 2026-02-00018", None), ("2026-13-40", None), ("电话 025-83456789", None)],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_find_dates_in_order() -> None:
    assert find_dates("2025年12月29日印发，2026-01-19施行") == [date(2025, 12, 29), date(2026, 1, 19)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("到2028年打造超50个OPC社区", [(2028, "OPC社区", 50, Comparator.GT)]),
        ("到2028年，新增培育1000家OPC企业", [(2028, "OPC企业", 1000, Comparator.EQ)]),
        ("力争集聚超10000名OPC人才", [(None, "OPC人才", 10000, Comparator.GT)]),
        ("目标到2030年培育引进OPC企业1000家", [(2030, "OPC企业", 1000, Comparator.EQ)]),
        ("到2027年底建成不少于10家OPC社区", [(2027, "OPC社区", 10, Comparator.GE)]),
        ("目前已推出9家OPC园区，提供1500个创业席位", []),  # a fact, not a goal
    ],
)
def test_extract_targets(text: str, expected: list) -> None:
    got = [(t.year, t.metric, t.value, t.comparator) for t in extract_targets(text)]
    assert got == [(y, m, Decimal(v), c) for y, m, v, c in expected]


@pytest.mark.parametrize(
    ("title", "body", "is_opc"),
    [
        ("江苏支持人工智能OPC创新创业", "", True),
        ("", "支持一人公司（OPC）发展，打造超级个体生态。", True),
        ("", "推广OPC UA等工业通信协议，OPC UA是工业互联网标准，OPC-UA设备联网。", False),
        ("关于规范一人有限责任公司登记的通知", "依据《公司法》，一人有限责任公司的股东应当……注册资本……", False),
        ("深入解析一人公司", "根据2013年《公司法》第2(62)条，一人公司只有一名成员，股东承担有限责任，区别于独资企业。", False),
        ("苏州入选TOP10城市", "大赛探索OPC发展新路径。" + "人工智能应用场景创新。" * 30, False),
    ],
)
def test_relevance(title: str, body: str, is_opc: bool) -> None:
    assert assess_relevance(title, body).is_opc is is_opc


def test_normalize_text() -> None:
    text, script = normalize_text("江蘇出臺(tái)12條措施，發（fā）布\n分享到：\n扫一扫在手机打开当前页\n２０２６年ＯＰＣ")
    assert script is Script.TRADITIONAL
    assert text == "江苏出台12条措施，发布\n2026年OPC"
    assert normalize_text("苏州发布OPC政策")[1] is Script.SIMPLIFIED
    assert normalize_doc_number("寧政發(fā)[2022] 133號") == "宁政发〔2022〕133号"


_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    """Render 1..9999 in Chinese numerals (千百十 with 零 gaps), the way documents write them."""
    out, zero = "", False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        d = n // size % 10
        if d:
            out += ("零" if zero and out else "") + _DIGITS[d] + unit
            zero = False
        elif out:
            zero = True
    return out


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=9999),
    scale=st.sampled_from([("万", 10_000), ("亿", 100_000_000)]),
    style=st.sampled_from(["arabic", "grouped", "chinese"]),
    qualifier=st.sampled_from([("最高", Qualifier.UP_TO), ("不低于", Qualifier.AT_LEAST), ("约", Qualifier.APPROX), ("", Qualifier.EXACT)]),
)
def test_amount_round_trip(n: int, scale: tuple[str, int], style: str, qualifier: tuple[str, Qualifier]) -> None:
    number = {"arabic": str(n), "grouped": f"{n:,}", "chinese": _chinese(n)}[style]
    text = f"对符合条件的项目，{qualifier[0]}给予{number}{scale[0]}元补贴。"
    amounts = extract_amounts(text)
    assert len(amounts) == 1, text
    assert amounts[0].value == Decimal(n * scale[1]), text
    assert amounts[0].qualifier is qualifier[1], text
    assert parse_yuan(f"{number}{scale[0]}元") == Decimal(n * scale[1])
