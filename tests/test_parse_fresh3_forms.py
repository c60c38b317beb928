"""Forms found missing on a third fresh set of real pages (sentences written for these tests, no
page text): a yearly programme budget written with 最高 (发放最高5亿元训力券), 设 inside 建设,
seed money handed to a founder (启动资金), "less than" written as < / 不到 / 不足, costs stated as
facts, a repost whose headline reports the issuing but whose body is the instrument, 解析 of
something that is not a policy, a self-declared personal essay, and an estimate (预计) inside a statement of the
present.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from parsers import parse_text
from parsers.amounts import extract_amounts
from parsers.schema import AmountRole, DocKind, Qualifier
from parsers.targets import extract_targets


def _roles(text: str) -> list[tuple[Decimal, AmountRole]]:
    return [(a.value, a.role) for a in extract_amounts(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("市里每年发放最高3亿元“模型券”，降低企业训练成本。", Decimal(300_000_000)),
        ("每年投入最高2亿元，支持智能体在制造业落地。", Decimal(200_000_000)),
        ("每年安排不超过8000万元，用于OPC社区运营。", Decimal(80_000_000)),
    ],
)
def test_a_yearly_programme_budget_with_a_ceiling_is_a_fund(text: str, value: Decimal) -> None:
    [amount] = extract_amounts(text)
    assert (amount.value, amount.role, amount.qualifier) == (value, AmountRole.FUND, Qualifier.UP_TO)


@pytest.mark.parametrize(
    "text",
    [
        "对每家OPC每年发放最高10万元算力券。",  # per recipient: what one founder gets
        "向入驻团队每年发放最高5万元数据券。",
        "对认定的社区每年给予最高200万元运营补贴。",
    ],
)
def test_what_each_recipient_gets_a_year_stays_support(text: str) -> None:
    assert [a.role for a in extract_amounts(text)] == [AmountRole.SUPPORT]


@pytest.mark.parametrize(
    "text",
    ["对语料库建设最高支持300万元。", "对算力平台建设给予最高800万元补助。", "对场景开设最高奖励50万元。"],
)
def test_she_inside_jianshe_is_no_fund_verb(text: str) -> None:
    assert [a.role for a in extract_amounts(text)] == [AmountRole.SUPPORT]


def test_setting_up_a_fund_is_still_a_fund() -> None:
    assert _roles("区里设10亿元天使基金。") == [(Decimal(1_000_000_000), AmountRole.FUND)]


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("孵化器为每支入选团队提供3万美元启动资金。", Decimal(30_000), "USD"),
        ("给予大学生创业者2万元创业启动资金。", Decimal(20_000), "CNY"),
    ],
)
def test_seed_money_handed_to_a_founder_is_support(text: str, value: Decimal, currency: str) -> None:
    [amount] = extract_amounts(text)
    assert (amount.value, amount.currency, amount.role, amount.qualifier) == (
        value, currency, AmountRole.SUPPORT, Qualifier.EXACT)


def test_a_programme_that_sets_up_seed_money_is_a_fund() -> None:
    assert _roles("市里设立5000万元种子启动资金。") == [(Decimal(50_000_000), AmountRole.FUND)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一人创业的试错成本通常<2万元。", Decimal(20_000)),
        ("注册一家小公司花费不到5000元。", Decimal(5_000)),
        ("首月开销不足3万元。", Decimal(30_000)),
        ("单个项目补助低于20万元的，由区里审核。", Decimal(200_000)),
    ],
)
def test_less_than_is_an_upper_bound(text: str, value: Decimal) -> None:
    [amount] = extract_amounts(text)
    assert (amount.value, amount.qualifier) == (value, Qualifier.UP_TO)


def test_not_lower_than_stays_a_floor() -> None:
    [amount] = extract_amounts("企业年营收不低于500万元。")
    assert amount.qualifier is Qualifier.AT_LEAST


@pytest.mark.parametrize(
    "text",
    ["借助AI工具，视频剪辑成本降至每条15元。", "一个人做产品的试错成本大约8000元。"],
)
def test_a_cost_stated_as_fact_is_a_statistic(text: str) -> None:
    assert [a.role for a in extract_amounts(text)] == [AmountRole.STATISTIC]


_REPOST = (
    "《某市支持智能体创业的若干措施》印发\n\n"
    "某市工业和信息化局近日印发若干措施，对智能体创业团队给予最高50万元资助。\n\n"
    "某市支持智能体创业的若干措施\n\n"
    "为培育智能体创业新业态，结合本市实际，制定本措施。\n\n"
    "一、降低算力成本。对创业团队租用算力的费用，按不超过40%给予补助。\n"
)


def test_a_repost_whose_body_is_the_instrument_is_the_policy() -> None:
    assert parse_text(_REPOST, url="https://example.invalid/a").kind is DocKind.POLICY


def test_a_report_that_only_quotes_a_preamble_stays_news() -> None:
    text = (
        "《某市支持智能体创业的若干措施》印发\n\n"
        "记者从市工信局获悉，若干措施围绕算力、场景和人才提出十条举措，"
        "文件开头写明为培育新业态制定本措施，业内人士认为力度空前。" * 2
    )
    assert parse_text(text, url="https://example.invalid/b").kind is DocKind.NEWS


def test_a_technical_analysis_is_not_a_policy_interpretation() -> None:
    text = (
        "消息队列是分布式系统的基础组件，本文从存储模型、投递语义、运维要点几个方面进行全面解析。\n\n"
        "一、存储模型\n\n日志结构的存储把消息顺序追加到分段文件里，读取时按偏移量定位。" * 3
    )
    assert parse_text(text, url="https://example.invalid/c").kind is not DocKind.INTERPRETATION


def test_a_policy_analysis_is_an_interpretation() -> None:
    text = "《某区OPC十条》全面解析：哪些创业者能拿到补贴\n\n本文逐条说明这十条措施的适用对象和申请方式。" * 2
    assert parse_text(text, url="https://example.invalid/d").kind is DocKind.INTERPRETATION


_ESSAY = (
    "做一个人的生意，先想清楚卖什么\n"
    "作者声明：个人观点，仅供参考\n"
    "这半年我一直在琢磨，一个人经营的小生意为什么总是做不大。我的结论是，问题不在工具，"
    "而在于没有把自己的能力变成可以反复出售的产品。很多同行每天学新方法，却从来不问用户要什么。"
    "把自己当成产品来打磨，是我接下来要做的事，也是我想分享给读者的一点体会。"
) * 2


def test_a_personal_essay_is_other() -> None:
    assert len(_ESSAY) > 200  # long enough to be read as prose
    assert parse_text(_ESSAY, url="https://example.invalid/e").kind is DocKind.OTHER


def test_an_estimate_inside_a_statement_of_the_present_is_no_goal() -> None:
    text = "目前园区已集聚智能体企业超60家，规上企业营收预计超200亿元，12个模型通过备案。"
    assert extract_targets(text) == []


def test_an_estimate_of_a_future_year_stays_a_goal() -> None:
    [target] = extract_targets("预计到2028年，园区OPC企业超过500家。")
    assert (target.year, target.value) == (2028, Decimal(500))


def test_an_estimate_after_a_look_ahead_stays_a_goal() -> None:
    text = "目前园区改造工程将于年底完成，预计3年后入驻企业达到40家。"
    [target] = extract_targets(text)
    assert "入驻企业" in target.metric and target.value == Decimal(40)
