"""Numbered items of a policy (一、 （一） 1. 第一条) and the item count a title announces.

Each item runs from its label to the next label of any level, so items never overlap and an
amount belongs to exactly the innermost item around it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from parsers.numbers import WIDTH_FOLD, cn_number
from parsers.schema import Measure

__all__ = ["extract_measures", "measure_at", "measure_count", "measure_spans"]

_CN = "一二三四五六七八九十百零〇两"
# A label at a line start, or (for the bracketed and 第N条 forms) right after a sentence end.
_LABEL_RE = re.compile(
    rf"(?:^|(?<=\n))[ \t]*(?P<a>[{_CN}]{{1,3}}、|第[{_CN}]{{1,4}}条|[（(][{_CN}]{{1,3}}[)）]|\d{{1,2}}[.．、](?!\d))"
    rf"|(?<=[。；;])[ \t]*(?P<b>[（(][{_CN}]{{1,3}}[)）]|第[{_CN}]{{1,4}}条)"
)
_COUNT_RE = re.compile(rf"(\d{{1,3}}|[{_CN}]{{1,4}})条")
_MAX_TEXT = 2000


def extract_measures(text: str) -> list[Measure]:
    """The numbered items in ``text`` with their text (label excluded, whitespace trimmed)."""
    matches = list(_LABEL_RE.finditer(text or ""))
    measures: list[Measure] = []
    for i, m in enumerate(matches):
        label = (m.group("a") or m.group("b")).strip()
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = text[m.end() : end].strip()
        if body:
            measures.append(Measure(label=label.replace("(", "（").replace(")", "）"), text=body[:_MAX_TEXT]))
    return measures


def measure_count(title: str) -> int | None:
    """The count a title announces: "若干措施" → None, "十二条措施" → 12, "26条" → 26."""
    m = _COUNT_RE.search(title or "")
    if not m:
        return None
    try:
        value = int(cn_number(m.group(1)))
    except ValueError:
        return None
    return value if 0 < value < 500 else None


def measure_spans(text: str, measures: Sequence[Measure]) -> list[tuple[int, int, str]]:
    """(start, end, label) of each measure in ``text`` (width-folded as amounts read it), by start."""
    spans: list[tuple[int, int, str]] = []
    cursor = 0
    for measure in measures:
        probe = measure.text[:30].translate(WIDTH_FOLD)
        at = text.find(probe, cursor) if probe else -1
        if at == -1:
            at = text.find(probe) if probe else -1
        if at != -1:
            spans.append((at, at + len(measure.text), measure.label))
            cursor = at
    return sorted(spans, key=lambda s: s[0])


def measure_at(spans: list[tuple[int, int, str]], starts: list[int], pos: int) -> str | None:
    """Label of the innermost span holding ``pos``: the latest-starting one (spans sorted by start)."""
    for k in range(bisect_right(starts, pos) - 1, max(-1, bisect_right(starts, pos) - 65), -1):
        if pos < spans[k][1]:
            return spans[k][2]
    return None
