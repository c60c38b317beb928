"""Provincial department replicas on the Hanweb classic CMS (gxt, kxjst ... .jiangsu.gov.cn).

Reuses the www.jiangsu.gov.cn machinery (:class:`replicas.site.ReplicaSite`: column
pages with the ``<datastore>`` island, dataproxy windows with the repeated boundary record and
split dates, the 54-byte empty body) with a department's own data directory
``replicas/sites/<site>/``:

- ``dayN/manifest.json``: ``columns`` as for jiangsu_gov, plus ``articles``: detail path ->
  ``{column, colid, title, pubdate, source, paragraphs, sample}``; day N's article replaces
  day N-1's (an edit in place, same URL).
- ``rss_date_style`` (top level of a manifest): ``plain`` writes feed dates as ``YYYY-MM-DD HH:MM:SS``,
  anything else RFC 822.
- ``dayN/robots.txt``; ``templates/article.html`` (the column page is the shared
  ``replicas/templates/hanweb_column.html``, filled from the manifest).

Detail pages are rendered from ``articles`` (the meta block, ``ZJEG_RSS``
markers, the visitcount iframe). The Hanweb RSS module ``/module/rss/rssfeed.jsp?colid=<id>``
(seen on other Hanweb sites, [UNVERIFIED] on Jiangsu hosts) serves a column's newest
records as RSS 2.0.
"""

from __future__ import annotations

import html
import json
from datetime import datetime
from email.utils import format_datetime
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

from replicas.server import AppRequest, Reply
from replicas.site import JiangsuGovApp, ReplicaSite

SITES_DIR = Path(str(resources.files("replicas"))) / "sites"
RSS_PATH = "/module/rss/rssfeed.jsp"
FEED_SIZE = 20
CST = ZoneInfo("Asia/Shanghai")
SAMPLE_NOTE = "（示例页面 sample page，opcwatch 离线演示）"


class DeptSite(ReplicaSite):
    """A department's ReplicaSite whose detail pages come from the manifests' ``articles``."""

    def __init__(self, day: int, root: Path, host: str) -> None:
        super().__init__(day, root)
        self.host = host
        self.info: dict[str, Any] = {}
        self.articles: dict[str, tuple[dict[str, Any], datetime]] = {}
        for layer, modified in self.layers:
            manifest = json.loads((layer / "manifest.json").read_text(encoding="utf-8"))
            self.info.update({k: v for k, v in manifest.items() if k not in {"columns", "articles"}})
            for path, article in manifest.get("articles", {}).items():
                self.articles[path] = (article, modified)
        self._article_template = Template((root / "templates" / "article.html").read_text(encoding="utf-8"))

    def static_file(self, path: str) -> tuple[bytes, datetime] | None:
        """A rendered article (with the day its current version appeared), else a static file."""
        found = self.articles.get(path)
        if found is None:
            return super().static_file(path)
        article, modified = found
        return self.render_article(path, article).encode("utf-8"), modified

    def render_article(self, path: str, article: dict[str, Any]) -> str:
        paragraphs = list(article["paragraphs"]) + ([SAMPLE_NOTE] if article.get("sample", True) else [])
        body = "".join(f'<p style="text-indent: 2em;">{html.escape(p)}</p>' for p in paragraphs)
        artid = path.rsplit("_", 1)[-1].removesuffix(".html")
        return self._article_template.substitute(
            title=html.escape(article["title"]),
            column=article["column"],
            colid=article["colid"],
            artid=artid,
            pubdate=article["pubdate"],
            source=article["source"],
            description=html.escape("".join(article["paragraphs"])[:120]),
            url=f"http://{self.host}{path}",
            body=body,
        )

    def feed(self, colid: str) -> tuple[bytes, datetime] | None:
        """RSS 2.0 of a column's newest records; dates as the site's ``rss_date_style`` says."""
        column = self.columns.get(colid)
        if column is None:
            return None
        items = []
        for record in column.records[:FEED_SIZE]:
            article = self.articles.get(record.path, ({}, self.last_modified))[0]
            stamp = datetime.fromisoformat(article.get("pubdate") or record.date).replace(tzinfo=CST)
            if self.info.get("rss_date_style") == "plain":  # what some CMS feed modules write
                pub = stamp.strftime("%Y-%m-%d %H:%M:%S")
            else:
                pub = format_datetime(stamp)
            items.append(
                f"<item><title><![CDATA[{record.title}]]></title><link>http://{self.host}{record.path}</link>"
                f"<description><![CDATA[{''.join(article.get('paragraphs', []))[:80]}]]></description>"
                f"<pubDate>{pub}</pubDate></item>"
            )
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>{self.info.get('webname', '')} {column.name}</title>"
            f"<link>http://{self.host}/col/col{colid}/index.html</link>"
            f"<description>{column.name}</description><language>zh-cn</language>"
            + "".join(items)
            + "</channel></rss>\n"
        )
        return xml.encode("utf-8"), self.column_modified(colid)


class HanwebDeptApp(JiangsuGovApp):
    """A department replica: the jiangsu_gov app's Hanweb endpoints plus the RSS module."""

    def __init__(self, day: int, site: str, host: str) -> None:
        self.hosts = (host,)  # type: ignore[assignment]  # the base class pins jiangsu.gov.cn's two hosts
        self.host = host
        self.root = SITES_DIR / site
        self.site: DeptSite = DeptSite(day, self.root, host)

    def set_day(self, day: int) -> None:
        self.site = DeptSite(day, self.root, self.host)

    def handle(self, request: AppRequest) -> Reply | None:
        if request.path == RSS_PATH:
            found = self.site.feed(parse_qs(request.query).get("colid", [""])[-1])
            if found is None:
                return None
            body, modified = found
            return Reply(body=body, content_type="text/xml;charset=UTF-8", last_modified=modified)
        return super().handle(request)
