"""The content of the www.jiangsu.gov.cn replica for one "day", as HTTP answers.

Layout of the package data (``sites/jiangsu_gov/``):

- ``dayN/manifest.json``: the records of each column (Hanweb column id, unit id, paging size,
  record markup variant). Day N's manifest is laid over day N-1's: its records are added.
- ``dayN/<path>``: static files (detail pages, robots.txt). Day N's file replaces day N-1's.
- ``replicas/templates/hanweb_column.html`` (shared by every Hanweb replica): the column
  page skeleton with the ``<datastore>`` XML island; the site's identity comes from its manifest.

Every answer is bytes plus a Last-Modified time, so the server can do conditional GET. Nothing
here touches the network; the quirks of the real CMS (split dates in dataproxy records, one
repeated boundary record per window, a 54-byte empty body past the end) are reproduced on purpose.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from string import Template
from urllib.parse import parse_qs, quote

from replicas.server import AppRequest, Reply

SITE_ROOT = Path(str(resources.files("replicas"))) / "sites" / "jiangsu_gov"
COLUMN_TEMPLATE = Path(str(resources.files("replicas"))) / "templates" / "hanweb_column.html"
DAYS = (1, 2)
PRIMARY_HOST = "www.jiangsu.gov.cn"
ALIAS_HOST = "www.js.gov.cn"
DATAPROXY_PATH = "/module/web/jpage/dataproxy.jsp"
# What Hanweb answers past the last record: an empty datastore, exactly 54 bytes.
EMPTY_DATASTORE = b"<datastore>\r\n<recordset>\r\n</recordset>\r\n</datastore>\r\n"
assert len(EMPTY_DATASTORE) == 54


@dataclass(frozen=True)
class Record:
    """One list entry: the article path, its title and list date, and how the link is written."""

    path: str
    title: str
    date: str  # YYYY-MM-DD
    link: str = "rel"  # rel / https / http / jsgov: the link style the record uses
    jds: str = ""  # the "解读" badge of 最新文件 records

    @property
    def href(self) -> str:
        prefix = {
            "rel": "",
            "https": f"https://{PRIMARY_HOST}",
            "http": f"http://{PRIMARY_HOST}",
            "jsgov": f"http://{ALIAS_HOST}",
        }[self.link]
        return prefix + self.path

    @property
    def real_url(self) -> str:
        return f"https://{PRIMARY_HOST}{self.path}"


@dataclass(frozen=True)
class Column:
    id: str
    name: str
    unitid: str
    per_page: int
    group_size: int
    markup: str  # clearfix / span / single / b: the record <li> variant
    source_content_type: int
    records: tuple[Record, ...]
    # Records the column page embeds: real columns embed anything from one page to a whole
    # group (the default). Which dataproxy styles the server answers (the other one gets the
    # empty body): some sites serve only one.
    embed: int | None = None
    proxy_modes: tuple[str, ...] = ("window", "page")

    @property
    def group(self) -> int:
        """Records per jpage group: what one dataproxy window (and by default the column page) holds."""
        return self.per_page * self.group_size

    @property
    def embedded(self) -> int:
        return self.group if self.embed is None else self.embed


def render_record(column: Column, record: Record, *, split_date: bool) -> str:
    """The CDATA ``<li>`` of one record in the column's markup variant."""
    title = record.title
    text = title if len(title) <= 30 else title[:28] + "..."
    day = record.date
    if split_date:  # dataproxy answers break the date over lines: 2026-\n01-\n19
        y, m, d = day.split("-")
        day = f"{y}-\n{m}-\n{d}"
    href = record.href
    if column.markup == "clearfix":
        jds = f'<a href="{href}" class="jd">{record.jds}</a>' if record.jds else ""
        li = (
            f'<li class="clearfix"><a href="{href}" title="{title}" target="_blank">{text}</a>'
            f'<span class="time">{day}</span><span class="jds">{jds}</span></li>'
        )
    elif column.markup == "b":
        li = f'<li><a title="{title}" target="_blank" href="{href}">{text}</a><b>{day}</b></li>'
    elif column.markup == "single":
        li = f"<li><a href='{href}' title='{title}' target='_blank'>{text}</a><span>{day}</span></li>"
    else:
        li = f'<li> <a href="{href}" title="{title}" target="_blank">{text}</a> <span>{day}</span> </li>'
    return f"<record><![CDATA[\n{li}\n]]></record>"


