"""Forms found missing on a fifth fresh set of real pages (sentences written for these tests, no
page text): an instrument that calls itself 本工作方案 / 本行动计划 or is 制订 (制定's variant) under a
news headline, a 全解析 of named policies, a reposted self-media essay (本文来自微信公众号), an essay
that addresses its reader or prescribes for "us", a technical protocol article and a company-law
article whose law words stand partly in the title.
"""

from __future__ import annotations

import pytest

from parsers.kinds import classify_kind
from parsers.schema import DocKind

_FILLER = "园区里有咖啡馆、会议室和共享工位，晚上也常有人在楼下的球场踢球。" * 6


def _kind(title: str, body: str) -> DocKind:
    return classify_kind(title, body=body)[0]


# --- an instrument carried under a news headline ---------------------------------------------

@pytest.mark.parametrize(
    ("preamble", "kind"),
    [
        ("为加快培育智能体企业，结合本区实际，特制订本工作方案。", DocKind.POLICY),
        ("为推动算力普惠供给，制定本行动计划。", DocKind.POLICY),
        ("为规范创业补贴的发放和监督，根据有关规定，制订本实施细则。", DocKind.RULES),
    ],
)
def test_a_plan_under_a_news_headline_is_the_plan(preamble: str, kind: DocKind) -> None:
    body = f"某某新闻 | 本地 昨天\n\n{preamble}\n\n一、总体要求\n坚持市场主导、政府引导。\n" + _FILLER
    assert _kind("重磅！某市智能体孵化计划来了", body) is kind


def test_a_reporter_quoting_a_plan_stays_news() -> None:
    body = "记者从市经信局获悉，该局近日出台孵化器建设工作方案，据介绍，方案提出到2027年培育100家企业。" + _FILLER
    assert _kind("某市智能体孵化计划来了", body) is DocKind.NEWS


# --- 全解析 -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "title",
    ["【政策速递】某市各区人工智能政策全解析：一文看懂怎么申报", "算力券新政全解析"],
)
def test_a_full_analysis_of_named_policies_is_an_interpretation(title: str) -> None:
    assert _kind(title, _FILLER) is DocKind.INTERPRETATION


def test_a_full_analysis_of_a_protocol_is_not_an_interpretation() -> None:
    assert _kind("现场总线报文格式全解析", _FILLER) is not DocKind.INTERPRETATION
