"""Forms of layout and phrasing found in the 2026-12 blind-written sets (sentences written for
these tests): hard-wrapped PDF text, tables with a stated unit, ratios in words, Chinese decimals,
a Taiwanese page's 元, exchange-rate notes, recurring and "三年内" goals, indicator tables with a
base column, Korean and Japanese money goals, province-wide meetings and development zones.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from parsers import parse_text
from parsers.amount_lists import local_currency
from parsers.amounts import extract_amounts, read_amounts
from parsers.dates import posted_date
from parsers.regions import find_regions
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


@pytest.mark.parametrize(
    ("text", "percents"),
    [
        ("按实际支出的百分之三十给予补贴，最高10万元", [30]),
        ("按保费的百分之八十给予补助", [80]),
        ("按服务费用的三成给予补贴", [30]),
        ("第一年租金全额补贴，后两年租金减半", []),  # no figure written: not an amount
        ("企业成本下降了三成", []),  # a fact, not a ratio of support
        ("百分之九十的企业表示满意", []),
    ],
)
def test_ratios_written_in_words(text: str, percents: list[int]) -> None:
    got = [a.value for a in extract_amounts(text) if a.unit is AmountUnit.PERCENT]
    assert got == [Decimal(p) for p in percents]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("去年营收约四点五亿元", 450_000_000),
        ("总投资四十二．五亿元", 4_250_000_000),
        ("营收合计约二.六亿元", 260_000_000),
    ],
)
def test_chinese_numerals_with_a_decimal_point(text: str, value: int) -> None:
    assert [a.value for a in extract_amounts(text)] == [Decimal(value)]


def test_a_taiwanese_page_reads_plain_yuan_as_new_taiwan_dollars() -> None:
    text = "經濟部宣布，新創貸款每家最高可貸三千五百萬元，其中新台幣一百萬元為無息。"
    assert local_currency("https://news.example.com.tw/a/1", text) == "TWD"
    assert local_currency("https://www.example.com/a/1", "補助新台幣三十萬元") == "TWD"
    assert local_currency("https://www.example.com/a/1", "補助新台幣三十萬元，約人民幣7萬元") == "CNY"
    amounts, _ = read_amounts("每家最高可贷三千五百万元，人民币部分另计", currency="TWD")
    assert [(a.value, a.currency) for a in amounts] == [(Decimal(35_000_000), "TWD")]
    amounts, _ = read_amounts("最高给予1000万元人民币支持", currency="TWD")
    assert [a.currency for a in amounts] == ["CNY"]  # yuan named after the figure


def test_an_exchange_rate_note_is_not_an_amount() -> None:
    text = "関連産業の規模を100億元（約2,100億円、1元＝約21円）超とする。"
    values = sorted((a.value, a.currency) for a in extract_amounts(text))
    assert (Decimal(1), "CNY") not in values and (Decimal(21), "JPY") not in values
    assert (Decimal(10_000_000_000), "CNY") in values


def test_english_percent_words_are_support_ratios_only_beside_costs() -> None:
    got = extract_amounts("Vouchers will cover up to 30 percent of the cost. Roughly 70 percent of founders are under 35.")
    assert [(a.value, a.unit) for a in got] == [(Decimal(30), AmountUnit.PERCENT)]


@pytest.mark.parametrize(
    ("text", "start_year", "expected"),
    [
        ("每年发布不少于80个应用场景。", None, [(None, "应用场景", 80, Comparator.GE)]),
        ("到2027年，集聚OPC 1500家；每年新增OPC不少于300家。", None,
         [(2027, "OPC", 1500, Comparator.EQ), (None, "OPC", 300, Comparator.GE)]),
        ("力争三年内培育超级个体5000名。", 2026, [(2029, "超级个体", 5000, Comparator.EQ)]),
        ("力争三年内培育超级个体5000名。", None, [(None, "超级个体", 5000, Comparator.EQ)]),
        ("力争到二〇二七年，集聚OPC企业八百家以上。", None, [(2027, "OPC企业", 800, Comparator.GE)]),
        ("今年年底前，新区将新增OPC社区4个。", None, [(None, "OPC社区", 4, Comparator.EQ)]),  # 今年: the page's year, none here
    ],
)
def test_recurring_relative_and_numeral_year_goals(
    text: str, start_year: int | None, expected: list[tuple[int | None, str, int, Comparator]],
) -> None:
    got = [(t.year, t.metric, t.value, t.comparator) for t in extract_targets(text, start_year=start_year)]
    assert got == [(y, m, Decimal(v), c) for y, m, v, c in expected]


def test_goals_before_this_years_end_take_the_page_year() -> None:
    got = extract_targets("今年年底前，新区将新增OPC社区4个。", reference_year=2026)
    assert [(t.year, t.metric, t.value) for t in got] == [(2026, "OPC社区", Decimal(4))]


def test_money_goal_after_a_growth_rate_and_not_a_loan_cap() -> None:
    got = extract_targets("2026年主要目标：技术合同成交额增长12%左右，达到180亿元；个人创业担保贷款最高30万元。")
    money = [(t.metric, t.value) for t in got if t.unit == "yuan"]
    assert money == [("技术合同成交额", Decimal(18_000_000_000))]


def test_a_support_ratio_in_a_goal_paragraph_is_not_a_goal() -> None:
    got = extract_targets("计划到2028年建成OPC社区20个。入驻企业购买算力服务可按费用的30%获得补贴。")
    assert [(t.year, t.value) for t in got] == [(2028, Decimal(20))]


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("구는 2026년 말까지 OPC 기업 300개 이상을 유치하고, 2028년까지 관련 산업 규모를 40억 위안으로 키운다.",
         (2028, "产业规模", 4_000_000_000, Comparator.EQ)),
        ("시는 2027년까지 AI 핵심 산업 규모를 1,200억 위안 이상으로 키우겠다는 계획이다.",
         (2027, "人工智能核心产业规模", 120_000_000_000, Comparator.GE)),
        ("区は2027年までに関連産業の規模を80億元（約1,700億円）超とする目標を掲げた。",
         (2027, "产业规模", 8_000_000_000, Comparator.GT)),
    ],
)
def test_korean_and_japanese_money_goals(text: str, expected: tuple[int, str, int, Comparator]) -> None:
    money = [(t.year, t.metric, t.value, t.comparator) for t in extract_targets(text) if t.unit == "yuan"]
    year, metric, value, comparator = expected
    assert money == [(year, metric, Decimal(value), comparator)]


def test_english_number_words_and_this_year() -> None:
    text = ("The zone aims to host 2,000 OPCs and at least five OPC communities by the end of 2027. "
            "It will also open 150 application scenarios to OPCs this year.")
    got = {(t.year, t.metric, t.value, t.comparator) for t in extract_targets(text, reference_year=2026)}
    assert (2027, "OPC社区", Decimal(5), Comparator.GE) in got
    assert (2026, "应用场景", Decimal(150), Comparator.EQ) in got


def test_a_forum_post_dates_itself_at_its_foot() -> None:
    assert posted_date("……以上，纯属个人经验。\n编辑于 2025-10-09 21:14・IP 属地浙江") == date(2025, 10, 9)
    assert posted_date("没有日期的帖子") is None


def test_chongqing_districts_and_statistics_coded_zones() -> None:
    assert [r.code for r in find_regions("渝北区首批OPC扶持资金兑现")] == ["500112"]
    assert [r.code for r in find_regions("长春高新区发布OPC十条")] == ["220173"]
    assert [r.parent_code for r in find_regions("重庆两江新区OPC社区开园")] == ["500000"]


def test_a_province_wide_meeting_in_a_city_is_the_provinces() -> None:
    text = "全省OPC创新创业工作推进会在扬州召开\n来源：江苏省科学技术厅\n会议部署下一阶段重点任务。"
    policy = parse_text(text, url="https://kxjst.jiangsu.gov.cn/art/2026/5/1/art_1.html")
    assert policy.region_code == "320000"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bound after the last item of an enumeration holds for all of it.
        ("对年营业收入首次达到300万元、800万元、2000万元以上的企业给予奖励",
         [(300, Qualifier.AT_LEAST), (800, Qualifier.AT_LEAST), (2000, Qualifier.AT_LEAST)]),
        ("营收首破200万、600万元的，分别奖励2万、6万元",
         [(200, Qualifier.AT_LEAST), (600, Qualifier.AT_LEAST), (2, Qualifier.EXACT), (6, Qualifier.EXACT)]),
        # A bracketed conversion states the same amount with the same qualifier, its 约 aside.
        ("可申领一次性创业补贴6万元（约6.6万港元）", [(6, Qualifier.EXACT), (6.6, Qualifier.EXACT)]),
        ("每家最高资助80万元（约88万港元）", [(80, Qualifier.UP_TO), (88, Qualifier.UP_TO)]),
        ("1社あたり年間30万元を超えない範囲で補助する", [(30, Qualifier.UP_TO)]),
        ("las empresas con ingresos superiores a 8 millones de yuanes", [(800, Qualifier.AT_LEAST)]),
        ("ihr Umsatz lag 2025 bei knapp 250 Mio. Yuan", [(25_000, Qualifier.APPROX)]),
    ],
)
def test_qualifiers_of_lists_conversions_and_foreign_words(text: str, expected: list[tuple[float, Qualifier]]) -> None:
    got = [(a.value, a.qualifier) for a in extract_amounts(text)]
    assert got == [(Decimal(str(v)) * 10_000, q) for v, q in expected]


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("他的公司去年营收一千二百多万", [(12_000_000, Qualifier.AT_LEAST)]),
        ("一年下来营收能做到一千来万", [(10_000_000, Qualifier.APPROX)]),
        ("去年社区企业一共拿到融资三点五亿", [(350_000_000, Qualifier.EXACT)]),
        ("算力补贴一年最多能拿四十万", [(400_000, Qualifier.UP_TO)]),
        ("年内第二次“过亿”融资", [(100_000_000, Qualifier.AT_LEAST)]),
        ("估值已经近亿元", [(100_000_000, Qualifier.APPROX)]),
        ("单个项目投资额最高可达RMB 600万元", [(6_000_000, Qualifier.UP_TO)]),
        ("社区里集聚了五十万人", []),  # a count, not money
        ("视频获得1.5亿浏览量", []),
    ],
)
def test_spoken_and_round_figures(text: str, expected: list[tuple[int, Qualifier]]) -> None:
    assert [(a.value, a.qualifier) for a in extract_amounts(text)] == [(Decimal(v), q) for v, q in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("其中，杭州计划到今年年底把OPC社区增加到60个。", [(2026, "OPC社区", 60)]),
        ("今年全区将新建4个OPC社区，力争集聚OPC企业超过600家。", [(2026, "OPC社区", 4), (2026, "OPC企业", 600)]),
        ("今年，某市计划扶持高校毕业生创业3000人以上。", [(2026, "扶持高校毕业生创业", 3000)]),
        ("今年将与十二个技术法人合作，预计培育至少一千人次AI应用人才。", [(2026, "AI应用人才", 1000)]),
    ],
)
def test_goals_for_this_year_in_news(text: str, expected: list[tuple[int, str, int]]) -> None:
    got = [(t.year, t.metric, t.value) for t in extract_targets(text, reference_year=2026)]
    assert got == [(y, m, Decimal(v)) for y, m, v in expected]


def test_opc_named_only_in_a_related_articles_list_is_not_an_opc_page() -> None:
    text = ("某市发布人才新政 顶尖人才团队最高可获8000万元支持\n新政提出，对新引进的领军人才给予100万元项目资助。\n"
            "相关阅读：\n某市发布“一人公司”支持政策\n某县：OPC社区年内覆盖所有乡镇")
    assert not parse_text(text, url="https://news.example.cn/a.html").relevance.is_opc


def test_super_individual_as_a_bloggers_slogan_is_not_opc() -> None:
    text = ("“超级个体”正在批量出现：一个账号，年入百万？\n“每个人都可以成为超级个体。”短视频平台上类似口号随处可见。"
            "做职场内容的博主告诉记者，她靠一个账号变现一百多万。一些机构打着“一人公司轻松变现”的旗号招揽学员，"
            "“IP孵化营”课程费上万元，MCN负责人说月入过万的博主不到一成。")
    relevance = parse_text(text, url="https://news.example.cn/b.html").relevance
    assert not relevance.is_opc and any("自媒体" in e for e in relevance.evidence)


def test_an_indicator_table_with_a_unit_column_in_stored_text() -> None:
    text = "主要指标\n序号 指标名称 单位 2025年 2027年\n1 OPC社区 个 8 25\n2 OPC相关产业营收 亿元 15 45\n3 智能算力规模 EFLOPS 1 6"
    got = {(t.year, t.metric, t.value, t.unit) for t in extract_targets(text, reference_year=2026)}
    assert got == {(2027, "OPC社区", Decimal(25), None), (2027, "OPC相关产业营收", Decimal(4_500_000_000), "yuan"),
                   (2027, "智能算力规模", Decimal(6), "EFLOPS")}


@pytest.mark.parametrize(
    ("text", "url", "region"),
    [
        # A national story: half its places in Beijing, half in Shanghai, framed "in China".
        ("中国“一人公司”受关注\n在中国，一人公司正受到越来越多的关注，各地纷纷出台扶持措施。\n"
         "上海临港新片区推出“超级个体”计划，上海已有150多家企业入驻。\n北京海淀区的社区则提供免费工位，创业者说很方便。",
         "https://news.example.com/a.html", None),
        # The one place a foreign-language lead names, when the page names no other.
        ("La startup Lumora cierra una ronda\nLa empresa emergente Lumora Intelligence, con sede en Hangzhou, anunció el "
         "cierre de una ronda de financiación serie B por 420 millones de yuanes.", "https://tech.example.es/b.html", "330100"),
        # A law firm's footer address is where the firm sits, not what the article is about.
        ("一人公司股东何时承担连带责任\n一人有限责任公司的股东不能证明公司财产独立于自己的财产的，应当承担连带责任。\n"
         "某某律师事务所 地址：厦门市思明区鹭江道100号 电话：0592-0000000", "https://law.example.cn/c.html", None),
    ],
)
def test_regions_of_national_stories_foreign_leads_and_footers(text: str, url: str, region: str | None) -> None:
    assert parse_text(text, url=url).region_code == region


def test_money_rows_of_an_indicator_table_are_amounts_and_goals() -> None:
    text = ("表1 主要指标\n序号 | 指标名称 | 2020年 | 2025年 | 属性\n1 | 软件业务收入（亿元） | 380 | 900 | 预期性\n"
            "2 | 存储总量（EB） | 1500 | >2400 | 预期性\n3 | 5G基站（万个） | 3 | 8 | 预期性")
    amounts = [(a.value, a.role) for a in extract_amounts(text)]
    assert amounts == [(Decimal(38_000_000_000), AmountRole.STATISTIC), (Decimal(90_000_000_000), AmountRole.STATISTIC)]
    goals = {(t.year, t.metric, t.value, t.unit, t.comparator) for t in extract_targets(text, reference_year=2021)}
    assert goals == {(2025, "软件业务收入", Decimal(90_000_000_000), "yuan", Comparator.EQ),
                     (2025, "存储总量", Decimal(2400), "EB", Comparator.GT),
                     (2025, "5G基站", Decimal(80_000), None, Comparator.EQ)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the district's ¥3B AI angel fund", [(3_000_000_000, "CNY")]),
        ("porter le chiffre d'affaires à plus de 200 Mds CNY d'ici 2027", [(200_000_000_000, "CNY")]),
        ("une enveloppe totale de 150 M CNY (19 M EUR)", [(150_000_000, "CNY"), (19_000_000, "EUR")]),
        ("dass die Kernindustrie bis 2030 ein Volumen von über 2 Billionen Yuan erreicht", [(2_000_000_000_000, "CNY")]),
        ("The city set up a fund of 2 billion yuan.", [(2_000_000_000, "CNY")]),
    ],
)
def test_scale_letters_and_long_scale_billions(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(a.value, a.currency) for a in extract_amounts(text)] == [(Decimal(v), c) for v, c in expected]


@pytest.mark.parametrize(
    ("text", "percents"),
    [
        ("安排不低于80%的奖补资金用于中小企业数字化改造", []),  # a share of a budget
        ("减按25%计入应纳税所得额，按20%的税率缴纳企业所得税", []),  # tax rules
        ("按省实际到账补助资金的25%给予补助", [25]),
    ],
)
def test_budget_shares_and_tax_rates_are_not_support_ratios(text: str, percents: list[int]) -> None:
    assert [a.value for a in extract_amounts(text) if a.unit is AmountUnit.PERCENT] == [Decimal(p) for p in percents]


def test_a_raised_cap_is_a_cap() -> None:
    got = [(a.value, a.qualifier) for a in extract_amounts("个人创业担保贷款额度上限由20万元提高至30万元")]
    assert got == [(Decimal(200_000), Qualifier.UP_TO), (Decimal(300_000), Qualifier.UP_TO)]


@pytest.mark.parametrize(
    ("text", "reference_year", "expected"),
    [
        # A year already past states a fact, even with 达到.
        ("2020年，全省数字经济规模达到1.12万亿元。到2025年，全省数字经济规模突破1.8万亿元。", 2021,
         [(2025, 1_800_000_000_000)]),
        ("到2027年，全市将建成孵化基地50个，每年扶持大学生创业1万人以上。", 2026, [(2027, 50), (None, 10_000)]),
        ("全年力争新增智能算力100EFLOPS以上。", 2026, [(2026, 100)]),
        ("力争到2027年，全市Robotaxi运营车辆超过3000辆。", 2026, [(2027, 3000)]),
    ],
)
def test_past_facts_recurring_goals_and_vehicles(text: str, reference_year: int, expected: list[tuple[int | None, int]]) -> None:
    got = [(t.year, t.value) for t in extract_targets(text, reference_year=reference_year)]
    assert got == [(y, Decimal(v)) for y, v in expected]


def test_hyphenated_and_vietnamese_goals() -> None:
    got = {(t.year, t.metric, t.value) for t in extract_targets(
        "Bis 2027 will Lingang 15 OPC-Communitys aufbauen. Hàng Châu phấn đấu có 120 cộng đồng OPC vào năm 2028.")}
    assert (2027, "OPC社区", Decimal(15)) in got and (2028, "OPC社区", Decimal(120)) in got


def test_russian_and_japanese_place_names() -> None:
    assert [r.code for r in find_regions("К 2027 году Хайнань намерен создать")] == ["460000"]
    assert [r.code for r in find_regions("山東省済南市にAI「一人会社」コミュニティ")] == ["370000", "370100"]


def test_sole_trader_article_with_a_passing_slogan_is_not_opc() -> None:
    text = ("“一人公司”“个体户”“个人独资企业”，一个人创业选哪个？\n做自媒体的“超级个体”常问要不要注册一家“一人公司”。"
            "个体工商户和个人独资企业的经营者对债务承担无限责任；一人有限公司的股东不能证明公司财产独立于个人财产的，"
            "要对公司债务承担连带责任。")
    assert not parse_text(text, url="https://tax.example.cn/a.html").relevance.is_opc


def test_a_japanese_article_that_turns_away_from_chinese_opc() -> None:
    text = ("ひとり社長の始め方\n会社員を辞めて起業したい人が増えています。中国ではAIを使う「一人公司（OPC）」が話題ですが、"
            "本記事では日本での法人設立を解説します。\n設立費用は約10万円です。\n資本金は1円から設立できます。\n"
            "消費税に注意しましょう。\n役員報酬の設定も大切です。")
    assert not parse_text(text, url="https://kigyo.example.jp/a.html").relevance.is_opc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("某区支持OPC发展三年行动计划（2026—2028年）\n到行动期末，全区集聚OPC企业800家以上。",
         [(2028, "OPC企业", 800, Comparator.GE)]),
        ("今后三年，全市培育超级个体4000名。", [(2029, "超级个体", 4000, Comparator.EQ)]),  # start year 2026
        ("市は28年までにOPCを1,500社以上育成する。", [(2028, "OPC企业", 1500, Comparator.GE)]),
        ("К 2027 году край намерен привлечь свыше 15 тыс. предпринимателей. Первые уже приехали.",
         [(2027, "创业者", 15_000, Comparator.GT)]),
        ("The city aims to build 25+ OPC communities by 2028.", [(2028, "OPC社区", 25, Comparator.GE)]),
        # A bilingual post states its goal twice; it is one goal.
        ("The target: 400+ OPCs in the district by end-2027.\n目标：到2027年底，集聚OPC企业400家以上。",
         [(2027, "OPC企业", 400, Comparator.GE)]),
    ],
)
def test_plan_ends_spans_short_years_and_bilingual_goals(
    text: str, expected: list[tuple[int | None, str, int, Comparator]],
) -> None:
    got = [(t.year, t.metric, t.value, t.comparator) for t in extract_targets(text, start_year=2026)]
    assert got == [(y, m, Decimal(v), c) for y, m, v, c in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("到2027年，全市要实现以下目标：\n1.培育OPC企业900家；\n2.建成OPC社区18个。\n二、重点任务\n1.建设平台5个。",
         [(2027, "OPC企业", 900), (2027, "OPC社区", 18)]),
        ("到2027年，主要目标如下：\n——OPC企业达到1200家；\n——OPC社区达到25个。\n对新认定的社区给予奖励。",
         [(2027, "OPC企业", 1200), (2027, "OPC社区", 25)]),
        ("主要目标：到2028年\n• 新增OPC 700家\n• OPC社区35个", [(2028, "OPC", 700), (2028, "OPC社区", 35)]),
        ("By 2027, the city aims to:\n- build 90 OPC communities;\n- attract 4,000 OPCs.\nOther news: a start-up raised money.",
         [(2027, "OPC社区", 90), (2027, "OPC", 4000)]),
    ],
)
def test_goal_lists_under_an_introducing_line(text: str, expected: list[tuple[int, str, int]]) -> None:
    got = [(t.year, t.metric, t.value) for t in extract_targets(text)]
    assert got == [(y, m, Decimal(v)) for y, m, v in expected]


def test_a_year_then_a_doubling_to_a_figure_and_a_past_years_figure() -> None:
    goals = extract_targets("2027年，全市OPC企业数量较2025年翻一番，达到1800家。", reference_year=2026)
    assert [(t.year, t.metric, t.value) for t in goals] == [(2027, "OPC企业", Decimal(1800))]
    assert extract_targets("2025年，全市数字经济规模达到1.2万亿元，同比增长8%。", reference_year=2026) == []
