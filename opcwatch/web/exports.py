"""Any list as CSV, Excel or Atom, with scraped text kept as text.

CSV and Excel cells that start with = + - @ are what a spreadsheet runs as a formula (a scraped
title "@all…" or "=HYPERLINK(…)"), so they get a leading apostrophe. The Atom feed is built
with ElementTree, which escapes every text node, and links only to http(s) URLs.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree as ET

from alerts.amount_text import format_amount, format_target
from alerts.render_changes import DOC_KIND_LABELS, KIND_LABELS, change_lines

ATOM = "http://www.w3.org/2005/Atom"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def top_amounts(amounts: Sequence[dict[str, Any]], count: int = 3) -> list[dict[str, Any]]:
    """The largest support and fund amounts in money: what a reader scans a list for."""
    from decimal import Decimal, InvalidOperation

    def yuan(amount: dict[str, Any]) -> Decimal:
        try:
            return Decimal(str(amount.get("value")))
        except InvalidOperation:
            return Decimal(0)

    money = [a for a in amounts if a.get("role") in (None, "support", "fund")
             and str(a.get("unit") or "money") == "money"]
    return sorted(money, key=yuan, reverse=True)[:count]


def key_amounts(amounts: Sequence[dict[str, Any]]) -> str:
    return "；".join(format_amount(a) for a in top_amounts(amounts, 4))


def policy_table(rows: Sequence[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    header = ["编号 id", "标题 title", "地区 region", "发文机关 issuer", "文号 number", "发布日期 published",
              "类型 kind", "关键金额 key amounts", "目标 targets", "来源数 sources", "链接 url"]
    body = [[r["id"], r["title"], r.get("region_name"), r.get("issuer"), r.get("doc_number"), r.get("published"),
             DOC_KIND_LABELS.get(str(r.get("kind")), r.get("kind")), key_amounts(r.get("amounts") or []),
             "；".join(format_target(t) for t in r.get("targets") or []), r.get("sources"), r.get("url")]
            for r in rows]
    return header, body


def event_text(row: dict[str, Any]) -> str:
    return "；".join(change_lines(row["kind"], row.get("payload") or {}))


def event_table(rows: Sequence[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    header = ["编号 id", "时间 time", "事件 event", "标题 title", "地区 region", "详情 detail", "政策编号 document", "链接 url"]
    body = [[r["id"], r["created_at"], KIND_LABELS.get(r["kind"], r["kind"]), r.get("title"),
             (r.get("payload") or {}).get("region_name"), event_text(r), r["document_id"],
             (r.get("payload") or {}).get("url")] for r in rows]
    return header, body


def to_csv(header: list[str], body: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([[_cell(v) for v in row] for row in body])
    return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read the Chinese as UTF-8


def to_xlsx(header: list[str], body: list[list[Any]], title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(header)
    for row in body:
        sheet.append([_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _http(url: Any) -> str | None:
    text = str(url or "")
    return text if text.lower().startswith(("http://", "https://")) else None


def _rfc3339(value: Any) -> str:
    """Atom wants a time zone; SQLite hands stored UTC times back without one."""
    from models.clock import as_utc

    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return as_utc(moment).isoformat()


def atom_feed(events: Sequence[dict[str, Any]], *, title: str, self_url: str, site_url: str) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = self_url
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=site_url)
    newest = events[0]["created_at"] if events else datetime.now(UTC)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _rfc3339(newest)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "opcwatch"
    for row in events:
        payload = row.get("payload") or {}
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        label = KIND_LABELS.get(row["kind"], row["kind"])
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"【{label}】{row.get('title') or ''}"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = f"urn:opcwatch:event:{row['id']}"  # stable whatever the host
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _rfc3339(row["created_at"])
        page = f"{site_url.rstrip('/')}/policies/{row['document_id']}"
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=page)
        if original := _http(payload.get("url")):
            ET.SubElement(entry, f"{{{ATOM}}}link", rel="related", href=original)
        lines = [x for x in (payload.get("region_name"), payload.get("issuer"), payload.get("published")) if x]
        summary = "；".join([" · ".join(map(str, lines)), *change_lines(row["kind"], payload)]).strip("；")
        amounts = key_amounts(payload.get("amounts") or [])
        ET.SubElement(entry, f"{{{ATOM}}}summary", type="text").text = "；".join(x for x in (summary, amounts) if x)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
