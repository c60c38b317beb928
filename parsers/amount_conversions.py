"""Amounts restated in brackets: a conversion into another currency ("600 million yuan (84
million dollars)", "1억 위안(약 205억원)", "1000万美元（约合7000万元人民币）") states the same amount, so it
shares the amount's qualifier and role; a restatement in words ("₹1,00,000 (one lakh rupees)")
is not a second amount. Used by :mod:`parsers.amounts`.
"""

from __future__ import annotations

import re

from parsers.amount_foreign import Found
from parsers.schema import AmountUnit

__all__ = ["conversions", "without_restatements"]

# "600 million yuan (84 million dollars)", "1억 위안(약 205억원)", "2,000 NDT (hơn 7,6 triệu đồng)",
# "1000万美元（约合7000万元人民币）": the bracket restates the amount before it in another currency.
_CONVERSION_OPEN = re.compile(
    # "2억 위안(한화로 약 380억 원)": the bracket may name the currency it converts into first.
    r"(?P<word>\s*(?:이상|以上|左右|or more))?\s*[（(]\s*(?:(?:한화|원화)(?:로)?\s*)?(?:约合|约|約|折合|合|相当于|about|approximately|approx\.|around|roughly|some|environ|près de|soit|"
    r"unos|unas|aproximadamente|alrededor de|cerca de|rund|etwa|ca\.|tương đương(?: với)?|khoảng|hơn|gần|약|≈|~|"
    r"sekitar|setara|yaklaşık|ประมาณ|около|примерно|約|およそ|ok\.|około|ongeveer|cerca de|ca\.)?\s*",
    re.IGNORECASE,
)


def without_restatements(text: str, found: list[Found]) -> list[Found]:
    """Drop a bracket that restates the amount before it in words: "₹1,00,000 (one lakh rupees)"."""
    kept: list[Found] = []
    for f in found:
        prev = kept[-1] if kept else None
        if (prev is not None and prev[2] == f[2] and prev[5] == f[5] and prev[4] is f[4]
                and re.fullmatch(r"\s*[（(]\s*", text[prev[1] : f[0]])):
            continue
        kept.append(f)
    return kept


def conversions(text: str, found: list[Found]) -> dict[int, int]:
    """{index of a bracketed conversion: offset just past its closing bracket}."""
    converted: dict[int, int] = {}
    for k in range(1, len(found)):
        prev, cur = found[k - 1], found[k]
        if prev[4] is not AmountUnit.MONEY or cur[4] is not AmountUnit.MONEY or prev[5] == cur[5]:
            continue
        opening = _CONVERSION_OPEN.match(text, prev[1], cur[0])
        if opening is None or opening.end() != cur[0] or not re.search(r"[（(]", opening.group(0)):
            continue
        close = re.match(r"[^（）()]{0,16}[）)]", text[cur[1] : cur[1] + 20])
        # The amount's words after it follow the bracket, unless a qualifier sits in between.
        converted[k] = prev[1] if opening.group("word") else cur[1] + (close.end() if close else 0)
    return converted


