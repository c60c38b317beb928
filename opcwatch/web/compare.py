"""城市对比: each city's best OPC offers side by side, with the clause each one comes from.

A city's column gathers the latest version of every OPC policy issued in it or in its districts
and zones (province-level policies get a column of their own; national ones none, they apply
everywhere alike). Per offer the largest money amount wins, linked to its clause on the policy
page. Reading every OPC policy's amounts takes seconds for 10,000 policies, so the answer is
kept per database and recomputed only when the stored data changed (opcwatch/web/index.py's
fingerprint); while it is recomputed, in the background, the previous answer is served with
the time it was computed ("stale while revalidate"): a comparison a run old is still useful,
a page that hangs for seconds after every run is not. Only the very first request waits.
"""

from __future__ import annotations

import logging
import re
import threading
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from alerts.amount_text import format_amount, format_target
from models.queries import latest_versions
from models.tables import Document, DocumentVersion, PolicyRow
from opcwatch.web.index import fingerprint

# (key, label, test on one amount dict); talent support is told by its words, not a purpose.
_TALENT = re.compile(r"人才|安家|落户|购房|引才|博士|生活补贴")
OFFERS: tuple[tuple[str, str], ...] = (
    ("compute", "算力补贴"),
    ("rent", "房租补贴"),
    ("equity", "股权投资"),
    ("fund", "基金规模"),
    ("talent", "人才支持"),
)


def offer_of(amount: dict[str, Any]) -> str | None:
    """Which offer an amount is, or None (percentages, thresholds, statistics)."""
    if str(amount.get("unit") or "money") != "money" or str(amount.get("currency") or "CNY") != "CNY":
        return None
    role, purpose = str(amount.get("role") or ""), str(amount.get("purpose") or "")
    if role == "fund" or purpose == "fund":
        return "fund"
    if role != "support":
        return None
    if _TALENT.search(str(amount.get("phrase") or "")):
        return "talent"
    return {"compute_voucher": "compute", "rent": "rent", "equity_investment": "equity"}.get(purpose)


_MUNICIPALITIES = frozenset({"11", "12", "31", "50"})  # GB/T 2260 province codes of the four municipalities


def city_of(region_code: str | None) -> tuple[str, str] | None:
    """(code, name) of the city (or the province) a document's region lies in."""
    from parsers.regions import region_path

    if not region_code:
        return None
    path = region_path(region_code)
    if not path or path[0].level != "province":
        return None  # national (or unknown): applies everywhere alike, no column
    root = path[0]
    if root.code[:2] in _MUNICIPALITIES:  # 上海, 北京, 天津, 重庆 are cities: 临港 and 浦东 count for 上海市
        return root.code, root.name
    for region in path:
        if region.level == "city":
            return region.code, region.name
    if len(path) == 1:
        return root.code, f"{root.name}（全省）"
    return path[1].code, path[1].name  # a county-level city under the province itself (仙桃, 济源)


log = logging.getLogger(__name__)
# database URL -> (fingerprint, answer); and the URLs being recomputed now.
_answers: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {}
_refreshing: set[str] = set()
_lock = threading.Lock()


def _store(database_url: str, key: tuple[Any, ...], session: Session) -> dict[str, Any]:
    result = {**_compute(session), "computed_at": datetime.now(UTC).isoformat(timespec="seconds")}
    with _lock:
        _answers[database_url] = (key, result)
    return result


def _refresh(database_url: str, key: tuple[Any, ...]) -> None:
    from models.db import session_scope

    try:
        with session_scope(database_url) as session:
            _store(database_url, key, session)
    except Exception:  # the previous answer stays; the next request tries again
        log.exception("城市对比 recomputation failed")
    finally:
        with _lock:
            _refreshing.discard(database_url)


def compare_cities(session: Session, database_url: str) -> dict[str, Any]:
    """The comparison; ``stale`` is True while a newer one is being computed."""
    key = fingerprint(session)
    with _lock:
        known = _answers.get(database_url)
        if known is not None and known[0] == key:
            return {**known[1], "stale": False}
        if known is not None:
            if database_url not in _refreshing:
                _refreshing.add(database_url)
                threading.Thread(target=_refresh, args=(database_url, key), daemon=True,
                                 name="opcwatch-compare").start()
            return {**known[1], "stale": True}
    return {**_store(database_url, key, session), "stale": False}


def _compute(session: Session) -> dict[str, Any]:
    # Only the amounts and targets of each record, extracted by the database: decoding whole
    # records (body text included) in Python was most of the time for 10,000 policies.
    latest = latest_versions().subquery()
    version = aliased(DocumentVersion, latest)
    query: Any = (select(version.document_id, version.region_code, version.title,
                         version.record["amounts"], version.record["targets"])
                  .join(Document, Document.id == version.document_id)
                  .outerjoin(PolicyRow, PolicyRow.id == Document.policy_id)
                  .where(or_(PolicyRow.id.is_(None), PolicyRow.canonical_document_id == Document.id))
                  .where(version.is_opc.is_(True)))
    cities: dict[str, dict[str, Any]] = {}
    found: Any = session.execute(query)
    for document_id, region_code, title, amounts, targets in found:
        city = city_of(region_code)
        if city is None:
            continue
        column = cities.setdefault(city[0], {"code": city[0], "name": city[1], "policies": 0,
                                             "offers": {}, "targets": []})
        column["policies"] += 1
        for index, amount in enumerate(amounts or []):
            offer = offer_of(amount)
            if offer is None:
                continue
            value = float(amount.get("value") or 0)
            best = column["offers"].get(offer)
            if best is None or value > best["value"]:
                column["offers"][offer] = {
                    "value": value, "text": format_amount(amount), "period": amount.get("period"),
                    "phrase": amount.get("phrase"), "document_id": document_id, "anchor": f"amount-{index}",
                    "title": title,
                }
        for index, target in enumerate(targets or []):
            if len(column["targets"]) < 6:  # the page is a comparison, not the full list
                column["targets"].append({"text": format_target(target), "phrase": target.get("phrase"),
                                          "document_id": document_id, "anchor": f"target-{index}"})
    columns = sorted(cities.values(), key=lambda c: (-len(c["offers"]), c["code"]))
    return {"offers": [{"key": k, "label": label} for k, label in OFFERS], "cities": columns,
            "charts": [_chart(key, label, columns) for key, label in OFFERS]}


def _chart(key: str, label: str, columns: list[dict[str, Any]]) -> dict[str, Any]:
    """Bars of one offer across cities, as widths (0-100) the SVG template draws."""
    bars = [(c["name"], c["offers"][key]) for c in columns if key in c["offers"]]
    top = max((offer["value"] for _name, offer in bars), default=0) or 1
    return {"key": key, "label": label, "bars": [
        {"city": name, "width": round(100 * offer["value"] / top, 1), "text": offer["text"],
         "document_id": offer["document_id"], "anchor": offer["anchor"]}
        for name, offer in sorted(bars, key=lambda b: -b[1]["value"])
    ]}
