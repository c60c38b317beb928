"""The cells of a table row written as text, for the table readers of amounts
(:mod:`parsers.amount_tables`) and goals (:mod:`parsers.targets_tables`).

HTML-to-text and PDF conversion print a row as cells split by "|" or tabs; stored text, where a
tab became one space, splits them by spaces.
"""

from __future__ import annotations

import re

__all__ = ["row_cells"]

_DELIMITER = re.compile(r"[|｜\t]")
_SPACES = re.compile(r"[ \u3000]+")


def row_cells(line: str, keep_empty: bool = False) -> list[tuple[int, str]]:
    """(offset in ``line``, text) of each cell. ``keep_empty`` keeps the empty cells between two
    delimiters ("a||b" has three), so that columns line up; the outer "| … |" are no cells."""
    delimited = bool(_DELIMITER.search(line))
    cells: list[tuple[int, str]] = []
    at = 0
    for m in [*(_DELIMITER if delimited else _SPACES).finditer(line), None]:
        end = m.start() if m else len(line)
        raw = line[at:end]
        if raw.strip() or (keep_empty and delimited):
            cells.append((at + len(raw) - len(raw.lstrip()), raw.strip()))
        at = m.end() if m else end
    while cells and not cells[0][1]:
        cells.pop(0)
    while cells and not cells[-1][1]:
        cells.pop()
    return cells
