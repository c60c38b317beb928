"""Feishu custom bots with 签名校验 (a signing secret): the ``feishusigned://SECRET@TOKEN/`` Apprise plugin.

The installed Apprise's ``feishu://`` plugin cannot sign, and a Feishu robot with signing turned
on refuses every unsigned message (code 19021). Feishu wants two extra top-level JSON fields,
``timestamp`` (seconds) and ``sign`` = base64(HMAC-SHA256 keyed with ``"{timestamp}\\n{secret}"``
over an empty message). This subclass of Apprise's own plugin sends Apprise's payload shape
(text, or Markdown as an interactive card) with those two fields added; parsing, throttling and
privacy stay Apprise's.
It is registered once per process in Apprise's plugin table, like the outbox plugin.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import threading
import time
from typing import Any

SCHEMA = "feishusigned"
_LOCK = threading.Lock()
_registered = False


def feishu_sign(secret: str, timestamp: int) -> str:
    """Feishu's signature for ``timestamp`` (seconds since the epoch)."""
    key = f"{timestamp}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", digestmod=hashlib.sha256).digest()).decode()


def _plugin_class() -> type:
    from apprise.exception import AppriseImproperlyConfigured
    from apprise.plugins.feishu import NotifyFeishu
    from apprise.utils.parse import validate_regex

    class NotifyFeishuSigned(NotifyFeishu):  # type: ignore[misc]
        """Apprise's Feishu plugin, plus the signature Feishu checks when 签名校验 is on."""

        service_name = "Feishu (signed)"  # type: ignore[assignment]
        secure_protocol = SCHEMA
        templates = ("{schema}://{secret}@{token}",)

        def __init__(self, token: str, secret: str | None = None, **kwargs: Any) -> None:
            super().__init__(token=token, **kwargs)
            self.secret = validate_regex(secret, r"^[A-Za-z0-9]+$")
            if not self.secret:
                msg = "A Feishu signing secret (letters and digits) is required."
                self.logger.warning(msg)
                raise AppriseImproperlyConfigured(msg)

        def send(self, body: str, title: str = "", notify_type: Any = None,
                 body_format: Any = None, **kwargs: Any) -> bool:
            """Apprise's Feishu payload with ``timestamp`` and ``sign`` added, posted the same way."""
            import json

            import requests
            from apprise import NotifyFormat, NotifyType

            notify_type = notify_type or NotifyType.INFO
            if body_format == NotifyFormat.MARKDOWN:
                payload: dict[str, Any] = {"msg_type": "interactive", "card": {
                    "config": {"wide_screen_mode": True},
                    "header": {"title": {"tag": "plain_text", "content": title or self.app_desc},
                               "template": self.card_colors.get(notify_type, "blue")},
                    "elements": [{"tag": "div", "text": {"tag": "lark_md", "content": body}}],
                }}
            else:
                payload = {"msg_type": "text", "content": {"text": f"{title}\r\n{body}" if title else body}}
            stamp = int(time.time())
            payload = {"timestamp": str(stamp), "sign": feishu_sign(self.secret, stamp), **payload}
            self.throttle()
            try:
                response = requests.post(
                    self.notify_url.format(token=self.token),
                    data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
                    headers={"User-Agent": self.app_id, "Content-Type": "application/json"},
                    verify=self.verify_certificate, timeout=self.request_timeout,
                    allow_redirects=self.redirects,
                )
            except requests.RequestException:
                self.logger.warning("A Connection error occurred sending Feishu notification.")
                return False
            if response.status_code != requests.codes.ok:
                self.logger.warning("Failed to send Feishu notification: error=%s.", response.status_code)
                return False
            try:
                content = json.loads(response.content)
            except (TypeError, ValueError):
                content = {}
            if isinstance(content, dict) and content.get("code"):
                # 19021 = the signature did not match (wrong secret or a clock off by > 1 hour).
                self.logger.warning("Feishu rejected our notification: code=%s msg=%s",
                                    content.get("code"), content.get("msg"))
                return False
            self.logger.info("Sent Feishu notification.")
            return True

        @property  # type: ignore[override]
        def url_identifier(self) -> tuple[str, ...]:  # type: ignore[override]
            return (self.secure_protocol, self.secret, self.token)

        def url(self, privacy: bool = False, *args: Any, **kwargs: Any) -> str:
            from apprise.url import PrivacyMode

            params = self.url_parameters(*args, privacy=privacy, **kwargs)
            return "{schema}://{secret}@{token}/?{params}".format(
                schema=SCHEMA,
                secret=self.pprint(self.secret, privacy, mode=PrivacyMode.Secret, safe=""),
                token=self.pprint(self.token, privacy, safe=""),
                params=self.urlencode(params),
            )

        @staticmethod
        def parse_url(url: str) -> dict[str, Any] | None:  # type: ignore[override]
            results = NotifyFeishu.parse_url(url)
            if not results:
                return results
            results["secret"] = NotifyFeishu.unquote(results.get("user") or "")
            if results["qsd"].get("secret"):
                results["secret"] = NotifyFeishu.unquote(results["qsd"]["secret"])
            return dict(results)

    return NotifyFeishuSigned



def register_feishu_signed() -> None:
    """Make ``feishusigned://`` known to Apprise (once per process)."""
    global _registered
    if _registered:
        return
    with _LOCK:
        if _registered:
            return
        from apprise.manager_plugins import NotificationManager

        manager = NotificationManager()
        if SCHEMA not in manager:
            manager.add(_plugin_class(), schemas=SCHEMA)
        _registered = True
