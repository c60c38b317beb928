"""Channel secrets kept out of every log record, at every level, and the masked form of a channel URL.

Channel URLs carry bot tokens, webhook path tokens and passwords. Our own code only ever logs
:func:`mask_channel_url`, but Apprise logs the full request URL at DEBUG ("DingTalk URL:
https://oapi.dingtalk.com/robot/send?access_token=…"), urllib3 logs the request path
('"POST /hook/<token> HTTP/1.1"'), and exception texts echo URLs. :func:`install_secret_filter`
therefore wraps logging's record factory: every record any logger creates is scrubbed before
a handler (ours, Airflow's, pytest's caplog) sees it, whatever the handler's level or filters.

Two nets: every URL a channel was seen with is remembered (:func:`remember_url`; subscriptions,
sends and masking call it) and its secret parts are replaced wherever they appear; and patterns
catch secrets in URLs not seen yet (``user:password@``, ``access_token=`` / ``key=`` / ``sign=``
query values, Feishu and Slack hook paths, any non-http URL such as ``dingtalk://TOKEN``).
This module imports nothing heavy: it is installed before anything else is loaded.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Any
from urllib.parse import unquote

MASK = "****"
_URL = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)", re.S)
_HOST = re.compile(
    r"^(localhost|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\]"
    r"|(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63})(:\d{1,5})?$"
)
# A URL piece shorter than this is not treated as a secret everywhere ("hook", "opc", "x"):
# replacing it in every log line would garble them while protecting nothing real.
_MIN_SECRET = 6
_NOT_SECRET = frozenset({"services", "webhook", "robot", "hooks", "markdown", "upstream", "localhost",
                         "open-apis", "cgi-bin", "access_token", "127.0.0.1"})
_PIECES = re.compile(r"[:/@?&=#,;\s]+")
_TOKENS = re.compile(r"[\s:/@?&=#,;\"'`()<>\[\]{}|\\*]+")
_KNOWN: set[str] = set()
_SEEN: set[str] = set()
_LOCK = threading.Lock()

_QUERY_SECRET = re.compile(
    r"(?i)([?&;](?:access_token|token|key|secret|sign|signature|password|passwd|pass|apikey|api_key"
    r"|webhook_key|auth)=)[^&\s\"'#<>]+")
_USERINFO = re.compile(r"(?i)\b(https?://)[^/\s@\"'<>]+@")
_HOOK_PATH = re.compile(r"(?i)(/open-apis/bot/v2/hook/|hooks\.slack\.com/services/)[^\s\"'<>?#]+")
_OTHER_URL = re.compile(r"(?i)(?<![A-Za-z0-9+.-])([a-z][a-z0-9+.-]{1,31})://[^\s\"'<>]+")
_PLAIN_SCHEMES = frozenset({"http", "https", "outbox", "file", "sqlite"})


def mask_channel_url(url: str) -> str:
    """A URL with user names, passwords, tokens and every path segment hidden.

    Kept: the scheme (which kind of channel) and a host that is a real host name or address
    (``json://****@127.0.0.1:8080/****``, ``mailto://****@example.com``). A "host" that is a
    token (``dingtalk://TOKEN``, ``wecombot://KEY``, ``slack://T…/B…/…``) hides everything.
    """
    match = _URL.match(url or "")
    if not match:
        return "url://" + MASK
    scheme, netloc, path = match.group(1).lower(), match.group(2), match.group(3)
    userinfo, at, hostport = netloc.rpartition("@")
    if not _HOST.match(hostport):
        return f"{scheme}://{MASK}"
    shown = f"{scheme}://{MASK + '@' if at else ''}{hostport}"
    return shown + (f"/{MASK}" if path.strip("/") else "")


def secret_parts(url: str) -> set[str]:
    """The pieces of ``url`` its masked form hides and that are long enough to look for in text."""
    shown = set(_PIECES.split(mask_channel_url(url)))
    parts: set[str] = set()
    for piece in _PIECES.split(url or ""):
        for variant in (piece, unquote(piece)):
            if len(variant) >= _MIN_SECRET and variant not in shown and variant.lower() not in _NOT_SECRET:
                parts.add(variant)
    return parts


def remember_url(url: str) -> None:
    """Scrub ``url``'s secrets from every later log record (cheap when already remembered)."""
    if not url or url in _SEEN or url.strip().lower().startswith(("outbox://", "file://")):
        return
    parts = secret_parts(url)
    with _LOCK:
        _SEEN.add(url)
        _KNOWN.update(parts)


def _mask_other(match: re.Match[str]) -> str:
    return match.group(0) if match.group(1).lower() in _PLAIN_SCHEMES else mask_channel_url(match.group(0))


def scrub_text(text: str) -> str:
    """``text`` with every known channel secret and every secret-looking URL part replaced by ****."""
    if not text:
        return text
    if _KNOWN:
        # Tokens split on URL delimiters, looked up in a set: linear in the text, whatever the
        # number of subscriptions (a replace() per known secret would not be).
        hits = {t.rstrip(".") for t in _TOKENS.split(text)} & _KNOWN
        for secret in sorted(hits, key=len, reverse=True):
            text = text.replace(secret, MASK)
    if "://" in text:
        text = _OTHER_URL.sub(_mask_other, text)
        text = _USERINFO.sub(lambda m: m.group(1) + MASK + "@", text)
    if "=" in text:
        text = _QUERY_SECRET.sub(lambda m: m.group(1) + MASK, text)
    if "/hook" in text or "hooks." in text:
        text = _HOOK_PATH.sub(lambda m: m.group(1) + MASK, text)
    return text


class SecretFilter(logging.Filter):
    """Rewrites a record's message (and traceback text) with :func:`scrub_text`; never drops it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the logging module's business, not ours
            return True
        clean = scrub_text(message)
        if clean != message:
            record.msg, record.args = clean, ()
        if record.exc_info and not record.exc_text:
            trace = logging.Formatter().formatException(record.exc_info)
            record.exc_text = scrub_text(trace)
        if record.stack_info:
            record.stack_info = scrub_text(record.stack_info)
        return True


_installed = False


def install_secret_filter() -> None:
    """Scrub every log record from now on, in this process (idempotent)."""
    global _installed
    if _installed:
        return
    with _LOCK:
        if _installed:
            return
        previous = logging.getLogRecordFactory()
        secret_filter = SecretFilter()

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            secret_filter.filter(record)
            return record

        logging.setLogRecordFactory(factory)
        _installed = True
