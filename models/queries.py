"""Read queries for the CLI (`policies list|show`, `events list`) and the demo output.

Every function returns plain, JSON-safe dicts (dates as ISO strings, money as decimal
strings, Chinese text as is), so callers can print them or ``json.dumps(..., ensure_ascii=False)``
them without knowing the tables.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from models.store import canonicalize_url
from models.tables import (
    ChangeEvent,
    Delivery,
    Document,
    DocumentVersion,
    PolicyRow,
    RawPage,
    Run,
    SourceHealth,
    Subscription,
)


def json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return value


def _policy_row(version: DocumentVersion, document: Document) -> dict[str, Any]:
    record = version.record or {}
    return {
        "id": document.id,
        "document_id": document.id,
        "version_id": version.id,
        "version_no": version.version_no,
        "title": version.title,
        "url": document.canonical_url,
        "source_id": document.source_id,
        "policy_id": document.policy_id,
        "published": json_value(version.published),
        "region_code": version.region_code,
        "region_name": record.get("region_name"),
        "issuer": record.get("issuer"),
        "doc_number": record.get("doc_number"),
        "kind": record.get("kind"),
        "is_opc": version.is_opc,
        "max_amount_yuan": json_value(version.max_amount_yuan),
        "amounts": record.get("amounts", []),
        "targets": record.get("targets", []),
        "updated_at": json_value(version.created_at),
    }


def with_sources(version: DocumentVersion, document: Document, sources: int | None) -> dict[str, Any]:
    row = _policy_row(version, document)
    row["sources"] = int(sources or 1)  # documents carrying this policy (itself included)
    return row


def latest_versions() -> Select[DocumentVersion, Document]:
    latest = (
        select(DocumentVersion.document_id, func.max(DocumentVersion.version_no).label("version_no"))
        .group_by(DocumentVersion.document_id)
        .subquery()
    )
    return (
        select(DocumentVersion, Document)
        .join(latest, (latest.c.document_id == DocumentVersion.document_id)
              & (latest.c.version_no == DocumentVersion.version_no))
        .join(Document, Document.id == DocumentVersion.document_id)
    )


def applies_in(region_code: str | None, wanted: str, issued_here_only: bool = False) -> bool:
    """Whether a document of ``region_code`` applies in ``wanted``: issued there or inside it,
    or (unless ``issued_here_only``) issued by a place containing it, or nationally."""
    from parsers.regions import is_within

    if not region_code:
        return False
    if is_within(region_code, wanted):
        return True
    return not issued_here_only and (region_code == "100000" or is_within(wanted, region_code))


def list_policies(session: Session, *, region: str | None = None, opc_only: bool = False,
                  since: date | None = None, limit: int = 50,
                  issued_here_only: bool = False) -> list[dict[str, Any]]:
    """The latest version of each policy's canonical document, newest publication first.

    ``region`` is a name, alias or code (苏州 / 320500 / 园区): documents that apply there — its
    sub-regions and, unless ``issued_here_only``, the province's and national ones; an unknown
    region raises ValueError. ``since`` keeps documents published on or after it.
    """
    # One row per policy: its canonical document (reposts, 解读 and reports are in `show`).
    copies = (select(func.count()).select_from(Document).where(Document.policy_id == PolicyRow.id)
              .correlate(PolicyRow).scalar_subquery())
    query: Any = (latest_versions().add_columns(copies)
                  .outerjoin(PolicyRow, PolicyRow.id == Document.policy_id)
                  .where(or_(PolicyRow.id.is_(None), PolicyRow.canonical_document_id == Document.id)))
    if opc_only:
        query = query.where(DocumentVersion.is_opc.is_(True))
    if since is not None:
        query = query.where(DocumentVersion.published >= since)
    query = query.order_by(DocumentVersion.published.desc().nulls_last(), Document.id.desc())
    if region is None:
        limited: Any = session.execute(query.limit(limit))
        return [with_sources(v, d, n) for v, d, n in limited]

    from parsers.regions import resolve_region

    wanted = resolve_region(region)
    if wanted is None:
        raise ValueError(f"unknown region {region!r}: give a name such as 苏州市 or a code such as 320500")
    rows: list[dict[str, Any]] = []
    # Containment lives in the region table, not in SQL, so filter while streaming.
    streamed: Any = session.execute(query)
    for version, document, sources in streamed:
        if applies_in(version.region_code, wanted.code, issued_here_only):
            rows.append(with_sources(version, document, sources))
            if len(rows) >= limit:
                break
    return rows


def event_row(event: ChangeEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "kind": event.kind,
        "key": event.key,
        "run_id": event.run_id,
        "document_id": event.document_id,
        "version_id": event.version_id,
        "previous_version_id": event.previous_version_id,
        "created_at": json_value(event.created_at),
        "region_code": event.region_code,
        "is_opc": event.is_opc,
        "amount_yuan": json_value(event.amount_yuan),
        "payload": event.payload,
    }


def get_policy(session: Session, ref: str) -> dict[str, Any] | None:
    """One document by id or URL (any spelling of it): latest record, versions and events."""
    ref = ref.strip()
    if ref.isdigit():
        document = session.get(Document, int(ref))
    else:
        document = session.scalars(
            select(Document).where(Document.canonical_url == canonicalize_url(ref))
        ).one_or_none()
    if document is None:
        return None
    versions = list(session.scalars(
        select(DocumentVersion).where(DocumentVersion.document_id == document.id)
        .order_by(DocumentVersion.version_no)
    ))
    if not versions:
        return None
    row = _policy_row(versions[-1], document)
    owner = session.get(PolicyRow, document.policy_id) if document.policy_id else None
    row["policy_key"] = owner.key if owner else None
    row["policy"] = _policy_group(session, owner) if owner else None
    row["record"] = versions[-1].record
    row["versions"] = [
        {"id": v.id, "version_no": v.version_no, "run_id": v.run_id, "created_at": json_value(v.created_at),
         "title": v.title, "content_hash": v.content_hash, "parser_version": v.parser_version,
         "max_amount_yuan": json_value(v.max_amount_yuan)}
        for v in versions
    ]
    condition = ChangeEvent.document_id == document.id
    if owner is not None:
        condition = condition | (ChangeEvent.policy_id == owner.id)
    events = session.scalars(select(ChangeEvent).where(condition).order_by(ChangeEvent.id))
    row["events"] = [event_row(e) for e in events]
    return row


def _policy_group(session: Session, owner: PolicyRow) -> dict[str, Any]:
    """The policy a document belongs to: its canonical document and every source that carried it."""
    documents = session.scalars(select(Document).where(Document.policy_id == owner.id).order_by(Document.id))
    return {
        "id": owner.id, "title": owner.title, "kind": owner.kind, "region_code": owner.region_code,
        "doc_number": owner.doc_number, "deadline": json_value(owner.deadline),
        "canonical_document_id": owner.canonical_document_id,
        "documents": [{"document_id": d.id, "url": d.canonical_url, "source_id": d.source_id, "kind": d.kind,
                       "canonical": d.id == owner.canonical_document_id, "evidence": d.link_evidence,
                       "first_seen_at": json_value(d.first_seen_at)} for d in documents],
    }


def list_events(session: Session, *, run_id: str | None = None, kind: str | None = None,
                limit: int | None = 100, opc_only: bool = False, since: date | None = None,
                until: date | None = None) -> list[dict[str, Any]]:
    """Change events, newest first; ``kind`` is exact (amount.changed) or a family (amount);
    ``opc_only`` filters in SQL, before the limit (a cap applied first would drop OPC events);
    ``since``/``until`` bound the day the event was recorded. ``limit=None``: every event."""
    query = select(ChangeEvent)
    if run_id is not None:
        query = query.where(ChangeEvent.run_id == run_id)
    if kind:
        query = query.where(ChangeEvent.kind.startswith(f"{kind}.") if "." not in kind
                            else ChangeEvent.kind == kind)
    if opc_only:
        query = query.where(ChangeEvent.is_opc.is_(True))
    if since is not None:
        query = query.where(ChangeEvent.created_at >= datetime.combine(since, datetime.min.time()))
    if until is not None:
        query = query.where(ChangeEvent.created_at <= datetime.combine(until, datetime.max.time()))
    query = query.order_by(ChangeEvent.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return [event_row(e) for e in session.scalars(query)]


def run_summary(session: Session, run_id: str) -> dict[str, Any]:
    """What one run did: its pages by type and parse status, versions, events, deliveries."""
    run = session.get(Run, run_id)
    pages: Counter[str] = Counter()
    page_status: Counter[str] = Counter()
    for page_type, status, count in session.execute(
        select(RawPage.page_type, RawPage.parse_status, func.count())
        .where(RawPage.run_id == run_id).group_by(RawPage.page_type, RawPage.parse_status)
    ):
        pages[page_type] += count
        if page_type == "detail":
            page_status[status] += count
    events = dict(session.execute(
        select(ChangeEvent.kind, func.count()).where(ChangeEvent.run_id == run_id)
        .group_by(ChangeEvent.kind).order_by(ChangeEvent.kind)
    ).all())
    deliveries = dict(session.execute(
        select(Delivery.status, func.count()).join(ChangeEvent, ChangeEvent.id == Delivery.event_id)
        .where(ChangeEvent.run_id == run_id).group_by(Delivery.status).order_by(Delivery.status)
    ).all())
    versions = session.scalar(select(func.count()).select_from(DocumentVersion)
                              .where(DocumentVersion.run_id == run_id)) or 0
    health = session.scalars(select(SourceHealth).where(SourceHealth.run_id == run_id)
                             .order_by(SourceHealth.source_id))
    return {
        "run_id": run_id,
        "kind": run.kind if run else None,
        "status": run.status if run else None,
        "params": run.params if run else {},
        "started_at": json_value(run.started_at) if run else None,
        "finished_at": json_value(run.finished_at) if run else None,
        "pages": {"total": sum(pages.values()), "by_type": dict(pages), "detail_by_status": dict(page_status)},
        "versions": versions,
        "events": {"total": sum(events.values()), "by_kind": events},
        "deliveries": {"total": sum(deliveries.values()), "by_status": deliveries},
        "sources": [{"source_id": h.source_id, "state": h.state, "pages": h.pages, "items": h.items,
                     "errors": h.errors, "message": h.message} for h in health],
    }


def alert_accounting(session: Session, run_id: str, subscription: str) -> dict[str, int]:
    """Alerts a subscription was sent for a run's events, and the distinct policy-level changes
    behind them ((policy, kind, key)): equal when no policy reached the subscriber twice."""
    rows = session.execute(
        select(ChangeEvent.policy_id, ChangeEvent.document_id, ChangeEvent.kind, ChangeEvent.key)
        .join(Delivery, Delivery.event_id == ChangeEvent.id)
        .join(Subscription, Subscription.id == Delivery.subscription_id)
        .where(ChangeEvent.run_id == run_id, Subscription.name == subscription, Delivery.status == "sent")
    ).all()
    changes = {(policy_id if policy_id is not None else f"d{document_id}", kind, key)
               for policy_id, document_id, kind, key in rows}
    return {"alerts": len(rows), "policy_changes": len(changes)}
