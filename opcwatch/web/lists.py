"""The two filterable lists of the web app: policies (政策) and change events (动态).

Filters run in SQL so a page of 50 out of 10,000 policies costs one query plus a count. Region
containment lives in the region table, not in SQL: the few distinct region codes stored are
matched in Python with the alerts' own rule (alerts.plan.region_matches — "applies there": the
place, its sub-regions and, unless ``here_only``, the province's and national documents) and
the query gets them as an ``IN`` list.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from alerts.plan import region_matches
from models.queries import _event_row, _latest_versions, _with_sources
from models.tables import ChangeEvent, Document, DocumentVersion, PolicyRow
from opcwatch.web.filters import EventFilter, PolicyFilter


def _codes_applying(session: Session, column: Any, wanted: str, here_only: bool) -> list[str]:
    stored: Any = session.scalars(select(column).distinct().where(column.is_not(None)))
    return [code for code in stored if region_matches(code, [wanted], here_only)]


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _policy_query(session: Session, f: PolicyFilter) -> Select[Any]:
    copies = (select(func.count()).select_from(Document).where(Document.policy_id == PolicyRow.id)
              .correlate(PolicyRow).scalar_subquery())
    # One row per policy: its canonical document (reposts, 解读 and reports are on its page).
    query: Any = (_latest_versions().add_columns(copies)
                  .outerjoin(PolicyRow, PolicyRow.id == Document.policy_id)
                  .where(or_(PolicyRow.id.is_(None), PolicyRow.canonical_document_id == Document.id)))
    if f.opc:
        query = query.where(DocumentVersion.is_opc.is_(True))
    if f.q:
        pattern = _like(f.q)
        query = query.where(or_(DocumentVersion.title.ilike(pattern, escape="\\"),
                                PolicyRow.doc_number.ilike(pattern, escape="\\")))
    if f.region:
        query = query.where(DocumentVersion.region_code.in_(
            _codes_applying(session, DocumentVersion.region_code, f.region, f.here_only)))
    if f.kind:
        query = query.where(Document.kind == f.kind)
    if f.since:
        query = query.where(DocumentVersion.published >= f.since)
    if f.until:
        query = query.where(DocumentVersion.published <= f.until)
    if f.min_amount is not None:
        query = query.where(DocumentVersion.max_amount_yuan >= f.min_amount)
    return query


_POLICY_ORDER: dict[str, tuple[Any, ...]] = {
    "date": (DocumentVersion.published.desc().nulls_last(), Document.id.desc()),
    "date_asc": (DocumentVersion.published.asc().nulls_last(), Document.id.asc()),
    "amount": (DocumentVersion.max_amount_yuan.desc().nulls_last(), Document.id.desc()),
    "title": (DocumentVersion.title.asc(), Document.id.asc()),
}


def search_policies(session: Session, f: PolicyFilter, *, everything: bool = False) -> tuple[list[dict[str, Any]], int]:
    """One page of policies matching ``f`` and how many match in all; ``everything`` for exports."""
    query = _policy_query(session, f)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    query = query.order_by(*_POLICY_ORDER[f.sort])
    if not everything:
        query = query.offset((f.page - 1) * f.per).limit(f.per)
    found: Any = session.execute(query)
    rows = [_with_sources(version, document, sources) for version, document, sources in found]
    return rows, int(total)


def _start(day: Any) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def search_events(session: Session, f: EventFilter, *, everything: bool = False,
                  limit: int | None = None) -> tuple[list[dict[str, Any]], int]:
    """Change events matching ``f``, newest first, with the title of the version behind each."""
    query: Any = select(ChangeEvent, DocumentVersion.title, Document.kind).join(
        DocumentVersion, DocumentVersion.id == ChangeEvent.version_id).join(
        Document, Document.id == ChangeEvent.document_id)
    if f.opc:
        query = query.where(ChangeEvent.is_opc.is_(True))
    if f.kind:
        query = query.where(ChangeEvent.kind == f.kind if "." in f.kind else ChangeEvent.kind.startswith(f"{f.kind}."))
    if f.doc_kind:
        query = query.where(or_(ChangeEvent.doc_kind == f.doc_kind,
                                ChangeEvent.doc_kind.is_(None) & (Document.kind == f.doc_kind)))
    if f.q:
        query = query.where(DocumentVersion.title.ilike(_like(f.q), escape="\\"))
    if f.region:
        query = query.where(ChangeEvent.region_code.in_(
            _codes_applying(session, ChangeEvent.region_code, f.region, False)))
    if f.since:
        query = query.where(ChangeEvent.created_at >= _start(f.since))
    if f.until:
        query = query.where(ChangeEvent.created_at < _start(f.until.fromordinal(f.until.toordinal() + 1)))
    if f.min_amount is not None:
        query = query.where(ChangeEvent.amount_yuan >= f.min_amount)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    query = query.order_by(ChangeEvent.id.desc())
    if limit is not None:
        query = query.limit(limit)
    elif not everything:
        query = query.offset((f.page - 1) * f.per).limit(f.per)
    rows = []
    found: Any = session.execute(query)
    for event, title, doc_kind in found:
        row = _event_row(event)
        row["title"] = (event.payload or {}).get("title") or title
        row["doc_kind"] = event.doc_kind or doc_kind
        rows.append(row)
    return rows, int(total)
