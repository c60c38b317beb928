"""Numbers written the way Chinese policy texts write them: 2000万, 1.5亿, 两千万, 千萬, 10个亿.

Hand-written because cn2an (checked: 0.5.24, installed in the dev extra) rejects forms policy
texts use — "千萬" (a bare 千 before 万), "10个亿", "1,000萬", "1.2万亿" — reads
"三十到五十万元" as 30 to 500000 (no inherited unit), has no vague amounts (数十亿) and is ~3.5×
slower per call than this reader (13 µs vs 4 µs for "一百二十三万四千"). It does read the
financial capitals (叁拾伍万 → 350000) and serves as the oracle of the property tests on the
canonical forms both accept, capitals and ranges included.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    # financial capitals (大写), simplified and traditional: 叁拾伍万元整, 貳佰萬圓
    "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "参": 3, "肆": 4, "伍": 5,
    "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9,
}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
SCALE_CHARS = "十百千拾佰仟万萬亿億"
BIG_CHARS = "万萬亿億"
CN_DIGIT_CHARS = "".join(CN_DIGITS)

# An Arabic number (thousands separators allowed) followed by optional scale characters
# ("个" may sit before 万/亿: 10个亿), or a purely Chinese numeral with at least one scale.
ARABIC = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# A Chinese numeral with a decimal point before its scale: 四点五亿, 四十二．五億 (folded to ".").
CN_DECIMAL = rf"[{CN_DIGIT_CHARS}十百拾佰]+(?:点|\.)[{CN_DIGIT_CHARS}]+(?=个?[{BIG_CHARS}])"
NUMBER = (
    rf"(?:{CN_DECIMAL}(?:个?[{SCALE_CHARS}])+"
    # "3000 亿元", "50 万元": pages that space their digits keep one space before 万 / 亿
    rf"|{ARABIC}(?:[多余](?=[{BIG_CHARS}]))?(?: (?=[{BIG_CHARS}]))?(?:个?[{SCALE_CHARS}])*"
    rf"(?:(?<=[{BIG_CHARS}])\d+(?:个?[{SCALE_CHARS}])+)*"
    # 一千二百多万, 三十多万, 一千来万: spoken round figures with 多 / 余 / 来 before 万 or 亿
    rf"|[{CN_DIGIT_CHARS}]?[{CN_DIGIT_CHARS}{SCALE_CHARS}]*[十百千拾佰仟][多余来](?=[{BIG_CHARS}])[{BIG_CHARS}]"
    rf"|[{CN_DIGIT_CHARS}{SCALE_CHARS}]*(?:个?[{SCALE_CHARS}])+(?:零?[{CN_DIGIT_CHARS}])?)"
)
_TOKEN_RE = re.compile(r"\d+(?:\.\d+)?|.")

# Full-width digits, letters and the punctuation that matters for numbers, folded to ASCII.
WIDTH_FOLD = str.maketrans(
    {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " ", "﹒": "."}
)


def has_scale(expr: str) -> bool:
    """True when the numeral carries a 十/百/千/万/亿 scale."""
    return any(ch in SCALE_CHARS for ch in expr)


def trailing_scale(expr: str) -> str:
    """The scale suffix of a numeral ("3万" -> "万", "1.5亿" -> "亿", "3" -> "")."""
    match = re.search(rf"(?:个?[{SCALE_CHARS}])+$", expr)
    return match.group(0) if match else ""


def big_tail(expr: str) -> str:
    """The 万/亿 part of a numeral's scale suffix ("三千万" -> "万", "5千万" -> "万", "3" -> "")."""
    scale = trailing_scale(expr)
    at = next((i for i, ch in enumerate(scale) if ch in BIG_CHARS), len(scale))
    return scale[at:].lstrip("个")


