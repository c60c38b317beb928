"""Quantified goals written in Korean, Japanese and the European and Asian languages foreign
reports use: "2028년까지 30개 이상의 OPC 커뮤니티를 조성", "2028年までにOPCコミュニティを30か所以上",
"D'ici 2028, la zone espère accueillir plus de 1 000 OPC", "К 2027 году … более 800 OPC",
"ภายในปี 2570 (Buddhist era: 2027) จะมี OPC มากกว่า 1,500 ราย". The metric is given in Chinese
(OPC社区, 人才), as the rest of the product names it, through a small glossary of the nouns these
goals count; a bare "OPC" counts OPC companies.

Hand-written: no library extracts goal statements; the glossary is the domain's handful of nouns.
Used by :mod:`parsers.targets`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from parsers.schema import Comparator, Target

__all__ = ["foreign_targets"]

_GLOSSARY = {
    "커뮤니티": "社区", "기업": "企业", "인재": "人才", "플랫폼": "平台", "공간": "空间", "프로젝트": "项目",
    "창업자": "创业者", "신규": "新增", "コミュニティ": "社区", "企業": "企业", "人材": "人才", "プラットフォーム": "平台",
    "拠点": "基地", "プロジェクト": "项目", "起業家": "创业者", "新規": "新增",
}
_KO_SENTENCE = re.compile(r"[^.!?\n]*?(?P<year>(?:19|20)\d{2})년\s?(?:말)?까지[^.!?\n]*")
_KO_COUNT = re.compile(
    r"(?P<n>\d+(?:[.,]\d+)?)\s*(?P<scale>천|만)?\s*(?:개|명|곳|개사|가지)\s*(?P<cmp>이상|이하|가량|정도)?\s*의?\s+"
    r"(?P<metric>(?:(?:신규|OPC|AI)\s*)*[가-힣]+)"
)
# Japanese papers shorten the year: "27年までに" is 2027.
_JA_SENTENCE = re.compile(r"[^。！？\n]*?(?<!\d)(?P<year>(?:19|20)?\d{2})年(?:まで|末まで)に[^。！？\n]*")
_JA_COUNT = re.compile(
    r"(?P<metric>(?:新規|OPC|AI)*[\u30a0-\u30ffA-Za-z\u4e00-\u9fff]{1,12}?)(?:を|が)\s*(?P<n>\d+(?:[.,]\d+)?)\s*(?P<scale>千|万)?\s*"
    r"(?:か所|カ所|ヶ所|社|人|件|個|拠点)\s*(?P<cmp>以上|超|程度)?"
)
# Korean also puts the noun first: "OPC 1,000개 이상을 유치하고 커뮤니티 5곳을 조성".
_KO_COUNT_AFTER_NOUN = re.compile(
    r"(?P<metric>(?:OPC\s*)?(?:[가-힣]{2,8})|OPC|AI)\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s*(?P<scale>천|만)?\s*(?:개|명|곳|개사)\s*"
    r"(?P<cmp>이상|이하|가량|정도)?"
)
# Money goals: "2028년까지 관련 산업 규모를 50억 위안으로", "AI 핵심 산업 규모를 1,000억 위안으로 키우겠다",
# "2027年までに産業規模を100億元に".
_KO_MONEY = re.compile(
    r"(?P<metric>(?:(?:AI|OPC|인공지능|핵심|관련|디지털\s*경제|디지털)\s*)*(?:산업|매출|생산액|영업\s*수익|거래액)\s*(?:규모)?)"
    r"\s*(?:를|을|이|가|은|는)?\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<scale>조|억|만)\s*위안\s*(?P<cmp>이상|가량|정도)?"
)
_JA_MONEY = re.compile(
    r"(?P<metric>(?:AI|OPC|人工知能|中核|関連|関连|デジタル経済)*(?:産業|产业|売上高?|生産額|取引額)(?:の?(?:規模|规模))?)"
    r"\s*(?:を|が|は)\s*(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<scale>兆|億|亿|万)\s*(?:人民)?元"
    r"\s*(?:[（(][^（）()]{0,40}[）)])?\s*(?P<cmp>以上|超|程度)?"  # "100億元（約2,100億円）超"
)
_MONEY_WORDS = {"AI": "人工智能", "인공지능": "人工智能", "人工知能": "人工智能", "핵심": "核心", "中核": "核心",
                "디지털경제": "数字经济", "디지털": "数字经济", "영업수익": "营业收入", "デジタル経済": "数字经济", "산업": "产业", "産業": "产业",
                "매출": "营收", "売上": "营收", "売上高": "营收", "생산액": "产值", "生産額": "产值",
                "거래액": "交易额", "取引額": "交易额", "규모": "规模", "規模": "规模", "产业": "产业", "规模": "规模"}
_SCALES = {"천": 1000, "만": 10_000, "千": 1000, "万": 10_000, "억": 100_000_000, "億": 100_000_000,
           "조": 1_000_000_000_000, "兆": 1_000_000_000_000, "亿": 100_000_000}
_CMP = {"이상": Comparator.GE, "以上": Comparator.GE, "超": Comparator.GT, "초과": Comparator.GT, "가량": Comparator.APPROX,
        "정도": Comparator.APPROX, "程度": Comparator.APPROX}


def _full_year(year: str) -> int:
    return int(year) + 2000 if len(year) == 2 else int(year)


def _translate(metric: str) -> str | None:
    """The metric in Chinese, or None when its head noun is not in the glossary."""
    words = re.findall(r"OPC|AI|[가-힣]+|[\u30a0-\u30ff]+|[\u4e00-\u9fff]+", metric)
    out = []
    for word in words:
        head = next((cn for ko, cn in _GLOSSARY.items() if word.startswith(ko) or word.endswith(ko)), None)
        if word in ("OPC", "AI"):
            out.append(word)
        elif head:
            out.append(head)
    if out == ["OPC"]:
        return "OPC企业"  # "OPCを3,000社", "OPC 1,000개": OPC companies
    return "".join(out) if out and out[-1] not in ("OPC", "AI", "新增") else None


def _read(sentence_re: re.Pattern[str], count_re: re.Pattern[str], text: str) -> list[Target]:
    targets: list[Target] = []
    for sm in sentence_re.finditer(text):
        year, sentence = _full_year(sm.group("year")), sm.group(0)
        for m in count_re.finditer(sentence):
            metric = _translate(m.group("metric"))
            if metric is None:
                continue
            value = Decimal(m.group("n").replace(",", "")) * _SCALES.get(m.group("scale") or "", 1)
            targets.append(Target(year=year, metric=metric, value=value,
                                  comparator=_CMP.get(m.group("cmp") or "", Comparator.EQ), phrase=m.group(0).strip()))
    return targets


# European, Vietnamese, Indonesian, Thai, Russian and Turkish sentences: a year marker, then counts.
_YEAR_MARK = re.compile(
    r"(?:\b(?:by|d['’]ici(?: à)?|para|hasta|até|bis|entro(?: il)?|đến năm|vào năm|pada(?: akhir| tahun)?|akhir|tegen|"
    r"do końca|[Кк](?: концу)?)\s+"
    r"(?:(?:o|a|la|le|el|the)\s+)?(?:(?:fim|fin|finales|final|end|Ende|fine|eind|einde)\s+(?:de|del|do|of|des|dell['’])?\s*)?"
    r"(?P<y1>(?:19|20)\d{2})|ภายในปี\s*(?P<be>25\d{2})|(?P<y2>(?:19|20)\d{2})['’]?(?:y[ae]|[ae]) kadar)",
    re.IGNORECASE,
)
_WORLD_CMP = {
    "more than": Comparator.GT, "over": Comparator.GT, "plus de": Comparator.GT, "más de": Comparator.GT,
    "mais de": Comparator.GT, "mehr als": Comparator.GT, "über": Comparator.GT, "oltre": Comparator.GT, "hơn": Comparator.GT,
    "lebih dari": Comparator.GT, "มากกว่า": Comparator.GT, "более": Comparator.GT, "свыше": Comparator.GT,
    "at least": Comparator.GE, "au moins": Comparator.GE, "al menos": Comparator.GE, "ao menos": Comparator.GE,
    "pelo menos": Comparator.GE, "mindestens": Comparator.GE, "almeno": Comparator.GE, "ít nhất": Comparator.GE,
    "sedikitnya": Comparator.GE, "minimal": Comparator.GE, "ไม่น้อยกว่า": Comparator.GE, "не менее": Comparator.GE,
    "en az": Comparator.GE, "co najmniej": Comparator.GE, "ponad": Comparator.GT, "powyżej": Comparator.GT,
    "minstens": Comparator.GE, "ruim": Comparator.GT, "about": Comparator.APPROX, "environ": Comparator.APPROX, "unos": Comparator.APPROX,
    "cerca de": Comparator.APPROX, "etwa": Comparator.APPROX, "circa": Comparator.APPROX, "khoảng": Comparator.APPROX,
    "sekitar": Comparator.APPROX, "около": Comparator.APPROX, "yaklaşık": Comparator.APPROX,
}
_WORLD_NOUNS = {
    "超级个体": r"super[- ]?individu\w*|superindividu\w*|siêu cá nhân",
    "社区": r"Communitys|communit\w*|communaut\w*|comunidad\w*|comunidade\w*|Communit\w*|Gemeinschaft\w*|comunità|cộng đồng|"
            r"komunitas|сообществ\w*|topluluk\w*|ชุมชน|społecznoś\w*|gemeenschap\w*",
    "人才": r"talent\w*|Talent\w*|talenti|nhân tài|talenta|талант\w*|специалист\w*|yetenek\w*",
    "企业": r"compan(?:y|ies)|entreprises?|empresas?|Unternehmen|aziende|imprese|doanh nghiệp|perusahaan|компани\w*|"
            r"şirket\w*|บริษัท",
    "工厂": r"factor(?:y|ies)|usines?|fábricas?|Fabriken|fabbriche|nhà máy|pabrik|завод\w*|fabrika\w*|โรงงาน",
    "创业者": r"entrepreneurs?|emprendedores|empreendedores|Gründer\w*|imprenditori|nhà khởi nghiệp|pengusaha|"
              r"предпринимател\w*|girişimci\w*|ผู้ประกอบการ",
    "OPC": r"OPCs?|one-person compan(?:y|ies)|entreprises? d['’]une (?:seule )?personne|empresas? de una persona",
}
# "15 OPC-Communitys", "30 OPC-сообществ": the noun with OPC joined by a hyphen.
_WORLD_NOUN_RE = "|".join(f"(?:OPC-)?(?P<n{i}>{words})" for i, words in enumerate(_WORLD_NOUNS.values()))
_WORLD_COUNT = re.compile(
    rf"(?:(?P<cmp>{'|'.join(sorted(_WORLD_CMP, key=len, reverse=True))})\s+)?(?<![\d.,])"
    r"(?<!\d[ \u00a0\u202f'’])(?P<n>\d{1,3}(?:[ \u00a0\u202f.,'’]\d{3})+|\d+)(?![\d.,'’]\d)\s+"
    r"(?:(?P<wscale>тыс\.|тысяч|thousand|Tausend|mille|nghìn|ngàn|ribu|bin)\s+)?"  # "свыше 20 тыс. предпринимателей"
    rf"(?:[^\s\d.,;]+\s+){{0,2}}?(?:{_WORLD_NOUN_RE})",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<!\d r)(?<!\d\sr)(?<!тыс)[.!?。\n](?!\d)")  # "do końca 2027 r.", "20 тыс." go on
# A goal "within three years" has no year of its own.
_RELATIVE_YEARS = re.compile(
    r"\b(?:within|in|en|em|dalam|trong|innerhalb von|in den nächsten|за|w ciągu)\s+(?:the next\s+)?"
    r"(?:two|three|four|five|deux|trois|quatre|cinq|dois|três|drei|vier|fünf|ba|hai|tiga|dua|dwóch|trzech|\d)\s+"
    r"(?:years|ans|anos|años|Jahren|năm|tahun|года|лет|lat)\b",
    re.IGNORECASE,
)


# Thai puts the noun first: "OPC มากกว่า 1,500 ราย", "ผู้ประกอบการจากฮ่องกงไม่น้อยกว่า 300 ราย".
_NOUN_FIRST = re.compile(
    rf"(?:{_WORLD_NOUN_RE})[^\d.;]{{0,24}}?(?P<cmp>มากกว่า|ไม่น้อยกว่า|กว่า)?\s*(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+)\s*(?:ราย|แห่ง|คน)",
    re.IGNORECASE,
)


_ENGLISH = re.compile(r"\b(?:the|and|of|will|with|by|to|aims?)\b", re.IGNORECASE)


def _world(text: str) -> list[Target]:
    """Counts in a sentence with a year marker; each takes the nearest marker before it, else the first after."""
    targets: list[Target] = []
    names = list(_WORLD_NOUNS)
    start = 0
    for stop in [*(m.start() for m in _SENTENCE_END.finditer(text)), len(text)]:
        sentence, start = text[start:stop], stop + 1
        marks = [(m.start(), int(m.group("y1") or m.group("y2") or int(m.group("be")) - 543))  # Thai Buddhist era
                 for m in _YEAR_MARK.finditer(sentence)]
        if not marks or len(_ENGLISH.findall(sentence)) >= 2:
            continue  # English sentences have their own reader (parsers.targets_english)
        for form in (_WORLD_COUNT, _NOUN_FIRST):
            for m in form.finditer(sentence):
                if any(at <= m.start("n") <= at + 16 and str(y) in m.group("n") or m.group("n") == str(y + 543)
                       for at, y in marks):
                    continue  # the year of the marker itself
                after_count = [y for at, y in marks if at >= m.end()]
                following = next(iter(_WORLD_COUNT.finditer(sentence, m.end())), None)
                before = [y for at, y in marks if at <= m.start("n")]
                if after_count and (following is None or next(at for at, _ in marks if at >= m.end()) < following.start()):
                    year: int | None = after_count[0]  # "criar 30 comunidades até o fim de 2026"
                else:
                    year = before[-1] if before else marks[0][1]
                if _RELATIVE_YEARS.match(sentence, m.end(), m.end() + 40) or _RELATIVE_YEARS.search(
                        sentence[m.end() : m.end() + 40]):
                    year = None  # "5.000 talenta AI dalam tiga tahun"
                noun = next(names[i] for i in range(len(names)) if m.group(f"n{i}"))
                opc = "OPC" in m.group(0) or "OPC" in sentence[m.end() : m.end() + 5]  # "6 komunitas OPC"
                metric = "OPC社区" if noun == "社区" and opc else "OPC企业" if noun == "OPC" else noun
                cmp = (m.group("cmp") or "").lower()
                scale = 1000 if m.groupdict().get("wscale") else 1
                targets.append(Target(year=year, metric=metric, value=Decimal(re.sub(r"[ \u00a0\u202f.,'’]", "", m.group("n"))) * scale,
                                      comparator=_WORLD_CMP.get(cmp, Comparator.GT if cmp == "กว่า" else Comparator.EQ),
                                      phrase=m.group(0).strip()))
    return targets


_MONEY_WORD_RE = re.compile("|".join(sorted(map(re.escape, _MONEY_WORDS), key=len, reverse=True)))
_GOAL_YEAR = re.compile(r"(?<!\d)((?:19|20)?\d{2})(?:년\s?(?:말)?까지|年(?:末)?までに)")


def _money(sentence_re: re.Pattern[str], money_re: re.Pattern[str], text: str) -> list[Target]:
    """Money-valued goals, in the year named last before them; the metric in Chinese (관련 / 関連,
    "related", is dropped: 产业规模)."""
    targets: list[Target] = []
    for sm in sentence_re.finditer(text):
        sentence = sm.group(0)
        for m in money_re.finditer(sentence):
            years = _GOAL_YEAR.findall(sentence[: m.start()])
            words = _MONEY_WORD_RE.findall(re.sub(r"\s", "", m.group("metric")))
            metric = "".join(_MONEY_WORDS[w] for w in words)
            value = Decimal(m.group("n").replace(",", "")) * _SCALES[m.group("scale")]
            targets.append(Target(year=_full_year(years[-1]) if years else _full_year(sm.group("year")),
                                  metric=metric if metric.endswith(("规模", "营收", "产值", "收入", "交易额")) else metric + "规模",
                                  value=value, comparator=_CMP.get(m.group("cmp") or "", Comparator.EQ), unit="yuan",
                                  phrase=m.group(0).strip()))
    return targets


def foreign_targets(text: str) -> list[Target]:
    """Goals with a year in Korean ("…년까지"), Japanese ("…年までに") and other languages' sentences."""
    found: list[Target] = []
    if re.search(r"년\s?(?:말)?까지", text):
        found += _read(_KO_SENTENCE, _KO_COUNT, text) + _read(_KO_SENTENCE, _KO_COUNT_AFTER_NOUN, text)
        found += _money(_KO_SENTENCE, _KO_MONEY, text)
    if "までに" in text:
        found += _read(_JA_SENTENCE, _JA_COUNT, text) + _money(_JA_SENTENCE, _JA_MONEY, text)
    if re.search(r"[A-Za-z\u0400-\u04ff\u0e00-\u0e7f]{3}", text):
        found += _world(text)
    return found
