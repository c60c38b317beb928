"""Shared pieces of the JSON-API family replicas (Wuxi, Xuzhou, Nantong, Lianyungang, Huaian).

Not a site app itself (the leading underscore keeps it out of ``fleet.app_names()``). A site
module lists its documents as :class:`Doc` records and subclasses :class:`DocSiteApp`, which
serves robots.txt, every detail page (with a Last-Modified, so conditional GET works) and asks
the subclass for list answers. Detail markup follows the family's real templates as far as
the real sites use them (Wuxi ``#Zoom``, Nantong ``#zoom``, Xuzhou ``div.mian-cont`` + ``table.info``,
Huaian ``#zoom``) plus the national meta block. Sample pages (texts modelled on
facts of real articles) are marked like the jiangsu replica's: ``p.opcwatch-sample``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from html import escape

from replicas.server import AppRequest, Reply

SAMPLE_NOTE = '<p class="opcwatch-sample" style="text-indent:2em;color:#999;">（示例页面 sample page，opcwatch 离线演示）</p>'
ROBOTS = Reply(body=b"User-agent: *\nDisallow: /admin/\n", content_type="text/plain")
JSON_TYPE = "application/json;charset=UTF-8"
ORDINARY_TOPICS = (
    "关于做好{year}年度城镇燃气安全隐患排查整治工作的通知",
    "关于公布第{n}批市级非物质文化遗产代表性项目名录的通知",
    "关于进一步加强住宅小区物业管理工作的实施意见",
    "关于调整最低工资标准的通知",
    "关于印发农村人居环境整治提升行动方案的通知",
    "关于开展第{n}次全国经济普查工作的通知",
    "关于加强和改进城市公共交通服务的实施意见",
    "关于公布行政规范性文件清理结果的决定",
)


@dataclass(frozen=True)
class Doc:
    """One detail page: real path, title, publication date, issuer, paragraphs, info fields."""

    path: str
    title: str
    day: str  # YYYY-MM-DD
    issuer: str
    paragraphs: tuple[str, ...]
    doc_number: str = ""
    index_no: str = ""
    column: str = ""
    sample: bool = False
    from_day: int = 1  # first replica day the page exists

    @property
    def modified(self) -> datetime:
        return datetime.fromisoformat(self.day).replace(hour=9, tzinfo=UTC)


def ordinary_docs(
    count: int, newest: date, issuer: str, path: Callable[[int, date], str], *, column: str = "", step: int = 3
) -> list[Doc]:
    """``count`` ordinary (non-OPC) documents, newest first, one every ``step`` days."""
    docs = []
    for i in range(count):
        day = newest - timedelta(days=step * i)
        title = ORDINARY_TOPICS[i % len(ORDINARY_TOPICS)].format(year=day.year, n=i // len(ORDINARY_TOPICS) + 2)
        paragraphs = (
            f"各有关单位：现将《{title.removeprefix('关于').removesuffix('的通知')}》有关事项通知如下。",
            "一、提高思想认识，压实工作责任，确保各项工作落到实处。",
            "二、加强统筹协调，各部门要按照职责分工密切配合，形成工作合力。",
            f"本通知自{day.year}年{day.month}月{day.day}日起施行。",
        )
        docs.append(Doc(path(i, day), title, day.isoformat(), issuer, paragraphs, column=column))
    return docs


def visible(docs: Sequence[Doc], day: int) -> list[Doc]:
    """The documents that exist on replica ``day``, newest first."""
    return sorted((d for d in docs if d.from_day <= day), key=lambda d: d.day, reverse=True)


def newest(docs: Sequence[Doc]) -> datetime | None:
    """Last-Modified of a list showing ``docs``: when its newest entry was published."""
    return max((d.modified for d in docs), default=None)


def meta_block(doc: Doc, site_name: str, host: str, site_code: str) -> str:
    """The national government-site meta block."""
    description = escape(doc.paragraphs[0][:80]) if doc.paragraphs else ""
    return (
        f'<meta name="SiteName" content="{site_name}">\n<meta name="SiteDomain" content="{host}">\n'
        f'<meta name="SiteIDCode" content="{site_code}">\n<meta name="ColumnName" content="{doc.column}">\n'
        f'<meta name="ArticleTitle" content="{escape(doc.title)}">\n<meta name="PubDate" content="{doc.day} 09:00">\n'
        f'<meta name="ContentSource" content="{doc.issuer}">\n<meta name="Keywords" content="">\n'
        f'<meta name="Description" content="{description}">\n<meta name="Url" content="https://{host}{doc.path}">\n'
    )


def paragraphs_html(doc: Doc) -> str:
    body = "".join(f'<p style="text-indent:2em;">{escape(p)}</p>' for p in doc.paragraphs)
    return body + (SAMPLE_NOTE if doc.sample else "")


def info_rows(doc: Doc) -> list[tuple[str, str]]:
    """The info-disclosure label/value pairs of a document (empty labels left out)."""
    rows = [("索引号", doc.index_no), ("发布机构", doc.issuer), ("发文日期", doc.day), ("文号", doc.doc_number),
            ("标题", doc.title)]
    return [(k, v) for k, v in rows if v]


def page(head: str, title: str, body: str) -> bytes:
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
        f"<title>{escape(title)}</title>\n{head}</head>\n<body>\n{body}\n</body>\n</html>\n"
    ).encode()


def html_reply(body: bytes, modified: datetime | None) -> Reply:
    return Reply(body=body, last_modified=modified)


def json_reply(data: object, modified: datetime | None = None) -> Reply:
    return Reply(body=json.dumps(data, ensure_ascii=False).encode(), content_type=JSON_TYPE, last_modified=modified)


class DocSiteApp:
    """A replica site of documents: robots.txt, detail pages, and the subclass's list answers."""

    hosts: tuple[str, ...] = ()
    server_header = "nginx"

    def __init__(self, day: int, docs: Sequence[Doc]) -> None:
        self.day = day
        self.docs = list(docs)

    def set_day(self, day: int) -> None:
        self.day = day

    def current(self) -> list[Doc]:
        return visible(self.docs, self.day)

    def handle(self, request: AppRequest) -> Reply | None:
        if request.path == "/robots.txt":
            return ROBOTS
        listed = self.lists(request)
        if listed is not None:
            return listed
        doc = next((d for d in self.current() if d.path == request.path), None)
        if doc is not None:
            return html_reply(self.detail(doc), doc.modified)
        return self.missing(request)

    def lists(self, request: AppRequest) -> Reply | None:
        """The answer of a list page or list API, or None when the path is none of them."""
        raise NotImplementedError

    def detail(self, doc: Doc) -> bytes:
        raise NotImplementedError

    def missing(self, request: AppRequest) -> Reply | None:
        """What an unknown path gets: a plain 404 by default."""
        return None
