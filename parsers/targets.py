"""Quantified goals: "到2028年打造超50个OPC社区" → (2028, "OPC社区", 50, ">").

Only what a sentence states as a goal is read: counts after a goal marker — a target year
("到2028年", "2026年建成…", "2026年，先行培育…"), 目标/力争/预计/未来3年, or 计划 used as a verb — so
"目前已推出9家OPC园区" and "截至2024年底…超1800家" are facts, not targets. Money goals
("数字经济核心产业规模突破5000亿元") have unit "yuan" and percentages ("占比达到15%") "percent";
a count has unit None. Comparators: 以上/不少于/不低于/至少 ">=", 超/超过/逾/突破 ">", 约/近/左右 "~". A sentence after "到
2023年，…。" in the same paragraph inherits that year ("力争…超1000家"). The metric is the noun
phrase after the count ("1000家OPC企业", or the head noun after the last 的 of the clause), or
before it ("OPC企业1000家"). The same goal stated twice (a repeated lead paragraph) is one target.
English summaries ("By the end of 2027, … over 10 OPC communities") are read too.
Hand-written: no library extracts goal statements from Chinese policy prose.
"""

from __future__ import annotations

import re
from decimal import Decimal

from parsers.numbers import NUMBER, cn_number
from parsers.schema import Comparator, Target
from parsers.targets_english import english_targets
from parsers.targets_foreign import foreign_targets
from parsers.targets_metric import METRIC_NOUN, clean_metric, restated, restated_comparator
from parsers.targets_outline import (
    CONTINUATION,
    FACT_RE,
    FUTURE,
    GOAL_RE,
    HEADING,
    INHERITED_FACT,
    LIST_INTRO,
    LIST_ITEM,
    PREAMBLE_PURPOSE,
    PRESENT_ESTIMATE,
    THIS_YEAR,
    heading_level,
    is_goal_heading,
)
from parsers.targets_tables import table_targets
from parsers.targets_years import (
    PLAN_SPAN,
    WITHIN_YEARS,
    YEAR_RE,
    annual_plan_year,
    arabic_years,
    named_years,
    within_year,
)

__all__ = ["annual_plan_year", "extract_targets"]

_SENTENCE_RE = re.compile(r"[^。；;！!？?\n]+|\n")
_CLASSIFIER = r"EFLOPS|PFLOPS|TFLOPS|EB|PB|ZB|公里|千米|个|家|名|人次|人|户|辆|架|台|场|项|支|只|间|套|所|座|条|款|部|万方|万平方米|平方米|%|元"
_COUNT_RE = re.compile(
    rf"(?P<cmp>超过|超|逾|突破|不少于|不低于|至少|近|约)?\s*(?P<n>{NUMBER})\s*(?P<cls>{_CLASSIFIER})(?P<after>(?:以上|左右)?)"
)
_CLAUSE_SPLIT = re.compile(r"[，,、：:]|和|以及|(?<!普)及|与|并")
_CLAUSE_END = re.compile(r"[，,：:]")
# Money goals name what is measured before the figure: 数字经济核心产业规模突破5000亿元.
_MONEY_NOUN = re.compile(r"规模|营收|收入|产值|总额|增加值|投资|交易额|成交额|营业额|销售额|融资|税收|出口|利润|总量|贷款")
# Physical units are kept as written (the annotations' convention); counts have none.
_UNITS = {"元": "yuan", "%": "percent", "EFLOPS": "EFLOPS", "PFLOPS": "PFLOPS", "TFLOPS": "TFLOPS", "EB": "EB", "PB": "PB",
          "ZB": "ZB", "公里": "公里", "千米": "千米"}


_TRAILING_VERB = re.compile(
    r"(?:年内|今年)?(?:将|要|力争)?(?:增加到|提高到|提升到|扩大到|达到|达|突破|超过|超|为|至|增至|不少于|不低于)?(?:将|要)?(?:年内)?"
    r"(?:新增|培育|引进|集聚)?$"  # "OPC要新增1000家": the metric is OPC
)
_AREA = ("平方米", "万平方米", "万方")


def _noun(candidate: str, digits: bool = False) -> str | None:
    """A metric name, or None when the text has no metric noun (or, unless allowed, a number)."""
    candidate = _TRAILING_VERB.sub("", clean_metric(candidate))
    # "万家企业完成智能化升级": the counted noun ends before the verb that follows it.
    candidate = re.split(r"(?<=[业区才台体目队者位])(?:完成|实现|开展|进行|获得|参与|使用)", candidate, maxsplit=1)[0]
    if not candidate or not METRIC_NOUN.search(candidate) or (not digits and re.search(r"\d", candidate)):
        return None
    return candidate


