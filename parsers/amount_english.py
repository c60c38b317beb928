"""Money amounts written in English ("72 billion yuan", "US$10 million", "50,000 to 300,000 yuan").

Hand-written: the English summaries of Chinese policy pages use a handful of forms that a
regular expression reads exactly; a currency word is required. Used by :mod:`parsers.amounts`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from parsers.schema import AmountUnit

__all__ = ["english_money", "Found"]

# start, end, value, low, unit, currency, vague (数十亿元: low and value are bounds)
Found = tuple[int, int, Decimal, Decimal | None, AmountUnit, str, bool]

# English summaries: "200 billion yuan", "US$10 million", "RMB 5 million".
_EN_MONEY_RE = re.compile(
    r"(?P<pre>RMB|CNY|US\$|USD|\$)?\s?(?<![\d.,])(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:[\s-]*(?P<scale>billion|million|thousand|bn)\b)?(?:[\s-]+(?P<cur>yuan|RMB|CNY|US dollars|dollars|USD)\b)?",
    re.IGNORECASE,
)
# The low end of an English range whose currency is written once, after the high end:
# "50,000 to 300,000 yuan", "between 2 and 3 million yuan", "50,000-300,000 yuan".
_EN_RANGE_LOW = re.compile(
    r"(?:between\s+)?(?<![\d.,])(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?P<scale>billion|million|thousand|bn))?"
    r"\s*(?:to|and|-|–|~)\s*$",
    re.IGNORECASE,
)
_EN_SCALE = {"billion": 10**9, "bn": 10**9, "million": 10**6, "thousand": 10**3}


def english_money(text: str) -> list[Found]:
    """Amounts written in English ("72 billion yuan", "US$10 million"): a currency is required."""
    found: list[Found] = []
    if not re.search(r"[A-Za-z]{4}", text):
        return found
    for m in _EN_MONEY_RE.finditer(text):
        pre, cur = m.group("pre"), m.group("cur")
        if not (pre or cur) or (pre == "$" and not m.group("scale") and not cur):
            continue
        scale = _EN_SCALE.get((m.group("scale") or "").lower(), 1)
        value = _en_decimal(m.group("n"), scale)
        code = "CNY" if re.match(r"yuan|RMB|CNY", (cur or pre or ""), re.IGNORECASE) else "USD"
        start = m.start("pre") if pre else m.start("n")
        low: Decimal | None = None
        if not pre and (r := _EN_RANGE_LOW.search(text, max(0, start - 40), start)):
            # The low end takes its own scale, else the high end's ("2 to 3 million yuan").
            low = _en_decimal(r.group("n"), _EN_SCALE.get((r.group("scale") or "").lower(), scale))
            if low < value:
                start = r.start()
            else:
                low = None
        found.append((start, m.end(), value, low, AmountUnit.MONEY, code, False))
    return found


def _en_decimal(number: str, scale: int) -> Decimal:
    value = Decimal(number.replace(",", "")) * scale
    return value.normalize() if value % 1 else value.quantize(Decimal(1))
