"""Property tests for amounts written in other languages: a number is rendered the way each
language writes it (an independent formatter, much simpler than the reader), put in a sentence,
and must parse back to the same value and currency."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.amounts import extract_amounts


def _group(n: int, sep: str) -> str:
    text = str(n)
    groups = []
    while text:
        groups.insert(0, text[-3:])
        text = text[:-3]
    return sep.join(groups)


def _korean(n: int) -> str:
    """47150000000000 → 47조1천500억: groups of 조/억/만, each written with 천 for thousands."""
    parts = []
    for unit, size in (("조", 10**12), ("억", 10**8), ("만", 10**4), ("", 1)):
        group, n = divmod(n, size)
        if group:
            thousands, rest = divmod(group, 1000)
            parts.append((f"{thousands}천" if thousands else "") + (str(rest) if rest else "") + unit)
    return "".join(parts)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=1000, max_value=999_999_999), sep=st.sampled_from([",", ".", " ", "\u202f"]),
       currency=st.sampled_from([("yuan", "CNY"), ("dollars", "USD"), ("euros", "EUR"), ("đồng", "VND")]))
def test_thousands_separators_of_every_language(n: int, sep: str, currency: tuple[str, str]) -> None:
    word, code = currency
    (amount,) = extract_amounts(f"The programme pays {_group(n, sep)} {word} to each team.")
    assert (amount.value, amount.currency) == (Decimal(n), code)


@settings(max_examples=200, deadline=None)
@given(whole=st.integers(min_value=1, max_value=999), tenth=st.integers(min_value=1, max_value=9),
       scale=st.sampled_from([("million", "millions de", 10**6), ("billion", "milliards de", 10**9)]),
       french=st.booleans())
def test_decimal_scale_words(whole: int, tenth: int, scale: tuple[str, str, int], french: bool) -> None:
    english, french_word, size = scale
    written = f"{whole},{tenth} {french_word} yuans" if french else f"{whole}.{tenth} {english} yuan"
    (amount,) = extract_amounts(f"La ville a débloqué {written}." if french else f"The city set aside {written}.")
    assert amount.value == (Decimal(whole) + Decimal(tenth) / 10) * size


@settings(max_examples=300, deadline=None)
@given(n=st.integers(min_value=1, max_value=99_999_999).map(lambda k: k * 10_000),
       currency=st.sampled_from([("위안", "CNY"), ("원", "KRW"), ("달러", "USD")]))
def test_korean_numerals(n: int, currency: tuple[str, str]) -> None:
    word, code = currency
    (amount,) = extract_amounts(f"정부는 총 {_korean(n)} {word}을 지원한다")
    assert (amount.value, amount.currency) == (Decimal(n), code)


@settings(max_examples=200, deadline=None)
@given(low=st.integers(min_value=1, max_value=400), width=st.integers(min_value=1, max_value=400),
       form=st.sampled_from(["{lo} to {hi} million yuan", "de {lo} à {hi} millions de yuans",
                             "entre {lo} y {hi} millones de yuanes", "từ {lo} đến {hi} triệu nhân dân tệ"]))
def test_ranges_whose_low_end_borrows_the_scale(low: int, width: int, form: str) -> None:
    high = low + width
    (amount,) = extract_amounts("Subsidies: " + form.format(lo=low, hi=high) + ".")
    assert (amount.low, amount.value, amount.qualifier.value) == (Decimal(low * 10**6), Decimal(high * 10**6), "range")
