"""The words around a number in a policy text: qualifier, purpose and period of an amount.

"最高给予2000万元股权投资" → up to, equity investment; "单家企业每年不超过800万元" → up to, per
company per year. Hand-written: these are conventions of Chinese policy prose that no library
models. Used by :mod:`parsers.amounts`.
"""

from __future__ import annotations

import re

from parsers.schema import Purpose, Qualifier

__all__ = ["qualifier_of", "purpose_of", "period_of", "round_figure_qualifier"]

# Qualifier words; the one nearest the number wins ("规模超过2000亿元" -> at least).
_QUALIFIER_WORDS = [
    # 可提高至 / 可提高到: a cap that may be raised is still a cap.
    # "Less than" is a bound too: 不到 / 不足 / 低于 (not 不低于) / < ("试错成本通常<1万元").
    (re.compile(r"最高|不超过|不超過|不高于|高达|高達|上限|最多|封顶|至多|可(?:适当)?(?:提高|提升|上调|放宽|增加|扩大)(?:到|至)"
                r"|不到|不足|(?<!不)低于|[<＜≤≦]"),
     Qualifier.UP_TO),
    # 最低限额 / 下限: a floor ("注册资本最低限额10万元").
    (re.compile(r"不低于|不少于|超过|超過|突破|首破|逾|超|最低|下限|(?<![通经超不])过[“\"]?"), Qualifier.AT_LEAST),
    # 安排 (a budget is allotted: "每年安排5000万元专项资金") states a pool, like 设立 a fund.
    # 产业规模 (an industry's size, 带动上下游产业规模800亿元) is a plain figure, not a pool.
    (re.compile(r"总规模|(?<!产业)(?<!行业)(?<!市场)(?<!经济)(?<!产业链)(?<!集群)规模|总额|总投资|总产值|总收入|总值|设立|总计|合计|累计|安排"), Qualifier.TOTAL),
    (re.compile(r"大约|将近|接近|约|約|近"), Qualifier.APPROX),
    # Other languages, right before the number: "up to 2 million yuan", "jusqu'à 80 millions de
    # yuans", "hasta el 80 %", "tới 80%", "최대 1억 위안", "over 200 billion yuan", "unos 600 millones".
    (re.compile(r"(?:\bup to|\bas much as|\bno more than|\bnot (?:to )?exceed(?:ing)?|\ba maximum of|\bcapped at|\bceiling of|"
                r"jusqu['’]à|plafonnée?s? à|pouvant atteindre|au maximum|un maximum de|hasta(?: el| un)?|un máximo de|"
                r"\baté|bis zu|maximal|höchstens|fino a|lên tới|lên đến|tối đa|\btới|최대|최고|hingga|sampai|maksimal|en fazla|"
                r"สูงสุด|ไม่เกิน|не более|до|up to|最大|한도는?|上限は?|限度額?は?|plafond de|dans la limite de|à hauteur de|"
                r"limité à|límite de|Obergrenze von|(?:höchstens|maximal)(?:\s+(?:jedoch|aber))?|at most|a cap of|the cap (?:for [^,.;]{0,30})?is|"
                r"cap(?:ped)? (?:of|at)|ceiling of|limitad[oa] a|até|paling banyak|maksimum|maksymalnie|do|maximaal|ten hoogste|"
                r"plafond van|tot|below|under|less than|w wysokości do|"
                # A cap that may be raised: "can be raised to", "may be increased to".
                r"(?:can|may|could|might)\s+(?:also\s+)?be\s+(?:raised|increased|lifted|extended|expanded|topped up)\s+(?:up\s+)?to"
                r")\s*$", re.IGNORECASE), Qualifier.UP_TO),
    (re.compile(r"(?:superiores? a|superaron(?: los| las)?|superó(?: los| las)?|ultrapassarem(?: os)?|supereranno(?: i)?|"
                r"superano(?: i)?|übersteigen|überschreiten|\bover|\bmore than|\bat least|(?<!not )\bexceed(?:ed|ing|s)?|superen(?: los| las)?|superan(?: los)?|supera(?: os)?|ultrapassem?(?: os)?|(?<!not to )\bsurpass(?:ing|es)?|(?<!not )\bexceed|plus de|au moins|más de|al menos|mais de|"
                r"mehr als|über|mindestens|oltre|hơn|\btrên|ít nhất|lebih dari|minimal|en az|มากกว่า|กว่า|свыше|более|"
                r"не менее|above|pass(?:es)?|hit|acima de|di atas|melebihi|lebih daripada|meer dan|co najmniej|przekraczają|"
                r"przekracza|powyżej|dépasse\w*|supérieur à)\s*$", re.IGNORECASE), Qualifier.AT_LEAST),
    (re.compile(r"(?:\bknapp|rondaría(?: los| las)?|rondan?(?: los| las)?|\babout|\bapproximately|\bnearly|\baround|\broughly|environ|près de|quelque|unos|unas|"
                r"alrededor de|cerca de|aproximadamente|casi|\brund|\betwa|\bca\.|circa|khoảng|\bgần|chừng|약|sekitar|"
                r"kurang lebih|yaklaşık|ประมาณ|около|примерно|почти|約|およそ|~|zo['’]n|ongeveer|ok\.|około|sekitar|lebih kurang)\s*$",
                re.IGNORECASE), Qualifier.APPROX),
    (re.compile(r"(?:\ba total of|\bin total|montant total de|au total|un total de|insgesamt|tổng cộng|tổng|총|"
                r"senilai total|total|toplam|รวม|общим объ[её]мом|объ[её]мом|総額|a pool of|pool of|in totaal|wynosi|"
                r"mencapai|bernilai)\s*$",
                re.IGNORECASE), Qualifier.TOTAL),
]
_QUALIFIER_AFTER = [
    (re.compile(r"^\s*(?:以上|及以上|이상|초과|을 넘|를 넘|を超え(?!ない)|超え(?!ない)|or more\b|and above\b|et plus\b|o más\b|"
                r"ve üzeri\b|trở lên\b)"),
     Qualifier.AT_LEAST),
    (re.compile(r"^\s*(?:左右|上下|가량|정도|내외)"), Qualifier.APPROX),
    (re.compile(r"^\s*(?:以内|以下|封顶|이하|이내|미만|未満|까지|at most\b|を上限|を超えない)"), Qualifier.UP_TO),
    # A fund's size, in Chinese or English ("设立10亿元基金", "a 500-million-yuan angel fund").
    (re.compile(r"^[^。；;，,]{0,12}(?:基金|基金群)|^[-\sA-Za-z]{0,24}\bfunds?\b", re.IGNORECASE), Qualifier.TOTAL),
]
# Specific purposes (what the money is for) beat generic ones (补贴/奖励: how it is given).
_SPECIFIC_PURPOSES = [
    (re.compile(r"算力券|算力"), Purpose.COMPUTE),
    (re.compile(r"基金"), Purpose.FUND),
    (re.compile(r"股权投资|股权|投资入股|直投|天使投"), Purpose.EQUITY),
    (re.compile(r"贷款|贴息|信贷|授信|担保|创业贷"), Purpose.LOAN),
    (re.compile(r"房租|租金|租赁|租房|场地|办公用房|工位|住房|安居"), Purpose.RENT),
    (re.compile(r"数据券|数据产品|数据交易|数据开发|公共数据|数据资源|数据要素|购买数据"), Purpose.DATA),
    # English summaries name the same instruments.
    (re.compile(r"\bcomput(?:e|ing)(?:[- ]power)? vouchers?\b", re.IGNORECASE), Purpose.COMPUTE),
    (re.compile(r"\bfunds?\b", re.IGNORECASE), Purpose.FUND),
    (re.compile(r"\bequity\b|\bangel investment\b", re.IGNORECASE), Purpose.EQUITY),
    (re.compile(r"\bloans?\b", re.IGNORECASE), Purpose.LOAN),
]
_GENERIC_PURPOSES = [
    (re.compile(r"奖励|奖金|奖补|奖"), Purpose.AWARD),
    (re.compile(r"补贴|补助|资助|支持|扶持|补"), Purpose.SUBSIDY),
    (re.compile(r"\b(?:prizes?|awards?|rewards?|bonus(?:es)?)\b", re.IGNORECASE), Purpose.AWARD),
    (re.compile(r"\b(?:subsid(?:y|ies)|allowances?|grants?)\b", re.IGNORECASE), Purpose.SUBSIDY),
]
_PERIOD_RE = re.compile(
    r"每人每月|每人每年|每家每年|每户每年|单个主体每年|单个项目每年|单家企业每年|单个企业每年|"
    r"单个主体|单个项目|单家企业|单个企业|单户|单项|每个项目|每项|每家|每户|每人|每年|每月|每季度|"
    r"一次性|/月|/年|/人"
)
# Rent support is priced per square metre and period ("每平方米每月不超过50元"): one unit.
_AREA_PERIOD_RE = re.compile(r"每平方米每(?:天|日|月|年)|每平方米")
# English: "200,000 yuan a year", "3,000 yuan per month".
_EN_PERIOD_RE = re.compile(r"^\s*(?:a|per|each)\s+(year|month)\b", re.IGNORECASE)


