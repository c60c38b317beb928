"""Layouts a crawler meets, in sentences and pages written for these tests: hard-wrapped PDF
text, 一图读懂 infographics and video transcripts with one figure per line, tables whose unit is
stated once (金额单位：万元), cap and budget tables, and indicator tables (their goals and money rows).
"""

from __future__ import annotations

from decimal import Decimal

from parsers import parse_text
from parsers.amounts import extract_amounts, read_amounts
from parsers.schema import AmountRole, AmountUnit, Comparator, Qualifier
from parsers.targets import extract_targets
from parsers.unwrap import unwrap

# A converted PDF: every line breaks at the page width, in mid-sentence and mid-figure.
PDF_TEXT = """某区促进一人公司发展的若干办法
— 1 —
　　第一条 为培育“一人+AI”创业新业态，力争到2027年
底全区一人公司数量突破600家，相关产业规模超过8亿元，制
定本办法。
　　第二条 对新引进的一人公司，按上年度营业收入给予分档
奖励：营业收入200万元以上的，给予最高15
万元奖励；营业收入80万
元（含）至200万元的，给予5万元奖励。
　　第三条 支持一人公司使用区内公共算力平台，算力券按服务费
用的50%抵扣，每家每年最高不超过20万元，区财政每年安排不少
于1000万元专项资金，用于本办法规定的各项支持。
— 2 —
　　第四条 本办法由区科技局负责解释，自2026年3月1日起施行，
有效期至2028年12月31日。"""


def test_hard_wrapped_pdf_text_is_joined_into_sentences() -> None:
    text = unwrap(PDF_TEXT)
    assert "力争到2027年底全区一人公司数量突破600家，相关产业规模超过8亿元，制定本办法。" in text
    assert "给予最高15万元奖励" in text and "营业收入80万元（含）" in text
    assert "— 2 —" not in text  # page numbers of the printed document
    assert "\n　　第二条" in text  # an indented paragraph still starts its own line


def test_a_web_page_with_one_line_per_paragraph_is_left_alone() -> None:
    web = "标题\n第一段写完了。\n第二段也写完了，没有硬换行。\n第三段：列表如下\n一、事项"
    assert unwrap(web) == web


def test_pdf_page_gives_its_targets_and_amounts() -> None:
    policy = parse_text(PDF_TEXT, url="https://example.gov.cn/pdf.html")
    goals = {(t.year, t.value, t.comparator) for t in policy.targets}
    assert (2027, Decimal(600), Comparator.GT) in goals
    assert (2027, Decimal(800_000_000), Comparator.GT) in goals
    money = sorted((a.value, a.qualifier) for a in policy.amounts if a.unit is AmountUnit.MONEY)
    assert (Decimal(150_000), Qualifier.UP_TO) in money
    assert (Decimal(50_000), Qualifier.EXACT) in money


TABLE_TEXT = """二、支持标准
金额单位：万元
序号 | 支持事项 | 支持方式 | 支持额度
1 | 社区建设补助 | 按建设投入的30%给予补助 | 最高200
2 | 运营绩效奖励 | 按评价结果A、B档分别给予 | 80、40
3 | 首次纳统奖励 | 一次性奖励 | 8
三、拟兑现明细
金额单位：万元
序号 单位名称 支持事项 拟兑现金额
1 某某智能科技有限公司 算力补贴 12.5
2 某某数据服务有限公司 租金补贴 3.06
合计 15.56"""


def test_table_cells_take_the_stated_unit() -> None:
    amounts, _ = read_amounts(TABLE_TEXT)
    money = [(a.value, a.qualifier, a.role) for a in amounts if a.unit is AmountUnit.MONEY]
    assert money == [
        (Decimal(2_000_000), Qualifier.UP_TO, AmountRole.SUPPORT),
        (Decimal(800_000), Qualifier.EXACT, AmountRole.SUPPORT),
        (Decimal(400_000), Qualifier.EXACT, AmountRole.SUPPORT),
        (Decimal(80_000), Qualifier.EXACT, AmountRole.SUPPORT),
        (Decimal(125_000), Qualifier.EXACT, AmountRole.SUPPORT),
        (Decimal(30_600), Qualifier.EXACT, AmountRole.SUPPORT),
        (Decimal(155_600), Qualifier.TOTAL, AmountRole.STATISTIC),
    ]


def test_a_table_without_a_unit_note_gives_no_money() -> None:
    text = "序号 | 事项 | 支持额度\n1 | 社区建设 | 200\n2 | 运营奖励 | 80"
    assert [a for a in extract_amounts(text) if a.unit is AmountUnit.MONEY] == []


INDICATORS = """序号 | 指标 | 2025年基数 | 2026年 | 2028年
1 | OPC社区（个） | 2 | 5 | 10
2 | OPC活动参与（万人次） | 0.8 | 2 | 6
3 | OPC相关营业收入（亿元） | 12 | 20 | 50
指标 | 2025年 | 2030年 | 属性
算力规模（EFLOPS） | 2 | 9 | 预期性"""


def test_indicator_tables_skip_base_columns_and_past_years() -> None:
    got = {(t.year, t.metric, t.value, t.unit) for t in extract_targets(INDICATORS, reference_year=2026)}
    assert got == {
        (2026, "OPC社区", Decimal(5), None), (2028, "OPC社区", Decimal(10), None),
        (2026, "OPC活动参与", Decimal(20_000), None), (2028, "OPC活动参与", Decimal(60_000), None),
        (2026, "OPC相关营业收入", Decimal(2_000_000_000), "yuan"), (2028, "OPC相关营业收入", Decimal(5_000_000_000), "yuan"),
        (2030, "算力规模", Decimal(9), "EFLOPS"),
    }