_VERB_ONLY = re.compile(r"\s*(?:[一二三四五\d]+年)?(?:累计)?(?:均|将|并|要|力争|争取)?(?:达到|达|突破|超过|增至)?\s*")
# "技术合同成交额增长15%左右，达到220亿元": the measure is named before its growth rate.
_GROWTH_TAIL = re.compile(r"(?:年均)?(?:增长|提高|提升)\s*\d+(?:\.\d+)?\s*[%％](?:左右|以上)?$")
_DOUBLING = re.compile(r"(?:数量|总量)?(?:增加|提高|提升|翻)[一两]?(?:倍|番)$")


# A fund group's size as a goal: "基金组建规模", "基金群规模" (a fund set up is an amount, not this).
_FUND_SIZE_GOAL = re.compile(r"基金[\u4e00-\u9fff]{0,4}规模$")


def _money_metric(sentence: str, m: re.Match[str]) -> str | None:
    """The measured quantity written before a money figure; None for a subsidy or a fund size
    (最高给予500万元, 设立10亿元基金), which are amounts, not goals."""
    clauses = _CLAUSE_SPLIT.split(sentence[: m.start()])
    if len(clauses) > 1 and _VERB_ONLY.fullmatch(clauses[-1]):  # "营业收入翻一番，达到1600亿元"
        clauses = [*clauses[:-2], _GROWTH_TAIL.sub("", _DOUBLING.sub("", clauses[-2]))]
    before = _TRAILING_VERB.sub("", clean_metric(clauses[-1]))
    if _FUND_SIZE_GOAL.search(before) and m.group("cmp") in ("突破", "超过", "超", "逾") \
            and not re.search(r"安排|统筹|设立|设|给予|最高|不超过", before):
        return before  # "产业基金组建规模突破1000亿元": the size a fund group is to reach is a goal
    if re.search(r"安排|统筹|设立|资金|基金|补贴|奖励|最高|不超过|给予|每[家个户人年]|[\u3040-\u30ff]", before):
        return None  # "未来五年统筹安排总额3亿元": money to spend, not a goal
    return before if before and _MONEY_NOUN.search(before) and not re.search(r"\d", before) else None


def _metric(sentence: str, m: re.Match[str]) -> str | None:
    if m.group("cls") == "元":
        return _money_metric(sentence, m)
    if (spelled := restated(sentence, m)) and (
            head := _noun(_CLAUSE_SPLIT.split(sentence[: spelled.start()])[-1], digits=True)):
        return head
    after = sentence[m.end() :]
    direct = _noun(_CLAUSE_SPLIT.split(after, maxsplit=1)[0])
    if direct:
        return _noun(direct.rsplit("的", 1)[-1]) or direct
    clause = _CLAUSE_END.split(after, maxsplit=1)[0]  # "10家面积均不少于…、全国领先的OPC社区"
    if m.group("cls") not in _AREA and "的" in clause and (head := _noun(clause.rsplit("的", 1)[-1])):
        return head
    clauses = _CLAUSE_SPLIT.split(sentence[: m.start()])
    before = clauses[-1]
    found = _noun(before, digits=True)  # "超10亿级企业5家", "预计3年后园区入驻企业达到30家"
    if found is None and len(clauses) > 1 and _VERB_ONLY.fullmatch(before):
        # "高新技术企业数量增加一倍，达到2000家": the metric is the clause before the verb.
        found = _noun(_DOUBLING.sub("", clauses[-2]), digits=True)
    return (_noun(found.rsplit("的", 1)[-1]) or found) if found else None


# A figure that qualifies whom a measure is for: "年营收超1亿元的企业", "100万元以上的项目".
_CONDITION_AFTER = re.compile(r"(?:以上|以下)?的[^，。；]{0,8}(?:企业|OPC|项目|主体|公司|团队|机构)")


_CLAUSE_FACT = re.compile(r"已|目前|截至|现有")
_RATIO_BEFORE = re.compile(r"(?:费用|成本|支出|金额|租金|投入|价格|投资额|贷款)的?(?:最高|不超过)?$|按$|给予$")


