"""Money amounts written in other languages than Chinese.

Pages about China's OPC and AI support are written in English, French, Spanish, Portuguese,
German, Italian, Vietnamese and Korean too: "72 billion yuan", "US$10 million", "500 millions de
yuans", "600 millones de yuanes", "1,2 Mio. Euro", "200 triệu nhân dân tệ", "1억 위안",
"47조1천500억원". A currency is required (word, code or sign), so counts and years are never
read as money. Ranges whose currency is written once, after the high end ("50,000 to 300,000
yuan", "de 500 000 à 2,5 millions de yuans") give the low end the high end's scale when it
has none of its own.

Separators follow the language: a group of exactly three digits after "," "." or a space is a
thousands group (2.000 NDT, 160 000 dollars, 1,000 million); anything else after "," or "." is
a decimal part (1,2 million d'euros, 84,1 triệu USD, 2.5 billion).

Hand-written: no maintained library reads scale words and currency names across these
languages (babel parses locale-formatted plain numbers only). Used by :mod:`parsers.amounts`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from parsers.numbers import canonical
from parsers.schema import AmountUnit

__all__ = ["Found", "foreign_money"]

# start, end, value, low, unit, currency, vague (数十亿元: low and value are bounds)
Found = tuple[int, int, Decimal, Decimal | None, AmountUnit, str, bool]

_NUM = r"\d{1,2}(?:,\d{2})+,\d{3}(?!\d)|\d{1,3}(?:[ \u00a0\u202f.,'’]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?"
# Longest first within each alternation: "millones" before "mil", "milliards" before "million".
_SCALES: dict[str, int] = {
    "mil millones": 10**9, "billion": 10**9, "billions": 10**9, "bn": 10**9, "milliard": 10**9, "milliards": 10**9,
    "milliarde": 10**9, "milliarden": 10**9, "mrd.": 10**9, "mrd": 10**9, "miliardo": 10**9, "miliardi": 10**9,
    "bilhão": 10**9, "bilhões": 10**9, "bilião": 10**9, "tỷ": 10**9, "tỉ": 10**9,
    "trillion": 10**12, "trillions": 10**12, "billón": 10**12, "billones": 10**12, "nghìn tỷ": 10**12,
    "million": 10**6, "millions": 10**6, "millón": 10**6, "millones": 10**6, "milhão": 10**6, "milhões": 10**6,
    "millionen": 10**6, "mio.": 10**6, "mio": 10**6, "milione": 10**6, "milioni": 10**6, "triệu": 10**6,
    "mn": 10**6, "m": 10**6,
    "thousand": 10**3, "mille": 10**3, "mil": 10**3, "tausend": 10**3, "mila": 10**3, "nghìn": 10**3, "ngàn": 10**3,
    # Indonesian, Turkish, Russian, Thai, and India's lakh and crore.
    "juta": 10**6, "miliar": 10**9, "triliun": 10**12, "ribu": 10**3,
    "milyon": 10**6, "milyar": 10**9, "bin": 10**3,
    "тыс.": 10**3, "тыс": 10**3, "тысяч": 10**3, "млн": 10**6, "миллиона": 10**6, "миллионов": 10**6, "миллион": 10**6,
    "млрд": 10**9, "миллиарда": 10**9, "миллиардов": 10**9, "миллиард": 10**9,
    "ล้าน": 10**6, "พัน": 10**3, "หมื่น": 10**4, "แสน": 10**5,
    "lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7,
    # Dutch, Polish, Malay.
    "miljoen": 10**6, "miljard": 10**9, "duizend": 10**3, "mln": 10**6, "mld": 10**9, "tys.": 10**3,
    "milionów": 10**6, "miliony": 10**6, "miliardów": 10**9, "bilion": 10**9,
    # "¥300K", "$4k", "$1.5M", "¥2B": a letter stuck to the figure; French "300 Mds CNY", "200 M CNY".
    "k": 10**3, "b": 10**9, "mds": 10**9, "md": 10**9,
    # German and French: a Billion / un billion is a million million.
    "billionen": 10**12,
}
# "über 1 Billion Yuan": German (and French) count a Billion as 10^12, English as 10^9.
_LONG_SCALE_CONTEXT = re.compile(r"\b(?:der|die|das|und|bis|über|rund|von|eine[rn]?|des|les|une?|d['’]ici|plus de)\b", re.IGNORECASE)
_SCALE = "|".join(re.escape(s) for s in sorted(_SCALES, key=len, reverse=True))
_CURRENCIES: list[tuple[str, str]] = [
    ("CNY", r"yuan(?:es|s)?(?:lık|lik)?|renminbi|RMB|CNY|nhân dân tệ|NDT|หยวน|юан(?:ей|я|ь|ям|ями|ях)?|人民元|"
            r"juan(?:ów|y|a)?|¥"),
    ("BRL", r"R\$|reais|BRL"),
    ("USD", r"US dollars|U\.S\. dollars|dollars? américains|dólares(?: estadounidenses)?|dólar|dollars?|Dollar|"
            r"USD|đô la Mỹ|đô la|dolar(?: AS)?|долл(?:аров|ара|\.)?|US\$|\$"),
    ("EUR", r"euros?|Euro|EUR|€"),
    ("HKD", r"Hong Kong dollars|HK\$|HKD"),
    ("GBP", r"pounds sterling|pounds|GBP|£"),
    ("JPY", r"yen|JPY"),
    ("INR", r"rupees?|INR|Rs\.?|₹"),
    ("VND", r"đồng|VND"),
    ("KRW", r"won|KRW"),
    ("IDR", r"rupiah|Rp\.?|IDR"),
    ("THB", r"บาท|baht|THB"),
    ("RUB", r"рубл(?:ей|я|ь)|руб\.|RUB"),
    ("TRY", r"Türk lirası|lira|TL|TRY"),
    ("CHF", r"Schweizer Franken|Franken|CHF"),
    ("PLN", r"złotych|złote|zł|PLN"),
    ("MYR", r"ringgit|RM|MYR"),
]
# Small numbers written as words before a scale word: "hasta dos millones de yuanes", "un millón",
# "deux millions d'euros", "três milhões", "due milioni", "zwei Millionen", "two million yuan".
_WORD_NUMBERS: dict[str, int] = {
    **dict.fromkeys(("a", "an", "one", "un", "una", "uno", "une", "um", "uma", "ein", "eine", "einer", "einem"), 1),
    **dict.fromkeys(("two", "dos", "deux", "dois", "duas", "due", "zwei"), 2),
    **dict.fromkeys(("three", "tres", "trois", "três", "tre", "drei"), 3),
    **dict.fromkeys(("four", "cuatro", "quatre", "quatro", "quattro", "vier"), 4),
    **dict.fromkeys(("five", "cinco", "cinq", "cinque", "fünf"), 5),
    **dict.fromkeys(("six", "seis", "sei", "sechs"), 6),
    **dict.fromkeys(("seven", "siete", "sept", "sete", "sette", "sieben"), 7),
    **dict.fromkeys(("eight", "ocho", "huit", "oito", "otto", "acht"), 8),
    **dict.fromkeys(("nine", "nueve", "neuf", "nove", "neun"), 9),
    **dict.fromkeys(("ten", "diez", "dix", "dez", "dieci", "zehn"), 10),
}
_WORD_NUMBER = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
_CODE_OF = [(re.compile(rf"^(?:{words})$", re.I), code) for code, words in _CURRENCIES]
_CUR = "|".join(words for _, words in _CURRENCIES)
_PRE = r"US\$|HK\$|R\$|RMB|CNY|USD|EUR|CHF|INR|Rs\.?|Rp\.?|RM|\$|€|£|₹|¥"
_LATIN_RE = re.compile(
    rf"(?:(?<![A-Za-z])(?P<pre>{_PRE})\s?|(?<![\w.,]))(?P<n>{_NUM}|(?<![\w])(?:{_WORD_NUMBER})(?=[\s-]+(?:{_SCALE})\b))"
    r"(?![\d.,]*\s*[万萬亿億])"  # "RMB 500万元" is Chinese money, read by parsers.amounts
    rf"(?:[\s-]*(?P<scale>{_SCALE})(?![A-Za-z\u0400-\u04ff]))?"
    rf"(?:[\s-]*(?:de\s+|d['’]\s*|of\s+|di\s+|da\s+|do\s+|dos\s+)?(?P<cur>{_CUR})(?![A-Za-z\u0400-\u04ff]))?",
    re.IGNORECASE,
)
# The low end of a range written once with the unit after the high end: "50,000 to 300,000 yuan",
# "between 2 and 3 million yuan", "de 500 000 à 2,5 millions", "entre 1 y 4 millones", "từ 1 đến 2 tỷ".
_RANGE_LOW = re.compile(
    rf"(?:between|from|de|entre|từ|zwischen|tra|antara|от)?\s*(?<![\w.,])(?P<n>{_NUM})(?:\s*(?P<scale>{_SCALE})(?![A-Za-z]))?"
    r"\s*(?:to|and|à|a|y|e|bis|und|đến|tới|dan|hingga|sampai|до|ile|-|–|~|〜|～)\s*$",
    re.IGNORECASE,
)

# Korean: digits with 천/백/십 inside each group of 조 / 억 / 만 (2천300억 위안, 47조1천500억원, 10억 4천만원).
_KO_SMALL = r"(?:\d+\s*천\s*)?(?:\d+\s*백\s*)?(?:\d+\s*십\s*)?(?:\d+(?:[.,]\d+)?)?"
_KO_NUMERAL = rf"(?:{_KO_SMALL}\s*조\s*)?(?:{_KO_SMALL}\s*억\s*)?(?:{_KO_SMALL}\s*만\s*)?{_KO_SMALL}"
# "100만~300만 위안": a range written once with its currency.
_KO_RE = re.compile(
    rf"(?<![\d.,])(?:(?P<low>{_KO_NUMERAL})\s*[~〜～\-–]\s*)?(?P<n>{_KO_NUMERAL})\s*(?P<cur>위안|원|달러|유로|엔)"
)
_KO_CODE = {"위안": "CNY", "원": "KRW", "달러": "USD", "유로": "EUR", "엔": "JPY"}
_KO_BIG = {"조": 10**12, "억": 10**8, "만": 10**4}
_KO_SMALL_UNITS = {"천": 1000, "백": 100, "십": 10}


def number(text: str) -> Decimal:
    """A written number with the language's separators: 1,000 / 1.000 / 1 000 → 1000; 1,2 / 2.5 → decimals."""
    if text.lower() in _WORD_NUMBERS:  # "a trillion yuan", "dos millones"
        return Decimal(_WORD_NUMBERS[text.lower()])
    digits = re.sub(r"[ \u00a0\u202f'’]", "", text)  # spaces and the Swiss apostrophe (200'000) group thousands
    if re.fullmatch(r"\d{1,2}(?:,\d{2})+,\d{3}", digits):  # India: 1,00,000 (one lakh)
        return Decimal(digits.replace(",", ""))
    if "," in digits and "." in digits:  # the later separator is the decimal one
        decimal_sep = "," if digits.rfind(",") > digits.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        return Decimal(digits.replace(thousands, "").replace(decimal_sep, "."))
    for sep in ",.":
        if sep in digits:
            groups = digits.split(sep)
            if all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3:
                return Decimal(digits.replace(sep, ""))
            return Decimal(digits.replace(sep, "."))
    return Decimal(digits)


