"""Goals as plans and news state them (sentences written for these tests): recurring and 三年内
goals, this year's goals, years in Chinese numerals and plan ends, money goals after growth rates,
goal lists under an introducing line, and goals in Korean, Japanese, English, German, Vietnamese
and Russian.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from parsers.schema import Comparator
from parsers.targets import extract_targets


@pytest.mark.parametrize(
    ("text", "start_year", "expected"),
    [
        ("每年发布不少于80个应用场景。", None, [(None, "应用场景", 80, Comparator.GE)]),
        ("到2027年，集聚OPC 1500家；每年新增OPC不少于300家。", None,
         [(2027, "OPC", 1500, Comparator.EQ), (None, "OPC", 300, Comparator.GE)]),
        ("力争三年内培育超级个体5000名。", 2026, [(2029, "超级个体", 5000, Comparator.EQ)]),
        ("力争三年内培育超级个体5000名。", None, [(None, "超级个体", 5000, Comparator.EQ)]),
        ("力争到二〇二七年，集聚OPC企业八百家以上。", None, [(2027, "OPC企业", 800, Comparator.GE)]),
        ("今年年底前，新区将新增OPC社区4个。", None, [(None, "OPC社区", 4, Comparator.EQ)]),  # 今年: the page's year, none here
    ],
)
def test_recurring_relative_and_numeral_year_goals(
    text: str, start_year: int | None, expected: list[tuple[int | None, str, int, Comparator]],
) -> None:
    got = [(t.year, t.metric, t.value, t.comparator) for t in extract_targets(text, start_year=start_year)]
    assert got == [(y, m, Decimal(v), c) for y, m, v, c in expected]


def test_goals_before_this_years_end_take_the_page_year() -> None:
    got = extract_targets("今年年底前，新区将新增OPC社区4个。", reference_year=2026)
    assert [(t.year, t.metric, t.value) for t in got] == [(2026, "OPC社区", Decimal(4))]


def test_money_goal_after_a_growth_rate_and_not_a_loan_cap() -> None:
    got = extract_targets("2026年主要目标：技术合同成交额增长12%左右，达到180亿元；个人创业担保贷款最高30万元。")
    money = [(t.metric, t.value) for t in got if t.unit == "yuan"]
    assert money == [("技术合同成交额", Decimal(18_000_000_000))]


def test_a_support_ratio_in_a_goal_paragraph_is_not_a_goal() -> None:
    got = extract_targets("计划到2028年建成OPC社区20个。入驻企业购买算力服务可按费用的30%获得补贴。")
    assert [(t.year, t.value) for t in got] == [(2028, Decimal(20))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("구는 2026년 말까지 OPC 기업 300개 이상을 유치하고, 2028년까지 관련 산업 규모를 40억 위안으로 키운다.",
         (2028, "产业规模", 4_000_000_000, Comparator.EQ)),
        ("시는 2027년까지 AI 핵심 산업 규모를 1,200억 위안 이상으로 키우겠다는 계획이다.",
         (2027, "人工智能核心产业规模", 120_000_000_000, Comparator.GE)),
        ("区は2027年までに関連産業の規模を80億元（約1,700億円）超とする目標を掲げた。",
         (2027, "产业规模", 8_000_000_000, Comparator.GT)),
    ],
)
def test_korean_and_japanese_money_goals(text: str, expected: tuple[int, str, int, Comparator]) -> None:
    money = [(t.year, t.metric, t.value, t.comparator) for t in extract_targets(text) if t.unit == "yuan"]
    year, metric, value, comparator = expected
    assert money == [(year, metric, Decimal(value), comparator)]


def test_english_number_words_and_this_year() -> None:
    text = ("The zone aims to host 2,000 OPCs and at least five OPC communities by the end of 2027. "
            "It will also open 150 application scenarios to OPCs this year.")
    got = {(t.year, t.metric, t.value, t.comparator) for t in extract_targets(text, reference_year=2026)}
    assert (2027, "OPC社区", Decimal(5), Comparator.GE) in got
    assert (2026, "应用场景", Decimal(150), Comparator.EQ) in got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("其中，杭州计划到今年年底把OPC社区增加到60个。", [(2026, "OPC社区", 60)]),
        ("今年全区将新建4个OPC社区，力争集聚OPC企业超过600家。", [(2026, "OPC社区", 4), (2026, "OPC企业", 600)]),
        ("今年，某市计划扶持高校毕业生创业3000人以上。", [(2026, "扶持高校毕业生创业", 3000)]),
        ("今年将与十二个技术法人合作，预计培育至少一千人次AI应用人才。", [(2026, "AI应用人才", 1000)]),
    ],
)
def test_goals_for_this_year_in_news(text: str, expected: list[tuple[int, str, int]]) -> None:
    got = [(t.year, t.metric, t.value) for t in extract_targets(text, reference_year=2026)]
    assert got == [(y, m, Decimal(v)) for y, m, v in expected]


@pytest.mark.parametrize(
    ("text", "reference_year", "expected"),
    [
        # A year already past states a fact, even with 达到.
        ("2020年，全省数字经济规模达到1.12万亿元。到2025年，全省数字经济规模突破1.8万亿元。", 2021,
         [(2025, 1_800_000_000_000)]),
        ("到2027年，全市将建成孵化基地50个，每年扶持大学生创业1万人以上。", 2026, [(2027, 50), (None, 10_000)]),
        ("全年力争新增智能算力100EFLOPS以上。", 2026, [(2026, 100)]),
        ("力争到2027年，全市Robotaxi运营车辆超过3000辆。", 2026, [(2027, 3000)]),
    ],
)
def test_past_facts_recurring_goals_and_vehicles(text: str, reference_year: int, expected: list[tuple[int | None, int]]) -> None:
    got = [(t.year, t.value) for t in extract_targets(text, reference_year=reference_year)]
    assert got == [(y, Decimal(v)) for y, v in expected]


def test_hyphenated_and_vietnamese_goals() -> None:
    got = {(t.year, t.metric, t.value) for t in extract_targets(
        "Bis 2027 will Lingang 15 OPC-Communitys aufbauen. Hàng Châu phấn đấu có 120 cộng đồng OPC vào năm 2028.")}
    assert (2027, "OPC社区", Decimal(15)) in got and (2028, "OPC社区", Decimal(120)) in got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("某区支持OPC发展三年行动计划（2026—2028年）\n到行动期末，全区集聚OPC企业800家以上。",
         [(2028, "OPC企业", 800, Comparator.GE)]),
        ("今后三年，全市培育超级个体4000名。", [(2029, "超级个体", 4000, Comparator.EQ)]),  # start year 2026
        ("市は28年までにOPCを1,500社以上育成する。", [(2028, "OPC企业", 1500, Comparator.GE)]),
        ("К 2027 году край намерен привлечь свыше 15 тыс. предпринимателей. Первые уже приехали.",
         [(2027, "创业者", 15_000, Comparator.GT)]),
        ("The city aims to build 25+ OPC communities by 2028.", [(2028, "OPC社区", 25, Comparator.GE)]),
        # A bilingual post states its goal twice; it is one goal.
        ("The target: 400+ OPCs in the district by end-2027.\n目标：到2027年底，集聚OPC企业400家以上。",
         [(2027, "OPC企业", 400, Comparator.GE)]),
    ],
)
def test_plan_ends_spans_short_years_and_bilingual_goals(
    text: str, expected: list[tuple[int | None, str, int, Comparator]],
) -> None:
    got = [(t.year, t.metric, t.value, t.comparator) for t in extract_targets(text, start_year=2026)]
    assert got == [(y, m, Decimal(v), c) for y, m, v, c in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("到2027年，全市要实现以下目标：\n1.培育OPC企业900家；\n2.建成OPC社区18个。\n二、重点任务\n1.建设平台5个。",
         [(2027, "OPC企业", 900), (2027, "OPC社区", 18)]),
        ("到2027年，主要目标如下：\n——OPC企业达到1200家；\n——OPC社区达到25个。\n对新认定的社区给予奖励。",
         [(2027, "OPC企业", 1200), (2027, "OPC社区", 25)]),
        ("主要目标：到2028年\n• 新增OPC 700家\n• OPC社区35个", [(2028, "OPC", 700), (2028, "OPC社区", 35)]),
        ("By 2027, the city aims to:\n- build 90 OPC communities;\n- attract 4,000 OPCs.\nOther news: a start-up raised money.",
         [(2027, "OPC社区", 90), (2027, "OPC", 4000)]),
    ],
)
def test_goal_lists_under_an_introducing_line(text: str, expected: list[tuple[int, str, int]]) -> None:
    got = [(t.year, t.metric, t.value) for t in extract_targets(text)]
    assert got == [(y, m, Decimal(v)) for y, m, v in expected]


def test_a_year_then_a_doubling_to_a_figure_and_a_past_years_figure() -> None:
    goals = extract_targets("2027年，全市OPC企业数量较2025年翻一番，达到1800家。", reference_year=2026)
    assert [(t.year, t.metric, t.value) for t in goals] == [(2027, "OPC企业", Decimal(1800))]
    assert extract_targets("2025年，全市数字经济规模达到1.2万亿元，同比增长8%。", reference_year=2026) == []
