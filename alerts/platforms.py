"""Chat platforms as users paste them: robot/webhook https URLs -> Apprise URLs, and each platform's limits.

Users copy the webhook address their group robot shows (钉钉 ``https://oapi.dingtalk.com/robot/send?
access_token=…``, 企业微信 ``https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…``, 飞书
``https://open.feishu.cn/open-apis/bot/v2/hook/…``); Apprise wants ``dingtalk://…``. Converting
here, once, at ``subscribe add`` means the stored URL is the one Apprise sends with, and the
name, limits and masking all read the same canonical form.

The limits are the platforms' published ones (robot rate limits and message sizes). Sizes are
counted the way each platform counts them: DingTalk limits the whole request (Apprise sends JSON
with ``\\uXXXX`` escapes, so a Chinese character costs 6 bytes), WeCom limits the text content in
UTF-8 bytes (3 per Chinese character), Feishu the UTF-8 request body.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qs, quote, urlsplit

from alerts.feishu_signed import LARK_SCHEMA as LARK_SIGNED
from alerts.feishu_signed import SCHEMA as FEISHU_SIGNED


def _utf8(text: str) -> int:
    return len(text.encode("utf-8"))


def _json_ascii(text: str) -> int:
    return len(json.dumps(text)) - 2


def _json_utf8(text: str) -> int:
    return len(json.dumps(text, ensure_ascii=False).encode("utf-8")) - 2


@dataclass(frozen=True)
class Limits:
    """What one channel accepts: messages per minute/second (None = no published limit) and size."""

    platform: str  # "dingtalk", "wecom", "feishu", "lark", "slack" or the Apprise scheme
    label: str  # what a Chinese user calls it: 钉钉, 企业微信, 飞书 …
    per_minute: int | None
    per_second: int | None
    max_size: int  # of title + body, in the unit ``measure`` counts
    measure: Callable[[str], int] = len
    # Whether the platform shows the title inside the body text (then both share max_size; a
    # DingTalk markdown title is sent twice: as the preview and as the first heading).
    title_copies: int = 1

    def size(self, title: str, body: str) -> int:
        """The size of a message as the platform counts it (title and separator included)."""
        return self.measure(body) + self.title_copies * (self.measure(title) + 2)


# Room left for the rest of the JSON request (msgtype, at, keys) under the platform's cap.
_FRAME = 600
PLATFORMS: dict[str, Limits] = {
    # 钉钉自定义机器人: 每个机器人每分钟最多 20 条; a request of at most 20,000 bytes.
    "dingtalk": Limits("dingtalk", "钉钉", 20, None, 20_000 - _FRAME, _json_ascii, title_copies=2),
    # 企业微信群机器人: 20 条/分钟; Apprise sends msgtype text, whose content is at most 2,048
    # UTF-8 bytes (markdown would allow 4,096, but Apprise's wecombot plugin sends text only).
    "wecom": Limits("wecom", "企业微信", 20, None, 2048, _utf8),
    # 飞书/Lark 自定义机器人: 100 次/分钟, 5 次/秒; a request body of at most 20 KB.
    "feishu": Limits("feishu", "飞书", 100, 5, 20_000 - _FRAME, _json_utf8),
    "lark": Limits("lark", "Lark", 100, 5, 20_000 - _FRAME, _json_utf8),
    # Slack incoming webhooks: about one message a second; Apprise's body_maxlen is 35,000.
    "slack": Limits("slack", "Slack", 60, 1, 35_000),
}
_SCHEME_PLATFORM = {"dingtalk": "dingtalk", "wecombot": "wecom", "feishu": "feishu",
                    FEISHU_SIGNED: "feishu", "lark": "lark", LARK_SIGNED: "lark", "slack": "slack"}

ACCEPTED_FORMS = (
    "钉钉 https://oapi.dingtalk.com/robot/send?access_token=…（加签：--secret SEC… 或 &secret=SEC…）; "
    "企业微信 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…; "
    "飞书 https://open.feishu.cn/open-apis/bot/v2/hook/…（签名校验：--secret …）; "
    "Lark https://open.larksuite.com/open-apis/bot/v2/hook/…（Signature Verification: --secret …）; "
    "Slack https://hooks.slack.com/services/…; "
    "or any Apprise URL (dingtalk://, wecombot://, feishu://, mailto://, json:// … "
    "see https://appriseit.com/services/)"
)
# The signed plugins (alerts/feishu_signed.py) of the platforms whose own Apprise plugin cannot sign.
_SIGNED = {"feishu": FEISHU_SIGNED, "lark": LARK_SIGNED}
_TOKEN = re.compile(r"^[A-Za-z0-9_-]+$")
_SECRET = re.compile(r"^[A-Za-z0-9]+$")


class ChannelURLError(ValueError):
    """A channel URL that is not one of the accepted forms; the message names them."""


def _refuse(problem: str) -> ChannelURLError:
    return ChannelURLError(f"{problem}。可用的地址 / accepted forms: {ACCEPTED_FORMS}")


def _secret(value: str | None, platform: str) -> str:
    value = (value or "").strip()
    if value and not _SECRET.match(value):
        raise _refuse(f"{platform} 的加签密钥只能是字母和数字 / the {platform} signing secret must be letters and digits")
    return value


def _dingtalk(query: dict[str, list[str]], secret: str | None) -> str:
    token = (query.get("access_token") or [""])[0].strip()
    if not token or not _SECRET.match(token):
        raise _refuse("钉钉地址缺少 access_token / the DingTalk URL has no access_token")
    sign = _secret(secret or (query.get("secret") or [""])[0], "钉钉 DingTalk")
    return f"dingtalk://{sign + '@' if sign else ''}{token}/"


def _wecom(query: dict[str, list[str]], secret: str | None) -> str:
    key = (query.get("key") or [""])[0].strip()
    if not key or not _TOKEN.match(key):
        raise _refuse("企业微信地址缺少 key / the WeCom URL has no key")
    if secret:
        raise _refuse("企业微信机器人没有加签 / WeCom robots have no signing secret")
    return f"wecombot://{key}"


def _hook_token(path: str, platform: str) -> str:
    match = re.fullmatch(r"/open-apis/bot/v2/hook/([^/]+)/?", path)
    if not match or not _TOKEN.match(match.group(1)):
        raise _refuse(f"{platform} 地址应为 …/open-apis/bot/v2/hook/<token> / the {platform} URL has no hook token")
    return match.group(1)


def _feishu(path: str, query: dict[str, list[str]], secret: str | None, scheme: str) -> str:
    """Feishu and Lark (its international edition) share the hook path and the signing scheme."""
    platform = "飞书 Feishu" if scheme == "feishu" else "Lark"
    token = _hook_token(path, platform)
    sign = _secret(secret or (query.get("secret") or [""])[0], platform)
    if sign:
        return f"{_SIGNED[scheme]}://{sign}@{token}/"
    return f"{scheme}://{token}"


def _slack(path: str, secret: str | None) -> str:
    parts = [p for p in path.split("/") if p]
    if len(parts) != 4 or parts[0] != "services" or not all(_TOKEN.match(p) for p in parts[1:]):
        raise _refuse("Slack 地址应为 https://hooks.slack.com/services/T…/B…/… / malformed Slack webhook URL")
    if secret:
        raise _refuse("Slack webhooks take no signing secret")
    return "slack://" + "/".join(quote(p, safe="") for p in parts[1:]) + "/"


def _with_secret(url: str, secret: str | None) -> str:
    """An Apprise URL given with ``--secret``: DingTalk, Feishu and Lark only (the platforms that sign)."""
    scheme = url.split("://", 1)[0].lower()
    sign = _secret(secret, scheme)
    rest = url.split("://", 1)[1]
    if "@" in rest.split("/", 1)[0]:
        raise _refuse("地址里已有密钥 / the URL already carries a secret; drop --secret")
    if scheme == "dingtalk":
        return f"dingtalk://{sign}@{rest}"
    if scheme in _SIGNED:
        return f"{_SIGNED[scheme]}://{sign}@{rest}"
    raise _refuse(f"--secret 只用于钉钉、飞书和 Lark / --secret is for DingTalk, Feishu and Lark, not {scheme}://")


def to_apprise_url(url: str, secret: str | None = None) -> str:
    """The Apprise URL for what the user pasted; Apprise URLs pass through (with ``secret`` applied).

    Raises :class:`ChannelURLError` (one line naming the accepted forms) for an https URL of an
    unknown or malformed kind. Whether Apprise can parse a non-https URL is checked by the caller.
    """
    url = (url or "").strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        if not re.match(r"^[A-Za-z][A-Za-z0-9]*://.", url):
            raise _refuse("这不是通知地址 / not a channel URL")
        return _with_secret(url, secret) if secret else url
    host, query = (parts.hostname or "").lower(), parse_qs(parts.query)
    if host == "oapi.dingtalk.com" and parts.path.rstrip("/") == "/robot/send":
        return _dingtalk(query, secret)
    if host == "qyapi.weixin.qq.com" and parts.path.rstrip("/") == "/cgi-bin/webhook/send":
        return _wecom(query, secret)
    if host == "open.feishu.cn":
        return _feishu(parts.path, query, secret, "feishu")
    if host == "open.larksuite.com":
        return _feishu(parts.path, query, secret, "lark")
    if host == "hooks.slack.com":
        return _slack(parts.path, secret)
    raise _refuse(f"不支持的平台地址 / unsupported platform URL ({scheme}://{host or '?'})")


def platform_of(url: str) -> Limits | None:
    """The platform a (converted) channel URL belongs to, or None for generic channels."""
    scheme = url.strip().split("://", 1)[0].lower()
    key = _SCHEME_PLATFORM.get(scheme)
    return PLATFORMS[key] if key else None


def platform_label(url: str) -> str | None:
    """钉钉 / 企业微信 / 飞书 / Lark / Slack for a platform channel (the default subscription name)."""
    platform = platform_of(url)
    return platform.label if platform else None


def channel_limits(url: str) -> Limits:
    """Published limits of the channel: the platform's, or for other channels Apprise's body_maxlen."""
    platform = platform_of(url)
    if platform is not None:
        return platform
    scheme = url.strip().split("://", 1)[0].lower()
    return Limits(scheme, scheme, None, None, _body_maxlen(scheme))


@lru_cache(maxsize=64)
def _body_maxlen(scheme: str) -> int:
    """Apprise's own cap for the scheme's plugin class (read off the class: no URL parse per message)."""
    from apprise.manager_plugins import NotificationManager

    from alerts.outbox import register_outbox

    register_outbox()
    manager = NotificationManager()
    plugin = manager[scheme] if scheme in manager else None
    return int(getattr(plugin, "body_maxlen", 0) or 32_768)
