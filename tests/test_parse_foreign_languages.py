"""Amounts, targets, regions and relevance on pages written in other languages than Chinese.

Every sentence here is written for this test (in the style of foreign reports on China's OPC and
AI support), not copied from a crawled page.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from parsers import parse_text
from parsers.amounts import extract_amounts
from parsers.regions import find_regions
from parsers.relevance import assess_relevance
from parsers.targets import extract_targets


def _amounts(text: str) -> list[tuple[str, str, str, str | None, str]]:
    return [(str(a.value), a.currency, a.qualifier.value, None if a.low is None else str(a.low), a.role.value)
            for a in extract_amounts(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The district has earmarked about 300 million yuan (42 million dollars) in vouchers.",
     [("300000000", "CNY", "approx", None, "fund"), ("42000000", "USD", "approx", None, "fund")]),
    ("Startups may receive up to 2 million yuan in subsidies.", [("2000000", "CNY", "up_to", None, "support")]),
    ("La ville a débloqué une enveloppe d’un montant total de 200 millions de yuans (25 millions d’euros).",
     [("200000000", "CNY", "total", None, "fund"), ("25000000", "EUR", "total", None, "fund")]),
    ("chaque équipe reçoit une subvention de 2 à 5 millions de yuans",
     [("5000000", "CNY", "range", "2000000", "support")]),
    ("ils ont obtenu de 300 000 à 1,5 million de yuans de subventions",
     [("1500000", "CNY", "range", "300000", "support")]),
    ("El distrito ha destinado unos 400 millones de yuanes (56 millones de dólares) en vales.",
     [("400000000", "CNY", "approx", None, "fund"), ("56000000", "USD", "approx", None, "fund")]),
    ("Thành phố phân bổ 300 triệu nhân dân tệ (tương đương 42,5 triệu USD) cho chương trình phiếu điện toán.",
     [("300000000", "CNY", "total", None, "fund"), ("42500000", "USD", "total", None, "fund")]),
    ("mỗi tháng anh chi khoảng 3.000 NDT (hơn 10,5 triệu đồng) cho năng lực tính toán",
     [("3000", "CNY", "approx", None, "statistic"), ("10500000", "VND", "approx", None, "statistic")]),
    ("시범 프로젝트에는 최대 5천만 위안(약 95억원)의 지원금이 지급된다",
     [("50000000", "CNY", "up_to", None, "support"), ("9500000000", "KRW", "up_to", None, "support")]),
    ("지난해 1천200억 위안(23조4천억원) 이상의 매출을 올렸다",
     [("120000000000", "CNY", "at_least", None, "statistic"), ("23400000000000", "KRW", "at_least", None, "statistic")]),
    ("the city will set up a fund system worth over a trillion yuan", [("1000000000000", "CNY", "at_least", None, "fund")]),
    ("revenue will surpass RMB200 billion", [("200000000000", "CNY", "at_least", None, "statistic")]),
    ("他去年的收入是300多万美元。", [("3000000", "USD", "at_least", None, "statistic")]),
    ("累计发放补贴128万余元", [("1280000", "CNY", "at_least", None, "statistic")]),
])
def test_money_in_other_languages(text: str, expected: list) -> None:
    assert _amounts(text) == expected


@pytest.mark.parametrize(("text", "value", "qualifier"), [
    ("vouchers that cover up to 70% of computing costs", "70", "up_to"),
    ("subsidies at a rate not exceeding 25% of the contract fee", "25", "up_to"),
    ("des aides couvrant jusqu’à 60 % des dépenses de calcul", "60", "up_to"),
    ("vales que cubren hasta el 50 % de los costes de alquiler", "50", "up_to"),
    ("trợ cấp tới 40% chi phí thuê máy chủ", "40", "up_to"),
    ("l’entreprise sera remboursée de la moitié de ses dépenses en calcul", "50", "exact"),
])
def test_support_ratios_in_other_languages(text: str, value: str, qualifier: str) -> None:
    (ratio,) = [a for a in extract_amounts(text) if a.unit.value == "percent"]
    assert (str(ratio.value), ratio.qualifier.value, ratio.role.value) == (value, qualifier, "support")


@pytest.mark.parametrize("text", [
    "the data centres run at only 20–30% of capacity",
    "Population grew by 3% last year, to 12 million people.",
    "Room 5, 200 metres from the station, opened in 2025.",
    "The new inference chip is up to 30% faster than the last one.",
])
def test_not_amounts_in_other_languages(text: str) -> None:
    assert extract_amounts(text) == []


@pytest.mark.parametrize(("text", "code"), [
    ("Les subventions de Pékin attirent les start-up.", "110000"),
    ("Tô Châu công bố chính sách mới cho công ty một người.", "320500"),
    ("쑤저우시는 OPC 커뮤니티를 조성한다.", "320500"),
    ("深センのスタートアップ支援策", "440300"),
    ("A new OPC hub opened in Kunshan this week.", "320583"),
    ("The Lingang Special Area announced the measures.", "310000Z01"),
    ("Quảng Châu và Thâm Quyến", "440100"),
    ("Район Ухоу в Чэнду объявил о поддержке", "510107"),
    ("власти Шанхая объявили", "310000"),
    ("เขตความร่วมมือเฉียนไห่ เมืองเซินเจิ้น", "440300Z01"),
])
def test_foreign_place_names(text: str, code: str) -> None:
    assert find_regions(text)[0].code == code


@pytest.mark.parametrize("text", [
    "She studied at Peking University and Nanjing University.",
    "Researchers from Harbin Institute of Technology said so.",
    "Ali said the app was ready.",
])
def test_foreign_words_that_are_not_places(text: str) -> None:
    assert find_regions(text) == []


def test_korean_and_japanese_targets_are_read_with_chinese_metrics() -> None:
    korean = "시는 2027년까지 20개 이상의 OPC 커뮤니티를 만들고 500개의 신규 OPC 기업을 육성할 계획이다."
    japanese = "同市は2027年までにOPCコミュニティを15か所以上整備する。"
    got = [(t.year, t.metric, str(t.value), t.comparator.value) for t in extract_targets(korean + "\n" + japanese)]
    assert got == [(2027, "OPC社区", "20", ">="), (2027, "新增OPC企业", "500", "="), (2027, "OPC社区", "15", ">=")]


def test_goal_section_sentences_inherit_the_year() -> None:
    text = ("一、发展目标\n到2027年，全市人工智能产业加快发展。建成OPC社区20个，集聚人工智能企业300家。\n"
            "1.壮大创新主体。培育OPC企业500家以上。\n二、重点任务\n目前已建成孵化器12家。")
    got = [(t.year, t.metric, str(t.value), t.comparator.value) for t in extract_targets(text)]
    assert got == [(2027, "OPC社区", "20", "="), (2027, "人工智能企业", "300", "="), (2027, "OPC企业", "500", ">=")]


def test_a_sentence_after_a_goal_that_states_a_fact_is_no_target() -> None:
    text = "目标到2030年打造40个OPC社区。目前已建成8家OPC园区，提供600个创业席位。"
    assert [(t.year, str(t.value)) for t in extract_targets(text)] == [(2030, "40")]


def test_taiwan_vocabulary_on_traditional_pages() -> None:
    policy = parse_text("到2026年，打造人工智慧標杆應用場景10個，集聚人工智慧核心企業100家。", url="https://example.org/a")
    assert [t.metric for t in policy.targets] == ["人工智能标杆应用场景", "人工智能核心企业"]


@pytest.mark.parametrize(("title", "body", "is_opc"), [
    ("Incorporation of a one person company", "A sole trader may register a one person company to keep control.", False),
    ("China's one-person companies", "Cities offer AI compute subsidies to one-person companies and super individuals.", True),
    ("The solo economy", "The 1-person company runs on agentic workflows; a one-person company replaces a 10-person firm.", True),
    # 超级个体 as a slogan in a personal essay, with one passing 一人公司: no support anywhere.
    ("被裁之后，我才看清“超级个体”", "凌晨两点，他还在用AI写方案。他说自己是超级个体，要做一人公司。三个月后，他的存款见底。", False),
    ("超级个体入驻OPC社区", "园区为超级个体提供工位和算力补贴，一人公司可申报。", True),
    ("Subventions", "La ville aide les entreprises d’une seule personne qui utilisent l’IA : une entreprise d’une personne reçoit des bons.", True),
    ("Förderung", "Die Stadt fördert Ein-Personen-Unternehmen mit KI; jedes Einpersonenunternehmen erhält Rechenleistung.", True),
    ("Hỗ trợ", "Thành phố hỗ trợ công ty một người dùng AI. Mỗi công ty một người được trợ cấp.", True),
    ("1인 기업 지원", "시는 인공지능을 활용하는 1인 기업에 보조금을 준다. 1인 창업 공간도 제공한다.", True),
    # The legal single-member company is law, not the AI-era solo venture.
    ("Société unipersonnelle", "Une entreprise d’une seule personne peut prendre la forme d’une société unipersonnelle. "
     "L’associé unique d’une entreprise d’une personne et la société unipersonnelle: les règles.", False),
])
def test_one_person_company_needs_ai_or_support(title: str, body: str, is_opc: bool) -> None:
    assert assess_relevance(title, body).is_opc is is_opc


def test_decimal_and_thousands_separators_follow_the_language() -> None:
    from parsers.amount_foreign import number

    assert [number(s) for s in ("1,000", "1.000", "1 000", "1,2", "84,1", "2.5", "1.234,5")] == [
        Decimal(1000), Decimal(1000), Decimal(1000), Decimal("1.2"), Decimal("84.1"), Decimal("2.5"), Decimal("1234.5")]


def test_english_plan_targets_with_units_and_chinese_metrics() -> None:
    text = ("II. Main goals\n"
            "By 2026, the city's computing power will exceed 25EFLOPS, and the scale of the core artificial "
            "intelligence industry will exceed 120 billion yuan. By 2028, with a computing power scale of more than "
            "40EFLOPS, more than 300 application scenarios will be created.\n"
            "The plan also says the value of the core AI industry will surpass RMB150 billion by 2030, "
            "with the number of AI enterprises exceeding 1,500.")
    got = [(t.year, t.metric, str(t.value), t.comparator.value, t.unit) for t in extract_targets(text)]
    assert got == [
        (2026, "算力", "25", ">", "EFLOPS"),
        (2026, "人工智能核心产业规模", "120000000000", ">", "yuan"),
        (2028, "算力规模", "40", ">", "EFLOPS"),
        (2028, "应用场景", "300", ">", None),
        (2030, "人工智能核心产业规模", "150000000000", ">", "yuan"),
        (2030, "人工智能企业", "1500", ">", None),
    ]


def test_english_areas_and_untranslatable_metrics() -> None:
    text = "By the end of 2028, the district aims to build over 8 OPC communities, each with a minimum area of 5,000 square meters, and 40 robot labs."
    got = [(t.year, t.metric, str(t.value)) for t in extract_targets(text)]
    assert got == [(2028, "OPC社区", "8"), (2028, "robot labs", "40")]


@pytest.mark.parametrize(("text", "expected"), [
    # The metric is in the clause before 达到 when the figure's own clause has none.
    ("一、发展目标\n到2027年，全市OPC企业数量翻一番，达到3000家；人工智能企业营业收入增加一倍，达到800亿元。",
     [(2027, "OPC企业", "3000", "="), (2027, "人工智能企业营业收入", "80000000000", "=")]),
    # A range goal has no single figure; a counted noun ends before its verb.
    ("到2027年，争创2—3个国家级产业集群，赋能千家企业完成数字化改造。", [(2027, "企业", "1000", "=")]),
    ("到2026年，五年累计突破500个示范项目。", [(2026, "示范项目", "500", ">")]),
])
def test_chinese_goal_forms(text: str, expected: list) -> None:
    assert [(t.year, t.metric, str(t.value), t.comparator.value) for t in extract_targets(text)] == expected


@pytest.mark.parametrize(("text", "code"), [
    # The dateline is where the reporter files from; the story is about the province in the title.
    ("(중국 난징=신화통신) 장쑤(江苏)성이 AI 창업 지원 정책을 발표했다.\n"
     "쑤저우(苏州)시는 OPC 커뮤니티를 조성한다. 쑤저우시 관계자는 지원을 밝혔다.", "320000"),
    ("BEIJING, Feb. 2 (Xinhua) -- Zhejiang unveils subsidies for one-person companies\n"
     "Hangzhou and Ningbo will offer computing vouchers to one-person companies in Zhejiang.", "330000"),
])
def test_datelines_do_not_decide_the_region(text: str, code: str) -> None:
    assert parse_text(text, url="https://news.example.org/1").region_code == code


def test_a_story_about_one_city_of_the_province_named_in_its_lead() -> None:
    text = ("Hàng nghìn công ty chỉ có một nhân viên\n"
            "OPC, viết tắt của One Person Company, đang nở rộ tại tỉnh Giang Tô, Trung Quốc. Giang Tô có nhiều chính sách.\n"
            "Tô Châu đã mở cộng đồng OPC đầu tiên. Chính quyền Tô Châu hỗ trợ thuê văn phòng.\n"
            "Tại Tô Châu, các công ty một người được trợ cấp. Tô Châu cũng cấp phiếu điện toán.")
    assert parse_text(text, url="https://vn.example.org/2").region_code == "320500"


@pytest.mark.parametrize("body", [
    "为加快人工智能产业发展，结合本市实际，现就有关工作安排如下。\n一、总体要求\n坚持创新驱动，推动人工智能与实体经济深度融合，"
    "打造一批标杆场景和领军企业，形成具有竞争力的产业生态，为高质量发展提供支撑。\n二、重点任务\n（一）强化算力供给。"
    "统筹全市智能算力资源，支持企业租用算力开展模型训练和应用开发，降低创新主体的算力使用成本，"
    "鼓励算力服务商面向中小企业和一人公司提供普惠算力产品，推动算力资源共享和高效调度。",
    "To accelerate the development of the AI industry in the province, these measures are formulated for all departments.\n"
    "I. Overall goal\nBy 2027, the province's computing power will exceed 30EFLOPS and more than 200 application scenarios "
    "will be created, with the industry ecosystem basically formed and the innovation system further improved.",
])
def test_an_instrument_reposted_without_its_formal_title(body: str) -> None:
    policy = parse_text("人工智能产业发展若干举措全文\n" + body, url="https://mirror.example.org/p/1")
    assert policy.kind.value == "policy", policy.kind_reason


@pytest.mark.parametrize(("text", "expected"), [
    ("Participants can get vouchers worth до 200 тыс. юаней (около 2,2 млн рублей) в год.",
     [("200000", "CNY", "up_to", None), ("2200000", "RUB", "up_to", None)]),
    ("Победители получат гранты от 50 000 до 200 000 юаней.", [("200000", "CNY", "range", "50000")]),
    ("setiap OPC bisa mendapat subsidi hingga 200.000 yuan (sekitar Rp 460 juta) per tahun",
     [("200000", "CNY", "up_to", None), ("460000000", "IDR", "up_to", None)]),
    ("คูปองสูงสุด 300,000 หยวน (ประมาณ 1.4 ล้านบาท) ต่อปี", [("300000", "CNY", "up_to", None), ("1400000", "THB", "up_to", None)]),
    ("şirketlere proje başına en fazla 3 milyon yuan hibe verilecek", [("3000000", "CNY", "up_to", None)]),
    ("il distretto offre fino a 2 milioni di yuan per progetto", [("2000000", "CNY", "up_to", None)]),
    ("poderá receber até R$ 250 mil", [("250000", "BRL", "up_to", None)]),
    ("paid-up capital exceeded ₹50 lakh; most founders start with ₹1,00,000 (one lakh rupees)",
     [("5000000", "INR", "at_least", None), ("100000", "INR", "exact", None)]),
    ("can receive RMB 2 million to RMB 5 million (roughly US$280,000 to US$700,000)",
     [("5000000", "CNY", "range", "2000000"), ("700000", "USD", "range", "280000")]),
    ("우수 프로젝트에는 200만~500만 위안을 투자한다", [("5000000", "CNY", "range", "2000000")]),
    ("有望なプロジェクトには200万〜600万元を出資する", [("6000000", "CNY", "range", "2000000")]),
    ("1社あたり年間最大30万元（約630万円）を支給する", [("300000", "CNY", "up_to", None), ("6300000", "JPY", "up_to", None)]),
])
def test_money_in_more_languages(text: str, expected: list) -> None:
    got = [(str(a.value), a.currency, a.qualifier.value, None if a.low is None else str(a.low)) for a in extract_amounts(text)]
    assert got == expected


@pytest.mark.parametrize(("text", "value"), [
    ("Gründer erhalten einen Mietzuschuss von 40 Prozent.", "40"),
    ("un contributo all'affitto pari al 30% per tre anni", "30"),
    ("компенсацию аренды офиса в размере до 60%", "60"),
    ("ekipman yatırımının yüzde 20'sine kadar hibe", "20"),
    ("임대료의 50%를 지원받는다", "50"),
    ("Pemerintah menanggung 70% biaya sewa kantor", "70"),
])
def test_support_ratios_in_more_languages(text: str, value: str) -> None:
    assert [str(a.value) for a in extract_amounts(text) if a.unit.value == "percent"] == [value]


@pytest.mark.parametrize(("text", "role"), [
    ("A seed fund of 2 billion yuan will invest up to 5 million yuan per project.", ["fund", "support"]),
    ("La startup cierra una ronda de 300 millones de yuanes.", ["statistic"]),
    ("Empresas com faturamento acima de 10 milhões de yuans recebem um prêmio.", ["threshold"]),
    ("우수 프로젝트에는 개발구 펀드가 100만~300만 위안을 투자한다.", ["support"]),
])
def test_roles_in_other_languages(text: str, role: list[str]) -> None:
    assert [a.role.value for a in extract_amounts(text)] == role


@pytest.mark.parametrize(("text", "expected"), [
    ("D’ici 2028, la zone espère accueillir plus de 2\u202f000 OPC et au moins 5\u202f000 talents de l’IA.",
     [(2028, "OPC企业", "2000", ">"), (2028, "人才", "5000", ">=")]),
    ("Para 2027, el distrito prevé contar con más de 600 OPC y al menos 4 comunidades especializadas.",
     [(2027, "OPC企业", "600", ">"), (2027, "社区", "4", ">=")]),
    ("A meta é reunir mais de 1.500 OPC e criar 12 comunidades até o fim de 2028.",
     [(2028, "OPC企业", "1500", ">"), (2028, "社区", "12", "=")]),
    ("К 2027 году власти рассчитывают привлечь более 700 OPC.", [(2027, "OPC企业", "700", ">")]),
    ("Pada 2027, distrik menargetkan lebih dari 400 OPC dan 6 komunitas OPC.",
     [(2027, "OPC企业", "400", ">"), (2027, "OPC社区", "6", "=")]),
    ("ภายในปี 2570 จะมี OPC มากกว่า 1,200 ราย", [(2027, "OPC企业", "1200", ">")]),
    ("Yetkililer 2027'ye kadar en az 40 akıllı fabrika kurulmasını hedefliyor.", [(2027, "工厂", "40", ">=")]),
    ("개발구는 2028년까지 OPC 800개 이상을 유치하고 커뮤니티 4곳을 조성한다.",
     [(2028, "OPC企业", "800", ">="), (2028, "社区", "4", "=")]),
    ("同区は2028年までにOPCを2,000社以上集積する。", [(2028, "OPC企业", "2000", ">=")]),
])
def test_targets_in_more_languages(text: str, expected: list) -> None:
    got = sorted((t.year, t.metric, str(t.value), t.comparator.value) for t in extract_targets(text))
    assert got == sorted(expected)


def test_goals_for_this_year_take_the_page_year() -> None:
    text = "今年，江阴提出年内新增OPC主体150家的目标。到今年底，全区OPC社区将达到8个。\n学员说，半年内实现月收入超过5万元。"
    got = [(t.year, t.metric, str(t.value)) for t in extract_targets(text, reference_year=2026)]
    assert got == [(2026, "OPC主体", "150"), (2026, "OPC社区", "8")]
    assert [t.year for t in extract_targets(text)] == [None, None]  # no page year: never invented


@pytest.mark.parametrize(("text", "kind"), [
    ("一人有限责任公司股东如何避免连带责任？\n新《公司法》施行后，一人有限责任公司的股东应当证明公司财产独立于自己的财产，否则对公司债务承担"
     "连带责任。债权人可以请求股东承担责任。实务中，股东应保留财务记录，公司法第二十三条对此作了规定，股东与公司之间的往来要有凭证。"
     "律师建议，一人有限责任公司每年进行审计，股东不要混用账户，避免人格否认。", "other"),
    ("Zhongguancun invites OPC founders to its AI contest\nThe Haidian district opened applications for its second OPC "
     "contest for AI founders. Teams can win prizes of up to 500,000 yuan and a free desk for a year. The deadline for "
     "online applications is 15 March 2026, and the final will be held in April at the Zhongguancun exhibition centre.", "application"),
    ("Lingang ouvre une communauté OPC\nLa nouvelle communauté OPC de Lingang a été inaugurée jeudi en présence de "
     "responsables de la zone. Elle offre 300 postes de travail aux entrepreneurs qui utilisent l’IA, avec des bons de "
     "calcul et un loyer réduit pendant trois ans pour les fondateurs venus de l’étranger.", "event"),
])
def test_kinds_of_pages_that_are_not_policies(text: str, kind: str) -> None:
    policy = parse_text(text, url="https://example.org/k")
    assert policy.kind.value == kind, policy.kind_reason


@pytest.mark.parametrize(("text", "expected"), [
    ("Oprichters krijgen een startsubsidie van maximaal 150.000 yuan (ongeveer € 19.000).",
     [("150000", "CNY", "up_to", "support"), ("19000", "EUR", "up_to", "support")]),
    ("Voor de regeling is in totaal 300 miljoen yuan uitgetrokken.", [("300000000", "CNY", "total", "fund")]),
    ("Firmy, których roczne przychody przekraczają 3 mln juanów, dostaną premię.", [("3000000", "CNY", "at_least", "threshold")]),
    ("Założyciele mogą otrzymać dotację w wysokości do 150 tys. juanów (ok. 80 tys. zł).",
     [("150000", "CNY", "up_to", "support"), ("80000", "PLN", "up_to", "support")]),
    ("Para empresas com faturamento anual acima de 2 milhões de yuans há um prêmio.", [("2000000", "CNY", "at_least", "threshold")]),
    ("Die Gründer erhalten bis zu 200'000 Yuan (rund 24'000 Franken).",
     [("200000", "CNY", "up_to", "support"), ("24000", "CHF", "up_to", "support")]),
    ("startup grant up to ¥300K if you're incorporated here", [("300000", "CNY", "up_to", "support")]),
    ("A pool of 400 million yuan has been set aside for the programme.", [("400000000", "CNY", "total", "fund")]),
    ("Small firms with revenue below 10 million yuan use a simpler track.", [("10000000", "CNY", "up_to", "threshold")]),
    ("年間売上高が100万元以上の企業には奨励金を出す", [("1000000", "CNY", "at_least", "threshold")]),
    ("OPC UA関連製品の世界市場は2030年に約20億ドルに達する見込み", [("2000000000", "USD", "approx", "statistic")]),
])
def test_qualifiers_and_roles_in_more_languages(text: str, expected: list) -> None:
    got = [(str(a.value), a.currency, a.qualifier.value, a.role.value) for a in extract_amounts(text)]
    assert got == expected


def test_a_protocol_page_that_mentions_the_other_opc_is_not_opc() -> None:
    body = ("OPC UAは工場のPLCとクラウドをつなぐ通信規格です。OPC UAの情報モデル、OPC UAの認証、OPC UAのPub/Subを解説します。"
            "なお、中国語圏の記事では「OPC」が一人会社（One Person Company）を指すこともありますが、本記事とは関係ありません。")
    assert assess_relevance("OPC UAとは？", body).is_opc is False


@pytest.mark.parametrize(("text", "expected"), [
    ("The goal for 2026 is 600 OPC firms.", [(2026, "OPC企业", "600")]),
    ("The district says it wants at least 800 OPCs in Futian by end-2027.", [(2027, "OPC", "800")]),
    ("Wuhan aims to build 40 OPC communities within three years.", [(None, "OPC社区", "40")]),
    ("The city targets 25 EFLOPS by 2027.", [(2027, "算力", "25")]),
    ("Laoshan wil tegen eind 2027 ruim 900 OPC's huisvesten.", [(2027, "OPC企业", "900")]),
    ("Celem jest przyciągnięcie do końca 2027 r. co najmniej 500 OPC i 10 społeczności.",
     [(2027, "OPC企业", "500"), (2027, "社区", "10")]),
    ("A meta é atrair 1.200 OPC até 2027 e criar 20 comunidades OPC até o fim de 2026.",
     [(2027, "OPC企业", "1200"), (2026, "OPC社区", "20")]),
    ("Target 800 OPC pada akhir 2027 serta 3.000 talenta AI dalam tiga tahun.",
     [(2027, "OPC企业", "800"), (None, "人才", "3000")]),
    ("빈후구는 2026년 말까지 OPC 기업 400개 이상을 유치한다.", [(2026, "OPC企业", "400")]),
])
def test_target_years_and_metrics_across_languages(text: str, expected: list) -> None:
    got = sorted(((t.year or 0), t.metric, str(t.value)) for t in extract_targets(text))
    assert got == sorted(((y or 0), m, v) for y, m, v in expected)


def test_indicator_tables_written_as_text() -> None:
    text = ("一、发展目标\n到2025年底和2027年底，分阶段实现以下目标：\n指标 | 2025年 | 2027年\n集聚OPC企业（家） | 200 | 800\n"
            "OPC从业人员（万人） | 0.4 | 1.5\n公共算力供给（PFLOPS） | 100 | 300\n二、支持措施\n（一）开办支持。给予三至五万元补贴。")
    got = [(t.year, t.metric, str(t.value), t.unit) for t in extract_targets(text)]
    assert got == [(2025, "OPC企业", "200", None), (2027, "OPC企业", "800", None),
                   (2025, "OPC从业人员", "4000", None), (2027, "OPC从业人员", "15000", None),
                   (2025, "公共算力供给", "100", "PFLOPS"), (2027, "公共算力供给", "300", "PFLOPS")]


def test_annual_plan_tasks_take_the_plan_year() -> None:
    policy = parse_text("2026年数字某市建设工作要点\n一、总体要求\n坚持数字赋能。\n二、年度任务\n（一）数据要素。新上架数据产品不少于200款。\n"
                        "（二）产业培育。新培育专精特新企业80家以上。\n三、保障措施\n目前已建成数据中心3个。", url="https://example.org/plan")
    assert [(t.year, t.metric, str(t.value)) for t in policy.targets] == [(2026, "新上架数据产品", "200"), (2026, "专精特新企业", "80")]


def test_related_articles_and_ads_are_not_the_page_amounts() -> None:
    text = ("某区支持OPC发展若干措施\n【广告】注册公司找我们！代理记账每月仅需99元起\n一、对新入驻OPC给予最高10万元补贴。\n"
            "二、设立总规模5000万元的OPC基金。\n相关阅读：\n· 某市发布人工智能新政 最高补贴2000万元\n· 2025年税收优惠汇总")
    policy = parse_text(text, url="https://mirror.example.org/p/9")
    assert sorted(str(a.value) for a in policy.amounts) == ["100000", "50000000"]
    assert "2000万元" in policy.body_text  # the page is kept whole; only the reading skips the list
