"""Dates as Chinese government pages write them.

"2026-01-19", "2026/1/19", "2026.1.19", "2026年1月19日", the Hanweb PubDate "2024-10-14 10:17",
list dates split by whitespace ("2026-\\n01-\\n23", "2026- 08- 07") and Chinese-numeral 成文日期
("二〇二六年一月十九日"). An index number such as "2026-02-00018" is not a date.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["find_dates", "parse_date", "labelled_date", "posted_date", "resolve_date"]

_NUMERIC_RE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})(?!\d)\s*日?"
)
_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_DATE_RE = re.compile(r"([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")


def _cn_small(text: str) -> int:
    """一 → 1, 十 → 10, 十九 → 19, 二十一 → 21 (values up to 31)."""
    if "十" not in text:
        return _CN_DIGIT[text]
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[date]:
    """Every valid date in ``text``, in order of appearance."""
    found: list[tuple[int, date]] = []
    for m in _NUMERIC_RE.finditer(text or ""):
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d is not None:
            found.append((m.start(), d))
    for m in _CN_DATE_RE.finditer(text or ""):
        year = int("".join(str(_CN_DIGIT[ch]) for ch in m.group(1)))
        try:
            d = _make(year, _cn_small(m.group(2)), _cn_small(m.group(3)))
        except KeyError:
            d = None
        if d is not None:
            found.append((m.start(), d))
    return [d for _, d in sorted(found, key=lambda item: item[0])]


def parse_date(text: str) -> date | None:
    """The first date in ``text``, or None."""
    dates = find_dates(text)
    return dates[0] if dates else None


def labelled_date(text: str, labels: tuple[str, ...] = ("发布日期", "发布时间", "发文日期", "时间", "日期")) -> date | None:
    """The date right after the first of ``labels`` found in ``text`` ("发布日期：2025年09月09日")."""
    for label in labels:
        for m in re.finditer(re.escape(label) + r"\s*[:：]\s*", text or ""):
            d = parse_date(text[m.end() : m.end() + 24])
            if d is not None:
                return d
    return None


# A forum or blog post dates itself at its foot: "编辑于 2025-10-09 21:14", "发布于 2025-03-02".
_POSTED_RE = re.compile(r"(?:编辑于|发布于|发表于|更新于|Posted on|Published on)\s*")


def posted_date(text: str) -> date | None:
    """The date of a post's "编辑于 / 发布于 …" line anywhere in ``text``, or None."""
    for m in _POSTED_RE.finditer(text or ""):
        d = parse_date(text[m.end() : m.end() + 24])
        if d is not None:
            return d
    return None


_MONTH_DAY_RE = re.compile(r"(?P<rel>去年|今年|明年)?(?<!\d年)(?<![\d/.-])(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_RELATIVE_YEAR = {"去年": -1, "今年": 0, "明年": 1}


def resolve_date(text: str, reference: date) -> date | None:
    """The first date in ``text``; a yearless "1月19日" takes its year from ``reference`` (the
    publication date): 去年/今年/明年 say which, otherwise the latest such date at most 31 days
    after it, so "12月31日" in an article of 2026-01-20 is 2025-12-31.
    """
    full = _NUMERIC_RE.search(text or "") or _CN_DATE_RE.search(text or "")
    m = _MONTH_DAY_RE.search(text or "")
    if full is not None and (m is None or full.start() <= m.start()):
        return parse_date(text)
    if m is None:
        return None
    month, day = int(m.group(2)), int(m.group(3))
    if m.group("rel"):
        return _make(reference.year + _RELATIVE_YEAR[m.group("rel")], month, day)
    for year in (reference.year + 1, reference.year, reference.year - 1):
        d = _make(year, month, day)
        if d is not None and (d - reference).days <= 31:
            return d
    return None