class ReplicaSite:
    """The replica as it looks on one day: columns with records, and static files."""

    def __init__(self, day: int, root: Path = SITE_ROOT) -> None:
        if day not in DAYS:
            raise ValueError(f"the replica has days {DAYS}, not {day}")
        self.day = day
        self.root = root
        self.layers: list[tuple[Path, datetime]] = []
        merged: dict[str, dict] = {}
        for d in range(1, day + 1):
            manifest = json.loads((root / f"day{d}" / "manifest.json").read_text(encoding="utf-8"))
            modified = datetime.fromisoformat(manifest["last_modified"].replace("Z", "+00:00"))
            self.layers.append((root / f"day{d}", modified))
            for colid, spec in manifest["columns"].items():
                col = merged.setdefault(colid, {"records": []})
                col.update({k: v for k, v in spec.items() if k != "records"})
                col["records"] = col["records"] + spec.get("records", [])
        self.columns: dict[str, Column] = {}
        for colid, spec in merged.items():
            recs = sorted((Record(**r) for r in spec["records"]), key=lambda r: r.date, reverse=True)
            self.columns[colid] = Column(
                id=colid,
                name=spec["name"],
                unitid=spec["unitid"],
                per_page=spec["perPage"],
                group_size=spec["groupSize"],
                markup=spec["markup"],
                source_content_type=spec["sourceContentType"],
                records=tuple(recs),
                embed=spec.get("embed"),
                proxy_modes=tuple(spec.get("proxy_modes") or ("window", "page")),
            )
        self.last_modified = self.layers[-1][1]
        # The day each record first appeared (a column regenerates when a record is added).
        self._added: dict[str, datetime] = {}
        for d in range(1, day + 1):
            manifest = json.loads((root / f"day{d}" / "manifest.json").read_text(encoding="utf-8"))
            for spec in manifest["columns"].values():
                for rec in spec.get("records", []):
                    self._added.setdefault(rec["path"], self.layers[d - 1][1])
        # One Hanweb column skeleton for every replicated Hanweb site; the site's identity
        # (WebId, name, domain, site code) comes from its day-1 manifest.
        identity = json.loads((root / "day1" / "manifest.json").read_text(encoding="utf-8"))
        self._site_fields = {
            "webid": identity["webid"],
            "webname": identity["webname"],
            "webname_quoted": quote(identity["webname"]),
            "site_domain": identity["site_domain"],
            "site_code": identity["site_code"],
        }
        self._column_template = Template(COLUMN_TEMPLATE.read_text(encoding="utf-8"))

    # -- static files -------------------------------------------------------------------------

    def static_file(self, path: str) -> tuple[bytes, datetime] | None:
        """The newest layer's copy of ``path`` and that layer's date, or None (a 404)."""
        rel = path.lstrip("/")
        if not rel or ".." in rel.split("/") or rel.endswith("manifest.json"):
            return None
        for layer, modified in reversed(self.layers):
            candidate = layer / rel
            if candidate.is_file():
                return candidate.read_bytes(), modified
        return None

    # -- Hanweb list endpoints ----------------------------------------------------------------

    def column_page(self, colid: str) -> bytes | None:
        """``/col/col<ID>/index.html``: the first records (one group unless the column says
        otherwise) inside the XML island."""
        column = self.columns.get(colid)
        if column is None:
            return None
        first = column.records[: column.embedded]
        html = self._column_template.substitute(
            **self._site_fields,
            column=column.name,
            colid=column.id,
            unitid=column.unitid,
            records="\n".join(render_record(column, r, split_date=False) for r in first),
            total=len(column.records),
            per_page=column.per_page,
            group_size=column.group_size,
            source_content_type=column.source_content_type,
        )
        return html.encode("utf-8")

    def column_modified(self, colid: str) -> datetime:
        """When the column page was last regenerated: Hanweb writes static column pages on
        publish, so a record added or an article republished in place moves it (the signal the
        crawler's revisit policy uses, crawlers/revisit.py)."""
        column = self.columns[colid]
        moments = [self.layers[0][1]]
        for record in column.records:
            moments.append(self._added.get(record.path, self.layers[0][1]))
            found = self.static_file(record.path)
            if found:
                moments.append(found[1])
        return max(moments)

    def dataproxy(self, query: str, form: str) -> bytes:
        """``dataproxy.jsp``: POST startrecord/endrecord windows, or GET ``page=N``.

        Windows after the first repeat the previous window's last record (the real
        "lookahead" overlap). Past the end, or for an unknown column, the 54-byte empty body.
        """
        params = {k: v[-1] for k, v in parse_qs(form).items()}
        params.update({k: v[-1] for k, v in parse_qs(query).items()})
        column = self.columns.get(params.get("columnid", ""))
        if column is None:
            return EMPTY_DATASTORE
        records = column.records
        if "startrecord" in params:
            if "window" not in column.proxy_modes:
                return EMPTY_DATASTORE  # a server that pages by page=N only
            try:
                start, end = int(params["startrecord"]), int(params["endrecord"])
            except (KeyError, ValueError):
                return EMPTY_DATASTORE
            if start < 1 or start > len(records) or end < start:
                return EMPTY_DATASTORE
            first = start - 1 if start > 1 else start  # 1-based; one overlap record
            window = records[first - 1 : end]
            return self._datastore(column, window, extra="")
        try:
            page = int(params.get("page", "1"))
        except ValueError:
            return EMPTY_DATASTORE
        size = column.group
        pages = max(1, math.ceil(len(records) / size))
        if page < 1 or page > pages or "page" not in column.proxy_modes:
            return EMPTY_DATASTORE
        chunk = records[(page - 1) * size : page * size]
        extra = f"<totalrecord>{len(records)}</totalrecord>\n<totalpage>{pages}</totalpage>\n"
        if page < pages:  # the next page's link, ids as the column page writes them
            link = (f"{DATAPROXY_PATH}?page={page + 1}&amp;webid={self._site_fields['webid']}&amp;path=/"
                    f"&amp;columnid={column.id}&amp;unitid={column.unitid}&amp;permissiontype=0")
            extra = f'<nextgroup><![CDATA[<a href="{link}"></a>]]></nextgroup>\n' + extra
        return self._datastore(column, chunk, extra=extra)

    def _datastore(self, column: Column, records: tuple[Record, ...], extra: str) -> bytes:
        body = "\n".join(render_record(column, r, split_date=True) for r in records)
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<datastore>\n'
            f"{extra}<recordset>\n{body}\n</recordset>\n</datastore>\n"
        )
        return xml.encode("utf-8")

    def list_urls(self) -> dict[str, list[tuple[str, str]]]:
        """Every column's records as (real https URL, list date), newest first (for tests/demo)."""
        return {cid: [(r.real_url, r.date) for r in col.records] for cid, col in self.columns.items()}


