"""Money in tables whose unit is stated once: "金额单位：万元" above a table whose cells hold bare
figures ("最高300", "100、60、30", "每家每年最高20", "18.6"), or a column headed "金额（万元）".

Government pages print their support tables and 拟兑现 lists this way; without the unit the
figures are plain numbers and the money is lost. Rows are read as text: cells split by "|" or
tabs (how tables come out of HTML-to-text and PDF conversion). Used by :mod:`parsers.amounts`.
"""

from __future__ import annotations

import re
from decimal import Decimal

__all__ = ["table_money"]

_UNIT_LINE = re.compile(r"(?:金额|资金|计量)?单位\s*[:：]\s*(万元|亿元|元)")
_HEADER_UNIT = re.compile(r"[（(]\s*(万元|亿元|元)\s*[)）]")
_MONEY_HEADER = re.compile(r"金额|额度|资金|奖励|补贴|补助|资助|支持标准|兑现|拨付|万元|亿元")
_CELL_SPLIT = re.compile(r"[|｜\t]")
# A cell of figures: optional cap words, then one figure or a list "100、60、30".
_CELL = re.compile(
    r"^(?P<cap>(?:每[家个户人年项]+)*(?:最高|不超过|上限)?)\s*"
    r"(?P<figures>\d+(?:\.\d+)?(?:\s*[、/，,]\s*\d+(?:\.\d+)?)*)\s*(?:以内)?$"
)
_SCALE = {"万元": Decimal(10_000), "亿元": Decimal(100_000_000), "元": Decimal(1)}
_MAX_GAP = 2  # lines between the unit note and its table's header


def _cells(line: str) -> list[tuple[int, str]]:
    """(offset, text) of each cell. Cells are split by "|" or tabs; a line with neither (stored text,
    where a tab became one space) is split by spaces."""
    sep = _CELL_SPLIT if _CELL_SPLIT.search(line) else re.compile(r" +")
    cells, at = [], 0
    for m in [*sep.finditer(line), None]:
        end = m.start() if m else len(line)
        raw = line[at:end]
        if raw.strip():
            cells.append((at + len(raw) - len(raw.lstrip()), raw.strip()))
        at = m.end() if m else end
    return cells


def table_money(text: str) -> list[tuple[int, int, Decimal, bool, bool]]:
    """(start, end, value in yuan, capped, is_total) for each figure in a money column of a table
    with a stated unit. ``capped``: the cell says 最高 / 不超过; ``is_total``: a 合计 / 总计 row."""
    found: list[tuple[int, int, Decimal, bool, bool]] = []
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    unit_at: tuple[int, Decimal] | None = None  # (line index, scale) of the last unit note
    i = 0
    while i < len(lines):
        line = lines[i]
        if (m := _UNIT_LINE.search(line)) and len(line) < 40:
            unit_at = (i, _SCALE[m.group(1)])
        header = [c for _, c in _cells(line)]
        if len(header) >= 3 and any(_MONEY_HEADER.search(c) for c in header) and len(line) < 120:
            noted = unit_at[1] if unit_at and i - unit_at[0] <= _MAX_GAP else None
            # Columns are counted from the right: a 合计 row leaves its left cells empty.
            columns = {
                k - len(header): _SCALE[h.group(1)] if (h := _HEADER_UNIT.search(c)) else noted
                for k, c in enumerate(header)
                if _MONEY_HEADER.search(c) and (_HEADER_UNIT.search(c) or noted)
            }
            j = i + 1
            while columns and j < len(lines) and len(row := _cells(lines[j])) >= 2:
                is_total = bool(re.match(r"^\s*(?:合\s*计|总\s*计|小\s*计)", lines[j]))
                if len(row) != len(header) and not is_total:
                    break
                for k, scale in columns.items():
                    if scale is None or -k > len(row) or not (cell := _CELL.match(row[k][1])):
                        continue
                    base = offsets[j] + row[k][0]
                    for fig in re.finditer(r"\d+(?:\.\d+)?", cell.group("figures")):
                        start = base + cell.start("figures") + fig.start()
                        value = (Decimal(fig.group(0)) * scale).normalize()
                        found.append((start, start + len(fig.group(0)), value.quantize(Decimal(1))
                                      if value == value.to_integral_value() else value, bool(cell.group("cap")), is_total))
                j += 1
            i = max(j, i + 1)
            continue
        i += 1
    return found
