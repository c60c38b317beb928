"""A subscription as its owner reads it: filters in words, its schedule, and its channel's health.

``opcwatch subscribe list`` prints these: 苏州市 rather than ['320500'], ≥ 1000万元 rather than
10000000.00, 新政策、金额变化 rather than event kind codes, and from the delivery ledger when the
channel last received an alert and how many alerts are failing on it now.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from alerts.amount_text import format_yuan
from alerts.render_changes import DOC_KIND_LABELS, KIND_LABELS
from models.clock import as_utc
from models.tables import Delivery, Subscription

MODE_LABELS = {"instant": "即时 instant", "digest": "汇总 digest"}
FORMAT_LABELS = {"markdown": "Markdown", "text": "纯文本 text", "html": "HTML"}


def region_names(codes: list[Any]) -> list[str]:
    """320500 -> 苏州市; a code the region table no longer knows is shown as it is."""
    from parsers.regions import resolve_region

    names = []
    for code in codes:
        region = resolve_region(str(code))
        names.append(region.name if region is not None else str(code))
    return names


def describe_filters(sub: Subscription) -> dict[str, str]:
    """Each filter in words (Chinese first), keyed by what it filters."""
    from parsers.schema import DEFAULT_ALERT_KINDS, DocKind

    if sub.regions:
        where = "、".join(region_names(list(sub.regions)))
        scope = "仅本地发布 issued there only" if sub.issued_here_only else "含上级政策 with province and national"
        regions = f"{where}（{scope}）"
    else:
        regions = "全国 all regions"
    events = "、".join(KIND_LABELS.get(k, k) for k in sub.event_kinds) if sub.event_kinds else "全部 all"
    chosen = list(sub.doc_kinds or [])
    if not chosen:
        documents = "、".join(DOC_KIND_LABELS[k.value] for k in DEFAULT_ALERT_KINDS) + "（默认 default）"
    elif set(chosen) >= {k.value for k in DocKind}:
        documents = "全部 all"
    else:
        documents = "、".join(DOC_KIND_LABELS.get(k, k) for k in chosen)
    return {
        "regions": regions,
        "events": events,
        "documents": documents,
        "min_amount": f"≥ {format_yuan(sub.min_amount_yuan)}" if sub.min_amount_yuan is not None else "不限 any",
        "topic": "仅 OPC 相关 OPC only" if sub.opc_only else "所有文件 all documents",
    }


def describe_schedule(sub: Subscription) -> str:
    """每日 09:00 汇总 · 免打扰 22:00-08:00 (Asia/Shanghai), or 即时 instant / 每次运行汇总."""
    if sub.digest_at:
        when = f"每日 {sub.digest_at} 汇总 daily digest"
    elif sub.mode == "digest":
        when = "每次运行汇总 one digest per run"
    else:
        when = MODE_LABELS["instant"]
    if sub.quiet_hours:
        when += f" · 免打扰 quiet {sub.quiet_hours}"
    if sub.digest_at or sub.quiet_hours:
        when += f" ({sub.timezone or 'Asia/Shanghai'})"
    return when


def delivery_health(session: Session) -> dict[int, dict[str, Any]]:
    """Per subscription id, from the ledger: ``last_sent_at``, ``failing`` (rows failed or dead
    now), of which ``dead``, ``failing_since`` (the oldest of them), ``waiting`` (pending or
    sending) and ``last_error`` (of the newest failing row). Two grouped queries for all."""
    health: dict[int, dict[str, Any]] = {}
    query = (
        select(Delivery.subscription_id, Delivery.status, func.count(), func.max(Delivery.sent_at),
               func.min(Delivery.created_at))
        .group_by(Delivery.subscription_id, Delivery.status)
    )
    for sub_id, status, count, last_sent, oldest in session.execute(query):
        row = health.setdefault(sub_id, {"last_sent_at": None, "failing": 0, "dead": 0, "waiting": 0,
                                         "failing_since": None, "last_error": None})
        if status == "sent":
            row["last_sent_at"] = None if last_sent is None else as_utc(last_sent)
        elif status in ("failed", "dead"):
            row["failing"] += count
            row["dead"] += count if status == "dead" else 0
            since = None if oldest is None else as_utc(oldest)
            if row["failing_since"] is None or (since is not None and since < row["failing_since"]):
                row["failing_since"] = since
        elif status in ("pending", "sending"):
            row["waiting"] += count
    newest_failing = (
        select(func.max(Delivery.id))
        .where(Delivery.status.in_(("failed", "dead")))
        .group_by(Delivery.subscription_id)
    )
    for sub_id, error in session.execute(
            select(Delivery.subscription_id, Delivery.last_error).where(Delivery.id.in_(newest_failing))):
        health[sub_id]["last_error"] = error
    return health


def _local(moment: datetime | None, zone: str | None) -> str:
    if moment is None:
        return ""
    try:
        tz = ZoneInfo(zone or "Asia/Shanghai")
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("Asia/Shanghai")
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def describe_health(sub: Subscription, health: dict[str, Any] | None) -> str:
    """最近送达 2025-03-02 16:00 · 3 条未送达 failing (1 放弃 dead) 自 03-01 09:00 — HTTP 500"""
    if not health:
        return "尚无投递 nothing delivered yet"
    parts = [f"最近送达 last sent {_local(health['last_sent_at'], sub.timezone)}" if health["last_sent_at"]
             else "从未送达 never delivered"]
    if health["failing"]:
        dead = f"（其中 {health['dead']} 条已放弃 dead）" if health["dead"] else ""
        since = _local(health["failing_since"], sub.timezone)
        parts.append(f"{health['failing']} 条失败 failing{dead} 自 since {since}")
    if health["waiting"]:
        parts.append(f"{health['waiting']} 条待发 waiting")
    text = " · ".join(parts)
    if health["failing"] and health["last_error"]:
        text += f" — {str(health['last_error'])[:120]}"
    return text


def health_json(health: dict[str, Any] | None) -> dict[str, Any]:
    health = health or {"last_sent_at": None, "failing": 0, "dead": 0, "waiting": 0,
                        "failing_since": None, "last_error": None}
    return {key: value.isoformat() if isinstance(value, datetime) else value for key, value in health.items()}
