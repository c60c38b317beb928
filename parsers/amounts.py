"""Money amounts and support ratios in policy text, normalized to yuan as Decimal.

``parse_yuan`` reads one user-typed amount ("1000万", "2亿", "50万元"). ``extract_amounts``
finds every amount in a text with its qualifier (最高 → up to …), period (每人每月), purpose
(基金, 股权投资, 算力券 …), the phrase it came from and a version-stable key.

``read_amounts`` also returns an "unparsed amount: …" warning per unreadable phrase.

Hand-written because no installed library reads 万/亿 amounts with their qualifiers; the
numeral grammar itself is in :mod:`parsers.numbers`, 角分 / vague forms in
:mod:`parsers.amount_forms`, other languages in :mod:`parsers.amount_foreign`. Every look around an
amount is bounded (a window, or bisection over sorted offsets), so a page is read in linear time.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from decimal import Decimal

from parsers.amount_conversions import conversions, without_restatements
from parsers.amount_foreign import Found as _Found
from parsers.amount_foreign import foreign_money
from parsers.amount_forms import JIAO_FEN, VAGUE_LOOKBACK, jiao_fen_value, unread_money, vague_bounds
from parsers.amount_lists import (
    CNY_AFTER,
    carried_qualifier,
    list_role,
    named_currency,
    restates,
    share_trailing_qualifier,
    without_rate_notes,
)
from parsers.amount_percent import support_ratios
from parsers.amount_roles import role_of
from parsers.amount_tables import indicator_money, table_money
from parsers.amount_words import period_of, purpose_of, qualifier_of, round_figure_qualifier
from parsers.measures import measure_at, measure_spans
from parsers.numbers import (
    BIG_CHARS,
    CN_DIGIT_CHARS,
    NUMBER,
    WIDTH_FOLD,
    big_tail,
    cn_number,
    has_scale,
    trailing_scale,
)
from parsers.schema import Amount, AmountRole, AmountUnit, Measure, Qualifier

__all__ = ["extract_amounts", "read_amounts", "parse_yuan"]

_PREFIX = r"人民币|人民幣|RMB|CNY|¥|￥|新台币|新台幣|台币|台幣|NT\$|港币|港幣|港元|HK\$|美元|USD|US\$|\$|欧元|EUR"
_SUFFIX = r"元人民币|元人民幣|美元|美金|港元|港币|港幣|欧元|歐元|日元|日圆|英镑|英鎊|新台币元|新台币|元|圆|圓|円|ドル|ユーロ"
_SEP = r"-|—|–|~|～|〜|至|到|から"
# 三到五万元, 两至三亿元: a lone digit is the low end of a range whose high end has the unit.
_LONE_DIGIT = rf"[{CN_DIGIT_CHARS}](?=\s*(?:{_SEP})\s*[{CN_DIGIT_CHARS}])"
_MONEY_RE = re.compile(
    rf"(?P<pre>{_PREFIX})?\s*(?<![\d.A-Za-z])(?<!\d,)(?P<n1>{NUMBER}|{_LONE_DIGIT})(?:(?<=[万萬亿億])[多余])?(?:\s*(?P<c1>{_SUFFIX}){JIAO_FEN}(?!钟))?"
    rf"(?:\s*(?P<sep>{_SEP})\s*(?:{_PREFIX})?\s*(?P<n2>{NUMBER})(?:\s*(?P<c2>{_SUFFIX}))?)?"
)
_USER_RE = re.compile(rf"(?:人民币|人民幣|RMB|¥|￥)?\s*(?P<n>{NUMBER})\s*(?:元|块)?")

# Words that make a bare "2000万" (no 元) money when they shortly precede it.
_MONEY_CONTEXT = re.compile(
    r"投资|投入|资本|资金|基金|设立|规模|补贴|补助|资助|奖励|奖补|融资|贷款|授信|营收|收入|产值|金额|总额|交易额|销售额|订单|估值|算力券|给予|获得|"
    r"安排|赚|启动资金|年入|能拿|可领|最多|"
    # what money is spent, owed or paid out as: "买了辆100万的豪车", "欠了300万货款", "掏了10个亿"
    r"货款|欠款|债务|购买|买了|花了|花费|售价|价值|身价|掏了|掏出|拨付|出资|募资|募集|利润|年薪|薪酬|预算"
)
# Units after a number that make it a count, an area or a time, never money.
_NOT_MONEY_AFTER = re.compile(
    r"\s*(?:平方|平米|㎡|方|亩|卡时|个|家|名|人|户|用户|粉丝|浏览|阅读|播放|点击|曝光|下载|观看|位|项|次|台|张|套|间|支|所|座|条|篇|件|吨|瓦|千瓦|度|公里|米|小时|天|年|月|日|号|倍|余|多|级|%|GPU|P|EFLOPS|PFLOPS)"
)
# Before a bare Chinese numeral without 元 ("年营业收入超千万"), a comparison word makes it a
# figure rather than an idiom (千万不要 = "by no means").
_CN_FIGURE_BEFORE = re.compile(r"(?:超过|超|逾|达到|达|近|突破|上)$")
_ROUND_BEFORE = re.compile(r"(?:超|过|逾|近|将近|接近)[“\"]?$")
# A comma between digits is a thousands separator (1,000万元), not a clause end.
_CLAUSE_END = re.compile(r"[。；;！!？?\n，、：:]|(?<!\d),|,(?!\d{3})")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")



_CLAUSE_MAX = 300  # characters either side of an amount its clause is read in (linear time)
_SENTENCE_MAX = 600


def parse_yuan(text: str) -> Decimal:
    """Yuan value of a user-typed amount: "1000万", "1000万元", "2亿", "5000000", "50万元".

    Raises ValueError quoting the text for anything else (foreign currency, words, empty).
    """
    folded = (text or "").translate(WIDTH_FOLD).strip()
    match = _USER_RE.fullmatch(folded)
    if not match or (not match.group("n")[0].isdigit() and len(match.group("n")) < 2):
        raise ValueError(f"not an amount in yuan: {text!r}")
    return cn_number(match.group("n"))


def _stops(text: str, pattern: re.Pattern[str]) -> list[int]:
    return [m.start() for m in pattern.finditer(text)]


def _bounds(stops: list[int], start: int, end: int, length: int) -> tuple[int, int]:
    """Start and end of the clause (or sentence) around [start, end), from delimiter offsets."""
    i = bisect_left(stops, start)
    left = stops[i - 1] + 1 if i > 0 else 0
    j = bisect_left(stops, end)
    return left, stops[j] if j < len(stops) else length


def _money_value(m: re.Match[str], text: str) -> tuple[Decimal, Decimal | None, int, str, bool] | None:
    """(value, low, end offset, currency, vague) of a money match, or None when it is not money.

    Only a bounded window before the match is looked at, so a page is read in linear time."""
    n1, n2, c1, c2 = m.group("n1"), m.group("n2"), m.group("c1"), m.group("c2")
    if m.group("sep") and c1 and not c2:
        n2 = None  # "1000亿元到2028年": the 到 starts a new phrase, not a range
    currency_word = c2 if n2 else c1
    before = text[max(0, m.start("n1") - 2 * VAGUE_LOOKBACK) : m.start("n1")]
    bounds = None if n2 else vague_bounds(before, n1)
    if bounds is None and re.search(r"(?:数|几)$", before):
        return None  # 数十亿 in a range or before a figure: no value to report
    pure_cn = not n1[0].isdigit()
    colloquial = "个" in n1  # 三个亿, 两个亿: spoken, but unambiguous before 万/亿
    if pure_cn and len(n1.replace("个", "")) < 2 and not (bounds and currency_word) and not n2 and not (
            n1 in "亿億" and _ROUND_BEFORE.search(before) and (currency_word or _MONEY_CONTEXT.search(text[m.end() : m.end() + 4]))):
        return None  # "万元" in a table header, "亿" alone: no number; but 超亿元, 近亿元, "过亿"融资 are 1亿
    if not currency_word and not m.group("pre"):
        last = n2 or n1
        scale = trailing_scale(last)
        if not any(ch in scale for ch in BIG_CHARS):
            return None
        # A Chinese numeral without 元 is money only after a figure word (超过五十万) or beside a
        # money word of its own clause (营收一千二百多万, 最多能拿五十万); 五十万人 is a count.
        own_clause = re.split(r"[，,。；;、！？!?：:]", before)[-1][-8:]
        if pure_cn and not bounds and not colloquial and (
                n2 or not (_CN_FIGURE_BEFORE.search(before) or _ROUND_BEFORE.search(before) or _MONEY_CONTEXT.search(own_clause))):
            return None
        if _NOT_MONEY_AFTER.match(text, m.end()):
            return None
        window = text[max(0, m.start() - 10) : m.start()] + "|" + text[m.end() : m.end() + 6]
        if bounds:  # 几百万的融资: a vague figure takes its money word from its own clause only
            window = re.split(r"[，,。；;、！？!?]", window.split("|")[0])[-1] + "|" + re.split(
                r"[，,。；;、！？!?]", window.split("|")[1])[0]
        if not _MONEY_CONTEXT.search(window):
            return None
    if bounds:
        end = m.end("c1") if c1 else m.end("n1")
        return bounds[1], bounds[0], end, named_currency(m.group("pre"), c1), True
    if n2:
        if not any(ch in BIG_CHARS for ch in n1) and has_scale(n2):
            # "3-5万元", "三十到五十万元", "两千到三千万元": the low end borrows the high end's unit.
            n1 = n1 + (trailing_scale(n2).replace("个", "") if not has_scale(n1) else big_tail(n2))
        low, high = cn_number(n1), cn_number(n2)
        if low >= high:
            return None
        end = m.end("c2") if c2 else m.end("n2")
        return high, low, end, named_currency(m.group("pre"), c1, c2), False
    end = m.end("c1") if c1 else m.end("n1")
    value = cn_number(n1)
    if c1 in ("元", "圆", "圓") and (m.group("jiao") or m.group("fen")):
        value += jiao_fen_value(m.group("jiao"), m.group("fen"))  # 十二万三千四百元五角
        end = m.end()
    return value, None, end, named_currency(m.group("pre"), c1), False


def extract_amounts(text: str, measures: Sequence[Measure] = ()) -> list[Amount]:
    """Every money amount (yuan or the stated currency) and support ratio in ``text``.

    Counts, areas, compute hours, years, phone and index numbers are not amounts. ``measures``
    (from :func:`parsers.measures.extract_measures` on the same text) give each amount the label
    of the innermost numbered item it sits in.
    """
    return read_amounts(text, measures)[0]


def read_amounts(
    text: str, measures: Sequence[Measure] = (), currency: str = "CNY",
) -> tuple[list[Amount], list[str]]:
    """(amounts, warnings): :func:`extract_amounts` plus an "unparsed amount: …" warning for
    each phrase before a currency word that is not a numeral (1,00万元, 壹拾拾万元). ``currency``
    is the page's own (:func:`parsers.amount_lists.local_currency`): what a plain 元 means there."""
    original = text or ""
    # Matching runs on folded text (full-width digits, ％, ，); the fold is one character to one
    # character, so offsets found there slice the original for phrases and keys.
    text = original.translate(WIDTH_FOLD)
    spans = measure_spans(text, measures)
    english = foreign_money(text)
    en_starts = [f[0] for f in english]
    found: list[_Found] = list(english)
    for m in _MONEY_RE.finditer(text):
        k = bisect_right(en_starts, m.start("n1")) - 1
        if k >= 0 and m.start("n1") < english[k][1]:
            continue  # "US$1.5 billion" is read whole by the foreign-language reader
        try:
            value = _money_value(m, text)
        except ValueError:  # not a numeral (壹拾拾万): reported by unread_money below
            value = None
        if value is None:
            continue
        high, low, end, named, vague = value
        if not named:
            named = "CNY" if CNY_AFTER.match(text, end) else currency
        found.append((m.start(), end, high, low, AmountUnit.MONEY, named, vague))
    clause_stops, sentence_stops = _stops(text, _CLAUSE_END), _stops(text, _SENTENCE_END)
    found += support_ratios(text, lambda start, end: _bounds(sentence_stops, start, end, len(text))[0])
    table_roles: dict[int, tuple[AmountRole, str, Qualifier | None]] = {}
    for fig in [*table_money(text), *indicator_money(text)]:  # "金额单位：万元" above a table; 指标（亿元）rows
        found.append((fig.start, fig.end, fig.value, None, AmountUnit.MONEY, currency, False))
        table_roles[fig.start] = fig.role()
    found.sort(key=lambda f: f[0])
    found = without_restatements(text, without_rate_notes(text, found))
    warnings = [f"unparsed amount: {p}" for p in unread_money(text, [(f[0], f[1]) for f in found])]
    return _build(text, original, found, spans, clause_stops, sentence_stops, table_roles), warnings


