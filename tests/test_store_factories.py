"""Factories shared by the store, diff and stage tests (no tests of its own).

Policies are built directly from the schema, as a parser would return them, so the storage
and diff tests do not depend on any one parser's behaviour.
"""

from __future__ import annotations

import re
import zlib
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from parsers.schema import (
    Amount,
    AmountRole,
    Comparator,
    DocKind,
    ParseError,
    Policy,
    Purpose,
    Qualifier,
    Relevance,
    Target,
)

URL = "http://www.js.gov.cn/art/2026/1/10/art_84418_100001.html"
CANONICAL = "https://www.jiangsu.gov.cn/art/2026/1/10/art_84418_100001.html"
T0 = datetime(2026, 1, 20, 8, 0, tzinfo=UTC)


def equity(wan: int, *, measure: str = "（三）") -> Amount:
    """最高给予{wan}万元股权投资: one amount whose key survives a change of the number."""
    return Amount(value=Decimal(wan) * 10_000, qualifier=Qualifier.UP_TO, purpose=Purpose.EQUITY,
                  measure=measure, role=AmountRole.SUPPORT, phrase=f"最高给予{wan}万元股权投资", key="最高给予#万元股权投资")


def rent(yuan: int) -> Amount:
    return Amount(value=Decimal(yuan), qualifier=Qualifier.UP_TO, purpose=Purpose.RENT, role=AmountRole.SUPPORT,
                  period="每月", phrase=f"每月最高补贴{yuan}元房租", key="每月最高补贴#元房租")


def policy(**overrides: Any) -> Policy:
    """A Suzhou OPC policy; keyword arguments replace fields."""
    fields: dict[str, Any] = {
        "source_id": "jiangsu_gov",
        "url": URL,
        "canonical_url": URL,
        "fetched_at": T0,
        "title": "苏州工业园区支持一人公司（OPC）发展的若干措施",
        "kind": DocKind.POLICY,
        "issuer": "苏州工业园区管委会",
        "doc_number": "苏园管〔2026〕3号",
        "published": date(2026, 1, 10),
        "region_code": "320571",
        "region_name": "苏州工业园区",
        "relevance": Relevance(is_opc=True, score=0.9, evidence=("一人公司", "OPC")),
        "amounts": (equity(2000), rent(1500)),
        "targets": (Target(year=2026, metric="OPC社区", value=Decimal(10), comparator=Comparator.GE,
                           phrase="到2026年建成OPC社区不少于10个"),),
        "body_text": "为支持一人公司发展，最高给予2000万元股权投资。",
    }
    fields.update(overrides)
    return Policy(**fields)


# --- a stand-in parser for stage tests: reads the tiny HTML pages that page_html() writes ---

def page_html(*, title: str = "苏州工业园区支持一人公司（OPC）发展的若干措施", wan: int = 2000,
              visits: int = 1, number: str = "苏园管〔2026〕3号") -> bytes:
    """A detail page: content plus chrome (a visit counter) that must not count as a change."""
    return (f"<html><head><title>{title}</title></head><body>"
            f"<div class=meta>文号：{number}</div>"
            f"<div id=zoom><p>最高给予{wan}万元股权投资。</p></div>"
            f"<div class=chrome>访问量：{visits}</div></body></html>").encode()


def fake_parse_document(body: bytes, *, url: str, source_id: str, fetched_at: datetime | None = None,
                        headers: Any = None, list_meta: Any = None) -> Policy:
    text = body.decode("utf-8")
    if "BOOM" in text:
        raise RuntimeError("parser bug on purpose")
    title = re.search(r"<title>(.*?)</title>", text)
    if title is None or not title.group(1).strip():
        raise ParseError(f"{url}: no <title> in page starting {text[:40]!r}")
    number = re.search(r"文号：(.*?)</div>", text)
    amounts = tuple(equity(int(m)) for m in re.findall(r"最高给予(\d+)万元股权投资", text))
    return policy(url=url, canonical_url=url, source_id=source_id, fetched_at=fetched_at,
                  title=title.group(1), doc_number=number.group(1) if number else None,
                  amounts=amounts, targets=(), body_text=re.sub(r"<[^>]+>", "", text.split("<div class=chrome>")[0]))


def raw_page(run_id: str, url: str, body: bytes, *, fetched_at: datetime = T0, status: int = 200,
             page_type: str = "detail", source_id: str = "jiangsu_gov") -> dict[str, Any]:
    """Column values of a raw_pages row as the crawler writes it (body zlib-compressed)."""
    import hashlib

    return {
        "run_id": run_id, "source_id": source_id, "url": url, "final_url": url,
        "page_type": page_type, "fetched_at": fetched_at, "status": status,
        "headers": {"Content-Type": "text/html; charset=utf-8"}, "body": zlib.compress(body),
        "sha256": hashlib.sha256(body).hexdigest(), "list_meta": {"title": "列表标题"},
        "parse_status": "pending",
    }
