"""城市对比: each city's best OPC offers side by side, with the clause each one comes from.

A city's column gathers the latest version of every OPC policy issued in it or in its districts
and zones (province-level policies get a column of their own; national ones none, they apply
everywhere alike). Per offer the largest money amount wins, linked to its clause on the policy
page. The answer is cached per database state (count and newest id of the stored versions), so
10,000 stored policies are read once per change, not once per page view.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from alerts.amount_text import format_amount, format_target
from models.queries import _latest_versions
from models.tables import Document, DocumentVersion, PolicyRow

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


def city_of(region_code: str | None) -> tuple[str, str] | None:
    """(code, name) of the city (or the province) a document's region lies in."""
    from parsers.regions import region_path

    if not region_code:
        return None
    path = region_path(region_code)
    for region in path:
        if region.level == "city":
            return region.code, region.name
    if path and path[-1].level == "province":
        return path[-1].code, f"{path[-1].name}（全省）"
    return None


_cache: dict[tuple[str, Any], dict[str, Any]] = {}
_lock = threading.Lock()


def _state(session: Session) -> tuple[Any, ...]:
    return tuple(session.execute(select(func.count(), func.max(DocumentVersion.id))).one())


def compare_cities(session: Session, database_url: str) -> dict[str, Any]:
    key = (database_url, _state(session))
    with _lock:
        if key in _cache:
            return _cache[key]
    result = _compute(session)
    with _lock:
        _cache.clear()  # one state per database is enough: older answers are stale
        _cache[key] = result
    return result


def _compute(session: Session) -> dict[str, Any]:
    query: Any = (_latest_versions().outerjoin(PolicyRow, PolicyRow.id == Document.policy_id)
                  .where(or_(PolicyRow.id.is_(None), PolicyRow.canonical_document_id == Document.id))
                  .where(DocumentVersion.is_opc.is_(True)))
    cities: dict[str, dict[str, Any]] = {}
    found: Any = session.execute(query)
    for version, document in found:
        city = city_of(version.region_code)
        if city is None:
            continue
        column = cities.setdefault(city[0], {"code": city[0], "name": city[1], "policies": 0,
                                             "offers": {}, "targets": []})
        column["policies"] += 1
        record = version.record or {}
        for index, amount in enumerate(record.get("amounts") or []):
            offer = offer_of(amount)
            if offer is None:
                continue
            value = float(amount.get("value") or 0)
            best = column["offers"].get(offer)
            if best is None or value > best["value"]:
                column["offers"][offer] = {
                    "value": value, "text": format_amount(amount), "period": amount.get("period"),
                    "phrase": amount.get("phrase"), "document_id": document.id, "anchor": f"amount-{index}",
                    "title": version.title,
                }
        for index, target in enumerate(record.get("targets") or []):
            column["targets"].append({"text": format_target(target), "phrase": target.get("phrase"),
                                      "document_id": document.id, "anchor": f"target-{index}"})
    columns = sorted(cities.values(), key=lambda c: (-len(c["offers"]), c["code"]))
    for column in columns:
        column["targets"] = column["targets"][:6]  # the page is a comparison, not the full list
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
