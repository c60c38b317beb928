"""Quantified goals written in Korean and Japanese: "2028년까지 30개 이상의 OPC 커뮤니티를 조성",
"2029년까지 50개의 인공지능 기업을 유치", "2028年までにOPCコミュニティを30か所以上",
"年内に企業800社以上を誘致" (年内に: the page's year, like 年内 in Chinese). The metric is given in
Chinese (OPC社区, 人工智能企业) through a glossary of the nouns these goals count.

A Korean noun phrase puts its head noun last, before the object particle (공공 연구 센터를): the
head decides whether the goal is read, the modifiers the glossary knows are kept. Japanese text
often reaches the reader already converted to simplified characters (企業 → 企业), so every
glossary lookup is made on the simplified form of both the key and the word.

Hand-written: no library extracts goal statements. Used by :mod:`parsers.targets_foreign`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from parsers.normalize import to_simplified
from parsers.schema import Comparator, Target

__all__ = ["cjk_targets", "has_cjk_goal"]

# Head nouns: what a goal counts.
_HEADS = {
    "커뮤니티": "社区", "기업": "企业", "인재": "人才", "플랫폼": "平台", "공간": "空间", "프로젝트": "项目",
    "창업자": "创业者", "센터": "中心", "팀": "团队", "기관": "机构", "스타트업": "初创企业", "인큐베이터": "孵化器",
    "연구소": "研究所", "기지": "基地", "단지": "园区", "클러스터": "集群", "일자리": "就业岗位", "전문가": "专家",
    "인력": "人才", "모델": "模型", "데이터셋": "数据集", "시나리오": "场景", "펀드": "基金", "회사": "企业",
    "지표": "指标",
    "コミュニティ": "社区", "企業": "企业", "人材": "人才", "プラットフォーム": "平台", "拠点": "基地", "プロジェクト": "项目",
    "起業家": "创业者", "センター": "中心", "チーム": "团队", "機関": "机构", "スタートアップ": "初创企业",
    "インキュベーター": "孵化器", "研究所": "研究所", "会社": "企业", "専門家": "专家", "モデル": "模型",
    "データセット": "数据集", "シナリオ": "场景", "基地": "基地",
}
# Modifiers kept before the head when known (others are dropped: the head alone is the metric).
_MODIFIERS = {
    "신규": "新增", "인공지능": "人工智能", "연구": "研究", "공공": "公共", "혁신": "创新", "창업": "创业", "데이터": "数据",
    "금융": "金融", "전문": "专业", "협력": "合作", "핵심": "核心", "육성": "培育", "산업": "产业", "기술": "技术", "新規": "新增", "人工知能": "人工智能", "研究": "研究", "公共": "公共",
    "革新": "创新", "金融": "金融", "専門": "专业", "協力": "合作",
    "인큐베이션": "孵化", "중개": "中介", "서비스": "服务", "インキュベーション": "孵化", "仲介": "中介", "サービス": "服务",
}


@lru_cache(maxsize=4096)
def _simple(word: str) -> str:
    return to_simplified(word)[0]


_HEAD_KEYS = {_simple(k): v for k, v in _HEADS.items()}
_MODIFIER_KEYS = {_simple(k): v for k, v in _MODIFIERS.items()}


def _both(*words: str) -> str:
    """A regex alternation of words in their written and simplified forms (企業|企业)."""
    forms = {form for w in words for form in (w, _simple(w))}
    return "|".join(sorted(map(re.escape, forms), key=len, reverse=True))


def _head(word: str) -> str | None:
    """The Chinese of a head noun: the word itself or a compound ending in it (연구센터); a
    one-syllable key (팀) only as the whole word, else 스팀 would be a team."""
    word = _simple(word)
    for key, cn in _HEAD_KEYS.items():
        if word == key or (len(key) > 1 and (word.endswith(key) or word.startswith(key))):
            return cn
    return None


_PARTICLE = re.compile(r"(?<=[가-힣A-Za-z])(?:을|를)$")
_PREFIXES = ("OPC", "AI", "신규")


def _translate(metric: str) -> str | None:
    """The metric in Chinese, or None when its head noun is not in the glossary. The head is the
    last known noun up to the object particle (50개의 인공지능 기업을 → 人工智能企业; 커뮤니티 조성을 →
    社区), else the first word after the prefixes (30개 이상의 OPC 커뮤니티 조성). A Japanese compound
    (研究センター) is read whole, its head last."""
    words = re.findall(r"OPC|AI|[가-힣A-Za-z]+|[\u30a0-\u30ff]+|[\u4e00-\u9fff]+", metric)
    marked = next((i for i, w in enumerate(words) if _PARTICLE.search(w) or (i and w in ("을", "를"))), None)
    if marked is not None:
        words = [w for w in (*words[:marked], _PARTICLE.sub("", words[marked])) if w not in ("을", "를")]
        known = [i for i, w in enumerate(words) if w not in _PREFIXES and _head(w)]
        if known:
            words = words[: known[-1] + 1]
    elif re.search(r"[가-힣]", metric):
        first = next((i for i, w in enumerate(words) if w not in _PREFIXES and not w.startswith("신규")), None)
        words = words[: first + 1] if first is not None else words
    if not words:
        return None
    if words[-1] == "OPC":
        return "OPC企业" if all(w in _PREFIXES for w in words) else None  # "OPCを3,000社", "OPC 1,000개": OPC companies
    out = []
    for word in words[:-1]:
        if word in ("OPC", "AI"):
            out.append(word)
        elif (mod := _MODIFIER_KEYS.get(_simple(word))) or (mod := _head(word)):
            out.append(mod)
    # A Japanese compound names its head last (新規企業 → 新增企业).
    last = _simple(words[-1])
    head = _head(last)
    if head is None:
        return None
    mod = next((cn for key, cn in _MODIFIER_KEYS.items() if last.startswith(key) and last != key), None)
    return "".join([*out, *([mod] if mod else []), head])


# A sentence with a goal year, or with 연내 / 올해 말까지 / 年内に (the page's year).
_KO_SENTENCE = re.compile(
    r"[^.!?\n]*?(?:(?P<year>(?:19|20)\d{2})년\s?(?:말)?(?:까지|(?:달성을|을)\s?목표로)|(?P<this>연내|올해\s?(?:말까지|안에|중에?|까지)))[^.!?\n]*")
_KO_COUNT = re.compile(
    r"(?P<n>\d+(?:[.,]\d+)?)\s*(?P<scale>천|만)?\s*(?:개|명|곳|개사|가지)\s*(?P<cmp>이상|이하|가량|정도)?\s*의?\s+"
    r"(?P<metric>(?:OPC|AI|[가-힣A-Za-z]+)(?:\s+(?:OPC|AI|[가-힣A-Za-z]+)){0,4})"
)
# Korean also puts the noun first: "OPC 1,000개 이상을 유치하고 커뮤니티 5곳을 조성".
_KO_COUNT_AFTER_NOUN = re.compile(
    r"(?P<metric>(?:OPC\s*)?(?:[가-힣]{2,8})|OPC|AI)\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s*(?P<scale>천|만)?\s*(?:개|명|곳|개사)\s*"
    r"(?P<cmp>이상|이하|가량|정도)?"
)
# Japanese papers shorten the year: "27年までに" is 2027.
_JA_SENTENCE = re.compile(
    r"[^。！？\n]*?(?:(?<!\d)(?P<year>(?:19|20)?\d{2})年(?:まで|末まで)に|(?P<this>年内に|今年中に|(?:今|本)年度中に|年内にも))[^。！？\n]*")
_PREFIX = _both("新規", "OPC", "AI")
_COUNTER = r"(?:か所|カ所|ヶ所|社|人|件|個|拠点)"
_JA_COUNT = re.compile(
    rf"(?P<metric>(?:{_PREFIX})*[\u30a0-\u30ffA-Za-z\u4e00-\u9fff]{{1,12}}?)(?:を|が)\s*(?P<n>\d+(?:[.,]\d+)?)\s*(?P<scale>千|万)?\s*"
    rf"{_COUNTER}\s*(?P<cmp>以上|超|程度)?"
)
# The noun, then its count: "企業800社以上を誘致", "新規企業500社以上を呼び込む", "人材1万人と企業300社を".
_JA_COUNT_NOUN_FIRST = re.compile(
    rf"(?P<metric>(?:{_PREFIX})*[\u30a0-\u30ffA-Za-z\u4e00-\u9fff]{{1,12}}?)\s*(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)\s*"
    rf"(?P<scale>千|万)?\s*{_COUNTER}\s*(?P<cmp>以上|超|程度)?(?=を|と|、|の(?:誘致|诱致|育成|創出|创出|集積|集积))"
)
# Money goals: "2028년까지 관련 산업 규모를 50억 위안으로", "2027年までに産業規模を100億元に".
_KO_MONEY = re.compile(
    r"(?P<metric>(?:(?:AI|OPC|인공지능|핵심|관련|디지털\s*경제|디지털)\s*)*(?:산업|매출|생산액|영업\s*수익|거래액)\s*(?:규모)?)"
    r"\s*(?:를|을|이|가|은|는)?\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<scale>조|억|만)\s*위안\s*(?P<cmp>이상|가량|정도)?"
)
_JA_MONEY = re.compile(
    rf"(?P<metric>(?:{_both('AI', 'OPC', '人工知能', '中核', '関連', 'デジタル経済')})*(?:{_both('産業', '売上高', '売上', '生産額', '取引額')})"
    rf"(?:の?(?:{_both('規模')}))?)"
    r"\s*(?:を|が|は)\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<scale>兆|億|亿|万)\s*(?:人民)?元"
    r"\s*(?:[（(][^（）()]{0,40}[）)])?\s*(?P<cmp>以上|超|程度)?"  # "100億元（約2,100億円）超"
)
_MONEY_WORDS = {"AI": "人工智能", "인공지능": "人工智能", "人工知能": "人工智能", "핵심": "核心", "中核": "核心",
                "디지털경제": "数字经济", "디지털": "数字经济", "영업수익": "营业收入", "デジタル経済": "数字经济", "산업": "产业", "産業": "产业",
                "매출": "营收", "売上": "营收", "売上高": "营收", "생산액": "产值", "生産額": "产值",
                "거래액": "交易额", "取引額": "交易额", "규모": "规模", "規模": "规模"}
_MONEY_KEYS = {_simple(k): v for k, v in _MONEY_WORDS.items()}
_MONEY_WORD_RE = re.compile("|".join(sorted(map(re.escape, _MONEY_KEYS), key=len, reverse=True)))
_SCALES = {"천": 1000, "만": 10_000, "千": 1000, "万": 10_000, "억": 100_000_000, "億": 100_000_000,
           "조": 1_000_000_000_000, "兆": 1_000_000_000_000, "亿": 100_000_000}
_CMP = {"이상": Comparator.GE, "以上": Comparator.GE, "超": Comparator.GT, "초과": Comparator.GT, "가량": Comparator.APPROX,
        "정도": Comparator.APPROX, "程度": Comparator.APPROX}


_MARKER = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)?\d{2})(?:년\s?(?:말)?(?:까지|(?:달성을|을)\s?목표로)|年(?:末)?までに)"
    r"|(?P<this>연내|올해\s?(?:말까지|안에|중|까지)|年内に|今年中に|年度中に)")


def _year(sm: re.Match[str], reference_year: int | None, at: int | None = None) -> int | None:
    """The goal year of a sentence, or of the count at offset ``at`` in it: the marker named last
    before it ("年内にOPC企業1000社以上を育成し、2028年までにコミュニティを10カ所に": 1000 this year,
    10 by 2028); 年内に / 연내 is the page's own year, or none when it is unknown."""
    marks = list(_MARKER.finditer(sm.group(0)))
    before = [mk for mk in marks if at is not None and mk.start() <= at]
    mark = before[-1] if before else marks[0] if marks else sm
    if mark.group("year") is None:
        return reference_year
    year = mark.group("year")
    return int(year) + 2000 if len(year) == 2 else int(year)


