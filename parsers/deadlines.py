"""The closing date of an application (Policy.deadline): the day founders must act by.

Forms read: 申报截止时间为2026年3月31日; 截止日期：2026-02-28; 请于4月15日前报送 (a yearless
date takes its year from the publication date, see :func:`parsers.dates.resolve_date`);
受理时间：即日起至2026年5月20日 / 申报时间：2026年3月1日—3月31日 (the end of the window);
2026年4月30日（星期四）17:00前提交. When several are stated (网上申报 then 纸质材料), the
earliest is the one an applicant must meet first. 截至 ("as of", a statistic's date) is not a
deadline. Only read for pages that bind or invite (policy, rules, application): a report's
deadline belongs to the notice it reports.
"""

from __future__ import annotations

import re
from datetime import date

from parsers.dates import parse_date
from parsers.schema import DEFAULT_ALERT_KINDS, DocKind

__all__ = ["find_deadline"]

_DATE = (
    r"(?:(?:19|20)\d{2}\s*(?:年|[-/.])\s*)?\d{1,2}\s*(?:月|[-/.])\s*\d{1,2}\s*日?"
    r"(?:\s*[（(]\s*(?:星期|周)[一二三四五六日天]\s*[)）])?(?:\s*(?:上午|下午)?\s*\d{1,2}[:：]\d{2})?"
)
_ACT = r"(?:申报|报送|提交|报名|申请|受理|推荐|上传|递交|寄送|送达|征集)"
_PATTERNS = [
    # 申报截止时间为2026年3月31日 / 截止日期：2026-02-28 / 报名截止至4月15日
    re.compile(
        rf"(?:{_ACT}[^。；\n]{{0,12}}截止(?:时间|日期)?|截止(?:时间|日期))\s*(?:为|是|到|至|于)?\s*[:：]?\s*(?P<d>{_DATE})"
    ),
    # 请于4月15日前报送 / 于2026年4月30日17:00前提交 / 4月15日（含）前完成申报
    re.compile(rf"(?:于|在)\s*(?P<d>{_DATE})\s*(?:[（(]含[)）])?\s*(?:前|之前|以前)[^。；\n]{{0,20}}{_ACT}"),
    # 受理时间：即日起至2026年5月20日 / 申报时间：2026年3月1日—3月31日
    re.compile(
        rf"{_ACT}(?:时间|期限|日期|窗口)\s*(?:为|是)?\s*[:：]?\s*(?:即日起|{_DATE})?\s*(?:起)?\s*(?:至|到|—|－|-|~|～)\s*(?P<d>{_DATE})"
    ),
    # 即日起至2026年5月20日（止）可申报
    re.compile(rf"即日起至\s*(?P<d>{_DATE})[^。；\n]{{0,16}}{_ACT}"),
    # 申报系统…于2026年6月30日24时关闭 / 报名通道6月30日截止
    re.compile(rf"{_ACT}(?:系统|通道|平台|窗口)[^。；\n]{{0,30}}?(?:于|至)?\s*(?P<d>{_DATE})\s*(?:\d{{1,2}}[时点])?\s*(?:关闭|截止|结束)"),
]


def _read(text: str, published: date | None) -> date | None:
    text = re.sub(r"\s+", "", text)
    if re.match(r"^(?:19|20)\d{2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}", text) or "年" in text[:6]:
        return parse_date(text)
    m = re.match(r"^(\d{1,2})(?:月|[-/.])(\d{1,2})", text)
    if published is None or m is None:
        return None
    # A yearless closing date lies after the notice was published (a week's slack for late posting).
    for year in (published.year, published.year + 1):
        try:
            d = date(year, int(m.group(1)), int(m.group(2)))
        except ValueError:
            return None
        if (d - published).days >= -7:
            return d
    return None


def find_deadline(body: str, kind: DocKind, published: date | None = None) -> date | None:
    """The earliest application closing date stated in ``body``, or None (see the module doc)."""
    if kind not in DEFAULT_ALERT_KINDS:
        return None
    found: list[date] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(body or ""):
            d = _read(m.group("d"), published)
            if d is not None:
                found.append(d)
    return min(found) if found else None
