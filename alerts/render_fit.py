"""A rendered message fitted to its channel's size limit: split into numbered parts, or trimmed.

The renderer bounds bodies in characters (alerts/render.py); platforms count differently
(alerts/platforms.py: WeCom 2,048 UTF-8 bytes of text, about 680 Chinese characters; DingTalk
20,000 bytes of ``\\uXXXX``-escaped JSON). A message over the limit is split between lines —
never inside a line, so never inside a tag, an escape or a link — into at most ``max_parts``
messages titled ``（1/2）``, ``（2/2）``; what still does not fit is cut with a notice, and the
source link (the last line) is always kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from alerts.platforms import Limits

MAX_PARTS = 3
CUT_NOTICE = "……（内容过长，已截断，详见原文）"
PART_SUFFIX = "（9/9）"
_UNFINISHED = {"html": re.compile(r"(&[#\w]*|<[^>]*)$"), "markdown": re.compile(r"(?<!\\)(\\\\)*\\$")}


def cut_line(line: str, fmt: str, fits: int, size: Callable[[str], int]) -> str:
    """The longest prefix of ``line`` (plus "…") whose size is at most ``fits``."""
    low, high = 0, len(line)
    while low < high:  # binary search: sizes grow with the prefix
        middle = (low + high + 1) // 2
        if size(line[:middle] + "…") <= fits:
            low = middle
        else:
            high = middle - 1
    head = line[:low]
    pattern = _UNFINISHED.get(fmt)
    if pattern is not None:  # never leave half an entity, tag or escape behind
        head = pattern.sub("", head)
    return head + "…" if head else ""


def _pack(lines: list[str], fmt: str, limits: Limits, title: str) -> list[list[str]]:
    """Lines greedily packed into parts that each fit (titled with a part number)."""
    budget = limits.max_size - limits.title_copies * (limits.measure(title + PART_SUFFIX) + 2)
    parts: list[list[str]] = [[]]
    for line in lines:
        candidate = "\n".join([*parts[-1], line])
        if limits.measure(candidate) <= budget:
            parts[-1].append(line)
            continue
        if parts[-1] and any(x.strip() for x in parts[-1]):
            parts.append([])
        if limits.measure(line) > budget:
            line = cut_line(line, fmt, budget, limits.measure)
        parts[-1].append(line)
    return [p for p in parts if any(x.strip() for x in p)]


def tidy(lines: list[str], fmt: str) -> str:
    """A part's body: no blank lines at its ends, no dangling HTML line break at its end."""
    body = "\n".join(lines).strip("\n")
    return body[: -len("<br/>")] if fmt == "html" and body.endswith("<br/>") else body


def fit_message(title: str, body: str, fmt: str, limits: Limits,
                max_parts: int = MAX_PARTS, *, blocks: bool = False) -> list[tuple[str, str]]:
    """[(title, body)] that each fit ``limits``: the message itself when it fits.

    ``blocks``: the body is a digest (alerts/digest.py), split and trimmed between its policies
    (alerts/render_fit_blocks.py) rather than between lines.
    """
    if limits.size(title, body) <= limits.max_size:
        return [(title, body)]
    if blocks:
        from alerts.render_fit_blocks import fit_blocks

        return fit_blocks(title, body, fmt, limits, max_parts)
    lines = body.split("\n")
    parts = _pack(lines, fmt, limits, title)
    if len(parts) > max_parts:
        tail = lines[-1] if "原文链接" in lines[-1] else ""
        notice = CUT_NOTICE + ("<br/>" if fmt == "html" else "")
        ending = [notice, tail] if tail else [notice]
        last = parts[max_parts - 1]
        budget = limits.max_size - limits.title_copies * (limits.measure(title + PART_SUFFIX) + 2)
        while last and limits.measure("\n".join([*last, *ending])) > budget:
            last.pop()
        parts = [*parts[: max_parts - 1], [*last, *ending]]
    if len(parts) == 1:
        return [(title, tidy(parts[0], fmt))]
    return [(f"{title}（{n}/{len(parts)}）", tidy(part, fmt)) for n, part in enumerate(parts, 1)]
