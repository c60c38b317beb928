"""Digests grouped by policy, as rendered in each format and as they fit a channel's size limit."""

from __future__ import annotations

import re
from typing import Any

import pytest

from alerts.digest import MAX_DIGEST_BODY, render_digest
from alerts.platforms import channel_limits, to_apprise_url
from alerts.render_fit import fit_message

WECOM = to_apprise_url("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7b2c-4bc4-97a0-0ec2b1fa5aaa")
SIP = {"title": "苏州工业园区关于支持OPC一人公司发展的若干措施", "url": "https://www.sipac.gov.cn/a1.shtml",
       "region_code": "320571", "region_name": "苏州工业园区", "published": "2025-03-01",
       "doc_number": "苏园管规〔2025〕3号", "policy_id": 7,
       "amounts": [{"value": "20000000", "qualifier": "up_to", "phrase": "最高给予2000万元股权投资"}]}
CHANGE = {**SIP, "old": {"value": "20000000", "qualifier": "up_to"},
          "new": {"value": "30000000", "qualifier": "up_to", "phrase": "最高给予3000万元股权投资"}}
# A newspaper's report of the same policy: its own title and region, the policy's title and region code.
COPY = {"title": "园区出台OPC新政_最高3000万元", "url": "https://www.jschina.com.cn/x.html", "region_name": "江苏省",
        "policy_title": SIP["title"], "source_id": "jschina_news", "copy_kind": "news", "policy_id": 7}
WUXI = {"title": "无锡市OPC社区建设方案", "region_name": "无锡市", "url": "https://www.wuxi.gov.cn/b.html?a=1&b=2",
        "policy_id": 9}
LOOSE = {"title": "南京市OPC活动通知", "region_name": "南京市", "url": "https://www.nanjing.gov.cn/c.html"}
# Events as they happened: 苏州's policy first appears before 无锡's, and changes after it.
EVENTS = [("policy.new", SIP), ("policy.new", WUXI), ("amount.changed", CHANGE), ("policy.republished", COPY),
          ("policy.new", LOOSE)]

EXPECTED = {
    "text": """\
1. 苏州工业园区：苏州工业园区关于支持OPC一人公司发展的若干措施
  · 【新政策】苏园管规〔2025〕3号 · 2025-03-01 发布 · 最高2000万元 https://www.sipac.gov.cn/a1.shtml
  · 【金额变化】最高2000万元 → 3000万元（原文：“最高给予3000万元股权投资”） https://www.sipac.gov.cn/a1.shtml
  · 【另见转载】jschina_news 新闻报道《园区出台OPC新政_最高3000万元》 https://www.jschina.com.cn/x.html

2. 无锡市：无锡市OPC社区建设方案
  · 【新政策】 https://www.wuxi.gov.cn/b.html?a=1&b=2

3. 其他动态
  · 【新政策】南京市《南京市OPC活动通知》 https://www.nanjing.gov.cn/c.html""",
    "markdown": """\
**1. 苏州工业园区：苏州工业园区关于支持OPC一人公司发展的若干措施**
- 【新政策】苏园管规〔2025〕3号 · 2025-03-01 发布 · 最高2000万元 [原文](https://www.sipac.gov.cn/a1.shtml)
- 【金额变化】最高2000万元 → 3000万元（原文：“最高给予3000万元股权投资”） [原文](https://www.sipac.gov.cn/a1.shtml)
- 【另见转载】jschina\\_news 新闻报道《园区出台OPC新政\\_最高3000万元》 [原文](https://www.jschina.com.cn/x.html)

**2. 无锡市：无锡市OPC社区建设方案**
- 【新政策】 [原文](https://www.wuxi.gov.cn/b.html?a=1&b=2)

**3. 其他动态**
- 【新政策】南京市《南京市OPC活动通知》 [原文](https://www.nanjing.gov.cn/c.html)""",
    "html": """\
<b>1. 苏州工业园区：苏州工业园区关于支持OPC一人公司发展的若干措施</b><br/>
• 【新政策】苏园管规〔2025〕3号 · 2025-03-01 发布 · 最高2000万元 <a href="https://www.sipac.gov.cn/a1.shtml">原文</a><br/>
• 【金额变化】最高2000万元 → 3000万元（原文：“最高给予3000万元股权投资”） <a href="https://www.sipac.gov.cn/a1.shtml">原文</a><br/>
• 【另见转载】jschina_news 新闻报道《园区出台OPC新政_最高3000万元》 <a href="https://www.jschina.com.cn/x.html">原文</a><br/>
<br/>
<b>2. 无锡市：无锡市OPC社区建设方案</b><br/>
• 【新政策】 <a href="https://www.wuxi.gov.cn/b.html?a=1&amp;b=2">原文</a><br/>
<br/>
<b>3. 其他动态</b><br/>
• 【新政策】南京市《南京市OPC活动通知》 <a href="https://www.nanjing.gov.cn/c.html">原文</a>""",
}


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_events_are_grouped_under_their_policy_in_every_format(fmt: str) -> None:
    title, body = render_digest(EVENTS, fmt)
    assert title == "【OPC政策动态】共5条更新（新政策3条，金额变化1条，另见转载1条）"
    assert body == EXPECTED[fmt]