def _sentence_targets(sentence: str, start: int, context_year: int | None) -> list[Target]:
    targets: list[Target] = []
    for m in _COUNT_RE.finditer(sentence, start):
        if m.start("n") > 0 and sentence[m.start("n") - 1].isdigit():
            continue
        if re.search(r"[*＊]\s*$", sentence[max(0, m.start("n") - 2) : m.start("n")]):
            continue  # "营业收入达****亿元": a figure masked in a draft is no number
        if re.search(r"\d\s*[—–\-~～至到]\s*$", sentence[max(0, m.start("n") - 4) : m.start("n")]):
            continue  # "争创1—2个": a range is no target the schema can state
        metric = _metric(sentence, m)
        if metric is None or "有望" in _CLAUSE_SPLIT.split(sentence[: m.start()])[-1]:
            continue  # "有望突破1000万": a forecast, not a goal
        if m.group("cls") == "%" and _RATIO_BEFORE.search(sentence[max(0, m.start() - 12) : m.start()]):
            continue  # "按费用的30%获得补贴": a support ratio, not a goal
        if _CLAUSE_FACT.search(re.split(r"[，,；;]", sentence[: m.start()])[-1]):
            continue  # "其目标是孵化超1000家…，社区目前已迎来首批51家": the second clause is a fact
        if re.search(r"[与和同跟]$", sentence[max(0, m.start() - 1) : m.start()]):
            continue  # "与十三个技术法人合作": partners counted, not a goal
        if m.group("cls") in ("条", "项") and re.match(r"(?:措施|政策|举措|意见|硬核|新政|规定)", sentence[m.end() :]):
            continue  # "十条措施", "OPC十条政策": the name of a policy, not a goal
        if sentence[max(0, m.start() - 1) : m.start()] == "不" or _CONDITION_AFTER.match(sentence, m.end()):
            continue  # "总额不超过3000万元" is a cap; "年营收超1亿元的企业" a condition
        years = named_years(sentence[: m.start()])
        recurring = "每年" in _CLAUSE_SPLIT.split(sentence[: m.start()])[-1]  # "到2027年，…每年扶持大学生创业1万人以上"
        try:
            value = cn_number(m.group("n"))
        except ValueError:
            continue
        if m.group("cls").startswith("万"):
            value *= 10_000
        phrase = _CLAUSE_SPLIT.split(sentence[: m.start()])[-1] + sentence[m.start() : m.end()]
        targets.append(
            Target(
                year=None if recurring else years[-1] if years else context_year, metric=metric, value=Decimal(value),
                comparator=restated_comparator(sentence, m), unit=_UNITS.get(m.group("cls")),
                phrase=(phrase + _CLAUSE_SPLIT.split(sentence[m.end() :], maxsplit=1)[0]).strip(),
            )
        )
    return targets


