"""Feishu and Lark custom bots with 签名校验 / Signature Verification: ``feishusigned://`` and ``larksigned://``.

The installed Apprise's ``feishu://`` and ``lark://`` plugins cannot sign, and a robot with
signing turned on refuses every unsigned message (code 19021). Feishu (open.feishu.cn) and its
international edition Lark (open.larksuite.com) use one scheme: two extra top-level JSON fields,
``timestamp`` (seconds) and ``sign`` = base64(HMAC-SHA256 keyed with ``"{timestamp}\\n{secret}"``
over an empty message). Each plugin here subclasses Apprise's own one for its platform and sends
that plugin's payload shape (text, or Markdown as an interactive card) with those two fields
added; parsing, throttling and privacy stay Apprise's.
They are registered once per process in Apprise's plugin table, like the outbox plugin.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import threading
import time
from typing import Any

SCHEMA = "feishusigned"
LARK_SCHEMA = "larksigned"
_LOCK = threading.Lock()
_registered = False


def feishu_sign(secret: str, timestamp: int) -> str:
    """Feishu's (and Lark's) signature for ``timestamp`` (seconds since the epoch)."""
    key = f"{timestamp}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", digestmod=hashlib.sha256).digest()).decode()


def _signed_class(base: Any, schema: str, service: str, api_url: str, newline: str) -> type:
    """``base`` (Apprise's Feishu or Lark plugin) with the signature added to every request.

    ``newline`` joins title and body in a text message, as ``base`` itself does ("\\r\\n" in
    Feishu's plugin, "\\n" in Lark's), so a signed message reads like an unsigned one.
    """
    from apprise.exception import AppriseImproperlyConfigured
    from apprise.utils.parse import validate_regex

    class NotifySigned(base):  # type: ignore[misc, valid-type]
        """Apprise's plugin, plus the signature the platform checks when signing is on."""

        service_name = f"{service} (signed)"
        secure_protocol = schema
        templates = ("{schema}://{secret}@{token}",)
        # With "{token}", read at each send (Lark's own plugin builds its address in __init__
        # instead), so a test can point the class or one plugin at a loopback server.
        notify_url = api_url

        def __init__(self, token: str, secret: str | None = None, **kwargs: Any) -> None:
            super().__init__(token=token, **kwargs)
            self.secret = validate_regex(secret, r"^[A-Za-z0-9]+$")
            if not self.secret:
                msg = f"A {service} signing secret (letters and digits) is required."
                self.logger.warning(msg)
                raise AppriseImproperlyConfigured(msg)

        def send(self, body: str, title: str = "", notify_type: Any = None,
                 body_format: Any = None, **kwargs: Any) -> bool:
            """The platform plugin's payload with ``timestamp`` and ``sign`` added, posted the same way."""
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
                payload = {"msg_type": "text", "content": {"text": f"{title}{newline}{body}" if title else body}}
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
                self.logger.warning("A Connection error occurred sending %s notification.", service)
                return False
            if response.status_code != requests.codes.ok:
                self.logger.warning("Failed to send %s notification: error=%s.", service, response.status_code)
                return False
            try:
                content = json.loads(response.content)
            except (TypeError, ValueError):
                content = {}
            if isinstance(content, dict) and content.get("code"):
                # 19021 = the signature did not match (wrong secret or a clock off by > 1 hour).
                self.logger.warning("%s rejected our notification: code=%s msg=%s",
                                    service, content.get("code"), content.get("msg"))
                return False
            self.logger.info("Sent %s notification.", service)
            return True

        @property  # type: ignore[override]
        def url_identifier(self) -> tuple[str, ...]:  # type: ignore[override]
            return (self.secure_protocol, self.secret, self.token)

        def url(self, privacy: bool = False, *args: Any, **kwargs: Any) -> str:
            from apprise.url import PrivacyMode

            params = self.url_parameters(*args, privacy=privacy, **kwargs)
            return "{schema}://{secret}@{token}/?{params}".format(
                schema=schema,
                secret=self.pprint(self.secret, privacy, mode=PrivacyMode.Secret, safe=""),
                token=self.pprint(self.token, privacy, safe=""),
                params=self.urlencode(params),
            )

        @staticmethod
        def parse_url(url: str) -> dict[str, Any] | None:  # type: ignore[override]
            results = base.parse_url(url)
            if not results:
                return results
            results["secret"] = base.unquote(results.get("user") or "")
            if results["qsd"].get("secret"):
                results["secret"] = base.unquote(results["qsd"]["secret"])
            return dict(results)

        @staticmethod
        def parse_native_url(url: str) -> None:
            return None  # a pasted https robot URL stays the unsigned plugin's (no secret in it)

    NotifySigned.__name__ = NotifySigned.__qualname__ = f"Notify{service}Signed"
    return NotifySigned


def _plugin_classes() -> dict[str, type]:
    from apprise.plugins.feishu import NotifyFeishu
    from apprise.plugins.lark import NotifyLark

    return {
        SCHEMA: _signed_class(NotifyFeishu, SCHEMA, "Feishu",
                              "https://open.feishu.cn/open-apis/bot/v2/hook/{token}/", "\r\n"),
        LARK_SCHEMA: _signed_class(NotifyLark, LARK_SCHEMA, "Lark",
                                   "https://open.larksuite.com/open-apis/bot/v2/hook/{token}", "\n"),
    }


def register_feishu_signed() -> None:
    """Make ``feishusigned://`` and ``larksigned://`` known to Apprise (once per process)."""
    global _registered
    if _registered:
        return
    with _LOCK:
        if _registered:
            return
        from apprise.manager_plugins import NotificationManager

        manager = NotificationManager()
        for schema, plugin in _plugin_classes().items():
            if schema not in manager:
                manager.add(plugin, schemas=schema)
        _registered = True
