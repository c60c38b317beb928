"""Quantified goals written in the European and Asian languages foreign reports use (Korean and
Japanese: :mod:`parsers.targets_cjk`): "D'ici 2028, la zone espère accueillir plus de 1 000 OPC", "К 2027 году … более 800 OPC",
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
from parsers.targets_cjk import cjk_targets, has_cjk_goal

__all__ = ["foreign_targets"]

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
_NOUN_AFTER_OPC = re.compile(rf"[\s-]+(?:{_WORLD_NOUN_RE})", re.IGNORECASE)
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
                if noun == "OPC" and (longer := _NOUN_AFTER_OPC.match(sentence, m.end())):
                    # "100 OPC communities": OPC qualifies the noun after it
                    noun = next(names[i] for i in range(len(names)) if longer.group(f"n{i}"))
                opc = "OPC" in m.group(0) or "OPC" in sentence[m.end() : m.end() + 5]  # "6 komunitas OPC"
                metric = "OPC社区" if noun == "社区" and opc else "OPC企业" if noun == "OPC" else noun
                cmp = (m.group("cmp") or "").lower()
                scale = 1000 if m.groupdict().get("wscale") else 1
                targets.append(Target(year=year, metric=metric, value=Decimal(re.sub(r"[ \u00a0\u202f.,'’]", "", m.group("n"))) * scale,
                                      comparator=_WORLD_CMP.get(cmp, Comparator.GT if cmp == "กว่า" else Comparator.EQ),
                                      phrase=m.group(0).strip()))
    return targets


def foreign_targets(text: str, reference_year: int | None = None) -> list[Target]:
    """Goals with a year in Korean ("…년까지"), Japanese ("…年までに") and other languages' sentences;
    年内に / 연내 take ``reference_year``, the page's own."""
    found: list[Target] = cjk_targets(text, reference_year) if has_cjk_goal(text) else []
    if re.search(r"[A-Za-z\u0400-\u04ff\u0e00-\u0e7f]{3}", text):
        found += _world(text)
    return found
