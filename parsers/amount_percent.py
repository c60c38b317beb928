"""Percentages that are support ratios: 费用的30%, 最高给予50%, "up to 80% of computing costs",
"jusqu'à 50 % des dépenses", "임대료의 50%를 지원", "yüzde 15'ine kadar", "la moitié de ses dépenses".

A percentage is a ratio of support when support or cost words stand by it; growth and shares
("20–30 % of capacity", 增长15%) are not. Hand-written: conventions of policy prose in each
language. Used by :mod:`parsers.amounts`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from decimal import Decimal

from parsers.amount_foreign import Found
from parsers.numbers import cn_number
from parsers.schema import AmountUnit

__all__ = [
    "HALF_RE", "PERCENT_RE", "half_is_support", "percent_is_support", "percent_ranges", "percent_value", "support_ratios",
    "word_ratios",
]

PERCENT_RE = re.compile(
    r"(?<![\d.])(?P<p>\d+(?:\.\d+)?)\s*(?:%|percent\b|per cent\b|Prozent\b|procent\b|per ?cento\b|por ?ciento\b|pour ?cent\b|процент\w*)"
    r"|yüzde\s*(?P<p2>\d+(?:[.,]\d+)?)"  # Turkish writes the word first: yüzde 15 = 15 %
)
_PERCENT_BEFORE = re.compile(
    r"(?:费用|成本|合同|支出|金额|投资额|租金|价格|投入|总额)[的の]?(?:最高|最大|不超过)?$|给予(?:最高|最大|不超过)?$|按(?:照)?$"
)
_PERCENT_SUPPORT = re.compile(r"补贴|补助|资助|奖励|贴息|减免|给予|支持|补")

# Other languages: "up to 80% of computing costs", "jusqu'à 50 % des dépenses", "hasta el 80 % de
# los costes", "tới 80% chi phí", "최대 30%", "not exceeding 30% of the contract fee".
_FOREIGN_PERCENT_BEFORE = re.compile(
    r"(?:up to|no more than|not exceed(?:ing)?|a maximum of|capped at|covering|cover|jusqu['’]à|plafonnée?s? à|"
    r"hasta(?: el| un)?|un máximo del?|até|bis zu|fino al?|lên tới|lên đến|tới|tối đa|최대)\s*$",
    re.IGNORECASE,
)
_FOREIGN_PERCENT_AFTER = re.compile(
    r"\s*(?:of\s+(?:the\s+|their\s+|its\s+)?[\w\s-]{0,30}?(?:costs?|fees?|expenses?|spending|investment|price|rent)\b|"
    r"des?\s+(?:[\w\s’'-]{0,30}?)(?:coûts|frais|dépenses|costes|costos|gastos|tarifas|custos)\b|"
    r"(?:chi phí|비용|의 비용))",
    re.IGNORECASE,
)


HALF_RE = re.compile(
    r"\b(?:la moitié|la mitad|a metade|metade|die Hälfte|de helft|połowę|half)(?=\s+(?:of|de|des|du|der|do|van)\b)|một nửa|"
    r"(?P<ja>半額)",
    re.IGNORECASE,
)


_FOREIGN_SUPPORT_WORDS = re.compile(
    r"subsid|cost|fee|expens|rent|voucher|coupon|grant|support|reimburs|coût|frais|dépens|subvention|aide|coste|costo|gasto|"
    r"tarifa|ayuda|subvenci|custo|subsídio|Kosten|Zuschuss|Förder|sussid|spese|chi phí|hỗ trợ|trợ cấp|phiếu|비용|지원|보조|"
    r"補助|費用|支援|biaya|subsidi|ค่าใช้จ่าย|อุดหนุน|ค่าเช่า|расход|субсид|компенсац|аренд|affitto|contributo|Miet|sewa|"
    r"tiền thuê|임대료|家賃|賃料|利用料|hibe|destek|yatırım|alquiler|loyer|aluguel|huur|kosten|subsidie|czynsz|koszt|dotacj|"
    r"sewa|kos\b|subsidi|interest|voucher",
    re.IGNORECASE,
)
# Shares and growth are not support: "20–30 % of capacity", "growth of 15%", "Marktanteil".
_GROWTH_WORDS = re.compile(
    r"growth|grow|increase|rise|share|capacity|crecimiento|aumento|cuota|croissance|hausse|Wachstum|Anteil|crescita|"
    r"tăng|pertumbuhan|рост|увелич|доля|artış|büyüme|pay|เติบโต|成長|増加|성장|증가|점유율",
    re.IGNORECASE,
)


# Not ratios of support: a share of a budget ("安排不低于80%的奖补资金用于…") and tax rates.
_NOT_SUPPORT = re.compile(r"^的?(?:奖补|专项|补助)?资金|^的?税率|^计入|^(?:用于|投向)")
_NOT_SUPPORT_BEFORE = re.compile(r"(?:安排|额度)(?:不低于|不高于|不超过)?$|税率$|减按$")


def percent_is_support(text: str, start: int, end: int, sentence_start: int) -> bool:
    """A percentage is a support ratio when support words surround it (费用的30%, 最高30%的补贴,
    "up to 80% of computing costs")."""
    before = text[max(sentence_start, start - 20) : start]
    after = text[end : end + 6]
    if _NOT_SUPPORT.match(after) or _NOT_SUPPORT_BEFORE.search(before):
        return False
    if _PERCENT_BEFORE.search(before) or _PERCENT_SUPPORT.search(after) or _PERCENT_SUPPORT.search(before):
        return True
    if _FOREIGN_PERCENT_AFTER.match(text, end, min(len(text), end + 60)):
        return True
    # "up to 30%" is a ratio of support only where the sentence speaks of support or costs
    # ("up to 30% faster" is not); without "up to", support or cost words must stand right by it
    # ("el subsidio será del 50 %", "임대료의 50%를 지원", "компенсацию аренды … до 50%").
    sentence = text[sentence_start : min(len(text), end + 120)]
    if _FOREIGN_PERCENT_BEFORE.search(text[max(sentence_start, start - 30) : start]):
        return bool(_FOREIGN_SUPPORT_WORDS.search(sentence))
    before_near = re.split(r"[.!?]\s", text[max(sentence_start, start - 40) : start])[-1]  # this sentence only
    near = before_near + " " + re.split(r"[.!?](?:\s|$)", text[end : end + 30])[0]
    return bool(_FOREIGN_SUPPORT_WORDS.search(near)) and not _GROWTH_WORDS.search(near)




_PERCENT_RANGE = re.compile(
    r"(?<![\d.])(?P<low>\d+(?:\.\d+)?)\s*[%％]?\s*(?:-|—{1,2}|–|~|～|至|到)\s*(?P<high>\d+(?:\.\d+)?)\s*[%％]"
)


def percent_ranges(text: str) -> list[tuple[int, int, Decimal, Decimal]]:
    """(start, end, low, high) of percentage ranges: 10%—30%, 20-30%, 5%至10%. The low end is
    a percentage too when only the high end carries the sign ("20-30%")."""
    out = []
    for m in _PERCENT_RANGE.finditer(text):
        low, high = Decimal(m.group("low")), Decimal(m.group("high"))
        if low < high:
            out.append((m.start(), m.end(), low, high))
    return out


def percent_value(m: re.Match[str]) -> Decimal:
    """The number of a PERCENT_RE match (a decimal comma read as a point)."""
    return Decimal((m.group("p") or m.group("p2")).replace(",", "."))


def half_is_support(text: str, start: int, end: int) -> bool:
    """"la moitié de ses dépenses", "metade do aluguel", "賃料の半額": half of a cost is a 50 % support ratio."""
    near = text[max(0, start - 12) : start] + " " + text[end : end + 40]
    return bool(_FOREIGN_PERCENT_AFTER.match(text, end, min(len(text), end + 60)) or _FOREIGN_SUPPORT_WORDS.search(near))


# Ratios written in words: 百分之三十, 支出的三成. A ratio the text gives no figure for (免租, 减半,
# 全额补贴) is not an amount: the project's annotations count written figures only.
_WORD_RATIO = re.compile(
    r"百分之(?P<pct>[零〇一二三四五六七八九十百两]+|\d+(?:\.\d+)?)"
    r"|(?<=的)(?P<cheng>[一二三四五六七八九])成(?![本立果员效为熟交长型品绩])"
)


def word_ratios(text: str) -> list[tuple[int, int, Decimal]]:
    """(start, end, percent) of the support ratios written in words in ``text``."""
    found: list[tuple[int, int, Decimal]] = []
    for m in _WORD_RATIO.finditer(text):
        raw = m.group("pct") or m.group("cheng")
        try:
            value = Decimal(raw) if raw[0].isdigit() else cn_number(raw) * (10 if m.group("cheng") else 1)
        except ValueError:
            continue
        window = max(0, m.start() - 200)  # a bounded look back: linear time on pages without stops
        sentence_start = max(window, *(text.rfind(c, window, m.start()) + 1 for c in "。；\n"))
        if percent_is_support(text, m.start(), m.end(), sentence_start):
            found.append((m.start(), m.end(), Decimal(value)))
    return found


def support_ratios(text: str, sentence_start: Callable[[int, int], int]) -> list[Found]:
    """Every support ratio of ``text`` as a found amount: ranges ("按投资额给予10%—30%扶持", one ratio
    from 10 to 30 percent), single percentages, ratios in words (百分之三十, 支出的三成) and "half of
    the cost". ``sentence_start(start, end)`` is where the sentence of a span starts."""
    found: list[Found] = []
    ranges = percent_ranges(text)
    range_ends = {end for _, end, _, _ in ranges}
    for start, end, low, high in ranges:
        if percent_is_support(text, start, end, sentence_start(start, end)):
            found.append((start, end, high, low, AmountUnit.PERCENT, "", False))
    range_starts = [start for start, _, _, _ in ranges]
    for m in PERCENT_RE.finditer(text):
        k = bisect_right(range_starts, m.start()) - 1
        if m.end() in range_ends or (k >= 0 and m.start() < ranges[k][1]):
            continue  # an end of a range, read with the range
        if percent_is_support(text, m.start(), m.end(), sentence_start(m.start(), m.end())):
            found.append((m.start(), m.end(), percent_value(m), None, AmountUnit.PERCENT, "", False))
    for start, end, ratio in word_ratios(text):
        found.append((start, end, ratio, None, AmountUnit.PERCENT, "", False))
    for m in HALF_RE.finditer(text):  # "la moitié de ses dépenses", "half of the cost": 50 %
        if half_is_support(text, m.start(), m.end()):
            found.append((m.start(), m.end(), Decimal(50), None, AmountUnit.PERCENT, "", False))
    return found