_BRACKETED = re.compile(r"^\s*[（(][^（）()]{0,40}[）)]")


# "a maximum award of", "the maximum one-off subsidy is", "une aide maximale de": maximum names
# the cap before its noun, so it can stand further from the figure than the words above.
_MAXIMUM_BEFORE = re.compile(
    r"(?:\bmax(?:imum|\.)(?:\s+[\w'’-]+){0,4}?\s+(?:of|is|at|will be|amounts? to|reaches|stands at)"
    r"|\b(?:maximale?s?|máxim[oa]s?|massim[oa]|maximal(?:e|en)?)\s+(?:de|di|da|do|von)(?:\s+(?:la|le|el|los|las|il|lo))?)\s*$",
    re.IGNORECASE,
)


def qualifier_of(before: str, after: str) -> Qualifier:
    """The qualifier of an amount from the text before it (nearest word wins) and after it."""
    if before.endswith("上"):  # 上亿元 / 上千万: "upwards of"
        return Qualifier.AT_LEAST
    if _MAXIMUM_BEFORE.search(before[-80:]):
        return Qualifier.UP_TO
    # A conversion in brackets between the amount and its qualifier: "2천300억 위안(47조…원) 이상".
    after = _BRACKETED.sub("", after, count=1)
    for pattern, qualifier in _QUALIFIER_AFTER[:3]:
        if pattern.search(after):
            return qualifier
    best: tuple[int, Qualifier] | None = None
    window = before[-24:]
    for pattern, qualifier in _QUALIFIER_WORDS:
        for hit in pattern.finditer(window):
            if best is None or hit.end() > best[0]:
                best = (hit.end(), qualifier)
    if best is not None:
        return best[1]
    if _QUALIFIER_AFTER[3][0].search(after):
        return Qualifier.TOTAL
    return Qualifier.EXACT


