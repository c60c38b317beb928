"""What an amount is to a reader (AmountRole), read from the words around it.

"设立10亿元基金" is a fund's size, "最高给予2000万元股权投资" support to a beneficiary,
"营收超500万元的企业" an eligibility threshold, "年产值超1100亿元" / "已获近2亿元融资" /
"数字经济规模达到2000亿元" statistics. Only support and fund amounts are key amounts (alerts,
``--min-amount``), so a statistic must never pass for a fund: 规模 is a fund's size only when
基金 / 资金 is in the same phrase.

The cue is looked for in the amount's own phrase first — the words between the previous amount
of the clause (or the clause start) and the number, and the words after it up to the next
amount — then in the sentence before it. The checks run from the most specific (a condition:
metric + comparison + "…的企业") to the most generic; nothing found gives UNKNOWN with the
reason. Hand-written: policy-prose conventions no library models.
"""

from __future__ import annotations

import re

from parsers.amount_roles_foreign import foreign_role, is_foreign
from parsers.schema import AmountRole, AmountUnit

__all__ = ["role_of"]

_METRIC = (
    r"营业收入|主营业务收入|销售收入|营收|年收入|收入|注册资本|实缴资本|实收资本|实缴|投资额|固定资产投资|研发投入|研发费用|"
    r"总投资|融资额|融资|纳税额|纳税|税收|产值|交易额|销售额|合同额|合同金额|采购金额|采购额|估值|总资产|资产总额|净利润|利润|投入|"
    r"revenue|registered capital|turnover"
)
_COMPARE = r"超过|超|达到|达|不低于|不少于|不高于|不超过|突破|首次突破|以上|以下|低于|高于|exceed|over|above|at least"
_CAPITAL = re.compile(r"注册资本|实缴资本|实收资本|实缴|注资")
_METRIC_RE = re.compile(_METRIC, re.I)
_COMPARE_RE = re.compile(_COMPARE, re.I)
# A condition: the amount qualifies who is meant ("…万元以上的企业", "…的OPC项目", "…超过5000万元的，").
_CONDITION_AFTER = re.compile(
    r"^\s*(?:(?:（含）|\(含\))?(?:以上|及以上|以下|以内)(?:（含）|\(含\))?的?|的)[^，。；,;]{0,10}"
    r"(?:企业|项目|主体|公司|OPC|团队|机构|个人|创业者|人才|单位|平台|社区|园区|者)(?![^，。；]{0,4}(?:补贴|奖励|资助))"
    r"|^\s*(?:以上|以下)?的\s*(?:[，,]|$)",
    re.I,
)
_NOTE = re.compile(r"^\s*[（(][^（）()]{0,12}[）)]")
_NOTE_OPEN = re.compile(r"^\s*[（(]")
# Comparisons that only conditions use: a statistic "达到" or "超过", it is not "不超过" or "不低于".
_BOUND = re.compile(r"不低于|不少于|不高于|不超过|低于|以下")
# "单笔采购金额应在1万元以上": what is required.
_REQUIRED_AT = re.compile(r"(?:应|须|需|必须)(?:在|达到|不低于|不少于|超过)?\s*$")
_CONDITION_BEFORE = re.compile(r"(?:^|[，,；;])\s*(?:对|凡|对于|符合|要求|须|需|应|申报(?:主体|单位|企业)?|条件)[^，。；]*$")
# A sentence that states requirements ("项目应于…开工，总投资不低于500万元"): a floor there is a condition.
_REQUIREMENT = re.compile(r"应|须|需|要求|条件|申报|申领|资格")
_FLOOR = re.compile(r"不低于|不少于|达到|以上|最低|下限")
# 研发投入占比不低于5%: a condition; 补贴比例不超过30%: the support ratio itself.
_RATIO_CONDITION = re.compile(
    r"(?<!补贴)(?<!补助)(?<!资助)(?<!奖励)(?<!支持)(?<!扶持)(?:占比|比例|比重|比率|占[^，。；]{0,10}(?:比|的))[^，。；]{0,6}"
    r"(?:不低于|不少于|达到|达|(?<!不)超过|高于|以上)\s*$"
)
_FUND_AFTER = re.compile(
    r"^[^，。；,;\d]{0,14}?(?:基金|资金池|专项资金|引导资金|扶持资金|奖补资金|财政资金|资金)|^[-\sA-Za-z]{0,24}\bfunds?\b|"
    # A programme's budget: "100 million yuan in vouchers / in support for data", "allocated to".
    r"^[\s)）]*(?:in|en)\s+(?:[\w-]+\s+){0,2}?(?:vouchers?|coupons?|support|subsidies|funding|grants?|vales|ayudas|apoyo|soutien|"
    r"subvenciones|bons|subventions)\b|^\s*(?:allocated|earmarked|destinados?|asignados?|alloués?)\b|"
    r"^[^，。；,;\d]{0,8}(?:펀드|기금)|^\s*(?:quỹ)\b|"
    # A contest's prize pool ("272万元大赛奖金", "总奖金", "奖金池"): the programme's size, not one prize.
    r"^\s*(?:(?:大赛|赛事|比赛|竞赛)奖金|总奖金|奖金池|奖池)|"
    # "本次50亿元由区财政全额出资": the state's own money.
    r"^\s*(?:全部|全额)?由[^，。；\d]{0,12}财政(?:全额)?出资",
    re.I,
)
_FUND_BEFORE = re.compile(
    r"(?:基金|资金|资金池)[^，。；]{0,8}(?:总规模|规模|总额|达到|达)|(?:券|资金|补贴|奖补|专项)[^，。；]{0,8}总额|"
    r"(?:基金|资金)[^，。；]{0,6}(?:出资|认缴|注资|募集)|"
    # 设 is a fund verb ("设10亿元基金"), not the second half of 建设 / 开设 / 增设.
    r"(?:设立|组建|发起|成立|(?<![建开增铺架假预])设|安排|统筹|筹集|募集)[^，。；]{0,12}$|(?<![每向])(?:发放|投放|发行)(?:总额|共计|总计)?\s*$|"
    # The state's own money put in ("由财政出资200亿元"), one fund of a family ("单只规模超80亿元"), a
    # sum spent in all ("总共投入最高2.4亿元"), what a government hands out as a whole ("政府…掏了5个亿").
    r"财政(?:全额)?出资\s*$|单只[^，。；\d]{0,4}?规模[^，。；\d]{0,3}$|(?:总共|一共|共计|合计)(?:投入|安排|统筹|拿出)(?:资金)?"
    r"(?:最高|不超过|约|近|超过|超)?\s*$|(?:政府|财政)[^，。；\d]{0,12}(?:掏了|掏出|拿出了?|砸了?)\s*$|"
    r"(?:总|合计)[^，。；\d]{0,6}(?:金额|额度|经费|资金)[^，。；\d]{0,3}(?:为|达|共|约)?\s*$|"
    r"a fund of|fund (?:size|of)|\bfunds?\b[\w\s-]{0,20}?(?:worth|of|totall?ing)\s*(?:over|more than|about|around|some|up to)?\s*$|"
    # Other languages: a budget allotted to a programme ("allocated around 600 million yuan in
    # vouchers", "ha destinado unos 600 millones", "débloqué … 500 millions", "phân bổ 600 triệu").
    r"(?:montant total|total amount of|monto total|tổng mức)[^.;!?]{0,60}$|"
    r"(?:allocat\w*|earmark\w*|committed|set aside|budget(?:ed)? of|débloqué|alloué|consacré|destinado|destinó|asignó|"
    r"comprometió|phân bổ|chi thêm|cam kết hỗ trợ thêm|배정|투입)[^,.;!?]{0,30}$",
    re.I,
)
_SUPPORT_STRONG = re.compile(
    r"给予|补贴|补助|奖励|资助|贴息|奖补|奖金|算力券|数据券|申领|发放|兑现|最高|不超过|上限|封顶|一次性|贷款|额度|"
    r"up to|subsid|grant|award|reward|prize|bonus|voucher|allowance|capped|not exceed|as much as|funding for|"
    r"subvention|jusqu['’]à|plafonn|rembours|subsidio|ayuda|hasta|reembols|subsídio|Zuschuss|Förder|bis zu|sovvenzion|"
    r"hỗ trợ|trợ cấp|tài trợ|tối đa|lên tới|지원금|보조금|최대",
    re.I,
)
_SUPPORT_AFTER = re.compile(
    r"^[^，。；,;\d]{0,10}?(?:补贴|补助|奖励|资助|奖补|支持|扶持|股权投资|投资支持|贷款|授信|担保|算力券|券|奖金|贴息)"
    r"|^[-\sA-Za-z]{0,20}\b(?:subsid|grant|award|reward|voucher|allowance|loan|equity)"
    r"|^[^\d.;]{0,24}?(?:subvention|subsidio|ayuda|hỗ trợ|trợ cấp|지원금|보조금)",
    re.I,
)
_STATISTIC = re.compile(
    r"产值|增加值|市值|利润|分成|赚|产业规模|规模|营收|营业收入|收入|融资|估值|交易额|销售额|订单|总投资|投资额|投资总额|完成投资|签约|零售额|带动|吸引|撬动|增长|"
    r"截至|累计|已获|已有|已经|共计|去年|全年|目前|实现|创造|年入|月入|卖给|收购|出售|并购|GDP|output|revenue|valuation|raised|financing|worth|sales|"
    r"\bscale of|industry will|chiffre d['’]affaires|revenus|levée|valoris|ingresos|phải chi|\bchi (?:khoảng|hết|gần)|spend|spent|facturación|recaud|doanh thu|huy động|định giá|vốn đầu tư|매출|투자 유치",
    re.I,
)
_SUPPORT_WEAK = re.compile(r"支持|扶持|投资|获得|可获|提供|享受|support|investment|loan|receive|win|get", re.I)
_GRANT_VERB = re.compile(r"给予|补贴|补助|奖励|资助|贴息|奖补")
# Per beneficiary (单笔投资额, 每家每年): what one recipient gets, not an economy's figure.
_PER_RECIPIENT = re.compile(r"单笔|单个(?:项目|企业|主体|OPC)|单家|单户|单项|每家|每户|每人|每个(?:项目|企业)|per (?:project|company|firm|person)")
_PAST = re.compile(r"已|累计|截至|共计|平均|去年|全年")
# A yearly programme budget, capped: "每年发放最高5亿元训力券", "每年投入最高1亿元". 最高 there caps
# the programme, not what one recipient gets ("对每家OPC每年发放最高10万元" is support).
_YEARLY_BUDGET = re.compile(r"(?:每年|年度|每年度)[^，。；\d]{0,4}?(?:投入|发放|投放|安排|统筹)(?:总额|共计)?(?:最高|不超过|不超)?\s*$")
_RECIPIENT_BEFORE = re.compile(r"[对向为给]")
# Seed money handed to a founder or a team ("提供5万美元启动资金"), not a fund's size.
_SEED_MONEY_AFTER = re.compile(r"^\s*的?(?:创业)?(?:种子)?启动(?:资金|金)")
# A cost stated as a fact ("试错成本通常不到1万元", "剪辑成本降至每条15元").
_COST_BEFORE = re.compile(r"成本[^，。；\d]{0,6}$")
_PRICE = re.compile(r"原价|现价|售价|早鸟价|优惠价|特价|价格|定价|价值|票价|门票|收费|资费|学费|报名费")
_JOINERS = re.compile(r"^(?:[\s、和及或与至到,，-]|乃至|甚至)*(?:上|近|约|超|逾)?$")
# "10亿美元公司", "百亿级企业": the amount sizes a company, a fact about it.
_SIZE_OF = re.compile(r"^\s*(?:级|量级)?的?[^，。；]{0,4}(?:公司|企业|独角兽)")


