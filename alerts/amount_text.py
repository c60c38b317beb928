"""Amounts and targets as Chinese text: 最高2000万元, 2000万元 → 3000万元, 2028年OPC社区超50.

Plain text, not escaped; alerts.render escapes per format, the CLI prints it as is.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

QUALIFIER_WORDS = {"up_to": "最高", "at_least": "不低于", "total": "总规模", "approx": "约"}
COMPARATOR_WORDS = {">": "超", ">=": "不少于", "~": "约", "=": ""}


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value is not None and value != "" else None
    except (InvalidOperation, ValueError):
        return None


def _trim(number: Decimal) -> str:
    text = f"{number.quantize(Decimal('0.01')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_yuan(value: Any) -> str:
    """2000万元 / 10亿元 / 5000元 / 1.5亿元; the input is yuan (Decimal, number or numeric string)."""
    number = _decimal(value)
    if number is None:
        return str(value or "")
    if abs(number) >= Decimal(10) ** 8:
        return f"{_trim(number / Decimal(10) ** 8)}亿元"
    if abs(number) >= Decimal(10) ** 4:
        return f"{_trim(number / Decimal(10) ** 4)}万元"
    return f"{_trim(number)}元"


def _amount_value(amount: Mapping[str, Any]) -> str:
    """The number of an amount with its unit, without the qualifier word."""
    unit = str(amount.get("unit") or "money")
    if unit == "percent":
        number = _decimal(amount.get("value"))
        return f"{_trim(number)}%" if number is not None else str(amount.get("value", ""))
    text = format_yuan(amount.get("value"))
    currency = str(amount.get("currency") or "CNY")
    if currency != "CNY" and text.endswith("元"):
        text = f"{text[:-1]}（{currency}）"
    low = _decimal(amount.get("low"))
    if str(amount.get("qualifier")) == "range" and low is not None:
        text = f"{format_yuan(low).removesuffix('元')}–{text}"
    return text


def _qualifier(amount: Mapping[str, Any]) -> str:
    return QUALIFIER_WORDS.get(str(amount.get("qualifier") or ""), "")


def format_amount(amount: Mapping[str, Any]) -> str:
    """``最高2000万元`` (qualifier word + value + unit), plain text, not escaped."""
    return _qualifier(amount) + _amount_value(amount)


def format_change(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> str:
    """``最高2000万元 → 3000万元``: a shared qualifier is said once, in front."""
    if old and new:
        if _qualifier(old) == _qualifier(new):
            return f"{_qualifier(old)}{_amount_value(old)} → {_amount_value(new)}"
        return f"{format_amount(old)} → {format_amount(new)}"
    if new:
        return f"新增 {format_amount(new)}"
    if old:
        return f"取消 {format_amount(old)}"
    return ""


def format_target(target: Mapping[str, Any]) -> str:
    """``2028年OPC社区超50``: year, metric, comparator word, value."""
    year = f"{target['year']}年" if target.get("year") else ""
    comparator = COMPARATOR_WORDS.get(str(target.get("comparator") or "="), "")
    value = _decimal(target.get("value"))
    return f"{year}{target.get('metric', '')}{comparator}{_trim(value) if value is not None else ''}"
