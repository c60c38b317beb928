"""Money amounts and support ratios in policy text, normalized to yuan as Decimal.

``parse_yuan`` reads one user-typed amount ("1000万", "2亿", "50万元"). ``extract_amounts``
finds every amount in a text with its qualifier (最高 → up to …), period (每人每月), purpose
(基金, 股权投资, 算力券 …), the phrase it came from and a version-stable key.

Hand-written because no installed library reads 万/亿 amounts with their qualifiers; the
numeral grammar itself is in :mod:`parsers.numbers`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from decimal import Decimal

from parsers.amount_roles import role_of
from parsers.amount_words import period_of, purpose_of, qualifier_of
from parsers.numbers import NUMBER, WIDTH_FOLD, cn_number, has_scale, trailing_scale
from parsers.schema import Amount, AmountRole, AmountUnit, Measure, Qualifier

__all__ = ["extract_amounts", "parse_yuan"]

_PREFIX = r"人民币|人民幣|RMB|CNY|¥|￥|新台币|新台幣|台币|台幣|NT\$|港币|港幣|港元|HK\$|美元|USD|US\$|\$|欧元|EUR"
_SUFFIX = r"元人民币|元人民幣|美元|美金|港元|港币|港幣|欧元|歐元|日元|英镑|英鎊|新台币元|新台币|元"
_SEP = r"-|—|–|~|～|至|到"
_MONEY_RE = re.compile(
    rf"(?P<pre>{_PREFIX})?\s*(?<![\d.A-Za-z])(?P<n1>{NUMBER})(?:\s*(?P<c1>{_SUFFIX}))?"
    rf"(?:\s*(?P<sep>{_SEP})\s*(?:{_PREFIX})?\s*(?P<n2>{NUMBER})(?:\s*(?P<c2>{_SUFFIX}))?)?"
)
_PERCENT_RE = re.compile(r"(?<![\d.])(?P<p>\d+(?:\.\d+)?)\s*%")
_USER_RE = re.compile(rf"(?:人民币|人民幣|RMB|¥|￥)?\s*(?P<n>{NUMBER})\s*(?:元|块)?")

_CURRENCY = [
    (re.compile(r"美元|美金|USD|US\$|^\$"), "USD"),
    (re.compile(r"台币|台幣|NT\$"), "TWD"),
    (re.compile(r"港元|港币|港幣|HK\$"), "HKD"),
    (re.compile(r"欧元|歐元|EUR"), "EUR"),
    (re.compile(r"日元"), "JPY"),
    (re.compile(r"英镑|英鎊"), "GBP"),
]
# Words that make a bare "2000万" (no 元) money when they shortly precede it.
_MONEY_CONTEXT = re.compile(
    r"投资|资金|基金|设立|规模|补贴|补助|资助|奖励|奖补|融资|贷款|授信|营收|收入|产值|金额|总额|交易额|销售额|订单|估值|算力券|给予|获得"
)
# Units after a number that make it a count, an area or a time, never money.
_NOT_MONEY_AFTER = re.compile(
    r"\s*(?:平方|平米|㎡|方|亩|卡时|个|家|名|人|户|位|项|次|台|张|套|间|支|所|座|条|篇|件|吨|瓦|千瓦|度|公里|米|小时|天|年|月|日|号|倍|余|多|级|%|GPU|P|EFLOPS|PFLOPS)"
)
_VAGUE_BEFORE = re.compile(r"(?:数|几|好几)$")  # 数十亿 / 几百万: no value to report
# Before a bare Chinese numeral without 元 ("年营业收入超千万"), a comparison word makes it a
# figure rather than an idiom (千万不要 = "by no means").
_CN_FIGURE_BEFORE = re.compile(r"(?:超过|超|逾|达到|达|近|突破|上)$")
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
# A comma between digits is a thousands separator (1,000万元), not a clause end.
_CLAUSE_END = re.compile(r"[。；;！!？?\n，、：:]|(?<!\d),|,(?!\d{3})")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")

_LIST_JOIN = re.compile(r"\s*(?:、|和|或|及|或者)\s*")
_PERCENT_BEFORE = re.compile(r"(?:费用|成本|合同|支出|金额|投资额|租金|价格|投入|总额)的?$|给予(?:最高|不超过)?$|按(?:照)?$")
_PERCENT_SUPPORT = re.compile(r"补贴|补助|资助|奖励|贴息|减免|给予|支持|补")


_Found = tuple[int, int, Decimal, Decimal | None, AmountUnit, str]  # start, end, value, low, unit, currency


def parse_yuan(text: str) -> Decimal:
    """Yuan value of a user-typed amount: "1000万", "1000万元", "2亿", "5000000", "50万元".

    Raises ValueError quoting the text for anything else (foreign currency, words, empty).
    """
    folded = (text or "").translate(WIDTH_FOLD).strip()
    match = _USER_RE.fullmatch(folded)
    if not match or (not match.group("n")[0].isdigit() and len(match.group("n")) < 2):
        raise ValueError(f"not an amount in yuan: {text!r}")
    return cn_number(match.group("n"))


def _currency(*parts: str | None) -> str:
    joined = "".join(p for p in parts if p)
    for pattern, code in _CURRENCY:
        if pattern.search(joined):
            return code
    return "CNY"


def _stops(text: str, pattern: re.Pattern[str]) -> list[int]:
    return [m.start() for m in pattern.finditer(text)]


def _bounds(stops: list[int], start: int, end: int, length: int) -> tuple[int, int]:
    """Start and end of the clause (or sentence) around [start, end), from delimiter offsets."""
    i = bisect_left(stops, start)
    left = stops[i - 1] + 1 if i > 0 else 0
    j = bisect_left(stops, end)
    return left, stops[j] if j < len(stops) else length




def _money_value(m: re.Match[str], text: str) -> tuple[Decimal, Decimal | None, int, str] | None:
    """(value, low, end offset, currency) of a money match, or None when it is not money."""
    n1, n2, c1, c2 = m.group("n1"), m.group("n2"), m.group("c1"), m.group("c2")
    if m.group("sep") and c1 and not c2:
        n2 = None  # "1000亿元到2028年": the 到 starts a new phrase, not a range
    currency_word = c2 if n2 else c1
    if _VAGUE_BEFORE.search(text[: m.start("n1")]):
        return None
    pure_cn = not n1[0].isdigit()
    upwards = text[: m.start("n1")].endswith("上")  # 上亿元: "upwards of 1亿"
    if pure_cn and len(n1.replace("个", "")) < 2 and not (upwards and currency_word):
        return None  # "万元" in a table header, "亿" alone: no number
    if not currency_word and not m.group("pre"):
        last = n2 or n1
        scale = trailing_scale(last)
        if not any(ch in scale for ch in "万萬亿億"):
            return None
        if pure_cn and (n2 or not _CN_FIGURE_BEFORE.search(text[: m.start("n1")])):
            return None
        if _NOT_MONEY_AFTER.match(text, m.end()):
            return None
        window = text[max(0, m.start() - 10) : m.start()] + "|" + text[m.end() : m.end() + 6]
        if not _MONEY_CONTEXT.search(window):
            return None
    if n2:
        if not has_scale(n1) and has_scale(n2):
            n1 = n1 + trailing_scale(n2)  # "3-5万元", "2到3万": the scale applies to both
        low, high = cn_number(n1), cn_number(n2)
        if low >= high:
            return None
        end = m.end("c2") if c2 else m.end("n2")
        return high, low, end, _currency(m.group("pre"), c1, c2)
    end = m.end("c1") if c1 else m.end("n1")
    return cn_number(n1), None, end, _currency(m.group("pre"), c1)


def _english_money(text: str) -> list[_Found]:
    """Amounts written in English ("72 billion yuan", "US$10 million"): a currency is required."""
    found: list[_Found] = []
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
        found.append((start, m.end(), value, low, AmountUnit.MONEY, code))
    return found


def _en_decimal(number: str, scale: int) -> Decimal:
    value = Decimal(number.replace(",", "")) * scale
    return value.normalize() if value % 1 else value.quantize(Decimal(1))


def _measure_spans(text: str, measures: Sequence[Measure]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    cursor = 0
    for measure in measures:
        probe = measure.text[:30].translate(WIDTH_FOLD)
        at = text.find(probe, cursor) if probe else -1
        if at == -1:
            at = text.find(probe) if probe else -1
        if at != -1:
            spans.append((at, at + len(measure.text), measure.label))
            cursor = at
    return spans


def _measure_at(spans: list[tuple[int, int, str]], pos: int) -> str | None:
    inside = [s for s in spans if s[0] <= pos < s[1]]
    return max(inside, key=lambda s: s[0])[2] if inside else None


def _percent_is_support(text: str, start: int, end: int, sentence_start: int) -> bool:
    """A percentage is a support ratio when support words surround it (费用的30%, 最高30%的补贴)."""
    before = text[max(sentence_start, start - 20) : start]
    after = text[end : end + 6]
    return bool(_PERCENT_BEFORE.search(before) or _PERCENT_SUPPORT.search(after)
                or _PERCENT_SUPPORT.search(before))


def extract_amounts(text: str, measures: Sequence[Measure] = ()) -> list[Amount]:
    """Every money amount (yuan or the stated currency) and support ratio in ``text``.

    Counts, areas, compute hours, years, phone and index numbers are not amounts. ``measures``
    (from :func:`parsers.measures.extract_measures` on the same text) give each amount the label
    of the innermost numbered item it sits in.
    """
    original = text or ""
    # Matching runs on folded text (full-width digits, ％, ，); the fold is one character to one
    # character, so offsets found there slice the original for phrases and keys.
    text = original.translate(WIDTH_FOLD)
    spans = _measure_spans(text, measures)
    english = _english_money(text)
    found: list[_Found] = list(english)
    for m in _MONEY_RE.finditer(text):
        if any(f[0] <= m.start("n1") < f[1] for f in english):
            continue  # "US$1.5 billion" is read whole by the English reader
        value = _money_value(m, text)
        if value is None:
            continue
        high, low, end, currency = value
        found.append((m.start(), end, high, low, AmountUnit.MONEY, currency))
    clause_stops, sentence_stops = _stops(text, _CLAUSE_END), _stops(text, _SENTENCE_END)
    for m in _PERCENT_RE.finditer(text):
        sentence_start, _ = _bounds(sentence_stops, m.start(), m.end(), len(text))
        if _percent_is_support(text, m.start(), m.end(), sentence_start):
            found.append((m.start(), m.end(), Decimal(m.group("p")), None, AmountUnit.PERCENT, ""))
    found.sort(key=lambda f: f[0])
    return _build(text, original, found, spans, clause_stops, sentence_stops)


def _build(
    text: str, original: str, found: list[_Found], spans: list[tuple[int, int, str]], clause_stops: list[int],
    sentence_stops: list[int],
) -> list[Amount]:
    amounts: list[Amount] = []
    keys: dict[str, int] = {}
    previous: tuple[int, Qualifier, AmountUnit, tuple[AmountRole, str]] | None = None  # the last amount
    for start, end, value, low, unit, currency in found:
        c_start, c_end = _bounds(clause_stops, start, end, len(text))
        s_start, _ = _bounds(sentence_stops, start, end, len(text))
        clause = text[c_start:c_end]
        # The qualifier window starts after any earlier amount in the same clause.
        prev_end = max((f[1] for f in found if c_start <= f[1] <= start), default=c_start)
        before, after = text[prev_end:start], text[end:c_end]
        masked = original[c_start:c_end]
        for o_start, o_end, *_ in sorted(found, key=lambda f: -f[0]):
            if c_start <= o_start and o_end <= c_end:
                masked = masked[: o_start - c_start] + "#" + masked[o_end - c_start :]
        key = masked.strip()
        keys[key] = keys.get(key, 0) + 1
        if keys[key] > 1:
            key = f"{key}@{keys[key]}"
        qualifier = Qualifier.RANGE if low is not None else qualifier_of(before, after)
        if (qualifier is Qualifier.EXACT and previous is not None and previous[2] is unit
                and previous[1] is not Qualifier.RANGE and _LIST_JOIN.fullmatch(text[previous[0] : start])):
            # "突破500万元、1000万元": an enumeration shares the qualifier written before its first item.
            qualifier = previous[1]
        next_start = min((f[0] for f in found if end <= f[0] < c_end), default=c_end)
        role, role_reason = role_of(text, start, end, (c_start, c_end), s_start, prev_end, next_start, unit)
        if previous is not None and previous[2] is unit and _LIST_JOIN.fullmatch(text[previous[0] : start]):
            role, role_reason = previous[3]  # "突破500万元、1000万元的企业": one role for the list
        previous = (end, qualifier, unit, (role, role_reason))
        amounts.append(
            Amount(
                value=value,
                unit=unit,
                currency=currency or "CNY",
                low=low,
                qualifier=qualifier,
                period=period_of(before, after),
                purpose=purpose_of(clause, text[s_start:c_start]),
                measure=_measure_at(spans, start),
                role=role,
                role_reason=role_reason,
                phrase=original[c_start:c_end].strip(),
                key=key,
            )
        )
    return amounts
