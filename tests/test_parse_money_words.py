"""Money as policy prose and news write it (sentences written for these tests): ratios in words,
Chinese decimals and spoken figures, a Taiwanese page's 元, exchange-rate notes, scale letters and
long-scale billions, qualifiers of lists, conversions and raised caps, budget shares and tax rates.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from parsers.amount_lists import local_currency
from parsers.amounts import extract_amounts, read_amounts
from parsers.schema import AmountUnit, Qualifier


@pytest.mark.parametrize(
    ("text", "percents"),
    [
        ("按实际支出的百分之三十给予补贴，最高10万元", [30]),
        ("按保费的百分之八十给予补助", [80]),
        ("按服务费用的三成给予补贴", [30]),
        ("第一年租金全额补贴，后两年租金减半", []),  # no figure written: not an amount
        ("企业成本下降了三成", []),  # a fact, not a ratio of support
        ("百分之九十的企业表示满意", []),
    ],
)
def test_ratios_written_in_words(text: str, percents: list[int]) -> None:
    got = [a.value for a in extract_amounts(text) if a.unit is AmountUnit.PERCENT]
    assert got == [Decimal(p) for p in percents]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("去年营收约四点五亿元", 450_000_000),
        ("总投资四十二．五亿元", 4_250_000_000),
        ("营收合计约二.六亿元", 260_000_000),
    ],
)
def test_chinese_numerals_with_a_decimal_point(text: str, value: int) -> None:
    assert [a.value for a in extract_amounts(text)] == [Decimal(value)]


def test_a_taiwanese_page_reads_plain_yuan_as_new_taiwan_dollars() -> None:
    text = "經濟部宣布，新創貸款每家最高可貸三千五百萬元，其中新台幣一百萬元為無息。"
    assert local_currency("https://news.example.com.tw/a/1", text) == "TWD"
    assert local_currency("https://www.example.com/a/1", "補助新台幣三十萬元") == "TWD"
    assert local_currency("https://www.example.com/a/1", "補助新台幣三十萬元，約人民幣7萬元") == "CNY"
    amounts, _ = read_amounts("每家最高可贷三千五百万元，人民币部分另计", currency="TWD")
    assert [(a.value, a.currency) for a in amounts] == [(Decimal(35_000_000), "TWD")]
    amounts, _ = read_amounts("最高给予1000万元人民币支持", currency="TWD")
    assert [a.currency for a in amounts] == ["CNY"]  # yuan named after the figure


def test_an_exchange_rate_note_is_not_an_amount() -> None:
    text = "関連産業の規模を100億元（約2,100億円、1元＝約21円）超とする。"
    values = sorted((a.value, a.currency) for a in extract_amounts(text))
    assert (Decimal(1), "CNY") not in values and (Decimal(21), "JPY") not in values
    assert (Decimal(10_000_000_000), "CNY") in values


def test_english_percent_words_are_support_ratios_only_beside_costs() -> None:
    got = extract_amounts("Vouchers will cover up to 30 percent of the cost. Roughly 70 percent of founders are under 35.")
    assert [(a.value, a.unit) for a in got] == [(Decimal(30), AmountUnit.PERCENT)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bound after the last item of an enumeration holds for all of it.
        ("对年营业收入首次达到300万元、800万元、2000万元以上的企业给予奖励",
         [(300, Qualifier.AT_LEAST), (800, Qualifier.AT_LEAST), (2000, Qualifier.AT_LEAST)]),
        ("营收首破200万、600万元的，分别奖励2万、6万元",
         [(200, Qualifier.AT_LEAST), (600, Qualifier.AT_LEAST), (2, Qualifier.EXACT), (6, Qualifier.EXACT)]),
        # A bracketed conversion states the same amount with the same qualifier, its 约 aside.
        ("可申领一次性创业补贴6万元（约6.6万港元）", [(6, Qualifier.EXACT), (6.6, Qualifier.EXACT)]),
        ("每家最高资助80万元（约88万港元）", [(80, Qualifier.UP_TO), (88, Qualifier.UP_TO)]),
        ("1社あたり年間30万元を超えない範囲で補助する", [(30, Qualifier.UP_TO)]),
        ("las empresas con ingresos superiores a 8 millones de yuanes", [(800, Qualifier.AT_LEAST)]),
        ("ihr Umsatz lag 2025 bei knapp 250 Mio. Yuan", [(25_000, Qualifier.APPROX)]),
    ],
)
def test_qualifiers_of_lists_conversions_and_foreign_words(text: str, expected: list[tuple[float, Qualifier]]) -> None:
    got = [(a.value, a.qualifier) for a in extract_amounts(text)]
    assert got == [(Decimal(str(v)) * 10_000, q) for v, q in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("他的公司去年营收一千二百多万", [(12_000_000, Qualifier.AT_LEAST)]),
        ("一年下来营收能做到一千来万", [(10_000_000, Qualifier.APPROX)]),
        ("去年社区企业一共拿到融资三点五亿", [(350_000_000, Qualifier.EXACT)]),
        ("算力补贴一年最多能拿四十万", [(400_000, Qualifier.UP_TO)]),
        ("年内第二次“过亿”融资", [(100_000_000, Qualifier.AT_LEAST)]),
        ("估值已经近亿元", [(100_000_000, Qualifier.APPROX)]),
        ("单个项目投资额最高可达RMB 600万元", [(6_000_000, Qualifier.UP_TO)]),
        ("社区里集聚了五十万人", []),  # a count, not money
        ("视频获得1.5亿浏览量", []),
    ],
)
def test_spoken_and_round_figures(text: str, expected: list[tuple[int, Qualifier]]) -> None:
    assert [(a.value, a.qualifier) for a in extract_amounts(text)] == [(Decimal(v), q) for v, q in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the district's ¥3B AI angel fund", [(3_000_000_000, "CNY")]),
        ("porter le chiffre d'affaires à plus de 200 Mds CNY d'ici 2027", [(200_000_000_000, "CNY")]),
        ("une enveloppe totale de 150 M CNY (19 M EUR)", [(150_000_000, "CNY"), (19_000_000, "EUR")]),
        ("dass die Kernindustrie bis 2030 ein Volumen von über 2 Billionen Yuan erreicht", [(2_000_000_000_000, "CNY")]),
        ("The city set up a fund of 2 billion yuan.", [(2_000_000_000, "CNY")]),
    ],
)
def test_scale_letters_and_long_scale_billions(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(a.value, a.currency) for a in extract_amounts(text)] == [(Decimal(v), c) for v, c in expected]


@pytest.mark.parametrize(
    ("text", "percents"),
    [
        ("安排不低于80%的奖补资金用于中小企业数字化改造", []),  # a share of a budget
        ("减按25%计入应纳税所得额，按20%的税率缴纳企业所得税", []),  # tax rules
        ("按省实际到账补助资金的25%给予补助", [25]),
    ],
)
def test_budget_shares_and_tax_rates_are_not_support_ratios(text: str, percents: list[int]) -> None:
    assert [a.value for a in extract_amounts(text) if a.unit is AmountUnit.PERCENT] == [Decimal(p) for p in percents]


def test_a_raised_cap_is_a_cap() -> None:
    got = [(a.value, a.qualifier) for a in extract_amounts("个人创业担保贷款额度上限由20万元提高至30万元")]
    assert got == [(Decimal(200_000), Qualifier.UP_TO), (Decimal(300_000), Qualifier.UP_TO)]