def _check_grammar(expr: str, tokens: list[str]) -> None:
    """ValueError for numerals no writer means: 拾拾万, 十百, 一二万, 万万, 00万."""
    last_big = 10**20
    last_small = 10_000  # small units inside one 万/亿 section must fall: 千 > 百 > 十
    prev = ""
    for token in tokens:
        if token in SMALL_UNITS:
            if SMALL_UNITS[token] >= last_small:
                raise ValueError(f"not a number: {expr!r}")
            last_small = SMALL_UNITS[token]
        elif token in BIG_UNITS:
            big = BIG_UNITS[token]
            if prev in BIG_UNITS:  # 万亿 (10^12) is one unit; 万万 and 亿万 are not numerals
                if BIG_UNITS[prev] >= big:
                    raise ValueError(f"not a number: {expr!r}")
                last_big = big * BIG_UNITS[prev]
            elif big >= last_big:  # 10万20万: two amounts run together, not one numeral
                raise ValueError(f"not a number: {expr!r}")
            else:
                last_big = big
            last_small = 10_000
        elif token in CN_DIGITS and prev in CN_DIGITS and "零" not in (token, prev) and "〇" not in (token, prev):
            raise ValueError(f"not a number: {expr!r}")
        elif token[0].isdigit() and len(token) > 1 and token[0] == "0" and token[1] != ".":
            raise ValueError(f"not a number: {expr!r}")  # "00万": debris of a broken "1,00万"
        prev = token


def _arabic_decimal(m: re.Match[str]) -> str:
    """"四十二点五" → "42.5": the whole part read as a numeral, the fraction digit by digit."""
    whole, frac = re.split(r"点|\.", m.group(0), maxsplit=1)
    return f"{cn_number(whole)}." + "".join(str(CN_DIGITS[c]) for c in frac)


def cn_number(expr: str) -> Decimal:
    """Value of a numeral such as "2000万", "1.5亿", "两千万", "千萬", "10个亿", "1,000".

    Raises ValueError naming the text when it is not a numeral.
    """
    # 400多万, 三十多万 (at least), 一千来万 (about): the round figure
    text = re.sub(r"(?<=[\d十百千拾佰仟])[多余来](?=[万萬亿億])", "", expr.replace(",", "").replace("个", "").replace(" ", ""))
    text = re.sub(CN_DECIMAL, _arabic_decimal, text)  # 四点五亿 = 4.5亿
    if not text:
        raise ValueError(f"not a number: {expr!r}")
    total = Decimal(0)  # everything already scaled by 万/亿
    section = Decimal(0)  # the part below 万 being built
    number: Decimal | None = None  # the last digit run, not yet scaled
    tokens = _TOKEN_RE.findall(text)
    _check_grammar(expr, tokens)
    for token in tokens:
        if token[0].isdigit():
            try:
                number = Decimal(token)
            except InvalidOperation as exc:  # pragma: no cover - the regex only yields digits
                raise ValueError(f"not a number: {expr!r}") from exc
        elif token in CN_DIGITS:
            number = Decimal(CN_DIGITS[token])
        elif token in SMALL_UNITS:
            section += (number if number is not None else Decimal(1)) * SMALL_UNITS[token]
            number = None
        elif token in BIG_UNITS:
            scale = BIG_UNITS[token]
            part = section + (number or Decimal(0))
            if scale == 100_000_000:
                # 亿 scales everything before it too: 1万亿 = 10^12, 1亿5千万 stays additive.
                total = (total + part or Decimal(1)) * scale
            else:
                total += (part or Decimal(1)) * scale
            section, number = Decimal(0), None
        else:
            raise ValueError(f"not a number: {expr!r}")
    if number is not None and len(tokens) > 1 and tokens[-1] in CN_DIGITS and tokens[-2] in SMALL_UNITS | BIG_UNITS:
        # A last digit right after a unit, without 零, counts in the next unit down:
        # 三万五 = 35000, 一百五 = 150, 七十八 = 78 (after 十 the next unit down is 1).
        number *= Decimal((SMALL_UNITS | BIG_UNITS)[tokens[-2]]) / 10
    return canonical(total + section + (number or Decimal(0)))


def canonical(value: Decimal) -> Decimal:
    """``value`` in one form: 2.5亿 and 25000万 must compare *and serialize* the same, so a whole
    number has no fractional zeros and a fraction no trailing ones (250000000, 18.6)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