COLUMN_PATH = re.compile(r"^/col/col(\d+)/index\.html$")


class JiangsuGovApp:
    """The www.jiangsu.gov.cn replica as a :class:`replicas.server.SiteApp`."""

    hosts = (PRIMARY_HOST, ALIAS_HOST)
    server_header = "Apache-Coyote/1.1"  # what Hanweb's Tomcat front answers with

    def __init__(self, day: int = 1, root: Path = SITE_ROOT) -> None:
        self.root = root
        self.site = ReplicaSite(day, root)

    def set_day(self, day: int) -> None:
        self.site = ReplicaSite(day, self.root)

    def handle(self, request: AppRequest) -> Reply | None:
        site, path = self.site, request.path
        if path == DATAPROXY_PATH:
            return Reply(body=site.dataproxy(request.query, request.form), content_type="text/xml;charset=UTF-8")
        if (match := COLUMN_PATH.match(path)) is not None:
            body = site.column_page(match.group(1))
            if body is None:
                return None
            return Reply(body=body, last_modified=site.column_modified(match.group(1)))
        if request.method == "POST":
            return None
        found = site.static_file(path)
        if found is None:
            return None
        body, modified = found
        # Detail pages: charset only in the page's <meta>, as on many real servers.
        ctype = "text/plain;charset=UTF-8" if path.endswith(".txt") else "text/html"
        return Reply(body=body, content_type=ctype, last_modified=modified)
