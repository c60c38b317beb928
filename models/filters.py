"""User-typed filter values, validated one way for every entry point (CLI, subscriptions, web).

Each function returns the value in the store's terms or raises :class:`FilterError` (a
ValueError) whose message quotes what was typed, in Chinese and English, with an example.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from parsers.regions import Region, resolve_region

EVENT_KINDS = (
    "policy.new", "policy.revised", "policy.withdrawn", "policy.republished",
    "amount.added", "amount.changed", "amount.removed", "target.changed",
    "effective_period.changed", "measure.added", "measure.removed", "policy.superseded",
    "deadline.reminder",
)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class FilterError(ValueError):
    """A filter value that names nothing; the message says what was typed and what would do."""


def split_values(values: Iterable[str] | None) -> list[str]:
    """``--kind a,b --kind c`` (commas ASCII or Chinese) as [a, b, c]."""
    out: list[str] = []
    for value in values or []:
        out.extend(part.strip() for part in str(value).replace("，", ",").split(",") if part.strip())
    return out


def region(text: str) -> Region:
    """A region by name, alias or code, checked against the region table."""
    found = resolve_region(str(text))
    if found is None:
        raise FilterError(f"未知地区 unknown region {text!r}: 请用地区名称或行政区划代码 "
                          "give a name or code such as 苏州 or 320500")
    return found


def region_codes(texts: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(region(t).code for t in texts))


def day(text: str, option: str = "date") -> date:
    """YYYY-MM-DD and nothing else (2026/01/01 and 20260101 are refused, not guessed)."""
    value = str(text).strip()
    try:
        if not _DAY.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise FilterError(f"{option} 日期格式不对 is not a date: {text!r}; 请写成 write it as YYYY-MM-DD, "
                          "e.g. 2026-01-19") from None


def date_range(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    start = day(since, "--since") if since else None
    end = day(until, "--until") if until else None
    if start and end and end < start:
        raise FilterError(f"--until {end} 早于 is before --since {start}")
    return start, end


def choices(wanted: Sequence[str], choices: Sequence[str], what: str, extra: str = "") -> list[str]:
    unknown = [k for k in wanted if k not in choices]
    if unknown:
        raise FilterError(f"{what}: {', '.join(map(repr, unknown))}; 可选 choose from: {', '.join(choices)}{extra}")
    return list(dict.fromkeys(wanted))


def doc_kinds(kinds: Sequence[str]) -> list[str]:
    """Document kinds (policy, rules, …); ``all`` = every kind; empty = none chosen."""
    from parsers.schema import DocKind

    every = [k.value for k in DocKind]
    wanted = [str(k).strip().lower() for k in kinds if str(k).strip()]
    if "all" in wanted:
        return every
    return choices(wanted, every, "未知文件类型 unknown document kind", ", all")


def event_kinds(kinds: Sequence[str]) -> list[str]:
    """Event kinds: exact (amount.changed) or a family (amount = every amount.* kind)."""
    families = sorted({k.split(".")[0] for k in EVENT_KINDS})
    return choices([str(k).strip() for k in kinds], [*EVENT_KINDS, *families], "未知事件类型 unknown event kind")


def amount(value: str | Decimal | None) -> Decimal | None:
    """``1000万`` / ``2亿`` / ``10000000`` / Decimal -> yuan; None for no minimum."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    parsed: Decimal | None
    if isinstance(value, Decimal):
        parsed = value
    else:
        try:
            parsed = Decimal(str(value).strip())
        except InvalidOperation:
            from parsers.amounts import parse_yuan

            try:
                parsed = parse_yuan(str(value))
            except ValueError:
                parsed = None
    if parsed is None or not parsed.is_finite() or parsed < 0:
        raise FilterError(f"无法识别的金额 cannot read amount {value!r}: 例如 e.g. 1000万, 2亿 or 10000000")
    return parsed


def positive(value: int, option: str, minimum: int = 0) -> int:
    if value < minimum:
        raise FilterError(f"{option} 须不小于 must be at least {minimum}, got {value}")
    return value
