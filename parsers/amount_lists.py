"""What holds across the amounts of a page: the currency a plain 元 means there, exchange-rate
notes that are no amounts, and a bound written once for a whole list ("500万元、1000万元以上").
Used by :mod:`parsers.amounts`.
"""

from __future__ import annotations

import re

from parsers.amount_foreign import Found
from parsers.schema import Amount, AmountRole, AmountUnit, Qualifier

__all__ = [
    "CNY_AFTER", "LIST_JOIN", "carried_qualifier", "list_role", "local_currency", "named_currency", "restates",
    "share_trailing_qualifier", "without_rate_notes",
]

# Items of an enumeration: "500万元、1000万元", "10万元和20万元", "1 million yuan and 500,000 yuan
# (respectively)", "un millón y 500 000 yuanes".
LIST_JOIN = re.compile(r"\s*(?:、|和|或|及|或者)\s*|\s*,?\s+(?:and|or|and/or|et|ou|y|o|e|und|bzw\.|oder|en|và|dan|и)\s+")

# An item with a note in brackets before the joiner: "RMB 30,000 (leased premises) or RMB 60,000".
_NOTED_JOIN = re.compile(r"\s*[（(][^（）()]{1,30}[）)](?:" + LIST_JOIN.pattern + ")")
# The same figure restated as the bound it includes: "exceed RMB2 million (inclusive of RMB2 million)", "（含200万元）".
_INCLUSIVE = re.compile(r"\s*[（(]\s*(?:inclusive of|including|incl\.?|含|包含|包括)\s*", re.I)

# Currency words before or after a Chinese figure.
_CURRENCY = [
    (re.compile(r"美元|美金|USD|US\$|^\$|ドル"), "USD"),
    (re.compile(r"台币|台幣|NT\$"), "TWD"),
    (re.compile(r"港元|港币|港幣|HK\$"), "HKD"),
    (re.compile(r"欧元|歐元|EUR|ユーロ"), "EUR"),
    (re.compile(r"日元|日圆|円"), "JPY"),
    (re.compile(r"英镑|英鎊"), "GBP"),
]


def named_currency(*parts: str | None) -> str:
    """The currency the words name; "" for plain 元 / 万元, which is the page's local currency."""
    joined = "".join(p for p in parts if p)
    for pattern, code in _CURRENCY:
        if pattern.search(joined):
            return code
    return "CNY" if re.search(r"人民币|人民幣|RMB|CNY|[¥￥]", joined) else ""


# "1000萬元人民幣", "10亿元（人民币，下同）": yuan named after the figure.
CNY_AFTER = re.compile(r"\s*[（(]?\s*(?:人民币|人民幣|RMB)")


def local_currency(url: str, text: str) -> str:
    """The currency of a plain 元 on this page: New Taiwan dollars on a Taiwanese page (a .tw site,
    or a page that speaks of 新台币 and never of 人民币), else yuan."""
    host = re.sub(r"^[a-z]+://", "", url or "").split("/", 1)[0].split(":", 1)[0].lower()
    if host.endswith(".tw"):
        return "TWD"
    if re.search(r"新台币|新臺幣|新台幣|NT\$", text) and not re.search(r"人民币|人民幣|RMB", text):
        return "TWD"
    return "CNY"


# An exchange-rate note: "1元＝约21円", "1美元=7.1元", "(1 USD = 7.2 CNY)".
_RATE_SIGN = re.compile(r"\s*[=＝≈]\s*(?:约|約|approx\.?)?\s*")


def without_rate_notes(text: str, found: list[Found]) -> list[Found]:
    """``found`` without the two figures of an exchange-rate note: one unit, "=", its price."""
    drop: set[int] = set()
    for k, f in enumerate(found):
        if f[2] == 1 and f[4] is AmountUnit.MONEY and (sign := _RATE_SIGN.match(text, f[1])) and sign.group(0):
            drop.add(k)
            if k + 1 < len(found) and found[k + 1][0] <= sign.end() + 1:
                drop.add(k + 1)
    return [f for k, f in enumerate(found) if k not in drop]


