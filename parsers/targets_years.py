"""The year of a goal: a year named in the text (2027年, “十五五”末), an annual plan's year (2026年…
工作要点), a span from a stated start (三年内, 未来三年), a plan's last year (到行动期末 in a
2026—2028 plan), and years written in Chinese numerals (二〇二七年). Used by :mod:`parsers.targets`.
"""

from __future__ import annotations

import re

from parsers.numbers import cn_number

__all__ = ["PLAN_SPAN", "WITHIN_YEARS", "YEAR_RE", "annual_plan_year", "arabic_years", "named_years", "within_year"]

YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
# The end of a five-year plan is a target year: "“十四五”末" 2025, "到“十五五”末" 2030.
_PLAN_END = re.compile(r"[“\"]?十([三四五])五[”\"]?(?:规划)?(?:期?末|收官)")
_PLAN_END_YEAR = {"三": 2020, "四": 2025, "五": 2030}


def named_years(text: str) -> list[int]:
    """Target years named in ``text`` in order: 2027年, “十五五”末."""
    # "较2025年翻一番": a comparison's base year is not the goal's.
    found = [(m.start(), int(m.group(1))) for m in YEAR_RE.finditer(text)
             if not text[max(0, m.start() - 2) : m.start()].endswith(("较", "比"))]
    found += [(m.start(), _PLAN_END_YEAR[m.group(1)]) for m in _PLAN_END.finditer(text)]
    return [year for _, year in sorted(found)]


_ANNUAL_PLAN = re.compile(r"((?:19|20)\d{2})\s*年度?[^，。]{0,40}(?:工作要点|工作计划|重点工作|年度计划|要点)")


def annual_plan_year(title: str) -> int | None:
    """The year of an annual plan named by its title ("南海区2026年…工作要点" → 2026), else None."""
    m = _ANNUAL_PLAN.search(title or "")
    return int(m.group(1)) if m else None


WITHIN_YEARS = re.compile(r"(?:未来|今后)\s*(\d{1,2}|[两三四五])\s*年|([两三四五])\s*年内")
# A plan's span, "（2026—2028年）": "到行动期末" is its last year.
PLAN_SPAN = re.compile(r"(?:19|20)\d{2}\s*[—–\-~～至到]\s*((?:19|20)\d{2})\s*年")


def within_year(goal: str, start_year: int | None) -> int | None:
    """The year of a goal "三年内" / "未来3年": the stated start year plus the span, else None."""
    m = WITHIN_YEARS.fullmatch(goal)
    if m is None or start_year is None:
        return None
    return start_year + int(cn_number(m.group(1) or m.group(2)))


_CN_YEAR = re.compile(r"[〇零一二][〇零一二三四五六七八九]{3}(?=\s*年)")
_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def arabic_years(text: str) -> str:
    """``text`` with years in Chinese numerals written in digits: 力争到二〇二七年 = 到2027年."""
    return _CN_YEAR.sub(lambda m: m.group(0).translate(_YEAR_DIGITS), text)
