"""Document kind, amount roles, deadline, identity fields and body links, on sentences written here."""

from __future__ import annotations

from datetime import date

import pytest

from parsers import parse_document, parse_text
from parsers.amounts import extract_amounts
from parsers.deadlines import find_deadline
from parsers.identity import cites, policy_name, supersedes
from parsers.kinds import classify_kind
from parsers.schema import AmountRole, DocKind

URL = "https://www.example.gov.cn/art/2026/3/2/art_1_2.html"


@pytest.mark.parametrize(
    ("title", "column", "kind", "says"),
    [
        ("江苏省人民政府办公厅关于印发《江苏省支持OPC创新创业的若干措施》的通知", None, DocKind.POLICY, "印发"),
        ("南京市支持一人公司发展若干措施", None, DocKind.POLICY, "若干措施"),
        ("苏州市人民政府关于加快人工智能OPC发展的实施意见", None, DocKind.POLICY, "实施意见"),
        ("无锡市OPC社区认定管理办法（试行）", None, DocKind.RULES, "办法"),
        ("关于印发《常州市OPC创业补贴实施细则》的通知", None, DocKind.RULES, "实施细则"),
        ("关于开展2026年度OPC社区认定工作的通知", None, DocKind.APPLICATION, "认定工作"),
        ("2026年度一人公司扶持资金申报指南", None, DocKind.APPLICATION, "申报"),
        ("关于举办第二届OPC创业大赛的通知", None, DocKind.APPLICATION, "大赛"),
        ("一图读懂《江苏省支持OPC创新创业的若干措施》", None, DocKind.INTERPRETATION, "一图读懂"),
        ("市科技局负责人就OPC若干措施答记者问", None, DocKind.INTERPRETATION, "答记者问"),
        ("苏州发布OPC发展目标", None, DocKind.NEWS, "报道"),
        ("扬州人工智能OPC创新发展大会开幕", None, DocKind.EVENT, "大会"),
        ("首个OPC社区揭牌", None, DocKind.EVENT, "揭牌"),
        ("关于2026年度OPC社区拟认定名单的公示", None, DocKind.OTHER, "名单"),
        ("OPC社区运营服务项目招标公告", None, DocKind.OTHER, "招标"),
        ("《若干措施》政策问答", "新闻动态", DocKind.INTERPRETATION, "问答"),
        ("全市OPC工作取得新进展", "部门动态", DocKind.NEWS, "栏目"),
        ("关于印发OPC扶持办法的通知", "政策解读", DocKind.INTERPRETATION, "栏目"),
    ],
)
def test_kind_from_title_and_column(title: str, column: str | None, kind: DocKind, says: str) -> None:
    got, reason = classify_kind(title, column)
    assert got is kind, reason
    assert says in reason


@pytest.mark.parametrize(
    ("body", "kind", "says"),
    [
        ("为支持一人公司发展，结合我市实际，制定本措施。\n一、加强空间保障。", DocKind.POLICY, "制定本措施"),
        ("第一条 为规范OPC社区认定，制定本办法。\n第二条 本办法适用于…", DocKind.RULES, "制定本办法"),
        ("各区人民政府，市各有关部门：\n现将有关事项通知如下。申报截止时间为2026年3月31日。", DocKind.APPLICATION, "申报截止"),
        ("3月5日，2026OPC创业者大会在苏州国际博览中心举行，500余名创业者参加。", DocKind.EVENT, "举行"),
        ("本报讯（记者 王某）近日，某区推出OPC扶持政策，引发关注。" + "创业者纷纷表示欢迎。" * 20, DocKind.NEWS, "讯"),
        ("摘要 目的 探索OPC创业教育。方法 案例研究。关键词：OPC", DocKind.OTHER, "论文摘要"),
    ],
)
def test_kind_from_the_body_opening(body: str, kind: DocKind, says: str) -> None:
    got, reason = classify_kind("", None, "text", False, body)
    assert got is kind, reason
    assert says in reason


