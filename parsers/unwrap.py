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
# A figure cut before its unit: "最高20" / "万元", "50万" / "元（含）", or inside its digits:
# "最高30" / "0万元".
_CUT_FIGURE = re.compile(r"[\d一二三四五六七八九十百千万亿两]$")
_UNIT_START = re.compile(r"^(?:[万亿元%％]|\d{1,4}(?:\.\d+)?\s*(?:[万亿元%％个家名项]|EFLOPS|PFLOPS))")
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
        # Page numbers, and a running header printed on every page (the 文号, the title).
        counts: dict[str, int] = {}
        for line in lines:
            counts[line.strip()] = counts.get(line.strip(), 0) + 1
        lines = [line for line in lines if not _PAGE_MARK.match(line)
                 and not (counts[line.strip()] > 1 and 4 <= len(line.strip()) <= 30 and not _SENTENCE_END.search(line))]
    out: list[str] = []
    last = ""  # the previous physical line: a joined line is tested by its last piece
    for line in lines:
        if out and line.strip() and (prev := out[-1].rstrip()):
            cut_figure = _CUT_FIGURE.search(prev) and _UNIT_START.match(line.lstrip()) and (
                not line.lstrip()[0].isdigit() or prev[-1].isdigit())
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
    return _join_fragments("\n".join(out))


# An infographic (一图读懂) or a video transcript as text: a figure, its unit, its qualifier and
# its noun each on a short line of their own ("到2028年" / "40个" / "OPC社区"; "最高" / "10" / "万元").
_FRAGMENT_MAX = 12
_SEGMENT_START = re.compile(
    r"^(?:0\d|第[一二三四五六七八九十]+|[▍■◆●▶✅📌📍👉🔹]|(?:到|至)?(?:19|20)\d{2}\s*年(?:底|末)?(?:前)?$)"
)
_COUNTED = re.compile(r"(?:\d|[个家名人项条座所]|万元|亿元|[%％]|以上|左右|EFLOPS|PFLOPS)$")
_VALUE_START = re.compile(r"^(?:\d|约|近|超|超过|突破|不少于|不低于|逾)")
# "每年发布" / "不少于100个" / "应用场景": after a verb, the noun that follows is the figure's own.
_VERB_END = re.compile(r"(?:发布|新增|培育|建成|建设|打造|引进|集聚|达到|达|突破|超过|超|不少于|不低于|最高|给予|发放|新建|带动|"
                       r"吸引|服务|举办|开放|形成)$")
_UNIT_ONLY = re.compile(r"^(?:\d|[万亿元%％个家名人]|以上|左右|EFLOPS|PFLOPS)")


def _is_fragment(line: str) -> bool:
    return 0 < len(line) <= _FRAGMENT_MAX and not re.search(r"[。；！？!?]", line)


class _Segment:
    """The fragments of one block of an infographic, with the order its goals are written in:
    the figure first ("50个" / "OPC社区") or the noun first ("OPC社区" / "20个")."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.value_first: bool | None = None
        self.noun_after_value = False  # value first: a noun followed the last figure

    def add(self, line: str) -> None:
        counted_before = bool(self.parts) and bool(_COUNTED.search(self.parts[-1]))
        if self.value_first is None and not _SEGMENT_START.match(line):
            self.value_first = bool(_VALUE_START.match(line))
        if self.value_first and _VALUE_START.match(line) and self.noun_after_value:
            self.parts.append("，")  # "50个" "OPC社区" | "1万家以上" "OPC企业"
            self.noun_after_value = False
        elif (self.value_first is False and counted_before and not _UNIT_ONLY.match(line)
              and not (len(self.parts) > 1 and _VERB_END.search(self.parts[-2]))):
            self.parts.append("，")  # "OPC社区" "20个" | "OPC企业" "2000家"
        if self.value_first and not _VALUE_START.match(line) and not _UNIT_ONLY.match(line):
            self.noun_after_value = True
        self.parts.append(line)

    def text(self) -> str:
        return "".join(self.parts)


def _join_fragments(text: str) -> str:
    """Runs of short lines joined into one line each, split where a block, a goal year or a
    numbered item starts; a page with few short lines comes back unchanged."""
    lines = text.split("\n")
    stripped = [line.strip() for line in lines]
    fragments = sum(1 for line in stripped if _is_fragment(line))
    if fragments < 12 or fragments < 0.35 * sum(1 for line in stripped if line):
        return text
    out: list[str] = []
    segment = _Segment()
    for line in stripped:
        if not _is_fragment(line):
            if segment.parts:
                out.append(segment.text())
            segment = _Segment()
            out.append(line)
            continue
        if segment.parts and (_SEGMENT_START.match(line) or segment.parts[-1].endswith(("：", ":"))):
            out.append(segment.text())
            segment = _Segment()
        segment.add(line)
    if segment.parts:
        out.append(segment.text())
    return "\n".join(out)
