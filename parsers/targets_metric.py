"""The name of what a goal counts, and the comparison it is written with: "到2027年，全区培育OPC
企业1000家以上" → OPC企业, >=. The verbs, years and subjects before a noun are stripped ("全区培育", "到2027年"); the nouns goals count are listed.
Hand-written: the vocabulary of Chinese plans. Used by :mod:`parsers.targets` and
:mod:`parsers.targets_tables`.
"""

from __future__ import annotations

import re

from parsers.schema import Comparator

__all__ = ["COMPARATORS", "METRIC_NOUN", "RESTATED", "VERBS", "clean_metric", "comparator", "restated",
           "restated_comparator"]

# Years, subjects and verbs that come before the counted noun.
VERBS = re.compile(
    r"^(?:(?:到|至)?\s*(?:19|20)\d{2}\s*年(?:底|末|前)?|年内|到?今年年?(?:底|末)?前?|把|每年|全国|(?:未来|今后)\s*(?:\d{1,2}|[两三四五])\s*年|(?:到|至)(?:行动|计划|规划|方案)?期末|[两三四五]\s*年内|将|要|目标|力争|计划|预计|累计|全年实现|全年|全市|全省|全区|全县|新区|本区|该区|本市|我市|我区|我省|先行|新增培育|新培育|引培|"
    r"打造|培育|引进|新增|集聚|建成|建设|开放|举办|上线|吸引|孵化|服务|形成|达到|达|突破|实现|推动|带动|招引|落地|提供|超过|超(?=[\d一二三四五六七八九十百千万亿])|汇聚)+"  # 超级个体 keeps its 超
)
METRIC_NOUN = re.compile(
    r"社区|企业|人才|工位|空间|基地|平台|工具|项目|团队|创业者|创造者|个体|席位|活动|先锋|载体|OPC|公司|主体|场景|"
    r"示范区|园区|中心|模型|数据集|应用|岗位|就业|备案数|培育数|数量|普及率|覆盖率|占比|比重|"
    r"产品|终端|技术|成果|专利|标准|基站|端口|机构|集群|孵化器|加速器|增速|增长率|通达率|渗透率|比例|年均增长|算力|智算|增长|增加值|"
    r"机场|起降点|航线|航路|门店|学校|医院|实验室|工厂|产线|车间|街区|楼宇|品牌|赛事|大赛|课程|智能体|机器人|无人机|设备|"
    r"用户|会员|人次|项目|众创空间|载体|社群|专家|导师|服务商|解决方案|案例|榜单|毕业生|大学生|青年|学员|创业|培训|车辆|道路|里程|存储|机架|基金"
)
_LIST_MARK = re.compile(r"^\s*(?:\d{1,2}\s*[.、．)）]|[（(][一二三四五六七八九十\d]+[)）]|——|[-•·*▪◆●①②③④⑤⑥⑦⑧⑨⑩])\s*")


def clean_metric(raw: str) -> str:
    """The counted noun of a goal phrase, at most 20 characters."""
    quoted = re.search(r"“([^”]{2,16})”\s*$", raw)
    if quoted:  # 平台上线“好物工具”超100个: the quoted name is the metric
        return quoted.group(1)
    # "江阴提出年内新增OPC主体…": what was set out comes after the verb; "OPC预计新增600家": before it.
    parts = re.split(r"提出|明确|表示|要求|部署|计划|预计", raw)
    raw = parts[-1] if len(parts) == 1 or METRIC_NOUN.search(parts[-1]) else "".join(parts)
    raw = _LIST_MARK.sub("", raw)  # "1.培育…", "——OPC企业…", "• 新增…": an item's marker
    metric = VERBS.sub("", re.sub(r"[(（][^()（）]{0,12}[)）]", "", raw.strip())).strip(" “”\"'《》")
    metric = re.sub(r"^[“\"]|[”\"]$", "", metric)
    metric = re.sub(r"(?:较|比)(?:19|20)\d{2}\s*年.*$", "", metric)  # "OPC企业数量较2025年翻一番"
    metric = re.sub(r"(?<=.{2})(?:数量|数目|总数)$", "", metric)  # 一人公司数量: the count of 一人公司
    return metric[-20:] if len(metric) > 20 else metric


# A figure spelled out and restated in brackets: "算力总规模达到每秒3×10^18次浮点运算（3EFLOPS）".
# The metric ends at the verb before the spelled-out figure, which may be long.
RESTATED = re.compile(r"(?P<verb>达到|突破|超过|增至|增加到|提升至|提升到|提高至|提高到|达|超|为)(?P<spelled>[^，,。；、（(]*?"
                       r"[\d一二三四五六七八九十百千万亿][^，,。；、（(]*)[(（]\s*$")


def restated(sentence: str, m: re.Match[str]) -> re.Match[str] | None:
    """The verb and spelled-out figure before a count in brackets, or None."""
    return RESTATED.search(sentence, max(0, m.start() - 80), m.start())


# The comparison a goal figure is written with: 超 / 突破 → >, 不少于 / 以上 → >=, 近 / 约 / 左右 → ~.
COMPARATORS = {
    "超过": Comparator.GT, "超": Comparator.GT, "逾": Comparator.GT, "突破": Comparator.GT,
    "不少于": Comparator.GE, "不低于": Comparator.GE, "至少": Comparator.GE,
    "近": Comparator.APPROX, "约": Comparator.APPROX,
}


def comparator(m: re.Match[str]) -> Comparator:
    """The comparison of a count match (its ``cmp`` word before, ``after`` word after the figure)."""
    if m.group("after") == "以上":
        return Comparator.GE
    if m.group("after") == "左右":
        return Comparator.APPROX
    return COMPARATORS.get(m.group("cmp") or "", Comparator.EQ)


def restated_comparator(sentence: str, m: re.Match[str]) -> Comparator:
    """A bracketed restatement takes the comparison written before the spelled-out figure."""
    spelled = restated(sentence, m) if not (m.group("cmp") or m.group("after")) else None
    if spelled is not None:
        return COMPARATORS.get(spelled.group("verb"), Comparator.EQ)
    return comparator(m)