def _read(sentence_re: re.Pattern[str], count_re: re.Pattern[str], text: str, reference_year: int | None) -> list[Target]:
    targets: list[Target] = []
    for sm in sentence_re.finditer(text):
        sentence = sm.group(0)
        for m in count_re.finditer(sentence):
            metric = _translate(m.group("metric"))
            if metric is None:
                continue
            year = _year(sm, reference_year, m.start())
            value = Decimal(m.group("n").replace(",", "")) * _SCALES.get(m.group("scale") or "", 1)
            targets.append(Target(year=year, metric=metric, value=value,
                                  comparator=_CMP.get(m.group("cmp") or "", Comparator.EQ), phrase=m.group(0).strip()))
    return targets


def _money(sentence_re: re.Pattern[str], money_re: re.Pattern[str], text: str, reference_year: int | None) -> list[Target]:
    """Money-valued goals, in the year named last before them; the metric in Chinese (관련 / 関連,
    "related", is dropped: 产业规模)."""
    targets: list[Target] = []
    for sm in sentence_re.finditer(text):
        sentence = sm.group(0)
        for m in money_re.finditer(sentence):
            words = _MONEY_WORD_RE.findall(_simple(re.sub(r"\s", "", m.group("metric"))))
            metric = "".join(_MONEY_KEYS[w] for w in words)
            value = Decimal(m.group("n").replace(",", "")) * _SCALES[m.group("scale")]
            year = _year(sm, reference_year, m.start())
            targets.append(Target(year=year,
                                  metric=metric if metric.endswith(("规模", "营收", "产值", "收入", "交易额")) else metric + "规模",
                                  value=value, comparator=_CMP.get(m.group("cmp") or "", Comparator.EQ), unit="yuan",
                                  phrase=m.group(0).strip()))
    return targets


