"""Who may write: whoever logs in with OPCWATCH_WEB_TOKEN; every form carries a CSRF token.

The session is Starlette's signed cookie (HttpOnly, SameSite=Strict) keyed by a hash of the
token, so changing the token logs everyone out. Without a token the app has no login and no
forms at all: it is read-only.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from typing import Any

from starlette.requests import Request

from opcwatch.web.filters import BadInput


def session_key(token: str) -> str:
    return hashlib.sha256(b"opcwatch-web-session\0" + token.encode()).hexdigest()


def csrf_token(request: Request) -> str:
    """This session's CSRF token, made on first use (also before login, for the login form)."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(24)
        request.session["csrf"] = token
    return str(token)


def logged_in(request: Request) -> bool:
    return bool(getattr(request.app.state, "web_token", None)) and request.session.get("auth") is True


def check_csrf(request: Request, form: Any) -> None:
    sent = str(form.get("csrf") or "")
    expected = str(request.session.get("csrf") or "")
    if not expected or not hmac.compare_digest(sent, expected):
        raise BadInput("表单已过期或来源不明（CSRF）/ the form is stale or not from this site (CSRF): 请刷新页面重试", 403)


def require_login(request: Request) -> None:
    if not getattr(request.app.state, "web_token", None):
        raise BadInput("只读模式：未设置 OPCWATCH_WEB_TOKEN / read-only: OPCWATCH_WEB_TOKEN is not set", 403)
    if not logged_in(request):
        raise BadInput("请先登录 / log in first (/login)", 401)


def token_matches(request: Request, given: str) -> bool:
    expected = str(getattr(request.app.state, "web_token", "") or "")
    return bool(expected) and hmac.compare_digest(given.strip().encode(), expected.encode())


# Guessing the token: at most FAILED_LOGINS wrong tries per client address per window.
FAILED_LOGINS = 5
WINDOW_SECONDS = 300.0
_failures: dict[str, deque[float]] = defaultdict(deque)
_failures_lock = threading.Lock()


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


def check_not_throttled(request: Request) -> None:
    now = time.monotonic()
    with _failures_lock:
        recent = _failures[_client(request)]
        while recent and now - recent[0] > WINDOW_SECONDS:
            recent.popleft()
        if len(recent) >= FAILED_LOGINS:
            wait = int(WINDOW_SECONDS - (now - recent[0])) + 1
            raise BadInput(f"登录失败次数过多，请 {wait} 秒后再试 / too many wrong tokens: try again in {wait} s", 429)


def record_failure(request: Request) -> None:
    with _failures_lock:
        _failures[_client(request)].append(time.monotonic())
