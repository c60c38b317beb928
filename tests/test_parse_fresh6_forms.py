"""Forms found missing on a sixth fresh set of real pages, one dense in numbers (sentences written
for these tests, no page text): the state's own money put into a fund, one fund of a family, a sum
spent in all, award tiers named once for a list, an item with a note in brackets, one cap over two
awards, a bound restated in brackets, Korean programme budgets and caps, a conversion that names
its currency, Korean and English goals, and a city or district named by an English phrase or a
government host.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from parsers import parse_text
from parsers.amounts import extract_amounts
from parsers.schema import AmountRole, Comparator, Qualifier
from parsers.targets import extract_targets


def _amounts(text: str) -> list[tuple[Decimal, str, Qualifier, AmountRole]]:
    return [(a.value, a.currency, a.qualifier, a.role) for a in extract_amounts(text)]


# --- fund sizes -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("在省级层面由财政出资200亿元，带动社会资本参与。", Decimal("20000000000"), Qualifier.TOTAL),
        ("本次50亿元全部由区财政全额出资，存续期12年。", Decimal("5000000000"), Qualifier.TOTAL),
        ("母基金下设三只区域基金，单只规模超80亿元。", Decimal("8000000000"), Qualifier.AT_LEAST),
        ("每年市区两级总共投入最高2.4亿元用于示范区建设。", Decimal("240000000"), Qualifier.UP_TO),
        ("为了留住这些创业者，区政府干脆掏了5个亿。", Decimal("500000000"), Qualifier.TOTAL),
    ],
)
def test_the_states_own_money_and_one_fund_of_a_family_are_fund_sizes(
        text: str, value: Decimal, qualifier: Qualifier) -> None:
    assert _amounts(text) == [(value, "CNY", qualifier, AmountRole.FUND)]


def test_money_a_grant_is_paid_from_stays_support() -> None:
    # The grant is what the beneficiary gets; who pays it does not make it a fund.
    assert _amounts("对认定的企业给予50万元奖励，由区财政出资。") == [
        (Decimal("500000"), "CNY", Qualifier.EXACT, AmountRole.SUPPORT)]


# --- lists --------------------------------------------------------------------------------------

def test_award_tiers_named_once_after_the_list_are_all_support() -> None:
    got = _amounts("对考核优秀的服务机构，分80万元、50万元、30万元三档给予奖励。")
    assert [g[3] for g in got] == [AmountRole.SUPPORT] * 3


def test_a_list_whose_first_item_says_what_it_is_keeps_that_role() -> None:
    got = _amounts("对首次认定的国家级、省级平台，分别给予100万元、50万元一次性奖励，设立20亿元、10亿元两只基金。")
    assert [g[3] for g in got] == [AmountRole.SUPPORT, AmountRole.SUPPORT, AmountRole.FUND, AmountRole.FUND]


def test_an_item_after_a_bracketed_note_takes_the_role_before_it() -> None:
    got = _amounts("Each new clinic receives a start-up subsidy of RMB 30,000 (leased premises) or RMB 60,000 (owned premises).")
    assert [g[3] for g in got] == [AmountRole.SUPPORT, AmountRole.SUPPORT]


def test_one_cap_before_two_named_awards_caps_both() -> None:
    got = _amounts("单个团队每年最高可获得300万元研发奖励和100万元人才奖励。")
    assert [g[2] for g in got] == [Qualifier.UP_TO, Qualifier.UP_TO]


@pytest.mark.parametrize(
    "text",
    [
        "Shops whose sales last year exceed RMB2 million (inclusive of RMB2 million) receive a bonus of RMB10,000.",
        "年销售额超过200万元（含200万元）的企业，给予1万元奖励。",
    ],
)
def test_a_bound_restated_in_brackets_is_the_same_condition(text: str) -> None:
    got = _amounts(text)
    assert got[0][2:] == got[1][2:] == (Qualifier.AT_LEAST, AmountRole.THRESHOLD)
    assert got[2][3] is AmountRole.SUPPORT


def test_a_restated_bound_is_no_english_goal() -> None:
    text = "Firms registered here, whose revenue in 2025 exceeds RMB8 million (inclusive of RMB8 million), get a reward."
    assert extract_targets(text) == []


# --- Korean reports -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("시 정부는 청년 창업팀에 20억위안(약 4천억원) 규모의 보조금을 지원하기로 했다.",
         [(Decimal("2000000000"), "CNY", Qualifier.TOTAL, AmountRole.FUND),
          (Decimal("400000000000"), "KRW", Qualifier.TOTAL, AmountRole.FUND)]),
        ("구는 매년 2억 위안 상당의 데이터 쿠폰을 발행한다.", [(Decimal("200000000"), "CNY", Qualifier.TOTAL, AmountRole.FUND)]),
        ("모델 구매 비용을 보전하는 데 5억위안의 쿠폰을 발급한다.", [(Decimal("500000000"), "CNY", Qualifier.TOTAL, AmountRole.FUND)]),
        ("교육 비용 지원 보조금으로 2억위안을 할당했다.", [(Decimal("200000000"), "CNY", Qualifier.TOTAL, AmountRole.FUND)]),
        ("공공 서비스 수요를 위해 연 3,000만 위안의 보조금을 마련한다.", [(Decimal("30000000"), "CNY", Qualifier.TOTAL, AmountRole.FUND)]),
    ],
)
def test_korean_programme_budgets_are_funds(text: str, expected: list[tuple[Decimal, str, Qualifier, AmountRole]]) -> None:
    assert _amounts(text) == expected


def test_korean_what_one_recipient_gets_stays_support() -> None:
    assert _amounts("우수 인재에게는 1인당 최대 40만위안(7천600만원) 규모의 장려금을 지급한다.") == [
        (Decimal("400000"), "CNY", Qualifier.UP_TO, AmountRole.SUPPORT),
        (Decimal("76000000"), "KRW", Qualifier.UP_TO, AmountRole.SUPPORT)]


def test_korean_yeon_inside_a_word_is_no_yearly_budget() -> None:
    # 관련 ends in 연: "related", not "a year".
    got = _amounts("데이터 관련 5억 위안의 매출을 올린 기업이 늘었다.")
    assert got[0][3] is not AmountRole.FUND


def test_korean_choego_is_a_cap_and_a_conversion_may_name_its_currency() -> None:
    assert _amounts("핵심 인재팀을 유치할 경우 최고 2억 위안(한화로 약 380억 원)의 프로젝트 비용을 지원한다.") == [
        (Decimal("200000000"), "CNY", Qualifier.UP_TO, AmountRole.SUPPORT),
        (Decimal("38000000000"), "KRW", Qualifier.UP_TO, AmountRole.SUPPORT)]


def test_korean_contract_value_a_company_must_pass_is_a_threshold() -> None:
    got = _amounts("실제 계약 금액이 3000만 위안을 넘어서는 기업에 50만 위안의 지원금을 준다.")
    assert [(g[2], g[3]) for g in got] == [(Qualifier.AT_LEAST, AmountRole.THRESHOLD), (Qualifier.EXACT, AmountRole.SUPPORT)]


# --- goals ----------------------------------------------------------------------------------------

def _targets(text: str) -> list[tuple[int | None, str, Decimal, Comparator, str | None]]:
    return [(t.year, t.metric, t.value, t.comparator, t.unit) for t in extract_targets(text)]


def test_what_a_programme_will_go_on_to_found_is_a_goal_without_year() -> None:
    assert _targets("引导基金首期到位，未来将孵化300只子基金。") == [(None, "子基金", Decimal(300), Comparator.EQ, None)]


@pytest.mark.parametrize("text", ["他表示，未来将继续做好企业服务。", "该母基金已经投资了40只子基金。",
                                  "园区未来将建成总建筑面积约30万平方米的创业基地。"])
def test_a_plain_future_or_a_fact_or_an_area_is_no_goal(text: str) -> None:
    assert _targets(text) == []


def test_an_english_goal_with_a_pre_modifier_is_glossed() -> None:
    assert _targets("The district aims to open 20 dedicated OPC communities within the next two years.") == [
        (None, "OPC社区", Decimal(20), Comparator.EQ, None)]


def test_korean_goal_year_written_as_the_aim_and_a_sentence_building_on_it() -> None:
    text = ("시 정부는 2028년 달성을 목표로 30개 이상의 핵심 기술 지표를 달성하고 200개 이상의 인공지능 기업을 양성할 계획이다. "
            "이를 토대로 산업 규모를 800억 위안 이상으로 키운다.")
    assert _targets(text) == [
        (2028, "核心技术指标", Decimal(30), Comparator.GE, None),
        (2028, "人工智能企业", Decimal(200), Comparator.GE, None),
        (2028, "产业规模", Decimal("80000000000"), Comparator.GE, "yuan"),
    ]


def test_korean_computing_power_goal() -> None:
    assert _targets("구는 2027년까지 컴퓨팅 파워를 5천 PFlops로 구축한다는 목표를 내놨다.") == [
        (2027, "算力", Decimal(5000), Comparator.EQ, "PFLOPS")]


def test_a_korean_sentence_after_a_plain_one_stays_no_goal() -> None:
    assert _targets("시는 작년에 기업 300개를 유치했다. 이를 토대로 산업 규모는 500억 위안에 이르렀다.") == []


# --- regions --------------------------------------------------------------------------------------

_BODY = "The measures take effect on the day of issue. Eligible firms apply online and submit their documents."


def _region(url: str, text: str) -> str | None:
    return parse_text(text, url=url, source_id="t").region_code


@pytest.mark.parametrize(
    ("url", "code"),
    [("http://english.siming.gov.cn/policies/a.htm", "350203"), ("https://www.xiamen.gov.cn/zwgk/b.html", "350200"),
     ("https://english.www.gov.cn/policies/c.html", None), ("https://news.example.com/siming/d.html", None)],
)
def test_a_government_host_named_after_a_place_gives_the_region(url: str, code: str | None) -> None:
    assert _region(url, "Policy in Support of Private Firms\n" + _BODY) == code


def test_zhongshan_with_its_administration_is_the_city() -> None:
    text = "Reward fund notice\nOn 3 June, the Zhongshan Market Supervision and Administration Bureau issued a notice. " + _BODY
    assert _region("https://example.org/notice.html", text) == "442000"


def test_zhongshan_alone_stays_no_place() -> None:
    assert _region("https://example.org/road.html", "A walk\nWe walked along Zhongshan Road after lunch. " + _BODY) is None


@pytest.mark.parametrize(
    "title",
    ["北京、上海等12城密集出台人工智能扶持政策", "중국 베이징 등 8개 도시서 AI 보조금 정책 발표", "杭州等多地出台算力券新政"],
)
def test_a_roundup_title_counting_its_cities_is_no_region(title: str) -> None:
    body = ("记者梳理发现，北京、上海、深圳、杭州、武汉等地近期纷纷发布算力券和模型券政策，"
            "北京经开区每年发放算力券，上海发布专项措施，深圳、杭州也在跟进。")
    assert _region("https://news.example.com/a.html", f"{title}\n{body}") is None


def test_a_title_with_two_places_of_one_province_keeps_its_city() -> None:
    body = "记者从区科技局获悉，南京江宁区近日发布OPC社区支持措施，对入驻企业给予房租补贴。"
    assert _region("https://news.example.com/b.html", "江苏南京江宁：3家OPC社区集中揭牌\n" + body) in ("320115", "320100")
