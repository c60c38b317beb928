"""Crawled titles that try to ping a whole group or inject markup, as the channel receives them."""

from __future__ import annotations

import re

import pytest
from alerts_support import T0, Hook, add_event, subscribe

from alerts.deliver import deliver
from alerts.digest import render_digest
from alerts.render import render_event
from opcwatch.settings import Settings

# What a hostile or careless page title can hold, one construct per platform.
MENTIONS = ("@所有人", "@all", "@everyone", "@here", '<at user_id="all">', "<at id=all>", "<!channel>",
            "<!here>", "<@U024BE7LH>")
# The title line is clipped at 90 characters, the body's at 200: the first part is in both.
TITLE = ('[立即申领](javascript:alert(1)) **免费** <script>alert(1)</script> @所有人 请@all '
         '<at user_id="all">所有人</at> <at id=all></at> @everyone @here <!channel> <!here> <@U024BE7LH> '
         "<img src=x onerror=alert(2)>")
RAW = {"text": ("<!channel>",), "markdown": ("](javascript", "**免费**", "<script"),
       "html": ("<script", "<img", 'href="javascript', "javascript:alert(1)</a>")}


def _unsafe(received: str, fmt: str) -> list[str]:
    found = [m for m in MENTIONS if m.lower() in received.lower()]
    return found + [r for r in RAW[fmt] if r in received]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_channel_receives_no_live_mention_link_or_script(sqlite_settings: Settings, hook: Hook, fmt: str) -> None:
    subscribe(sqlite_settings, url=hook.url(fmt), fmt=fmt)
    add_event(sqlite_settings, kind="policy.new", title=TITLE, amount=None)
    assert deliver(sqlite_settings, now=T0)["sent"] == 1
    (received,) = hook.on(fmt)
    for field in ("title", "message"):
        assert _unsafe(received[field], fmt) == [], (field, received[field])
    # Still readable: the mention shows as a full-width ＠ / ＜, the words are all there.
    assert "＠所有人" in received["title"] and "＠所有人" in received["message"]
    assert "立即申领" in received["title"] and "免费" in received["message"]
    if fmt == "markdown":
        assert "［立即申领］" in received["title"] and "＊＊免费＊＊" in received["title"]
    if fmt == "html":
        assert "&lt;script&gt;" in received["message"] and "<a " not in received["title"]


def test_digest_headings_and_entries_neutralise_mentions_too() -> None:
    copy = {"title": TITLE, "policy_title": TITLE, "source_id": "news", "url": "javascript:alert(4)", "policy_id": 3}
    for fmt in ("text", "markdown", "html"):
        title, body = render_digest([("policy.new", {"title": TITLE, "url": "javascript:alert(3)"}),
                                     ("policy.new", {"title": TITLE, "region_name": TITLE, "policy_id": 3}),
                                     ("policy.republished", copy)], fmt)
        assert _unsafe(title + body, fmt) == []
        assert not re.search(r"<a [^>]*javascript", body)
        # The policy's heading (region and title from the page) and the entries under 其他动态.
        heading, _, rest = body.partition("\n")
        assert heading.count("＠所有人") == 2 and "其他动态" in rest  # region and title, both from the page


def test_emails_and_ordinary_text_are_left_alone() -> None:
    payload = {"title": "联系邮箱 opc@sipac.gov.cn（2025）", "issuer": "园区管委会 a<b",
               "url": "https://www.sipac.gov.cn/a.html?x=1&y=2"}
    title, body = render_event(payload, "policy.new", "text")
    assert title == "【新政策】联系邮箱 opc@sipac.gov.cn（2025）"
    assert "园区管委会 a<b" in body and "https://www.sipac.gov.cn/a.html?x=1&y=2" in body
    _, html_body = render_event(payload, "policy.new", "html")
    assert '<a href="https://www.sipac.gov.cn/a.html?x=1&amp;y=2">' in html_body
