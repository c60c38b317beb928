"""Quantified goals: "到2028年打造超50个OPC社区" → (2028, "OPC社区", 50, ">").

Only sentences that state a goal are read (a target year "到2028年" / "2026年建成…", or
目标/力争/计划), so "目前已推出9家OPC园区" is a fact, not a target. The metric is the noun
phrase after the count ("1000家OPC企业") or, failing that, before it ("OPC企业1000家").
"""

from __future__ import annotations

import re
from decimal import Decimal

from parsers.numbers import NUMBER, cn_number
from parsers.schema import Comparator, Target

__all__ = ["extract_targets"]

_SENTENCE_RE = re.compile(r"[^。；;！!？?\n]+")
_GOAL_RE = re.compile(r"(?:到|至|截至|截止)\s*((?:19|20)\d{2})\s*年|((?:19|20)\d{2})\s*年(?:底|末|前)?\s*(?=建成|打造|培育|新增|实现|力争|集聚|引进|达到|突破|建设)|目标|力争|计划")
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
_CLASSIFIER = r"个|家|名|人|户|场|项|支|间|套|所|座|条|万方|万平方米|平方米"
_COUNT_RE = re.compile(
    rf"(?P<cmp>超过|超|逾|突破|不少于|不低于|至少|近|约)?\s*(?P<n>{NUMBER})\s*(?P<cls>{_CLASSIFIER})(?P<after>(?:以上|左右)?)"
)
_CLAUSE_SPLIT = re.compile(r"[，,、：:]|和|及|与|并")
_VERBS = re.compile(
    r"^(?:(?:到|至)?\s*(?:19|20)\d{2}\s*年(?:底|末|前)?|目标|力争|计划|累计|全市|全省|"
    r"打造|培育|引进|新增|集聚|建成|建设|开放|举办|上线|吸引|孵化|服务|形成|达到|突破|实现|推动|带动|招引|落地|提供|超过|超)+"
)
_METRIC_NOUN = re.compile(r"社区|企业|人才|工位|空间|基地|平台|工具|项目|团队|创业者|个体|席位|活动|先锋|载体|OPC|公司|主体")
_COMPARATORS = {
    "超过": Comparator.GT, "超": Comparator.GT, "逾": Comparator.GT, "突破": Comparator.GT,
    "不少于": Comparator.GE, "不低于": Comparator.GE, "至少": Comparator.GE,
    "近": Comparator.APPROX, "约": Comparator.APPROX,
}


def _clean_metric(raw: str) -> str:
    quoted = re.search(r"“([^”]{2,16})”", raw)
    if quoted:  # 平台上线“好物工具”超100个: the quoted name is the metric
        return quoted.group(1)
    metric = _VERBS.sub("", raw.strip()).strip(" “”\"'《》")
    metric = re.sub(r"^[“\"]|[”\"]$", "", metric)
    return metric[:16]


def _metric(sentence: str, m: re.Match[str]) -> str | None:
    after = _CLAUSE_SPLIT.split(sentence[m.end() :], maxsplit=1)[0]
    candidate = _clean_metric(after)
    if candidate and _METRIC_NOUN.search(candidate):
        return candidate
    before = _CLAUSE_SPLIT.split(sentence[: m.start()])[-1]
    candidate = _clean_metric(before)
    if candidate and _METRIC_NOUN.search(candidate):
        return candidate
    return None


def extract_targets(text: str) -> list[Target]:
    """Quantified targets (year, metric, value, comparator, phrase) stated as goals in ``text``."""
    targets: list[Target] = []
    for sentence_match in _SENTENCE_RE.finditer(text or ""):
        sentence = sentence_match.group(0)
        goal = _GOAL_RE.search(sentence)
        if not goal:
            continue
        for m in _COUNT_RE.finditer(sentence):
            if m.start("n") > 0 and sentence[m.start("n") - 1].isdigit():
                continue
            metric = _metric(sentence, m)
            if metric is None:
                continue
            years = [int(y) for y in _YEAR_RE.findall(sentence[: m.start()])]
            try:
                value = cn_number(m.group("n"))
            except ValueError:
                continue
            if m.group("cls").startswith("万"):
                value *= 10_000
            comparator = _COMPARATORS.get(m.group("cmp") or "", Comparator.EQ)
            if m.group("after") == "以上":
                comparator = Comparator.GT
            elif m.group("after") == "左右":
                comparator = Comparator.APPROX
            phrase = _CLAUSE_SPLIT.split(sentence[: m.start()])[-1] + sentence[m.start() : m.end()]
            targets.append(
                Target(
                    year=years[-1] if years else None,
                    metric=metric,
                    value=Decimal(value),
                    comparator=comparator,
                    phrase=(phrase + _CLAUSE_SPLIT.split(sentence[m.end() :], maxsplit=1)[0]).strip(),
                )
            )
    return targets
