"""Property tests: random amounts rendered the way Chinese policy texts write them parse back.

cn2an (a maintained Chinese-numeral library) is the oracle for the canonical Chinese numerals
it accepts; the colloquial forms it rejects (10个亿, 千万, 1,000万) are checked against the
integer they were rendered from.
"""

from __future__ import annotations

from decimal import Decimal

import cn2an
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.amounts import extract_amounts
from parsers.numbers import cn_number
from parsers.schema import Qualifier

_SCALES = [("万", 10_000), ("亿", 100_000_000)]
_QUALIFIERS = [
    ("最高", Qualifier.UP_TO), ("不超过", Qualifier.UP_TO), ("高达", Qualifier.UP_TO),
    ("不低于", Qualifier.AT_LEAST), ("超过", Qualifier.AT_LEAST),
    ("总规模", Qualifier.TOTAL), ("约", Qualifier.APPROX), ("", Qualifier.EXACT),
]
_LEADS = ["对符合条件的OPC项目，", "经认定后，单个项目", "人民币", ""]
_TAILS = ["支持。", "奖励，分两期拨付。", "补贴（每年）。", "。"]


@settings(max_examples=300, deadline=None)
@given(n=st.integers(min_value=1, max_value=99_999_999))
def test_chinese_numerals_agree_with_cn2an(n: int) -> None:
    rendered = cn2an.an2cn(n, "low")  # 一千二百三十四万五千六百七十八
    assert cn_number(rendered) == Decimal(int(cn2an.cn2an(rendered, "normal")))


@settings(max_examples=300, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=9_999),
    scale=st.sampled_from(_SCALES),
    style=st.sampled_from(["arabic", "grouped", "chinese", "colloquial", "decimal"]),
    qualifier=st.sampled_from(_QUALIFIERS),
    lead=st.sampled_from(_LEADS),
    tail=st.sampled_from(_TAILS),
)
def test_rendered_amount_parses_back(
    n: int, scale: tuple[str, int], style: str, qualifier: tuple[str, Qualifier], lead: str, tail: str,
) -> None:
    word, size = scale
    expected = Decimal(n * size)
    if style == "arabic":
        number = f"{n}{word}"
    elif style == "grouped":
        number = f"{n:,}{word}"
    elif style == "chinese":
        number = cn2an.an2cn(n, "low") + word
    elif style == "colloquial":
        number = f"{n}个{word}"  # 10个亿
    else:  # 0.5亿 / 12.5万: the same value written with a decimal point one scale up
        number = f"{Decimal(n) / 10}{word}"
        expected = Decimal(n * size) / 10
    text = f"{lead}{qualifier[0]}给予{number}元{tail}"
    money = [a for a in extract_amounts(text) if a.unit.value == "money"]
    assert len(money) == 1, text
    assert money[0].value == expected, text
    assert money[0].currency == "CNY"
    assert money[0].qualifier is qualifier[1], text


@settings(max_examples=200, deadline=None)
@given(low=st.integers(min_value=1, max_value=500), width=st.integers(min_value=1, max_value=500),
       sep=st.sampled_from(["-", "至", "到", "～"]), repeat_unit=st.booleans())
def test_rendered_ranges_parse_back(low: int, width: int, sep: str, repeat_unit: bool) -> None:
    high = low + width
    text = f"给予{low}{'万元' if repeat_unit else ''}{sep}{high}万元补贴。"
    money = extract_amounts(text)
    assert [(a.low, a.value, a.qualifier) for a in money] == [
        (Decimal(low * 10_000), Decimal(high * 10_000), Qualifier.RANGE)
    ], text


@settings(max_examples=100, deadline=None)
@given(digits=st.text(alphabet="0123456789", min_size=7, max_size=11), unit=st.sampled_from(["卡时", "平方米", "个工位", "名", "家"]))
def test_numbers_that_are_not_money_never_become_amounts(digits: str, unit: str) -> None:
    text = f"咨询电话：{digits}。每年提供{digits[:4]}{unit}支持，规模{digits[:3]}万{unit}。"
    assert [a for a in extract_amounts(text) if a.unit.value == "money"] == []


@settings(max_examples=300, deadline=None)
@given(n=st.integers(min_value=1, max_value=99_999_999))
def test_financial_capitals_agree_with_cn2an(n: int) -> None:
    rendered = cn2an.an2cn(n, "up")  # 壹仟贰佰叁拾肆万伍仟陆佰柒拾捌
    assert cn_number(rendered) == Decimal(int(cn2an.cn2an(rendered, "normal")))


@settings(max_examples=300, deadline=None)
@given(low=st.integers(min_value=1, max_value=9_998), width=st.integers(min_value=1, max_value=9_000),
       scale=st.sampled_from(_SCALES), style=st.sampled_from(["low", "up"]),
       sep=st.sampled_from(["到", "至", "-", "～"]), tail=st.sampled_from(["元补助。", "元。", "元的奖励，分两期拨付。"]))
def test_chinese_ranges_borrow_the_high_end_unit(
    low: int, width: int, scale: tuple[str, int], style: str, sep: str, tail: str,
) -> None:
    """三十到五十万元, 两千到三千万元, 伍万至拾万元: each end read by cn2an (the oracle), the 万/亿 of
    the high end applied to both. A one-digit low end pairs with a one-digit high end (三到五万元):
    "三到五十万" is ambiguous and not generated."""
    high = min(low + width, 9 if low < 10 else 9_999)
    if high <= low:
        return
    word, size = scale
    lo_cn, hi_cn = cn2an.an2cn(low, style), cn2an.an2cn(high, style)
    text = f"对入驻团队给予{lo_cn}{sep}{hi_cn}{word}{tail}"
    oracle = (Decimal(int(cn2an.cn2an(lo_cn, "normal"))) * size, Decimal(int(cn2an.cn2an(hi_cn, "normal"))) * size)
    money = [a for a in extract_amounts(text) if a.unit.value == "money"]
    assert [(a.low, a.value, a.qualifier) for a in money] == [(*oracle, Qualifier.RANGE)], text


@settings(max_examples=200, deadline=None)
@given(digit=st.sampled_from(list("一二三四五六七八九") + ["数", "几", "上"]),
       magnitude=st.sampled_from([("十万", 100_000), ("百万", 1_000_000), ("千万", 10_000_000), ("亿", 100_000_000),
                                  ("十亿", 10**9), ("百亿", 10**10)]))
def test_vague_amounts_are_bounds_never_figures(digit: str, magnitude: tuple[str, int]) -> None:
    word, size = magnitude
    money = [a for a in extract_amounts(f"项目带动社会投资{digit}{word}元。") if a.unit.value == "money"]
    assert len(money) == 1
    if digit in "数几上":
        assert (money[0].qualifier, money[0].low, money[0].value) == (Qualifier.VAGUE, size, size * 10)
    else:
        assert (money[0].qualifier, money[0].value) != (Qualifier.VAGUE, None)
        assert money[0].value == int(cn2an.cn2an(digit + word, "normal"))