def _build(
    text: str, original: str, found: list[_Found], spans: list[tuple[int, int, str]], clause_stops: list[int],
    sentence_stops: list[int], fixed: dict[int, tuple[AmountRole, str, Qualifier | None]],
) -> list[Amount]:
    amounts: list[Amount] = []
    keys: dict[str, int] = {}
    starts = [f[0] for f in found]
    span_starts = [s[0] for s in spans]
    previous: tuple[int, Qualifier, AmountUnit, tuple[AmountRole, str]] | None = None  # the last amount
    converted = conversions(text, found)
    for k, (start, end, value, low, unit, currency, vague) in enumerate(found):
        c_start, c_end = _bounds(clause_stops, start, end, len(text))
        if k + 1 in converted:
            end = converted[k + 1]  # its words after follow the bracketed conversion
        # Clause and sentence are read in a bounded window: O(page) overall even without punctuation.
        c_start, c_end = max(c_start, start - _CLAUSE_MAX), min(c_end, end + _CLAUSE_MAX)
        s_start = max(_bounds(sentence_stops, start, end, len(text))[0], c_start - _SENTENCE_MAX)
        clause = text[c_start:c_end]
        # The qualifier window starts after any earlier amount in the same clause.
        prev_end = c_start
        for j in range(k - 1, -1, -1):
            if found[j][0] < c_start - _CLAUSE_MAX:
                break
            if c_start <= found[j][1] <= start:
                prev_end = max(prev_end, found[j][1])
        before, after = text[prev_end:start], text[end:c_end]
        inside = [f for f in found[bisect_left(starts, c_start) : bisect_right(starts, c_end)] if f[1] <= c_end]
        masked = original[c_start:c_end]
        for o_start, o_end, *_ in sorted(inside, key=lambda f: -f[0]):
            masked = masked[: o_start - c_start] + "#" + masked[o_end - c_start :]
        key = masked.strip()
        keys[key] = keys.get(key, 0) + 1
        if keys[key] > 1:
            key = f"{key}@{keys[key]}"
        qualifier = Qualifier.VAGUE if vague else Qualifier.RANGE if low is not None else qualifier_of(before, after)
        if k in converted and previous is not None:
            # "1억 위안(약 205억원)", "5万元（约5.5万港元）": a conversion states the same amount, with
            # its qualifier; its own 约 / about only says the exchange rate is rounded.
            qualifier = previous[1]
        if qualifier is Qualifier.EXACT and previous is not None and previous[2] is unit:
            qualifier = carried_qualifier(text[previous[0] : start], previous[1]) or qualifier
        nxt = bisect_left(starts, end)
        next_start = starts[nxt] if nxt < len(starts) and starts[nxt] < c_end else c_end
        role, role_reason = role_of(text, start, end, (c_start, c_end), s_start, prev_end, next_start, unit)
        if previous is not None and previous[2] is unit:  # "突破500万元、1000万元的企业": one role for the list
            role, role_reason = list_role(text, found, amounts, k, text[previous[0] : start], previous[3], (role, role_reason))
        if previous is not None and k in converted:
            role, role_reason = previous[3]
        elif previous is not None and restates(text[previous[0] : start], (found[k - 1][2], found[k - 1][5]) == (value, currency)):
            role, role_reason, qualifier = previous[3][0], previous[3][1], previous[1]  # "(inclusive of RMB2 million)"
        if start in fixed:  # a table cell: its column and row say what it is
            role, role_reason, table_qualifier = fixed[start]
            qualifier = table_qualifier or qualifier
        if role is AmountRole.FUND and qualifier is Qualifier.EXACT:
            qualifier = Qualifier.TOTAL  # a fund's or a programme's size is a total
        qualifier = round_figure_qualifier(text[start:end], qualifier)
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
                measure=measure_at(spans, span_starts, start),
                role=role,
                role_reason=role_reason,
                phrase=original[c_start:c_end].strip(),
                key=key,
            )
        )
    share_trailing_qualifier(text, found, amounts)
    return amounts