def test_undecidable_page_is_other_with_the_reason() -> None:
    kind, reason = classify_kind("详情", None, "generic", False, "OPC 一人公司 超级个体")
    assert kind is DocKind.OTHER and reason.startswith("无法判断")
    policy = parse_text("详情\nOPC 一人公司 超级个体", url=URL)
    assert policy.kind is DocKind.OTHER and policy.kind_reason and policy.kind_reason.startswith("无法判断")


def test_advertisement_and_service_guide_are_other() -> None:
    assert classify_kind("如何成为超级个体", body="现在报名训练营，原价2999元，早鸟价1999元。")[0] is DocKind.OTHER
    assert classify_kind("一人有限责任公司设立登记须知")[0] is DocKind.OTHER


def _roles(text: str) -> list[tuple[str, AmountRole]]:
    return [(str(a.value), a.role) for a in extract_amounts(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("对优质OPC项目最高给予2000万元股权投资。", [("20000000", AmountRole.SUPPORT)]),
        ("按算力费用的30%给予补贴，每家每年不超过20万元。", [("30", AmountRole.SUPPORT), ("200000", AmountRole.SUPPORT)]),
        ("给予每人每月3000元生活补助。", [("3000", AmountRole.SUPPORT)]),
        ("设立10亿元OPC天使基金。", [("1000000000", AmountRole.FUND)]),
        ("基金总规模50亿元。", [("5000000000", AmountRole.FUND)]),
        ("每年安排5000万元专项资金。", [("50000000", AmountRole.FUND)]),
        ("对年营业收入超过500万元的OPC企业，给予20万元奖励。",
         [("5000000", AmountRole.THRESHOLD), ("200000", AmountRole.SUPPORT)]),
        ("申报单位实缴注册资本不低于100万元。", [("1000000", AmountRole.THRESHOLD)]),
        ("研发投入占营业收入比例不低于5%的企业，给予奖励。", [("5", AmountRole.THRESHOLD)]),
        ("园区年产值超1100亿元。", [("110000000000", AmountRole.STATISTIC)]),
        ("一家企业已获近2亿元融资。", [("200000000", AmountRole.STATISTIC)]),
        ("全市数字经济规模达到2000亿元。", [("200000000000", AmountRole.STATISTIC)]),
        ("截至2025年底，累计发放补贴3000万元。", [("30000000", AmountRole.STATISTIC)]),
        ("资助金额分别为30万元、20万元和10万元。",
         [("300000", AmountRole.SUPPORT), ("200000", AmountRole.SUPPORT), ("100000", AmountRole.SUPPORT)]),
        ("The zone will set up a 500-million-yuan angel fund.", [("500000000", AmountRole.FUND)]),
        ("Winners can receive prizes of up to 300,000 yuan.", [("300000", AmountRole.SUPPORT)]),
    ],
)
def test_amount_roles(text: str, expected: list[tuple[str, AmountRole]]) -> None:
    assert _roles(text) == expected


def test_unknown_role_says_why_and_is_not_a_key_amount() -> None:
    (amount,) = extract_amounts("他说起那笔8000万元。")
    assert amount.role is AmountRole.UNKNOWN and amount.role_reason and amount.role_reason.startswith("无法判断")
    policy = parse_text("某区新闻\n园区年产值超1100亿元，设立10亿元基金。", url=URL)
    assert [str(a.value) for a in policy.key_amounts()] == ["1000000000"]
    assert policy.max_amount_yuan() == 1000000000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("申报截止时间为2026年3月31日。", date(2026, 3, 31)),
        ("请于4月15日前报送至区科技局。", date(2026, 4, 15)),
        ("受理时间：即日起至2026年5月20日。", date(2026, 5, 20)),
        ("截止日期：2026-02-28", date(2026, 2, 28)),
        ("申报时间：2026年3月10日至2026年4月10日，逾期不予受理。", date(2026, 4, 10)),
        ("网上申报截止3月20日，纸质材料于3月25日前报送。", date(2026, 3, 20)),
        ("截至2025年6月30日，园区已集聚企业100家。", None),
    ],
)
def test_deadline_forms(text: str, expected: date | None) -> None:
    assert find_deadline(text, DocKind.APPLICATION, date(2026, 3, 2)) == expected


