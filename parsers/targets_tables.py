"""Goals in indicator tables written as text: "指标 | 2025年 | 2027年" then "集聚OPC企业（家） | 300 |
1000"; also "序号 | 指标名称 | 单位 | 2025年基数 | 2026年 | 2028年" in "|", tab or stored
space-separated rows. Used by :mod:`parsers.targets`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from parsers.numbers import canonical
from parsers.schema import Comparator, Target
from parsers.table_rows import row_cells
from parsers.targets_metric import clean_metric

__all__ = ["table_targets"]

# Indicator tables written as text: "指标 | 2025年 | 2027年" then "集聚OPC企业（家） | 300 | 1000";
# also "序号 | 指标 | 2025年基数 | 2026年 | 2028年" and "指标 | 2025年 | 2030年 | 属性". A base-year
# column (基数, or a year before the document's own) holds facts, not goals.
_YEAR_CELL = re.compile(r"^((?:19|20)\d{2})\s*年?(?:底|末)?\s*(?:目标值?|预期值?|基数|基期|现状|完成值?|实际值?)?$")
_BASE_CELL = re.compile(r"基数|基期|现状|完成|实际")
_LABEL_CELL = re.compile(r"^(?:主要)?指标(?:名称)?$|^名称$|^项目$")
_CELL_UNIT = re.compile(r"[（(]([^（）()]{1,8})[)）]\s*$")
_NUMBER_CELL = re.compile(r"\d+(?:\.\d+)?")


def _split_row(line: str) -> list[str]:
    return [cell for _, cell in row_cells(line, keep_empty=True)]


_UNIT_HEADER = re.compile(r"^(?:计量)?单位$")


def _goal_columns(cells: list[str], reference_year: int | None) -> tuple[int, list[tuple[int, int]]] | None:
    """(label column, [(column, year)] of goal columns) of a table header, or None."""
    years = [(k, m) for k, c in enumerate(cells) if (m := _YEAR_CELL.match(c))]
    if len(years) < 2 and not any(_LABEL_CELL.match(c) for c in cells):
        return None
    goals = [(k, int(m.group(1))) for k, m in years
             if not _BASE_CELL.search(cells[k]) and (reference_year is None or int(m.group(1)) >= reference_year)]
    first = years[0][0] if years else 0
    label = next((k for k, c in enumerate(cells) if _LABEL_CELL.match(c)),
                 first - 2 if first >= 2 and _UNIT_HEADER.match(cells[first - 1]) else first - 1)
    return (label, goals) if goals and 0 <= label < first else None


_CELL_COMPARATOR = {">": Comparator.GT, "＞": Comparator.GT, "≥": Comparator.GE, "超过": Comparator.GT, "": Comparator.EQ}
_COUNT_UNITS = re.compile(r"^万?(?:个|家|人|名|户|辆|架|台|项|座|所|条|次|人次|套|张|件|场)$")


def _cell_target(metric_cell: str, cell: str, year: int, line: str, unit_cell: str = "") -> Target | None:
    """The goal in one cell: "1000", ">2500", "≥60"; a "<1.3" cap has no comparator in the schema."""
    bound = re.match(r"^(>|＞|≥|超过|)\s*", cell)
    comparator = _CELL_COMPARATOR[bound.group(1)] if bound else Comparator.EQ
    cell = cell[bound.end():] if bound else cell
    if not _NUMBER_CELL.fullmatch(cell):
        return None
    unit_m = _CELL_UNIT.search(metric_cell)
    label = unit_m.group(1) if unit_m else unit_cell.strip("（）()")
    metric = _CELL_UNIT.sub("", metric_cell).strip()
    scale = 100_000_000 if label == "亿元" else 10_000 if label.startswith("万") else 1
    unit = ("yuan" if label.endswith("元") else "percent" if label in ("%", "％") else None
            if not label or _COUNT_UNITS.match(label) else label.removeprefix("万"))
    return Target(year=year, metric=clean_metric(metric) or metric, value=canonical(Decimal(cell) * scale), comparator=comparator,
                  unit=unit, phrase=line.strip())


def table_targets(text: str, reference_year: int | None = None) -> list[Target]:
    targets: list[Target] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        header = _split_row(lines[i]) if len(lines[i]) < 80 else []
        found = _goal_columns(header, reference_year) if len(header) >= 2 else None
        i += 1
        if found is None:
            continue
        label, goals = found
        unit_col = next((k for k, c in enumerate(header) if _UNIT_HEADER.match(c)), None)
        while i < len(lines) and len(row := _split_row(lines[i])) == len(header):
            unit = row[unit_col] if unit_col is not None else ""
            for k, year in goals:
                if (target := _cell_target(row[label], row[k], year, lines[i], unit)) is not None:
                    targets.append(target)
            i += 1
    return targets