def _currency(word: str) -> str:
    word = word.strip()
    return next((code for pattern, code in _CODE_OF if pattern.match(word)), "CNY")


def _latin(text: str) -> list[Found]:
    found: list[Found] = []
    for m in _LATIN_RE.finditer(text):
        pre, cur, scale_word = m.group("pre"), m.group("cur"), m.group("scale")
        if not (pre or cur):
            continue
        if pre == "$" and not scale_word and not cur and not re.search(r"\$\s?\d{1,3}(?:,\d{3})+", m.group(0)):
            continue  # "$5" alone is often a price tag in navigation junk
        if scale_word and scale_word.lower() in ("m", "k", "b") and not (pre or (cur and scale_word.lower() == "m")):
            continue  # "5 m" is metres, "5k" a count, unless a sign says money ("$5m", "¥300K", "200 M CNY")
        if scale_word and scale_word.lower() == "k" and m.group(0)[m.end("n") - m.start() :][:1].isspace():
            continue  # the thousands letter is written against the figure: "¥300K", not "¥300 k…"
        scale = _SCALES.get((scale_word or "").lower(), 1)
        if scale_word in ("Billion", "billion", "billions") and _LONG_SCALE_CONTEXT.search(text[max(0, m.start() - 60) : m.start()]):
            scale = 10**12  # "ein Volumen von über 1 Billion Yuan"
        try:
            value = canonical(number(m.group("n")) * scale)
        except ArithmeticError:
            continue
        start = m.start("pre") if pre else m.start("n")
        low: Decimal | None = None
        if not pre and (r := _RANGE_LOW.search(text, max(0, start - 40), start)):
            # Its own scale, else the high end's ("1 à 4 millions"), else none ("500 000 à 2,5 millions").
            own = _SCALES.get((r.group("scale") or "").lower())
            low = next((v for v in (canonical(number(r.group("n")) * k) for k in ((own,) if own else (scale, 1)))
                        if v < value), None)
            if low is not None:
                start = r.start("n")
        found.append((start, m.end(), value, low, AmountUnit.MONEY, _currency(cur or pre or ""), False))
    return found


