"""parse_text over every real text of /work/shared/corpus, and the Jiangsu OPC race article in detail.

Where the reader's label and the parser disagree it is noted here, not hidden. At the time of
writing the parser agrees with all 50 labels, including the traps: 065 (India's "One Person
Company"), 071 (one passing "OPC" mention in contest news) and 007 (the AI+ plan news whose
excerpt has no OPC wording).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import shared_file

from parsers import parse_text
from parsers.schema import Comparator, Purpose, Qualifier, Script

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FILES = sorted(CORPUS.glob("*.json"))
DISAGREE: dict[str, str] = {}  # file name -> why the label looks wrong (none so far)


def _load(name: str) -> dict:
    return json.loads(shared_file(CORPUS / name).read_text("utf-8"))


@pytest.mark.skipif(not FILES, reason="corpus missing")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_corpus_relevance_matches_label_and_never_crashes(path: Path) -> None:
    item = json.loads(path.read_text("utf-8"))
    url = item.get("url") or f"https://corpus.invalid/{path.name}"  # 000 has no URL
    policy = parse_text(item["text"], url=url, source_id="corpus")
    assert policy.body_text and policy.title
    if path.name not in DISAGREE:
        assert policy.relevance.is_opc is item["is_opc"], policy.relevance
    # Numbers that are not money never become money: no amount without a currency word or context.
    for amount in policy.amounts:
        assert amount.value > 0 and amount.key and amount.phrase


def test_race_article_traditional_pinyin_amounts_and_targets() -> None:
    item = _load("000_jiangsu_opc_race.json")
    policy = parse_text(item["text"], url="https://corpus.invalid/000")
    assert policy.script is Script.TRADITIONAL
    assert "出台12条" in policy.body_text and "(tái)" not in policy.body_text
    money = {a.value: a for a in policy.amounts if a.unit.value == "money"}
    assert money[Decimal(1_000_000_000)].purpose is Purpose.FUND
    assert money[Decimal(1_000_000_000)].qualifier is Qualifier.TOTAL
    assert money[Decimal(20_000_000)].qualifier is Qualifier.UP_TO
    assert money[Decimal(20_000_000)].purpose is Purpose.EQUITY
    assert money[Decimal(50_000_000)].period == "单个项目"
    assert money[Decimal(500_000)].period == "单项" and money[Decimal(500_000)].purpose is Purpose.DATA
    assert money[Decimal(300_000_000_000)].qualifier is Qualifier.AT_LEAST  # 产业规模突破3000亿元
    percent = [a for a in policy.amounts if a.unit.value == "percent"]
    assert [(a.value, a.qualifier, a.purpose) for a in percent] == [(Decimal(30), Qualifier.UP_TO, Purpose.COMPUTE)]
    targets = {(t.year, t.metric): t for t in policy.targets}
    assert targets[(2028, "OPC社区")].value == 50 and targets[(2028, "OPC社区")].comparator is Comparator.GT
    assert targets[(2028, "OPC企业")].value == 1000
    assert targets[(2028, "OPC人才")].value == 10000
    assert targets[(2030, "人才")].value == 5000
    assert "320571" in policy.regions_mentioned and "320600Z01" in policy.regions_mentioned
    assert policy.measure_count == 12  # "江苏出台12条“硬核举措”" is the first line


def test_traditional_taiwan_mirror_amounts() -> None:
    item = _load("037.json")  # Hangzhou 算力券: 2.5億元, 不超過…費用的30%, 單家企業每年不超過800萬元
    policy = parse_text(item["text"], url=item["url"])
    assert policy.script is Script.TRADITIONAL and not policy.relevance.is_opc
    values = {(a.value, a.unit.value, a.qualifier) for a in policy.amounts}
    assert (Decimal(250_000_000), "money", Qualifier.TOTAL) in values
    assert (Decimal(8_000_000), "money", Qualifier.UP_TO) in values
    assert (Decimal(30), "percent", Qualifier.UP_TO) in values
    per_company = next(a for a in policy.amounts if a.value == Decimal(8_000_000))
    assert per_company.period == "单家企业每年" and per_company.purpose is Purpose.COMPUTE


def test_usd_ranges_stay_usd() -> None:
    for name in ("057.json", "058.json"):
        item = _load(name)
        policy = parse_text(item["text"], url=item["url"])
        ranges = [a for a in policy.amounts if a.qualifier is Qualifier.RANGE]
        assert ranges, name
        assert all(a.currency == "USD" for a in ranges)
        assert (ranges[0].low, ranges[0].value) == (Decimal(20_000), Decimal(30_000))


def test_doc_number_with_pinyin_inside() -> None:
    policy = parse_text("宁政发(fā)〔2022〕133號文件\n南京市人民政府印发宁政發(fā)〔2022〕133號，支持创业。", url="https://x.cn/a")
    assert policy.doc_number == "宁政发〔2022〕133号"


def test_non_money_numbers_are_not_amounts() -> None:
    text = ("某市OPC社区政策\n咨询电话：025-83456789，13912345678。提供1000万卡时算力，"
            "2万平方米空间、500个工位，到2028年建成。索引号：2026-02-00018。")
    assert parse_text(text, url="https://x.cn/a").amounts == ()