def test_deadline_only_for_documents_that_invite() -> None:
    assert find_deadline("申报截止时间为2026年3月31日。", DocKind.NEWS, date(2026, 3, 2)) is None
    text = "关于开展2026年度OPC补贴申报工作的通知\n各区人民政府：\n请于4月15日前报送。\n2026年3月2日"
    policy = parse_text(text, url=URL, published=date(2026, 3, 2))
    assert policy.kind is DocKind.APPLICATION and policy.deadline == date(2026, 4, 15)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("江苏省人民政府办公厅关于印发《江苏省支持OPC创新创业的若干措施》的通知", "江苏省支持OPC创新创业的若干措施"),
        ("江苏省人民政府办公厅关于印发江苏省支持OPC创新创业若干措施的通知", "江苏省支持OPC创新创业若干措施"),
        ("苏州市人民政府关于加快OPC发展的若干意见", "关于加快OPC发展的若干意见"),
        ("杭州高新区（滨江）关于支持一人公司发展的实施办法（试行）", "关于支持一人公司发展的实施办法（试行）"),
        ("南京市支持一人公司发展若干措施", "南京市支持一人公司发展若干措施"),
    ],
)
def test_policy_name(title: str, name: str) -> None:
    kind, _ = classify_kind(title)
    assert policy_name(title, kind) == name


def test_no_policy_name_for_reports_and_interpretations() -> None:
    assert policy_name("一图读懂《江苏省若干措施》", DocKind.INTERPRETATION) is None
    assert policy_name("苏州发布OPC若干措施", DocKind.NEWS) is None


def test_cites_and_supersedes() -> None:
    body = ("为落实《江苏省支持OPC创新创业的若干措施》（以下简称《若干措施》），制定本办法。"
            "欢迎订阅《扬子晚报》。本办法自2026年3月1日起施行，《苏州市创业扶持办法》（苏府〔2020〕1号）同时废止；"
            "原苏州市众创空间管理办法不再执行。与本办法不一致的，以本办法为准。")
    assert cites("一图读懂《苏州市OPC认定办法》", body) == ("苏州市OPC认定办法", "江苏省支持OPC创新创业的若干措施",
                                                    "苏州市创业扶持办法")
    assert supersedes(body) == ("苏州市创业扶持办法", "苏府〔2020〕1号", "苏州市众创空间管理办法")
    assert supersedes("此前发布的相关政策同时废止。") == ()


def test_links_from_the_article_body() -> None:
    html = """<html><head><meta name="ArticleTitle" content="一图读懂《若干措施》"></head><body>
    <div class="nav"><a href="/index.html">首页</a></div>
    <div class="article-content"><p>OPC若干措施的图解。原文链接：<a href="../19/art_1_9.html">若干措施</a></p>
    <p><a href="https://www.other.gov.cn/col/col1/index.html">栏目</a><a href="/att/措施.pdf">附件</a>
    <a href="javascript:void(0)">打印</a><a href="#top">顶部</a>
    <a href="http://www.news.cn/2026/0119/c_1.htm">相关报道</a></p></div></body></html>"""
    policy = parse_document(html.encode(), url="https://www.example.gov.cn/art/2026/1/20/art_1_10.html", source_id="t")
    assert policy.links == ("https://www.example.gov.cn/art/2026/1/19/art_1_9.html", "http://www.news.cn/2026/0119/c_1.htm")
    assert policy.kind is DocKind.INTERPRETATION and policy.policy_name is None
    assert [a.name for a in policy.attachments] == ["附件"]
