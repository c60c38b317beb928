"""Quantified goals written in Korean and Japanese: "2028년까지 30개 이상의 OPC 커뮤니티를 조성",
"2028年までにOPCコミュニティを30か所以上". The metric is given in Chinese (OPC社区), as the rest
of the product names it, through a small glossary of the nouns these goals count.

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
_KO_SENTENCE = re.compile(r"[^.!?\n]*?(?P<year>(?:19|20)\d{2})년까지[^.!?\n]*")
_KO_COUNT = re.compile(
    r"(?P<n>\d+(?:[.,]\d+)?)\s*(?P<scale>천|만)?\s*(?:개|명|곳|개사|가지)\s*(?P<cmp>이상|이하|가량|정도)?\s*의?\s+"
    r"(?P<metric>(?:(?:신규|OPC|AI)\s*)*[가-힣]+)"
)
_JA_SENTENCE = re.compile(r"[^。！？\n]*?(?P<year>(?:19|20)\d{2})年(?:まで|末まで)に[^。！？\n]*")
_JA_COUNT = re.compile(
    r"(?P<metric>(?:新規|OPC|AI)*[\u30a0-\u30ffA-Za-z\u4e00-\u9fff]{1,12}?)(?:を|が)\s*(?P<n>\d+(?:[.,]\d+)?)\s*(?P<scale>千|万)?\s*"
    r"(?:か所|カ所|ヶ所|社|人|件|個|拠点)\s*(?P<cmp>以上|超|程度)?"
)
_SCALES = {"천": 1000, "만": 10_000, "千": 1000, "万": 10_000}
_CMP = {"이상": Comparator.GE, "以上": Comparator.GE, "超": Comparator.GT, "가량": Comparator.APPROX,
        "정도": Comparator.APPROX, "程度": Comparator.APPROX}


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
    return "".join(out) if out and out[-1] not in ("OPC", "AI", "新增") else None


def _read(sentence_re: re.Pattern[str], count_re: re.Pattern[str], text: str) -> list[Target]:
    targets: list[Target] = []
    for sm in sentence_re.finditer(text):
        year, sentence = int(sm.group("year")), sm.group(0)
        for m in count_re.finditer(sentence):
            metric = _translate(m.group("metric"))
            if metric is None:
                continue
            value = Decimal(m.group("n").replace(",", "")) * _SCALES.get(m.group("scale") or "", 1)
            targets.append(Target(year=year, metric=metric, value=value,
                                  comparator=_CMP.get(m.group("cmp") or "", Comparator.EQ), phrase=m.group(0).strip()))
    return targets


def foreign_targets(text: str) -> list[Target]:
    """Goals with a year in Korean ("…년까지") and Japanese ("…年までに") sentences."""
    found: list[Target] = []
    if "년까지" in text:
        found += _read(_KO_SENTENCE, _KO_COUNT, text)
    if "までに" in text:
        found += _read(_JA_SENTENCE, _JA_COUNT, text)
    return found
