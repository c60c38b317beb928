"""The two filterable lists of the web app: policies (政策) and change events (动态).

Policies are filtered, sorted and paged over the small in-memory index (opcwatch/web/index.py),
then the page's rows are read by primary key; events are filtered in SQL (their table is
indexed by id, the order of the timeline). Region containment lives in the region table, not in
SQL: the few distinct region codes stored are matched in Python with the alerts' own rule
(alerts.plan.region_matches — "applies there": the place, its sub-regions and, unless
``here_only``, the province's and national documents).
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from alerts.plan import region_matches
from models.queries import event_row, with_sources
from models.tables import ChangeEvent, Document, DocumentVersion
from opcwatch.web.filters import EventFilter, PolicyFilter
from opcwatch.web.index import Entry, policy_entries


def _codes_applying(session: Session, column: Any, wanted: str, here_only: bool) -> list[str]:
    stored: Any = session.scalars(select(column).distinct().where(column.is_not(None)))
    return [code for code in stored if region_matches(code, [wanted], here_only)]


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _sorted(entries: list[Entry], sort: str) -> list[Entry]:
    if sort == "title":
        return sorted(entries, key=lambda e: (e.title, e.document_id))
    if sort == "amount":
        return sorted(entries, key=lambda e: (e.max_amount is not None, e.max_amount or 0, e.document_id), reverse=True)
    dated = sorted((e for e in entries if e.published is not None), key=lambda e: (e.published, e.document_id),
                   reverse=sort == "date")
    undated = sorted((e for e in entries if e.published is None), key=lambda e: e.document_id,
                     reverse=sort == "date")
    return dated + undated  # undated last either way, as NULLS LAST


def _matching(entries: list[Entry], f: PolicyFilter) -> list[Entry]:
    if f.region:
        codes = {e.region_code for e in entries if e.region_code}
        applying = {code for code in codes if region_matches(code, [f.region], f.here_only)}
    needle = f.q.casefold() if f.q else None
    return [e for e in entries
            if (not f.opc or e.is_opc)
            and (needle is None or needle in e.folded)
            and (not f.region or e.region_code in applying)
            and (not f.kind or e.kind == f.kind)
            and (not f.since or (e.published is not None and e.published >= f.since))
            and (not f.until or (e.published is not None and e.published <= f.until))
            and (f.min_amount is None or (e.max_amount is not None and e.max_amount >= f.min_amount))]


def search_policies(session: Session, f: PolicyFilter, database_url: str, *,
                    everything: bool = False) -> tuple[list[dict[str, Any]], int]:
    """One page of policies matching ``f`` and how many match in all; ``everything`` for exports."""
    matching = _sorted(_matching(policy_entries(session, database_url), f), f.sort)
    page = matching if everything else matching[(f.page - 1) * f.per:f.page * f.per]
    ids = [e.version_id for e in page]
    found: dict[int, Any] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows: Any = session.execute(select(DocumentVersion, Document).join(
            Document, Document.id == DocumentVersion.document_id).where(DocumentVersion.id.in_(chunk)))
        for version, document in rows:
            found[version.id] = (version, document)
    policy_ids = sorted({document.policy_id for _version, document in found.values() if document.policy_id})
    copies: dict[int, int] = {}
    for start in range(0, len(policy_ids), 500):
        counted: Any = session.execute(select(Document.policy_id, func.count()).where(
            Document.policy_id.in_(policy_ids[start:start + 500])).group_by(Document.policy_id))
        copies.update(dict(counted.all()))
    # A version deleted between the index and this read is left out rather than failing the page.
    return [with_sources(found[i][0], found[i][1], copies.get(found[i][1].policy_id)) for i in ids if i in found], \
        len(matching)


def _start(day: Any) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def search_events(session: Session, f: EventFilter, *, everything: bool = False,
                  limit: int | None = None) -> tuple[list[dict[str, Any]], int]:
    """Change events matching ``f``, newest first. The (large) version rows are joined only for a
    keyword search: the event's payload carries the title it was raised with."""
    query: Any = select(ChangeEvent, Document.kind).join(Document, Document.id == ChangeEvent.document_id)
    if f.opc:
        query = query.where(ChangeEvent.is_opc.is_(True))
    if f.kind:
        query = query.where(ChangeEvent.kind == f.kind if "." in f.kind else ChangeEvent.kind.startswith(f"{f.kind}."))
    if f.doc_kind:
        query = query.where(or_(ChangeEvent.doc_kind == f.doc_kind,
                                ChangeEvent.doc_kind.is_(None) & (Document.kind == f.doc_kind)))
    if f.q:
        query = query.join(DocumentVersion, DocumentVersion.id == ChangeEvent.version_id).where(
            DocumentVersion.title.ilike(_like(f.q), escape="\\"))
    if f.region:
        query = query.where(ChangeEvent.region_code.in_(
            _codes_applying(session, ChangeEvent.region_code, f.region, False)))
    if f.since:
        query = query.where(ChangeEvent.created_at >= _start(f.since))
    if f.until:
        query = query.where(ChangeEvent.created_at < _start(f.until.fromordinal(f.until.toordinal() + 1)))
    if f.min_amount is not None:
        query = query.where(ChangeEvent.amount_yuan >= f.min_amount)
    # A feed (limit) needs no total: skip the count.
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0 if limit is None else 0
    query = query.order_by(ChangeEvent.id.desc())
    if limit is not None:
        query = query.limit(limit)
    elif not everything:
        query = query.offset((f.page - 1) * f.per).limit(f.per)
    rows = []
    found: Any = session.execute(query)
    for event, doc_kind in found:
        row = event_row(event)
        row["title"] = (event.payload or {}).get("title") or ""
        row["doc_kind"] = event.doc_kind or doc_kind
        rows.append(row)
    return rows, int(total)
