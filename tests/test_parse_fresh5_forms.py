"""Forms found missing on a fifth fresh set of real pages (sentences written for these tests, no
page text): an instrument that calls itself 本工作方案 / 本行动计划 or is 制订 (制定's variant) under a
news headline, a 全解析 of named policies, a reposted self-media essay (本文来自微信公众号), an essay
that addresses its reader or prescribes for "us", a technical protocol article and a company-law
article whose law words stand partly in the title.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from parsers.amounts import extract_amounts
from parsers.kinds import classify_kind
from parsers.schema import Comparator, DocKind
from parsers.targets import extract_targets

_FILLER = "园区里有咖啡馆、会议室和共享工位，晚上也常有人在楼下的球场踢球。" * 6
_ENGLISH_PROSE = ("The park has a cafe, meeting rooms and shared desks, and in the evening people often play "
                  "football on the pitch downstairs. ") * 4


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


# --- essays: the reader addressed, "we" prescribed for, a self-media repost ---------------------

@pytest.mark.parametrize(
    "opening",
    [
        "如果你正在为下个月的房租发愁，不妨先把这篇看完。单干并不像传说中那么难，也不像传说中那么容易。",
        "你可能会问：一个人真的能开一家公司吗？答案比想象中简单。",
        "想象一下，一位裁缝不再雇帮工，量体、裁剪、缝纫全交给机器，她只管和客人聊天。",
        "单干的人得到了自由，也背上了风险。我们也许应该想一想，出了事谁来为他们兜底。",
    ],
)
def test_an_essay_talking_to_its_reader_is_other(opening: str) -> None:
    assert _kind("一个人的公司", opening + _FILLER) is DocKind.OTHER


def test_a_reposted_self_media_essay_is_other() -> None:
    title = "本文来自微信公众号：某某笔记，作者：某某，原文标题：《一个人的生意经》"
    assert _kind(title, "上周和几位做独立开发的朋友吃饭，聊起了各自这一年的收入。" + _FILLER) is DocKind.OTHER


@pytest.mark.parametrize(
    "body",
    [
        "记者近日走访发现，不少创业者表示，“你可能会问，一个人怎么开公司？其实工具都齐了。”" + _FILLER,
        "（本文来自某某财经报道）\n记者从区科技局获悉，该区新设立一人公司社区，首批入驻30家企业。" + _FILLER,
    ],
)
def test_a_report_quoting_such_words_stays_news(body: str) -> None:
    assert _kind("某区一人公司社区首批企业入驻", body) is DocKind.NEWS


# --- technical and law articles -----------------------------------------------------------------

def test_a_protocol_article_is_other() -> None:
    body = ("现场设备通过协议与服务器通信，客户端按接口读取信息模型中的节点；PLC的报文经网关转换后上送，"
            "端口和波特率须与通信参数一致。") + _FILLER
    assert _kind("工业通信入门", body) is DocKind.OTHER


def test_a_policy_report_mentioning_servers_stays_news() -> None:
    body = "记者从市工信局获悉，该市将为人工智能企业提供算力服务器补贴，并开放数据接口。" + _FILLER
    assert _kind("某市发布人工智能十条", body) is DocKind.NEWS


def test_law_words_in_the_title_count() -> None:
    title = "Công ty TNHH một thành viên: vốn điều lệ và trách nhiệm của chủ sở hữu theo Luật Doanh nghiệp"
    body = "Chủ sở hữu công ty TNHH một thành viên chịu trách nhiệm trong phạm vi vốn điều lệ. " * 2 + (
        "Hồ sơ đăng ký gồm giấy đề nghị, điều lệ công ty và bản sao giấy tờ pháp lý của chủ sở hữu. " * 3)
    assert _kind(title, body) is DocKind.OTHER  # four law words in the body, three more in the title


# --- alerts: the kinds a default subscription is told about -------------------------------------

@pytest.mark.parametrize(
    "title",
    ["关于开展2027年度某市“算力券”申领工作的通知", "关于做好某区“模型券”申领工作的通知"],
)
def test_a_voucher_claim_notice_is_an_application(title: str) -> None:
    assert _kind(title, _FILLER) is DocKind.APPLICATION


def test_a_blog_heading_about_vouchers_one_can_claim_is_no_application() -> None:
    body = "第二部分：独立开发者能领到哪些模型补贴政策\n\n" + _FILLER
    assert _kind("速看！模型补贴哪里领，三分钟教你上手？", body) not in (
        DocKind.APPLICATION, DocKind.POLICY, DocKind.RULES)


def test_measures_reposted_after_a_sentence_are_the_policy() -> None:
    title = "某市政府近日印发了智能产业高地建设方案，随文附上的政策条文照录如下，供读者参阅:"
    body = "某市支持智能产业高地建设的若干政策举措\n一、支持模型研发\n（一）发放训练补贴。" + _FILLER
    assert _kind(title, body) is DocKind.POLICY


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("某区2027年科技创新和OPC产业发展工作要点", DocKind.POLICY),
        ("政府工作报告（摘要）", DocKind.POLICY),
        ("某市 창업 생태계 육성 행동 방안(2027년)", DocKind.POLICY),
        ("2027년 1인 창조기업 지원사업 참여기업 모집 공고", DocKind.APPLICATION),
    ],
)
def test_instrument_titles(title: str, kind: DocKind) -> None:
    assert _kind(title, _FILLER) is kind


@pytest.mark.parametrize(
    "lede",
    [
        "창업 생태계를 키우기 위하여 본 행동 방안을 제정한다.\n\n1. 창업 공간 확충\n",
        "In order to improve the business environment of the city, these Measures are hereby formulated.\n",
    ],
)
def test_a_translated_preamble_makes_the_policy(lede: str) -> None:
    assert _kind("Business environment", lede + _FILLER) is DocKind.POLICY


def test_a_title_wrapped_over_two_lines_is_read_whole() -> None:
    body = ("某区科技局\n2027年8月1日\n某区支持创业社区发展若干措施\n配套资金使用管理办法（试行）\n"
            "第一章 总则\n") + _FILLER
    assert _kind("经研究，现将《某区支持创业社区发展若干措施配套资金使用管理办法（试行）》印发给你们。", body) is DocKind.RULES


def test_a_date_line_is_not_part_of_a_title() -> None:
    body = "某市经济和信息化局\n2027年8月1日\n某市促进智能产业发展若干政策措施\n一、总体要求\n" + _FILLER
    assert _kind("经研究，现将《某市促进智能产业发展若干政策措施》印发给你们。", body) is DocKind.POLICY


def test_a_programme_launch_headline_is_news() -> None:
    assert _kind("某新区启动“冰城OPC”计划", _FILLER) is DocKind.NEWS


@pytest.mark.parametrize("title", ["某市青年创业大赛启动", "某区OPC社区启动仪式举行"])
def test_a_contest_or_ceremony_launch_stays_an_event(title: str) -> None:
    assert _kind(title, _FILLER) is DocKind.EVENT


# --- a label before the headline: explainer, opinion, commentary column --------------------------

@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Explainer: how the city's model vouchers work and who can claim them", DocKind.INTERPRETATION),
        ("Q&A: what the new start-up rules mean for solo founders", DocKind.INTERPRETATION),
        ("Opinion: subsidies alone will not make a start-up boom", DocKind.OTHER),
        ("Policy Brief No. 3: the race for one-person firms", DocKind.OTHER),
        ("Analysis | Why cities compete for solo founders", DocKind.OTHER),
        ("某报评论｜社区比的不该是面积", DocKind.OTHER),
        ("【时评】创业社区不能只比面积", DocKind.OTHER),
    ],
)
def test_a_label_before_the_headline_says_what_the_piece_is(title: str, kind: DocKind) -> None:
    assert _kind(title, _ENGLISH_PROSE if title.isascii() else _FILLER * 2) is kind


def test_a_news_label_stays_news() -> None:
    assert _kind("【快讯】某区发布一人公司十条措施", _FILLER * 2) is DocKind.NEWS
    assert _kind("Suzhou offers solo founders free desks", _ENGLISH_PROSE) is DocKind.NEWS


def test_a_newspaper_commentator_byline_makes_commentary() -> None:
    body = "本报评论员 某某\n\n各地竞相为一人公司开出补贴，比拼的却常常只是数字。" + _FILLER
    assert _kind("补贴比拼，别只比数字", body) is DocKind.OTHER


def test_an_english_post_in_the_first_person_is_other() -> None:
    body = ("Just moved my desk into the new founders' space downtown. If you are building alone, I can tell you "
            "the free desks are real and the coffee is not bad. ") + _ENGLISH_PROSE
    assert _kind("New desk, new start", body) is DocKind.OTHER


def test_an_english_report_quoting_a_founder_stays_news() -> None:
    body = ('Suzhou on Monday opened a community for solo founders, the district said. "I moved my desk here because '
            'you get free compute," one founder said. ') + _ENGLISH_PROSE
    assert _kind("Suzhou opens desks for solo founders", body) is DocKind.NEWS


# --- amounts ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "value"),
    [("核心产业规模达到 3000 亿元。", Decimal("300000000000")), ("给予 50 万元补贴。", Decimal("500000")),
     ("单个项目最高 1.5 亿元。", Decimal("150000000"))],
)
def test_a_spaced_figure_before_wan_or_yi_is_read(text: str, value: Decimal) -> None:
    assert [a.value for a in extract_amounts(text)] == [value]


@pytest.mark.parametrize("text", ["到 2026 年底培育 5 个社区。", "装机 10 千瓦。", "吸引 3 万人次参观。"])
def test_spaced_counts_stay_no_amounts(text: str) -> None:
    assert extract_amounts(text) == []


# --- targets ---------------------------------------------------------------------------------------

def test_counts_in_an_instruments_preamble_are_goals_of_no_year() -> None:
    text = ("为推动本区创业生态上一个台阶，新建2个区级创业服务中心，培育20个以上行业智能体，"
            "开放100个以上示范场景，特制定本方案。")
    got = {(t.year, t.metric, t.value, t.comparator) for t in extract_targets(text)}
    assert got == {(None, "区级创业服务中心", Decimal(2), Comparator.EQ), (None, "行业智能体", Decimal(20), Comparator.GE),
                   (None, "示范场景", Decimal(100), Comparator.GE)}


def test_a_preamble_citing_documents_has_no_goals() -> None:
    text = "为贯彻《某省关于加快建设创新引领地的实施意见》（某府〔2027〕90号）等10份文件精神，现制定如下措施。"
    assert extract_targets(text) == []


def test_facts_before_a_preamble_stay_facts() -> None:
    text = "目前全区已建成3个创业社区。为进一步优化创业环境，特制定本方案。"
    assert extract_targets(text) == []


@pytest.mark.parametrize(
    "opening",
    ["In this guide, the paperwork of opening a small shop is set out step by step. ",
     "Below, we outline what a founder needs before opening a bank account. "],
)
def test_an_english_explainer_naming_itself_is_other(opening: str) -> None:
    assert _kind("Incentives available in a park", opening + _ENGLISH_PROSE) is DocKind.OTHER


_MEASURES_WITH_DEPARTMENTS = (
    "1.降低算力成本。对企业使用算力给予不超过费用30%的补助。（责任单位：市经信局、市财政局）\n"
    "2.开放数据。建立公共数据开放清单。（责任单位：市数据局）\n" + _FILLER)


def test_measures_each_with_its_departments_are_the_policy() -> None:
    assert _kind("某市打造智能产业高地", _MEASURES_WITH_DEPARTMENTS) is DocKind.POLICY
    assert _kind("某市发布打造智能产业高地十条措施", _MEASURES_WITH_DEPARTMENTS) is DocKind.POLICY


def test_a_report_naming_one_department_stays_news() -> None:
    body = "记者从市经信局获悉，该市将对企业使用算力给予补助（责任单位：市经信局）。" + _FILLER
    assert _kind("某市发布打造智能产业高地十条措施", body) is DocKind.NEWS


# --- a document released at a meeting; drafting notes ---------------------------------------------

@pytest.mark.parametrize(
    "lede",
    ["在上周召开的全区创业工作会议上，《某区智能体产业三年计划》正式发布，提出培育一批企业。",
     "《某区创业生态白皮书》昨天在区里举办的创业者大会上发布。白皮书说，入驻企业逐月增加。"],
)
def test_a_document_released_at_a_meeting_is_news(lede: str) -> None:
    assert _kind("", lede + _FILLER) is DocKind.NEWS


def test_a_meeting_report_stays_an_event() -> None:
    lede = "3月2日，全市创新大会在会展中心举行，市长出席并致辞。"
    assert _kind("", lede + _FILLER) is DocKind.EVENT


def test_drafting_notes_are_an_interpretation() -> None:
    assert _kind("关于《某市智能产业资金管理办法（试行）》的起草说明", _FILLER) is DocKind.INTERPRETATION


# --- site genres, explainer columns, openings -------------------------------------------------------

@pytest.mark.parametrize(
    "title",
    ["某某OPC创业港_百度百科", "在某区注册一人公司有哪些补贴？值得去吗？ - 知乎",
     "一人公司股东要对公司债务承担连带责任吗？_律师在线解答_找法问答"],
)
def test_an_encyclopedia_or_qa_site_page_is_other(title: str) -> None:
    assert _kind(title, _FILLER * 2) is DocKind.OTHER


@pytest.mark.parametrize(
    "title", ["【视频】1分钟了解某区“OPC十条”", "记者帮你问｜创业补贴怎么领？", "一问到底｜在某区开一家一人公司能拿多少钱？"],
)
def test_an_explainer_column_is_an_interpretation(title: str) -> None:
    assert _kind(title, _FILLER * 2) is DocKind.INTERPRETATION


def test_a_protocol_primer_reading_in_one_article_stays_other() -> None:
    body = ("现场设备通过协议与服务器通信，客户端按接口读取信息模型中的节点；PLC的报文经网关转换后上送，"
            "端口和波特率须与通信参数一致。") + _FILLER
    assert _kind("OPC UA 入门：一文看懂工业通信协议", body) is DocKind.OTHER


def test_an_opening_headline_is_an_event() -> None:
    assert _kind("某区OPC社区正式开园！首批32家“一人公司”入驻", _FILLER * 2) is DocKind.EVENT


def test_a_speaker_reported_without_quotation_marks_stays_news() -> None:
    body = "记者从全市创新工作会议上获悉。市长在讲话中强调，我们必须把一人公司社区建设好，让创业者留得下。" + _FILLER
    assert _kind("某市部署一人公司社区建设", body) is DocKind.NEWS


def test_a_telecom_report_is_no_protocol_article() -> None:
    body = ("记者从市通信管理局获悉，今年全市新建通信基站2000个，数据中心新增服务器5万台，"
            "通信网络覆盖所有园区，服务器上架率超过八成，通信企业营收增长。") + _FILLER
    assert _kind("某市通信基础设施建设提速", body) is DocKind.NEWS
