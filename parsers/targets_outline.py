"""Where a document states its goals: goal headings and their outline depth, lists of goals, a
paragraph that goes on with the goals of the one before, goals for the current year. Used by
:mod:`parsers.targets` to decide which sentences are goals and in which year.
"""

from __future__ import annotations

import re

__all__ = ["CONTINUATION", "FACT_RE", "FUTURE", "GOAL_RE", "HEADING", "INHERITED_FACT", "LIST_INTRO", "LIST_ITEM",
           "PREAMBLE_PURPOSE", "PRESENT_ESTIMATE", "THIS_YEAR", "heading_level", "is_goal_heading"]

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

# A sentence states a goal after a target year, 目标 / 力争 / 预计, 计划 as a verb or 每年 + a verb;
# 已 / 同比 / 截至 make it a fact.
_YEAR_GOAL = r"(?:到|(?<![截])至)\s*((?:19|20)\d{2})\s*年"  # 截至2024年底 is a statistics date
GOAL_RE = re.compile(
    rf"{_YEAR_GOAL}|((?:19|20)\d{{2}})\s*年(?:底|末|前)?\s*[,，]?\s*(?:全[市区省县])?\s*(?:先行|要|将|率先|全面)?\s*"
    r"(?=建成|打造|培育|新增|实现|力争|集聚|引进|达到|突破|建设)"
    r"|目标|力争|预计|确保|(?:未来|今后)\s*(?:\d{1,2}|[两三四五])\s*年|(?:未来|今后)(?=\s*(?:还将|将|要)\s*(?:孵化|培育|新增|引进|集聚|设立|组建))|(?:到|至)(?:行动|计划|规划|方案)?期末|(?<![\d年])[两三四五]\s*年内|计划(?=到|在|于|建|新增|培育|打造|引进|实现|用|\d)|[“\"]?十[三四五]五[”\"]?(?:规划)?期?末"
    # "2026年产业营收达到80亿元": a year, a measure, then 达到/突破 (a fact says 已 / 同比 / 增长)
    r"|((?:19|20)\d{2})\s*年(?:底|末)?(?:[，,](?=[^。；]{2,40}?(?:达到|突破|超过)\s*\d)|(?=[\u4e00-\u9fffA-Za-z]{2,14}?(?:达到|突破)\s*\d))"
    # A recurring goal: "每年发布不少于100个应用场景", "每年组织创业培训2万人次以上" (no year of its own).
    r"|每年(?=[^，。；\d]{0,4}(?:发布|新增|培育|组织|举办|引进|建成|新建|打造|认定|开展|服务|培训))"
)
FACT_RE = re.compile(r"已|同比|增长|较上年|比上年|完成|截至|累计")
# The preamble sentence of an instrument states what it is for; its counts are goals of no year.
PREAMBLE_PURPOSE = re.compile(r"^\s*为[^。]{10,}(?:现|特)?制[定订](?:如下|以下|本)[^。，]{0,8}(?:措施|政策|方案|计划|意见)")
# 预计 after a statement of what is already there estimates the present, unless the sentence
# looks ahead ("目前…将在…前完成改造，预计3年后入驻企业达到30家" is a goal).
PRESENT_ESTIMATE = re.compile(r"已|截至|现有")
FUTURE = re.compile(r"将|年后|年内|未来|届时|今后")