def _korean_value(numeral: str) -> Decimal | None:
    total, rest = Decimal(0), re.sub(r"\s+", "", numeral)
    for part in re.split(r"(?<=[조억만])", rest):
        if not part:
            continue
        big = _KO_BIG.get(part[-1], 1)
        small_text = part[:-1] if part[-1] in _KO_BIG else part
        small = Decimal(0)
        for piece in re.findall(r"(\d+(?:[.,]\d+)?)([천백십]?)", small_text):
            small += number(piece[0]) * _KO_SMALL_UNITS.get(piece[1], 1)
        if small == 0 and part[-1] in _KO_BIG:
            small = Decimal(1)  # "억원" alone would be 1억; only reached with digits elsewhere
        total += small * big
    return canonical(total) if total else None


def _korean(text: str) -> list[Found]:
    found: list[Found] = []
    for m in _KO_RE.finditer(text):
        numeral = m.group("n").strip()
        if not re.search(r"\d", numeral):
            continue
        value = _korean_value(numeral)
        if value is None:
            continue
        low_text = (m.group("low") or "").strip()
        low = _korean_value(low_text) if re.search(r"\d", low_text) else None
        if low is not None and not re.search(r"[조억만]", low_text) and (big := re.search(r"[조억만]\s*$", numeral)):
            low = _korean_value(low_text + big.group(0).strip())  # "3~5만 위안": the low end borrows 만
        start = m.start("low") if low is not None and low < value else m.start("n")
        found.append((start, m.end(), value, low if low is not None and low < value else None, AmountUnit.MONEY,
                      _KO_CODE[m.group("cur")], False))
    return found


_RANGE_JOIN = re.compile(r"\s*(?:to|and|à|a|y|bis|und|đến|tới|dan|hingga|sampai|до|ile|-|–|~|〜|～)\s*", re.I)


def _merge_ranges(text: str, found: list[Found]) -> list[Found]:
    """"RMB 1 million to RMB 3 million", "US$140,000 to US$420,000": two figures, one range."""
    merged: list[Found] = []
    for f in found:
        prev = merged[-1] if merged else None
        if (prev is not None and prev[3] is None and f[3] is None and prev[5] == f[5] and prev[2] < f[2]
                and _RANGE_JOIN.fullmatch(text, prev[1], f[0])):
            merged[-1] = (prev[0], f[1], f[2], prev[2], f[4], f[5], False)
            continue
        merged.append(f)
    return merged


def foreign_money(text: str) -> list[Found]:
    """Money amounts written in a language other than Chinese, in text order."""
    found: list[Found] = []
    if re.search(r"[A-Za-z\u0400-\u04ff\u0e00-\u0e7f]{2}|[$€£₹]", text):
        found += _latin(text)
    if re.search(r"[\uac00-\ud7af]", text):
        found += _korean(text)
    return _merge_ranges(text, sorted(found, key=lambda f: f[0]))
