"""Table tests for the tricky phrasings the corpus README lists: amounts, targets, dates, titles.

The extractors are fed normalized text (simplified, widths folded) as parse_document and
parse_text feed them; a few traditional forms are kept where the reader handles them itself.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from parsers import parse_text
from parsers.amounts import extract_amounts
from parsers.dates import resolve_date
from parsers.schema import Comparator, Qualifier
from parsers.targets import extract_targets
from parsers.textpage import pick_title

Q = Qualifier


@pytest.mark.parametrize(
    ("text", "expected"),  # (value, currency, qualifier, low) for every amount, in order
    [
        ("设立10个亿的产业基金", [(1_000_000_000, "CNY", Q.TOTAL, None)]),
        # A conversion in brackets takes the qualifier of the figure it converts (its 約 rounds the rate).
        ("人民幣1,000萬元（約新台幣4,600萬元）", [(10_000_000, "CNY", Q.EXACT, None), (46_000_000, "TWD", Q.EXACT, None)]),
        ("单个项目最高给予两千万元支持", [(20_000_000, "CNY", Q.UP_TO, None)]),
        ("年營業收入超千萬的優質企業", [(10_000_000, "CNY", Q.AT_LEAST, None)]),
        # 上亿 (upwards of 1亿) is vague since 1.7.0: low and value are the bounds 1亿 and 10亿.
        ("孕育出千万元乃至上亿元估值", [(10_000_000, "CNY", Q.EXACT, None), (1_000_000_000, "CNY", Q.VAGUE, 100_000_000)]),
        ("给予2000元至5000元补贴", [(5000, "CNY", Q.RANGE, 2000)]),
        ("奖励3万-5万元", [(50_000, "CNY", Q.RANGE, 30_000)]),
        ("月收入稳定在2到3万美元之间", [(30_000, "USD", Q.RANGE, 20_000)]),
        ("总投资约40亿,建成后", [(4_000_000_000, "CNY", Q.APPROX, None)]),
        ("园区企业总产值达2億元", [(200_000_000, "CNY", Q.TOTAL, None)]),
        ("targeting an output of 200 billion yuan by 2028", [(200_000_000_000, "CNY", Q.EXACT, None)]),
        ("a valuation of over US$1.5 billion", [(1_500_000_000, "USD", Q.AT_LEAST, None)]),
        # Not money: phone numbers, compute hours, areas, counts, years, vague amounts, size classes.
        ("咨询电话：025-83456789，每年提供不少于2000卡时的免费算力", []),
        ("规划2万平方米空间、近500个工位", []),
        ("年总产值达数百亿元，培育超亿级企业10家、超10亿级企业5家", [(100_000_000_000, "CNY", Q.VAGUE, 10_000_000_000)]),
        ("千万不要错过2026年的机会", []),
        ("一个人+一万块GPU", []),
    ],
)
def test_amount_table(text: str, expected: list) -> None:
    got = [(a.value, a.currency, a.qualifier, a.low) for a in extract_amounts(text) if a.unit.value == "money"]
    assert got == [(Decimal(v), c, q, None if lo is None else Decimal(lo)) for v, c, q, lo in expected]


@pytest.mark.parametrize(
    ("text", "percent", "qualifier"),
    [
        ("按不超过算力合同费用的30%给予用户企业补贴", 30, Q.UP_TO),
        ("对算力使用给予最高30%的补贴", 30, Q.UP_TO),
        ("使用算力服务费用的50%给予最高20万元补助", 50, Q.EXACT),
    ],
)
def test_support_percentages_are_kept(text: str, percent: int, qualifier: Qualifier) -> None:
    ratios = [a for a in extract_amounts(text) if a.unit.value == "percent"]
    assert [(a.value, a.qualifier) for a in ratios] == [(Decimal(percent), qualifier)]


def test_growth_rates_are_not_support_ratios() -> None:
    assert extract_amounts("2023年上半年相关园区研发投入同比增长22%。") == []


@pytest.mark.parametrize(
    ("text", "expected"),  # (year, metric contained in the read metric, value, comparator)
    [
        ("到2028年打造超50个OPC社区", [(2028, "OPC社区", 50, Comparator.GT)]),
        ("到2028年，建成百个人工智能OPC生态社区，培育千家标杆企业，集聚万名创新创业人才",
         [(2028, "OPC生态社区", 100, Comparator.EQ), (2028, "标杆企业", 1000, Comparator.EQ),
          (2028, "创新创业人才", 10000, Comparator.EQ)]),
        ("2026年，先行培育10个具有引领效应的OPC生态社区", [(2026, "OPC生态社区", 10, Comparator.EQ)]),
        ("明确到2027年底，建成超10家面积均不少于1万平方米、全国领先的OPC社区", [(2027, "OPC社区", 10, Comparator.GT)]),
        ("目标到2030年培育引进OPC企业1000家、集聚人才5000名", [(2030, "OPC企业", 1000, Comparator.EQ), (2030, "人才", 5000, Comparator.EQ)]),
        ("到2023年，成为新高地。力争集聚人工智能企业超1000家。", [(2023, "人工智能企业", 1000, Comparator.GT)]),
        ("到2027年:智能终端、智能体普及率超过 70%", [(2027, "普及率", 70, Comparator.GT)]),
        ("预计3年后园区入驻企业达到30家", [(None, "入驻企业", 30, Comparator.EQ)]),
        ("By the end of 2027, Shenzhen aims to establish over 10 OPC communities, each with a minimum area of 10,000 square meters",
         [(2027, "OPC社区", 10, Comparator.GT)]),
        # Facts are not goals.
        ("截至2024年底，园区聚集人工智能相关企业超1800家", []),
        ("目前首期已推出9家OPC园区，提供2万方载体和1500个创业席位", []),
        ("发布北京首个人工智能OPC服务计划，提供最高三年租金减免、千套人才公寓配套", []),
    ],
)
def test_target_table(text: str, expected: list) -> None:
    got = extract_targets(text)
    assert len(got) == len(expected), got
    for t, (year, metric, value, cmp) in zip(got, expected, strict=True):
        assert (t.year, t.value, t.comparator) == (year, Decimal(value), cmp) and metric in t.metric, t


def test_the_same_goal_stated_twice_is_one_target() -> None:
    lead = "到2028年，建成百个OPC生态社区。\n"
    assert len(extract_targets(lead + "正文。\n" + lead)) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1月19日,江苏出台12条措施", date(2026, 1, 19)),
        ("12月31日,大会在扬州举行", date(2025, 12, 31)),  # a January article looking back
        ("去年11月23日，南京推出首个OPC社区", date(2025, 11, 23)),
        ("发布于[2026-01-19]", date(2026, 1, 19)),
        ("（二〇二六年一月十九日）", date(2026, 1, 19)),
        ("2026-\n01-\n23", date(2026, 1, 23)),
        ("索引号：2026-02-00018", None),
        ("2月30日", None),
    ],
)
def test_dates_resolved_against_publication(text: str, expected: date | None) -> None:
    assert resolve_date(text, date(2026, 1, 20)) == expected


def test_yearless_effective_date_takes_the_publication_year() -> None:
    policy = parse_text("关于印发某某办法的通知\n本办法自3月1日起施行。", url="https://x.invalid/a", published=date(2026, 2, 10))
    assert policy.effective_from == date(2026, 3, 1)


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (["2026-03-16 22:26:14", "广东支持人工智能OPC创新发展"], "广东支持人工智能OPC创新发展"),
        (["午夜论坛丨无码丨av在线丨毛片丨夜夜丨伊人", "Network", "当前位置:主页 > 新闻中心 >", "杭州:实施意见", "正文"], "杭州:实施意见"),
        (["苏州招商引资", "苏州工业园区推出人工智能产业发展三年行动计划", "正文。"], "苏州工业园区推出人工智能产业发展三年行动计划"),
        (["苏州市人民政府办公室文件", "苏府办〔2024〕140号", "市政府办公室关于印发苏州市加快推动", "“人工智能+”应用行动方案的通知", "各县级市(区)人民政府:"],
         "市政府办公室关于印发苏州市加快推动“人工智能+”应用行动方案的通知"),
        (["1", "“一人公司”的时代,真的要来了?", "正文"], "“一人公司”的时代,真的要来了?"),
    ],
)
def test_title_skips_chrome_and_joins_split_titles(lines: list[str], title: str) -> None:
    assert pick_title(lines)[0] == title


@pytest.mark.parametrize(
    ("title", "issuer"),
    [
        ("江苏省人民政府办公厅关于印发江苏省支持人工智能OPC创新创业的若干措施的通知", "江苏省人民政府办公厅"),
        ("南京市江北新区管理委员会关于印发《支持OPC一人公司发展十条措施》的通知", "南京市江北新区管理委员会"),
        ("苏州工业园区管委会关于支持OPC发展的若干意见", "苏州工业园区管委会"),
        ("省科技厅、省财政厅关于组织申报2026年度项目的通知", "省科技厅、省财政厅"),
        ("苏州工业园区出台系列政策支持人工智能OPC创新创业", None),
        ("关于做好2026年春运工作的通知", None),
    ],
)
def test_issuer_read_from_the_title_of_a_document(title: str, issuer: str | None) -> None:
    from parsers.fields import issuer_from_title

    assert issuer_from_title(title) == issuer
