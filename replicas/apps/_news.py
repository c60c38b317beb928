"""Small building blocks of the news-outlet and city-portal replicas built in Python.

A replica here is a dict of path -> :class:`Page` for a day; :class:`StaticApp` serves it with
robots.txt and conditional GET (every page carries ``last_modified``). Sample texts are modelled
on facts of real articles and marked as sample pages, like the jiangsu_gov replica.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from replicas.server import AppRequest, Reply

CST = ZoneInfo("Asia/Shanghai")
SAMPLE_NOTE = "（示例页面 sample page，opcwatch 离线演示）"


def cst(stamp: str) -> datetime:
    """``2025-12-31 18:12`` (Beijing time) as an aware datetime."""
    return datetime.fromisoformat(stamp).replace(tzinfo=CST)


@dataclass(frozen=True)
class Article:
    """One detail page: where it lives, what it says, when it was published."""

    path: str
    title: str
    stamp: str  # "YYYY-MM-DD HH:MM" Beijing time
    source: str
    paragraphs: tuple[str, ...]
    sample: bool = True

    @property
    def day(self) -> str:
        return self.stamp[:10]

    def body_html(self) -> str:
        """The paragraphs as ``<p>``, the sample-page note last."""
        lines = [*self.paragraphs, SAMPLE_NOTE] if self.sample else list(self.paragraphs)
        return "\n".join(f"<p>{html.escape(p)}</p>" for p in lines)


@dataclass(frozen=True)
class Page:
    """One answer of a replica: status, bytes, content type, Last-Modified, extra headers."""

    body: bytes
    modified: datetime | None
    status: int = 200
    content_type: str | None = "text/html;charset=UTF-8"
    headers: dict[str, str] = field(default_factory=dict)

    def reply(self) -> Reply:
        # The server formats Last-Modified with usegmt=True, which rejects non-UTC datetimes.
        modified = self.modified.astimezone(UTC) if self.modified else None
        return Reply(self.status, self.body, self.content_type, self.headers, modified)


ROBOTS = b"User-agent: *\nDisallow: /search/\n"


class StaticApp:
    """Serves ``build(day)`` (path -> Page) for ``hosts``; robots.txt allows everything but search."""

    server_header = "nginx"

    def __init__(self, hosts: tuple[str, ...], build: Callable[[int], dict[str, Page]], day: int = 1) -> None:
        self.hosts = hosts
        self._build = build
        self.day = day
        self.pages = build(day)

    def set_day(self, day: int) -> None:
        if day not in (1, 2):
            raise ValueError(f"the replica has days (1, 2), not {day}")
        self.day = day
        self.pages = self._build(day)

    def handle(self, request: AppRequest) -> Reply | None:
        if request.path == "/robots.txt":
            return Reply(body=ROBOTS, content_type="text/plain")
        if request.method not in {"GET", "HEAD"}:
            return None
        key = f"{request.path}?{request.query}" if request.query else request.path
        page = self.pages.get(key) or self.pages.get(request.path)
        return page.reply() if page else None
