"""运维: source health, recent runs, subscriptions and the delivery ledger, secrets masked.

Channel URLs are shown only through alerts.subscriptions.mask_url, which also teaches the
scrubber each URL's secret parts, so a ledger error that quotes the URL (an HTTP library's
message) is masked by alerts.secrets_filter.scrub_text before it reaches the page.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from alerts.render_changes import KIND_LABELS
from alerts.secrets_filter import scrub_text
from alerts.subscription_view import delivery_health, describe_filters, describe_health, describe_schedule
from alerts.subscriptions import list_subscriptions, mask_url
from models.queries import json_value
from models.tables import ChangeEvent, Delivery, Run, Subscription
from opcwatch.settings import Settings

LEDGER_STATUSES = ("pending", "sending", "sent", "failed", "dead")


def subscriptions(session: Session) -> list[dict[str, Any]]:
    health = delivery_health(session)
    rows = []
    for sub in list_subscriptions(session):
        rows.append({
            "id": sub.id, "name": sub.name, "channel": mask_url(sub.url), "active": bool(sub.active),
            "filters": describe_filters(sub), "schedule": describe_schedule(sub),
            "health": scrub_text(describe_health(sub, health.get(sub.id))),
        })
    return rows


def ledger(session: Session, status: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Recent delivery rows, failures first (they are what an operator acts on)."""
    failing_first = case((Delivery.status.in_(("failed", "dead")), 0), else_=1)
    query: Any = (select(Delivery, Subscription.name, ChangeEvent.kind, ChangeEvent.payload)
                  .join(Subscription, Subscription.id == Delivery.subscription_id)
                  .join(ChangeEvent, ChangeEvent.id == Delivery.event_id))
    if status:
        query = query.where(Delivery.status == status)
    query = query.order_by(failing_first, Delivery.id.desc()).limit(limit)
    rows: Any = session.execute(query)
    return [{
        "id": d.id, "subscription": name, "status": d.status, "attempts": d.attempts,
        "event": KIND_LABELS.get(kind, kind), "title": (payload or {}).get("title"),
        "created_at": json_value(d.created_at), "sent_at": json_value(d.sent_at),
        "next_attempt_at": json_value(d.next_attempt_at), "error": scrub_text(d.last_error or ""),
    } for d, name, kind, payload in rows]


def runs(session: Session, limit: int = 20) -> list[dict[str, Any]]:
    return [{"id": r.id, "kind": r.kind, "status": r.status, "stage": r.stage,
             "started_at": json_value(r.started_at), "finished_at": json_value(r.finished_at), "note": r.note}
            for r in session.scalars(select(Run).order_by(Run.started_at.desc()).limit(limit))]


_registry_cache: dict[tuple[Any, ...], list[Any]] = {}


def cached_registry(settings: Settings) -> list[Any]:
    """The registry, read again only when one of its files changed: parsing its YAML takes
    longer (~0.2 s for 48 sources) than the rest of the page."""
    from crawlers.registry import load_registry, registry_files

    files = [path for group in registry_files(settings.registry_paths) for path in group]
    key = tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in files)
    if key not in _registry_cache:
        _registry_cache.clear()
        _registry_cache[key] = load_registry(settings.registry_paths)
    return _registry_cache[key]


def sources(settings: Settings) -> list[dict[str, Any]]:
    """The registry's sources with their latest crawl; a broken registry file is one row saying so."""
    from crawlers.health import health_rows
    from crawlers.registry import RegistryError

    try:
        sources_list = cached_registry(settings)
    except (RegistryError, OSError) as exc:
        return [{"id": "registry", "name": "来源登记表", "state": "error", "last_checked": None,
                 "last_success": None, "items": 0, "errors": 1, "message": str(exc)}]
    rows = [{**row, "last_checked": json_value(row["last_checked"]), "last_success": json_value(row["last_success"])}
            for row in health_rows(settings.database_url, sources_list)]
    # What needs a look first (blocked, down, layout changed …), then what works, then the
    # sources never crawled (a fresh install lists dozens of those).
    rank = {"ok": 1, "skipped": 1, "truncated": 1, "never": 2}
    return sorted(rows, key=lambda row: (rank.get(row["state"], 0), row["id"]))


def ops_page(session: Session, settings: Settings, status: str | None) -> dict[str, Any]:
    subs = subscriptions(session)  # first: it teaches the scrubber the secrets the ledger may quote
    rows = ledger(session, status)
    return {"sources": sources(settings), "runs": runs(session), "subscriptions": subs, "ledger": rows,
            "status": status, "statuses": LEDGER_STATUSES}
