"""One message to one Apprise channel, with an error text that is safe to store and show."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from alerts.feishu_signed import register_feishu_signed
from alerts.outbox import register_outbox
from alerts.platforms import channel_limits
from alerts.render_fit import fit_message
from alerts.secrets_filter import install_secret_filter, remember_url, scrub_text
from alerts.subscriptions import mask_url
from alerts.webhook import JsonWebhooks

MAX_ERROR = 500


def scrub(text: str, url: str) -> str:
    """``text`` with every piece of ``url`` that the masked form hides replaced by ``****``.

    Apprise's own messages are privacy-aware, but exception texts from HTTP/SMTP libraries
    may echo a path or query carrying a token; this is the belt to Apprise's braces.
    """
    shown = set(re.split(r"[:/@?&=#,\s]+", unquote(mask_url(url))))
    secrets = {p for p in re.split(r"[:/@?&=#,\s]+", unquote(url)) if len(p) >= 4 and p not in shown}
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "****")
    return scrub_text(text)[:MAX_ERROR]


def sequential_asset() -> Any:
    """One Apprise asset for every send: the call runs in the caller's thread, no deadline.

    Apprise's default hands each notify() to its own process-wide pool (a handful of threads)
    under a 60 s deadline; our dispatcher (alerts/dispatch.py) already runs sends in its own
    bounded pool, so that second pool would only cap concurrency. Socket timeouts still bound
    a call.
    """
    global _ASSET
    if _ASSET is None:
        import apprise

        _ASSET = apprise.AppriseAsset(async_mode=False, service_timeout=0)
    return _ASSET


_ASSET: Any = None


def send_message(url: str, title: str, body: str, fmt: str, headers: dict[str, str] | None = None,
                 *, webhooks: JsonWebhooks | None = None, blocks: bool = False) -> tuple[bool, str]:
    """Send through a fresh ``apprise.Apprise()``; (True, "") or (False, scrubbed error text).

    A fresh instance per message keeps channels independent (a dead one cannot affect the
    next) and leaves Apprise's process-wide state alone apart from our two plugins. A message
    over the channel's size limit goes as numbered parts (alerts/render_fit.py); it counts as
    sent only when every part was. ``headers`` go on generic webhooks (json/form/xml, whose
    plugins send extra headers: Apprise's ``+Header=value``), e.g. an Idempotency-Key. ``blocks``:
    the body is a digest, fitted between its policies rather than between lines.

    With ``webhooks`` (a dispatch's pools), plain JSON webhook channels skip Apprise's
    per-message setup and send the same request over a kept-alive connection (alerts/webhook.py);
    whatever that path does not take still goes through Apprise.
    """
    install_secret_filter()  # Apprise and urllib3 log the full URL or path at DEBUG; idempotent
    remember_url(url)
    parts = fit_message(title, body, fmt, channel_limits(url), blocks=blocks)
    if webhooks is not None:
        while parts:
            outcome = webhooks.send(url, *parts[0], fmt, headers)
            if outcome is None:  # not for the fast path: Apprise sends the rest
                break
            if not outcome[0]:
                return False, scrub(outcome[1], url)
            parts = parts[1:]
        if not parts:
            return True, ""
    return _send_with_apprise(url, parts, fmt, headers)


def _send_with_apprise(url: str, parts: list[tuple[str, str]], fmt: str,
                       headers: dict[str, str] | None) -> tuple[bool, str]:
    import apprise

    register_outbox()
    register_feishu_signed()
    notifier = apprise.Apprise(asset=sequential_asset())
    if not notifier.add(url):
        return False, f"Apprise 无法解析该地址 / Apprise cannot parse this URL: {mask_url(url)}"
    for plugin in notifier:
        extra = getattr(plugin, "headers", None)
        if headers and isinstance(extra, dict):
            extra.update(headers)
    for part_title, part_body in parts:
        ok, error = _notify(notifier, url, part_title, part_body, fmt)
        if not ok:
            return False, error
    return True, ""


def _notify(notifier: object, url: str, title: str, body: str, fmt: str) -> tuple[bool, str]:
    import apprise

    try:
        result = notifier.notify(title=title, body=body, body_format=apprise.NotifyFormat(fmt))  # type: ignore[attr-defined]
    except Exception as exc:  # a plugin bug must not stop the other channels
        return False, scrub(f"{type(exc).__name__}: {exc}", url)
    ok = bool(result)
    error = ""
    if not ok:
        logs = getattr(result, "logs", None)
        messages = [e.message for e in logs() if e.level in ("WARNING", "ERROR", "CRITICAL")] if logs else []
        error = scrub("; ".join(dict.fromkeys(messages)) or "发送失败 / the channel refused the message", url)
    close = getattr(result, "close", None)
    if close:
        close()
    return ok, error
