"""Hard-wrapped text (a PDF or a Word file converted to text): lines joined back into sentences.

A converted PDF breaks every line at the page width, in the middle of a sentence and even of a
figure ("给予最高20" / "万元奖励"; "力争到2026年底" / "全区OPC数量突破800家"). Amounts and
targets are read sentence by sentence, so such a page loses them. The rules are the usual ones
for re-flowing PDF text: a line that fills the page width and does not end a sentence continues
on the next line unless that line opens a paragraph (an indent) or a heading; a figure cut before
its unit is joined on any page.
"""

from __future__ import annotations

import re
from statistics import median

__all__ = ["unwrap"]

_SENTENCE_END = re.compile(r"[。！？；：!?;:…”」』）)】]\s*$")
_PARAGRAPH_START = re.compile(
    r"^(?:[\u3000 \t]{2,}|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十百]+[章节条]|\d{1,2}[.、．](?!\d)|[附抄]|[•·●◆■▪-]\s)"
)
# "— 2 —", "- 3 -", "第 4 页": the page numbers of the printed document.
_PAGE_MARK = re.compile(r"^\s*(?:[—–\-－]\s*\d{1,3}\s*[—–\-－]|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?)\s*$")
# A figure cut before its unit: "最高20" / "万元", "50万" / "元（含）".
_CUT_FIGURE = re.compile(r"[\d一二三四五六七八九十百千万亿两]$")
_UNIT_START = re.compile(r"^[万亿元%％]")
_MIN_WRAPPED_LINES = 4


def _width(lines: list[str]) -> int:
    """The page width: the median length of the lines that run to the margin."""
    long = sorted(len(line.strip()) for line in lines if len(line.strip()) >= 15)
    return int(median(long[len(long) // 2 :])) if long else 0


def _is_wrapped_page(lines: list[str], width: int) -> bool:
    """True when several full-width lines end mid-sentence, as a converted PDF's do. A web page has
    one line per paragraph, each ending a sentence."""
    if width < 15:
        return False
    full = [line for line in lines if len(line.strip()) >= width - 3]
    open_ended = [line for line in full if not _SENTENCE_END.search(line)]
    return len(open_ended) >= _MIN_WRAPPED_LINES and len(open_ended) >= 0.4 * len(full)


def unwrap(text: str) -> str:
    """``text`` with hard-wrapped lines joined; text that is not hard-wrapped comes back unchanged
    except for figures cut before their unit."""
    lines = text.split("\n")
    width = _width(lines)
    wrapped = _is_wrapped_page(lines, width)
    if wrapped:
        lines = [line for line in lines if not _PAGE_MARK.match(line)]
    out: list[str] = []
    last = ""  # the previous physical line: a joined line is tested by its last piece
    for line in lines:
        if out and line.strip() and (prev := out[-1].rstrip()):
            cut_figure = _CUT_FIGURE.search(prev) and _UNIT_START.match(line.lstrip())
            continues = (
                wrapped and len(last.strip()) >= width - 3 and not _SENTENCE_END.search(prev)
                and not _PARAGRAPH_START.match(line)
            )
            if cut_figure or continues:
                out[-1] = prev + line.lstrip()
                last = line
                continue
        out.append(line)
        last = line
    return "\n".join(out)