def test_a_policy_known_only_from_copies_is_headed_with_its_own_title_and_region() -> None:
    # The sweep adds the policy's region code from the event row: the copy's own region is 江苏省.
    _, body = render_digest([("policy.republished", {**COPY, "policy_region_code": "320571"})], "text")
    assert body.startswith("1. 苏州工业园区：苏州工业园区关于支持OPC一人公司发展的若干措施\n")


def _policies(count: int, events: int = 3) -> list[tuple[str, dict[str, Any]]]:
    """``count`` policies, each with ``events`` events, interleaved as a day's runs would write them."""
    out = []
    for round_ in range(events):
        for n in range(1, count + 1):
            payload = {"title": f"第{n}号OPC扶持政策：关于支持一人公司发展的若干措施", "region_name": "苏州市",
                       "url": f"https://www.suzhou.gov.cn/p{n}/e{round_}.html", "policy_id": n,
                       "old": {"value": f"{n}0000000", "qualifier": "up_to"},
                       "new": {"value": f"{n + round_ + 1}0000000", "qualifier": "up_to",
                               "phrase": "对符合条件的一人公司最高给予股权投资支持"}}
            out.append(("amount.changed", payload))
    return out


def _shown(bodies: list[str], count: int, events: int) -> list[int]:
    """The policies a reader sees, after checking each is whole: its heading and all its events."""
    sent = "\n".join(bodies)
    shown = []
    for n in range(1, count + 1):
        headed = re.search(rf"(^|\n)(\*\*|<b>)?{n}\. 苏州市", sent) is not None
        links = sum(f"/p{n}/e{r}.html" in sent for r in range(events))
        assert links in ((events, headed and events) if headed else (0,)), (n, headed, links)
        if headed:
            shown.append(n)
    return shown


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_digest_too_long_for_wecom_keeps_whole_policies_and_says_how_many_were_left_out(fmt: str) -> None:
    title, body = render_digest(_policies(40), fmt)
    limits = channel_limits(WECOM)
    parts = fit_message(title, body, fmt, limits, blocks=True)
    assert len(parts) == 3 and [t[-5:] for t, _ in parts] == ["（1/3）", "（2/3）", "（3/3）"]
    assert all(limits.size(t, b) <= limits.max_size for t, b in parts)
    shown = _shown([b for _, b in parts], 40, 3)
    assert shown == list(range(1, len(shown) + 1)) and 3 < len(shown) < 40  # the first ones, in order
    left = 40 - len(shown)
    assert parts[-1][1].endswith(f"……另有{left}项（{3 * left}条更新）因篇幅未列出")
    if fmt == "html":
        assert all(b.count("<a ") == b.count("</a>") and b.count("<b>") == b.count("</b>") for _, b in parts)
        assert not any(b.endswith("<br/>") for _, b in parts)


def test_one_policy_larger_than_a_part_is_spread_over_parts_line_by_line() -> None:
    title, body = render_digest(_policies(1, events=60), "markdown")
    limits = channel_limits(WECOM)
    parts = fit_message(title, body, "markdown", limits, blocks=True)
    assert len(parts) == 3 and all(limits.size(t, b) <= limits.max_size for t, b in parts)
    assert parts[0][1].startswith("**1. 苏州市：第1号OPC扶持政策")
    sent = "\n".join(b for _, b in parts)
    links = sum(f"/p1/e{r}.html" in sent for r in range(60))
    assert 10 < links < 60
    assert parts[-1][1].endswith(f"……另有{60 - links}条更新因篇幅未列出")  # no whole policy left out


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_the_digest_itself_is_bounded_keeping_whole_policies(fmt: str) -> None:
    title, body = render_digest(_policies(150, events=2), fmt)
    assert title.startswith("【OPC政策动态】共300条更新")
    assert len(body) <= MAX_DIGEST_BODY
    shown = _shown([body], 150, 2)
    left = 150 - len(shown)
    assert shown == list(range(1, len(shown) + 1)) and left > 0
    assert body.endswith(f"……另有{left}项（{2 * left}条更新）因篇幅未列出")
    small_title, small = render_digest(_policies(3, events=2), fmt)
    assert fit_message(small_title, small, fmt, channel_limits(WECOM), blocks=True) == [(small_title, small)]
    assert "因篇幅未列出" not in small
