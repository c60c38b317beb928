"""Rendering change events as Chinese messages: what a subscriber reads."""

from __future__ import annotations

from decimal import Decimal

import pytest

from alerts.amount_text import format_yuan
from alerts.digest import render_digest
from alerts.render import MAX_BODY, render_event

SIP_CHANGE = {
    "title": "苏州工业园区关于支持OPC一人公司发展的若干措施",
    "url": "https://www.sipac.gov.cn/szgyyq/zcfg/202503/a1.shtml",
    "region_code": "320571",
    "region_name": "苏州工业园区",
    "published": "2025-03-01",
    "issuer": "苏州工业园区管委会",
    "doc_number": "苏园管〔2025〕3号",
    "amounts": [
        {"value": "30000000", "qualifier": "up_to", "phrase": "最高给予3000万元股权投资",
         "purpose": "equity_investment", "unit": "money", "currency": "CNY"},
    ],
    "old": {"value": "20000000.00", "qualifier": "up_to", "phrase": "最高给予2000万元股权投资"},
    "new": {"value": "30000000.00", "qualifier": "up_to", "phrase": "最高给予3000万元股权投资"},
}


@pytest.mark.parametrize(
    ("yuan", "expected"),
    [(Decimal("20000000"), "2000万元"), ("1000000000", "10亿元"), (5000, "5000元"),
     ("150000000.00", "1.5亿元"), ("25000", "2.5万元")],
)
def test_amounts_read_in_wan_and_yi(yuan: object, expected: str) -> None:
    assert format_yuan(yuan) == expected


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_amount_change_names_region_change_phrase_and_link(fmt: str) -> None:
    title, body = render_event(SIP_CHANGE, "amount.changed", fmt)
    assert title == "【金额变化】苏州工业园区：苏州工业园区关于支持OPC一人公司发展的若干措施"
    assert "最高2000万元 → 3000万元" in body
    assert "最高给予3000万元股权投资" in body
    for label in ("标题", "地区", "发布日期", "发文机关/文号", "关键金额", "原文链接"):
        assert label in body
    assert "苏园管〔2025〕3号" in body and "2025-03-01" in body
    assert SIP_CHANGE["url"] in body


def test_new_policy_title_and_qualifier_words() -> None:
    payload = {**SIP_CHANGE, "amounts": [{"value": "10000000", "qualifier": "at_least", "phrase": "不低于1000万元"}]}
    title, body = render_event(payload, "policy.new", "text")
    assert title.startswith("【新政策】苏州工业园区：")
    assert "不低于1000万元" in body


def test_region_name_falls_back_to_region_table() -> None:
    payload = {"title": "通知", "region_code": "320500"}
    assert render_event(payload, "policy.new", "text")[0] == "【新政策】苏州市：通知"


def test_html_escapes_scraped_text_and_refuses_script_links() -> None:
    payload = {"title": "<script>alert(1)</script>补贴", "url": "javascript:alert(2)",
               "issuer": "a&b\"c", "amounts": [{"value": "1", "phrase": "<img src=x onerror=y>"}]}
    title, body = render_event(payload, "policy.new", "html")
    assert "<script>" not in title + body and "<img" not in body
    assert "&lt;script&gt;" in body and "&lt;img" in body
    assert 'href="javascript' not in body


def test_markdown_escapes_link_syntax_in_scraped_text() -> None:
    payload = {"title": "[点我](http://evil.example)*粗体*", "url": "https://example.gov.cn/a.html"}
    _, body = render_event(payload, "policy.new", "markdown")
    assert "\\[点我\\]" in body and "\\*粗体\\*" in body
    assert "(https://example.gov.cn/a.html)" in body


def test_missing_payload_keys_still_render() -> None:
    title, body = render_event({}, "target.changed", "markdown")
    assert title == "【目标变化】（无标题）"
    assert "标题" in body


def test_long_body_is_cut_but_keeps_source_link() -> None:
    amounts = [{"value": str(10000 * i), "phrase": "给予补贴" * 30} for i in range(1, 200)]
    payload = {**SIP_CHANGE, "amounts": amounts}
    for fmt in ("text", "markdown", "html"):
        _, body = render_event(payload, "policy.new", fmt)
        assert len(body) <= MAX_BODY + 50
        assert "已截断" in body
        assert body.rstrip().endswith(("a1.shtml", "a1.shtml)", "a1.shtml</a>"))


def test_digest_lists_every_event_with_its_link_under_its_policy() -> None:
    wuxi = {"title": "无锡市OPC社区建设方案", "region_name": "无锡市", "url": "https://www.wuxi.gov.cn/b.html",
            "policy_id": 9}
    title, body = render_digest([("amount.changed", {**SIP_CHANGE, "policy_id": 7}),
                                 {"kind": "policy.new", "payload": wuxi}], "text")
    assert title.startswith("【OPC政策动态】共2条更新")
    assert body == (
        "1. 苏州工业园区：苏州工业园区关于支持OPC一人公司发展的若干措施\n"
        "  · 【金额变化】最高2000万元 → 3000万元（原文：“最高给予3000万元股权投资”） "
        "https://www.sipac.gov.cn/szgyyq/zcfg/202503/a1.shtml\n"
        "\n"
        "2. 无锡市：无锡市OPC社区建设方案\n"
        "  · 【新政策】 https://www.wuxi.gov.cn/b.html")
    # Without a policy (an event written before policies were tracked): under 其他动态, its own title shown.
    _, loose = render_digest([("amount.changed", SIP_CHANGE)], "text")
    assert loose.startswith("1. 其他动态\n  · 【金额变化】苏州工业园区《苏州工业园区关于支持OPC一人公司发展的若干措施》："
                            "最高2000万元 → 3000万元")


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render_event(SIP_CHANGE, "policy.new", "pdf")