# An infographic's text: every figure, unit, qualifier and noun on a line of its own.
INFOGRAPHIC = """一图读懂｜某区支持一人公司发展十条措施
一图读懂
发展目标
到2028年
30个
OPC社区
到2028年
超
8000
名
OPC人才
01
算力支持
按实际算力费用的
40%
给予补贴
每家每年最高
12
万元
02
场景开放
每年发布
不少于
60个
应用场景"""


# The same goals in a video transcript that names the noun first.
TRANSCRIPT = """【视频】一分钟看懂某区OPC十条
视频文字稿：
你想过吗
一个人
加上AI
就能开一家公司
目标是
到2027年
某区
OPC社区
12个
OPC企业
1500家
以上
第一
算力
每家每年
最高可领
8万元
算力券"""


def test_an_infographic_reads_as_its_goals_and_amounts() -> None:
    goals = {(t.year, t.metric, t.value, t.comparator) for t in extract_targets(unwrap(INFOGRAPHIC))}
    assert goals >= {(2028, "OPC社区", Decimal(30), Comparator.EQ), (2028, "OPC人才", Decimal(8000), Comparator.GT),
                     (None, "应用场景", Decimal(60), Comparator.GE)}
    amounts = {(a.value, a.unit, a.qualifier) for a in extract_amounts(unwrap(INFOGRAPHIC))}
    assert amounts == {(Decimal(40), AmountUnit.PERCENT, Qualifier.EXACT), (Decimal(120_000), AmountUnit.MONEY, Qualifier.UP_TO)}


def test_a_transcript_that_names_the_noun_first() -> None:
    goals = {(t.year, t.value, t.comparator) for t in extract_targets(unwrap(TRANSCRIPT))}
    assert goals == {(2027, Decimal(12), Comparator.EQ), (2027, Decimal(1500), Comparator.GE)}
    assert [a.value for a in extract_amounts(unwrap(TRANSCRIPT))] == [Decimal(80_000)]


def test_figures_cut_inside_their_digits_are_joined() -> None:
    assert "最高300万元" in unwrap("按实际投入的30%给予补助，\n最高30\n0万元；")


CAP_AND_BUDGET_TABLES = """单位：万元
序号\t支持事项\t支持方式\t上限
1\t社区建设\t补助\t150
2\t算力券\t抵扣\t15/年
3\t创业大赛\t奖励\t20/10/5
表2 资金安排
单位：万元
项目名称 支持对象 安排金额 备注
社区建设补助 社区运营主体 1,200.00 按投入30%
算力券 初创企业 2,500.00 —
合计 3,700.00"""


def test_a_cap_column_and_a_budget_table() -> None:
    got = [(a.value, a.qualifier, a.role) for a in extract_amounts(CAP_AND_BUDGET_TABLES) if a.unit is AmountUnit.MONEY]
    up_to, total = Qualifier.UP_TO, Qualifier.TOTAL
    assert got == [
        (Decimal(1_500_000), up_to, AmountRole.SUPPORT), (Decimal(150_000), up_to, AmountRole.SUPPORT),
        (Decimal(200_000), up_to, AmountRole.SUPPORT), (Decimal(100_000), up_to, AmountRole.SUPPORT),
        (Decimal(50_000), up_to, AmountRole.SUPPORT),
        (Decimal(12_000_000), total, AmountRole.FUND), (Decimal(25_000_000), total, AmountRole.FUND),
        (Decimal(37_000_000), total, AmountRole.FUND),
    ]


def test_an_indicator_table_with_a_unit_column_in_stored_text() -> None:
    text = "主要指标\n序号 指标名称 单位 2025年 2027年\n1 OPC社区 个 8 25\n2 OPC相关产业营收 亿元 15 45\n3 智能算力规模 EFLOPS 1 6"
    got = {(t.year, t.metric, t.value, t.unit) for t in extract_targets(text, reference_year=2026)}
    assert got == {(2027, "OPC社区", Decimal(25), None), (2027, "OPC相关产业营收", Decimal(4_500_000_000), "yuan"),
                   (2027, "智能算力规模", Decimal(6), "EFLOPS")}


def test_money_rows_of_an_indicator_table_are_amounts_and_goals() -> None:
    text = ("表1 主要指标\n序号 | 指标名称 | 2020年 | 2025年 | 属性\n1 | 软件业务收入（亿元） | 380 | 900 | 预期性\n"
            "2 | 存储总量（EB） | 1500 | >2400 | 预期性\n3 | 5G基站（万个） | 3 | 8 | 预期性")
    amounts = [(a.value, a.role) for a in extract_amounts(text)]
    assert amounts == [(Decimal(38_000_000_000), AmountRole.STATISTIC), (Decimal(90_000_000_000), AmountRole.STATISTIC)]
    goals = {(t.year, t.metric, t.value, t.unit, t.comparator) for t in extract_targets(text, reference_year=2021)}
    assert goals == {(2025, "软件业务收入", Decimal(90_000_000_000), "yuan", Comparator.EQ),
                     (2025, "存储总量", Decimal(2400), "EB", Comparator.GT),
                     (2025, "5G基站", Decimal(80_000), None, Comparator.EQ)}
