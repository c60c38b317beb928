"""Quantified goals written in English, with the metric named in Chinese where it can be.

"By 2025, the province's computing power will exceed 40EFLOPS, and the scale of the core
artificial intelligence industry will exceed 300 billion yuan" → (2025, 算力, 40, >, EFLOPS) and
(2025, 人工智能核心产业规模, 300000000000, >, yuan); "By the end of 2027, Shenzhen aims to
establish over 10 OPC communities" → (2027, OPC社区, 10, >). A year named in one sentence holds
for the rest of its paragraph ("According to the plan, …").

Metrics are translated through a small glossary of the nouns these plans count (communities,
enterprises, computing power, application scenarios …), so a target reads the same whatever the
page's language; a metric with a word the glossary lacks keeps its English words.
Hand-written: no library extracts goal statements. Used by :mod:`parsers.targets`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from parsers.schema import Comparator, Target

__all__ = ["english_targets", "translate_metric"]

# AI summaries run bullets together on one line: " - " and citation marks "[2]" end sentences too.
_SENTENCE = re.compile(r"(?:[^.;!?\n\[]|\.(?=\d)|\[(?!\d))+?(?=\s-\s|[.;!?\n]|\[\d|$)|\n")
# "by 2027", "by the end of 2027", and a plan's span "from 2026 to 2028" (its goals are for its end).
_YEAR = re.compile(r"\b(?:by|in|before|for) (?:the end of |end-)?((?:19|20)\d{2})\b|\bfrom (?:19|20)\d{2} to ((?:19|20)\d{2})\b", re.I)
_RELATIVE = re.compile(r"\bwithin (?:the next )?(?:two|three|four|five|\d) years\b|\bin (?:the next )?(?:two|three|four|five|\d) years\b", re.I)
_GOAL = re.compile(r"\bby (?:the end of )?(?:19|20)\d{2}\b|\b(?:aims?|aiming|targets?|targeting|plans?|planned|goal|"
                   r"projected|expected|strive|will|shall|propose[sd]?|wants?|seeks?|hopes?|intends?)\b", re.I)
_WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100}
# A figure, or a number word ("at least five OPC communities"); "one" is left out: "one of the…".
_NUM = (r"(?<![\d,.])(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|\b(?:" + "|".join(_WORD_NUMBERS) + r")\b)"
        r"(?![\d]|[.,]\d)")
_SCALES = {"trillion": 10**12, "billion": 10**9, "million": 10**6, "thousand": 10**3}
_QUANTITY = (
    rf"(?P<cmp>more than|over|at least|no less than|no fewer than|not less than|nearly|about|approximately|around|some)?\s*"
    rf"(?P<pre>RMB\s?|CNY\s?|¥)?{_NUM}(?P<plus>\+)?"  # "10,000+ talents": at least
    r"\s*(?P<scale>trillion|billion|million|thousand)?\s*(?P<unit>yuan|RMB|EFLOPS|PFLOPS|TFLOPS|%|percent)?"
)
# "<metric> will exceed 300 billion yuan", "the number of AI enterprises exceeding 2,000".
_VERB_FORM = re.compile(
    r"\b(?P<metric>[A-Za-z][A-Za-z'’\- ]{2,80}?)\s+(?:will\s+|to\s+|is\s+expected\s+to\s+)?(?:be\s+)?"
    rf"(?P<verb>exceed(?:ing|s)?|surpass(?:ing|es)?|reach(?:ing|es)?|top(?:ping|s)?|hit(?:ting|s)?|be more than|be over|worth)\s+{_QUANTITY}",
    re.I,
)
# "a computing power scale of more than 60EFLOPS".
_OF_FORM = re.compile(
    rf"\b(?P<metric>[A-Za-z][A-Za-z'’\- ]{{2,60}}?)\s+of\s+{_QUANTITY}(?![A-Za-z])(?!\s*(?:square|sq|m2|㎡|met(?:er|re)s|km|hectares|mu)\b)",
    re.I,
)
# "over 10 OPC communities", "more than 500 application scenarios will be created".
_COUNT_FORM = re.compile(
    rf"\b{_QUANTITY}\s+[“\"']?(?P<metric>(?:new |high-growth |additional |large-scale |high-level )*[A-Za-z][A-Za-z\- ]{{2,60}}?)[”\"']?"
    r"(?=\s*(?:,|\.|;|\[|\band\b|\bto\b|\bby\b|\bwith\b|\bin\b|\beach\b|\bfrom\b|\bacross\b|\bwill\b|$))",
    re.I,
)
# Compute capacity with no noun of its own: "the city targets 30 EFLOPS by 2027".
_COMPUTE_FORM = re.compile(
    r"(?P<metric>)(?P<cmp>more than|over|at least|no less than|about|around)?\s*(?P<pre>)"
    + _NUM + r"\s*(?P<scale>)(?P<unit>EFLOPS|PFLOPS|TFLOPS)\b",
    re.I,
)
_NOT_COUNT = re.compile(r"^(?:this|next|last|other|square|sq|yuan|billion|million|thousand|trillion|percent|years?|months?|days?|hours?|RMB|"
                        r"dollars|times|categories|kinds|types|of|EFLOPS|PFLOPS|TFLOPS|GW|MW)\b", re.I)
# Money that is support or a fund's size, or a figure that qualifies whom a measure is for, is
# an amount, not a goal: "vouchers worth a total of…", "companies with annual revenue above…".
_NOT_GOAL_METRIC = re.compile(r"voucher|fund|subsid|grant|worth|award|prize|budget|loan|reward", re.I)
# "firms listed above, whose revenue in 2025 exceeds RMB8 million (inclusive of RMB…": who qualifies.
_CONDITION_BEFORE = re.compile(
    r"\b(?:companies|firms|enterprises|startups|those|teams|founders|OPCs)\b[^.;]{0,30}?\b(?:with|whose)\b[^.;]{0,80}$", re.I)
_PARTNERS_BEFORE = re.compile(r"\b(?:along with|together with|jointly with|joined by|in partnership with)\s+(?:the\s+)?$", re.I)
_CMP = {"over": Comparator.GT, "more than": Comparator.GT, "at least": Comparator.GE, "no less than": Comparator.GE,
        "no fewer than": Comparator.GE, "not less than": Comparator.GE,
        "nearly": Comparator.APPROX, "about": Comparator.APPROX, "approximately": Comparator.APPROX,
        "around": Comparator.APPROX, "some": Comparator.APPROX}
_VERB_CMP = {"worth": Comparator.EQ, "exceed": Comparator.GT, "surpass": Comparator.GT, "top": Comparator.GT, "be more than": Comparator.GT,
             "be over": Comparator.GT, "reach": Comparator.EQ, "hit": Comparator.EQ}

# Longest phrases first. The nouns plans count, and the modifiers that go with them.
_GLOSSARY = {
    "one person companies": "OPC", "one-person companies": "OPC", "opcs": "OPC", "opc": "OPC",
    "super individuals": "超级个体", "super-individuals": "超级个体",
    "artificial intelligence": "人工智能", "ai": "人工智能", "general ai": "通用人工智能", "digital economy": "数字经济",
    "computing power": "算力", "intelligent computing": "智能算力", "data centers": "数据中心", "data centres": "数据中心",
    "communities": "社区", "community": "社区", "enterprises": "企业", "companies": "企业", "firms": "企业",
    "startups": "创业企业", "start-ups": "创业企业", "entrepreneurs": "创业者", "founders": "创业者", "talents": "人才", "talent": "人才", "jobs": "就业岗位",
    "platforms": "平台", "projects": "项目", "application scenarios": "应用场景", "scenarios": "应用场景",
    "intelligent terminal products": "智能终端产品", "products": "产品", "models": "模型", "large models": "大模型",
    "industry": "产业", "industries": "产业", "innovation": "创新", "incubators": "孵化器",
    "workstations": "工位", "stations": "工位", "spaces": "空间", "bases": "基地", "parks": "园区", "clusters": "集群", "cluster": "集群",
    # Other nouns policy goals count or measure, singular and plural.
    "knowledge bases": "知识库", "knowledge base": "知识库", "computing capacity": "算力", "compute capacity": "算力",
    "intelligent computing capacity": "智能算力", "intelligent computing power": "智能算力",
    "compute power": "算力", "computing resources": "算力", "compute": "算力", "data sets": "数据集", "datasets": "数据集",
    "data set": "数据集", "dataset": "数据集", "model": "模型", "large model": "大模型", "scenario": "应用场景",
    "incubator": "孵化器", "accelerators": "加速器", "accelerator": "加速器", "talent pool": "人才", "professionals": "人才",
    "enterprise": "企业", "company": "企业", "firm": "企业", "start-up": "创业企业", "startup": "创业企业",
    "funds": "基金", "fund": "基金", "output": "产值", "output value": "产值", "revenue": "营收", "revenues": "营收",
    "research centers": "研究中心", "research centres": "研究中心", "centers": "中心", "centres": "中心", "center": "中心",
    "centre": "中心", "teams": "团队", "team": "团队", "institutions": "机构", "agencies": "机构", "laboratories": "实验室",
    "labs": "实验室", "applications": "应用", "agents": "智能体", "robots": "机器人", "patents": "专利", "standards": "标准",
    "service providers": "服务商", "patent applications": "专利申请", "zones": "园区", "public": "公共", "industrial": "产业", "smart": "智能",
    "intelligent": "智能", "data": "数据", "training": "培训", "high-quality": "高质量", "typical": "典型", "benchmark": "标杆",
}
_FILLER = re.compile(
    r"\b(?:the|a|an|province's|city's|country's|area's|district's|zone's|park's|its|their|new|additional|high-growth|large-scale|high-level|total|"
    r"dedicated|specialized|specialised|"
    r"number of|value of|size of|amount of|scale of|overall|annual|leading|key|major|will|be|to|and|with)\b",
    re.I,
)
_FILLER_FIRST = re.compile(r"\b(?:large-scale|high-level|high-growth)\b")
_GLOSSARY_RE = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in sorted(_GLOSSARY, key=len, reverse=True)) + r")\b", re.I)


_POST_MODIFIER = re.compile(
    r"\s+(?:(?:(?:made\s+)?(?:available|accessible|open|provided|offered|dedicated|used)\s+)?(?:to|for|in|across|at|on|from|within)"
    r"|available|accessible|serving|covering|citywide|nationwide)\b.*$", re.I)
_HEAD_AT_END = re.compile(_GLOSSARY_RE.pattern + r"\s*$", re.I)


def translate_metric(metric: str) -> str:
    """The metric in Chinese when the glossary knows all its words ("the scale of the core
    artificial intelligence industry" → 人工智能核心产业规模; a phrase after the head saying for
    whom or where is left out), else the English as written."""
    text = _FILLER_FIRST.sub(" ", metric.strip().lower())
    scale = bool(re.search(r"\b(?:scale|value|size|output) of\b|\b(?:scale|output)$", text))
    text = re.sub(r"\b(?:scale|value|size|output) of\b|\b(?:scale|output)$", " ", text)
    core = bool(re.search(r"\bcore\b", text))
    text = re.sub(r"\bcore\b", " ", text)
    # A phrase after the head says for whom or where ("computing capacity available to firms",
    # "incubators in the district"): the head noun before it is the metric.
    head_only = _POST_MODIFIER.sub("", text)
    if head_only != text and _HEAD_AT_END.search(head_only):
        text = head_only
    words: list[str] = []
    rest = _GLOSSARY_RE.sub(lambda m: words.append(_GLOSSARY[m.group(0).lower()]) or " ", text)  # type: ignore[func-returns-value]
    if not words or _FILLER.sub(" ", rest).strip(" -'’"):
        return re.sub(r"^(?:new|additional) ", "", metric.strip())
    if core and words[-1] == "产业":
        words[-1] = "核心产业"  # "core AI industry": 人工智能核心产业
    return "".join(words) + ("规模" if scale and not words[-1].endswith("规模") else "")


def _value(m: re.Match[str]) -> tuple[Decimal, str | None]:
    n = m.group("n").lower()
    value = Decimal(_WORD_NUMBERS[n] if n in _WORD_NUMBERS else n.replace(",", "")) * _SCALES.get((m.group("scale") or "").lower(), 1)
    unit = (m.group("unit") or "").lower()
    if unit in ("yuan", "rmb") or m.group("pre"):
        return value, "yuan"
    if unit in ("%", "percent"):
        return value, "percent"
    return value, (m.group("unit").upper() if unit else None)


def _clean_metric(raw: str) -> str:
    raw = re.split(r",|\bwith\b|\band\b|\bwhile\b|\bthat\b|\bwhich\b|\b(?:says?|said|states?|stated|notes?|noted|"
                   r"propose[sd]?|shows?|expects?)\b", raw, flags=re.I)[-1]
    raw = re.sub(r"\s+within (?:the next )?(?:\w+) years?$|\s+in (?:the next )?(?:\w+) years?$", "", raw.strip(), flags=re.I)
    raw = re.sub(r"^(?:it|the plan|the city|the district|the zone|the park)?\s*(?:also\s+)?(?:aims?|plans?|wants?|hopes?)\s+"
                 r"(?:for|to)\s+", "", raw.strip(), flags=re.I)
    raw = re.sub(r"^(?:targeting|achieve|achieving|reach|reaching|add|adding|create|creating|build|building|establish|to)\s+",
                 "", raw.strip(), flags=re.I)
    return re.sub(r"^(?:the|a|an)\s+", "", raw.strip(), flags=re.I)


def _sentence_targets(sentence: str, year: int | None) -> list[Target]:
    targets: list[Target] = []
    taken: list[tuple[int, int]] = []
    for form in (_VERB_FORM, _OF_FORM, _COUNT_FORM, _COMPUTE_FORM):
        for m in form.finditer(sentence):
            if any(a < m.end("n") and m.start("n") < b for a, b in taken) or re.fullmatch(r"(?:19|20)\d{2}", m.group("n")):
                continue
            value, unit = _value(m)
            metric = _clean_metric(m.group("metric")) or "computing power"
            if unit in ("EFLOPS", "PFLOPS", "TFLOPS") and not _GLOSSARY_RE.search(metric):
                metric = "computing power"  # "the city targets 30 EFLOPS by 2027"
            if form is _COUNT_FORM and ((unit and unit not in ("EFLOPS", "PFLOPS", "TFLOPS")) or _NOT_COUNT.match(metric)):
                continue
            if not metric or _NOT_COUNT.match(metric) or len(metric) < 2 or _NOT_GOAL_METRIC.search(metric):
                continue
            if _CONDITION_BEFORE.search(sentence[: m.start("n")]) or _PARTNERS_BEFORE.search(sentence[: m.start("n")]):
                continue  # "along with three other departments": who acts, not what is aimed at
            comparator = _CMP.get((m.group("cmp") or "").lower()) or (Comparator.GE if m.groupdict().get("plus") else None)
            if comparator is None and form is _VERB_FORM:
                comparator = next((c for v, c in _VERB_CMP.items() if m.group("verb").lower().startswith(v)), None)
            taken.append((m.start("n"), m.end("n")))
            relative = (_RELATIVE.search(m.group(0)) or _RELATIVE.search(sentence[m.end() : m.end() + 30])) and not _YEAR.search(
                sentence[m.start() : m.end() + 30])
            targets.append(Target(year=None if relative else year, metric=translate_metric(metric), value=value, unit=unit,
                                  comparator=comparator or Comparator.EQ, phrase=m.group(0).strip()))
    return targets


_BULLET = re.compile(r"^\s*(?:[-•·*▪◆●–]|\d{1,2}[.)])\s+")


def english_targets(text: str, reference_year: int | None = None) -> list[Target]:
    """Goals stated in English sentences, each with the year its paragraph last named ("this year":
    ``reference_year``, the page's own)."""
    targets: list[Target] = []
    year: int | None = None
    list_year: int | None = None  # "By 2027, the city aims to:" and the bullets under it
    for sm in _SENTENCE.finditer(text):
        sentence = sm.group(0)
        bullet = bool(_BULLET.match(sentence))
        if list_year is not None and sentence != "\n" and not bullet:
            list_year = None
        if sentence == "\n" or re.match(r"\s*-\s", sentence) or text[max(0, sm.start() - 2) : sm.start()].rstrip().endswith("]"):
            year = None  # a new paragraph, or a new bullet of a summary run together on one line
        if sentence == "\n":
            continue
        if bullet and list_year is not None:
            targets += _sentence_targets(_BULLET.sub("", sentence), list_year)
            continue
        if not re.search(r"[A-Za-z]{4}", sentence):
            continue
        if y := _YEAR.search(sentence):
            year = int(y.group(1) or y.group(2))
        if year is not None and sentence.rstrip().endswith(":") and _GOAL.search(sentence):
            list_year = year  # the goals follow as bullets
        if _GOAL.search(sentence) and (year is not None or re.search(
                r"\b(?:aims?|targets?|targeting|goal|plans?|projected|expected)\b", sentence, re.I)):
            this_year = re.search(r"\bthis year\b", sentence, re.I) and not _YEAR.search(sentence)
            targets += _sentence_targets(sentence, reference_year if this_year else year)
    return targets
