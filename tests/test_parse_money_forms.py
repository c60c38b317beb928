"""A table of money forms, each in a sentence written for this test (issue #8, numerals part).

Each row is parsed as a page (``parse_text``: title line + the sentence), so normalization
(traditional → simplified, full-width digits) runs as it does on a crawled page. A row lists
the money amounts expected as (value, low, currency, qualifier); a qualifier of None is not
checked. ``UNPARSED`` rows must give no money amount and an "unparsed amount: …" warning: a
phrase that cannot be read is reported, never turned into a wrong number.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from parsers import parse_text
from parsers.schema import AmountUnit, Qualifier

R, V, U, A = Qualifier.RANGE, Qualifier.VAGUE, Qualifier.UP_TO, Qualifier.AT_LEAST
Row = tuple[float | int, float | int | None, str, Qualifier | None]
UNPARSED: list[Row] = []


def _c(value: float | int, low: float | int | None = None, cur: str = "CNY", q: Qualifier | None = None) -> Row:
    return (value, low, cur, q)


CASES: list[tuple[str, list[Row]]] = [
    # financial capitals (大写)
    ("本项目奖励金额为叁拾伍万元整。", [_c(350_000)]),
    ("經評審給予貳佰萬圓一次性補助。", [_c(2_000_000)]),
    ("本次采购合同价款柒仟元。", [_c(7_000)]),
    ("区财政出资设立壹亿元天使投资基金。", [_c(100_000_000)]),
    ("获奖团队奖金人民币壹拾贰万伍仟元整。", [_c(125_000)]),
    ("核定补助金额伍万零捌佰元。", [_c(50_800)]),
    ("对认定的项目最高资助贰仟万元。", [_c(20_000_000, q=U)]),
    ("合同总金额为人民币陆仟伍佰元整。", [_c(6_500)]),
    ("首批拨付叁佰肆拾万元专项资金。", [_c(3_400_000)]),
    ("一等奖奖金參拾萬元。", [_c(300_000)]),
    # 角 and 分
    ("每人补贴十二万三千四百元五角。", [_c(123_400.5)]),
    ("短信服务收费每条3元5角。", [_c(3.5)]),
    ("本期拨付壹万贰仟叁佰肆拾伍元陆角柒分。", [_c(12_345.67)]),
    ("误餐补助标准为每人每天五十元五角。", [_c(50.5)]),
    ("退还押金贰佰元零伍分。", [_c(200.05)]),
    # 个亿
    ("该企业计划投资三个亿建设算力中心。", [_c(300_000_000)]),
    ("两个亿的产业基金已经全部到位。", [_c(200_000_000)]),
    ("引导社会资本投入10个亿。", [_c(1_000_000_000)]),
    ("市里设立一个亿的种子基金。", [_c(100_000_000)]),
    # 万亿
    ("全省数字经济规模达1.2万亿元。", [_c(1_200_000_000_000)]),
    ("全市工业总产值突破两万亿元。", [_c(2_000_000_000_000, q=A)]),
    ("预计核心产业营收超过3万亿元。", [_c(3_000_000_000_000, q=A)]),
    # ranges whose low end borrows the unit of the high end
    ("对入驻团队给予三十到五十万元补助。", [_c(500_000, 300_000, q=R)]),
    ("项目融资规模两千到三千万元。", [_c(30_000_000, 20_000_000, q=R)]),
    ("计划总投资六百到七百亿元。", [_c(70_000_000_000, 60_000_000_000, q=R)]),
    ("对新认定企业给予3-5万元奖励。", [_c(50_000, 30_000, q=R)]),
    ("按档次给予30至50万元支持。", [_c(500_000, 300_000, q=R)]),
    ("每家企业补贴1万至3万元。", [_c(30_000, 10_000, q=R)]),
    ("奖励二十万到一百万元不等。", [_c(1_000_000, 200_000, q=R)]),
    ("一次性给予5~10万元资助。", [_c(100_000, 50_000, q=R)]),
    ("单个项目投资额1亿—3亿元。", [_c(300_000_000, 100_000_000, q=R)]),
    ("每家给予十万元至二十万元奖励。", [_c(200_000, 100_000, q=R)]),
    ("安排支持资金500万-1000万元。", [_c(10_000_000, 5_000_000, q=R)]),
    ("给予伍万至拾万元补助。", [_c(100_000, 50_000, q=R)]),
    # vague amounts: low and value are bounds, never an exact figure
    ("项目吸引社会资本数十亿元。", [_c(10_000_000_000, 1_000_000_000, q=V)]),
    ("公司去年拿到上千万元的订单。", [_c(100_000_000, 10_000_000, q=V)]),
    ("团队已经完成几百万的融资。", [_c(10_000_000, 1_000_000, q=V)]),
    ("打造数百亿元产业集群。", [_c(100_000_000_000, 10_000_000_000, q=V)]),
    # 近 before a bare magnitude is nearly the round figure: approx, as 近500万 is.
    ("全年发放补贴近千万元。", [_c(10_000_000, q=Qualifier.APPROX)]),
    ("带动社会投资上亿元。", [_c(1_000_000_000, 100_000_000, q=V)]),
    ("优秀项目可获得数万元的奖励。", [_c(100_000, 10_000, q=V)]),
    ("去年获得几十万元天使投资。", [_c(1_000_000, 100_000, q=V)]),
    # foreign currencies stay foreign
    ("该公司完成5亿美元B轮融资。", [_c(500_000_000, cur="USD")]),
    ("获得1,000万美元战略投资。", [_c(10_000_000, cur="USD")]),
    ("在香港募集资金3亿港元。", [_c(300_000_000, cur="HKD")]),
    ("引进外资2000万欧元。", [_c(20_000_000, cur="EUR")]),
    ("获得50億日元融資。", [_c(5_000_000_000, cur="JPY")]),
    ("台湾团队获得新台幣300萬元補助。", [_c(3_000_000, cur="TWD")]),
    # Arabic numerals with thousands separators
    ("对获奖项目给予1,000万元奖励。", [_c(10_000_000)]),
    ("单个企业最高补贴500,000元。", [_c(500_000, q=U)]),
    ("资助金额为1,234,567.89元。", [_c(1_234_567.89)]),
    ("一次性奖励￥200,000。", [_c(200_000)]),
    # full-width digits
    ("给予５０万元补贴。", [_c(500_000)]),
    ("最高奖励１，０００万元。", [_c(10_000_000, q=U)]),
    ("每月租房补贴２．５万元。", [_c(25_000)]),
    # traditional characters
    ("給予最高500萬元獎勵。", [_c(5_000_000, q=U)]),
    ("設立10億元產業基金。", [_c(1_000_000_000)]),
    ("補貼三十萬至五十萬元。", [_c(500_000, 300_000, q=R)]),
    # English
    ("Each startup receives up to RMB 5 million in subsidies.", [_c(5_000_000, q=U)]),
    ("Winners get a grant of 500,000 yuan.", [_c(500_000)]),
    ("The city set up a fund of 2 billion yuan.", [_c(2_000_000_000)]),
    ("Teams receive between 2 and 3 million yuan.", [_c(3_000_000, 2_000_000, q=R)]),
    ("The company raised USD 3 million in seed funding.", [_c(3_000_000, cur="USD")]),
    # plain forms that must keep working
    ("对符合条件的项目给予20万元奖励。", [_c(200_000)]),
    ("单个项目最高支持1.5亿元。", [_c(150_000_000, q=U)]),
    ("一次性奖励五十万元。", [_c(500_000)]),
    ("给予一百二十万元补助。", [_c(1_200_000)]),
    ("引进项目总投资1亿5千万元。", [_c(150_000_000)]),
    ("安排两千五百万元专项资金。", [_c(25_000_000)]),
    # phrases that cannot be read: a warning, never a number
    ("奖励金额为1,00万元。", UNPARSED),
    ("补贴标准为壹拾拾万元。", UNPARSED),
]


def _money(sentence: str) -> tuple[list[tuple], tuple[str, ...]]:
    policy = parse_text(f"资金支持测试页\n{sentence}", url="https://money.invalid/forms")
    rows = [(a.value, a.low, a.currency, a.qualifier) for a in policy.amounts if a.unit is AmountUnit.MONEY]
    return rows, policy.warnings


def test_table_has_sixty_forms() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:14] for c in CASES])
def test_money_form(sentence: str, expected: list[Row]) -> None:
    rows, warnings = _money(sentence)
    if expected is UNPARSED:
        assert rows == [], rows
        assert any(w.startswith("unparsed amount: ") for w in warnings), warnings
        return
    assert len(rows) == len(expected), rows
    for (value, low, cur, qual), (e_value, e_low, e_cur, e_qual) in zip(rows, expected, strict=True):
        assert value == Decimal(str(e_value)), rows
        assert low == (None if e_low is None else Decimal(str(e_low))), rows
        assert cur == e_cur, rows
        if e_qual is not None:
            assert qual is e_qual, rows
        else:
            assert qual not in (Qualifier.RANGE, Qualifier.VAGUE), rows
