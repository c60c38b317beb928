"""Money in tables whose unit is stated once: "金额单位：万元" above a table whose cells hold bare
figures ("最高300", "100、60、30", "每家每年最高20", "18.6"), or a column headed "金额（万元）".

Government pages print their support tables and 拟兑现 lists this way; without the unit the
figures are plain numbers and the money is lost. Rows are read as text (:mod:`parsers.table_rows`).
Used by :mod:`parsers.amounts`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from parsers.numbers import canonical
from parsers.schema import AmountRole, Qualifier
from parsers.table_rows import row_cells

__all__ = ["TableFigure", "indicator_money", "table_money"]

_UNIT_LINE = re.compile(r"(?:金额|资金|计量)?单位\s*[:：]\s*(万元|亿元|元)")
_HEADER_UNIT = re.compile(r"[（(]\s*(万元|亿元|元)\s*[)）]")
_MONEY_HEADER = re.compile(r"金额|额度|资金|奖励|补贴|补助|资助|支持标准|兑现|拨付|上限|限额|万元|亿元")
_CAP_HEADER = re.compile(r"上限|最高|限额")
_BUDGET_HEADER = re.compile(r"安排|预算|下达|计划金额")
# A cell of figures: optional cap words, then one figure or a list "100、60、30".
_FIGURE = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"  # 1,200.00 is one figure
_CELL = re.compile(
    rf"^(?P<cap>(?:每[家个户人年项]+)*(?:最高|不超过|上限)?)\s*"
    rf"(?P<figures>{_FIGURE}(?:\s*[、/]\s*{_FIGURE})*)\s*(?:以内)?(?:\s*/\s*(?:年|月|人|家|项))?$"
)
_SCALE = {"万元": Decimal(10_000), "亿元": Decimal(100_000_000), "元": Decimal(1)}
_MAX_GAP = 2  # lines between the unit note and its table's header


class TableFigure(NamedTuple):
    start: int
    end: int
    value: Decimal  # in yuan
    capped: bool  # the cell or its column says 最高 / 不超过 / 上限
    total_row: bool  # a 合计 / 总计 row
    budget: bool  # a column of allotted money (安排金额, 预算): programme sizes, not grants
    indicator: bool = False  # a money row of an indicator table (营业收入（亿元） | 460 | 1200)

    def role(self) -> tuple[AmountRole, str, Qualifier | None]:
        """(role, reason, qualifier or None to keep the sentence's): a support table's cells are
        what each beneficiary gets, up to a cap where its column says so; a budget table's cells
        are programme sizes; a 合计 row is a sum."""
        if self.indicator:
            return AmountRole.STATISTIC, "表格：指标", None
        if self.budget:
            return AmountRole.FUND, "表格：资金安排", Qualifier.TOTAL
        if self.total_row:
            return AmountRole.STATISTIC, "表格：合计行", Qualifier.TOTAL
        return AmountRole.SUPPORT, "表格：支持金额列", Qualifier.UP_TO if self.capped else None


def table_money(text: str) -> list[TableFigure]:
    """Each figure in a money column of a table with a stated unit."""
    found: list[TableFigure] = []
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
        header = [c for _, c in row_cells(line)] if len(line) < 120 else []
        if len(header) >= 3 and any(_MONEY_HEADER.search(c) for c in header):
            noted = unit_at[1] if unit_at and i - unit_at[0] <= _MAX_GAP else None
            # Columns are counted from the right: a 合计 row leaves its left cells empty.
            columns = {
                k - len(header): _SCALE[h.group(1)] if (h := _HEADER_UNIT.search(c)) else noted
                for k, c in enumerate(header)
                if _MONEY_HEADER.search(c) and (_HEADER_UNIT.search(c) or noted)
            }
            capped_columns = {k - len(header) for k, c in enumerate(header) if _CAP_HEADER.search(c)}
            budget_columns = {k - len(header) for k, c in enumerate(header) if _BUDGET_HEADER.search(c)}
            j = i + 1
            while columns and j < len(lines) and len(row := row_cells(lines[j])) >= 2:
                is_total = bool(re.match(r"^\s*(?:合\s*计|总\s*计|小\s*计)", lines[j]))
                if len(row) != len(header) and not is_total:
                    break
                if is_total and len(row) != len(header) and len(columns) == 1:
                    # "合计 4,950.00" with the trailing cells (备注) left empty: its one figure.
                    k, scale = next(iter(columns.items()))
                    figure = next((c for c in reversed(row) if re.fullmatch(_FIGURE, c[1])), None)
                    if figure is not None and scale is not None:
                        value = canonical(Decimal(figure[1].replace(",", "")) * scale)
                        start = offsets[j] + figure[0]
                        found.append(TableFigure(start, start + len(figure[1]), value, False, True,
                                                 k in budget_columns))
                    j += 1
                    continue
                for k, scale in columns.items():
                    if scale is None or -k > len(row) or not (cell := _CELL.match(row[k][1])):
                        continue
                    base = offsets[j] + row[k][0]
                    for fig in re.finditer(_FIGURE, cell.group("figures")):
                        start = base + cell.start("figures") + fig.start()
                        value = canonical(Decimal(fig.group(0).replace(",", "")) * scale)
                        found.append(TableFigure(start, start + len(fig.group(0)), value,
                                                 bool(cell.group("cap")) or k in capped_columns, is_total, k in budget_columns))
                j += 1
            i = max(j, i + 1)
            continue
        i += 1
    return found


# An indicator table: "指标名称 | 2020年 | 2025年 | 属性" with money rows "营业收入（亿元） | 460 | 1200".
_YEAR_HEADER = re.compile(r"^(?:19|20)\d{2}\s*年")
_ROW_MONEY_UNIT = re.compile(r"[（(]\s*(万元|亿元|元)\s*[)）]\s*$")
_INDICATOR_CELL = re.compile(rf"^[>＞≥]?\s*({_FIGURE})$")


def indicator_money(text: str) -> list[TableFigure]:
    """The money figures of an indicator table's rows that name their unit (营业收入（亿元）): facts
    in the base-year column, goals in the others — amounts either way."""
    found: list[TableFigure] = []
    offset = 0
    in_table = False
    for line in text.split("\n"):
        cells = row_cells(line) if len(line) < 200 else []
        if sum(1 for _, c in cells if _YEAR_HEADER.match(c)) >= 2:
            in_table = True
        elif in_table and len(cells) >= 3:
            label = next((i for i, (_, c) in enumerate(cells) if _ROW_MONEY_UNIT.search(c)), None)
            if label is not None:
                scale = _SCALE[_ROW_MONEY_UNIT.search(cells[label][1]).group(1)]  # type: ignore[union-attr]
                for at, cell in cells[label + 1 :]:
                    if m := _INDICATOR_CELL.match(cell):
                        value = canonical(Decimal(m.group(1).replace(",", "")) * scale)
                        start = offset + at + m.start(1)
                        found.append(TableFigure(start, start + len(m.group(1)), value, False, False, False, True))
        elif in_table and not cells:
            in_table = False
        offset += len(line) + 1
    return found