_RAISED_TO = re.compile(r"\s*(?:提高|提升|增加|上调|放宽|扩大)(?:到|至)\s*")


def carried_qualifier(between: str, previous: Qualifier) -> Qualifier | None:
    """The qualifier an exact amount takes from the amount before it (of the same unit), given the
    text ``between`` them: a raised cap is a cap ("上限由20万元提高至30万元"); an enumeration
    shares the qualifier written before its first item ("突破500万元、1000万元")."""
    if previous in (Qualifier.UP_TO, Qualifier.AT_LEAST) and _RAISED_TO.fullmatch(between):
        return previous
    if previous not in (Qualifier.RANGE, Qualifier.VAGUE) and LIST_JOIN.fullmatch(between):
        return previous
    if previous is Qualifier.UP_TO and _CAPPED_PAIR.fullmatch(between):
        return previous  # "每年最高可获得300万元研发奖励和100万元人才奖励": 最高 caps both
    return None


# Two awards after one cap, each named by its kind: "最高可获得300万元研发奖励和100万元人才奖励".
_CAPPED_PAIR = re.compile(r"[^，。；,;\d]{0,6}?(?:奖励|补贴|补助|资助|奖金)\s*(?:和|及|与|以及)\s*")


def restates(between: str, same_figure: bool) -> bool:
    """True when an amount repeats the one before it as the bound it includes ("exceed RMB2
    million (inclusive of RMB2 million)"): the same condition, with its qualifier and role."""
    return same_figure and _INCLUSIVE.fullmatch(between) is not None


def list_role(text: str, found: list[Found], amounts: list[Amount], k: int, between: str,
              previous: tuple[AmountRole, str], own: tuple[AmountRole, str]) -> tuple[AmountRole, str]:
    """The role of the k-th amount when it follows an item of an enumeration (``between`` is the
    text since it): the list has one role. The first item's words give it ("突破500万元、1000万元的
    企业"), unless they say nothing; then the first item that says it gives it to the items before it
    ("分80万元、50万元、30万元三档给予奖励"). An item after a bracketed note ("RMB 30,000 (leased
    premises) or RMB 60,000") that says nothing takes the role before it."""
    joined = LIST_JOIN.fullmatch(between) is not None
    if joined and (previous[0] is not AmountRole.UNKNOWN or own[0] is AmountRole.UNKNOWN):
        return previous
    if own[0] is AmountRole.UNKNOWN and _NOTED_JOIN.fullmatch(between):
        return previous
    if joined:
        j = k - 1
        while j >= 0 and amounts[j].role is AmountRole.UNKNOWN and LIST_JOIN.fullmatch(text[found[j][1] : found[j + 1][0]]):
            update: dict[str, object] = {"role": own[0], "role_reason": own[1]}
            if own[0] is AmountRole.FUND and amounts[j].qualifier is Qualifier.EXACT:
                update["qualifier"] = Qualifier.TOTAL
            amounts[j] = amounts[j].model_copy(update=update)
            j -= 1
    return own


_TRAILING_BOUND = re.compile(r"\s*(?:及以上|以上|以下|以内)")


def share_trailing_qualifier(text: str, found: list[Found], amounts: list[Amount]) -> None:
    """"营业收入首次达到500万元、1000万元、3000万元以上": a bound written after the last item of an
    enumeration holds for every item of it."""
    k = len(found) - 1
    while k > 0:
        if not _TRAILING_BOUND.match(text, found[k][1]) or amounts[k].qualifier not in (Qualifier.AT_LEAST, Qualifier.UP_TO):
            k -= 1
            continue
        j = k
        while j > 0 and found[j - 1][4] is found[k][4] and LIST_JOIN.fullmatch(text[found[j - 1][1] : found[j][0]]):
            j -= 1
            if amounts[j].qualifier is Qualifier.EXACT:
                amounts[j] = amounts[j].model_copy(update={"qualifier": amounts[k].qualifier})
        k = j - 1