def extract_targets(
    text: str, reference_year: int | None = None, plan_year: int | None = None, start_year: int | None = None,
) -> list[Target]:
    """Quantified targets (year, metric, value, comparator, phrase) stated as goals in ``text``.

    ``reference_year`` (the page's publication or signature year) is the year of goals set for
    年内 / 今年 / 本年度 ("年内新增OPC主体200家"); without it such a goal has no year.
    ``plan_year`` is the year of an annual plan ("2026年…工作要点"): the year of the goals under
    its goals heading that name none. ``start_year`` is the year the document says it takes effect
    ("自2026年1月1日起施行"): "三年内培育…" is then a goal for 2029; without it, for no stated year."""
    text = arabic_years(text or "")  # 力争到二〇二七年 = 到2027年
    span = PLAN_SPAN.search(text[:2000])
    plan_end = int(span.group(1)) if span else None
    targets: list[Target] = []
    context_year: int | None = None
    list_year: int | None = None  # the year of a goal list introduced by a line ending in "：" or a year
    plain_goal_lines = 0  # lines without bullets that still belong to a "…目标包括：" list
    in_goals = False  # under a goals heading
    goals_level = 0
    paragraph_goal = False  # this paragraph opened with a goal sentence ("到2026年，…。培育…")
    line_start = True
    carried: int | None = None  # the goal year of the paragraph before, for a paragraph that goes on
    for sentence_match in _SENTENCE_RE.finditer(text or ""):
        sentence = sentence_match.group(0)
        if sentence == "\n":
            if paragraph_goal:
                carried = context_year  # "到2027年，…。" then a paragraph "同时，…" goes on with it
            elif text[sentence_match.start() - 1 : sentence_match.start()] != "\n":
                carried = None  # a paragraph without goals in between ends the carry
            paragraph_goal = False
            if not in_goals:
                context_year = None  # a goal year holds within its paragraph only
            line_start = True
            continue
        if line_start and carried is not None and CONTINUATION.match(sentence):
            context_year, paragraph_goal = carried, True
        carried = None if not line_start else carried
        if line_start:
            line = text[sentence_match.start() : (text.find("\n", sentence_match.start()) + 1 or len(text) + 1) - 1]
            if is_goal_heading(line):
                heading_year = YEAR_RE.search(line[:12])
                in_goals, context_year = True, int(heading_year.group(1)) if heading_year else plan_year
                goals_level = heading_level(line)
            elif HEADING.match(line) and not re.search(r"\d{4}\s*年", line[:12]):
                # A heading of the goals' own level or above ends them; items below it ("（一）…",
                # "1.打造…高地") are goals too.
                in_goals = in_goals and heading_level(line) > goals_level
            if list_year is not None and LIST_ITEM.match(line):
                plain_goal_lines = 0  # a bulleted list: it ends with its last item
            elif list_year is not None:
                if plain_goal_lines and not HEADING.match(line):
                    plain_goal_lines -= 1  # "主要目标包括：" then one paragraph of goal sentences
                else:
                    list_year = None  # the list under "到2027年，实现以下目标：" has ended
        line_start = False
        if "|" in sentence or "｜" in sentence:
            continue  # a table row: read by _table_targets
        goal = GOAL_RE.search(sentence)
        if goal and goal.group(3) and (FACT_RE.search(sentence) or (reference_year and int(goal.group(3)) < reference_year)):
            goal = None  # "2020年，全省数字经济规模达到1.12万亿元": a year already past states a fact
        if goal is not None and goal.group(0) == "预计" and PRESENT_ESTIMATE.search(sentence[: goal.start()]) \
                and not FUTURE.search(sentence) and not named_years(sentence[goal.start() :]):
            goal = None  # "目前已集聚…，营收预计超400亿元": an estimate of the present, not a goal
        if goal is None and PREAMBLE_PURPOSE.search(sentence) and not INHERITED_FACT.search(sentence):
            # "为…，新建2个服务中心，开放100个以上示范场景，特制定本方案": what the instrument is for
            targets += _sentence_targets(sentence, 0, context_year)
            continue
        if goal is None and (this_year := THIS_YEAR.search(sentence)) and not INHERITED_FACT.search(sentence):
            targets += _sentence_targets(sentence, this_year.start(), reference_year)
            continue
        if goal is None and (not (in_goals or paragraph_goal or list_year) or INHERITED_FACT.search(sentence)):
            continue
        years_here = named_years(sentence)
        if goal is None and years_here and context_year is not None and max(years_here) < context_year:
            continue  # "2025年，全市在孵企业1680家" after the 2026 goals: the base year's facts
        year = context_year if context_year is not None or not THIS_YEAR.search(sentence) else reference_year
        if goal is None and list_year is not None:
            year = list_year
        if goal is not None and goal.group(0) == "每年" and not years_here:
            year = None  # "每年新增OPC不少于200家": every year, no year of its own
        if goal is not None and (within := WITHIN_YEARS.search(sentence)) and not years_here:
            year = within_year(within.group(0), start_year)  # "力争三年内培育超级个体1万名"
        if goal is not None and "期末" in goal.group(0) and plan_end is not None:
            year = plan_end  # "到行动期末，全市集聚OPC企业1000家" in a 2026—2028 plan
        begin = goal.start() if goal and not (goal.group(0) == "目标" and not re.search(r"\d", sentence[goal.end():])) else 0
        if (this_year := THIS_YEAR.search(sentence)) and this_year.start() < begin:
            begin = this_year.start()  # "今年全区将新建3个OPC社区，力争集聚…": the goal starts at 今年
        targets += _sentence_targets(sentence, begin, year)  # "…新增200家的目标": the goal word comes last
        if goal is not None:
            paragraph_goal = True
        if goal is not None and (goal.group(1) or goal.group(3)):
            context_year = int(goal.group(1) or goal.group(3))
        elif goal is not None and (named := named_years(sentence[: goal.end()]) or (years_here if goal.group(0) == "目标" else [])):
            context_year = named[-1]  # "2026年主要目标：…；…；…", "到“十五五”末，…", "主要目标：到2028年"
        at_line_end = sentence_match.end() >= len(text) or text[sentence_match.end()] == "\n"
        if goal is not None and context_year is not None and at_line_end and LIST_INTRO.search(sentence):
            list_year = context_year  # "到2027年，全市要实现以下目标：" / "主要目标：到2028年", then a list
            plain_goal_lines = 1 if "目标" in sentence else 0
    targets += english_targets(text or "", reference_year) + foreign_targets(text or "", reference_year) + table_targets(text or "", reference_year)
    seen: set[tuple[int | None, str, Decimal, Comparator]] = set()
    unique = []
    for t in targets:
        # A bilingual page states a goal twice: "500+ OPCs" and "集聚OPC企业500家以上" are one.
        metric = "OPC企业" if t.metric in ("OPC", "OPCs") else t.metric
        if (key := (t.year, metric, t.value, t.comparator)) not in seen:
            seen.add(key)
            unique.append(t)
    return unique