def _hit(pattern: re.Pattern[str], text: str, last: bool = True) -> str | None:
    found = list(pattern.finditer(text))
    if not found:
        return None
    return (found[-1] if last else found[0]).group(0)


def role_of(text: str, start: int, end: int, clause: tuple[int, int], sentence_start: int,
            prev_end: int, next_start: int, unit: AmountUnit) -> tuple[AmountRole, str]:
    """(role, reason) of the amount at text[start:end].

    ``clause`` is its clause (split at ，、；。), ``prev_end`` / ``next_start`` the end of the
    previous and the start of the next amount of the same clause (or the clause bounds).
    """
    c_start, c_end = clause
    before = text[prev_end:start]
    if _JOINERS.match(before):  # "分别为30万元、20万元": the words before the first item apply
        before = text[c_start:start]
    after = text[end:next_start]
    if _JOINERS.match(after):  # "千万元乃至上亿元估值": the words after the last item apply
        after = text[end:c_end]
    sentence_before = text[sentence_start:c_start]

    if unit is AmountUnit.PERCENT:
        if m := _RATIO_CONDITION.search(before):
            return AmountRole.THRESHOLD, f"条件：{m.group(0).strip()}"
        return AmountRole.SUPPORT, f"支持比例：{_hit(_SUPPORT_STRONG, before + after) or '费用的百分比'}"

    if is_foreign(text[c_start:c_end]) and (found := foreign_role(before, after, sentence_before)) is not None:
        return found
    if m := _CAPITAL.search(before):
        return AmountRole.THRESHOLD, f"条件：{m.group(0)}"
    metric = _hit(_METRIC_RE, before)
    compare = _hit(_COMPARE_RE, before) or _hit(re.compile(r"^\s*(?:（含）|\(含\))?(?:以上|及以上|以下)"), after)
    # "营业收入超过200万元（含200万元）的企业": a bracketed note between the figure and whom it qualifies.
    tail = _NOTE.sub("", text[end:c_end]) if _NOTE_OPEN.match(after) else after
    if metric and compare and (_CONDITION_AFTER.match(tail) or _CONDITION_BEFORE.search(before)):
        return AmountRole.THRESHOLD, f"条件：{metric}{compare.strip()}…的"
    if metric and compare and (m := _REQUIREMENT.search(sentence_before + before)):
        return AmountRole.THRESHOLD, f"条件：{m.group(0)}…{metric}{compare.strip()}"
    if metric and compare and _BOUND.search(compare) and not _PAST.search(before):
        return AmountRole.THRESHOLD, f"条件：{metric}{compare.strip()}"
    if metric and _REQUIRED_AT.search(before):
        return AmountRole.THRESHOLD, f"条件：{metric}{before.strip()[-4:]}"
    if re.search(r"其中", before) and (m := re.search(r"基金|资金", sentence_before + before)):
        return AmountRole.FUND, f"资金规模：其中（{m.group(0)}）"
    if re.search(r"首期(?:规模|出资|募集|到位)?\s*$", before) and re.search(r"基金", sentence_before + before):
        return AmountRole.FUND, "资金规模：基金首期"
    if m := _FUND_BEFORE.search(before):
        if not _GRANT_VERB.search(before[m.end():]):
            return AmountRole.FUND, f"资金规模：{m.group(0).strip()[:12]}"
    if (m := _YEARLY_BUDGET.search(before)) and not _PER_RECIPIENT.search(before) \
            and not _RECIPIENT_BEFORE.search(before[: m.start()]):
        return AmountRole.FUND, f"资金规模：{m.group(0).strip()[:12]}（年度总额）"
    if _SEED_MONEY_AFTER.match(after):
        return AmountRole.SUPPORT, "支持：启动资金"
    if (m := _FUND_AFTER.match(after)) and not _SUPPORT_STRONG.search(before):
        return AmountRole.FUND, f"资金规模：{m.group(0).strip()[-8:]}"
    if cue := _hit(_SUPPORT_STRONG, before) or _hit(_SUPPORT_AFTER, after, last=False):
        if not _PAST.search(before) or re.search(r"最高|不超过|上限|每", before):
            return AmountRole.SUPPORT, f"支持：{cue.strip()[-8:]}"
    if (m := _PER_RECIPIENT.search(before)) and not _PAST.search(before):
        return AmountRole.SUPPORT, f"支持：{m.group(0)}"
    if m := _PRICE.search(before):
        return AmountRole.STATISTIC, f"价格：{m.group(0)}"
    if m := _SIZE_OF.match(after):
        return AmountRole.STATISTIC, f"统计：…{m.group(0).strip()}"
    if (m := _COST_BEFORE.search(before)) and not _SUPPORT_WEAK.search(before):
        return AmountRole.STATISTIC, f"统计：{m.group(0)[:6]}"
    if cue := _hit(_STATISTIC, before) or _hit(_STATISTIC, after, last=False):
        return AmountRole.STATISTIC, f"统计：{cue}"
    if cue := _hit(_SUPPORT_WEAK, before) or _hit(_SUPPORT_WEAK, after, last=False):
        return AmountRole.SUPPORT, f"支持：{cue}"
    if cue := _hit(_FUND_BEFORE, sentence_before):
        return AmountRole.FUND, f"句中：{cue.strip()[:12]}"
    if cue := _hit(_SUPPORT_STRONG, sentence_before):
        return AmountRole.SUPPORT, f"句中：{cue}"
    if cue := _hit(_STATISTIC, sentence_before):
        return AmountRole.STATISTIC, f"句中：{cue}"
    return AmountRole.UNKNOWN, "无法判断：句中没有给予、基金、条件或统计的词"