_KO_MARK = re.compile(r"년\s?(?:말)?(?:까지|(?:달성을|을)\s?목표로)|연내|올해\s?(?:말까지|안에|중|까지)")
# A sentence that builds on the goal sentence before it ("이를 토대로 …", "이를 바탕으로 …") keeps its year.
_KO_CONTINUED = re.compile(r"(?<=[.!?]\s)(?=\s*이를\s?(?:토대로|바탕으로|통해))")
# Computing power as a goal: "컴퓨팅 파워를 5천 PFlops로".
_KO_COMPUTE = re.compile(
    r"(?:컴퓨팅\s?파워|연산\s?능력|산력)\s*(?:를|을|이|가|은|는)?\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<scale>천|만)?\s*"
    r"(?P<unit>[EPT]FLOPS)", re.I)


def _continued(text: str) -> str:
    """``text`` with the goal year of a Korean sentence repeated at the head of a sentence that
    builds on it ("…2028년 달성을 목표로 … 계획이다. 이를 토대로 산업 규모를 …"), so that it is read too."""
    out: list[str] = []
    year: str | None = None
    for part in _KO_CONTINUED.split(text):
        if year and re.match(r"\s*이를", part) and not _KO_MARK.search(part.split(".")[0]):
            part = f"{year}년까지 " + part.lstrip()
        marks = [m.group("year") for m in _MARKER.finditer(part) if m.group("year")]
        year = marks[-1] if marks else None
        out.append(part)
    return "".join(out)


