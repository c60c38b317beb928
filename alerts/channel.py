"""One message to one Apprise channel, with an error text that is safe to store and show."""

from __future__ import annotations

import re
from urllib.parse import unquote

from alerts.outbox import register_outbox
from alerts.subscriptions import mask_url

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
    return text[:MAX_ERROR]


def send_message(url: str, title: str, body: str, fmt: str) -> tuple[bool, str]:
    """Send through a fresh ``apprise.Apprise()``; (True, "") or (False, scrubbed error text).

    A fresh instance per message keeps channels independent (a dead one cannot affect the
    next) and leaves Apprise's process-wide state alone apart from the outbox plugin.
    """
    import apprise

    register_outbox()
    notifier = apprise.Apprise()
    if not notifier.add(url):
        return False, f"Apprise 无法解析该地址 / Apprise cannot parse this URL: {mask_url(url)}"
    try:
        result = notifier.notify(title=title, body=body, body_format=apprise.NotifyFormat(fmt))
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
