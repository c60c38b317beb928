"""The chat platforms' URLs as users paste them, their signing, their limits, and long messages fitted.

DingTalk and Feishu are reached through the real Apprise plugins with only their API host
pointed at the loopback webhook (the plugins' own payload, query and signature are what is
checked); nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import apprise
import pytest
from alerts_support import Hook
from typer.testing import CliRunner

from alerts.digest import render_digest
from alerts.feishu_signed import feishu_sign, register_feishu_signed
from alerts.platforms import PLATFORMS, channel_limits, platform_label, to_apprise_url
from alerts.render import render_event
from alerts.render_fit import CUT_NOTICE, fit_message
from alerts.subscriptions import add_subscription, list_subscriptions
from models.db import session_scope
from opcwatch.cli import app
from opcwatch.settings import Settings

DING_TOKEN = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"
DING_SECRET = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"
WECOM_KEY = "693a91f6-7b2c-4bc4-97a0-0ec2b1fa5aaa"
FEISHU_TOKEN = "0a1b2c3d-aaaa-bbbb-cccc-0123456789ab"
FEISHU_SECRET = "Vdp3xyzABC123"
DING = f"https://oapi.dingtalk.com/robot/send?access_token={DING_TOKEN}"
WECOM = f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={WECOM_KEY}"
FEISHU = f"https://open.feishu.cn/open-apis/bot/v2/hook/{FEISHU_TOKEN}"
SLACK = "https://hooks.slack.com/services/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"


@pytest.mark.parametrize(
    ("pasted", "secret", "apprise_url", "label"),
    [
        (DING, None, f"dingtalk://{DING_TOKEN}/", "钉钉"),
        (DING, DING_SECRET, f"dingtalk://{DING_SECRET}@{DING_TOKEN}/", "钉钉"),
        (f"{DING}&secret={DING_SECRET}", None, f"dingtalk://{DING_SECRET}@{DING_TOKEN}/", "钉钉"),
        (WECOM, None, f"wecombot://{WECOM_KEY}", "企业微信"),
        (FEISHU, None, f"feishu://{FEISHU_TOKEN}", "飞书"),
        (FEISHU + "/", FEISHU_SECRET, f"feishusigned://{FEISHU_SECRET}@{FEISHU_TOKEN}/", "飞书"),
        (SLACK, None, "slack://T1JJ3T3L2/B1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ/", "Slack"),
        (f"dingtalk://{DING_TOKEN}/", DING_SECRET, f"dingtalk://{DING_SECRET}@{DING_TOKEN}/", "钉钉"),
    ],
)
def test_pasted_robot_urls_become_apprise_urls_named_after_the_platform(
    sqlite_settings: Settings, pasted: str, secret: str | None, apprise_url: str, label: str
) -> None:
    assert to_apprise_url(pasted, secret) == apprise_url
    plugin = apprise.Apprise.instantiate(apprise_url)
    assert plugin is not None, apprise_url
    with session_scope(sqlite_settings.database_url) as session:
        sub = add_subscription(session, url=pasted, secret=secret)
        assert (sub.name, sub.url) == (f"{label}-1", apprise_url)
    assert platform_label(apprise_url) == label


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://oapi.dingtalk.com/robot/send", "access_token"),
        ("https://oapi.dingtalk.com/robot/send?access_token=abc!def", "access_token"),
        ("https://open.feishu.cn/open-apis/bot/v2/hook/", "hook token"),
        ("https://hooks.slack.com/services/T1/B2", "Slack"),
        ("https://example.com/webhook?key=1", "unsupported platform"),
        ("钉钉机器人", "not a channel URL"),
        ("nosuchscheme://abc", "Apprise cannot parse"),
    ],
)
def test_bad_channel_urls_get_one_line_naming_the_forms_and_nothing_is_stored(
    tmp_path: Path, url: str, problem: str
) -> None:
    env = {"OPCWATCH_DATA_DIR": str(tmp_path), "OPCWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'o.db'}"}
    runner = CliRunner()
    result = runner.invoke(app, ["subscribe", "add", "--url", url], env=env, terminal_width=80)
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert problem in lines[0] and "oapi.dingtalk.com/robot/send?access_token=" in lines[0]
    assert "qyapi.weixin.qq.com" in lines[0] and "open.feishu.cn" in lines[0]
    assert json.loads(runner.invoke(app, ["subscribe", "list", "--json"], env=env).output) == []


def test_secret_only_for_platforms_that_sign(sqlite_settings: Settings) -> None:
    for url in (WECOM, SLACK, "json://127.0.0.1:9/x"):
        with pytest.raises(ValueError, match="accepted forms"):
            to_apprise_url(url, "SECabc")
    with pytest.raises(ValueError, match="letters and digits"):
        to_apprise_url(DING, "SEC-not/valid")
    with session_scope(sqlite_settings.database_url) as session:
        assert list_subscriptions(session) == []


def test_the_same_channel_twice_is_subscribed_with_a_warning(tmp_path: Path) -> None:
    env = {"OPCWATCH_DATA_DIR": str(tmp_path), "OPCWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'o.db'}"}
    runner = CliRunner()
    first = runner.invoke(app, ["subscribe", "add", "--url", DING, "--secret", DING_SECRET], env=env)
    assert first.exit_code == 0 and "warning" not in first.output
    # The same robot, spelled as an Apprise URL this time.
    second = runner.invoke(app, ["subscribe", "add", "--url", f"dingtalk://{DING_SECRET}@{DING_TOKEN}",
                                 "--region", "苏州"], env=env)
    assert second.exit_code == 0, second.output
    assert "钉钉-2" in second.output and "already subscribed as 钉钉-1" in second.output
    other = runner.invoke(app, ["subscribe", "add", "--url", WECOM], env=env)
    assert "企业微信-1" in other.output and "warning" not in other.output
    for result in (first, second, other):
        assert DING_TOKEN not in result.output and DING_SECRET not in result.output and WECOM_KEY not in result.output


def _pointed_at(url: str, hook: Hook, path: str) -> apprise.Apprise:
    """An Apprise holding the real plugin for ``url``, its API host swapped for the loopback hook."""
    register_feishu_signed()
    plugin = apprise.Apprise.instantiate(url)
    assert plugin is not None
    plugin.notify_url = f"http://127.0.0.1:{hook.port}{path}"
    notifier = apprise.Apprise()
    notifier.add(plugin)
    return notifier


def test_dingtalk_jiaqian_secret_signs_each_request(hook: Hook) -> None:
    url = to_apprise_url(f"{DING}&secret={DING_SECRET}")
    notifier = _pointed_at(url, hook, "/robot/send?access_token={token}")
    assert notifier.notify(title="【新政策】苏州", body="正文", body_format=apprise.NotifyFormat.MARKDOWN)
    path, body = hook.requests[0]
    query = parse_qs(urlsplit(path).query)
    assert query["access_token"] == [DING_TOKEN]
    stamp = query["timestamp"][0]
    expected = base64.b64encode(hmac.new(DING_SECRET.encode(), f"{stamp}\n{DING_SECRET}".encode(),
                                         hashlib.sha256).digest()).decode()
    assert unquote(query["sign"][0]) == expected
    assert body["msgtype"] == "markdown" and body["markdown"]["title"] == "【新政策】苏州"


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_feishu_signing_secret_signs_each_request(hook: Hook, fmt: str) -> None:
    url = to_apprise_url(FEISHU, FEISHU_SECRET)
    notifier = _pointed_at(url, hook, "/open-apis/bot/v2/hook/{token}")
    assert notifier.notify(title="【新政策】苏州", body="正文", body_format=apprise.NotifyFormat(fmt))
    path, body = hook.requests[0]
    assert path == f"/open-apis/bot/v2/hook/{FEISHU_TOKEN}"
    assert body["sign"] == feishu_sign(FEISHU_SECRET, int(body["timestamp"]))
    expected = base64.b64encode(hmac.new(f"{body['timestamp']}\n{FEISHU_SECRET}".encode(), b"",
                                         hashlib.sha256).digest()).decode()
    assert body["sign"] == expected
    if fmt == "text":
        assert body["msg_type"] == "text" and body["content"]["text"] == "【新政策】苏州\r\n正文"
    else:
        assert body["msg_type"] == "interactive"
        assert body["card"]["elements"][0]["text"]["content"] == "正文"
    masked = str(apprise.Apprise.instantiate(url).url(privacy=True))
    assert FEISHU_SECRET not in masked and FEISHU_TOKEN not in masked


def test_published_limits_per_platform() -> None:
    assert (channel_limits(to_apprise_url(DING)).per_minute, channel_limits(to_apprise_url(WECOM)).per_minute) == (20, 20)
    feishu = channel_limits(to_apprise_url(FEISHU, FEISHU_SECRET))
    assert (feishu.per_minute, feishu.per_second, feishu.label) == (100, 5, "飞书")
    assert channel_limits(SLACK.replace("https://hooks.slack.com/services/", "slack://")).per_second == 1
    generic = channel_limits("json://127.0.0.1:9/x")
    assert generic.per_minute is None and generic.max_size == 32768  # Apprise's body_maxlen
    # Never above what Apprise's own plugin lets through.
    for scheme, key in (("dingtalk", "dingtalk"), ("feishu", "feishu"), ("slack", "slack")):
        plugin_max = apprise.Apprise.instantiate(
            {"dingtalk": f"dingtalk://{DING_TOKEN}/", "feishu": f"feishu://{FEISHU_TOKEN}",
             "slack": "slack://T1JJ3T3L2/B1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ/"}[scheme]).body_maxlen
        assert PLATFORMS[key].max_size <= plugin_max


def _events(count: int) -> list[tuple[str, dict[str, object]]]:
    return [("policy.new", {"title": f"苏州工业园区关于支持OPC一人公司发展的若干措施（第{n}号）" * 2,
                            "region_name": "苏州工业园区", "url": f"https://www.sipac.gov.cn/{n}.html",
                            "policy_id": n + 1})
            for n in range(count)]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_long_digest_is_split_within_wecom_and_dingtalk_limits(fmt: str) -> None:
    title, body = render_digest(_events(12), fmt)
    for platform, url in (("wecom", to_apprise_url(WECOM)), ("dingtalk", to_apprise_url(DING))):
        limits = channel_limits(url)
        parts = fit_message(title, body, fmt, limits, blocks=True)
        for part_title, part_body in parts:
            assert limits.size(part_title, part_body) <= limits.max_size, platform
        if platform == "wecom":
            # 12 entries of ~90 Chinese characters: more than WeCom's 2,048 bytes, so numbered parts.
            assert len(parts) > 1 and limits.size(title, body) > limits.max_size
            assert [t[-5:] for t, _ in parts] == [f"（{n}/{len(parts)}）" for n in range(1, len(parts) + 1)]
            sent = "\n".join(b for _, b in parts)
            for n in range(12):
                assert f"https://www.sipac.gov.cn/{n}.html" in sent
                # Split between policies: a heading and its entry are in the same part.
                [part] = [b for _, b in parts if re.search(rf"(^|\n)(\*\*|<b>)?{n + 1}\. 苏州工业园区", b)]
                assert f"https://www.sipac.gov.cn/{n}.html" in part
            if fmt == "html":
                assert all(b.count("<a ") == b.count("</a>") for _, b in parts)
        else:
            assert parts == [(title, body)]


def test_a_message_too_long_even_for_three_parts_is_cut_and_keeps_its_link() -> None:
    amounts = [{"value": str(10000 * i), "phrase": "给予补贴" * 30} for i in range(1, 200)]
    payload = {"title": "苏州工业园区OPC措施", "url": "https://www.sipac.gov.cn/a1.shtml", "amounts": amounts}
    limits = channel_limits(to_apprise_url(WECOM))
    for fmt in ("text", "markdown", "html"):
        title, body = render_event(payload, "policy.new", fmt)
        parts = fit_message(title, body, fmt, limits, max_parts=2)
        assert len(parts) == 2
        assert all(limits.size(t, b) <= limits.max_size for t, b in parts)
        assert CUT_NOTICE in parts[-1][1]
        assert parts[-1][1].rstrip().endswith(("a1.shtml", "a1.shtml)", "a1.shtml</a>"))
