"""The one reader of dates in list rows and list APIs, shared by every family spider.

List rows spell a date ``2026-01-19``, ``2026/1/19``, ``2026.01.19`` or ``2026年1月19日``, Hanweb
dataproxy records split it over lines (``2026-\\n01-\\n19``), JSON APIs add a time
(``2026-01-19 10:30:00``, ``2026-01-19T10:30``) or give Java epoch milliseconds. A 索引号 such as
``014073227/2026-00012`` looks date-like and must not become one.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

__all__ = ["list_date"]

_DATE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")


def list_date(value: Any) -> date | None:
    """The first calendar date in ``value`` (text, or epoch milliseconds), or None."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 10**11:
        return datetime.fromtimestamp(value / 1000, UTC).date()
    match = _DATE.search(str(value or ""))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