def round_figure_qualifier(figure: str, qualifier: Qualifier) -> Qualifier:
    """The qualifier a round figure's own words give: 400多万美元, 421万余元, 三十多万 are at
    least; 一千来万 is about."""
    if qualifier in (Qualifier.EXACT, Qualifier.TOTAL) and re.search(r"[\d十百千万萬亿億]\s*[多余]", figure):
        return Qualifier.AT_LEAST
    if qualifier is Qualifier.EXACT and re.search(r"[十百千]来[万亿]", figure):
        return Qualifier.APPROX
    return qualifier


def _first(patterns: list[tuple[re.Pattern[str], Purpose]], text: str, nearest_end: bool) -> Purpose | None:
    """The purpose family found first in the list order, or the one matching nearest the end."""
    if not nearest_end:
        return next((purpose for pattern, purpose in patterns if pattern.search(text)), None)
    best: tuple[int, Purpose] | None = None
    for pattern, purpose in patterns:
        for hit in pattern.finditer(text):
            if best is None or hit.end() > best[0]:
                best = (hit.end(), purpose)
    return best[1] if best else None


# Statistics (产业规模, 产值, 估值 …) describe an economy, not a support measure: the purpose
# words of neighbouring clauses do not apply to them.
_STATISTIC_RE = re.compile(r"规模|产值|营收|收入|估值|融资|订单|营业额|交易额")


def purpose_of(clause: str, sentence_before: str) -> Purpose:
    """Specific purpose in the clause, else in the sentence before it (nearest), else generic."""
    if _STATISTIC_RE.search(clause) and not _first(_SPECIFIC_PURPOSES, clause, False):
        sentence_before = ""
    return (
        _first(_SPECIFIC_PURPOSES, clause, False)
        or _first(_SPECIFIC_PURPOSES, sentence_before, True)
        or _first(_GENERIC_PURPOSES, clause, False)
        or _first(_GENERIC_PURPOSES, sentence_before, True)
        or Purpose.OTHER
    )


def period_of(before: str, after: str) -> str | None:
    """The unit or period an amount is given per (每人每月, 每年, 单项, 每平方米每月), or None."""
    head = re.match(r"\s*(/月|/年|/人|每月|每年)", after)
    if head:
        return head.group(1)
    english = _EN_PERIOD_RE.match(after)
    if english:
        return "每年" if english.group(1).lower() == "year" else "每月"
    area = _AREA_PERIOD_RE.findall(before)
    if area:
        return area[-1]
    hits = _PERIOD_RE.findall(before)
    return hits[-1] if hits else None
