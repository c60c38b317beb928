"""Recognizing answers that are not content: anti-bot challenges, WAF shells, soft 404s.

A pure function of what came back (status, body, URLs), so it can be table-tested. The spider
records a verdict as the source's health (blocked / layout_changed) and never stores the page.
Facts behind the signatures (瑞数 412 ``$_ts``, 加速乐 521 cookie
script, the ~7.7 KB "网站云防护系统" 403 shell, SIP's homepage-for-missing-channel).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

BLOCKED = "blocked"
SOFT_404 = "soft404"

# Statuses a challenge or WAF answers with; spiders let these through to their callbacks.
CHALLENGE_STATUSES = (403, 412, 429, 512, 521)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.S | re.I)
_WAF_MARKERS = ("网站云防护系统", "云防护", "拒绝执行", "云锁", "yunsuo", "安全狗", "Web应用防火墙", "访问被拦截")
_NOT_FOUND_TITLES = ("您访问的页面不存在", "页面不存在", "404 Not Found", "找不到页面")
_SHORT = 4096  # challenge scripts are small; a real article page is not


@dataclass(frozen=True)
class Verdict:
    """Why an answer is not content: ``kind`` is ``blocked`` or ``soft404``; ``reason`` says which."""

    kind: str
    reason: str


def page_title(body: bytes) -> str:
    """The ``<title>`` text of an HTML body ('' if none), decoded as UTF-8 or else GB18030."""
    match = _TITLE.search(body[:65536])
    return _decode(match.group(1)).strip() if match else ""


def classify(
    status: int,
    body: bytes,
    *,
    url: str = "",
    final_url: str = "",
    home_title: str | None = None,
) -> Verdict | None:
    """The verdict for an answer that is not content, or None for a plausible content answer.

    ``url`` is the URL asked for, ``final_url`` where redirects ended; ``home_title`` (the
    site's homepage title, when the caller knows it) catches a list URL that silently serves
    the homepage. 404/5xx are not judged here: they are plain HTTP errors.
    """
    text = _decode(body[:65536])
    small = len(body) <= _SHORT
    if status == 412 or (small and "$_ts" in text):
        return Verdict(BLOCKED, f"HTTP {status}: 瑞数 (Rivers Security) challenge page with a $_ts script")
    if status in (512, 521) or (small and "document.cookie" in text and "location" in text):
        return Verdict(BLOCKED, f"HTTP {status}: 加速乐 (Jiasule) cookie challenge script")
    if any(marker in text for marker in _WAF_MARKERS) and (status == 403 or small or "<title>拒绝" in text):
        return Verdict(BLOCKED, f"HTTP {status}: cloud WAF shell ({len(body)} bytes), the site gates this IP")
    if status in (403, 429):
        return Verdict(BLOCKED, f"HTTP {status}: access refused ({len(body)} bytes)")
    if status != 200:
        return None
    title = page_title(body)
    if any(marker in title for marker in _NOT_FOUND_TITLES):
        return Verdict(SOFT_404, f"200 with a not-found page titled {title!r}")
    asked, ended = urlsplit(url), urlsplit(final_url or url)
    if url and _is_home(ended.path) and not _is_home(asked.path):
        return Verdict(SOFT_404, f"{url} redirected to the homepage {final_url}")
    if home_title and title == home_title and url and not _is_home(asked.path):
        return Verdict(SOFT_404, f"{url} serves the homepage (title {title!r}) instead of a list")
    return None


def _is_home(path: str) -> bool:
    return path.rstrip("/") in {"", "/index.html", "/index.htm", "/index.shtml", "/index.jsp"}


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3:  # the 64 KiB cut split the last UTF-8 character
            return data[: exc.start].decode("utf-8", errors="replace")
        return data.decode("gb18030", errors="replace")
