"""Money forms around the numeral: 角/分 after 元, vague amounts (数十亿元, 上千万, 近千万), and
phrases that look like money but cannot be read (reported, never turned into a number).

Hand-written for the same reason as :mod:`parsers.numbers`: cn2an (0.5.24) leaves 元五角 and
数十亿 untouched in ``transform`` and has no notion of bounds. Used by :mod:`parsers.amounts`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from parsers.numbers import BIG_CHARS, CN_DIGIT_CHARS, CN_DIGITS, SCALE_CHARS, cn_number

__all__ = ["JIAO_FEN", "jiao_fen_value", "vague_bounds", "VAGUE_LOOKBACK", "unread_money"]

_DIGIT = rf"[0-9{CN_DIGIT_CHARS}]"
# After 元: 五角 / 5角 / 零伍分 / 陆角柒分 (角 = 0.1, 分 = 0.01 yuan).
JIAO_FEN = rf"(?:零?(?P<jiao>{_DIGIT})角)?(?:零?(?P<fen>{_DIGIT})分)?"

# Words before a bare order of magnitude that make it vague: 数十亿 (several), 几百万 (a few),
# 上千万 (upwards of), 成百上千万. 近 before a figure (近500万, 近千万, 近亿元) is approx.
_VAGUE_WORD = re.compile(r"(?:好几|数|几|上|成)$")
VAGUE_LOOKBACK = 4  # characters before the numeral the words above are looked for in


def _digit_value(ch: str | None) -> Decimal:
    if not ch:
        return Decimal(0)
    return Decimal(int(ch)) if ch.isdigit() else Decimal(CN_DIGITS[ch])


def jiao_fen_value(jiao: str | None, fen: str | None) -> Decimal:
    """The 角/分 part in yuan: ("5", None) -> 0.5, ("陆", "柒") -> 0.67."""
    return _digit_value(jiao) / 10 + _digit_value(fen) / 100


def vague_bounds(before: str, numeral: str) -> tuple[Decimal, Decimal] | None:
    """(low, high) of a vague amount: 数十亿 -> (10亿, 100亿), 上千万 -> (1000万, 1亿); None when
    the numeral is a figure (数 before 500万 is not vague) or nearly one (近千万 is about 1000万).

    Only a bare order of magnitude (scale characters alone: 十亿, 百万, 千万, 亿) can be vague."""
    bare = numeral.replace("个", "")
    if not bare or any(ch not in SCALE_CHARS for ch in bare):
        return None
    magnitude = cn_number(bare)
    if _VAGUE_WORD.search(before):
        return magnitude, magnitude * 10
    return None  # 近千万, 近亿元: nearly the round figure, an approximate amount (近 → approx)


# A run of numeral characters right before a currency word: what a reader would call an amount.
_CANDIDATE = re.compile(
    rf"(?<![\d.,])(?:\d[\d,.]*(?:个?[{SCALE_CHARS}])*|[{CN_DIGIT_CHARS}{SCALE_CHARS}个]{{2,}})"
    r"(?=元|圆|圓|美元|港元|欧元|日元)"
)


def unread_money(text: str, read: list[tuple[int, int]]) -> list[str]:
    """Phrases before a currency word that no amount covers and that are not numerals: the
    "unparsed amount: …" warnings. ``read`` holds (start, end) of the amounts found, sorted."""
    out: list[str] = []
    i = 0
    for m in _CANDIDATE.finditer(text):
        while i < len(read) and read[i][1] <= m.start():
            i += 1
        if i < len(read) and read[i][0] <= m.start() < read[i][1]:
            continue
        raw = m.group(0)
        if raw[0].isdigit() and "," not in raw and raw.count(".") <= 1:
            continue  # a plain figure left out on purpose (a count, a year, a price list index)
        if not raw[0].isdigit() and not any(ch in BIG_CHARS or ch in "拾佰仟" for ch in raw):
            continue  # 十元 / 二元 / 一千元: left to the reader's rules, not malformed
        if not raw[0].isdigit() and _readable(raw):
            continue
        out.append(text[m.start() : m.end() + 1].strip())
    return out


def _readable(raw: str) -> bool:
    try:
        cn_number(raw)
    except ValueError:
        return False
    return True
