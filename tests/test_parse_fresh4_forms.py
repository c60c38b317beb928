"""Forms found missing on a fourth fresh set of real pages (sentences written for these tests, no
page text): a news digest that opens with 摘要 and a date, a question for a headline, an essay
giving the author's own opinion, a call for contest entries, a contest's prize pool, a goals
paragraph under "主要目标包括：", 智算 as a metric, the size a fund group is to reach, figures
masked in a draft, and 一人企业 as a personal-brand business with neither AI nor support.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from parsers import parse_text
from parsers.amounts import extract_amounts
from parsers.kinds import classify_kind
from parsers.relevance import assess_relevance
from parsers.schema import AmountRole, Comparator, DocKind, Qualifier
from parsers.targets import extract_targets

_FILLER = "园区里有咖啡馆、会议室和共享工位，晚上也常有人在楼下的球场踢球。" * 6


def _kind(title: str, body: str) -> DocKind:
    return classify_kind(title, body=body)[0]


# --- kinds -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "body",
    [
        "摘要：5月8日，某市人民政府网站发布了数字经济三年行动方案。科技媒体记者梳理了方案要点。",
        "摘要:11月3日,某区印发支持智能体产业的十条措施,记者从区科技局获悉。",
    ],
)
def test_a_dated_digest_is_news_not_an_academic_abstract(body: str) -> None:
    assert _kind("", body + _FILLER) is DocKind.NEWS


def test_an_undated_abstract_stays_academic() -> None:
    body = "摘要：本文以长三角城市群为例，研究创新生态的空间溢出效应。关键词：创新；溢出\n" + _FILLER
    assert _kind("", body) is DocKind.OTHER


@pytest.mark.parametrize(
    "title",
    ["个体户和有限公司有什么区别？", "注册一人有限公司需要满足哪些条件?", "公司章程必须写明哪些规定？"],
)
def test_a_question_headline_is_no_document_name(title: str) -> None:
    kind = _kind(title, _FILLER)
    assert kind not in (DocKind.POLICY, DocKind.RULES)


def test_a_law_explainer_under_a_question_headline_is_other() -> None:
    body = ("公司法规定，一人有限责任公司的股东不能证明公司财产独立于股东自己的财产的，应当对公司债务承担连带责任。"
            "股东与公司财产混同时，债权人可以主张人格否认；股东应当保留账目，防止财产混同。") + _FILLER
    assert _kind("一人有限公司的股东要承担哪些特别责任？", body) is DocKind.OTHER


@pytest.mark.parametrize(
    "opening",
    [
        "很多朋友问我要不要辞职单干。我认为，先把副业做成一门小生意更稳妥。",
        "关于个人品牌，在我看来最要紧的是持续输出。",
        "做自由职业三年，我觉得最难的不是接单，而是定价。",
    ],
)
def test_the_authors_own_opinion_makes_an_essay(opening: str) -> None:
    assert _kind("", opening + _FILLER) is DocKind.OTHER


def test_an_opinion_quoted_from_someone_else_stays_news() -> None:
    body = "记者近日走访了园区。“我认为这里的算力补贴很实在。”一位创业者说。园区负责人表示，社区已入驻40家企业。"
    assert _kind("", body + _FILLER) is DocKind.NEWS


@pytest.mark.parametrize(
    "body",
    [
        "参赛对象：本市高校在校生及毕业三年内的青年。报名方式：登录大赛官网填写报名表。赛事时间：6月至9月。",
        "一、参赛条件：项目须在本区注册。二、报名时间：即日起至8月31日。",
    ],
)
def test_a_call_for_contest_entries_is_an_application(body: str) -> None:
    assert _kind("", body + _FILLER) is DocKind.APPLICATION


def test_a_report_on_a_contest_final_is_not_an_application() -> None:
    body = "记者获悉，第三届青年创业大赛总决赛昨日在市会展中心举行，12个项目进入决赛。" + _FILLER
    assert _kind("", body) is not DocKind.APPLICATION


# --- amounts -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("150万元大赛奖金，等你来拿！", Decimal(1_500_000)),
        ("本届赛事设置总奖金80万元。", Decimal(800_000)),
        ("30万元奖金池向全体参赛团队开放。", Decimal(300_000)),
    ],
)
def test_a_contest_prize_pool_is_a_fund(text: str, value: Decimal) -> None:
    [amount] = extract_amounts(text)
    assert (amount.value, amount.role, amount.qualifier) == (value, AmountRole.FUND, Qualifier.TOTAL)


@pytest.mark.parametrize("text", ["一等奖可获5000元奖金。", "一等奖奖金2万元。", "获奖团队每队奖励3万元。"])
def test_a_single_prize_stays_support(text: str) -> None:
    assert [a.role for a in extract_amounts(text)] == [AmountRole.SUPPORT]


# --- targets -----------------------------------------------------------------------------------

def _targets(text: str) -> list[tuple[int | None, str, Decimal, str | None, Comparator]]:
    return [(t.year, t.metric, t.value, t.unit, t.comparator) for t in extract_targets(text)]


def test_a_goals_paragraph_under_a_goals_intro_line_takes_its_year() -> None:
    text = ("某市到2026年底的主要目标包括：\n"
            "全市新建OPC社区12个。培育人工智能创业企业500家以上。\n"
            "（一）算力：支持企业用好算力券。\n"
            "新增3个数据开放领域。")
    got = _targets(text)
    assert [(y, v, c) for y, m, v, _, c in got if m.endswith("OPC社区")] == [(2026, Decimal(12), Comparator.EQ)]
    assert (2026, "人工智能创业企业", Decimal(500), None, Comparator.GE) in got
    assert all(t[2] != 3 for t in got)  # a task two lines on is no longer under the goals


def test_zhisuan_is_a_metric() -> None:
    assert _targets("到2027年，全市智算规模超过80EFLOPS。") == [
        (2027, "智算规模", Decimal(80), "EFLOPS", Comparator.GT)]


def test_the_size_a_fund_group_is_to_reach_is_a_goal() -> None:
    [(year, metric, value, unit, comparator)] = _targets("到2028年，全市人工智能产业基金群规模突破500亿元。")
    assert (year, value, unit, comparator) == (2028, Decimal(50_000_000_000), "yuan", Comparator.GT)
    assert metric.endswith("规模")


@pytest.mark.parametrize("text", ["到2027年，设立产业基金规模100亿元。", "到2027年，安排产业基金规模超过20亿元。"])
def test_a_fund_set_up_is_no_goal(text: str) -> None:
    assert _targets(text) == []


def test_a_masked_figure_is_no_target() -> None:
    text = "到2026年，全市核心产业营业收入达****亿元，规上企业达300家。"
    assert _targets(text) == [(2026, "规上企业", Decimal(300), None, Comparator.EQ)]


# --- relevance ---------------------------------------------------------------------------------

def test_one_person_business_as_a_personal_brand_is_not_opc() -> None:
    body = ("一人企业不一定要注册公司，以个人品牌为主导的业务体就算。一人企业不等于个体户，也不等于创业公司。"
            "一人企业可以先作为副业，靠资产和杠杆变现，追求小而美。") * 2
    assert assess_relevance("什么是一人企业", body).is_opc is False


def test_one_person_business_with_support_stays_opc() -> None:
    body = "区政府出台扶持政策，为入驻社区的一人企业提供免费工位和算力补贴，首批一人企业已入驻。" * 2
    assert assess_relevance("一人企业社区开放申请", body).is_opc is True


def test_a_whole_page_keeps_its_kind_and_amounts() -> None:
    page = ("某省青年创业大赛邀你参赛\n"
            "120万元大赛奖金，30万元落地资助，欢迎报名！\n"
            "参赛对象：省内高校在校生及毕业五年内的毕业生。报名方式：登录大赛官网提交计划书。\n" + _FILLER)
    policy = parse_text(page, url="https://example.invalid/contest", source_id="test")
    assert policy.kind is DocKind.APPLICATION
    assert [(a.value, a.role) for a in policy.amounts][:1] == [(Decimal(1_200_000), AmountRole.FUND)]
