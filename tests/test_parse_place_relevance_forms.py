"""Places, dates and relevance on pages written for these tests: districts and statistics-coded
zones, province-wide meetings, national stories, a foreign lead's one place, footer addresses,
Russian and Japanese place names, a forum post's date, and pages that only pass OPC by.
"""

from __future__ import annotations

from datetime import date

import pytest

from parsers import parse_text
from parsers.dates import posted_date
from parsers.regions import find_regions


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
