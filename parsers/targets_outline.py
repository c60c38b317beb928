"""Where a document states its goals: goal headings and their outline depth, lists of goals, a
paragraph that goes on with the goals of the one before, goals for the current year. Used by
:mod:`parsers.targets` to decide which sentences are goals and in which year.
"""

from __future__ import annotations

import re

__all__ = ["CONTINUATION", "HEADING", "INHERITED_FACT", "LIST_INTRO", "LIST_ITEM", "THIS_YEAR", "heading_level",
           "is_goal_heading"]

# A heading that opens the goals of a plan ("一、总体目标", "（一）发展目标", "1.总体目标", "I. Overall
# goal"): every sentence under it states a goal, in the year last named there, until the next
# heading. Any other heading ends the section.
HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.、．](?!\d)|第[一二三四五六七八九十]+[章节条]|[IVX]+\.)")
_GOAL_HEADING = re.compile(r"目标|年度任务|goals?\b|objectives?\b", re.I)
# A goal for the current year: "年内新增OPC主体200家", "今年将建成3个OPC社区".
THIS_YEAR = re.compile(
    r"(?<![半一两三\d])年内|今年(?:底|末)?(?:将|要|计划|力争|内)|(?:^|\s)今年[，,]|到今年年?(?:底|末)|本年度(?:将|计划)"
    r"|今年年?(?:底|末)前"  # "今年年底前，新区将新增OPC社区5个"
    r"|全年(?=力争|将|要|计划|新增|培育|实现)"  # "全年力争新增智能算力100EFLOPS以上"
    r"|今年[^，。；\d]{1,4}?(?:将|要|计划|力争)(?=新增|新建|建成|培育|集聚|引进|打造|扶持|举办)"  # 今年全区将新建3个
)
# A paragraph that goes on with the goals of the one before: "同时，…培育5家左右…".
CONTINUATION = re.compile(r"\s*(?:同时|同時|此外|另外|与此同时|與此同時)[，,、]")
# A sentence without a goal word of its own, after a goal sentence, that states a fact.
INHERITED_FACT = re.compile(r"已|目前|截至|同比|去年|上年")


def heading_level(line: str) -> int:
    """1 for 一、 / 第一章 / I., 2 for （一）/ 第一条, 3 for 1. — the outline depth of a heading."""
    if re.match(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+章|[IVX]+\.)", line):
        return 1
    if re.match(r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[节条])", line):
        return 2
    return 3


def is_goal_heading(line: str) -> bool:
    return bool(HEADING.match(line)) and len(line) <= 30 and bool(_GOAL_HEADING.search(line))


# A line that introduces a list of goals, and the items of such a list.
LIST_INTRO = re.compile(r"[：:]\s*$|(?:19|20)\d{2}\s*年(?:底|末)?(?:前)?\s*[，,]?\s*$")
LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}\s*[.、．)）]|[（(][一二三四五六七八九十\d]+[)）]|——|[-•·*▪◆●①②③④⑤⑥⑦⑧⑨⑩])")