def _compute(text: str, reference_year: int | None) -> list[Target]:
    targets: list[Target] = []
    for sm in _KO_SENTENCE.finditer(text):
        for m in _KO_COMPUTE.finditer(sm.group(0)):
            value = Decimal(m.group("n").replace(",", "")) * _SCALES.get(m.group("scale") or "", 1)
            targets.append(Target(year=_year(sm, reference_year, m.start()), metric="算力", value=value,
                                  unit=m.group("unit").upper(), phrase=m.group(0).strip()))
    return targets
_JA_MARK = re.compile(r"までに|年内に|今年中に|年度中に")


def has_cjk_goal(text: str) -> bool:
    return bool(_KO_MARK.search(text) or _JA_MARK.search(text))


def cjk_targets(text: str, reference_year: int | None = None) -> list[Target]:
    """Goals in Korean ("…년까지", 연내) and Japanese ("…年までに", 年内に) sentences."""
    found: list[Target] = []
    if _KO_MARK.search(text):
        text = _continued(text)
        found += _read(_KO_SENTENCE, _KO_COUNT, text, reference_year) + _read(_KO_SENTENCE, _KO_COUNT_AFTER_NOUN, text, reference_year)
        found += _money(_KO_SENTENCE, _KO_MONEY, text, reference_year) + _compute(text, reference_year)
    if _JA_MARK.search(text):
        found += _read(_JA_SENTENCE, _JA_COUNT, text, reference_year)
        found += _read(_JA_SENTENCE, _JA_COUNT_NOUN_FIRST, text, reference_year)
        found += _money(_JA_SENTENCE, _JA_MONEY, text, reference_year)
    return found
